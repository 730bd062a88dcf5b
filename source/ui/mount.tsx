/**
 * Mounts the console on given streams without touching the terminal modes: runConsole adds the
 * alternate screen and the exit handling; the test harness and the benchmark mount directly.
 */
import React from 'react';
import {render, type Instance} from 'ink';
import {ConsoleController, type StatusTimer} from './controller/ConsoleController.js';
import type {KeyRegistry} from './keys/KeyRegistry.js';
import {loadKeyRegistry} from './keys/userBindings.js';
import type {ConsoleSource} from './model/ConsoleSource.js';
import {ListViews} from './state/listViews.js';
import {initialUiState, UiStore} from './state/uiState.js';
import {readSettings, settingsOf, withSettings, writeSettings} from './state/OperatorSettings.js';
import {ConsoleApp} from './view/ConsoleApp.js';

export interface MountOptions {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr?: NodeJS.WriteStream;
	readonly noColor: boolean;
	/** keys.json to read; default `$XDG_CONFIG_HOME/npiv-console/keys.json`. */
	readonly keysFile?: string;
	/** Use this registry instead of reading a keys file. */
	readonly registry?: KeyRegistry;
	/** Ink's frame rate cap (0: write every frame at once, as tests want). */
	readonly maxFps?: number;
	/** Minimum ms between frames caused by model changes (default 50; 0 for tests). */
	readonly modelFrameMs?: number;
	/** Expires status messages (default the wall clock); tests pass one they fire themselves. */
	readonly statusTimer?: StatusTimer;
	/** Where the operator's settings are kept (OperatorSettings): read now, written by saveSettings(). */
	readonly settingsFile?: string;
}

export interface ConsoleExit {
	readonly code: number;
	readonly error?: unknown;
}

export interface MountedConsole {
	readonly instance: Instance;
	readonly registry: KeyRegistry;
	readonly store: UiStore;
	readonly controller: ConsoleController;
	/** Settles when the operator quits (or the app crashes); the app is still mounted then. */
	readonly exited: Promise<ConsoleExit>;
	/** Keeps what the operator set for the next console on this store (no settings file: nothing). */
	saveSettings(): void;
}

export function mountConsole(source: ConsoleSource, opts: MountOptions): MountedConsole {
	const loaded = opts.registry ? {registry: opts.registry, problems: [], message: null} : loadKeyRegistry(opts.keysFile);
	const store = new UiStore(
		withSettings(
			initialUiState({
				cols: opts.stdout.columns || 80,
				rows: opts.stdout.rows || 24,
				noColor: opts.noColor,
				status: loaded.message ? {level: 'warn', text: loaded.message} : null,
				keyProblems: loaded.problems,
			}),
			opts.settingsFile ? readSettings(opts.settingsFile) : undefined,
		),
	);
	let settle!: (exit: ConsoleExit) => void;
	const exited = new Promise<ConsoleExit>(resolve => {
		settle = resolve;
	});
	const views = new ListViews();
	const controller = new ConsoleController({
		source,
		store,
		registry: loaded.registry,
		views,
		exit: (code, error) => settle(error === undefined ? {code} : {code, error}),
		// OSC 52: the terminal (and tmux with set-clipboard on, or over ssh) sets its clipboard.
		clipboard: text => void opts.stdout.write(`\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`),
		...(opts.statusTimer ? {timer: opts.statusTimer} : {}),
	});
	const instance = render(<ConsoleApp source={source} registry={loaded.registry} store={store} controller={controller} views={views} noColor={opts.noColor} modelFrameMs={opts.modelFrameMs ?? 50} />, {
		stdin: opts.stdin,
		stdout: opts.stdout,
		...(opts.stderr ? {stderr: opts.stderr} : {}),
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: opts.maxFps ?? 60,
	});
	// A render error: Ink unmounts and rejects.
	instance.waitUntilExit().then(
		() => settle({code: 0}),
		(error: unknown) => settle({code: 1, error}),
	);
	const saveSettings = (): void => {
		if (opts.settingsFile) writeSettings(opts.settingsFile, settingsOf(store.getState()));
	};
	return {instance, registry: loaded.registry, store, controller, exited, saveSettings};
}

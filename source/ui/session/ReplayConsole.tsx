/**
 * The real console, built for a replay: the console's own component tree (ConsoleApp, the
 * controller, the UI store) over a ConsoleSource that the caller builds for each replay.
 *
 * A replay always uses the default key bindings, never the user's keys.json: a session names
 * keys, and the same session must do the same thing on every machine.
 */
import React from 'react';
import type {DriverStart} from '../../session/SessionDriver.js';
import type {TerminalSize} from '../../session/SessionFormat.js';
import {ConsoleController} from '../controller/ConsoleController.js';
import {keyName, type KeyName} from '../../session/KeyNames.js';
import {KeyRegistry} from '../keys/KeyRegistry.js';
import type {ConsoleSource} from '../model/ConsoleSource.js';
import {ListViews} from '../state/listViews.js';
import {initialUiState, UiStore} from '../state/uiState.js';
import {ConsoleApp} from '../view/ConsoleApp.js';
import type {InkConsole, InkDriverOptions} from './InkSessionDriver.js';
import {paneText} from './PaneText.js';

/**
 * A ConsoleSource whose simulated clock the replay drives: it must not follow the wall clock
 * (no ticker, and the console's clock pause/resume keys must not start one).
 */
export interface ReplayableSource extends ConsoleSource {
	advance(ms: number): void | Promise<void>;
	/** Runs the SAN until nothing is pending (a session's `wait idle`); the simulated ms that passed. */
	runUntilIdle?(): number;
	dispose?(): void;
	/** Resolves when no action is waiting (for the store's lock, say) and every save is written. */
	settled?(): Promise<void>;
}

/**
 * Builds the SAN for one replay. `start` is a scenario name, an in-memory store document, or
 * (only with --apply) a store file the source may save to; see session/SessionDriver.ts.
 */
export type ReplaySourceFactory = (start: DriverStart, seed: number, size: TerminalSize) => ReplayableSource | Promise<ReplayableSource>;

export interface ConsoleDriverOptions extends InkDriverOptions {
	readonly noColor?: boolean;
	/** Bindings to replay with; default the built-in ones (see above). */
	readonly registry?: KeyRegistry;
	/**
	 * live (default): the console stays mounted and draws after every step, exactly as on a
	 * terminal. on-demand: it draws only when a frame is looked at (OnDemandConsoleDriver), for
	 * fast headless replays, checks and benchmarks.
	 */
	readonly render?: 'live' | 'on-demand';
}

export interface ConsoleUnderReplay extends InkConsole {
	readonly source: ReplayableSource;
	readonly store: UiStore;
	readonly controller: ConsoleController;
}

export function buildConsole(source: ReplayableSource, size: TerminalSize, options: ConsoleDriverOptions = {}): ConsoleUnderReplay {
	const noColor = options.noColor ?? false;
	const registry = options.registry ?? KeyRegistry.defaults();
	const store = new UiStore(initialUiState({cols: size.cols, rows: size.rows, noColor}));
	const views = new ListViews();
	// quitting ends a live console; in a replay the screen simply stays as it is
	const controller = new ConsoleController({source, store, registry, views, exit: () => {}});
	const open = sessionKey(registry.keysFor('prompt.command')[0]!);
	const submit = sessionKey(registry.keysFor('prompt.submit')[0]!);
	return {
		source,
		store,
		controller,
		element: <ConsoleApp source={source} registry={registry} store={store} controller={controller} views={views} noColor={noColor} />,
		advance: ms => source.advance(ms),
		settle: () => source.runUntilIdle?.() ?? 0,
		runKeys: line => [open, ...Array.from(line, ch => keyName(ch === ' ' ? 'space' : ch)), submit],
		paneText: pane => paneText(source.getSnapshot(), pane),
		settled: () => source.settled?.() ?? Promise.resolve(),
		dispose: () => {
			controller.dispose();
			source.dispose?.();
		},
	};
}

/** The console's key names (`esc`, `ctrl+w`, `shift+tab`) in the sessions' spelling. */
function sessionKey(name: string): KeyName {
	return keyName(name);
}

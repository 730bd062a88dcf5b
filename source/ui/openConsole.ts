/**
 * `npiv` with no command (or `npiv ui`): open the store, boot its SAN, run the console on the
 * terminal, and on the way out stop the clock and the store watcher and finish the last save.
 *
 * The store is opened before the terminal is touched, so that a bad store is a plain message and
 * exit 1. A big store (thousands of virtual ports) boots after the console is on screen, which
 * shows that it is booting; a small one boots first.
 */
import path from 'node:path';
import type {GlobalOptions} from '../commands/GlobalOptions.js';
import {isStoreError, openStore, type Store, type StoreDocument} from '../store/index.js';
import {NEEDS_TTY, runConsole} from './runConsole.js';
import {WorldConsoleSource} from './live/WorldConsoleSource.js';
import {recordConsoleSession} from './session/ConsoleRecorder.js';

export interface OpenConsoleOptions {
	/**
	 * `--record FILE`: record the session and write it to FILE when the console exits. '' (what
	 * cli.tsx passes without --record) or absent: record in memory only, so that `:session save
	 * FILE` can still write the session so far. Either way the recording is started (below).
	 */
	readonly record?: string;
	/** Words after `ui`; the console takes none. */
	readonly args: readonly string[];
}

/**
 * The hook for `--record FILE` and `:session save FILE` (the sessions layer's recorder by
 * default): told when the console starts, with the source and the document it booted, and given
 * the chance to see the keys by handing back its own stdin; finished when the console exits, to
 * write the session file. Without --record it is started with file '' (record in memory only).
 */
export interface ConsoleRecording {
	start(ctx: {
		readonly file: string;
		readonly source: WorldConsoleSource;
		readonly document: StoreDocument;
		readonly stdin: NodeJS.ReadStream;
		readonly size: {readonly cols: number; readonly rows: number};
	}): {readonly stdin?: NodeJS.ReadStream} | void;
	finish(exitCode: number): Promise<void>;
}

export type ConsoleRecorderFactory = (file: string) => ConsoleRecording;

let recorderFactory: ConsoleRecorderFactory | undefined = recordConsoleSession;

/** Installs what `--record FILE` uses (undefined: no recording, and --record is refused). */
export function setConsoleRecorder(factory: ConsoleRecorderFactory | undefined): void {
	recorderFactory = factory;
}

/** Stores with more virtual ports than this boot with the console already on screen. */
export const BOOT_IN_VIEW_VPORTS = 5000;

export interface ConsoleStreams {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
}

export async function openConsole(globals: GlobalOptions, opts: OpenConsoleOptions, streams: ConsoleStreams = process): Promise<number> {
	const {stdin, stdout, stderr} = streams;
	if (opts.args.length > 0) {
		stderr.write(`npiv ui: unexpected '${opts.args.join(' ')}' (the console takes no arguments)\n`);
		return 2;
	}
	// Only a file asked for is refused: without a recorder, `:session save` is simply not there.
	if (opts.record !== undefined && opts.record !== '' && !recorderFactory) {
		stderr.write('npiv: --record is not available in this build\n');
		return 2;
	}
	let store: Store;
	try {
		store = await openStore(globals.statePath, {seed: globals.seed});
	} catch (error) {
		if (!isStoreError(error)) throw error;
		stderr.write(`npiv: ${(error as Error).message}\n`);
		return 1;
	}
	if (!stdout.isTTY || !stdin.isTTY) {
		stderr.write(NEEDS_TTY + '\n');
		return 2;
	}
	const document = store.document;
	const vports = document.lab.hosts.reduce((n, h) => n + h.npivPorts.length, 0);
	const bootInView = vports > BOOT_IN_VIEW_VPORTS;
	const source = new WorldConsoleSource({
		document,
		store,
		storeFile: displayPath(globals.statePath),
		globals: {...globals, json: false},
		boot: !bootInView,
	});
	// '' records in memory only (for `:session save FILE`); finish() then writes nothing.
	const file = opts.record ?? '';
	const recording = recorderFactory?.(file);
	const hooked = recording?.start({file, source, document, stdin, size: {cols: stdout.columns || 80, rows: stdout.rows || 24}});
	let bootTimer: ReturnType<typeof setTimeout> | undefined;
	if (bootInView) {
		// Let the console draw its first frame (which says it is booting) before the long boot.
		bootTimer = setTimeout(() => {
			source.boot();
			source.start();
		}, 100);
	} else {
		source.start();
	}
	let code = 1;
	try {
		code = await runConsole(source, {stdin: hooked?.stdin ?? stdin, stdout, stderr, noColor: globals.noColor});
	} finally {
		if (bootTimer) clearTimeout(bootTimer);
		await source.close();
		if (recording) await recording.finish(code);
	}
	return code;
}

/** The store file as the header shows it: relative to where the console was started, when inside it. */
function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

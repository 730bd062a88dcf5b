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
import {outputFileProblem} from '../store/OutputFile.js';
import {shown} from '../commands/ShownValue.js';
import {NEEDS_TTY, runConsole} from './runConsole.js';
import {WorldConsoleSource} from './live/WorldConsoleSource.js';
import {recordConsoleSession} from './session/ConsoleRecorder.js';
import {findServer, type ServerConnection} from '../lab/serve/LabClient.js';
import {IDLE_EXIT_SECONDS, startDetachedServer} from '../lab/serve/LabCommand.js';
import {LabServer, ServeError} from '../lab/serve/LabServer.js';
import {serveFilesFor} from '../lab/serve/ServeFiles.js';
import type {ServerHello} from '../lab/serve/ServeProtocol.js';
import {AttachedConsole} from './live/AttachedConsole.js';
import {ConsoleServedLab} from './live/ConsoleServedLab.js';
import {settingsFileFor} from './state/OperatorSettings.js';

export interface OpenConsoleOptions {
	/**
	 * `--record FILE`: record the session and write it to FILE when the console exits. '' (what
	 * cli.tsx passes without --record) or absent: record in memory only, so that `:session save
	 * FILE` can still write the session so far. Either way the recording is started (below).
	 */
	readonly record?: string;
	/** Words after `ui`; the console takes none. */
	readonly args: readonly string[];
	/**
	 * Serve the lab to other processes, or attach to the console or server that serves it
	 * (default true; `--no-server`: neither).
	 */
	readonly serve?: boolean;
	/** This program's script, to start a headless server when the console hands the lab over. */
	readonly script?: string;
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
	// The recording is written when the console exits: a path it cannot be written to is said now,
	// before the terminal is taken, not after an hour's session.
	const recordProblem = opts.record ? outputFileProblem(opts.record) : undefined;
	if (opts.record && recordProblem !== undefined) {
		stderr.write(`npiv: --record ${shown(opts.record)}: cannot write the session there: ${shown(recordProblem)}\n`);
		return 1;
	}
	const serve = opts.serve ?? true;
	if (serve) {
		const found = await findServer(globals.statePath);
		if (found.kind === 'unusable') stderr.write(`npiv: ${found.why}; opening the store here\n`);
		if (found.kind === 'server') {
			if (!stdout.isTTY || !stdin.isTTY) {
				found.connection.close();
				stderr.write(NEEDS_TTY + '\n');
				return 2;
			}
			if (opts.record) {
				found.connection.close();
				stderr.write(`npiv: --record needs the lab in this process, and ${found.hello.store} is served by pid ${found.hello.pid}: quit that console (or 'npiv lab stop'), or add --no-server\n`);
				return 2;
			}
			return attachConsole(globals, found, streams);
		}
	}
	let store: Store;
	// Waiting for another process's lock on the store: said on stderr until the console is on
	// screen, then in its status line (a line on stderr would land inside the console's frame).
	let lockWait = (line: string): void => void stderr.write(`${line}\n`);
	try {
		store = await openStore(globals.statePath, {seed: globals.seed, onLockWait: line => lockWait(line)});
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
	lockWait = line => source.inform(line.replace(/^npiv: /, ''));
	const serving = new ConsoleServing(globals, source);
	let bootTimer: ReturnType<typeof setTimeout> | undefined;
	if (bootInView) {
		// Let the console draw its first frame (which says it is booting) before the long boot.
		bootTimer = setTimeout(() => {
			source.boot();
			source.start();
			if (serve) void serving.start();
		}, 100);
	} else {
		source.start();
		if (serve) await serving.start();
	}
	let code = 1;
	let consoles = 0;
	try {
		code = await runConsole(source, {stdin: hooked?.stdin ?? stdin, stdout, stderr, noColor: globals.noColor, settingsFile: settingsFileFor(globals.statePath)});
	} finally {
		if (bootTimer) clearTimeout(bootTimer);
		consoles = await serving.stop();
		await source.close({keepClock: consoles > 0});
		if (recording) await recording.finish(code);
	}
	if (consoles > 0 && opts.script) {
		// Consoles still attached: the lab goes on without this one, saved as it was left.
		const started = await startDetachedServer(globals, {script: opts.script}, IDLE_EXIT_SECONDS);
		if ('error' in started) stderr.write(`npiv: ${consoles} console${consoles === 1 ? ' is' : 's are'} still attached, but no server could take the lab over: ${started.error}\n`);
		else stderr.write(`npiv: ${consoles} console${consoles === 1 ? ' is' : 's are'} still attached: the lab goes on in a headless server (pid ${started.pid}); 'npiv lab stop' ends it\n`);
	}
	return code;
}

/** The serving side of a console: its lab on the store's socket, for commands and other consoles. */
class ConsoleServing {
	private server: LabServer | undefined;

	constructor(
		private readonly globals: GlobalOptions,
		private readonly source: WorldConsoleSource,
	) {}

	async start(): Promise<void> {
		const source = this.source;
		try {
			this.server = await LabServer.listen(serveFilesFor(this.globals.statePath), new ConsoleServedLab(source), {
				onStopRequest: () => void this.stop().then(() => source.inform("stopped serving the lab ('npiv lab stop'): commands elsewhere run on their own again")),
				onClients: clients => source.setServing({role: 'serving', by: 'console', pid: process.pid, clients}),
			});
			source.setServing({role: 'serving', by: 'console', pid: process.pid, clients: 0});
		} catch (error) {
			if (!(error instanceof ServeError)) throw error;
			source.inform(`not serving the lab: ${error.message}`);
		}
	}

	/** Stops serving; how many consoles were still attached. */
	async stop(): Promise<number> {
		const server = this.server;
		if (!server) return 0;
		this.server = undefined;
		const consoles = server.consoles;
		await server.close();
		this.source.setServing(undefined);
		return consoles;
	}
}

/** A console on a store another process serves: a replica of its lab, kept live by the server. */
async function attachConsole(globals: GlobalOptions, found: {readonly connection: ServerConnection; readonly hello: ServerHello}, streams: ConsoleStreams): Promise<number> {
	const {stdin, stdout, stderr} = streams;
	const attached = await AttachedConsole.open(globals, found, displayPath(globals.statePath));
	if ('error' in attached) {
		stderr.write(`npiv: cannot attach to the lab server of ${found.hello.store} (pid ${found.hello.pid}): ${attached.error}\n`);
		return 1;
	}
	try {
		return await runConsole(attached.console, {stdin, stdout, stderr, noColor: globals.noColor, settingsFile: settingsFileFor(globals.statePath)});
	} finally {
		attached.close();
	}
}

/** The store file as the header shows it: relative to where the console was started, when inside it. */
function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

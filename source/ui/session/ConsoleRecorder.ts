/**
 * Records what a person does at the live console as a session: every key (as Ink reads it from
 * the terminal) with the simulated time that passed before it as a `wait`, and every resize. The
 * session starts from the store document the console booted, embedded, so it replays the same
 * wherever the store has gone since. `--record FILE` writes it when the console exits;
 * `:session save FILE` writes what happened so far.
 *
 * Keys are taken where Ink reads them (a wrapper around stdin's read()), at the moment the
 * console handles them, so the simulated clock read then is the clock the key acted at. Each
 * key is recorded as its own step: a replay presses it at the same simulated time, which is
 * what makes the replay's SAN the live one.
 */
import {keyName as sessionKeyName} from '../../session/KeyNames.js';
import {MIN_COLS, MIN_ROWS, type SessionHeader} from '../../session/SessionFormat.js';
import {SessionRecorder} from '../../session/SessionRecorder.js';
import {writeSessionFile} from '../../session/SessionFiles.js';
import {encodeDocument, type StoreDocument} from '../../store/index.js';
import {normaliseInput} from '../keys/keyNames.js';
import type {ConsoleSource} from '../model/ConsoleSource.js';
import type {ConsoleRecorderFactory, ConsoleRecording} from '../openConsole.js';
import {KeyProbe} from './KeyProbe.js';
import {installSessionSave} from './SessionSaveCommand.js';

export interface RecorderStart {
	/** `--record FILE`, or '' to keep the session in memory for `:session save`. */
	readonly file: string;
	readonly source: ConsoleSource;
	readonly document: StoreDocument;
	readonly stdin: NodeJS.ReadStream;
	readonly size: {readonly cols: number; readonly rows: number};
	/** Where resizes come from; default process.stdout. */
	readonly stdout?: NodeJS.WriteStream;
}

/** For openConsole's setConsoleRecorder: `--record FILE`; '' records for `:session save` only. */
export const recordConsoleSession: ConsoleRecorderFactory = file => new ConsoleSessionRecording(file);

export class ConsoleSessionRecording implements ConsoleRecording {
	private recorder: SessionRecorder | undefined;
	private source: ConsoleSource | undefined;
	private probe: KeyProbe | undefined;
	private lastClock = 0;
	private tooSmall = false;
	/** Keys of the chunk Ink is reading now were recorded; Ink handles them before it reads again. */
	private keyPending = false;
	private inChunk = false;
	private stdout: NodeJS.WriteStream | undefined;
	private readonly onResize = (): void => {
		const out = this.stdout!;
		this.resized(out.columns || MIN_COLS, out.rows || MIN_ROWS);
	};

	constructor(readonly file: string) {}

	start(ctx: RecorderStart): {readonly stdin: NodeJS.ReadStream} {
		this.source = ctx.source;
		this.lastClock = ctx.source.getSnapshot().header.clock;
		this.awaitBoot(ctx.source);
		const fits = ctx.size.cols >= MIN_COLS && ctx.size.rows >= MIN_ROWS;
		// a session's size is at least 80x24; keys pressed while the terminal is smaller do nothing, and are left out
		this.tooSmall = !fits;
		const header: SessionHeader = {
			start: {kind: 'embedded', document: encodeDocument(ctx.document).trimEnd()},
			seed: ctx.document.seed,
			size: fits ? {cols: Math.min(ctx.size.cols, 500), rows: Math.min(ctx.size.rows, 500)} : {cols: MIN_COLS, rows: MIN_ROWS},
			speed: 1,
		};
		this.recorder = new SessionRecorder(header, {typeRuns: false});
		this.probe = new KeyProbe((input, key) => {
			for (const press of normaliseInput(input, key)) this.key(press.name);
		});
		installSessionSave(ctx.source, {save: file => this.saveTo(file)});
		this.stdout = ctx.stdout ?? process.stdout;
		this.stdout.on('resize', this.onResize);
		return {
			stdin: tapStdin(
				ctx.stdin,
				chunk => {
					this.inChunk = true;
					try {
						this.probe?.send(chunk);
					} finally {
						this.inChunk = false;
					}
				},
				() => this.keysHandled(),
			),
		};
	}

	async finish(_exitCode: number): Promise<void> {
		this.stdout?.off('resize', this.onResize);
		this.probe?.dispose();
		this.probe = undefined;
		if (this.file === '' || !this.recorder) return;
		const problem = this.saveTo(this.file);
		if (problem) process.stderr.write(`npiv: --record ${this.file}: ${problem}\n`);
	}

	/** The session so far (tests, `:session save`). */
	text(): string {
		return this.recorder?.text() ?? '';
	}

	private saveTo(file: string): string | undefined {
		try {
			writeSessionFile(file, this.text());
			return undefined;
		} catch (error) {
			const e = error as NodeJS.ErrnoException;
			return e.code === 'ENOENT' ? 'no such folder' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a folder' : e.message;
		}
	}

	/**
	 * A big store boots after the console is on screen, and the boot runs simulated time; a replay
	 * starts from the booted SAN, so the time is counted from the end of the boot.
	 */
	private awaitBoot(source: ConsoleSource): void {
		const booted = (): boolean => (source as {readonly isBooted?: boolean}).isBooted !== false;
		if (booted()) return;
		const stop = source.subscribe(() => {
			if (!booted()) return;
			stop();
			this.lastClock = source.getSnapshot().header.clock;
		});
	}

	/**
	 * A key can move the clock itself (`.` steps it). The replay presses the key and the clock
	 * moves the same way, so that time is not a wait: it is left out of the next gap. Ink handles
	 * a chunk's keys before it reads the next chunk, with no clock tick in between.
	 */
	private keysHandled(): void {
		if (!this.keyPending) return;
		this.keyPending = false;
		this.lastClock = this.source!.getSnapshot().header.clock;
	}

	/** Simulated ms since the last recorded event. */
	private gap(): number {
		const now = this.source!.getSnapshot().header.clock;
		const gap = Math.max(0, now - this.lastClock);
		this.lastClock = now;
		return gap;
	}

	private key(name: string): void {
		if (!this.recorder || name === 'unknown') return;
		let key: string;
		try {
			key = sessionKeyName(name);
		} catch {
			return; // a key the console cannot act on either
		}
		// too small, the console answers only q and Ctrl-C; other keys would act in the replay
		if (this.tooSmall && key !== 'q' && key !== 'ctrl+c') return;
		this.recorder.key(key, this.gap());
		// a lone Escape arrives later, on its own; it never moves the clock
		if (this.inChunk) this.keyPending = true;
	}

	private resized(cols: number, rows: number): void {
		if (!this.recorder) return;
		const fits = cols >= MIN_COLS && rows >= MIN_ROWS;
		this.tooSmall = !fits;
		if (fits) this.recorder.resize(Math.min(cols, 500), Math.min(rows, 500), this.gap());
	}
}

/**
 * stdin as Ink reads it, with every chunk also handed to `tap` as Ink takes it, and `reading`
 * told each time Ink asks for more (by then it has handled the chunks before). Everything else
 * (raw mode, listeners, ref/unref) is the real stream's.
 */
export function tapStdin(stdin: NodeJS.ReadStream, tap: (chunk: string) => void, reading: () => void = () => {}): NodeJS.ReadStream {
	return new Proxy(stdin, {
		get(target, property) {
			if (property === 'read') {
				return (size?: number) => {
					reading();
					const chunk = target.read(size) as string | Buffer | null;
					if (chunk !== null) tap(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
					return chunk;
				};
			}
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

/**
 * `npiv session replay FILE` on a terminal: the session plays at its recorded pace (each `wait`
 * takes its simulated time divided by the speed on the wall clock) and every frame is painted
 * on the alternate screen. A short pause after each key lets a person see what the key did.
 * q or Ctrl-C stops it; the last frame stays on the normal screen afterwards.
 */
import {screenPaint} from '../../session/Asciicast.js';
import {replay, type ReplayOptions, type ReplayResult} from '../../session/Replayer.js';
import type {SessionDriver} from '../../session/SessionDriver.js';
import type {Session} from '../../session/SessionFormat.js';

export interface TerminalReplayOptions extends Pick<ReplayOptions, 'speed' | 'apply' | 'baseDir' | 'refusals'> {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	/** Stops the replay as q does (the session command's SIGINT and SIGTERM). */
	readonly signal?: AbortSignal;
	/** Wall-clock pause after a frame made by a key, text, command or resize, before the speed divides it; default 150. */
	readonly keyDelayMs?: number;
}

// alternate screen, cursor hidden, no autowrap (a frame wider than the terminal is cut, not wrapped)
const ENTER = '\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[H\x1b[2J';
const LEAVE = '\x1b[0m\x1b[?7h\x1b[?25h\x1b[?1049l';

export async function replayInTerminal(session: Session, driver: SessionDriver, options: TerminalReplayOptions): Promise<ReplayResult> {
	const {stdin, stdout} = options;
	const speed = options.speed ?? session.speed;
	const keyDelay = (options.keyDelayMs ?? 150) / speed;
	const stop = new AbortController();
	const onKey = (data: Buffer | string): void => {
		const text = typeof data === 'string' ? data : data.toString('utf8');
		if (text === 'q' || text === '\x03' || text === '\x1b') stop.abort();
	};
	const onSignal = (): void => stop.abort();
	options.signal?.addEventListener('abort', onSignal, {once: true});
	process.on('SIGTERM', onSignal);
	let left = false;
	const leave = (): void => {
		if (left) return;
		left = true;
		stdout.write(LEAVE);
	};
	const raw = stdin.isTTY && typeof stdin.setRawMode === 'function';
	if (raw) stdin.setRawMode(true);
	stdin.on('data', onKey);
	stdin.resume();
	process.on('SIGINT', onSignal);
	process.once('exit', leave);
	stdout.write(ENTER);
	try {
		const result = await replay(session, driver, {
			...(options.apply === undefined ? {} : {apply: options.apply}),
			...(options.baseDir === undefined ? {} : {baseDir: options.baseDir}),
			...(options.refusals === undefined ? {} : {refusals: options.refusals}),
			speed,
			realtime: true,
			signal: stop.signal,
			onFrame: async (frame, context) => {
				stdout.write(paint(frame.ansi, context.size, stdout));
				if (context.step && context.step.kind !== 'wait' && keyDelay > 0 && !stop.signal.aborted) await sleep(keyDelay, stop.signal);
			},
			sleep: ms => sleep(ms, stop.signal),
		});
		leave();
		// the last frame stays in the scrollback, where the replay ended
		stdout.write(result.lastFrame.ansi.split('\n').map(line => line + '\x1b[0m').join('\n') + '\n');
		return result;
	} finally {
		leave();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		options.signal?.removeEventListener('abort', onSignal);
		process.off('exit', leave);
		stdin.off('data', onKey);
		if (raw) stdin.setRawMode(false);
		stdin.pause();
	}
}

function paint(ansi: string, size: {readonly cols: number; readonly rows: number}, stdout: NodeJS.WriteStream): string {
	const rows = Math.min(size.rows, stdout.rows || size.rows);
	return screenPaint(ansi, {cols: size.cols, rows});
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done(): void {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done, {once: true});
	});
}

/**
 * asciicast v2 (asciinema's format): a JSON header line, then one `[seconds, "o", data]` line per
 * new frame and `[seconds, "r", "COLSxROWS"]` when the terminal changes size. Times are
 * simulated time, so the same session always gives the same bytes.
 */
import type {TerminalSize} from './SessionFormat.js';

export interface CastFrame {
	readonly timeMs: number;
	/** The whole screen with its colours, lines joined by \n. */
	readonly ansi: string;
	readonly size: TerminalSize;
}

export interface AsciicastOptions {
	readonly title?: string;
	/** Default {TERM: 'xterm-256color', SHELL: '/bin/sh'}. */
	readonly env?: Readonly<Record<string, string>>;
	/** Caps pauses when played (asciinema's idle_time_limit), in seconds. */
	readonly idleTimeLimit?: number;
}

export const DEFAULT_CAST_ENV: Readonly<Record<string, string>> = {TERM: 'xterm-256color', SHELL: '/bin/sh'};

export function asciicastFromFrames(frames: readonly CastFrame[], options: AsciicastOptions = {}): string {
	const first = frames[0];
	if (!first) throw new Error('an asciicast needs at least one frame');
	const header: Record<string, unknown> = {version: 2, width: first.size.cols, height: first.size.rows};
	if (options.idleTimeLimit !== undefined) header['idle_time_limit'] = options.idleTimeLimit;
	if (options.title !== undefined) header['title'] = options.title;
	header['env'] = options.env ?? DEFAULT_CAST_ENV;
	const lines = [JSON.stringify(header)];
	let size = first.size;
	let previous: string | undefined;
	let lastTime = 0;
	for (const frame of frames) {
		const time = Math.max(lastTime, Math.round(frame.timeMs)) / 1000;
		lastTime = Math.round(time * 1000);
		const resized = frame.size.cols !== size.cols || frame.size.rows !== size.rows;
		if (resized) {
			size = frame.size;
			lines.push(JSON.stringify([time, 'r', `${size.cols}x${size.rows}`]));
		}
		if (!resized && frame.ansi === previous) continue;
		const paint = previous === undefined ? '\x1b[?25l\x1b[2J' + screenPaint(frame.ansi, size) : screenPaint(frame.ansi, size);
		lines.push(JSON.stringify([time, 'o', paint]));
		previous = frame.ansi;
	}
	return lines.join('\n') + '\n';
}

/**
 * Output that puts the frame on the screen whatever was there: home, each line followed by an
 * erase to its end, an erase below the last. No newline after the last row, so nothing scrolls.
 */
export function screenPaint(ansi: string, size: TerminalSize): string {
	const rows = ansi.split('\n').slice(0, size.rows);
	return '\x1b[0m\x1b[H' + rows.map(row => row + '\x1b[0m\x1b[K').join('\r\n') + '\x1b[J';
}

export interface CastHeader {
	readonly version: number;
	readonly width: number;
	readonly height: number;
	readonly [key: string]: unknown;
}

export type CastEvent = readonly [number, string, string];

/** Reads a cast back (for tests and tools): the header and the events. */
export function parseAsciicast(text: string): {header: CastHeader; events: CastEvent[]} {
	const [first, ...rest] = text.split('\n').filter(line => line !== '');
	if (first === undefined) throw new Error('empty asciicast');
	const header = JSON.parse(first) as CastHeader;
	return {header, events: rest.map(line => JSON.parse(line) as CastEvent)};
}

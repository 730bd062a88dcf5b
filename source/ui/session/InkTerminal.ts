/**
 * A terminal for Ink with no terminal behind it: stdout keeps what Ink writes and knows its size,
 * stdin hands Ink the bytes a keyboard would send. The session driver renders the console into
 * these, so a replay needs no TTY and nothing reaches the real screen.
 */
import {EventEmitter} from 'node:events';
import type {TerminalSize} from '../../session/SessionFormat.js';

export class TerminalStdout extends EventEmitter {
	readonly isTTY = true;
	columns: number;
	rows: number;
	/** Every write so far, counted, so a driver can tell when rendering has stopped. */
	writes = 0;
	/** The last write: in Ink's debug mode, the whole frame (static output, then the live region). */
	lastWrite = '';

	constructor(size: TerminalSize) {
		super();
		this.columns = size.cols;
		this.rows = size.rows;
	}

	write(chunk: string | Uint8Array, encoding?: unknown, callback?: () => void): boolean {
		this.lastWrite = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		this.writes++;
		const done = typeof encoding === 'function' ? (encoding as () => void) : callback;
		done?.();
		return true;
	}

	resize(size: TerminalSize): void {
		this.columns = size.cols;
		this.rows = size.rows;
		this.emit('resize');
	}

	getColorDepth(): number {
		return 8;
	}

	hasColors(): boolean {
		return true;
	}
}

/** Ink reads stdin with 'readable' + read(); each write is one chunk, as a terminal sends a key. */
export class TerminalStdin extends EventEmitter {
	readonly isTTY = true;
	private pending: string[] = [];

	write(data: string): void {
		this.pending.push(data);
		this.emit('readable');
		this.emit('data', data);
	}

	read(): string | null {
		return this.pending.shift() ?? null;
	}

	unshift(chunk: string | Uint8Array): void {
		this.pending.unshift(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
	}

	setEncoding(): this {
		return this;
	}

	setRawMode(): this {
		return this;
	}

	resume(): this {
		return this;
	}

	pause(): this {
		return this;
	}

	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}
}

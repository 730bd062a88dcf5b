/**
 * Terminal streams without a terminal, for the benchmark and the test harness: a TTY-like stdout
 * of fixed size that hands every write to a sink, and a stdin that keys can be pushed into.
 */
import {EventEmitter} from 'node:events';

export class HeadlessStdout extends EventEmitter {
	readonly isTTY = true;
	writes = 0;

	constructor(
		public columns: number,
		public rows: number,
		private readonly sink: (data: string) => void = () => {},
	) {
		super();
	}

	write(data: string | Uint8Array, encodingOrCallback?: unknown, callback?: () => void): boolean {
		this.writes++;
		this.sink(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
		const cb = typeof encodingOrCallback === 'function' ? (encodingOrCallback as () => void) : callback;
		cb?.();
		return true;
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}

	/** Ink looks at these on streams; a headless stream is always writable. */
	readonly writable = true;
	getColorDepth(): number {
		return 8;
	}
	hasColors(): boolean {
		return true;
	}
}

export class HeadlessStdin extends EventEmitter {
	readonly isTTY = true;
	private queue: string[] = [];

	/** Queues bytes as a terminal would send them and tells Ink they are there. */
	send(data: string): void {
		this.queue.push(data);
		this.emit('readable');
	}

	read(): string | null {
		return this.queue.shift() ?? null;
	}

	setRawMode(): this {
		return this;
	}
	setEncoding(): this {
		return this;
	}
	ref(): this {
		return this;
	}
	unref(): this {
		return this;
	}
	resume(): this {
		return this;
	}
	pause(): this {
		return this;
	}
}

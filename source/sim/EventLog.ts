import type {SimTime} from './Simulator.js';

/**
 * The SAN's event log: every login, RSCN, zoning change, sysevent, xenstore write and daemon step
 * lands here with its simulated timestamp. Each layer names its own event types (`fabric.flogi`,
 * `driver.rscn`, ...); the log itself is layer-agnostic. It is capped so that a long-running
 * console or a 100,000-port boot cannot grow it without bound.
 */
export type EventValue = string | number | boolean | null | readonly string[];

export interface SanEvent {
	readonly seq: number;
	readonly t: SimTime;
	/** Who reported it: `fab-a1`, `array-1`, `dom0-a/fp3`, `xennpivd@dom0-a`. */
	readonly source: string;
	/** Dotted type: layer then event, e.g. `fabric.rscn.sent`. */
	readonly type: string;
	/** One line a person reads. */
	readonly summary: string;
	readonly data: Readonly<Record<string, EventValue>>;
}

export type EventListener = (event: SanEvent) => void;

export class EventLog {
	private ring: SanEvent[] = [];
	private nextSeq: number;
	private listeners = new Set<EventListener>();
	private muted = 0;

	constructor(
		private readonly clock: {readonly now: SimTime},
		readonly capacity = 5000,
		startSeq = 0,
	) {
		this.nextSeq = startSeq;
	}

	emit(source: string, type: string, summary: string, data: Record<string, EventValue> = {}): void {
		if (this.muted > 0) return;
		const event: SanEvent = {seq: this.nextSeq++, t: this.clock.now, source, type, summary, data};
		this.ring.push(event);
		// Drop in chunks so emit stays O(1) amortised.
		if (this.ring.length > this.capacity * 1.25) this.ring.splice(0, this.ring.length - this.capacity);
		for (const l of this.listeners) l(event);
	}

	/** Restores entries saved in the store (seq and time kept). */
	restore(events: readonly SanEvent[]): void {
		this.ring = events.slice(-this.capacity);
		const last = this.ring.at(-1);
		if (last && last.seq >= this.nextSeq) this.nextSeq = last.seq + 1;
	}

	entries(): readonly SanEvent[] {
		if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
		return this.ring;
	}

	get lastSeq(): number {
		return this.nextSeq - 1;
	}

	/** False inside quietly(): hot paths skip building summaries nobody will keep. */
	get recording(): boolean {
		return this.muted === 0;
	}

	subscribe(listener: EventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * Runs `fn` without recording. Used for bulk boots of generated scenarios where a per-login
	 * record of 100,000 ports would only evict the useful history.
	 */
	quietly<T>(fn: () => T): T {
		this.muted++;
		try {
			return fn();
		} finally {
			this.muted--;
		}
	}
}

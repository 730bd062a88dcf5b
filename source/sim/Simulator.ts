/**
 * The deterministic kernel: a virtual clock and an event queue. Every delay in the SAN (login,
 * discovery, RSCN delivery, migration phases) is an event here, never a wall-clock timer.
 * Events due at the same instant run in the order they were scheduled.
 */
export type SimTime = number; // milliseconds of simulated time since the lab's epoch

export interface Timer {
	readonly id: number;
	readonly due: SimTime;
	readonly label: string;
}

interface Entry extends Timer {
	action: () => void;
	cancelled: boolean;
}

export class Simulator {
	/**
	 * Events wait in one bucket per due time, in scheduling order, and the distinct due times in
	 * a binary heap. A large boot schedules tens of thousands of events for the same instant;
	 * appending to a bucket keeps that O(1) and runs them in insertion order, as ties must.
	 */
	private readonly buckets = new Map<SimTime, Bucket>();
	private readonly dues: SimTime[] = [];
	private nextSeq = 0;
	private live = 0;
	private clock: SimTime;
	private executed = 0;

	constructor(start: SimTime = 0) {
		this.clock = start;
	}

	get now(): SimTime {
		return this.clock;
	}

	/** Events still waiting to run (cancelled ones excluded). */
	get pending(): number {
		return this.live;
	}

	/** Total events run since construction; a cheap progress counter for long work. */
	get eventsRun(): number {
		return this.executed;
	}

	schedule(delay: number, action: () => void, label = ''): Timer {
		if (!(delay >= 0) || !Number.isFinite(delay)) throw new RangeError(`invalid delay ${delay}`);
		return this.push(this.clock + delay, action, label);
	}

	at(time: SimTime, action: () => void, label = ''): Timer {
		return this.push(Math.max(time, this.clock), action, label);
	}

	cancel(timer: Timer | undefined): void {
		const entry = timer as Entry | undefined;
		if (entry && !entry.cancelled) {
			entry.cancelled = true;
			this.live--;
		}
	}

	/**
	 * Drops every pending event. Only for building a world from saved state: the constructors it
	 * runs schedule their first steps (a watch's first event, say), which the saved state already
	 * reflects.
	 */
	discardPending(): void {
		this.buckets.clear();
		this.dues.length = 0;
		this.live = 0;
	}

	/** Time of the next live event, or undefined when idle. */
	nextDue(): SimTime | undefined {
		return this.head()?.due;
	}

	/** Runs the next event; false when idle. */
	step(): boolean {
		const bucket = this.head();
		if (!bucket) return false;
		const entries = bucket.entries;
		const entry = entries[bucket.next]!;
		entries[bucket.next++] = undefined; // let the action go
		if (bucket.next >= COMPACT_AT && bucket.next * 2 >= entries.length) {
			// a long chain of zero-delay events: drop the run part rather than grow forever
			entries.splice(0, bucket.next);
			bucket.next = 0;
		}
		this.live--;
		entry.cancelled = true;
		this.clock = entry.due;
		this.executed++;
		entry.action();
		return true;
	}

	/**
	 * Runs to quiescence. `limit` guards against a model that never settles (a bug, not a
	 * feature): exceeding it throws rather than spinning forever.
	 */
	runUntilIdle(limit = 50_000_000): number {
		let n = 0;
		while (this.step()) {
			if (++n > limit) throw new Error(`simulation did not settle after ${limit} events`);
		}
		return n;
	}

	/** Runs every event due up to now + duration, then leaves the clock at now + duration. */
	runFor(duration: number): number {
		return this.runUntil(this.clock + duration);
	}

	runUntil(time: SimTime): number {
		let n = 0;
		for (;;) {
			const due = this.nextDue();
			if (due === undefined || due > time) break;
			this.step();
			n++;
		}
		if (time > this.clock) this.clock = time;
		return n;
	}

	private push(due: SimTime, action: () => void, label: string): Timer {
		const entry: Entry = {id: this.nextSeq++, due, label, action, cancelled: false};
		let bucket = this.buckets.get(due);
		if (!bucket) {
			bucket = {due, entries: [], next: 0};
			this.buckets.set(due, bucket);
			heapPush(this.dues, due);
		}
		bucket.entries.push(entry);
		this.live++;
		return entry;
	}

	/** The bucket of the earliest due time, positioned on its next live event; undefined when idle. */
	private head(): Bucket | undefined {
		const dues = this.dues;
		while (dues.length > 0) {
			const bucket = this.buckets.get(dues[0]!)!;
			const entries = bucket.entries;
			while (bucket.next < entries.length && entries[bucket.next]!.cancelled) entries[bucket.next++] = undefined;
			if (bucket.next < entries.length) return bucket;
			this.buckets.delete(bucket.due);
			heapPop(dues);
		}
		return undefined;
	}
}

const COMPACT_AT = 4096;

interface Bucket {
	readonly due: SimTime;
	/** In scheduling order; entries before `next` have run (or were cancelled) and are cleared. */
	readonly entries: (Entry | undefined)[];
	next: number;
}

function heapPush(heap: SimTime[], due: SimTime): void {
	let i = heap.length;
	heap.push(due);
	while (i > 0) {
		const parent = (i - 1) >> 1;
		if (!(due < heap[parent]!)) break;
		heap[i] = heap[parent]!;
		i = parent;
	}
	heap[i] = due;
}

function heapPop(heap: SimTime[]): void {
	const last = heap.pop()!;
	const n = heap.length;
	if (n === 0) return;
	let i = 0;
	for (;;) {
		const l = 2 * i + 1;
		if (l >= n) break;
		const r = l + 1;
		const c = r < n && heap[r]! < heap[l]! ? r : l;
		if (!(heap[c]! < last)) break;
		heap[i] = heap[c]!;
		i = c;
	}
	heap[i] = last;
}

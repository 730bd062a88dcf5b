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
	private heap: Entry[] = [];
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

	/** Time of the next live event, or undefined when idle. */
	nextDue(): SimTime | undefined {
		this.dropCancelledHead();
		return this.heap[0]?.due;
	}

	/** Runs the next event; false when idle. */
	step(): boolean {
		this.dropCancelledHead();
		const entry = this.pop();
		if (!entry) return false;
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
		const heap = this.heap;
		heap.push(entry);
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(entry, heap[parent]!)) break;
			heap[i] = heap[parent]!;
			i = parent;
		}
		heap[i] = entry;
		this.live++;
		return entry;
	}

	private dropCancelledHead(): void {
		while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
	}

	private pop(): Entry | undefined {
		const heap = this.heap;
		const top = heap[0];
		if (top === undefined) return undefined;
		const last = heap.pop()!;
		if (heap.length > 0) {
			let i = 0;
			const n = heap.length;
			for (;;) {
				const l = 2 * i + 1;
				if (l >= n) break;
				const r = l + 1;
				const c = r < n && before(heap[r]!, heap[l]!) ? r : l;
				if (!before(heap[c]!, last)) break;
				heap[i] = heap[c]!;
				i = c;
			}
			heap[i] = last;
		}
		return top;
	}
}

function before(a: Entry, b: Entry): boolean {
	return a.due < b.due || (a.due === b.due && a.id < b.id);
}

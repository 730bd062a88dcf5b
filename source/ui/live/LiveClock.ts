/**
 * The simulated clock of a live console: a wall-clock ticker that asks for `elapsed × speed`
 * milliseconds of simulated time every tick. It only measures; running the SAN for that time
 * (with a bound on the work per tick) is the source's job.
 */
import type {ClockSpeed} from '../model/ConsoleSource.js';

export interface LiveClockOptions {
	/** Wall-clock period of a tick (default 50 ms). */
	readonly tickMs?: number;
	/** The wall clock, in ms (default Date.now; tests use fake timers). */
	readonly now?: () => number;
	readonly speed?: ClockSpeed;
	readonly running?: boolean;
	/** Called every tick with the simulated ms to run (0 while paused). */
	readonly onTick: (simMs: number) => void;
}

export const DEFAULT_TICK_MS = 50;
/** A stalled process (a debugger, a suspended laptop) must not make the SAN jump hours ahead. */
const MAX_WALL_STEP_MS = 1000;

export class LiveClock {
	running: boolean;
	speed: ClockSpeed;
	readonly tickMs: number;
	private readonly now: () => number;
	private readonly onTick: (simMs: number) => void;
	private timer: ReturnType<typeof setInterval> | undefined;
	private last: number;

	constructor(opts: LiveClockOptions) {
		this.tickMs = opts.tickMs ?? DEFAULT_TICK_MS;
		this.now = opts.now ?? Date.now;
		this.onTick = opts.onTick;
		this.speed = opts.speed ?? 1;
		this.running = opts.running ?? true;
		this.last = this.now();
	}

	get started(): boolean {
		return this.timer !== undefined;
	}

	start(): void {
		if (this.timer) return;
		this.last = this.now();
		this.timer = setInterval(() => this.tick(), this.tickMs);
		this.timer.unref?.();
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
	}

	pause(): void {
		this.running = false;
	}

	resume(): void {
		// Time spent paused is not owed to the SAN.
		this.last = this.now();
		this.running = true;
	}

	private tick(): void {
		const t = this.now();
		const elapsed = Math.min(MAX_WALL_STEP_MS, Math.max(0, t - this.last));
		this.last = t;
		this.onTick(this.running ? elapsed * this.speed : 0);
	}
}

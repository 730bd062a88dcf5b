/**
 * Simulated times in JSON. The clock is a double of milliseconds and sums of computed durations
 * (a transfer of 1024 MiB at 1000 Mb/s) leave binary noise in it: 16592.500000000007. What JSON
 * gives a program is the time in milliseconds rounded to whole microseconds, so at most three
 * decimals (16592.5, 8589.935), the same number on every machine and in every release.
 */
import type {SanEvent} from '../../sim/EventLog.js';

/** A simulated time or duration in milliseconds, rounded to the microsecond. */
export function jsonSimMs(ms: number): number {
	// an integer divided by 1000 prints as its shortest decimal: never more than three decimals
	return Math.round(ms * 1000) / 1000;
}

/** Event data that holds a time: `ms`, and any key ending in `Ms` (the layers' convention). */
function isTimeKey(key: string): boolean {
	return key === 'ms' || key === 't' || key.endsWith('Ms');
}

/** An event as --json prints it: its time and the times in its data rounded as above. */
export function eventJson(e: SanEvent): SanEvent {
	let data = e.data;
	for (const [key, value] of Object.entries(e.data)) {
		if (typeof value === 'number' && isTimeKey(key) && !Number.isInteger(value)) data = {...data, [key]: jsonSimMs(value)};
	}
	return {...e, t: jsonSimMs(e.t), data};
}

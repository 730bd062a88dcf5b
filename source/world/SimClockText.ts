/** Simulated time as people read it: `00:01:02.345` (hours may exceed 24 in long labs). */
import type {SimTime} from '../sim/Simulator.js';

export function formatSimTime(t: SimTime): string {
	const ms = Math.floor(t % 1000);
	const totalSeconds = Math.floor(t / 1000);
	const s = totalSeconds % 60;
	const m = Math.floor(totalSeconds / 60) % 60;
	const h = Math.floor(totalSeconds / 3600);
	return `${pad(h)}:${pad(m)}:${pad(s)}.${String(ms).padStart(3, '0')}`;
}

/**
 * Parses a simulated time or duration: `1500ms`, `2.5s`, `3m`, `1h`, a bare number of
 * milliseconds, or `hh:mm:ss[.mmm]` / `mm:ss`.
 */
export function parseSimTime(text: string): SimTime | undefined {
	const t = text.trim();
	const unit = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(t);
	if (unit) {
		const n = Number(unit[1]);
		const factor = {ms: 1, s: 1000, m: 60_000, h: 3_600_000}[unit[2] ?? 'ms']!;
		return Math.round(n * factor);
	}
	const clock = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:\.(\d{1,3}))?$/.exec(t);
	if (clock) {
		const [, h = '0', m, s, frac = '0'] = clock;
		if (Number(m) > 59 || Number(s) > 59) return undefined;
		return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(frac.padEnd(3, '0'));
	}
	return undefined;
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

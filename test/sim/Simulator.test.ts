import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {Simulator} from '../../source/sim/Simulator.js';

describe('Simulator', () => {
	it('runs events in time order and ties in insertion order', () => {
		const sim = new Simulator();
		const seen: string[] = [];
		sim.schedule(5, () => seen.push('b5'));
		sim.schedule(1, () => seen.push('a1'));
		sim.schedule(5, () => seen.push('c5'));
		sim.schedule(0, () => seen.push('now'));
		expect(sim.runUntilIdle()).toBe(4);
		expect(seen).toEqual(['now', 'a1', 'b5', 'c5']);
		expect(sim.now).toBe(5);
	});

	it('lets an event schedule more events and honours cancel', () => {
		const sim = new Simulator(100);
		const seen: number[] = [];
		const doomed = sim.schedule(3, () => seen.push(-1));
		sim.schedule(1, () => {
			seen.push(sim.now);
			sim.schedule(1, () => seen.push(sim.now));
			sim.cancel(doomed);
		});
		sim.runUntilIdle();
		expect(seen).toEqual([101, 102]);
		expect(sim.pending).toBe(0);
	});

	it('runFor stops at the horizon and leaves later events pending', () => {
		const sim = new Simulator();
		const seen: number[] = [];
		for (const t of [10, 20, 30]) sim.schedule(t, () => seen.push(t));
		sim.runFor(20);
		expect(seen).toEqual([10, 20]);
		expect(sim.now).toBe(20);
		expect(sim.pending).toBe(1);
		sim.runFor(5);
		expect(sim.now).toBe(25);
		expect(seen).toEqual([10, 20]);
	});

	it('refuses negative or non-finite delays', () => {
		const sim = new Simulator();
		expect(() => sim.schedule(-1, () => {})).toThrow(RangeError);
		expect(() => sim.schedule(Number.NaN, () => {})).toThrow(RangeError);
	});

	it('orders any set of delays like a stable sort', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({min: 0, max: 50}), {maxLength: 200}), delays => {
				const sim = new Simulator();
				const seen: number[] = [];
				delays.forEach((d, i) => sim.schedule(d, () => seen.push(i)));
				sim.runUntilIdle();
				const expected = delays.map((d, i) => [d, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(p => p[1]);
				expect(seen).toEqual(expected);
			}),
		);
	});
});

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

	it('runs any mix of schedules, cancels and nested schedules as a (time, order) queue would', () => {
		type Op = {delay: number; cancel: number | null; children: number[]};
		const op = fc.record({delay: fc.constantFrom(0, 0, 0.5, 1, 1, 2, 7), cancel: fc.option(fc.nat(40)), children: fc.array(fc.constantFrom(0, 0.5, 1, 3), {maxLength: 3})});
		fc.assert(
			fc.property(fc.array(op, {maxLength: 60}), fc.array(fc.constantFrom(0.5, 1, 5), {maxLength: 4}), (ops: Op[], horizons) => {
				// reference: a list kept sorted by (due, id)
				const run = (useSim: boolean): string[] => {
					const seen: string[] = [];
					const sim = new Simulator();
					const ref: {due: number; id: number; fn: () => void; dead: boolean}[] = [];
					let now = 0;
					let ids = 0;
					const timers: unknown[] = [];
					const schedule = (delay: number, fn: () => void): unknown => {
						if (useSim) return sim.schedule(delay, fn);
						const e = {due: now + delay, id: ids++, fn, dead: false};
						ref.push(e);
						ref.sort((a, b) => a.due - b.due || a.id - b.id);
						return e;
					};
					const cancel = (t: unknown): void => {
						if (useSim) sim.cancel(t as never);
						else if (t) (t as {dead: boolean}).dead = true;
					};
					ops.forEach((o, i) => {
						timers.push(
							schedule(o.delay, () => {
								seen.push(`${i}@${useSim ? sim.now : now}`);
								if (o.cancel !== null) cancel(timers[o.cancel]);
								o.children.forEach((d, j) => schedule(d, () => seen.push(`${i}.${j}@${useSim ? sim.now : now}`)));
							}),
						);
					});
					const runTo = (limit: number): void => {
						if (useSim) {
							sim.runUntil(limit);
							return;
						}
						for (;;) {
							const e = ref.find(x => !x.dead);
							if (!e || e.due > limit) break;
							ref.splice(ref.indexOf(e), 1);
							e.dead = true;
							now = e.due;
							e.fn();
						}
						if (limit > now) now = limit;
					};
					for (const h of horizons) runTo((useSim ? sim.now : now) + h);
					runTo(Number.POSITIVE_INFINITY);
					seen.push(`pending ${useSim ? sim.pending : ref.filter(x => !x.dead).length}`);
					return seen;
				};
				expect(run(true)).toEqual(run(false));
			}),
			{numRuns: 300},
		);
	});

	it('keeps a long chain of zero-delay events in order', () => {
		const sim = new Simulator();
		let n = 0;
		const next = (): void => {
			n++;
			if (n < 20_000) sim.schedule(0, next);
		};
		sim.schedule(0, next);
		sim.schedule(0, () => expect(n).toBe(1));
		expect(sim.runUntilIdle()).toBe(20_001);
		expect(n).toBe(20_000);
		expect(sim.pending).toBe(0);
	});
});

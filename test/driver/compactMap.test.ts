import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CompactMap} from '../../source/driver/CompactMap.js';

describe('CompactMap', () => {
	it('behaves as a Map under any sequence of set, delete and get, small or large', () => {
		const op = fc.oneof(
			fc.record({kind: fc.constant('set' as const), key: fc.integer({min: 0, max: 24}), value: fc.integer()}),
			fc.record({kind: fc.constant('delete' as const), key: fc.integer({min: 0, max: 24})}),
		);
		fc.assert(
			fc.property(fc.array(op, {maxLength: 80}), ops => {
				const real = new Map<number, number>();
				const compact = new CompactMap<number, number>();
				for (const o of ops) {
					if (o.kind === 'set') {
						real.set(o.key, o.value);
						compact.set(o.key, o.value);
					} else {
						expect(compact.delete(o.key)).toBe(real.delete(o.key));
					}
					expect(compact.size).toBe(real.size);
					expect([...compact.values()]).toEqual([...real.values()]);
				}
				for (let k = 0; k <= 24; k++) {
					expect(compact.get(k)).toBe(real.get(k));
					expect(compact.has(k)).toBe(real.has(k));
				}
			}),
			{numRuns: 500},
		);
	});
});

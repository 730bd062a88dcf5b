import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {FCA_MODELS} from '../../source/driver/FcaModel.js';
import {MAX_VPORT_INDEX} from '../../source/driver/FcaPort.js';
import {wwn} from '../../source/sim/Wwn.js';
import {HBA_A0, lab} from './lab.js';

const pair = (n: number) => {
	const hex = n.toString(16).padStart(6, '0');
	return {wwpn: wwn(`c0007d${hex}0001`), wwnn: wwn(`c0007d${hex}0000`)};
};

type Op = {kind: 'create'; n: number; index: number} | {kind: 'delete'; n: number} | {kind: 'settle'};

const op: fc.Arbitrary<Op> = fc.oneof(
	{weight: 6, arbitrary: fc.record({kind: fc.constant('create' as const), n: fc.nat(90), index: fc.oneof(fc.constant(0), fc.integer({min: 0, max: 260}))})},
	{weight: 3, arbitrary: fc.record({kind: fc.constant('delete' as const), n: fc.nat(90)})},
	{weight: 1, arbitrary: fc.constant({kind: 'settle' as const})},
);

describe('random create/delete sequences', () => {
	test.each(['QLE2462', 'LPe11002'] as const)('%s: the vport count never exceeds Max, indexes stay unique in 1..254, the list stays newest first', model => {
		fc.assert(
			fc.property(fc.array(op, {maxLength: 160}), ops => {
				const l = lab({model});
				const port = l.stack.ports[0]!;
				const max = FCA_MODELS[model].maxNpivPorts;
				const created: number[] = []; // vport numbers in creation order
				for (const o of ops) {
					if (o.kind === 'settle') {
						l.settle();
						continue;
					}
					const v = pair(o.n);
					if (o.kind === 'create') {
						const exists = created.includes(o.n);
						const indexFree = o.index === 0 || (o.index <= MAX_VPORT_INDEX && !port.vports.some(p => p.vportIndex === o.index));
						const r = l.stack.createVirtualPort(HBA_A0, {...v, index: o.index});
						expect(r.ok).toBe(!exists && created.length < max && indexFree);
						if (r.ok) created.push(o.n);
					} else {
						const r = l.stack.deleteVirtualPort(HBA_A0, v.wwpn);
						expect(r.ok).toBe(created.includes(o.n));
						if (r.ok) created.splice(created.indexOf(o.n), 1);
					}
					expect(port.vports.length).toBeLessThanOrEqual(max);
					const indexes = port.vports.map(p => p.vportIndex);
					expect(new Set(indexes).size).toBe(indexes.length);
					expect(indexes.every(i => i >= 1 && i <= MAX_VPORT_INDEX)).toBe(true);
					expect(port.vports.map(p => p.wwpn)).toEqual([...created].reverse().map(n => pair(n).wwpn));
				}
				l.settle();
				expect(port.vports.every(p => p.state === 'online')).toBe(true);
				expect(l.stack.virtualPortCount).toBe(created.length);
			}),
			{numRuns: 60},
		);
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseWwn} from '../../source/sim/Wwn.js';
import {parseNpivListEntry} from '../../source/world/NpivConfigService.js';

describe('npiv_config port_list values', () => {
	/** The rule: four ':'-separated parts, three WWNs and a whole number. */
	const rule = (value: string) => {
		const parts = value.split(':');
		if (parts.length !== 4) return undefined;
		const [physical, vp, vn, idx] = parts as [string, string, string, string];
		const vport = parseWwn(vp);
		const vnode = parseWwn(vn);
		const index = Number(idx);
		if (!parseWwn(physical) || !vport || !vnode || !Number.isInteger(index)) return undefined;
		return {physical, vport, vnode, index};
	};

	it('reads every value as the rule does', () => {
		const hex = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), {minLength: 15, maxLength: 17}).map(a => a.join(''));
		const idx = fc.constantFrom('1', '42', '', 'x', '1:2', '1.5', ' 7', '0x10');
		fc.assert(
			fc.property(hex, hex, hex, idx, (p, v, n, i) => {
				const value = `${p}:${v}:${n}:${i}`;
				expect(parseNpivListEntry(value)).toEqual(rule(value));
			}),
			{numRuns: 2000},
		);
		expect(parseNpivListEntry('2100001b32000001:C0007DAC1C1EA9E8:C0007DAC1C1EA9E9:12')).toEqual({physical: '2100001b32000001', vport: 'c0007dac1c1ea9e8', vnode: 'c0007dac1c1ea9e9', index: 12});
	});
});

import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {parseWwn} from '../../source/sim/Wwn.js';
import {labWwns} from '../../source/world/WwnLedger.js';
import type {LabConfig} from '../../source/world/LabConfig.js';

describe('labWwns', () => {
	it('finds WWNs in plain, colon, SMF and xVM npiv forms', () => {
		const lab = {
			name: 't',
			fabrics: [{name: 'A', zoning: {aliases: [{name: 'a', members: ['21:00:00:1b:32:81:23:45']}], zones: [], configs: [], effective: null, defaultZone: 'no-access'}}],
			switches: [],
			isls: [],
			loops: [],
			hosts: [{name: 'h', kind: 'solaris', cpus: 1, memoryMiB: 1, hbas: [], npivPorts: ['2100001b32812345:C0007D0000000001:C0007D0000000000:1']}],
			arrays: [],
			cables: [],
			domains: [{name: 'd', host: 'h', memoryMiB: 1, vcpus: 1, state: 'halted', managed: true, npiv: ['c0007d0000000003:c0007d0000000002:1:2100001b32812345']}],
		} as unknown as LabConfig;
		expect([...labWwns(lab)].sort()).toEqual(['2100001b32812345', 'c0007d0000000000', 'c0007d0000000001', 'c0007d0000000002', 'c0007d0000000003']);
	});
});

describe('labWwns on single strings', () => {
	/** The general rule, without the fast paths for bare WWNs and port_list values. */
	const reference = (value: string): string[] => {
		const out = new Set<string>();
		for (const word of value.split(/[\s;,]+|(?<=[0-9a-fA-F]{16}):(?=[0-9a-fA-F]{16})/)) {
			for (const candidate of word.split(/:(?=[0-9a-fA-F]{16})|(?<=[0-9a-fA-F]{16}):/)) {
				const w = candidate.length >= 16 ? parseWwn(candidate) : undefined;
				if (w) out.add(w);
			}
		}
		return [...out].sort();
	};
	const found = (value: string): string[] => [...labWwns({hosts: [{npivPorts: [value]}]} as unknown as LabConfig)].sort();

	it('reads bare WWNs and port_list values as the general rule does', () => {
		const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
		const wwnText = fc.array(hex, {minLength: 15, maxLength: 17}).map(a => a.join(''));
		const part = fc.oneof(wwnText, fc.constantFrom(':', '1', '12', 'x', ' ', ':7'));
		fc.assert(
			fc.property(fc.array(part, {minLength: 1, maxLength: 7}), parts => {
				const value = parts.join('');
				expect(found(value)).toEqual(reference(value));
			}),
			{numRuns: 2000},
		);
		expect(found('2100001b32812345:C0007D0000000001:C0007D0000000000:12')).toEqual(['2100001b32812345', 'c0007d0000000000', 'c0007d0000000001']);
	});
});

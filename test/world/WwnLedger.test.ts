import {describe, expect, it} from 'vitest';
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

import {describe, expect, it} from 'vitest';
import {wwn} from '../../source/sim/Wwn.js';
import type {LabConfig} from '../../source/world/LabConfig.js';
import {WwnLedger} from '../../source/world/WwnLedger.js';

const LAB = {
	name: 't',
	fabrics: [{name: 'A', zoning: {aliases: [{name: 'a', members: ['21:00:00:1B:32:81:23:45']}], zones: [], configs: [], effective: null, defaultZone: 'no-access'}}],
	switches: [],
	isls: [],
	loops: [],
	hosts: [{name: 'h', kind: 'solaris', cpus: 1, memoryMiB: 1, hbas: [], npivPorts: ['2100001b32812345:C0007D0000000001:C0007D0000000000:1']}],
	arrays: [],
	cables: [],
	domains: [{name: 'd', host: 'h', memoryMiB: 1, vcpus: 1, state: 'halted', managed: true, npiv: ['c0007d0000000003:c0007d0000000002:1:2100001b32812345']}],
} as unknown as LabConfig;

describe('the WWNs a random WWN must not be', () => {
	it('knows the lab WWNs in every form they are written (plain, colons, either case, SMF and xVM entries)', () => {
		const ledger = new WwnLedger(LAB, []);
		for (const w of ['2100001b32812345', 'c0007d0000000000', 'c0007d0000000001', 'c0007d0000000002', 'c0007d0000000003']) expect(ledger.isKnown(wwn(w))).toBe(true);
		expect(ledger.isKnown(wwn('c0007d0000000004'))).toBe(false);
	});

	it('knows the WWNs handed out before (the store keeps them) and by this process, and lists them in order', () => {
		const ledger = new WwnLedger(LAB, ['c0007d00000000aa']);
		expect(ledger.isKnown(wwn('c0007d00000000aa'))).toBe(true);
		ledger.remember(wwn('c0007d00000000bb'));
		ledger.remember(wwn('c0007d00000000bb'));
		expect(ledger.isKnown(wwn('c0007d00000000bb'))).toBe(true);
		expect(ledger.handedOut()).toEqual(['c0007d00000000aa', 'c0007d00000000bb']);
	});
});

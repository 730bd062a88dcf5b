import {describe, expect, it} from 'vitest';
import {buildFabrics, type FabricsConfig} from '../../source/fabric/index.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {emptyZoning, makeLab, switchConfig} from './helpers.js';

function build(config: Partial<FabricsConfig>) {
	const sim = new Simulator();
	return buildFabrics(
		{fabrics: [{name: 'fab-a', zoning: emptyZoning}], switches: [switchConfig('sw-a1', 'fab-a', 1)], isls: [], loops: [], ...config},
		sim,
		new EventLog(sim),
	);
}

describe('buildFabrics', () => {
	it('builds switches, fabrics and loops with lookups by name', () => {
		const set = build({
			fabrics: [
				{name: 'fab-a', zoning: emptyZoning},
				{name: 'fab-b', zoning: emptyZoning},
			],
			switches: [switchConfig('sw-a1', 'fab-a', 1), switchConfig('sw-b1', 'fab-b', 1, {wwn: '10:00:00:05:1e:00:00:b1', model: '71.2', portCount: 24})],
			loops: [{name: 'loop-1'}],
		});
		expect(set.fabrics.map(f => f.name)).toEqual(['fab-a', 'fab-b']);
		expect(set.switch('sw-b1')?.fabric.name).toBe('fab-b');
		expect(set.switch('sw-b1')?.ports).toHaveLength(24);
		expect(set.fabric('fab-b')?.fabricName).toBe('100000051e0000b1');
		expect(set.loop('loop-1')?.name).toBe('loop-1');
		expect(set.switch('nope')).toBeUndefined();
	});

	it('refuses a bad configuration with a message naming the object', () => {
		expect(() => build({switches: [switchConfig('sw-a1', 'fab-x', 1)]})).toThrow("switch 'sw-a1': unknown fabric 'fab-x'");
		expect(() => build({switches: [switchConfig('sw-a1', 'fab-a', 1), switchConfig('sw-a2', 'fab-a', 1, {wwn: '100000051e0000ff'})]})).toThrow(
			'switch sw-a2: domain 1 is already used by sw-a1 in fabric fab-a',
		);
		expect(() => build({switches: [switchConfig('sw-a1', 'fab-a', 1, {wwn: 'zz'})]})).toThrow("switch 'sw-a1': invalid WWN 'zz'");
		expect(() => build({switches: [switchConfig('sw-a1', 'fab-a', 240)]})).toThrow('domain ID 240 is outside 1-239');
		expect(() => build({switches: [switchConfig('sw-a1', 'fab-a', 1, {ports: [{index: 3, npivLimit: 300}]})]})).toThrow(
			"switch 'sw-a1' port 3: npivLimit 300 is outside 1-255",
		);
		expect(() => build({isls: [{a: {switch: 'sw-a1', port: 1}, b: {switch: 'sw-a1', port: 2}}]})).toThrow(/loops back to the same switch/);
		expect(() => build({fabrics: [{name: 'fab-a', zoning: {...emptyZoning, effective: 'nope'}}]})).toThrow(
			`fabric 'fab-a' zoning: "nope" is not a zone configuration`,
		);
		expect(() => build({fabrics: [{name: 'fab-a', zoning: emptyZoning}, {name: 'fab-b', zoning: emptyZoning}]})).toThrow("fabric 'fab-b' has no switches");
	});

	it('exports administrative state back to LabConfig shapes (only what differs from defaults)', () => {
		const lab = makeLab({switches: [switchConfig('sw-a1', 'fab-a', 1, {model: '66.1', ports: [{index: 1, name: 'to-host'}]})]});
		const sw = lab.set.requireSwitch('sw-a1');
		const revision = lab.set.adminRevision;
		let told = 0;
		lab.set.onAdminChange(() => told++);
		sw.disablePort(3);
		sw.setPortNpiv(4, false);
		sw.setPortNpivLimit(5, 64);
		sw.setDuplicateWwpnPolicy('newest-wins');
		sw.setLoginLimit(2048);
		expect(lab.set.adminRevision).toBeGreaterThan(revision);
		expect(told).toBe(5);
		expect(lab.set.exportConfig().switches).toEqual([
			{
				...switchConfig('sw-a1', 'fab-a', 1, {model: '66.1'}),
				loginLimit: 2048,
				duplicateWwpnPolicy: 'newest-wins',
				ports: [
					{index: 1, name: 'to-host'},
					{index: 3, disabled: true},
					{index: 4, npiv: false},
					{index: 5, npivLimit: 64},
				],
			},
		]);
		// and building from the export gives the same switch settings
		const again = makeLab({switches: lab.set.exportConfig().switches});
		expect(again.set.exportConfig()).toEqual(lab.set.exportConfig());
	});
});

import {describe, expect, it} from 'vitest';
import {FabricReject} from '../../source/fabric/FabricReject.js';
import {hexId, makeLab, switchConfig, wwpnOf} from './helpers.js';

function twoHosts(policy?: 'first-wins' | 'newest-wins') {
	const lab = makeLab({switches: [switchConfig('sw-a1', 'fab-a', 1, policy ? {duplicateWwpnPolicy: policy} : {})]});
	const a = lab.nport('host-a', 1, {autoFlogi: true});
	const b = lab.nport('host-b', 2, {autoFlogi: true});
	lab.set.plugIntoSwitch(a, 'sw-a1', 1);
	lab.set.plugIntoSwitch(b, 'sw-a1', 2);
	lab.run();
	return {lab, a, b, fabric: lab.set.requireFabric('fab-a')};
}

describe('duplicate WWPN', () => {
	it('first-wins (default): a second FDISC with a logged-in WWPN is rejected 03/0D, nothing disturbed', () => {
		const {lab, a, b, fabric} = twoHosts();
		expect(a.fdisc(wwpnOf(0x101)).accepted).toBe(true);
		const before = fabric.sortedLogins().map(l => `${hexId(l.fcid)} ${l.wwpn}`);
		expect(b.fdisc(wwpnOf(0x101))).toEqual(FabricReject.duplicateWwpn);
		expect(FabricReject.duplicateWwpn).toMatchObject({reason: 0x03, explanation: 0x0d});
		lab.run();
		expect(fabric.sortedLogins().map(l => `${hexId(l.fcid)} ${l.wwpn}`)).toEqual(before);
		expect(a.logos).toEqual([]);
		expect(a.history).toEqual(['up fabric']);
		expect(lab.log.entries().filter(e => e.type === 'fabric.logo')).toEqual([]);
	});

	it('first-wins: a second FLOGI with a logged-in WWPN is rejected and the first login stays', () => {
		const lab = makeLab();
		const a = lab.nport('host-a', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(a, 'sw-a1', 1);
		lab.run();
		const clone = lab.nport('clone', 1, {autoFlogi: true}); // same WWPN as host-a
		lab.set.plugIntoSwitch(clone, 'sw-a1', 5);
		lab.run();
		expect(clone.lastFlogi).toEqual(FabricReject.duplicateWwpn);
		expect(hexId(lab.set.requireFabric('fab-a').loginByWwpn(wwpnOf(1))?.fcid)).toBe('010100');
		expect(a.logos).toEqual([]);
	});

	it('newest-wins: the old NPIV login is logged out through receiveLogo and the new one accepted', () => {
		const {lab, a, b, fabric} = twoHosts('newest-wins');
		a.fdisc(wwpnOf(0x101));
		a.fdisc(wwpnOf(0x102));
		const r = b.fdisc(wwpnOf(0x101));
		expect(r.accepted && hexId(r.fcid)).toBe('010201');
		lab.run();
		expect(a.logos.map(hexId)).toEqual(['010101']);
		expect(hexId(fabric.loginByWwpn(wwpnOf(0x101))?.fcid)).toBe('010201');
		expect(hexId(fabric.loginByWwpn(wwpnOf(0x102))?.fcid)).toBe('010102');
	});

	it('newest-wins on the same port: the new ID differs from the old', () => {
		const {lab, a} = twoHosts('newest-wins');
		a.fdisc(wwpnOf(0x101));
		const r = a.fdisc(wwpnOf(0x101));
		expect(r.accepted && hexId(r.fcid)).toBe('010102');
		lab.run();
		expect(a.logos.map(hexId)).toEqual(['010101']);
	});

	it('newest-wins with a physical WWPN: the old port loses its FLOGI and its NPIV logins', () => {
		const lab = makeLab({switches: [switchConfig('sw-a1', 'fab-a', 1, {duplicateWwpnPolicy: 'newest-wins'})]});
		const a = lab.nport('host-a', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(a, 'sw-a1', 1);
		lab.run();
		a.fdisc(wwpnOf(0x101));
		const clone = lab.nport('clone', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(clone, 'sw-a1', 5);
		lab.run();
		expect(hexId(clone.fcid)).toBe('010500');
		expect(a.logos.map(hexId)).toEqual(['010101', '010100']);
		expect(lab.set.requireFabric('fab-a').loginCount).toBe(1);
	});

	it('a virtual port cannot use the physical port WWPN it logs in through', () => {
		const {a} = twoHosts('newest-wins');
		expect(a.fdisc(wwpnOf(1))).toEqual(FabricReject.duplicateWwpn);
	});

	it('separate fabrics are separate worlds: the same WWPN may log in to each', () => {
		const lab = makeLab({
			fabrics: [
				{name: 'fab-a', zoning: {aliases: [], zones: [], configs: [], effective: null, defaultZone: 'all-access'}},
				{name: 'fab-b', zoning: {aliases: [], zones: [], configs: [], effective: null, defaultZone: 'all-access'}},
			],
			switches: [switchConfig('sw-a1', 'fab-a', 1), switchConfig('sw-b1', 'fab-b', 2)],
		});
		const a = lab.nport('a', 1, {autoFlogi: true});
		const b = lab.nport('b', 2, {autoFlogi: true});
		lab.set.plugIntoSwitch(a, 'sw-a1', 1);
		lab.set.plugIntoSwitch(b, 'sw-b1', 1);
		lab.run();
		expect(a.fdisc(wwpnOf(0x101)).accepted).toBe(true);
		expect(b.fdisc(wwpnOf(0x101)).accepted).toBe(true);
		// and they cannot reach each other
		const bVport = b.vports.get(wwpnOf(0x101))!;
		expect(a.link!.plogi(a.fcid!, bVport)).toEqual(FabricReject.noSuchPort);
	});
});

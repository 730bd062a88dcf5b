import {describe, expect, it} from 'vitest';
import {FabricReject} from '../../source/fabric/FabricReject.js';
import {runSwitchCommand} from '../../source/fabric/index.js';
import {hexId, makeLab, switchConfig, wwpnOf} from './helpers.js';

function loggedInHost(config: Parameters<typeof makeLab>[0] = {}, port = 2) {
	const lab = makeLab(config);
	const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
	lab.set.plugIntoSwitch(h, 'sw-a1', port);
	lab.run();
	return {lab, h};
}

describe('NPIV login limits', () => {
	it('a port takes 126 NPIV logins by default; the 127th is rejected 09/29', () => {
		const {lab, h} = loggedInHost();
		const replies = Array.from({length: 127}, (_, i) => h.fdisc(wwpnOf(0x1000 + i)));
		expect(replies.slice(0, 126).every(r => r.accepted)).toBe(true);
		expect(replies[126]).toEqual(FabricReject.insufficientResources);
		expect(FabricReject.insufficientResources).toMatchObject({reason: 0x09, explanation: 0x29});
		const port = lab.set.requireSwitch('sw-a1').ports[2]!;
		expect(port.npivCount).toBe(126);
		const last = replies[125]!;
		expect(last.accepted && hexId(last.fcid)).toBe('01027e');
		const rjt = lab.log.entries().filter(e => e.type === 'fabric.ls_rjt');
		expect(rjt.map(e => [e.data['reason'], e.data['explanation'], e.data['why']])).toEqual([['09', '29', 'port NPIV limit 126 reached']]);
	});

	it('the limit is settable per port (config and portcfgnpivport --setloginlimit), at most 255', () => {
		const {lab, h} = loggedInHost({switches: [switchConfig('sw-a1', 'fab-a', 1, {ports: [{index: 2, npivLimit: 3}]})]});
		const accepted = Array.from({length: 4}, (_, i) => h.fdisc(wwpnOf(0x1000 + i)).accepted);
		expect(accepted).toEqual([true, true, true, false]);
		const sw = lab.set.requireSwitch('sw-a1');
		const r = runSwitchCommand(sw, ['portcfgnpivport', '--setloginlimit', '2', '255']);
		expect(r.exitCode).toBe(0);
		expect(sw.ports[2]!.npivLimit).toBe(255);
		const more = Array.from({length: 252}, (_, i) => h.fdisc(wwpnOf(0x2000 + i)).accepted);
		expect(more.every(Boolean)).toBe(true);
		expect(h.fdisc(wwpnOf(0x3000))).toEqual(FabricReject.insufficientResources);
		expect(runSwitchCommand(sw, ['portcfgnpivport', '--setloginlimit', '2', '256']).exitCode).toBe(1);
		expect(() => sw.setPortNpivLimit(2, 0)).toThrow(/outside 1-255/);
	});

	it('lowering the limit below the current count logs out the newest NPIV logins', () => {
		const {lab, h} = loggedInHost();
		for (let i = 0; i < 5; i++) h.fdisc(wwpnOf(0x1000 + i));
		lab.set.requireSwitch('sw-a1').setPortNpivLimit(2, 2);
		lab.run();
		expect(lab.set.requireSwitch('sw-a1').ports[2]!.npivCount).toBe(2);
		expect(h.logos.map(hexId).sort()).toEqual(['010203', '010204', '010205']);
	});

	it('a switch login limit counts FLOGI and FDISC across ports and rejects 09/29', () => {
		const lab = makeLab({switches: [switchConfig('sw-a1', 'fab-a', 1, {loginLimit: 4})]});
		const a = lab.nport('a', 1, {autoFlogi: true});
		const b = lab.nport('b', 2, {autoFlogi: true});
		const c = lab.nport('c', 3, {autoFlogi: true});
		lab.set.plugIntoSwitch(a, 'sw-a1', 1);
		lab.set.plugIntoSwitch(b, 'sw-a1', 2);
		lab.run();
		expect(a.fdisc(wwpnOf(0x101)).accepted).toBe(true);
		expect(b.fdisc(wwpnOf(0x201)).accepted).toBe(true);
		expect(a.fdisc(wwpnOf(0x102))).toEqual(FabricReject.insufficientResources);
		lab.set.plugIntoSwitch(c, 'sw-a1', 3);
		lab.run();
		expect(c.lastFlogi).toEqual(FabricReject.insufficientResources);
		expect(lab.set.requireSwitch('sw-a1').loginCount).toBe(4);
	});

	it('NPIV off on a port rejects FDISC 0B/00 and logs its NPIV logins out; on again bounces a non-NPIV FLOGI', () => {
		const {lab, h} = loggedInHost();
		h.fdisc(wwpnOf(0x101));
		const sw = lab.set.requireSwitch('sw-a1');
		expect(runSwitchCommand(sw, ['portcfgnpivport', '2', '0']).exitCode).toBe(0);
		lab.run();
		expect(h.logos.map(hexId)).toEqual(['010201']);
		expect(hexId(h.fcid)).toBe('010200'); // the physical login stays
		expect(h.fdisc(wwpnOf(0x102))).toEqual(FabricReject.npivNotSupported);
		// a fresh FLOGI now learns "no NPIV"; turning NPIV on bounces the link so it learns again
		h.flogi();
		expect(h.lastFlogi).toMatchObject({accepted: true, npivAssignment: false});
		sw.setPortNpiv(2, true);
		lab.run();
		expect(h.history.slice(-2)).toEqual(['down', 'up fabric']);
		expect(h.lastFlogi).toMatchObject({accepted: true, npivAssignment: true});
	});

	it('NPIV off for the whole switch logs out NPIV logins on every port', () => {
		const lab = makeLab();
		const a = lab.nport('a', 1, {autoFlogi: true});
		const b = lab.nport('b', 2, {autoFlogi: true});
		lab.set.plugIntoSwitch(a, 'sw-a1', 1);
		lab.set.plugIntoSwitch(b, 'sw-a1', 2);
		lab.run();
		a.fdisc(wwpnOf(0x101));
		b.fdisc(wwpnOf(0x201));
		lab.set.requireSwitch('sw-a1').setNpiv(false);
		lab.run();
		expect(a.logos.map(hexId)).toEqual(['010101']);
		expect(b.logos.map(hexId)).toEqual(['010201']);
		expect(lab.set.requireFabric('fab-a').loginCount).toBe(2);
	});
});

import {describe, expect, it} from 'vitest';
import {FabricReject} from '../../source/fabric/FabricReject.js';
import type {FcpTarget} from '../../source/fabric/Fcp.js';
import {hexId, makeLab, wwpnOf} from './helpers.js';

/** A target that answers everything and remembers who asked. */
function recordingTarget(log: string[]): FcpTarget {
	return {
		plogi: (from, did) => {
			log.push(`plogi ${hexId(from.fcid)}->${hexId(did)}`);
			return {accepted: true, wwpn: wwpnOf(0xaa), wwnn: wwpnOf(0xab)};
		},
		prli: () => ({accepted: true, initiator: false, target: true}),
		logo: (from, did) => void log.push(`logo ${hexId(from.fcid)}->${hexId(did)}`),
		scsi: (_from, _did, cmd) => (cmd.op === 'report-luns' ? {status: 'good', luns: [0, 1]} : {status: 'good'}),
	};
}

describe('private loop', () => {
	it('FLOGI answers without the F_Port bit and the N_Port keeps its AL_PA; no NPIV, no name server', () => {
		const lab = makeLab({loops: [{name: 'loop-1'}]});
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		const t = lab.nport('jbod/0', 2, {autoFlogi: true});
		const calls: string[] = [];
		t.responder = recordingTarget(calls);
		lab.set.plugIntoLoop(h, 'loop-1');
		lab.set.plugIntoLoop(t, 'loop-1');
		lab.run();
		expect(h.link?.topology).toBe('private-loop');
		expect(h.lastFlogi).toMatchObject({accepted: true, fPort: false, npivAssignment: false});
		expect(hexId(h.fcid)).toBe('000001');
		expect(hexId(t.fcid)).toBe('000002');
		expect(h.link!.loopMembers().map(hexId)).toEqual(['000002']);
		expect(h.fdisc(wwpnOf(0x101))).toEqual(FabricReject.npivNotSupported);
		expect(h.link!.nameServer(h.fcid!).gidFt(8)).toMatchObject({ok: false, reason: 0x0b});
		expect(h.link!.scr(h.fcid!, 'full')).toEqual(FabricReject.notSupported);
		expect(h.link!.plogi(h.fcid!, t.fcid!)).toMatchObject({accepted: true});
		expect(h.link!.scsi(h.fcid!, t.fcid!, {op: 'report-luns'})).toEqual({status: 'good', luns: [0, 1]});
		expect(h.link!.plogi(h.fcid!, 0x0000ef as never)).toEqual(FabricReject.noSuchPort);
		expect(calls).toEqual(['plogi 000001->000002']);
	});

	it('a member joining re-initialises the loop (everyone sees the link bounce)', () => {
		const lab = makeLab({loops: [{name: 'loop-1'}]});
		const a = lab.nport('a', 1, {autoFlogi: true});
		const b = lab.nport('b', 2, {autoFlogi: true});
		lab.set.plugIntoLoop(a, 'loop-1');
		lab.run();
		lab.set.plugIntoLoop(b, 'loop-1');
		lab.run();
		expect(a.history).toEqual(['up private-loop', 'down', 'up private-loop']);
		lab.set.unplug(b);
		lab.run();
		expect(b.history).toEqual(['up private-loop', 'down']);
		expect(a.link!.loopMembers()).toEqual([]);
	});
});

describe('point-to-point', () => {
	it('FLOGI without F_Port bit; the higher WWPN is 010102; no NPIV or fabric services', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		const t = lab.nport('array/ct0', 2, {autoFlogi: true});
		const calls: string[] = [];
		t.responder = recordingTarget(calls);
		lab.set.connectPointToPoint(h, t);
		lab.run();
		expect(h.link?.topology).toBe('point-to-point');
		expect(h.lastFlogi).toMatchObject({accepted: true, fPort: false, npivAssignment: false, fPortName: t.wwpn, fabricName: t.wwnn});
		expect(hexId(h.fcid)).toBe('010101');
		expect(hexId(t.fcid)).toBe('010102');
		expect(h.fdisc(wwpnOf(0x101))).toEqual(FabricReject.npivNotSupported);
		expect(h.link!.nameServer(h.fcid!).gpnId(t.fcid!)).toMatchObject({ok: false, reason: 0x0b});
		expect(h.link!.prli(h.fcid!, t.fcid!)).toEqual({accepted: true, initiator: false, target: true});
		h.link!.logoPort(h.fcid!, t.fcid!);
		expect(calls).toEqual(['logo 010101->010102']);
		const rjt = lab.log.entries().find(e => e.type === 'fabric.ls_rjt');
		expect(rjt?.data['why']).toBe('no NPIV on point-to-point');
	});

	it('pulling either end takes the link down on both', () => {
		const lab = makeLab();
		const h = lab.nport('h', 1, {autoFlogi: true});
		const t = lab.nport('t', 2, {autoFlogi: true});
		lab.set.connectPointToPoint(h, t);
		lab.run();
		expect(lab.set.unplug(t)).toBe(true);
		lab.run();
		expect(h.history).toEqual(['up point-to-point', 'down']);
		expect(t.history).toEqual(['up point-to-point', 'down']);
		expect(lab.set.attachmentOf(h)).toBeUndefined();
		lab.set.connectPointToPoint(h, t);
		lab.run();
		expect(hexId(h.fcid)).toBe('010101');
	});
});

describe('cabling', () => {
	it('refuses a busy port or an N_Port that is already cabled', () => {
		const lab = makeLab();
		const a = lab.nport('a', 1);
		const b = lab.nport('b', 2);
		lab.set.plugIntoSwitch(a, 'sw-a1', 1);
		expect(() => lab.set.plugIntoSwitch(b, 'sw-a1', 1)).toThrow('sw-a1 port 1 is already cabled to a');
		expect(() => lab.set.plugIntoSwitch(a, 'sw-a1', 2)).toThrow('a is already cabled to sw-a1 port 1');
		expect(() => lab.set.plugIntoSwitch(b, 'sw-a1', 16)).toThrow('switch sw-a1 has no port 16 (ports 0-15)');
		expect(() => lab.set.plugIntoSwitch(b, 'sw-zz', 1)).toThrow("no switch named 'sw-zz' (known: sw-a1)");
	});

	it('a plug then pull before the link comes up delivers nothing', () => {
		const lab = makeLab();
		const a = lab.nport('a', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(a, 'sw-a1', 1);
		lab.set.unplug(a);
		lab.run();
		expect(a.history).toEqual([]);
	});

	it('negotiates the lower of port and device speed', () => {
		const lab = makeLab();
		const a = lab.nport('a', 1);
		lab.set.plugIntoSwitch(a, 'sw-a1', 1, {maxSpeedGbps: 4});
		lab.run();
		expect(a.link?.speedGbps).toBe(4);
	});
});

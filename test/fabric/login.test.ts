import {describe, expect, it} from 'vitest';
import {FabricReject} from '../../source/fabric/FabricReject.js';
import {hexId, makeLab, switchConfig, wwpnOf} from './helpers.js';

describe('FLOGI and FDISC', () => {
	it('FLOGI gets domain.area.00 with the F_Port bit and NPIV assignment', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 3);
		expect(h.link).toBeNull(); // linkUp arrives from a scheduled event, not inside plug
		lab.run();
		expect(h.link?.topology).toBe('fabric');
		const r = h.lastFlogi;
		expect(r?.accepted).toBe(true);
		if (!r?.accepted) return;
		expect(hexId(r.fcid)).toBe('010300');
		expect(r.fPort).toBe(true);
		expect(r.npivAssignment).toBe(true);
		expect(r.fabricName).toBe('100000051e000001');
		expect(r.fPortName).toBe('200300051e000001');
	});

	it('FDISC gets the same domain and area and the next free port byte', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 2);
		lab.run();
		const ids = [0x101, 0x102, 0x103].map(n => h.fdisc(wwpnOf(n)));
		expect(ids.map(r => (r.accepted ? hexId(r.fcid) : 'rjt'))).toEqual(['010201', '010202', '010203']);
		// freeing 01 makes it the next one handed out
		h.logo(h.vports.get(wwpnOf(0x101))!);
		const again = h.fdisc(wwpnOf(0x104));
		expect(again.accepted && hexId(again.fcid)).toBe('010201');
	});

	it('FDISC before FLOGI is rejected 09/1E', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1);
		lab.set.plugIntoSwitch(h, 'sw-a1', 2);
		lab.run();
		expect(h.fdisc(wwpnOf(0x101))).toEqual(FabricReject.loginRequired);
		expect(FabricReject.loginRequired).toMatchObject({reason: 0x09, explanation: 0x1e});
		expect(lab.log.entries().some(e => e.type === 'fabric.ls_rjt' && e.data['explanation'] === '1e')).toBe(true);
	});

	it('LOGO of the FLOGI ID drops the NPIV IDs and tells the N_Port about them', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 2);
		lab.run();
		h.fdisc(wwpnOf(0x101));
		h.fdisc(wwpnOf(0x102));
		const fabric = lab.set.requireFabric('fab-a');
		expect(fabric.loginCount).toBe(3);
		h.logo(h.fcid!);
		expect(fabric.loginCount).toBe(0);
		lab.run();
		expect(h.logos.map(hexId)).toEqual(['010201', '010202']);
		expect(h.fdisc(wwpnOf(0x103))).toEqual(FabricReject.loginRequired);
	});

	it('a new FLOGI on a port implicitly logs out every prior login on it', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 2);
		lab.run();
		h.fdisc(wwpnOf(0x101));
		const fabric = lab.set.requireFabric('fab-a');
		h.flogi();
		expect(fabric.loginCount).toBe(1);
		expect(fabric.loginByWwpn(wwpnOf(0x101))).toBeUndefined();
		const logos = lab.log.entries().filter(e => e.type === 'fabric.logo').map(e => e.data['cause']);
		expect(logos).toEqual(['implicit-flogi', 'implicit-flogi']);
	});

	it('link down logs out everything on the port and the N_Port sees linkDown', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 2);
		lab.run();
		h.fdisc(wwpnOf(0x101));
		const oldLink = h.link!;
		lab.set.unplug(h);
		expect(lab.set.requireFabric('fab-a').loginCount).toBe(0);
		lab.run();
		expect(h.history).toEqual(['up fabric', 'down']);
		expect(h.logos).toEqual([]); // linkDown says it all
		expect(oldLink.fdisc({wwpn: wwpnOf(0x102), wwnn: wwpnOf(0x102)})).toEqual(FabricReject.linkDown);
	});

	it('port disable/enable bounces the link', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 2);
		lab.run();
		const sw = lab.set.requireSwitch('sw-a1');
		sw.disablePort(2);
		lab.run();
		expect(sw.ports[2]!.state).toBe('disabled');
		expect(h.history).toEqual(['up fabric', 'down']);
		sw.enablePort(2);
		lab.run();
		expect(h.history).toEqual(['up fabric', 'down', 'up fabric']);
		expect(hexId(h.fcid)).toBe('010200');
	});

	it('a switch with NPIV off answers FLOGI without NPIV assignment and rejects FDISC', () => {
		const lab = makeLab({switches: [switchConfig('sw-a1', 'fab-a', 1, {npiv: false})]});
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 2);
		lab.run();
		expect(h.lastFlogi).toMatchObject({accepted: true, npivAssignment: false});
		expect(h.fdisc(wwpnOf(0x101))).toEqual(FabricReject.npivNotSupported);
		expect(FabricReject.npivNotSupported).toMatchObject({reason: 0x0b, explanation: 0x00});
	});
});

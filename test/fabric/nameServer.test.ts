import {describe, expect, it} from 'vitest';
import {hexId, makeLab, switchConfig, wwnnOf, wwpnOf, zoningOf, type FakeNPort} from './helpers.js';
import type {FcId} from '../../source/sim/FcId.js';
import {wwn} from '../../source/sim/Wwn.js';

/**
 * Host ports h1 (port 1), h2 (port 2, plus NPIV v1 0x101 and v2 0x102), target t (port 4), and
 * an unregistered port u (port 5). Zones: z1 = h1 + t, z2 = v1 + t (by WWPN), z3 = 1,2 (the whole
 * port of h2) + u.
 */
function nsLab() {
	const zoning = zoningOf({
		z1: [wwpnOf(1), wwpnOf(4)],
		z2: ['21:00:00:00:00:00:01:01', wwpnOf(4)],
		z3: ['1,2', wwpnOf(5)],
	});
	const lab = makeLab({fabrics: [{name: 'fab-a', zoning}], switches: [switchConfig('sw-a1', 'fab-a', 1)]});
	const mk = (n: number, port: number, fc4: boolean, role: 'initiator' | 'target' = 'initiator'): FakeNPort => {
		const p = lab.nport(`p${n}`, n, {autoFlogi: true, fc4, role});
		lab.set.plugIntoSwitch(p, 'sw-a1', port);
		return p;
	};
	const h1 = mk(1, 1, true);
	const h2 = mk(2, 2, true);
	const t = mk(4, 4, true, 'target');
	const u = mk(5, 5, false);
	lab.run();
	h2.fdisc(wwpnOf(0x101));
	h2.fdisc(wwpnOf(0x102));
	const v1 = h2.vports.get(wwpnOf(0x101))!;
	const v2 = h2.vports.get(wwpnOf(0x102))!;
	return {lab, h1, h2, t, u, v1, v2, ns: (p: FakeNPort, id: FcId = p.fcid!) => p.link!.nameServer(id)};
}

const ids = (r: {ok: boolean; value?: readonly FcId[]}) => (r.ok ? r.value!.map(hexId) : r);

describe('name server', () => {
	it('entries are created at FLOGI/FDISC with permanent port name = the physical WWPN', () => {
		const {lab, h2, v1} = nsLab();
		const f = lab.set.requireFabric('fab-a');
		const e = f.loginById(v1)!;
		expect(e.npiv).toBe(true);
		expect(e.permanentPortName).toBe(h2.wwpn);
		expect(e.port.wwn).toBe('200200051e000001');
		expect(f.loginById(h2.fcid!)!.permanentPortName).toBe(h2.wwpn);
	});

	it('GID_FT / GPN_FT list only zoned ports that registered the FC-4 type, the requester included', () => {
		const {ns, h1, h2, t, u, v1, v2} = nsLab();
		expect(ids(ns(h1).gidFt(8))).toEqual(['010100', '010400']);
		expect(ids(ns(t).gidFt(8))).toEqual(['010100', '010201', '010400']);
		ns(h2, v1).daId(); // v1 without FC-4 registration drops out of GID_FT but not of GPN_ID
		expect(ids(ns(t).gidFt(8))).toEqual(['010100', '010400']);
		expect(ns(t).gpnId(v1)).toEqual({ok: true, value: wwpnOf(0x101)});
		h2.register(v1);
		const pn = ns(t).gpnFt(8);
		expect(pn.ok && pn.value.map(e => e.wwpn)).toEqual([wwpnOf(1), wwpnOf(0x101), wwpnOf(4)]);
		// z3 = 1,2 + u: every login on port 2 (h2, v1, v2) and u see each other; u registered nothing
		expect(ids(ns(u).gidFt(8))).toEqual(['010200', '010201', '010202']);
		expect(ids(ns(h2, v2).gidFt(8))).toEqual(['010200', '010201', '010202']);
		expect(ns(u).gidFt(0x05)).toEqual({ok: false, reason: 0x09, explanation: 0x07});
		expect(ns(u).gpnFt(0x05)).toEqual({ok: false, reason: 0x09, explanation: 0x07});
		void t;
	});

	it('GPN_ID / GNN_ID / GFT_ID answer for zoned IDs and reject unknown or unzoned ones 09/01', () => {
		const {ns, h1, h2, t, u} = nsLab();
		expect(ns(h1).gpnId(t.fcid!)).toEqual({ok: true, value: wwpnOf(4)});
		expect(ns(h1).gnnId(t.fcid!)).toEqual({ok: true, value: wwnnOf(4)});
		expect(ns(h1).gftId(t.fcid!)).toEqual({ok: true, value: [8]});
		expect(ns(h1).gpnId(h2.fcid!)).toEqual({ok: false, reason: 0x09, explanation: 0x01});
		expect(ns(h1).gpnId(0x01ff00 as FcId)).toEqual({ok: false, reason: 0x09, explanation: 0x01});
		expect(ns(h1).gpnId(h1.fcid!)).toEqual({ok: true, value: wwpnOf(1)});
		expect(ns(h2).gftId(u.fcid!)).toEqual({ok: false, reason: 0x09, explanation: 0x07});
	});

	it('GID_PN finds zoned WWPNs only (09/02 otherwise)', () => {
		const {ns, h1, t, v1} = nsLab();
		expect(ns(h1).gidPn(wwpnOf(4))).toEqual({ok: true, value: t.fcid});
		expect(ns(h1).gidPn(wwpnOf(0x101))).toEqual({ok: false, reason: 0x09, explanation: 0x02});
		expect(ns(t).gidPn(wwpnOf(0x101))).toEqual({ok: true, value: v1});
		expect(ns(h1).gidPn(wwn('2100000000009999'))).toEqual({ok: false, reason: 0x09, explanation: 0x02});
	});

	it('GA_NXT walks the zoned entries in ID order and wraps', () => {
		const {ns, h2, v1, v2, u} = nsLab();
		const walk: string[] = [];
		let id = 0 as FcId;
		for (let i = 0; i < 5; i++) {
			const r = ns(h2).gaNxt(id);
			if (!r.ok) throw new Error('gaNxt');
			walk.push(hexId(r.value.fcid));
			id = r.value.fcid;
		}
		expect(walk).toEqual(['010200', '010201', '010202', '010500', '010200']);
		const obj = ns(u).gaNxt(v1);
		expect(obj.ok && obj.value).toMatchObject({fcid: v2, wwpn: wwpnOf(0x102), npiv: true, permanentPortName: h2.wwpn, fabricPortName: '200200051e000001'});
	});

	it('registrations are kept and reported; DA_ID drops them; entries leave on LOGO and link down', () => {
		const {lab, ns, h1, t} = nsLab();
		const c = ns(h1);
		expect(c.rspnId('QLE2462 FW:v4.04.09 DVR:v20100301-1.61')).toEqual({ok: true, value: undefined});
		expect(c.rsnnNn(wwnnOf(1), 'host-a')).toEqual({ok: true, value: undefined});
		expect(c.rsnnNn(wwnnOf(9), 'wrong')).toEqual({ok: false, reason: 0x09, explanation: 0x03});
		expect(c.rnnId(wwnnOf(7))).toEqual({ok: true, value: undefined});
		expect(ns(t).gnnId(h1.fcid!)).toEqual({ok: true, value: wwnnOf(7)});
		const obj = ns(t).gaNxt(0x010000 as FcId);
		expect(obj.ok && obj.value).toMatchObject({symbolicPortName: 'QLE2462 FW:v4.04.09 DVR:v20100301-1.61', symbolicNodeName: 'host-a'});
		expect(c.daId()).toEqual({ok: true, value: undefined});
		expect(ids(ns(t).gidFt(8))).toEqual(['010201', '010400']);
		const nsEvents = lab.log.entries().filter(e => e.type === 'fabric.ns' && e.data['fcid'] === '010100').map(e => e.data['op']);
		expect(nsEvents).toEqual(['RFT_ID', 'RFF_ID', 'RSPN_ID', 'RSNN_NN', 'RNN_ID', 'DA_ID']);
		h1.logo(h1.fcid!);
		expect(ns(t).gpnId(0x010100 as FcId)).toEqual({ok: false, reason: 0x09, explanation: 0x01});
		lab.set.unplug(t);
		expect(lab.set.requireFabric('fab-a').loginById(0x010400 as FcId)).toBeUndefined();
	});

	it('default zone all-access shows everyone; no-access shows only yourself', () => {
		const lab = makeLab({fabrics: [{name: 'fab-a', zoning: zoningOf({}, 'all-access')}]});
		const a = lab.nport('a', 1, {autoFlogi: true, fc4: true});
		const b = lab.nport('b', 2, {autoFlogi: true, fc4: true});
		lab.set.plugIntoSwitch(a, 'sw-a1', 1);
		lab.set.plugIntoSwitch(b, 'sw-a1', 2);
		lab.run();
		expect(ids(a.link!.nameServer(a.fcid!).gidFt(8))).toEqual(['010100', '010200']);
		lab.set.requireFabric('fab-a').setDefaultZone('no-access');
		expect(ids(a.link!.nameServer(a.fcid!).gidFt(8))).toEqual(['010100']);
		expect(a.link!.nameServer(a.fcid!).gpnId(b.fcid!)).toMatchObject({ok: false, explanation: 0x01});
	});

	it('a request from an S_ID that is not logged in through this link is refused', () => {
		const {ns, h1, t} = nsLab();
		expect(ns(h1, t.fcid!).gidFt(8)).toMatchObject({ok: false, reason: 0x03});
		expect(ns(h1, t.fcid!).rftId([8])).toMatchObject({ok: false, reason: 0x03});
	});
});

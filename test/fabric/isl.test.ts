import {describe, expect, it} from 'vitest';
import {FabricReject} from '../../source/fabric/FabricReject.js';
import {hexId, makeLab, switchConfig, wwpnOf, zoningOf} from './helpers.js';

function islLab(zoning = zoningOf({}, 'all-access')) {
	const lab = makeLab({
		fabrics: [{name: 'fab-a', zoning}],
		// sw-a2 has the lower WWN, so it is the principal switch
		switches: [switchConfig('sw-a1', 'fab-a', 1, {wwn: '10:00:00:05:1e:00:00:09'}), switchConfig('sw-a2', 'fab-a', 2, {wwn: '10:00:00:05:1e:00:00:02'})],
		isls: [{a: {switch: 'sw-a1', port: 15}, b: {switch: 'sw-a2', port: 15}}],
	});
	const h = lab.nport('host/qlc0', 1, {autoFlogi: true, fc4: true, scr: 'full'});
	const t = lab.nport('array/ct0', 2, {autoFlogi: true, fc4: true, role: 'target', scr: 'full'});
	lab.set.plugIntoSwitch(h, 'sw-a1', 2);
	lab.set.plugIntoSwitch(t, 'sw-a2', 4);
	lab.run();
	return {lab, h, t};
}

describe('fabric of two switches joined by an ISL', () => {
	it('has one fabric name (the principal = lowest WWN) and one name server', () => {
		const {lab, h, t} = islLab();
		const f = lab.set.requireFabric('fab-a');
		expect(f.principal.name).toBe('sw-a2');
		expect(f.fabricName).toBe('100000051e000002');
		expect(h.lastFlogi).toMatchObject({fabricName: '100000051e000002'});
		const ns = h.link!.nameServer(h.fcid!);
		expect(ns.gidPn(t.wwpn)).toEqual({ok: true, value: t.fcid});
		const ft = ns.gpnFt(8);
		expect(ft.ok && ft.value.map(e => hexId(e.fcid))).toEqual(['010200', '020400']);
	});

	it('routes PLOGI, PRLI and SCSI across the ISL to the D_ID owner, including NPIV IDs', () => {
		const {h, t} = islLab();
		const seen: string[] = [];
		t.responder = {
			plogi: from => {
				seen.push(`plogi from ${hexId(from.fcid)} ${from.wwpn}`);
				return {accepted: true, wwpn: t.wwpn, wwnn: t.wwnn};
			},
			prli: () => ({accepted: true, initiator: false, target: true}),
			logo: () => {},
			scsi: () => ({status: 'good', luns: [7]}),
		};
		const v = h.fdisc(wwpnOf(0x101));
		expect(v.accepted).toBe(true);
		if (!v.accepted) return;
		expect(h.link!.plogi(v.fcid, t.fcid!)).toEqual({accepted: true, wwpn: t.wwpn, wwnn: t.wwnn});
		expect(h.link!.prli(v.fcid, t.fcid!)).toMatchObject({accepted: true, target: true});
		expect(h.link!.scsi(v.fcid, t.fcid!, {op: 'report-luns'})).toEqual({status: 'good', luns: [7]});
		expect(seen).toEqual(['plogi from 010201 2100000000000101']);
		// an ID nobody holds
		expect(h.link!.plogi(v.fcid, 0x020401 as never)).toEqual(FabricReject.noSuchPort);
		// a source that is not logged in through this link
		expect(h.link!.plogi(t.fcid!, t.fcid!)).toEqual(FabricReject.loginRequired);
	});

	it('hard zoning: an unzoned pair behaves as if the destination did not exist', () => {
		const {h, t} = islLab(zoningOf({z1: ['2100000000000101', '21:00:00:00:00:00:00:02']}));
		const v = h.fdisc(wwpnOf(0x101));
		const w = h.fdisc(wwpnOf(0x102));
		if (!v.accepted || !w.accepted) throw new Error('fdisc');
		expect(h.link!.plogi(v.fcid, t.fcid!)).toMatchObject({accepted: true});
		expect(h.link!.plogi(w.fcid, t.fcid!)).toEqual(FabricReject.noSuchPort);
		expect(h.link!.scsi(w.fcid, t.fcid!, {op: 'report-luns'})).toEqual({status: 'no-connection'});
		expect(h.link!.plogi(h.fcid!, t.fcid!)).toEqual(FabricReject.noSuchPort);
	});

	it('RLS reads the F_Port counters or the destination port counters', () => {
		const {lab, h, t} = islLab();
		lab.set.unplug(t);
		lab.set.plugIntoSwitch(t, 'sw-a2', 4);
		lab.run();
		expect(h.link!.rls(h.fcid!, h.fcid!)).toMatchObject({linkFailureCount: 0});
		expect(h.link!.rls(h.fcid!, t.fcid!)).toMatchObject({linkFailureCount: 1, lossOfSignalCount: 1});
	});

	it('switchshow on each switch shows the E_Port towards the other', async () => {
		const {lab} = islLab();
		const {runSwitchCommand} = await import('../../source/fabric/index.js');
		const out1 = runSwitchCommand(lab.set.requireSwitch('sw-a1'), ['switchshow']).stdout;
		expect(out1).toContain('switchRole:\tSubordinate');
		expect(out1).toContain(' 15  15   010f00   id    N8   Online      FC  E-Port  10:00:00:05:1e:00:00:02 "sw-a2" (upstream)');
		const out2 = runSwitchCommand(lab.set.requireSwitch('sw-a2'), ['switchshow']).stdout;
		expect(out2).toContain('switchRole:\tPrincipal');
		expect(out2).toContain('E-Port  10:00:00:05:1e:00:00:09 "sw-a1" (downstream)');
	});
});

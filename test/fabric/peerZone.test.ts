import {describe, expect, it} from 'vitest';
import {ZoningDatabase, ZoningError} from '../../source/fabric/ZoningDatabase.js';
import {isPeerPropertyMember, peerPrincipalCount, peerPropertyMember} from '../../source/fabric/ZoneMember.js';
import type {FcId} from '../../source/sim/FcId.js';
import {hexId, makeLab, switchConfig, wwpnOf, type FakeNPort} from './helpers.js';

/**
 * FOS peer zones: the first member is the property member 00:02:00:00:00:03:NN:01, the NN members
 * after it are principals, the rest peers. Principals and peers see each other; peers never see
 * peers (nor principals principals).
 */
const property = (principals: number) => peerPropertyMember(principals);

function peerLab(zones: Record<string, string[]>, aliases: Record<string, string[]> = {}) {
	const names = Object.keys(zones);
	const lab = makeLab({
		fabrics: [
			{
				name: 'fab-a',
				zoning: {
					aliases: Object.entries(aliases).map(([name, members]) => ({name, members})),
					zones: names.map(name => ({name, members: zones[name]!})),
					configs: [{name: 'cfg', zones: names}],
					effective: 'cfg',
					defaultZone: 'no-access',
				},
			},
		],
		switches: [switchConfig('sw-a1', 'fab-a', 1)],
	});
	const plug = (n: number, port: number): FakeNPort => {
		const p = lab.nport(`p${n}`, n, {autoFlogi: true, fc4: true, scr: 'full'});
		lab.set.plugIntoSwitch(p, 'sw-a1', port);
		return p;
	};
	return {lab, plug, fabric: lab.set.requireFabric('fab-a')};
}

const gpnFt = (p: FakeNPort, id: FcId = p.fcid!): string[] => {
	const reply = p.link!.nameServer(id).gpnFt(8);
	return reply.ok ? reply.value.map(e => hexId(e.fcid)) : [];
};

describe('peer zones', () => {
	it('the property member says how many principals follow it', () => {
		expect(property(2)).toBe('0002000000030201');
		expect(isPeerPropertyMember('0002000000030201')).toBe(true);
		expect(peerPrincipalCount('0002000000030201')).toBe(2);
		expect(isPeerPropertyMember('2100000000000001')).toBe(false);
		expect(() => peerPropertyMember(256)).toThrow(RangeError);
	});

	it('NPIV logins behind a peer member see the principal, not each other', () => {
		// zone: principal = the target's port 1,0; peer = the initiator's port 1,1
		const {lab, plug} = peerLab({pz: [property(1), '1,0', '1,1']});
		const t = plug(0xa, 0);
		const h = plug(1, 1);
		lab.run();
		for (const v of [0x101, 0x102]) h.fdisc(wwpnOf(v));
		lab.run();
		// (the requester always sees itself)
		expect(gpnFt(h)).toEqual(['010000', '010100']);
		expect(gpnFt(h, h.vports.get(wwpnOf(0x101))!)).toEqual(['010000', '010101']);
		expect(gpnFt(t)).toEqual(['010000', '010100', '010101', '010102']);
		// canSee: a peer cannot ask about another peer
		const ns = h.link!.nameServer(h.vports.get(wwpnOf(0x101))!);
		expect(ns.gpnId(0x010102 as FcId)).toMatchObject({ok: false});
		expect(ns.gpnId(0x010000 as FcId)).toEqual({ok: true, value: wwpnOf(0xa)});
	});

	it('RSCNs follow the same pairs: a peer change reaches principals, a principal change every peer', () => {
		const {lab, plug} = peerLab({pz: [property(1), '1,0', '1,1', wwpnOf(2)]});
		const t = plug(0xa, 0);
		const h = plug(1, 1);
		const g = plug(2, 2);
		lab.run();
		expect(t.rscnAffected().sort()).toEqual(['port:010100', 'port:010200']);
		for (const p of [t, h, g]) p.rscns.length = 0;
		h.fdisc(wwpnOf(0x101));
		lab.run();
		expect(t.rscnAffected().sort()).toEqual(['port:010101']);
		expect(g.rscns).toEqual([]);
		expect(h.rscns).toEqual([]);
		t.rscns.length = 0;
		lab.set.unplug(t);
		lab.run();
		expect([...h.rscns.map(r => hexId(r.did)), ...g.rscns.map(r => hexId(r.did))].sort()).toEqual(['010100', '010101', '010200']);
	});

	it('aliases expand on each side; the property member then counts the expanded principals', () => {
		const db = new ZoningDatabase();
		db.aliCreate('targets', ['1,0', '1,2']);
		db.aliCreate('hosts', ['1,1', '1,2']);
		db.zoneCreate('pz', [property(1), 'targets', 'hosts']);
		db.cfgCreate('cfg', ['pz']);
		expect(db.buildEffective('cfg').zones[0]!.members).toEqual([property(2), '1,0', '1,2', '1,1']);
		db.aliAdd('targets', Array.from({length: 254}, (_, i) => `2,${i}`));
		expect(() => db.buildEffective('cfg')).toThrow(ZoningError);
	});

	it('ordinary zones beside a peer zone keep their meaning', () => {
		const {lab, plug} = peerLab({pz: [property(1), '1,0', '1,1', '1,2'], z: [wwpnOf(1), wwpnOf(2)]});
		const t = plug(0xa, 0);
		const h = plug(1, 1);
		const g = plug(2, 2);
		lab.run();
		expect(gpnFt(h)).toEqual(['010000', '010100', '010200']);
		expect(gpnFt(t)).toEqual(['010000', '010100', '010200']);
		expect(gpnFt(g)).toEqual(['010000', '010100', '010200']);
		const {plug: plug2, lab: lab2} = peerLab({pz: [property(1), '1,0', '1,1', '1,2']});
		const [t2, h2, g2] = [plug2(0xa, 0), plug2(1, 1), plug2(2, 2)];
		lab2.run();
		expect(gpnFt(h2)).toEqual(['010000', '010100']);
		expect(gpnFt(g2)).toEqual(['010000', '010200']);
		expect(gpnFt(t2)).toEqual(['010000', '010100', '010200']);
	});
});

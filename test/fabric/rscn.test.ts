import {describe, expect, it} from 'vitest';
import type {FcId} from '../../source/sim/FcId.js';
import type {ScrFunction} from '../../source/fabric/NPort.js';
import {hexId, makeLab, switchConfig, wwpnOf, zoningOf, type FakeNPort} from './helpers.js';

interface Member {
	n: number;
	port: number;
	scr?: ScrFunction;
	sw?: string;
}

function rscnLab(members: Member[], zones: Record<string, string[]>, opts: {maxPages?: number; isl?: boolean} = {}) {
	const lab = makeLab(
		{
			fabrics: [{name: 'fab-a', zoning: zoningOf(zones)}],
			switches: opts.isl ? [switchConfig('sw-a1', 'fab-a', 1), switchConfig('sw-a2', 'fab-a', 2)] : [switchConfig('sw-a1', 'fab-a', 1)],
			isls: opts.isl ? [{a: {switch: 'sw-a1', port: 15}, b: {switch: 'sw-a2', port: 15}}] : [],
		},
		opts.maxPages ? {rscnMaxPages: opts.maxPages} : {},
	);
	const ports: FakeNPort[] = [];
	for (const m of members) {
		const p = lab.nport(`p${m.n}`, m.n, {autoFlogi: true, fc4: true, scr: m.scr});
		lab.set.plugIntoSwitch(p, m.sw ?? 'sw-a1', m.port);
		ports.push(p);
	}
	lab.run();
	for (const p of ports) p.rscns.length = 0;
	return {lab, ports};
}

describe('RSCN', () => {
	it('reaches only SCR-registered ports zoned with the affected port', () => {
		const {lab, ports} = rscnLab(
			[
				{n: 1, port: 1, scr: 'fabric-detected'}, // zoned, registered
				{n: 2, port: 2, scr: 'full'}, // registered, not zoned
				{n: 3, port: 3}, // zoned, not registered
				{n: 4, port: 4, scr: 'fabric-detected'}, // the target
			],
			{z1: [wwpnOf(1), wwpnOf(3), wwpnOf(4)], z2: [wwpnOf(2)]},
		);
		const [h1, h2, h3] = ports;
		const seq = lab.log.lastSeq;
		lab.set.unplug(ports[3]!);
		lab.run();
		expect(h1!.rscns).toHaveLength(1);
		expect(h1!.rscns[0]!.rscn).toEqual({detectedBy: 'fabric', pages: [{format: 'port', qualifier: 'object-removed', affected: 0x010400}]});
		expect(h1!.rscns[0]!.did).toBe(h1!.fcid);
		expect(h2!.rscns).toEqual([]);
		expect(h3!.rscns).toEqual([]);
		const sent = lab.log.entries().filter(e => e.type === 'fabric.rscn' && e.seq > seq);
		expect(sent.map(e => [e.source, e.data['dir'], e.data['fcid'], e.data['affected']])).toEqual([['sw-a1', 'sent', '010100', ['010400']]]);
	});

	it('NPIV ports are separate recipients; a domain,index member covers every login on the port', () => {
		const {lab, ports} = rscnLab(
			[
				{n: 1, port: 1, scr: 'fabric-detected'},
				{n: 4, port: 4, scr: 'fabric-detected'},
			],
			{z1: ['1,1', wwpnOf(4)]},
		);
		const [h, t] = ports;
		h!.fdisc(wwpnOf(0x101));
		lab.run();
		// t heard about the vport's login and registrations; the vport registered after t's FLOGI
		expect(t!.rscnAffected()).toEqual(['port:010101']);
		t!.rscns.length = 0;
		h!.rscns.length = 0;
		lab.set.unplug(t!);
		lab.run();
		expect(h!.rscns.map(r => hexId(r.did)).sort()).toEqual(['010100', '010101']);
	});

	// With other registrants in the fabric the siblings share one port batch; without, each gets
	// its own: the outcome must not differ.
	for (const others of [false, true]) {
		it(`NPIV siblings on a domain,index-zoned port hear about later siblings, never about themselves${others ? ' (port batch)' : ''}`, () => {
			const extra: Member[] = others ? [{n: 2, port: 2, scr: 'full'}, {n: 3, port: 3, scr: 'full'}] : [];
			const {lab, ports} = rscnLab([{n: 1, port: 1, scr: 'full'}, ...extra], {z1: ['1,1'], z2: [wwpnOf(2), wwpnOf(3)]});
			const [h] = ports;
			const fabric = lab.set.requireFabric('fab-a');
			for (const v of [0x101, 0x102, 0x103]) h!.fdisc(wwpnOf(v));
			lab.run();
			const byRecipient = (p: FakeNPort) => Object.fromEntries(p.rscns.map(r => [hexId(r.did), r.rscn.pages.map(pg => hexId(pg.affected))]));
			// each vport registers (SCR) right after its FDISC: it hears about the ones after it
			expect(byRecipient(h!)).toEqual({
				'010100': ['010101', '010102', '010103'],
				'010101': ['010102', '010103'],
				'010102': ['010103'],
			});
			expect(fabric.rscn.pendingBatches).toBe(0);
			h!.rscns.length = 0;
			for (let v = 0x110; v < 0x120; v++) h!.fdisc(wwpnOf(v));
			lab.run();
			const got = byRecipient(h!);
			// the 16 new vports are 010104-010113
			expect(got['010100']).toHaveLength(16);
			expect(got['010103']).toHaveLength(16);
			expect(got['010104']).toEqual(Array.from({length: 15}, (_, i) => hexId((0x010105 + i) as FcId)));
			expect(got['010110']).toEqual(['010111', '010112', '010113']);
			expect(got['010113']).toBeUndefined();
			expect(ports.slice(1).flatMap(p => p.rscns)).toEqual([]);
		});
	}

	it('pages for one recipient within the window coalesce into one RSCN, delivered when the window closes', () => {
		const {lab, ports} = rscnLab(
			[
				{n: 1, port: 1, scr: 'fabric-detected'},
				{n: 4, port: 4},
				{n: 5, port: 5},
			],
			{z1: [wwpnOf(1), wwpnOf(4), wwpnOf(5)]},
		);
		const [h, t4, t5] = ports;
		const t0 = lab.sim.now;
		lab.set.unplug(t4!);
		lab.sim.runFor(20);
		lab.set.unplug(t5!);
		lab.sim.runFor(40); // t0 + 60: the first window (t0 + 50) has closed
		expect(h!.rscns.map(r => r.t - t0)).toEqual([50]);
		expect(h!.rscnAffected()).toEqual(['port:010400', 'port:010500']);
		lab.set.plugIntoSwitch(t4!, 'sw-a1', 4);
		lab.run();
		expect(h!.rscns).toHaveLength(2); // a later change is a new RSCN
		expect(h!.rscns[1]!.rscn.pages.map(p => hexId(p.affected))).toEqual(['010400']); // link up + FLOGI + RFT_ID... one page
	});

	it('too many pages collapse to area, then domain, then fabric format', () => {
		const {lab, ports} = rscnLab(
			[
				{n: 1, port: 1, scr: 'full'},
				{n: 2, port: 2},
				{n: 3, port: 3, sw: 'sw-a2'},
			],
			{},
			{maxPages: 2, isl: true},
		);
		lab.set.requireFabric('fab-a').setDefaultZone('all-access');
		lab.run();
		const [h, a, b] = ports;
		h!.rscns.length = 0;
		// three changes in one area: collapse to one area page
		for (const v of [0x201, 0x202, 0x203]) a!.fdisc(wwpnOf(v));
		lab.run();
		expect(h!.rscns.map(r => r.rscn.pages)).toEqual([[{format: 'area', qualifier: 'unspecified', affected: 0x010200}]]);
		// three areas of one domain in one window: a domain page
		h!.rscns.length = 0;
		a!.fdisc(wwpnOf(0x204));
		const c = lab.nport('p6', 6, {autoFlogi: true});
		const d = lab.nport('p7', 7, {autoFlogi: true});
		lab.set.plugIntoSwitch(c, 'sw-a1', 6);
		lab.set.plugIntoSwitch(d, 'sw-a1', 7);
		lab.run();
		expect(h!.rscns.map(r => r.rscn.pages)).toEqual([[{format: 'domain', qualifier: 'unspecified', affected: 0x010000}]]);
		// two pages fit: they stay port format
		h!.rscns.length = 0;
		b!.fdisc(wwpnOf(0x301));
		c.fdisc(wwpnOf(0x601));
		lab.run();
		expect(h!.rscnAffected()).toEqual(['port:020301', 'port:010601']);
	});

	it('collapses past domain format to a single fabric page', () => {
		const lab = makeLab(
			{
				fabrics: [{name: 'fab-a', zoning: zoningOf({}, 'all-access')}],
				switches: [switchConfig('sw-a1', 'fab-a', 1), switchConfig('sw-a2', 'fab-a', 2), switchConfig('sw-a3', 'fab-a', 3)],
			},
			{rscnMaxPages: 2},
		);
		const h = lab.nport('h', 1, {autoFlogi: true, scr: 'full'});
		lab.set.plugIntoSwitch(h, 'sw-a1', 1);
		lab.run();
		const others = [2, 3, 4].map(n => lab.nport(`p${n}`, n, {autoFlogi: true}));
		lab.set.plugIntoSwitch(others[0]!, 'sw-a1', 2);
		lab.set.plugIntoSwitch(others[1]!, 'sw-a2', 2);
		lab.set.plugIntoSwitch(others[2]!, 'sw-a3', 2);
		lab.run();
		expect(h.rscns.map(r => r.rscn.pages)).toEqual([[{format: 'fabric', qualifier: 'unspecified', affected: 0}]]);
	});

	it('cfgenable and cfgdisable send one fabric-format page to the registered ports whose zoning changed', () => {
		const {lab, ports} = rscnLab(
			[
				{n: 1, port: 1, scr: 'fabric-detected'},
				{n: 2, port: 2, scr: 'fabric-detected'},
				{n: 3, port: 3, scr: 'fabric-detected'},
				{n: 4, port: 4},
			],
			{z1: [wwpnOf(1), wwpnOf(4)], z2: [wwpnOf(2), wwpnOf(3)]},
		);
		const [h1, h2, h3] = ports;
		const fabric = lab.set.requireFabric('fab-a');
		fabric.editZoning('zoneadd', 'z1', [wwpnOf(2)]);
		fabric.editZoning('cfgcreate', 'cfg2', ['z1', 'z2']);
		lab.run();
		expect(h1!.rscns).toEqual([]); // editing the defined configuration changes nothing yet
		fabric.cfgEnable('cfg2');
		lab.run();
		const fabricPage = [{format: 'fabric', qualifier: 'switch-config-changed', affected: 0}];
		// z1 changed (gained h2): its members h1, h2 (and t, unregistered) are told; z2 is unchanged
		expect(h1!.rscns.map(r => r.rscn.pages)).toEqual([fabricPage]);
		expect(h2!.rscns.map(r => r.rscn.pages)).toEqual([fabricPage]);
		expect(h3!.rscns).toEqual([]);
		fabric.cfgDisable(); // default zone no-access: everyone zoned before loses peers
		lab.run();
		expect([h1, h2, h3].map(p => p!.rscns.length)).toEqual([2, 2, 1]);
		const zoningEvents = lab.log.entries().filter(e => e.type === 'fabric.zoning').map(e => e.data['op']);
		expect(zoningEvents).toEqual(['zoneadd', 'cfgcreate', 'cfgenable', 'cfgdisable']);
	});

	it('N_Port-detected RSCNs are relayed to nport-detected/full registrants zoned with the sender', () => {
		const {lab, ports} = rscnLab(
			[
				{n: 1, port: 1, scr: 'nport-detected'},
				{n: 2, port: 2, scr: 'full'},
				{n: 3, port: 3, scr: 'fabric-detected'},
				{n: 4, port: 4, scr: 'full'}, // not zoned with the sender
				{n: 5, port: 5},
			],
			{z1: [wwpnOf(1), wwpnOf(2), wwpnOf(3), wwpnOf(5)], z2: [wwpnOf(4)]},
		);
		const sender = ports[4]!;
		const page = {format: 'port' as const, qualifier: 'port-attribute-changed' as const, affected: sender.fcid!};
		expect(sender.link!.sendRscn(sender.fcid!, [page])).toEqual({accepted: true});
		lab.run();
		expect(ports.map(p => p.rscns.map(r => r.rscn.detectedBy))).toEqual([['nport'], ['nport'], [], [], []]);
		expect(ports[0]!.rscns[0]!.rscn.pages).toEqual([page]);
		const received = lab.log.entries().filter(e => e.type === 'fabric.rscn' && e.data['dir'] === 'received');
		expect(received).toHaveLength(1);
	});

	it('SCR clear stops RSCNs; SCR needs a login', () => {
		const {lab, ports} = rscnLab(
			[
				{n: 1, port: 1, scr: 'full'},
				{n: 4, port: 4},
			],
			{z1: [wwpnOf(1), wwpnOf(4)]},
		);
		const [h, t] = ports;
		expect(h!.link!.scr(h!.fcid!, 'clear')).toEqual({accepted: true});
		lab.set.unplug(t!);
		lab.run();
		expect(h!.rscns).toEqual([]);
		expect(h!.link!.scr(0x010999 as FcId, 'full')).toMatchObject({accepted: false, reason: 0x09, explanation: 0x1e});
	});

	it('a port that logs out before its RSCN is due gets nothing', () => {
		const {lab, ports} = rscnLab(
			[
				{n: 1, port: 1, scr: 'full'},
				{n: 4, port: 4},
			],
			{z1: [wwpnOf(1), wwpnOf(4)]},
		);
		const [h, t] = ports;
		lab.set.unplug(t!);
		lab.sim.runFor(10);
		h!.logo(h!.fcid!);
		lab.run();
		expect(h!.rscns).toEqual([]);
	});
});

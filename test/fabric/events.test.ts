import {describe, expect, it} from 'vitest';
import {makeLab, wwpnOf} from './helpers.js';

describe('event log', () => {
	it('records logins, logouts, rejects, link changes and NS changes with the switch as source', () => {
		const lab = makeLab();
		const h = lab.nport('host/qlc0', 1, {autoFlogi: true, fc4: true, scr: 'full'});
		lab.set.plugIntoSwitch(h, 'sw-a1', 3);
		lab.run();
		h.fdisc(wwpnOf(0x101));
		lab.set.requireSwitch('sw-a1').setPortNpiv(3, false);
		h.fdisc(wwpnOf(0x102));
		lab.set.unplug(h);
		lab.run();
		const events = lab.log.entries().map(e => ({source: e.source, type: e.type, summary: e.summary}));
		expect(events).toEqual([
			{source: 'sw-a1', type: 'fabric.link', summary: 'port 3 link up 8G (host/qlc0)'},
			{source: 'sw-a1', type: 'fabric.flogi', summary: 'FLOGI 21:00:00:00:00:00:00:01 port 3 -> 010300 (NPIV)'},
			{source: 'sw-a1', type: 'fabric.ns', summary: 'RFT_ID 010300 FCP'},
			{source: 'sw-a1', type: 'fabric.ns', summary: 'RFF_ID 010300 type 0x8 features 0x2'},
			{source: 'sw-a1', type: 'fabric.scr', summary: 'SCR 010300 full'},
			{source: 'sw-a1', type: 'fabric.fdisc', summary: 'FDISC 21:00:00:00:00:00:01:01 port 3 -> 010301'},
			{source: 'sw-a1', type: 'fabric.ns', summary: 'RFT_ID 010301 FCP'},
			{source: 'sw-a1', type: 'fabric.ns', summary: 'RFF_ID 010301 type 0x8 features 0x2'},
			{source: 'sw-a1', type: 'fabric.scr', summary: 'SCR 010301 full'},
			{source: 'sw-a1', type: 'fabric.port', summary: 'port 3 NPIV off'},
			{source: 'sw-a1', type: 'fabric.logo', summary: 'LOGO 21:00:00:00:00:00:01:01 010301 port 3 (npiv-off)'},
			{source: 'sw-a1', type: 'fabric.ls_rjt', summary: 'FDISC 21:00:00:00:00:00:01:02 port 3 rejected 0b/00: NPIV disabled on port'},
			{source: 'sw-a1', type: 'fabric.logo', summary: 'LOGO 21:00:00:00:00:00:00:01 010300 port 3 (link-down)'},
			{source: 'sw-a1', type: 'fabric.link', summary: 'port 3 link down (cable) (host/qlc0)'},
			// the RSCN about 010301 was still in its coalescing window when the cable went: not sent
		]);
		const fdisc = lab.log.entries().find(e => e.type === 'fabric.fdisc')!;
		expect(fdisc.data).toEqual({wwpn: '2100000000000101', wwnn: '2100000000000101', fcid: '010301', port: 3, physicalWwpn: '2100000000000001', device: 'host/qlc0'});
	});

	it('a bulk boot inside quietly() records nothing, and the fabric ends up the same', () => {
		const loud = makeLab();
		const quiet = makeLab();
		for (const lab of [loud, quiet]) {
			const boot = () => {
				for (let i = 0; i < 4; i++) lab.set.plugIntoSwitch(lab.nport(`h${i}`, i + 1, {autoFlogi: true, fc4: true, scr: 'full'}), 'sw-a1', i);
				lab.run();
			};
			if (lab === quiet) lab.set.quietly(boot);
			else boot();
		}
		expect(quiet.log.entries()).toEqual([]);
		expect(loud.log.entries().length).toBeGreaterThan(10);
		const ids = (lab: typeof loud) => lab.set.requireFabric('fab-a').sortedLogins().map(l => `${l.fcid} ${l.wwpn} ${l.fc4Types} ${l.scr}`);
		expect(ids(quiet)).toEqual(ids(loud));
	});

	it('an N_Port-requested link reset bounces the link and counts a loss of sync', () => {
		const lab = makeLab();
		const h = lab.nport('h', 1, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 3);
		lab.run();
		h.link!.reset();
		expect(lab.set.requireFabric('fab-a').loginCount).toBe(0);
		lab.run();
		expect(h.history).toEqual(['up fabric', 'down', 'up fabric']);
		expect(h.link!.rls(h.fcid!, h.fcid!)).toMatchObject({lossOfSyncCount: 1, linkFailureCount: 0});
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Fabric} from '../../source/fabric/Fabric.js';
import type {Rscn, ScrFunction} from '../../source/fabric/NPort.js';
import type {FcId} from '../../source/sim/FcId.js';
import type {Wwn} from '../../source/sim/Wwn.js';
import {FakeNPort, makeLab, switchConfig, wwpnOf, type Lab} from './helpers.js';

const ENDPOINTS = 5;
const VIRTUAL = [0x101, 0x102, 0x103, 0x104, 0x105].map(wwpnOf);
const PHYSICAL = Array.from({length: ENDPOINTS}, (_, i) => wwpnOf(i + 1));
const ALL_WWPNS = [...PHYSICAL, ...VIRTUAL];
const SWITCHES = ['sw-a1', 'sw-a2'] as const;
const PORTS = 4;

type Op =
	| {op: 'plug'; ep: number; sw: number; port: number}
	| {op: 'unplug'; ep: number}
	| {op: 'fdisc'; ep: number; v: number}
	| {op: 'logo'; ep: number; which: number}
	| {op: 'reflogi'; ep: number}
	| {op: 'port'; sw: number; port: number}
	| {op: 'npiv'; sw: number; port: number}
	| {op: 'limit'; sw: number; port: number; limit: number}
	| {op: 'zone'; members: number[]; portMember: number | null}
	| {op: 'unzone'; which: number}
	| {op: 'cfgdisable'}
	| {op: 'defzone'};

const epIdx = fc.integer({min: 0, max: ENDPOINTS - 1});
const swIdx = fc.integer({min: 0, max: SWITCHES.length - 1});
const portIdx = fc.integer({min: 0, max: PORTS - 1});
const opArb: fc.Arbitrary<Op> = fc.oneof(
	{arbitrary: fc.record({op: fc.constant('plug' as const), ep: epIdx, sw: swIdx, port: portIdx}), weight: 4},
	{arbitrary: fc.record({op: fc.constant('unplug' as const), ep: epIdx}), weight: 1},
	{arbitrary: fc.record({op: fc.constant('fdisc' as const), ep: epIdx, v: fc.integer({min: 0, max: VIRTUAL.length - 1})}), weight: 5},
	{arbitrary: fc.record({op: fc.constant('logo' as const), ep: epIdx, which: fc.integer({min: 0, max: 3})}), weight: 1},
	{arbitrary: fc.record({op: fc.constant('reflogi' as const), ep: epIdx}), weight: 1},
	{arbitrary: fc.record({op: fc.constant('port' as const), sw: swIdx, port: portIdx}), weight: 1},
	{arbitrary: fc.record({op: fc.constant('npiv' as const), sw: swIdx, port: portIdx}), weight: 1},
	{arbitrary: fc.record({op: fc.constant('limit' as const), sw: swIdx, port: portIdx, limit: fc.integer({min: 1, max: 3})}), weight: 1},
	{
		arbitrary: fc.record({
			op: fc.constant('zone' as const),
			members: fc.uniqueArray(fc.integer({min: 0, max: ALL_WWPNS.length - 1}), {minLength: 1, maxLength: 4}),
			portMember: fc.option(fc.integer({min: 0, max: SWITCHES.length * PORTS - 1}), {nil: null}),
		}),
		weight: 2,
	},
	{arbitrary: fc.record({op: fc.constant('unzone' as const), which: fc.nat()}), weight: 1},
	{arbitrary: fc.constant({op: 'cfgdisable' as const}), weight: 1},
	{arbitrary: fc.constant({op: 'defzone' as const}), weight: 1},
);

interface Delivery {
	readonly recipient: {wwpn: Wwn; portKey: number} | undefined;
	readonly scr: ScrFunction | null | undefined;
	readonly rscn: Rscn;
}

/** An N_Port that notes, at delivery, what the fabric knew about the recipient. */
class WatchedNPort extends FakeNPort {
	fabric: Fabric | undefined;
	readonly deliveries: Delivery[] = [];
	override receiveRscn(did: FcId, rscn: Rscn): void {
		super.receiveRscn(did, rscn);
		const l = this.fabric?.loginById(did);
		this.deliveries.push({recipient: l ? {wwpn: l.wwpn, portKey: l.portKey} : undefined, scr: l?.scr, rscn});
	}
}

/** The test's own model of the effective zoning. */
class ZoningOracle {
	zones: {name: string; members: string[]}[] = [];
	enabled = false;
	defaultAll = true;
	zonedWith(a: {wwpn: string; portKey: number}, b: {wwpn: string; portKey: number}): boolean {
		if (a.wwpn === b.wwpn && a.portKey === b.portKey) return true;
		if (!this.enabled) return this.defaultAll;
		const dI = (k: number) => `${Math.floor(k / 0x10000)},${k % 0x10000}`;
		const has = (z: {members: string[]}, s: {wwpn: string; portKey: number}) => z.members.includes(s.wwpn) || z.members.includes(dI(s.portKey));
		return this.zones.some(z => has(z, a) && has(z, b));
	}
}

interface World {
	lab: Lab;
	fabric: Fabric;
	eps: WatchedNPort[];
	oracle: ZoningOracle;
	zoneSeq: number;
}

function makeWorld(policy: 'first-wins' | 'newest-wins', scrs: (ScrFunction | undefined)[]): World {
	const lab = makeLab({
		switches: [switchConfig('sw-a1', 'fab-a', 1, {portCount: PORTS, duplicateWwpnPolicy: policy}), switchConfig('sw-a2', 'fab-a', 2, {portCount: PORTS + 1, duplicateWwpnPolicy: policy})],
		isls: [{a: {switch: 'sw-a1', port: PORTS - 1 + 0}, b: {switch: 'sw-a2', port: PORTS}}],
	});
	const fabric = lab.set.requireFabric('fab-a');
	const eps = PHYSICAL.map((w, i) => {
		const ep = new WatchedNPort(lab.sim, `ep${i}`, w, w, {autoFlogi: true, fc4: true, scr: scrs[i]});
		ep.fabric = fabric;
		return ep;
	});
	return {lab, fabric, eps, oracle: new ZoningOracle(), zoneSeq: 0};
}

function apply(w: World, o: Op): void {
	const {lab, fabric, eps, oracle} = w;
	const sw = (i: number) => lab.set.requireSwitch(SWITCHES[i]!);
	try {
		switch (o.op) {
			case 'plug': {
				const port = sw(o.sw).ports[o.port]!;
				if (!lab.set.attachmentOf(eps[o.ep]!) && !port.attachment) lab.set.plugIntoSwitch(eps[o.ep]!, SWITCHES[o.sw]!, o.port);
				break;
			}
			case 'unplug':
				lab.set.unplug(eps[o.ep]!);
				break;
			case 'fdisc':
				if (eps[o.ep]!.link && eps[o.ep]!.fcid !== undefined) eps[o.ep]!.fdisc(VIRTUAL[o.v]!);
				break;
			case 'logo': {
				const ep = eps[o.ep]!;
				if (!ep.link) break;
				const ids = [ep.fcid, ...ep.vports.values()].filter((x): x is FcId => x !== undefined);
				const id = ids[o.which % Math.max(ids.length, 1)];
				if (id !== undefined) ep.logo(id);
				break;
			}
			case 'reflogi':
				if (eps[o.ep]!.link) eps[o.ep]!.flogi();
				break;
			case 'port': {
				const p = sw(o.sw).ports[o.port]!;
				if (p.adminDisabled) fabric.setPortEnabled(p, true);
				else fabric.setPortEnabled(p, false);
				break;
			}
			case 'npiv': {
				const p = sw(o.sw).ports[o.port]!;
				fabric.setPortNpiv(p, !p.npiv);
				break;
			}
			case 'limit':
				fabric.setPortNpivLimit(sw(o.sw).ports[o.port]!, o.limit);
				break;
			case 'zone': {
				const name = `z${w.zoneSeq++}`;
				const members: string[] = o.members.map(i => ALL_WWPNS[i]!);
				if (o.portMember !== null) members.push(`${Math.floor(o.portMember / PORTS) + 1},${o.portMember % PORTS}`);
				fabric.editZoning('zonecreate', name, members);
				fabric.editZoning(fabric.zoning.configs.has('cfg') ? 'cfgadd' : 'cfgcreate', 'cfg', [name]);
				fabric.cfgEnable('cfg');
				oracle.zones = fabric.zoning.configs.get('cfg')!.map(z => ({name: z, members: [...fabric.zoning.zones.get(z)!]}));
				oracle.enabled = true;
				break;
			}
			case 'unzone': {
				const zones = fabric.zoning.configs.get('cfg');
				if (!zones) break;
				fabric.editZoning('zonedelete', zones[o.which % zones.length]!);
				if (fabric.zoning.configs.has('cfg')) {
					fabric.cfgEnable('cfg');
					oracle.zones = fabric.zoning.configs.get('cfg')!.map(z => ({name: z, members: [...fabric.zoning.zones.get(z)!]}));
					oracle.enabled = true;
				} else {
					fabric.cfgDisable();
					oracle.enabled = false;
				}
				break;
			}
			case 'cfgdisable':
				fabric.cfgDisable();
				oracle.enabled = false;
				break;
			case 'defzone':
				oracle.defaultAll = !oracle.defaultAll;
				fabric.setDefaultZone(oracle.defaultAll ? 'all-access' : 'no-access');
				break;
		}
	} catch (e) {
		throw new Error(`${JSON.stringify(o)}: ${(e as Error).message}`);
	}
}

function snapshot(fabric: Fabric): Map<number, {wwpn: Wwn; portKey: number}> {
	const m = new Map<number, {wwpn: Wwn; portKey: number}>();
	for (const l of fabric.logins()) m.set(l.fcid, {wwpn: l.wwpn, portKey: l.portKey});
	return m;
}

function checkInvariants(w: World, before: Map<number, {wwpn: Wwn; portKey: number}>, o: Op): void {
	const {fabric, lab, eps, oracle} = w;
	const logins = [...fabric.logins()];
	// one login per WWPN, unique FCIDs, consistent port tables, NPIV limits
	expect(new Set(logins.map(l => l.wwpn)).size).toBe(logins.length);
	expect(new Set(logins.map(l => l.fcid)).size).toBe(logins.length);
	let onPorts = 0;
	for (const sw of fabric.switches) {
		for (const p of sw.ports) {
			onPorts += p.logins.size;
			expect(p.npivCount).toBeLessThanOrEqual(p.npivLimit);
			if (!p.npivEnabled) expect(p.npivCount).toBe(0);
			for (const l of p.logins.values()) expect(l.fcid >> 8).toBe((sw.domainId << 8) | p.index);
			if (p.logins.size > 0) expect(p.base).not.toBeNull();
		}
	}
	expect(onPorts).toBe(logins.length);
	// name server answers follow zoning
	for (const a of logins) {
		const ns = a.link.nameServer(a.fcid);
		for (const b of logins) {
			const r = ns.gpnId(b.fcid);
			expect(r.ok, `${o.op}: GPN_ID ${a.wwpn} -> ${b.wwpn}`).toBe(oracle.zonedWith(a, b));
		}
	}
	// RSCNs went to registered ports, and port pages only to ports zoned with the affected one
	const after = snapshot(fabric);
	const bases = new Map<number, {wwpn: Wwn; portKey: number}>();
	for (const sw of fabric.switches) {
		for (const p of sw.ports) if (p.attachment?.kind === 'nport') bases.set(p.baseFcId, {wwpn: p.attachment.endpoint.wwpn, portKey: p.key});
	}
	for (const ep of eps) {
		for (const d of ep.deliveries) {
			expect(d.scr === 'fabric-detected' || d.scr === 'full', `${o.op}: RSCN to an unregistered port`).toBe(true);
			for (const page of d.rscn.pages) {
				if (page.format !== 'port') continue;
				const candidates = [before.get(page.affected), after.get(page.affected), bases.get(page.affected)].filter(x => x !== undefined);
				expect(candidates.length).toBeGreaterThan(0);
				expect(
					candidates.some(c => oracle.zonedWith(d.recipient!, c!)),
					`${JSON.stringify(o)}: RSCN page ${page.affected.toString(16)} to unzoned ${d.recipient!.wwpn}`,
				).toBe(true);
			}
		}
		ep.deliveries.length = 0;
	}
	void lab;
}

function runOps(policy: 'first-wins' | 'newest-wins', scrs: (ScrFunction | undefined)[], ops: Op[], check: boolean): string {
	const w = makeWorld(policy, scrs);
	for (const o of ops) {
		const before = snapshot(w.fabric);
		apply(w, o);
		w.lab.run();
		if (check) checkInvariants(w, before, o);
	}
	return JSON.stringify(w.lab.log.entries());
}

describe('fabric properties', () => {
	it('random logins, logouts, port and NPIV changes, cable pulls and zoning keep the fabric consistent', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('first-wins' as const, 'newest-wins' as const),
				fc.array(fc.constantFrom<ScrFunction | undefined>('full', 'fabric-detected', 'nport-detected', undefined), {minLength: ENDPOINTS, maxLength: ENDPOINTS}),
				fc.array(opArb, {minLength: 1, maxLength: 40}),
				(policy, scrs, ops) => {
					const first = runOps(policy, scrs, ops, true);
					// same seed and operations: byte-identical event log
					expect(runOps(policy, scrs, ops, false)).toBe(first);
				},
			),
			{numRuns: 200},
		);
	});
});

/**
 * The state the fabrics reached, as the store keeps it between processes: which switch ports
 * have light and at what speed, their error counters, every login with its N_Port_ID and
 * name-server registrations in login order, the SCR registrations in their order, the loops'
 * members with their AL_PAs, and the point-to-point cables. Configuration (switches, zoning,
 * port settings) is not here: the lab configuration holds it.
 *
 * Saved only when the simulator is idle: nothing is in flight (no RSCN window open, no link-up
 * posted), so the state is plain data. `FabricSet.restoreAttachment` re-cables without starting
 * links; `loadFabricSetLive` then puts back links, counters and logins without running anything
 * or recording any event.
 *
 * Logins are kept as columns (a 100,000-vport fabric holds 50,000 of them) and repeated texts
 * (symbolic names, FC-4 feature maps) go through a per-fabric string table.
 */
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import {DirectLink, type DirectMember} from './DirectLink.js';
import type {Fabric} from './Fabric.js';
import {FabricError} from './FabricError.js';
import {FabricLogin} from './FabricLogin.js';
import type {FabricSet} from './FabricSet.js';
import {FPortLink} from './FPortLink.js';
import type {LinkErrorStatus, NPortEndpoint, ScrFunction} from './NPort.js';
import type {PointToPointCable} from './PointToPointCable.js';
import type {SwitchPort} from './SwitchPort.js';

/** The media without a fabric: loops and point-to-point cables (each fabric is saved on its own). */
export interface DirectMediaLive {
	readonly loops: readonly LoopLive[];
	/** Point-to-point cables in the order they were connected. */
	readonly p2p: readonly P2pLive[];
}

export interface FabricLive {
	readonly name: string;
	/** Next login sequence number (orders logins across the fabric). */
	readonly loginSeq: number;
	/** RSCN service: change clock, windows flushed, RSCNs sent. */
	readonly rscn: readonly [number, number, number];
	readonly strings: readonly string[];
	/** Switch ports with a link or with counters moved: [domain, index, link speed or 0, transitions, ...6 error counters]. */
	readonly ports: readonly PortLive[];
	readonly logins: LoginsLive;
	/** N_Port_IDs of the SCR-registered logins, in registration order. */
	readonly scr: readonly number[];
}

export type PortLive = readonly [domain: number, index: number, linkGbps: number, transitions: number, ...errors: number[]];

/**
 * The logins in login order, one column per field (a fabric of 50,000 logins reads as a dozen
 * arrays of numbers, not 50,000 small ones). WWNs are concatenated 16-digit texts; names, FC-4
 * types and features are string-table numbers (-1: none); a symbolic port name (a devfs path) is
 * its folder and its last step, each in the table. flags: 1 NPIV (FDISC), 2 NPIV-capable,
 * 4 NPIV assignment promised.
 */
export interface LoginsLive {
	readonly fcid: readonly number[];
	readonly wwpn: string;
	readonly wwnn: string;
	readonly flags: readonly number[];
	readonly seq: readonly number[];
	readonly portNameDir: readonly number[];
	readonly portNameLeaf: readonly number[];
	readonly nodeName: readonly number[];
	readonly types: readonly number[];
	readonly features: readonly number[];
	readonly scr: readonly number[];
	readonly scrSeq: readonly number[];
}

export interface LoopLive {
	readonly name: string;
	/** [endpoint key, AL_PA, link up (1/0), ...6 error counters], in member order. */
	readonly members: readonly (readonly [string, number, number, ...number[]])[];
}

export interface P2pLive {
	readonly name: string;
	readonly connected: boolean;
	/** Per end, in the cable's order: [endpoint key, link up (1/0), ...6 error counters]. */
	readonly ends: readonly (readonly [string, number, ...number[]])[];
}

/** How the world names an N_Port endpoint in saved state (its cable end, `host/WWPN` or `array/PORT`). */
export type EndpointKey = (endpoint: NPortEndpoint) => string;
export type EndpointByKey = (key: string) => NPortEndpoint | undefined;

const SCR_CODES: readonly (ScrFunction | null)[] = [null, 'fabric-detected', 'nport-detected', 'full'];
const ERROR_FIELDS = [
	'linkFailureCount',
	'lossOfSyncCount',
	'lossOfSignalCount',
	'primitiveSeqProtocolErrorCount',
	'invalidTxWordCount',
	'invalidCrcCount',
] as const satisfies readonly (keyof LinkErrorStatus)[];

function errorsOf(e: LinkErrorStatus): number[] {
	return ERROR_FIELDS.map(f => e[f]);
}

function setErrors(e: LinkErrorStatus, values: readonly number[]): void {
	ERROR_FIELDS.forEach((f, i) => {
		e[f] = values[i] ?? 0;
	});
}

class StringTable {
	readonly list: string[] = [];
	private readonly index = new Map<string, number>();

	add(s: string): number {
		let i = this.index.get(s);
		if (i === undefined) {
			i = this.list.length;
			this.list.push(s);
			this.index.set(s, i);
		}
		return i;
	}
}

export function saveDirectMediaLive(set: FabricSet, keyOf: EndpointKey): DirectMediaLive {
	return {
		loops: set.loops.map(loop => ({
			name: loop.name,
			members: loop.liveMembers().map(m => [keyOf(m.endpoint), m.id, m.link ? 1 : 0, ...errorsOf(m.errors)] as const),
		})),
		p2p: set.cables.map(cable => ({
			name: cable.name,
			connected: cable.connected,
			ends: cable.ends.map(m => [keyOf(m.endpoint), m.link ? 1 : 0, ...errorsOf(m.errors)] as const),
		})),
	};
}

export function saveFabricLive(fabric: Fabric): FabricLive {
	const strings = new StringTable();
	const ports: PortLive[] = [];
	for (const sw of fabric.switches) {
		for (const p of sw.ports) {
			const errors = errorsOf(p.errors);
			if (!p.link && p.transitions === 0 && errors.every(n => n === 0)) continue;
			ports.push([sw.domainId, p.index, p.link ? p.link.speedGbps : 0, p.transitions, ...errors]);
		}
	}
	const logins = {
		fcid: [] as number[],
		wwpn: [] as string[],
		wwnn: [] as string[],
		flags: [] as number[],
		seq: [] as number[],
		portNameDir: [] as number[],
		portNameLeaf: [] as number[],
		nodeName: [] as number[],
		types: [] as number[],
		features: [] as number[],
		scr: [] as number[],
		scrSeq: [] as number[],
	};
	const text = (t: string): number => (t ? strings.add(t) : -1);
	// Type lists and feature maps are shared between logins: each distinct one is written once.
	const typeCodes = new Map<readonly number[], number>();
	const featureCodes = new Map<Readonly<Record<number, number>>, number>();
	let lastDir = '';
	let lastDirCode = -1;
	for (const l of fabric.logins()) {
		logins.fcid.push(l.fcid);
		logins.wwpn.push(l.wwpn);
		logins.wwnn.push(l.wwnn);
		logins.flags.push((l.npiv ? 1 : 0) | (l.npivCapable ? 2 : 0) | (l.npivAssigned ? 4 : 0));
		logins.seq.push(l.seq);
		const name = l.symbolicPortName;
		const slash = name.lastIndexOf('/');
		if (slash > 0) {
			// The virtual ports of one physical port follow each other: their folder repeats.
			if (!(name.length > lastDir.length && name.charCodeAt(lastDir.length) === 47 && name.startsWith(lastDir) && lastDir.length === slash)) {
				lastDir = name.slice(0, slash);
				lastDirCode = strings.add(lastDir);
			}
			logins.portNameDir.push(lastDirCode);
			logins.portNameLeaf.push(strings.add(name.slice(slash)));
		} else {
			logins.portNameDir.push(-1);
			logins.portNameLeaf.push(text(name));
		}
		logins.nodeName.push(text(l.symbolicNodeName));
		let types = typeCodes.get(l.fc4Types);
		if (types === undefined) typeCodes.set(l.fc4Types, (types = l.fc4Types.length > 0 ? strings.add(l.fc4Types.join(',')) : -1));
		logins.types.push(types);
		let features = featureCodes.get(l.fc4Features);
		if (features === undefined) featureCodes.set(l.fc4Features, (features = Object.keys(l.fc4Features).length > 0 ? strings.add(JSON.stringify(l.fc4Features)) : -1));
		logins.features.push(features);
		logins.scr.push(SCR_CODES.indexOf(l.scr));
		logins.scrSeq.push(l.scrSeq);
	}
	const {clock, flushes, sent, registered} = fabric.rscn.liveState();
	return {
		name: fabric.name,
		loginSeq: fabric.loginSeqState,
		rscn: [clock, flushes, sent],
		strings: strings.list,
		ports,
		logins: {...logins, wwpn: logins.wwpn.join(''), wwnn: logins.wwnn.join('')},
		scr: registered.map(l => l.fcid),
	};
}

/**
 * Puts the saved loops and point-to-point cables back into a FabricSet built from the same
 * configuration and re-cabled with restoreAttachment. Throws FabricError when the saved state does
 * not fit the configuration.
 */
export function loadDirectMediaLive(set: FabricSet, live: DirectMediaLive, byKey: EndpointByKey): void {
	const endpoint = (key: string): NPortEndpoint => {
		const e = byKey(key);
		if (!e) throw new FabricError(`saved fabric state names ${key}, which is not cabled`);
		return e;
	};
	for (const l of live.loops) {
		const loop = set.requireLoop(l.name);
		loop.restoreMembers(
			l.members.map(([key, alpa, up, ...errors]) => {
				const m: DirectMember = {endpoint: endpoint(key), id: alpa as FcId, errors: zeroed(), link: null};
				setErrors(m.errors, errors);
				if (up) m.link = deliveredLink(new DirectLink('private-loop', loop.speedGbps, loop, m));
				return m;
			}),
		);
	}
	const byName = new Map(set.cables.map(c => [c.name, c] as const));
	const order: PointToPointCable[] = [];
	for (const c of live.p2p) {
		const cable = byName.get(c.name);
		if (!cable) throw new FabricError(`saved fabric state names point-to-point cable ${c.name}, which is not cabled`);
		cable.connected = c.connected;
		cable.ends.forEach((m, i) => {
			const [key, up, ...errors] = c.ends[i] ?? [];
			if (key !== undefined && endpoint(String(key)) !== m.endpoint) throw new FabricError(`saved point-to-point cable ${c.name} has other ends`);
			setErrors(m.errors, errors as number[]);
			m.link = up ? deliveredLink(new DirectLink('point-to-point', cable.speedGbps, cable, m)) : null;
		});
		order.push(cable);
	}
	if (order.length !== set.cables.length) throw new FabricError('saved fabric state does not list every point-to-point cable');
	set.cables.splice(0, set.cables.length, ...order);
}

/**
 * Puts one fabric's saved state back (links, counters, logins, SCR registrations) into a fabric
 * built from the same configuration and re-cabled with restoreAttachment.
 */
export function loadFabricLive(fabric: Fabric, live: FabricLive): void {
	const portAt = (domain: number, index: number): SwitchPort => {
		const port = fabric.switchByDomain(domain)?.port(index);
		if (!port) throw new FabricError(`saved state of fabric ${fabric.name} names port ${domain},${index}, which it does not have`);
		return port;
	};
	for (const sw of fabric.switches) {
		for (const p of sw.ports) {
			// Re-cabling gave every cabled, enabled port a link; the saved state says which have one.
			p.link = null;
			p.transitions = 0;
			setErrors(p.errors, []);
		}
	}
	for (const [domain, index, speed, transitions, ...errors] of live.ports) {
		const port = portAt(domain, index);
		port.transitions = transitions;
		setErrors(port.errors, errors);
		if (speed > 0) {
			const att = port.attachment;
			if (att?.kind !== 'nport') throw new FabricError(`saved state of fabric ${fabric.name}: port ${domain},${index} has a link but nothing cabled`);
			port.link = deliveredLink(new FPortLink(port, att.endpoint, speed));
		}
	}
	const s = live.strings;
	const text = (i: number | undefined): string => (i !== undefined && i >= 0 ? (s[i] ?? '') : '');
	// Shared values, as one process shares them: a type list or feature map per distinct text.
	const typeLists = new Map<number, readonly number[]>();
	const featureMaps = new Map<number, Readonly<Record<number, number>>>();
	const L = live.logins;
	for (let i = 0; i < L.fcid.length; i++) {
		const fcid = L.fcid[i]!;
		const wwpn = L.wwpn.slice(i * 16, i * 16 + 16) as Wwn;
		const flags = L.flags[i]!;
		const port = portAt((fcid >> 16) & 0xff, (fcid >> 8) & 0xff);
		const link = port.link;
		if (!link) throw new FabricError(`saved login ${wwpn} on ${fabric.name} port ${port.sw.name}/${port.index}, which has no link`);
		const npiv = (flags & 1) !== 0;
		const permanent = npiv ? port.base?.wwpn : wwpn;
		if (!permanent) throw new FabricError(`saved NPIV login ${wwpn} on ${port.sw.name}/${port.index} comes before the port's FLOGI`);
		const login = new FabricLogin(fcid as FcId, wwpn, L.wwnn.slice(i * 16, i * 16 + 16) as Wwn, npiv, port, link, permanent, (flags & 2) !== 0, L.seq[i]!);
		login.npivAssigned = (flags & 4) !== 0;
		const dir = L.portNameDir[i]!;
		login.symbolicPortName = dir >= 0 ? text(dir) + text(L.portNameLeaf[i]) : text(L.portNameLeaf[i]);
		login.symbolicNodeName = text(L.nodeName[i]);
		const types = L.types[i]!;
		if (types >= 0) {
			let list = typeLists.get(types);
			if (!list) typeLists.set(types, (list = Object.freeze(text(types).split(',').map(Number))));
			login.fc4Types = list;
		}
		const features = L.features[i]!;
		if (features >= 0) {
			let map = featureMaps.get(features);
			if (!map) featureMaps.set(features, (map = Object.freeze(JSON.parse(text(features)) as Record<number, number>)));
			login.fc4Features = map;
		}
		login.scr = SCR_CODES[L.scr[i]!] ?? null;
		login.scrSeq = L.scrSeq[i]!;
		fabric.restoreLogin(login);
	}
	fabric.restoreLiveCounters(live.loginSeq);
	const registered = live.scr.map(id => {
		const l = fabric.loginById(id as FcId);
		if (!l) throw new FabricError(`saved SCR registration of ${id.toString(16)} on ${fabric.name} has no login`);
		return l;
	});
	fabric.rscn.restoreLive({clock: live.rscn[0], flushes: live.rscn[1], sent: live.rscn[2], registered});
}

function deliveredLink<L extends {delivered: boolean}>(link: L): L {
	link.delivered = true;
	return link;
}

function zeroed(): LinkErrorStatus {
	return {linkFailureCount: 0, lossOfSyncCount: 0, lossOfSignalCount: 0, primitiveSeqProtocolErrorCount: 0, invalidTxWordCount: 0, invalidCrcCount: 0};
}


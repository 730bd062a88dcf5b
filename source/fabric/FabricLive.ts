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
	readonly list: string[];
	private readonly index = new Map<string, number>();

	constructor(seed: readonly string[] = []) {
		this.list = [...seed];
		seed.forEach((s, i) => {
			if (!this.index.has(s)) this.index.set(s, i);
		});
	}

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

/** What a fabric was restored from: the saved state, and the login made from each of its rows. */
interface RestoredFabric {
	readonly live: FabricLive;
	readonly logins: readonly FabricLogin[];
}

const restoredFrom = new WeakMap<Fabric, RestoredFabric>();

/** The SCR registrations as last saved, good while the service's registrations version holds. */
const savedRegistrations = new WeakMap<Fabric, {readonly version: number; readonly scr: readonly number[]}>();

function registrations(fabric: Fabric, registered: ReadonlySet<FabricLogin>): readonly number[] {
	const version = fabric.rscn.registrationsVersion;
	const saved = savedRegistrations.get(fabric);
	if (saved?.version === version) return saved.scr;
	const scr = Array.from(registered, l => l.fcid);
	savedRegistrations.set(fabric, {version, scr});
	return scr;
}

export function saveFabricLive(fabric: Fabric): FabricLive {
	const ports: PortLive[] = [];
	for (const sw of fabric.switches) {
		for (const p of sw.ports) {
			const errors = errorsOf(p.errors);
			if (!p.link && p.transitions === 0 && errors.every(n => n === 0)) continue;
			ports.push([sw.domainId, p.index, p.link ? p.link.speedGbps : 0, p.transitions, ...errors]);
		}
	}
	const restored = restoredFrom.get(fabric);
	const {strings, logins, order} = restored ? loginsSince(restored, fabric) : loginsOf(fabric.logins());
	const {clock, flushes, sent, registered} = fabric.rscn.liveState();
	const live: FabricLive = {
		name: fabric.name,
		loginSeq: fabric.loginSeqState,
		rscn: [clock, flushes, sent],
		strings,
		ports,
		logins,
		scr: registrations(fabric, registered),
	};
	// What was just written is the base the next save copies from: a lab that stays open (a
	// server, a console) writes each login once, not after every command.
	order.forEach((l, i) => l.restoreIndexAt(i));
	restoredFrom.set(fabric, {live, logins: order});
	return live;
}

const NUMBER_COLUMNS = ['fcid', 'flags', 'seq', 'portNameDir', 'portNameLeaf', 'nodeName', 'types', 'features', 'scr', 'scrSeq'] as const;
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

/**
 * Login columns being written, in pieces joined at the end: runs of saved rows copied whole, and
 * rows encoded one by one.
 */
class LoginColumns {
	private readonly pieces = new Map<NumberColumn, (readonly number[])[]>(NUMBER_COLUMNS.map(c => [c, []]));
	private readonly wwpn: string[] = [];
	private readonly wwnn: string[] = [];
	private row: Record<NumberColumn, number[]> | undefined;

	/** Rows [from, to) of saved columns. */
	copy(L: LoginsLive, from: number, to: number): void {
		this.row = undefined;
		for (const c of NUMBER_COLUMNS) this.pieces.get(c)!.push(L[c].slice(from, to));
		this.wwpn.push(L.wwpn.slice(from * 16, to * 16));
		this.wwnn.push(L.wwnn.slice(from * 16, to * 16));
	}

	/** One encoded row. */
	add(values: Record<NumberColumn, number>, wwpn: string, wwnn: string): void {
		if (!this.row) {
			const row = {} as Record<NumberColumn, number[]>;
			for (const c of NUMBER_COLUMNS) this.pieces.get(c)!.push((row[c] = []));
			this.row = row;
		}
		for (const c of NUMBER_COLUMNS) this.row[c].push(values[c]);
		this.wwpn.push(wwpn);
		this.wwnn.push(wwnn);
	}

	columns(): LoginsLive {
		const flat = (c: NumberColumn): number[] => ([] as number[]).concat(...this.pieces.get(c)!);
		return {
			fcid: flat('fcid'),
			wwpn: this.wwpn.join(''),
			wwnn: this.wwnn.join(''),
			flags: flat('flags'),
			seq: flat('seq'),
			portNameDir: flat('portNameDir'),
			portNameLeaf: flat('portNameLeaf'),
			nodeName: flat('nodeName'),
			types: flat('types'),
			features: flat('features'),
			scr: flat('scr'),
			scrSeq: flat('scrSeq'),
		};
	}
}

/** Each login encoded afresh (a fabric that was not restored). */
function loginsOf(all: Iterable<FabricLogin>): LoginsSaved {
	const strings = new StringTable();
	const out = new LoginColumns();
	const encode = loginEncoder(strings);
	const order: FabricLogin[] = [];
	for (const l of all) {
		encode(l, out);
		order.push(l);
	}
	return {strings: strings.list, logins: out.columns(), order};
}

/** Login columns as saved, and the login of each row. */
interface LoginsSaved {
	readonly strings: readonly string[];
	readonly logins: LoginsLive;
	readonly order: FabricLogin[];
}

/**
 * The logins of a restored fabric: those restored and unchanged since are copied from the saved
 * columns (50,000 of them after a command that logged one virtual port in), the others encoded.
 * The string table and its numbers come out as loginsOf would make them (see canonical).
 */
function loginsSince(restored: RestoredFabric, fabric: Fabric): LoginsSaved {
	const L = restored.live.logins;
	const logins = restored.logins;
	const added: FabricLogin[] = [];
	for (const l of fabric.logins()) if (l.restoredIndex < 0) added.push(l);
	let moved = false;
	for (const l of logins) {
		if (l.removed || l.changedSinceRestore) {
			moved = true;
			break;
		}
	}
	// Nothing moved since: the saved columns themselves (the same objects, cheap to compare).
	if (!moved && added.length === 0) return {strings: restored.live.strings, logins: L, order: [...logins]};
	const strings = new StringTable(restored.live.strings);
	const out = new LoginColumns();
	const encode = loginEncoder(strings);
	const order: FabricLogin[] = [];
	let run = -1;
	for (let i = 0; i <= logins.length; i++) {
		const l = logins[i];
		const copied = l !== undefined && !l.removed && !l.changedSinceRestore;
		if (copied) {
			if (run < 0) run = i;
			order.push(l);
			continue;
		}
		if (run >= 0) out.copy(L, run, i);
		run = -1;
		if (l === undefined) break;
		if (!l.removed) {
			encode(l, out);
			order.push(l);
		}
	}
	for (const l of added) {
		encode(l, out);
		order.push(l);
	}
	const columns = out.columns();
	// Saved rows all still there and unchanged: the saved table is still in first-use order, and
	// the texts of new logins were added after it in theirs.
	return moved ? {...canonical(strings.list, columns), order} : {strings: strings.list, logins: columns, order};
}

/** Encodes one login at the end of the columns, its texts through the string table. */
function loginEncoder(strings: StringTable): (l: FabricLogin, out: LoginColumns) => void {
	const text = (t: string): number => (t ? strings.add(t) : -1);
	// Type lists and feature maps are shared between logins: each distinct one is written once.
	const typeCodes = new Map<readonly number[], number>();
	const featureCodes = new Map<Readonly<Record<number, number>>, number>();
	return (l, out) => {
		const name = l.symbolicPortName;
		const slash = name.lastIndexOf('/');
		const portNameDir = slash > 0 ? strings.add(name.slice(0, slash)) : -1;
		const portNameLeaf = slash > 0 ? strings.add(name.slice(slash)) : text(name);
		const nodeName = text(l.symbolicNodeName);
		let types = typeCodes.get(l.fc4Types);
		if (types === undefined) typeCodes.set(l.fc4Types, (types = l.fc4Types.length > 0 ? strings.add(l.fc4Types.join(',')) : -1));
		let features = featureCodes.get(l.fc4Features);
		if (features === undefined) featureCodes.set(l.fc4Features, (features = Object.keys(l.fc4Features).length > 0 ? strings.add(JSON.stringify(l.fc4Features)) : -1));
		out.add(
			{
				fcid: l.fcid,
				flags: (l.npiv ? 1 : 0) | (l.npivCapable ? 2 : 0) | (l.npivAssigned ? 4 : 0),
				seq: l.seq,
				portNameDir,
				portNameLeaf,
				nodeName,
				types,
				features,
				scr: SCR_CODES.indexOf(l.scr),
				scrSeq: l.scrSeq,
			},
			l.wwpn,
			l.wwnn,
		);
	};
}

/**
 * The string table in the order of first use (login by login: port name folder and step, node
 * name, types, features), unused texts left out and the numbers changed to match: the same
 * fabric saves the same text however its table grew.
 */
function canonical(table: readonly string[], logins: LoginsLive): {strings: string[]; logins: LoginsLive} {
	const renumbered = new Int32Array(table.length).fill(-1);
	const strings: string[] = [];
	const columns = [logins.portNameDir, logins.portNameLeaf, logins.nodeName, logins.types, logins.features].map(c => [...c]);
	const n = logins.fcid.length;
	for (let i = 0; i < n; i++) {
		for (const column of columns) {
			const code = column[i]!;
			if (code < 0) continue;
			let to = renumbered[code]!;
			if (to < 0) {
				to = renumbered[code] = strings.length;
				strings.push(table[code]!);
			}
			column[i] = to;
		}
	}
	const [portNameDir, portNameLeaf, nodeName, types, features] = columns as [number[], number[], number[], number[], number[]];
	return {strings, logins: {...logins, portNameDir, portNameLeaf, nodeName, types, features}};
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
	const logins: FabricLogin[] = [];
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
		const dir = L.portNameDir[i]!;
		const types = L.types[i]!;
		let fc4Types: readonly number[] = NO_TYPES;
		if (types >= 0) {
			let list = typeLists.get(types);
			if (!list) typeLists.set(types, (list = Object.freeze(text(types).split(',').map(Number))));
			fc4Types = list;
		}
		const features = L.features[i]!;
		let fc4Features: Readonly<Record<number, number>> = NO_FEATURES;
		if (features >= 0) {
			let map = featureMaps.get(features);
			if (!map) featureMaps.set(features, (map = Object.freeze(JSON.parse(text(features)) as Record<number, number>)));
			fc4Features = map;
		}
		login.restoreFields(
			{
				symbolicPortName: dir >= 0 ? text(dir) + text(L.portNameLeaf[i]) : text(L.portNameLeaf[i]),
				symbolicNodeName: text(L.nodeName[i]),
				fc4Types,
				fc4Features,
				scr: SCR_CODES[L.scr[i]!] ?? null,
				scrSeq: L.scrSeq[i]!,
				npivAssigned: (flags & 4) !== 0,
			},
			i,
		);
		logins.push(login);
		fabric.restoreLogin(login);
	}
	fabric.restoreLiveCounters(live.loginSeq);
	restoredFrom.set(fabric, {live, logins});
	const registered = live.scr.map(id => {
		const l = fabric.loginById(id as FcId);
		if (!l) throw new FabricError(`saved SCR registration of ${id.toString(16)} on ${fabric.name} has no login`);
		return l;
	});
	fabric.rscn.restoreLive({clock: live.rscn[0], flushes: live.rscn[1], sent: live.rscn[2], registered});
	savedRegistrations.set(fabric, {version: fabric.rscn.registrationsVersion, scr: live.scr});
}

const NO_TYPES: readonly number[] = Object.freeze([]);
const NO_FEATURES: Readonly<Record<number, number>> = Object.freeze({});

function deliveredLink<L extends {delivered: boolean}>(link: L): L {
	link.delivered = true;
	return link;
}

function zeroed(): LinkErrorStatus {
	return {linkFailureCount: 0, lossOfSyncCount: 0, lossOfSignalCount: 0, primitiveSeqProtocolErrorCount: 0, invalidTxWordCount: 0, invalidCrcCount: 0};
}


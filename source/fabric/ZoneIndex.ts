/**
 * The effective zoning compiled for lookups: zones indexed by WWPN member and by `domain,index`
 * member, so that "are A and B zoned" costs the zones of the less-zoned side (one, for a
 * single-initiator zone) and "who is zoned with X" costs the members of X's zones, even with
 * 100,000 zones in effect.
 */
import type {Wwn} from '../sim/Wwn.js';
import {isPeerPropertyMember, peerPrincipalCount, portKey} from './ZoneMember.js';
import type {EffectiveConfig} from './ZoningDatabase.js';

/** Anything zoning can place: a login, or a port that has light but no login yet. */
export interface ZoneSubject {
	readonly wwpn: Wwn;
	/** portKey(domain, index) of the switch port it is on. */
	readonly portKey: number;
}

/** Some members of a zone: WWPNs and `domain,index` switch ports. */
export interface ZoneMembers {
	readonly wwpns: readonly Wwn[];
	readonly portKeys: readonly number[];
	/** Built only for large zones, where a linear scan would cost more than the set. */
	readonly wwpnSet: ReadonlySet<Wwn> | undefined;
}

/** A zone of the effective configuration; its own members are all members (a property member left out). */
export interface CompiledZone extends ZoneMembers {
	readonly name: string;
	/** A peer zone (see ZoneMember.isPeerPropertyMember): only principal-peer pairs are zoned. */
	readonly peer: {readonly principals: ZoneMembers; readonly peers: ZoneMembers} | undefined;
}

const SET_THRESHOLD = 12;
const NONE: readonly CompiledZone[] = [];
const NO_PORTS: readonly number[] = [];

/** Effective members are canonical: 16 hex digits (a WWPN) or `d,i`. */
function compile(name: string, members: readonly string[]): CompiledZone {
	const first = members[0];
	if (first !== undefined && isPeerPropertyMember(first)) {
		const split = 1 + Math.min(peerPrincipalCount(first), members.length - 1);
		const rest = members.slice(1);
		return {name, ...compileMembers(rest), peer: {principals: compileMembers(members.slice(1, split)), peers: compileMembers(members.slice(split))}};
	}
	return {name, ...compileMembers(members), peer: undefined};
}

function compileMembers(members: readonly string[]): ZoneMembers {
	let ports = 0;
	for (const m of members) if (m.includes(',')) ports++;
	let wwpns: readonly Wwn[];
	let portKeys: readonly number[] = NO_PORTS;
	if (ports === 0) wwpns = members as readonly Wwn[]; // shared with the zoning database
	else {
		const w: Wwn[] = [];
		const k: number[] = [];
		for (const m of members) {
			const comma = m.indexOf(',');
			if (comma < 0) w.push(m as Wwn);
			else k.push(portKey(Number(m.slice(0, comma)), Number(m.slice(comma + 1))));
		}
		wwpns = w;
		portKeys = k;
	}
	return {wwpns, portKeys, wwpnSet: wwpns.length > SET_THRESHOLD ? new Set(wwpns) : undefined};
}

/** 'all': no zoning in effect and the default zone is all-access; 'none': no-access. */
export type ZoneMode = 'zones' | 'all' | 'none';

export class ZoneIndex {
	readonly zones: readonly CompiledZone[];
	private readonly byWwpn = new Map<Wwn, CompiledZone[]>();
	private readonly byPort = new Map<number, CompiledZone[]>();

	constructor(
		readonly mode: ZoneMode,
		effective: EffectiveConfig | null,
	) {
		const zones: CompiledZone[] = [];
		if (mode === 'zones' && effective) {
			for (const z of effective.zones) {
				const zone = compile(z.name, z.members);
				zones.push(zone);
				for (const w of zone.wwpns) push(this.byWwpn, w, zone);
				for (const k of zone.portKeys) push(this.byPort, k, zone);
			}
		}
		this.zones = zones;
	}

	static of(effective: EffectiveConfig | null, defaultAllAccess: boolean): ZoneIndex {
		if (effective) return new ZoneIndex('zones', effective);
		return new ZoneIndex(defaultAllAccess ? 'all' : 'none', null);
	}

	zonesByWwpn(w: Wwn): readonly CompiledZone[] {
		return this.byWwpn.get(w) ?? NONE;
	}

	zonesByPort(key: number): readonly CompiledZone[] {
		return this.byPort.get(key) ?? NONE;
	}

	/** Zones of the effective configuration that contain the subject. */
	zonesOf(s: ZoneSubject): CompiledZone[] {
		const a = this.zonesByWwpn(s.wwpn);
		const b = this.zonesByPort(s.portKey);
		if (b.length === 0) return a as CompiledZone[];
		if (a.length === 0) return b as CompiledZone[];
		const out = [...a];
		for (const z of b) if (!out.includes(z)) out.push(z);
		return out;
	}

	isZoned(s: ZoneSubject): boolean {
		if (this.mode !== 'zones') return this.mode === 'all';
		return this.zonesByWwpn(s.wwpn).length > 0 || this.zonesByPort(s.portKey).length > 0;
	}

	zonedWith(a: ZoneSubject, b: ZoneSubject): boolean {
		if (this.mode !== 'zones') return this.mode === 'all';
		const aw = this.zonesByWwpn(a.wwpn);
		const ap = this.zonesByPort(a.portKey);
		const bw = this.zonesByWwpn(b.wwpn);
		const bp = this.zonesByPort(b.portKey);
		// Scan the side with fewer zones, testing the other side's membership in each.
		if (aw.length + ap.length <= bw.length + bp.length) return anyPartner(aw, a, b) || anyPartner(ap, a, b);
		return anyPartner(bw, b, a) || anyPartner(bp, b, a);
	}
}

/** Is `other` zoned with `s` by one of `zones` (zones that contain `s`)? */
function anyPartner(zones: readonly CompiledZone[], s: ZoneSubject, other: ZoneSubject): boolean {
	for (let i = 0; i < zones.length; i++) if (contains(partnersIn(zones[i]!, s), other)) return true;
	return false;
}

/**
 * The members a subject of zone `z` is zoned with through it: every member of an ordinary zone;
 * in a peer zone, the peers of a principal and the principals of a peer (all members for one
 * that is both). The subject itself may be among them.
 */
export function partnersIn(z: CompiledZone, s: ZoneSubject): ZoneMembers {
	const peer = z.peer;
	if (!peer) return z;
	const principal = contains(peer.principals, s);
	if (principal && contains(peer.peers, s)) return z;
	return principal ? peer.peers : peer.principals;
}

export function contains(z: ZoneMembers, s: ZoneSubject): boolean {
	if (z.wwpnSet ? z.wwpnSet.has(s.wwpn) : z.wwpns.includes(s.wwpn)) return true;
	return z.portKeys.length > 0 && z.portKeys.includes(s.portKey);
}

function push<K>(map: Map<K, CompiledZone[]>, key: K, zone: CompiledZone): void {
	const list = map.get(key);
	if (!list) map.set(key, [zone]);
	else if (list[list.length - 1] !== zone) list.push(zone);
}

/**
 * Zone members as Brocade FOS accepts them: a WWPN (colon or plain form), a `domain,index` pair
 * naming a whole switch port (base login and every NPIV login on it), or the name of an alias.
 *
 * The zoning database keeps each member as canonical text: a WWPN as 16 lowercase hex digits
 * (the same string the index uses as its key, and the shorter form for the store), `d,i`, or the
 * alias name. Displays print WWPNs in colon form.
 */
import {wwnColons, type Wwn} from '../sim/Wwn.js';
import {isValidZoneObjectName} from './ZoneObjectName.js';

export type ZoneMember =
	| {readonly kind: 'wwpn'; readonly wwpn: Wwn}
	| {readonly kind: 'port'; readonly domain: number; readonly index: number}
	| {readonly kind: 'alias'; readonly name: string};

/** domain * 65536 + port index: one number per switch port, unique within a fabric. */
export function portKey(domain: number, index: number): number {
	return domain * 0x10000 + index;
}

const PORT_MEMBER = /^\s*(\d{1,3})\s*,\s*(\d{1,4})\s*$/;

function isHex(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** 16 hex digits, either case. */
function isPlainWwn(t: string): boolean {
	if (t.length !== 16) return false;
	for (let i = 0; i < 16; i++) if (!isHex(t.charCodeAt(i))) return false;
	return true;
}

/** xx:xx:xx:xx:xx:xx:xx:xx */
function isColonWwn(t: string): boolean {
	if (t.length !== 23) return false;
	for (let i = 0; i < 23; i++) {
		const c = t.charCodeAt(i);
		if (i % 3 === 2 ? c !== 58 : !isHex(c)) return false;
	}
	return true;
}

/** The canonical text of a member as typed, or undefined when it is not a valid member. */
export function canonicalMember(text: string): string | undefined {
	let t = text.trim();
	if (t.length === 18 && (t.startsWith('0x') || t.startsWith('0X'))) t = t.slice(2);
	if (isPlainWwn(t)) return t.toLowerCase();
	if (isColonWwn(t)) return t.replaceAll(':', '').toLowerCase();
	const port = readPortMember(t);
	if (port) return port.problem === undefined ? `${port.domain},${port.index}` : undefined;
	return isValidZoneObjectName(t) ? t : undefined;
}

/** Text of the `domain,index` shape, with why its numbers are out of range if they are. */
function readPortMember(text: string): {domain: number; index: number; problem?: string} | undefined {
	const port = PORT_MEMBER.exec(text);
	if (!port) return undefined;
	const domain = Number(port[1]);
	const index = Number(port[2]);
	if (domain < 1 || domain > 239) return {domain, index, problem: `domain ${domain} is outside 1 to 239`};
	if (index > 255) return {domain, index, problem: `port index ${index} is outside 0 to 255`};
	return {domain, index};
}

/** Why `domain,index` text names no switch port (undefined when it does, or is not of that shape). */
export function portMemberRangeProblem(text: string): string | undefined {
	return readPortMember(text)?.problem;
}

/** Canonical text that names an alias (neither a WWPN nor `d,i`). */
export function isAliasMember(canonical: string): boolean {
	return !isPlainWwn(canonical) && !canonical.includes(',');
}

/** Classifies canonical text (no validation beyond what canonicalMember already did). */
export function memberOf(canonical: string): ZoneMember {
	if (canonical.length === 16 && isPlainWwn(canonical)) return {kind: 'wwpn', wwpn: canonical as Wwn};
	const comma = canonical.indexOf(',');
	if (comma > 0) return {kind: 'port', domain: Number(canonical.slice(0, comma)), index: Number(canonical.slice(comma + 1))};
	return {kind: 'alias', name: canonical};
}

export function parseZoneMember(text: string): ZoneMember | undefined {
	const c = canonicalMember(text);
	return c === undefined ? undefined : memberOf(c);
}

/** The text FOS prints: colon WWN, `d,i`, or the alias name. */
export function displayMember(canonical: string): string {
	return canonical.length === 16 && isPlainWwn(canonical) ? wwnColons(canonical as Wwn) : canonical;
}

export function formatZoneMember(m: ZoneMember): string {
	switch (m.kind) {
		case 'wwpn':
			return wwnColons(m.wwpn);
		case 'port':
			return `${m.domain},${m.index}`;
		case 'alias':
			return m.name;
	}
}

/**
 * FOS peer zoning: a peer zone is an ordinary zone whose first member is a property member,
 * `00:02:00:00:00:03:NN:01` (NN: how many of the members that follow are principals). Principals
 * talk to the other (peer) members, and peers never to each other: with 100 NPIV logins behind
 * one `domain,index` member, the targets are the principals and the vports do not discover one
 * another. Canonical text: 16 hex digits, `0002000000` `03` NN `01`.
 */
const PROPERTY_PREFIX = '000200000003';

export function isPeerPropertyMember(canonical: string): boolean {
	return canonical.length === 16 && canonical.startsWith(PROPERTY_PREFIX) && canonical.endsWith('01') && isPlainWwn(canonical);
}

/** The principal count a property member carries (0 when it is not one). */
export function peerPrincipalCount(canonical: string): number {
	return isPeerPropertyMember(canonical) ? parseInt(canonical.slice(12, 14), 16) : 0;
}

/** The property member for `principals` principal members (at most 255). */
export function peerPropertyMember(principals: number): string {
	if (!Number.isInteger(principals) || principals < 0 || principals > 255) throw new RangeError(`a peer zone has 0-255 principal members (got ${principals})`);
	return `${PROPERTY_PREFIX}${principals.toString(16).padStart(2, '0')}01`;
}

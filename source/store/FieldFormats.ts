/**
 * The text formats the store keeps verbatim: WWNs as an operator writes them, the npiv_config SMF
 * `port_list` value and the Sun xVM domain `npiv` key. The store keeps these strings exactly as
 * written (the SMF keeps the physical WWN "as typed"), so parsing normalises only for comparison.
 */
import {parseWwn, wwnUpper, type Wwn} from '../sim/Wwn.js';

/** 16 hex digits, or 8 colon-separated bytes. No `0x`: the store is not a command line. */
const WWN_TEXT = /^(?:[0-9a-fA-F]{16}|(?:[0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2})$/;
const HEX16 = /^[0-9a-fA-F]{16}$/;

export const WWN_FORMS = '16 hex digits or 8 colon-separated bytes';

export function isWwnText(text: string): boolean {
	return WWN_TEXT.test(text);
}

/** The canonical Wwn of a store WWN string, or undefined when it is not one. */
export function storeWwn(text: string): Wwn | undefined {
	if (text.length === 16) return HEX16.test(text) ? (text.toLowerCase() as Wwn) : undefined;
	return WWN_TEXT.test(text) ? parseWwn(text) : undefined;
}

export type Parsed<T> = {readonly value: T; readonly problem?: undefined} | {readonly value?: undefined; readonly problem: string};

/** Kernel vport index range (fp.c): 1..254; 0 means "any" and is never stored. */
export const VPORT_INDEX_MIN = 1;
export const VPORT_INDEX_MAX = 254;

/**
 * One value of the npiv_config `port_list` property: the physical WWN as typed, the virtual WWNs
 * in upper case (fcadm's form; anything else would never match a delete).
 */
export interface NpivPortEntry {
	/** The physical port WWN exactly as it was typed (delete matches it case-sensitively). */
	readonly physicalText: string;
	readonly physicalWwn: Wwn;
	readonly portWwn: Wwn;
	readonly nodeWwn: Wwn;
	readonly index: number;
}

const NPIV_PORT_EXAMPLE = '2100001b32813c5a:C0007D5A3E81C241:C0007D5A3E81C240:1';

const NPIV_PORT_ENTRY = /^([0-9a-fA-F]{16}):([0-9A-F]{16}):([0-9A-F]{16}):(\d{1,3})$/;

export function parseNpivPortEntry(text: string): Parsed<NpivPortEntry> {
	// Generated labs hold 100,000 of these: one regex for the common, valid case.
	const m = NPIV_PORT_ENTRY.exec(text);
	if (m) {
		const index = Number(m[4]);
		const portWwn = m[2]!.toLowerCase() as Wwn;
		const nodeWwn = m[3]!.toLowerCase() as Wwn;
		if (index >= VPORT_INDEX_MIN && index <= VPORT_INDEX_MAX && portWwn !== nodeWwn) {
			return {value: {physicalText: m[1]!, physicalWwn: m[1]!.toLowerCase() as Wwn, portWwn, nodeWwn, index}};
		}
	}
	return {problem: npivPortEntryProblem(text)};
}

function npivPortEntryProblem(text: string): string {
	const fields = text.split(':');
	if (fields.length !== 4) {
		return `'${text}' is not an NPIV port list entry: expected <physical WWN>:<virtual port WWN>:<virtual node WWN>:<index>, e.g. ${NPIV_PORT_EXAMPLE}`;
	}
	const [physical, port, node, index] = fields as [string, string, string, string];
	const names = ['physical port WWN', 'virtual port WWN', 'virtual node WWN'];
	const wwns = [physical, port, node];
	for (let i = 0; i < 3; i++) {
		if (!HEX16.test(wwns[i]!)) return `in '${text}': the ${names[i]} '${wwns[i]}' is not 16 hex digits`;
		// delete-npiv-port removes values starting with `<physical>:<VPWWN in upper case>`, so a
		// lower-case entry would silently survive every delete.
		if (i > 0 && wwns[i] !== wwns[i]!.toUpperCase()) return `in '${text}': the ${names[i]} '${wwns[i]}' must be in upper case, as fcadm writes it`;
	}
	if (!/^\d+$/.test(index) || Number(index) < VPORT_INDEX_MIN || Number(index) > VPORT_INDEX_MAX) {
		return `in '${text}': the index '${index}' is not a whole number from ${VPORT_INDEX_MIN} to ${VPORT_INDEX_MAX} (the kernel's vport index range)`;
	}
	return `in '${text}': the virtual port WWN is the same as the virtual node WWN`;
}

/** As fcadm writes it: physical WWN as typed, virtual WWNs in upper case, decimal index. */
export function formatNpivPortEntry(entry: {readonly physicalText: string; readonly portWwn: Wwn; readonly nodeWwn: Wwn; readonly index: number}): string {
	return `${entry.physicalText}:${wwnUpper(entry.portWwn)}:${wwnUpper(entry.nodeWwn)}:${entry.index}`;
}

/** One value of the Sun xVM domain key `npiv = ['vpwwn:vnwwn:autoattach:ppwwn']`. */
export interface DomainNpivEntry {
	readonly portWwn: Wwn;
	readonly nodeWwn: Wwn;
	/** Attach every LUN that appears on the vport to the domain. */
	readonly autoattach: boolean;
	readonly physicalWwn: Wwn;
}

const DOMAIN_NPIV_EXAMPLE = 'c0007d5a3e81c241:c0007d5a3e81c240:1:2100001b32813c5a';

export function parseDomainNpivEntry(text: string): Parsed<DomainNpivEntry> {
	const fields = text.split(':');
	if (fields.length !== 4) {
		return {problem: `'${text}' is not a domain NPIV entry: expected vpwwn:vnwwn:autoattach:ppwwn, e.g. ${DOMAIN_NPIV_EXAMPLE}`};
	}
	const [port, node, autoattach, physical] = fields as [string, string, string, string];
	if (!HEX16.test(port)) return {problem: `in '${text}': the virtual port WWN '${port}' is not 16 hex digits`};
	if (!HEX16.test(node)) return {problem: `in '${text}': the virtual node WWN '${node}' is not 16 hex digits`};
	if (autoattach !== '0' && autoattach !== '1') return {problem: `in '${text}': autoattach '${autoattach}' must be 0 or 1`};
	if (!HEX16.test(physical)) return {problem: `in '${text}': the physical port WWN '${physical}' is not 16 hex digits`};
	const value: DomainNpivEntry = {
		portWwn: parseWwn(port)!,
		nodeWwn: parseWwn(node)!,
		autoattach: autoattach === '1',
		physicalWwn: parseWwn(physical)!,
	};
	if (value.portWwn === value.nodeWwn) return {problem: `in '${text}': the virtual port WWN is the same as the virtual node WWN`};
	return {value};
}

export function formatDomainNpivEntry(entry: DomainNpivEntry): string {
	return `${entry.portWwn}:${entry.nodeWwn}:${entry.autoattach ? 1 : 0}:${entry.physicalWwn}`;
}

/**
 * One value of the npiv_config SMF property (svc:/network/npiv_config, pg `npiv-port-list`,
 * property `port_list`): `<physical WWN as typed>:<VPWWN>:<VNWWN>:<index>`, the virtual WWNs in
 * upper case, the index in decimal. illumos fcadm-list.c builds it with one sprintf
 * (npivAddRemoveNPIVEntry: "%s:%s:%s:%d", the virtual WWNs from WWN2str's "%02X") and removes by
 * the same sprintf without the node and index ("%s:%s", matched as a prefix).
 *
 * This file is the only parser and formatter of that value: fcadm (create-npiv-port,
 * delete-npiv-port, create-port-list), the boot replay (lab/PortListReplay) and the store
 * (LabChecks, migrations, the scenario generator) all use it. It lives in world/ so that every
 * one of them can import it.
 */
import {isStrictWwnText, type Wwn} from '../sim/Wwn.js';

/** Kernel vport index range (fp.c): 1..254; 0 means "any" and is never stored. */
export const VPORT_INDEX_MIN = 1;
export const VPORT_INDEX_MAX = 254;

export interface NpivPortEntry {
	/** The physical port WWN exactly as it was typed (delete matches it case-sensitively). */
	readonly physicalText: string;
	readonly physicalWwn: Wwn;
	readonly portWwn: Wwn;
	readonly nodeWwn: Wwn;
	readonly index: number;
}

export type NpivPortEntryParse = {readonly value: NpivPortEntry; readonly problem?: undefined} | {readonly value?: undefined; readonly problem: string};

/**
 * The part of a value that names one virtual port: `<physical as typed>:<VPWWN>`. fcadm
 * delete-npiv-port removes every value that starts with it; create-npiv-port formats the rest after it.
 */
export function npivPortListKey(physicalText: string, portWwn: Wwn): string {
	return `${physicalText}:${portWwn.toUpperCase()}`;
}

/** As fcadm writes it: physical WWN as typed, virtual WWNs in upper case, decimal index. */
export function formatNpivPortEntry(entry: {readonly physicalText: string; readonly portWwn: Wwn; readonly nodeWwn: Wwn; readonly index: number}): string {
	return `${npivPortListKey(entry.physicalText, entry.portWwn)}:${entry.nodeWwn.toUpperCase()}:${entry.index}`;
}

const EXAMPLE = '2100001b32813c5a:C0007D5A3E81C241:C0007D5A3E81C240:1';
const FIELD_NAMES = ['physical port WWN', 'virtual port WWN', 'virtual node WWN'] as const;

/**
 * Reads a value back: the three WWNs must pass fcadm's own check (isValidWWN: exactly 16 hex
 * digits), the virtual ones in upper case as fcadm writes them (a lower-case entry would survive
 * every delete), the index within the kernel's range, and the virtual port WWN must differ from
 * the node WWN (fcadm: "Port WWN is same as Node WWN"). A rejected value comes with the reason.
 */
export function parseNpivPortEntry(text: string): NpivPortEntryParse {
	// Generated labs hold 100,000 of these and a boot reads every one: the form fcadm writes is
	// checked by position, without regular expressions or splitting.
	const fast = parseWrittenForm(text);
	return fast ? {value: fast} : {problem: entryProblem(text)};
}

/** `XXXXXXXXXXXXXXXX:XXXXXXXXXXXXXXXX:XXXXXXXXXXXXXXXX:N[N[N]]`, or undefined for anything else. */
function parseWrittenForm(text: string): NpivPortEntry | undefined {
	const n = text.length;
	if (n < 52 || n > 54 || text.charCodeAt(16) !== 58 || text.charCodeAt(33) !== 58 || text.charCodeAt(50) !== 58) return undefined;
	for (let i = 0; i < 16; i++) {
		const c = text.charCodeAt(i);
		if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return undefined;
		if (!isUpperHex(text.charCodeAt(17 + i)) || !isUpperHex(text.charCodeAt(34 + i))) return undefined;
	}
	let index = 0;
	for (let i = 51; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c < 48 || c > 57) return undefined;
		index = index * 10 + (c - 48);
	}
	if (index < VPORT_INDEX_MIN || index > VPORT_INDEX_MAX) return undefined;
	const portWwn = text.slice(17, 33).toLowerCase() as Wwn;
	const nodeWwn = text.slice(34, 50).toLowerCase() as Wwn;
	if (portWwn === nodeWwn) return undefined;
	const physicalText = text.slice(0, 16);
	return {physicalText, physicalWwn: physicalText.toLowerCase() as Wwn, portWwn, nodeWwn, index};
}

function isUpperHex(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 70);
}

/** Why `text` is not a value fcadm writes (called only once the written form did not match). */
function entryProblem(text: string): string {
	const fields = text.split(':');
	if (fields.length !== 4) {
		return `'${text}' is not an NPIV port list entry: expected <physical WWN>:<virtual port WWN>:<virtual node WWN>:<index>, e.g. ${EXAMPLE}`;
	}
	const [physical, port, node, index] = fields as [string, string, string, string];
	const wwns = [physical, port, node];
	for (let i = 0; i < 3; i++) {
		const wwn = wwns[i]!;
		if (!isStrictWwnText(wwn)) return `in '${text}': the ${FIELD_NAMES[i]} '${wwn}' is not 16 hex digits`;
		// delete-npiv-port removes values starting with `<physical>:<VPWWN in upper case>`, so a
		// lower-case entry would silently survive every delete.
		if (i > 0 && wwn !== wwn.toUpperCase()) return `in '${text}': the ${FIELD_NAMES[i]} '${wwn}' must be in upper case, as fcadm writes it`;
	}
	if (!/^\d{1,3}$/.test(index) || Number(index) < VPORT_INDEX_MIN || Number(index) > VPORT_INDEX_MAX) {
		return `in '${text}': the index '${index}' is not a whole number from ${VPORT_INDEX_MIN} to ${VPORT_INDEX_MAX} (the kernel's vport index range)`;
	}
	return `in '${text}': the virtual port WWN is the same as the virtual node WWN`;
}

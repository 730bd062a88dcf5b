/**
 * The text formats the store keeps verbatim: WWNs as an operator writes them, the npiv_config SMF
 * `port_list` value (parsed and formatted in world/NpivPortListEntry.ts) and the Sun xVM domain
 * `npiv` key. The store keeps these strings exactly as written (the SMF keeps the physical WWN
 * "as typed"), so parsing normalises only for comparison.
 */
import {readNpivSpec} from '../xvm/NpivSpec.js';
import {parseWwn, type Wwn} from '../sim/Wwn.js';

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

/**
 * The npiv_config `port_list` value has one parser and one formatter, below the store so that
 * fcadm and the boot replay use the same ones (world/NpivPortListEntry.ts).
 */
export {
	formatNpivPortEntry,
	parseNpivPortEntry,
	VPORT_INDEX_MAX,
	VPORT_INDEX_MIN,
	type NpivPortEntry,
} from '../world/NpivPortListEntry.js';

/** One value of the Sun xVM domain key `npiv = ['vpwwn:vnwwn:autoattach:ppwwn']`. */
export interface DomainNpivEntry {
	readonly portWwn: Wwn;
	readonly nodeWwn: Wwn;
	/** Attach every LUN that appears on the vport to the domain. */
	readonly autoattach: boolean;
	readonly physicalWwn: Wwn;
}

/** A domain's `npiv` entry, read by xm's own reader (xvm/NpivSpec): the store keeps what xm takes. */
export function parseDomainNpivEntry(text: string): Parsed<DomainNpivEntry> {
	const read = readNpivSpec(text);
	if ('problem' in read) return {problem: read.problem};
	const {vpwwn, vnwwn, autoattach, ppwwn} = read.value;
	return {value: {portWwn: vpwwn, nodeWwn: vnwwn, autoattach, physicalWwn: ppwwn}};
}

export function formatDomainNpivEntry(entry: DomainNpivEntry): string {
	return `${entry.portWwn}:${entry.nodeWwn}:${entry.autoattach ? 1 : 0}:${entry.physicalWwn}`;
}

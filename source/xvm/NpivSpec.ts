/**
 * The Sun xVM domain key `npiv = ['vpwwn:vnwwn:autoattach:ppwwn', ...]` (PSARC/2007/501 xenstore
 * man page): virtual port WWN, virtual node WWN, whether LUNs appearing on the virtual port are
 * attached to the guest on their own ('1') or left alone ('0'), and the physical port to create the
 * virtual port on.
 */
import {parseWwn, type Wwn} from '../sim/Wwn.js';

export interface NpivSpec {
	readonly vpwwn: Wwn;
	readonly vnwwn: Wwn;
	readonly autoattach: boolean;
	readonly ppwwn: Wwn;
}

export class NpivSpecError extends Error {}

/**
 * Reads one entry, saying what is wrong with it: the one reader of the key, for xm (which prints
 * xend's terse refusal, see parseNpivSpec) and for the store's checks (which name the field).
 */
export function readNpivSpec(text: string): {readonly value: NpivSpec} | {readonly problem: string} {
	const parts = text.trim().split(':');
	if (parts.length !== 4) return {problem: `'${text}' is not a domain NPIV entry: expected vpwwn:vnwwn:autoattach:ppwwn, e.g. c0007d5a3e81c241:c0007d5a3e81c240:1:2100001b32813c5a`};
	const [vp, vn, auto, pp] = parts as [string, string, string, string];
	const vpwwn = strictWwn(vp);
	const vnwwn = strictWwn(vn);
	const ppwwn = strictWwn(pp);
	if (!vpwwn) return {problem: `in '${text}': the virtual port WWN '${vp}' is not 16 hex digits`};
	if (!vnwwn) return {problem: `in '${text}': the virtual node WWN '${vn}' is not 16 hex digits`};
	if (auto !== '0' && auto !== '1') return {problem: `in '${text}': autoattach '${auto}' must be 0 or 1`};
	if (!ppwwn) return {problem: `in '${text}': the physical port WWN '${pp}' is not 16 hex digits`};
	if (vpwwn === vnwwn) return {problem: `in '${text}': the virtual port WWN is the same as the virtual node WWN`};
	return {value: {vpwwn, vnwwn, autoattach: auto === '1', ppwwn}};
}

/** xm's reading: xend refuses a bad entry with one line, naming only the same-WWN case. */
export function parseNpivSpec(text: string): NpivSpec {
	const read = readNpivSpec(text);
	if ('value' in read) return read.value;
	if (read.problem.endsWith('the same as the virtual node WWN')) throw new NpivSpecError(`Invalid npiv specifier: ${text} (port WWN is same as node WWN)`);
	throw new NpivSpecError(`Invalid npiv specifier: ${text}`);
}

export function formatNpivSpec(spec: NpivSpec): string {
	return `${spec.vpwwn}:${spec.vnwwn}:${spec.autoattach ? 1 : 0}:${spec.ppwwn}`;
}

/** 16 hex digits (an optional 0x is tolerated, as xend's int(x, 16) would). */
function strictWwn(text: string): Wwn | undefined {
	const t = text.trim().replace(/^0x/i, '');
	return /^[0-9a-fA-F]{16}$/.test(t) ? parseWwn(t) : undefined;
}

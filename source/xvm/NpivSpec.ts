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

export function parseNpivSpec(text: string): NpivSpec {
	const parts = text.trim().split(':');
	const bad = (): never => {
		throw new NpivSpecError(`Invalid npiv specifier: ${text}`);
	};
	if (parts.length !== 4) bad();
	const [vp, vn, auto, pp] = parts as [string, string, string, string];
	const vpwwn = strictWwn(vp);
	const vnwwn = strictWwn(vn);
	const ppwwn = strictWwn(pp);
	if (!vpwwn || !vnwwn || !ppwwn || (auto !== '0' && auto !== '1')) bad();
	if (vpwwn === vnwwn) throw new NpivSpecError(`Invalid npiv specifier: ${text} (port WWN is same as node WWN)`);
	return {vpwwn: vpwwn!, vnwwn: vnwwn!, autoattach: auto === '1', ppwwn: ppwwn!};
}

export function formatNpivSpec(spec: NpivSpec): string {
	return `${spec.vpwwn}:${spec.vnwwn}:${spec.autoattach ? 1 : 0}:${spec.ppwwn}`;
}

/** 16 hex digits (an optional 0x is tolerated, as xend's int(x, 16) would). */
function strictWwn(text: string): Wwn | undefined {
	const t = text.trim().replace(/^0x/i, '');
	return /^[0-9a-fA-F]{16}$/.test(t) ? parseWwn(t) : undefined;
}

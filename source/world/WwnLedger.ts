/**
 * The WWNs a random WWN must not be: the lab's configured WWNs (hosts, arrays, switches, zoning,
 * masking, domains' npiv entries, the hosts' npiv port lists) plus every random WWN ever handed
 * out, which the store keeps (`retiredWwns`) so that none is handed out twice, even after the
 * port that had it is gone.
 *
 * The handed-out list only grows, in the order the WWNs were drawn, so it is the same whether a
 * lab ran its commands in one process or in one process each.
 */
import {parseWwn, type Wwn} from '../sim/Wwn.js';
import type {WwnRegistry} from '../driver/WwnRegistry.js';
import type {LabConfig} from './LabConfig.js';

export class WwnLedger implements WwnRegistry {
	/**
	 * Built on first use: a boot or a read-only command never asks, and walking a 100,000-vport
	 * lab for its WWNs costs more than the rest of building the world. The lab and retired list
	 * given at construction are plain data that nobody changes afterwards.
	 */
	private ledger: Set<Wwn> | undefined;
	/** Random WWNs handed out by this process, in order. */
	private readonly drawn: Wwn[] = [];

	constructor(
		private readonly lab: LabConfig,
		private readonly retired: readonly string[],
	) {}

	private get known(): Set<Wwn> {
		if (!this.ledger) {
			const known = labWwns(this.lab);
			for (const text of this.retired) {
				const w = parseWwn(text);
				if (w) known.add(w);
			}
			this.ledger = known;
		}
		return this.ledger;
	}

	isKnown(wwn: Wwn): boolean {
		return this.known.has(wwn);
	}

	remember(wwn: Wwn): void {
		this.known.add(wwn);
		this.drawn.push(wwn);
	}

	/** Every random WWN handed out: the store's list, then this process's draws. */
	handedOut(): readonly string[] {
		if (this.drawn.length === 0) return this.retired;
		const seen = new Set(this.retired);
		return [...this.retired, ...this.drawn.filter(w => !seen.has(w))];
	}
}

/** WWN-looking words anywhere in the lab (16 hex digits or colon form). */
export function labWwns(lab: LabConfig): Set<Wwn> {
	const out = new Set<Wwn>();
	const visit = (value: unknown): void => {
		if (typeof value === 'string') {
			// The two shapes a 100,000-port lab is made of, without the regular expressions below.
			if (value.length < 16) return;
			if (value.length === 16) {
				if (isHex(value, 0, 16)) out.add(value.toLowerCase() as Wwn);
				return;
			}
			if (isNpivEntry(value)) {
				out.add(value.slice(0, 16).toLowerCase() as Wwn);
				out.add(value.slice(17, 33).toLowerCase() as Wwn);
				out.add(value.slice(34, 50).toLowerCase() as Wwn);
				return;
			}
			for (const word of value.split(/[\s;,]+|(?<=[0-9a-fA-F]{16}):(?=[0-9a-fA-F]{16})/)) {
				for (const candidate of word.split(/:(?=[0-9a-fA-F]{16})|(?<=[0-9a-fA-F]{16}):/)) {
					const w = candidate.length >= 16 ? parseWwn(candidate) : undefined;
					if (w) out.add(w);
				}
			}
		} else if (Array.isArray(value)) {
			for (const v of value) visit(v);
		} else if (value && typeof value === 'object') {
			for (const v of Object.values(value)) visit(v);
		}
	};
	visit(lab);
	return out;
}

function isHex(s: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i);
		if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
	}
	return true;
}

/** `WWN:WWN:WWN:digits` (an npiv_config port_list value): the split above yields its three WWNs. */
function isNpivEntry(s: string): boolean {
	if (s.length < 52 || s.charCodeAt(16) !== 58 || s.charCodeAt(33) !== 58 || s.charCodeAt(50) !== 58) return false;
	for (let i = 51; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 48 || c > 57) return false;
	}
	return isHex(s, 0, 16) && isHex(s, 17, 33) && isHex(s, 34, 50);
}

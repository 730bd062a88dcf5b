/**
 * Every WWN the store has ever seen, so that a random WWN is never handed out twice: the lab's
 * configured WWNs (hosts, arrays, switches, zoning, masking, domains' npiv entries, the hosts'
 * npiv port lists) plus the retired ones the store keeps. At save time the WWNs that are no
 * longer in the lab become the new retired list.
 */
import {parseWwn, type Wwn} from '../sim/Wwn.js';
import type {WwnRegistry} from '../driver/WwnRegistry.js';
import type {LabConfig} from './LabConfig.js';

export class WwnLedger implements WwnRegistry {
	private readonly known = new Set<Wwn>();

	constructor(lab: LabConfig, retired: readonly string[]) {
		for (const w of labWwns(lab)) this.known.add(w);
		for (const text of retired) {
			const w = parseWwn(text);
			if (w) this.known.add(w);
		}
	}

	isKnown(wwn: Wwn): boolean {
		return this.known.has(wwn);
	}

	remember(wwn: Wwn): void {
		this.known.add(wwn);
	}

	/** The WWNs to keep as retired: seen but not in `lab`. */
	retiredAgainst(lab: LabConfig): string[] {
		const live = labWwns(lab);
		return [...this.known].filter(w => !live.has(w));
	}
}

/** WWN-looking words anywhere in the lab (16 hex digits or colon form). */
export function labWwns(lab: LabConfig): Set<Wwn> {
	const out = new Set<Wwn>();
	const visit = (value: unknown): void => {
		if (typeof value === 'string') {
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

/**
 * The WWNs a random WWN must not be: the lab's configured WWNs (hosts, arrays, switches, zoning,
 * masking, domains' npiv entries, the hosts' npiv port lists) plus every random WWN ever handed
 * out, which the store keeps (`retiredWwns`) so that none is handed out twice, even after the
 * port that had it is gone.
 *
 * The handed-out list only grows, in the order the WWNs were drawn, so it is the same whether a
 * lab ran its commands in one process or in one process each.
 */
import {parseWwn, wwnColons, type Wwn} from '../sim/Wwn.js';
import type {WwnRegistry} from '../driver/WwnRegistry.js';
import type {LabConfig} from './LabConfig.js';

export class WwnLedger implements WwnRegistry {
	/**
	 * The lab as JSON, made on first use: a boot or a read-only command never asks, and a random
	 * WWN is looked for in the text (in each form a WWN may be written) rather than by listing
	 * every WWN of a 100,000-vport lab. The lab and retired list given at construction are plain
	 * data that nobody changes afterwards.
	 */
	private labText: string | undefined;
	private retiredSet: Set<string> | undefined;
	/** Random WWNs handed out by this process, in order. */
	private readonly drawn: Wwn[] = [];
	private readonly drawnSet = new Set<string>();

	constructor(
		private readonly lab: LabConfig,
		private readonly retired: readonly string[],
	) {}

	isKnown(wwn: Wwn): boolean {
		if (this.drawnSet.has(wwn)) return true;
		this.retiredSet ??= new Set(this.retired.map(w => parseWwn(w) ?? w));
		if (this.retiredSet.has(wwn)) return true;
		const text = (this.labText ??= JSON.stringify(this.lab));
		const colons = wwnColons(wwn);
		return text.includes(wwn) || text.includes(wwn.toUpperCase()) || text.includes(colons) || text.includes(colons.toUpperCase());
	}

	remember(wwn: Wwn): void {
		if (this.drawnSet.has(wwn)) return;
		this.drawnSet.add(wwn);
		this.drawn.push(wwn);
	}

	/** Every random WWN handed out: the store's list, then this process's draws. */
	handedOut(): readonly string[] {
		if (this.drawn.length === 0) return this.retired;
		const seen = new Set(this.retired);
		return [...this.retired, ...this.drawn.filter(w => !seen.has(w))];
	}
}

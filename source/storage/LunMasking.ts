import type {Wwn} from '../sim/Wwn.js';
import type {HostGroup} from './HostGroup.js';

/** hostLun -> array LU id, ascending by host LUN. */
export type LunView = ReadonlyMap<number, number>;

/**
 * The masking table of one array: its host groups and an index from initiator WWPN to the groups
 * naming it, so that answering REPORT LUNS for one of 100,000 virtual ports does not walk every
 * group. The view of an I_T nexus (initiator WWPN x target port) is the union of the LUN maps of
 * the groups that name the initiator and apply to the port.
 */
export class LunMasking {
	private readonly byName = new Map<string, HostGroup>();
	private readonly byInitiator = new Map<Wwn, HostGroup[]>();
	/** The last initiator looked up and its groups: REPORT LUNS, INQUIRY, READ CAPACITY come in a row. */
	private lastInitiator: Wwn | undefined;
	private lastGroups: HostGroup[] | undefined;

	groups(): Iterable<HostGroup> {
		return this.byName.values();
	}

	get size(): number {
		return this.byName.size;
	}

	group(name: string): HostGroup | undefined {
		return this.byName.get(name);
	}

	/** Adds a group, or replaces the group of that name in place (it keeps its position). */
	put(group: HostGroup): void {
		this.lastInitiator = undefined;
		const old = this.byName.get(group.name);
		if (old) this.unindex(old);
		this.byName.set(group.name, group);
		// Each initiator's groups stay in table order (the order the configuration lists them), so
		// that a table built from the saved configuration looks up, and refuses, the same way.
		let order: Map<HostGroup, number> | undefined;
		for (const w of group.initiators) {
			const list = this.byInitiator.get(w);
			if (!list) {
				this.byInitiator.set(w, [group]);
				continue;
			}
			list.push(group);
			if (list.length > 1) {
				order ??= new Map([...this.byName.values()].map((g, i) => [g, i] as const));
				list.sort((a, b) => order!.get(a)! - order!.get(b)!);
			}
		}
	}

	delete(name: string): HostGroup | undefined {
		const old = this.byName.get(name);
		if (!old) return undefined;
		this.lastInitiator = undefined;
		this.unindex(old);
		this.byName.delete(name);
		return old;
	}

	groupsOf(w: Wwn): readonly HostGroup[] {
		return this.byInitiator.get(w) ?? [];
	}

	private groupsNaming(w: Wwn): HostGroup[] | undefined {
		if (w !== this.lastInitiator) {
			this.lastGroups = this.byInitiator.get(w);
			this.lastInitiator = w;
		}
		return this.lastGroups;
	}

	view(portName: string, w: Wwn): LunView {
		const groups = this.groupsNaming(w);
		if (!groups) return EMPTY;
		if (groups.length === 1) return groups[0]!.appliesTo(portName) ? groups[0]!.view() : EMPTY;
		const pairs: [number, number][] = [];
		const seen = new Set<number>();
		for (const g of groups) {
			if (!g.appliesTo(portName)) continue;
			for (const {lun, hostLun} of g.mappings()) {
				if (seen.has(hostLun)) continue;
				seen.add(hostLun);
				pairs.push([hostLun, lun]);
			}
		}
		pairs.sort((a, b) => a[0] - b[0]);
		return new Map(pairs);
	}

	/** The LU behind one host LUN of a nexus, without building the whole view. */
	lunAt(portName: string, w: Wwn, hostLun: number): number | undefined {
		for (const g of this.groupsNaming(w) ?? []) {
			if (!g.appliesTo(portName)) continue;
			const lun = g.lunAt(hostLun);
			if (lun !== undefined) return lun;
		}
		return undefined;
	}

	/**
	 * Why `draft` (a new or edited group) cannot join the table, or undefined: some initiator it
	 * names would see one host LUN number as two different LUs on a port both groups apply to.
	 */
	conflictWith(draft: HostGroup, allPorts: readonly string[]): string | undefined {
		if (draft.mappingCount === 0) return undefined;
		const checked = new Set<HostGroup>();
		for (const w of draft.initiators) {
			for (const other of this.byInitiator.get(w) ?? []) {
				if (other.name === draft.name || checked.has(other)) continue;
				checked.add(other);
				const port = sharedPort(draft, other, allPorts);
				if (port === undefined) continue;
				for (const {lun, hostLun} of draft.mappings()) {
					const theirs = other.lunAt(hostLun);
					if (theirs !== undefined && theirs !== lun) {
						return (
							`host LUN ${hostLun} would be LUN ${lun} in host group '${draft.name}' but LUN ${theirs} ` +
							`in host group '${other.name}' for initiator ${w} on port ${port}`
						);
					}
				}
			}
		}
		return undefined;
	}

	private unindex(group: HostGroup): void {
		for (const w of group.initiators) {
			const list = this.byInitiator.get(w);
			if (!list) continue;
			const i = list.indexOf(group);
			if (i >= 0) list.splice(i, 1);
			if (list.length === 0) this.byInitiator.delete(w);
		}
	}
}

const EMPTY: LunView = new Map();

function sharedPort(a: HostGroup, b: HostGroup, allPorts: readonly string[]): string | undefined {
	return (a.ports ?? allPorts).find(p => b.appliesTo(p));
}

/** A view as a comparable string: `hostLun=lun,...`. */
export function viewSignature(view: LunView): string {
	let s = '';
	for (const [host, lun] of view) s += `${host}=${lun},`;
	return s;
}

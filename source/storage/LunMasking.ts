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
	/**
	 * Built at the INDEX_AFTER-th lookup: a process that restores a 100,000-initiator table to
	 * answer one new virtual port's REPORT LUNS asks a few times and scans the groups instead.
	 */
	private byInitiatorIndex: Map<Wwn, HostGroup[]> | undefined;
	private lookups = 0;
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
		const index = this.byInitiatorIndex;
		if (!index) return;
		// Each initiator's groups stay in table order (the order the configuration lists them), so
		// that a table built from the saved configuration looks up, and refuses, the same way.
		let order: Map<HostGroup, number> | undefined;
		for (const w of group.initiators) {
			const list = index.get(w);
			if (!list) {
				index.set(w, [group]);
				continue;
			}
			list.push(group);
			if (list.length > 1) {
				order ??= new Map([...this.byName.values()].map((g, i) => [g, i] as const));
				list.sort((a, b) => order!.get(a)! - order!.get(b)!);
			}
		}
	}

	/** The groups naming each initiator, in table order. */
	private get byInitiator(): Map<Wwn, HostGroup[]> {
		let index = this.byInitiatorIndex;
		if (!index) {
			index = new Map();
			for (const group of this.byName.values()) {
				for (const w of group.initiators) {
					const list = index.get(w);
					if (list) list.push(group);
					else index.set(w, [group]);
				}
			}
			this.byInitiatorIndex = index;
		}
		return index;
	}

	/** The groups naming `w`, in table order: by scanning the groups until the index pays. */
	private lookUp(w: Wwn): HostGroup[] | undefined {
		if (this.byInitiatorIndex || ++this.lookups > INDEX_AFTER) return this.byInitiator.get(w);
		const found: HostGroup[] = [];
		for (const group of this.byName.values()) if (group.hasInitiator(w)) found.push(group);
		return found.length > 0 ? found : undefined;
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
		return this.lookUp(w) ?? [];
	}

	private groupsNaming(w: Wwn): HostGroup[] | undefined {
		if (w !== this.lastInitiator) {
			this.lastGroups = this.lookUp(w);
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
		const index = this.byInitiatorIndex;
		if (!index) return;
		for (const w of group.initiators) {
			const list = index.get(w);
			if (!list) continue;
			const i = list.indexOf(group);
			if (i >= 0) list.splice(i, 1);
			if (list.length === 0) index.delete(w);
		}
	}
}

const EMPTY: LunView = new Map();

/** Lookups answered by scanning the groups before the initiator index is built. */
const INDEX_AFTER = 64;

function sharedPort(a: HostGroup, b: HostGroup, allPorts: readonly string[]): string | undefined {
	return (a.ports ?? allPorts).find(p => b.appliesTo(p));
}

/** A view as a comparable string: `hostLun=lun,...`. */
export function viewSignature(view: LunView): string {
	let s = '';
	for (const [host, lun] of view) s += `${host}=${lun},`;
	return s;
}

import type {Wwn} from '../sim/Wwn.js';
import type {HostGroup, LunMapping} from './HostGroup.js';
import {checkHostLun} from './LogicalUnit.js';
import {StorageError} from './StorageError.js';

/** One edit of a host group, applied all or nothing: removals first, then additions. */
export interface HostGroupEdit {
	readonly addInitiators?: readonly Wwn[];
	readonly removeInitiators?: readonly Wwn[];
	/** Absent hostLun: the lowest host LUN number free in the group. */
	readonly mapLuns?: readonly {readonly lun: number; readonly hostLun?: number}[];
	readonly unmapLuns?: readonly number[];
	/** Restrict the group to these ports too (an unrestricted group becomes restricted to them). */
	readonly addPorts?: readonly string[];
	readonly removePorts?: readonly string[];
	/** Lift the port restriction: the group applies to every port. */
	readonly allPorts?: boolean;
}

export interface AppliedEdit {
	readonly addedInitiators: readonly Wwn[];
	readonly removedInitiators: readonly Wwn[];
	readonly mapped: readonly LunMapping[];
	readonly unmapped: readonly LunMapping[];
	readonly portsChanged: boolean;
}

/** What an edit needs to know about the array: that its LUs and ports exist. */
export interface EditScope {
	requireLun(id: number): unknown;
	requirePort(ref: string): {readonly name: string};
}

/**
 * Applies an edit to a draft group, throwing a StorageError on the first item that cannot apply
 * (the caller then drops the draft). Cross-group conflicts are the masking table's to check.
 */
export function applyHostGroupEdit(draft: HostGroup, edit: HostGroupEdit, array: EditScope): AppliedEdit {
	const where = `host group '${draft.name}'`;
	const removedInitiators = unique(edit.removeInitiators ?? []);
	for (const w of removedInitiators) {
		if (!draft.hasInitiator(w)) throw new StorageError(`initiator ${w} is not in ${where}`);
		draft.removeInitiator(w);
	}
	const unmapped: LunMapping[] = [];
	for (const lun of unique(edit.unmapLuns ?? [])) {
		array.requireLun(lun);
		const hostLun = draft.hostLunOf(lun);
		if (hostLun === undefined) throw new StorageError(`LUN ${lun} is not mapped in ${where}`);
		draft.unmap(lun);
		unmapped.push({lun, hostLun});
	}
	for (const p of unique(edit.removePorts ?? [])) {
		const port = array.requirePort(p);
		const current = draft.ports;
		if (!current || !current.includes(port.name)) throw new StorageError(`${where} is not restricted to port ${port.name}`);
		if (current.length === 1) {
			throw new StorageError(`cannot remove port ${port.name}, the last port of ${where}; delete the group or add another port first`);
		}
		draft.restrictTo(current.filter(n => n !== port.name));
	}
	if (edit.allPorts) draft.restrictTo(undefined);
	const addPorts = unique((edit.addPorts ?? []).map(p => array.requirePort(p).name));
	if (addPorts.length > 0) {
		const current = draft.ports ?? [];
		for (const p of addPorts) if (current.includes(p)) throw new StorageError(`${where} already applies to port ${p}`);
		draft.restrictTo([...current, ...addPorts]);
	}
	const addedInitiators = unique(edit.addInitiators ?? []);
	for (const w of addedInitiators) {
		if (draft.hasInitiator(w)) throw new StorageError(`initiator ${w} is already in ${where}`);
		draft.addInitiator(w);
	}
	const mapped: LunMapping[] = [];
	for (const m of edit.mapLuns ?? []) {
		array.requireLun(m.lun);
		const had = draft.hostLunOf(m.lun);
		if (had !== undefined) throw new StorageError(`LUN ${m.lun} is already mapped in ${where} (host LUN ${had})`);
		const hostLun = m.hostLun ?? draft.freeHostLun();
		checkHostLun(hostLun);
		const other = draft.lunAt(hostLun);
		if (other !== undefined) throw new StorageError(`host LUN ${hostLun} is already LUN ${other} in ${where}`);
		draft.map(m.lun, hostLun);
		mapped.push({lun: m.lun, hostLun});
	}
	const portsChanged = (edit.removePorts?.length ?? 0) > 0 || edit.allPorts === true || addPorts.length > 0;
	return {addedInitiators, removedInitiators, mapped, unmapped, portsChanged};
}

function unique<T>(items: readonly T[]): T[] {
	return [...new Set(items)];
}

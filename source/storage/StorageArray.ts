import {isStorageObjectName, STORAGE_NAME_RULE} from './StorageObjectName.js';
import type {EventLog} from '../sim/EventLog.js';
import type {Simulator} from '../sim/Simulator.js';
import {parseWwn, type Wwn} from '../sim/Wwn.js';
import {HostGroup, type LunMapping} from './HostGroup.js';
import {applyHostGroupEdit, type HostGroupEdit} from './HostGroupEdit.js';
import {arrayIdentity, checkHostLun, LogicalUnit, MAX_LUN_ID, type ArrayIdentity} from './LogicalUnit.js';
import {LunMasking, viewSignature, type LunView} from './LunMasking.js';
import {formatSizeMiB, MAX_LUN_MIB} from './Size.js';
import {LUN_DEVICE_TYPES, type LunDeviceType, type StorageArrayConfig, type StoragePortConfig} from './StorageConfig.js';
import {StorageError} from './StorageError.js';
import {TargetPort} from './TargetPort.js';

export interface CreateLunSpec {
	/** Absent: the lowest free id. */
	readonly id?: number;
	readonly name?: string;
	readonly sizeMiB: number;
	/** Default `disk`. */
	readonly type?: LunDeviceType;
	/** Absent: copied from the array's first LU of the same type, else the array's vendor/model. */
	readonly vendor?: string;
	readonly product?: string;
	readonly revision?: string;
	readonly serial?: string;
}

/** Who was told about a change: nexuses given a unit attention, ports that send an RSCN. */
export interface ChangeNotice {
	readonly unitAttentions: number;
	readonly rscnPorts: readonly string[];
}

export interface HostGroupEditResult extends ChangeNotice {
	readonly group: string;
	readonly created: boolean;
	readonly addedInitiators: readonly Wwn[];
	readonly removedInitiators: readonly Wwn[];
	readonly mapped: readonly LunMapping[];
	readonly unmapped: readonly LunMapping[];
	/** The port restriction after the edit (undefined = all ports). */
	readonly ports: readonly string[] | undefined;
}

export interface LunDeleteResult extends ChangeNotice {
	readonly lun: LogicalUnit;
	/** Host groups that mapped the LU, with the host LUN it had there. */
	readonly unmappedFrom: readonly {readonly group: string; readonly hostLun: number}[];
}


/** The configured text of a port's identity, kept so that export writes back what was loaded. */
interface PortOrigin {
	readonly wwpn: string;
	readonly wwnn: string;
}

/**
 * A storage array: target ports, logical units and host groups (LUN masking). Every management
 * request either applies completely or throws a StorageError and changes nothing. A change that
 * alters what some initiator sees through some port posts a unit attention on each such logged-in
 * nexus and makes each such port announce it with an N_Port-detected RSCN.
 */
export class StorageArray {
	readonly name: string;
	readonly vendor: string;
	readonly model: string;
	readonly symbolicNodeName: string;
	readonly ports: readonly TargetPort[];
	private readonly lunsById = new Map<number, LogicalUnit>();
	private readonly masking = new LunMasking();
	private readonly identity: ArrayIdentity;
	private readonly origins = new Map<TargetPort, PortOrigin>();
	private changes = 0;
	/** The configuration it was built from, given back as it is while nothing changed (see toConfig). */
	private readonly built: StorageArrayConfig;

	/**
	 * `options.restoring`: the configuration is one this program saved after building it (a
	 * restore of the live lab), so the masking conflicts it refuses cannot be in it; they are not
	 * looked for again, which would index every initiator of the table.
	 */
	constructor(
		config: StorageArrayConfig,
		readonly sim: Simulator,
		readonly log: EventLog,
		options: {readonly restoring?: boolean} = {},
	) {
		this.built = config;
		const where = `array '${config.name}'`;
		if (!isStorageObjectName(config.name)) throw new StorageError(`${where}: bad name (${STORAGE_NAME_RULE})`);
		this.name = config.name;
		this.vendor = config.vendor;
		this.model = config.model;
		this.symbolicNodeName = `${config.vendor} ${config.model} ${config.name}`;
		this.ports = config.ports.map(p => this.buildPort(p, where));
		const names = new Set<string>();
		for (const p of this.ports) {
			if (names.has(p.name)) throw new StorageError(`${where}: duplicate port name '${p.name}'`);
			names.add(p.name);
			if (this.ports.some(q => q !== p && q.wwpn === p.wwpn)) throw new StorageError(`${where}: duplicate port WWPN ${p.wwpn}`);
		}
		this.identity = arrayIdentity(this.ports[0]?.wwnn, config.name);
		for (const lun of config.luns) {
			if (this.lunsById.has(lun.id)) throw new StorageError(`${where}: duplicate LUN id ${lun.id}`);
			this.lunsById.set(lun.id, this.makeLun(lun, `${where}, LUN ${lun.id}`));
		}
		for (const g of config.hostGroups) {
			const gw = `${where}, host group '${g.name}'`;
			if (!isStorageObjectName(g.name)) throw new StorageError(`${gw}: bad name`);
			if (this.masking.group(g.name)) throw new StorageError(`${where}: duplicate host group '${g.name}'`);
			if (g.ports) for (const p of g.ports) this.requirePortName(p, gw);
			const group = new HostGroup(g.name, g.ports);
			for (const text of g.initiators) {
				const w = parseWwn(text);
				if (!w) throw new StorageError(`${gw}: bad initiator WWPN '${text}'`);
				if (group.hasInitiator(w)) throw new StorageError(`${gw}: initiator ${w} listed twice`);
				group.addInitiator(w, text);
			}
			for (const {lun, hostLun} of g.luns) {
				if (!this.lunsById.has(lun)) throw new StorageError(`${gw}: unknown LUN ${lun}`);
				checkHostLun(hostLun, gw);
				if (group.hostLunOf(lun) !== undefined) throw new StorageError(`${gw}: LUN ${lun} mapped twice`);
				const other = group.lunAt(hostLun);
				if (other !== undefined) throw new StorageError(`${gw}: host LUN ${hostLun} used by LUN ${other} and LUN ${lun}`);
				group.map(lun, hostLun);
			}
			const conflict = options.restoring ? undefined : this.masking.conflictWith(group, this.portNames());
			if (conflict) throw new StorageError(`${where}: ${conflict}`);
			this.masking.put(group);
		}
	}

	/** Bumps on every administrative change (LUNs, host groups, port state): the world saves when it moves. */
	get revision(): number {
		return this.changes;
	}

	// ---- lookups -------------------------------------------------------------------------------

	/** A port by name, or by WWPN in any form operators type. */
	port(ref: string): TargetPort | undefined {
		const byName = this.ports.find(p => p.name === ref);
		if (byName) return byName;
		const w = parseWwn(ref);
		return w ? this.ports.find(p => p.wwpn === w) : undefined;
	}

	requirePort(ref: string): TargetPort {
		const port = this.port(ref);
		if (!port) throw new StorageError(`unknown port '${ref}' on ${this.name}`);
		return port;
	}

	luns(): LogicalUnit[] {
		return [...this.lunsById.values()];
	}

	firstUnit(): LogicalUnit | undefined {
		let first: LogicalUnit | undefined;
		for (const lu of this.lunsById.values()) if (!first || lu.id < first.id) first = lu;
		return first;
	}

	lun(id: number): LogicalUnit | undefined {
		return this.lunsById.get(id);
	}

	requireLun(id: number): LogicalUnit {
		const lu = this.lunsById.get(id);
		if (!lu) throw new StorageError(`unknown LUN ${id} on ${this.name}`);
		return lu;
	}

	hostGroups(): HostGroup[] {
		return [...this.masking.groups()];
	}

	hostGroup(name: string): HostGroup | undefined {
		return this.masking.group(name);
	}

	requireHostGroup(name: string): HostGroup {
		const g = this.masking.group(name);
		if (!g) throw new StorageError(`unknown host group '${name}' on ${this.name}`);
		return g;
	}

	/** Host groups that map an LU, with its host LUN in each. */
	mappingsOf(lunId: number): {group: string; hostLun: number}[] {
		const out: {group: string; hostLun: number}[] = [];
		for (const g of this.masking.groups()) {
			const hostLun = g.hostLunOf(lunId);
			if (hostLun !== undefined) out.push({group: g.name, hostLun});
		}
		return out;
	}

	/** What an initiator sees through a port: host LUN -> LU, ascending. */
	view(portName: string, initiator: Wwn): LunView {
		return this.masking.view(portName, initiator);
	}

	unitAt(portName: string, initiator: Wwn, hostLun: number): LogicalUnit | undefined {
		const id = this.masking.lunAt(portName, initiator, hostLun);
		return id === undefined ? undefined : this.lunsById.get(id);
	}

	// ---- LUNs ----------------------------------------------------------------------------------

	createLun(spec: CreateLunSpec): LogicalUnit {
		let id = spec.id;
		if (id === undefined) {
			id = 0;
			while (this.lunsById.has(id)) id++;
		}
		if (this.lunsById.has(id)) throw new StorageError(`LUN ${id} already exists on ${this.name}`);
		const type = spec.type ?? 'disk';
		const like = this.luns().find(l => l.type === type);
		const lu = this.makeLun(
			{
				id,
				...(spec.name !== undefined ? {name: spec.name} : {}),
				sizeMiB: spec.sizeMiB,
				type,
				vendor: spec.vendor ?? like?.vendor ?? this.vendor,
				product: spec.product ?? like?.product ?? this.model,
				revision: spec.revision ?? like?.revision ?? '0001',
				...(spec.serial !== undefined ? {serial: spec.serial} : {}),
			},
			`LUN ${id}`,
		);
		this.lunsById.set(id, lu);
		this.changes++;
		this.log.emit(
			this.name,
			'storage.lun.created',
			`LUN ${id} created: ${formatSizeMiB(lu.sizeMiB)} ${lu.type}` + (lu.name ? ` '${lu.name}'` : ''),
			{lun: id, sizeMiB: lu.sizeMiB, type: lu.type, luid: lu.luid},
		);
		return lu;
	}

	/** Deletes an LU, unmapping it from every host group first (hosts get a unit attention and an RSCN). */
	deleteLun(id: number): LunDeleteResult {
		const lu = this.requireLun(id);
		const groups = this.hostGroups().filter(g => g.hostLunOf(id) !== undefined);
		const unmappedFrom = groups.map(g => ({group: g.name, hostLun: g.hostLunOf(id)!}));
		this.log.emit(
			this.name,
			'storage.lun.deleted',
			`LUN ${id} deleted` + (groups.length ? ` (unmapped from ${groups.map(g => g.name).join(', ')})` : ''),
			{lun: id, unmappedFrom: groups.map(g => g.name)},
		);
		const notice = this.commit(initiatorsOf(groups), () => {
			for (const g of groups) g.unmap(id);
			this.lunsById.delete(id);
		});
		return {lun: lu, unmappedFrom, ...notice};
	}

	// ---- host groups ---------------------------------------------------------------------------

	/**
	 * Applies an edit to a host group (creating it when `create` is set and it does not exist).
	 * Refuses, changing nothing, on an unknown LUN or port, a duplicate or missing member, a host
	 * LUN already used in the group, or a host LUN that some initiator would see as two LUs.
	 */
	editHostGroup(name: string, edit: HostGroupEdit, options: {readonly create?: boolean} = {}): HostGroupEditResult {
		const existing = this.masking.group(name);
		if (!existing && !options.create) throw new StorageError(`unknown host group '${name}' on ${this.name}`);
		if (!existing && !isStorageObjectName(name)) {
			throw new StorageError(`bad host group name '${name}': ${STORAGE_NAME_RULE}`);
		}
		const draft = existing ? existing.clone() : new HostGroup(name);

		const {removedInitiators, unmapped, portsChanged, addedInitiators, mapped} = applyHostGroupEdit(draft, edit, this);
		const conflict = this.masking.conflictWith(draft, this.portNames());
		if (conflict) throw new StorageError(conflict);

		// Logged before the commit, so that the log reads cause (this) before effect (unit attentions).
		if (!existing) this.log.emit(this.name, 'storage.hostgroup.created', `host group ${name} created`, {group: name});
		const what = [
			...removedInitiators.map(w => `-initiator ${w}`),
			...unmapped.map(m => `-LUN ${m.lun}`),
			...(portsChanged ? [`ports ${draft.ports?.join(',') ?? 'all'}`] : []),
			...addedInitiators.map(w => `+initiator ${w}`),
			...mapped.map(m => `+LUN ${m.lun} as host LUN ${m.hostLun}`),
		];
		if (what.length > 0) {
			this.log.emit(this.name, 'storage.hostgroup.changed', `host group ${name}: ${what.join(', ')}`, {
				group: name,
				added: addedInitiators,
				removed: removedInitiators,
				mapped: mapped.map(m => `${m.lun}:${m.hostLun}`),
				unmapped: unmapped.map(m => `${m.lun}:${m.hostLun}`),
			});
		}
		const candidates = new Set<Wwn>(draft.initiators);
		if (existing) for (const w of existing.initiators) candidates.add(w);
		const notice = this.commit(candidates, () => this.masking.put(draft));
		return {
			group: name,
			created: !existing,
			addedInitiators,
			removedInitiators,
			mapped,
			unmapped,
			ports: draft.ports,
			...notice,
		};
	}

	deleteHostGroup(name: string): ChangeNotice {
		const group = this.requireHostGroup(name);
		this.log.emit(this.name, 'storage.hostgroup.deleted', `host group ${name} deleted`, {group: name});
		return this.commit(new Set(group.initiators), () => this.masking.delete(name));
	}

	// ---- ports ---------------------------------------------------------------------------------

	/** Administrative online/offline of a port (by name or WWPN); false if it already was. */
	setPortOnline(ref: string, online: boolean): boolean {
		const changed = this.requirePort(ref).setOnline(online);
		if (changed) this.changes++;
		return changed;
	}

	// ---- export --------------------------------------------------------------------------------

	/**
	 * The array as configured now. While no administrative change happened it is the very
	 * configuration it was built from: a save of a big lab then knows this array is as it was.
	 */
	toConfig(): StorageArrayConfig {
		if (this.changes === 0) return this.built;
		return {
			name: this.name,
			vendor: this.vendor,
			model: this.model,
			ports: this.ports.map(p => {
				const origin = this.origins.get(p)!;
				return {
					name: p.name,
					wwpn: origin.wwpn,
					wwnn: origin.wwnn,
					// Only an offline port says so: a port put back online reads as it did before it went
					// offline, whichever process does it.
					...(!p.adminOnline ? {online: false} : {}),
				};
			}),
			luns: this.luns().map(l => l.toConfig()),
			hostGroups: this.hostGroups().map(g => g.toConfig()),
		};
	}

	// ---- internals -----------------------------------------------------------------------------

	/**
	 * Runs a masking change and tells whoever it concerns: the views of the candidate initiators
	 * are compared before and after on every port; each changed nexus that is logged in gets a
	 * REPORTED LUNS DATA HAS CHANGED unit attention, each port with a change announces it.
	 */
	private commit(candidates: Iterable<Wwn>, apply: () => void): ChangeNotice {
		const initiators = [...candidates];
		const before = this.ports.map(p => initiators.map(w => viewSignature(this.masking.view(p.name, w))));
		apply();
		this.changes++;
		let unitAttentions = 0;
		const rscnPorts: string[] = [];
		this.ports.forEach((port, i) => {
			const was = before[i]!;
			const changed = initiators.filter((w, j) => viewSignature(this.masking.view(port.name, w)) !== was[j]);
			if (changed.length === 0) return;
			unitAttentions += port.responder.postReportedLunsChanged(changed).length;
			if (port.announceChange()) rscnPorts.push(port.name);
		});
		return {unitAttentions, rscnPorts};
	}

	private buildPort(p: StoragePortConfig, where: string): TargetPort {
		const wwpn = parseWwn(p.wwpn);
		const wwnn = parseWwn(p.wwnn);
		if (!isStorageObjectName(p.name)) throw new StorageError(`${where}: bad port name '${p.name}'`);
		if (!wwpn) throw new StorageError(`${where}, port ${p.name}: bad WWPN '${p.wwpn}'`);
		if (!wwnn) throw new StorageError(`${where}, port ${p.name}: bad WWNN '${p.wwnn}'`);
		const port = new TargetPort(this, p.name, wwpn, wwnn, p.online ?? true);
		this.origins.set(port, {wwpn: p.wwpn, wwnn: p.wwnn});
		return port;
	}

	private makeLun(spec: CreateLunSpec & {id: number; type: LunDeviceType; vendor: string; product: string; revision: string}, where: string): LogicalUnit {
		if (!Number.isInteger(spec.id) || spec.id < 0 || spec.id > MAX_LUN_ID) {
			throw new StorageError(`${where}: bad LUN id (0-${MAX_LUN_ID})`);
		}
		if (!Number.isInteger(spec.sizeMiB) || spec.sizeMiB < 0 || spec.sizeMiB > MAX_LUN_MIB) {
			throw new StorageError(`${where}: bad size ${spec.sizeMiB} MiB`);
		}
		if (!LUN_DEVICE_TYPES.includes(spec.type)) {
			throw new StorageError(`${where}: bad type '${spec.type}' (${LUN_DEVICE_TYPES.join(', ')})`);
		}
		if (spec.name !== undefined && !/^[\x20-\x7e]{1,64}$/.test(spec.name)) {
			throw new StorageError(`${where}: bad name (1-64 printable characters)`);
		}
		return new LogicalUnit(spec, this.identity);
	}

	private portNames(): string[] {
		return this.ports.map(p => p.name);
	}

	private requirePortName(name: string, where: string): void {
		if (!this.ports.some(p => p.name === name)) throw new StorageError(`${where}: unknown port '${name}'`);
	}
}

function initiatorsOf(groups: readonly HostGroup[]): Set<Wwn> {
	const out = new Set<Wwn>();
	for (const g of groups) for (const w of g.initiators) out.add(w);
	return out;
}

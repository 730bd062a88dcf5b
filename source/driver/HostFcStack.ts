/**
 * A host's Leadville stack: its FCAs, their physical ports and fp instances, the device namespace
 * and the sysevent channel. Built from the host's configuration; the world cables each physical
 * port (an NPortEndpoint) to a switch port, a loop or another port by its WWPN.
 *
 * Virtual ports are created and deleted here (the FCIO_CREATE_NPIV_PORT / DELETE_NPIV_PORT ioctls):
 * the host-wide WWN check, then the port's index pick and the FCA's bind (reference 11).
 */
import type {EventLog} from '../sim/EventLog.js';
import type {Simulator} from '../sim/Simulator.js';
import {parseWwn, type Wwn} from '../sim/Wwn.js';
import {DeviceNamespace} from './DeviceNamespace.js';
import {Fca} from './Fca.js';
import {fcaModel} from './FcaModel.js';
import type {HostFcConfig} from './HostFcConfig.js';
import type {FcaPort} from './FcaPort.js';
import type {FpHost, FpPort} from './FpPort.js';
import type {VportCreateFailure, VportDeleteFailure} from './NpivErrors.js';
import {escName, type Sysevent, type SyseventListener} from './Sysevent.js';
import type {WwnRegistry} from './WwnRegistry.js';

export interface HostFcStackOptions {
	/** A world/LabConfig HostConfig (structurally a HostFcConfig). */
	readonly host: HostFcConfig;
	readonly sim: Simulator;
	readonly log: EventLog;
	/** Not used by the driver itself; kept with the stack for the HBA-API built over it. */
	readonly wwnRegistry?: WwnRegistry;
}

export interface VportRequest {
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	/** Kernel index wanted (1..254), or 0/absent for the lowest free one. */
	readonly index?: number;
}

export type VportCreateResult = {readonly ok: true; readonly port: FpPort} | VportCreateFailure;
export type VportDeleteResult = {readonly ok: true} | VportDeleteFailure;

export class HostFcStack implements FpHost {
	readonly name: string;
	readonly kind: HostFcConfig['kind'];
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly wwnRegistry: WwnRegistry | undefined;
	readonly names = new DeviceNamespace();
	readonly fcas: readonly Fca[];
	/** Physical ports in a stable order: HBA order, then port order. */
	readonly ports: readonly FcaPort[];
	/** Every local port, physical and virtual, by port WWN (the host-wide "WWN in use" check). */
	private readonly local = new Map<Wwn, FpPort>();
	private readonly byPhysicalWwpn = new Map<Wwn, FcaPort>();
	private readonly listeners = new Set<SyseventListener>();
	/** Saved state not yet put back: a restored host is rebuilt the first time it is touched. */
	private pendingLive: (() => void) | undefined;

	constructor(options: HostFcStackOptions) {
		const {host, sim, log} = options;
		this.name = host.name;
		this.kind = host.kind;
		this.sim = sim;
		this.log = log;
		this.wwnRegistry = options.wwnRegistry;
		const driverInstances = new Map<string, number>();
		this.fcas = host.hbas.map((hba, index) => {
			const model = fcaModel(hba.model);
			if (hba.ports.length === 0) throw new Error(`host ${host.name}: HBA ${index} (${hba.model}) has no ports`);
			const ports = hba.ports.map((p, i) => {
				const n = driverInstances.get(model.driverName) ?? 0;
				driverInstances.set(model.driverName, n + 1);
				return {wwpn: configWwn(host.name, p.wwpn, `HBA ${index} port ${i} WWPN`), wwnn: configWwn(host.name, p.wwnn, `HBA ${index} port ${i} WWNN`), driverInstance: n};
			});
			return new Fca(this, index, model, hba.serial, ports);
		});
		this.ports = this.fcas.flatMap(f => f.ports);
		for (const port of this.ports) {
			if (this.local.has(port.wwpn)) throw new Error(`host ${host.name}: port WWN ${port.wwpn} appears twice`);
			this.local.set(port.wwpn, port.physical);
			this.byPhysicalWwpn.set(port.wwpn, port);
			port.physical.raise('port_attach');
		}
	}

	/**
	 * Holds saved state to put back when the host is first touched (see materialize). The world
	 * touches a host through its accessors; the fabric through the ports' N_Port methods.
	 */
	deferLive(restore: () => void): void {
		this.pendingLive = restore;
	}

	/** Puts deferred saved state back, once. */
	materialize(): void {
		const restore = this.pendingLive;
		if (!restore) return;
		this.pendingLive = undefined;
		restore();
	}

	/** True while saved state waits to be put back (the store can keep its saved text as is). */
	get deferred(): boolean {
		return this.pendingLive !== undefined;
	}

	/** After a restore: the host-wide WWN table from the ports as they now are. */
	restoreLocalPorts(): void {
		this.local.clear();
		for (const fp of this.fpPorts()) {
			if (this.local.has(fp.wwpn)) throw new Error(`saved state of host ${this.name}: port WWN ${fp.wwpn} appears twice`);
			this.local.set(fp.wwpn, fp);
		}
	}

	/** The physical port with this WWPN (to cable it), or undefined. */
	portByWwpn(wwpn: Wwn): FcaPort | undefined {
		return this.byPhysicalWwpn.get(wwpn);
	}

	/** Any local port, physical or virtual, by port WWN. */
	localPort(wwpn: Wwn): FpPort | undefined {
		return this.local.get(wwpn);
	}

	/** Every fp instance: each physical port followed by its virtual ports (newest first). */
	*fpPorts(): IterableIterator<FpPort> {
		for (const port of this.ports) {
			yield port.physical;
			yield* port.vports;
		}
	}

	get virtualPortCount(): number {
		let n = 0;
		for (const port of this.ports) n += port.vports.length;
		return n;
	}

	/**
	 * FCIO_CREATE_NPIV_PORT on the physical port `physicalWwpn`. Synchronous, like the ioctl: the
	 * FDISC is answered before this returns; registration and discovery follow on the simulator.
	 */
	createVirtualPort(physicalWwpn: Wwn, request: VportRequest): VportCreateResult {
		const port = this.byPhysicalWwpn.get(physicalWwpn);
		const {wwpn, wwnn} = request;
		let result: VportCreateResult;
		if (!port) {
			// The HBA-API only reaches here with a port it opened; kept for direct callers.
			result = {ok: false, errno: 'EFAULT', reason: 'NO_VALID_INDEX', message: `no physical port ${physicalWwpn} on ${this.name}`};
		} else if (/^0+$/.test(wwpn) || /^0+$/.test(wwnn) || wwpn === wwnn) {
			result = {ok: false, errno: 'EFAULT', reason: 'BAD_WWN', message: wwpn === wwnn ? 'port WWN is the same as node WWN' : 'a WWN of zeros is not valid'};
		} else if (this.local.has(wwpn)) {
			const user = this.local.get(wwpn)!;
			result = {ok: false, errno: 'EFAULT', reason: 'WWN_IN_USE', message: `port WWN ${wwpn} is already used by ${user.label}`};
		} else {
			result = port.createVport(wwpn, wwnn, request.index ?? 0);
		}
		if (result.ok) {
			this.local.set(wwpn, result.port);
			if (this.log.recording) this.log.emit(result.port.label, 'driver.vport.create', `virtual port ${wwpn} created on ${physicalWwpn} as ${result.port.name} (index ${result.port.vportIndex})`, {
				ok: true,
				physical: physicalWwpn,
				wwpn,
				wwnn,
				index: result.port.vportIndex,
				instance: result.port.instance,
			});
		} else {
			this.log.emit(port?.label ?? `${this.name}/fp`, 'driver.vport.create', `virtual port ${wwpn} not created on ${physicalWwpn}: ${result.message}`, {
				ok: false,
				physical: physicalWwpn,
				wwpn,
				wwnn,
				reason: result.reason,
				message: result.message,
			});
		}
		return result;
	}

	/** FCIO_DELETE_NPIV_PORT: LOGO, DA_ID, SCR clear, index freed, instance detached. */
	deleteVirtualPort(physicalWwpn: Wwn, wwpn: Wwn): VportDeleteResult {
		const port = this.byPhysicalWwpn.get(physicalWwpn);
		const result = port
			? port.deleteVport(wwpn)
			: ({ok: false, errno: 'EFAULT', reason: 'NOT_FOUND', message: `no physical port ${physicalWwpn} on ${this.name}`} as const);
		if (result.ok) {
			this.local.delete(wwpn);
			this.log.emit(result.port.label, 'driver.vport.delete', `virtual port ${wwpn} deleted from ${physicalWwpn}`, {ok: true, physical: physicalWwpn, wwpn, index: result.port.vportIndex});
			return {ok: true};
		}
		this.log.emit(port?.label ?? `${this.name}/fp`, 'driver.vport.delete', `virtual port ${wwpn} not deleted from ${physicalWwpn}: ${result.message}`, {
			ok: false,
			physical: physicalWwpn,
			wwpn,
			reason: result.reason,
		});
		return result;
	}

	/** Force LIP on a physical port; false when it has no link. */
	forceLip(physicalWwpn: Wwn): boolean {
		return this.byPhysicalWwpn.get(physicalWwpn)?.forceLip() ?? false;
	}

	get syseventsWanted(): boolean {
		return this.listeners.size > 0 || this.log.recording;
	}

	/** How many sysevent subscribers are bound (libraries with callbacks registered). */
	get subscriberCount(): number {
		return this.listeners.size;
	}

	/** Subscribes to EC_sunfc sysevents (the HBA-API's sysevent bridge does). */
	subscribe(listener: SyseventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	raise(event: Sysevent): void {
		if (this.log.recording) this.record(event);
		for (const listener of this.listeners) listener(event);
	}

	/** The sysevent as a log entry (skipped while the log is muted: a bulk boot raises millions). */
	private record(event: Sysevent): void {
		const data: Record<string, string | number | readonly string[]> = {instance: event.instance, portWwn: event.portWwn};
		let detail = '';
		if (event.affectedPages) {
			const pages = event.affectedPages.map(p => p.toString(16).padStart(8, '0'));
			data['affectedPages'] = pages;
			detail = ` pages ${pages.join(',')}`;
		}
		if (event.targetPortWwn) {
			data['targetPortWwn'] = event.targetPortWwn;
			detail += ` target ${event.targetPortWwn}`;
		}
		if (event.lun !== undefined) {
			data['lun'] = event.lun;
			detail += ` lun ${event.lun}`;
		}
		if (event.devicePath) {
			data['devicePath'] = event.devicePath;
			detail += ` ${event.devicePath}`;
		}
		this.log.emit(`${this.name}/fp${event.instance}`, `driver.sysevent.${event.subclass}`, `${escName(event.subclass)} port ${event.portWwn}${detail}`, data);
	}
}

function configWwn(host: string, text: string, what: string): Wwn {
	const w = parseWwn(text);
	if (!w) throw new Error(`host ${host}: ${what} '${text}' is not a WWN (16 hex digits)`);
	return w;
}

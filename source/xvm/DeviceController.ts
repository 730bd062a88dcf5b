/**
 * xend's device controllers (server/DevController.py): the toolstack half of the split-driver
 * handshake. Creating a device writes its backend node under dom0 and its frontend node under the
 * guest, both in state Initialising; the backend's hotplug script (BlockBackend, or xfc for `vfc`)
 * answers through `hotplug-status`; waitForDevices watches for it. Destroying a vbd/vif closes it
 * (online=0, state=Closing) and removes both nodes; destroying a vfc follows seed 7.3's delete
 * steps: mark `hotplug-status` error, let xfc and xennpivd delete the virtual port, then remove.
 */
import type {Simulator, Timer} from '../sim/Simulator.js';
import type {EventLog} from '../sim/EventLog.js';
import type {XenStore} from './XenStore.js';
import type {XenDomain} from './XenDomain.js';
import type {XenTiming} from './XenTiming.js';
import {XenOp, allOps} from './XenOp.js';
import {XenbusState} from './Xenbus.js';
import type {NpivSpec} from './NpivSpec.js';

export type DeviceClass = 'vbd' | 'vif' | 'vfc';

export interface DeviceRef {
	readonly cls: DeviceClass;
	readonly devid: number;
}

export function backendPath(cls: DeviceClass, domid: number, devid?: number): string {
	const base = `/local/domain/0/backend/${cls}/${domid}`;
	return devid === undefined ? base : `${base}/${devid}`;
}

export function frontendPath(cls: DeviceClass, domid: number, devid?: number): string {
	const base = `/local/domain/${domid}/device/${cls}`;
	return devid === undefined ? base : `${base}/${devid}`;
}

/** Parses `/local/domain/0/backend/<cls>/<domid>/<devid>[/...]`. */
export function parseBackendPath(path: string): {cls: string; domid: number; devid: number; rest: string} | undefined {
	const m = /^\/local\/domain\/0\/backend\/([a-z]+)\/(\d+)\/(\d+)(\/.*)?$/.exec(path);
	return m ? {cls: m[1]!, domid: Number(m[2]), devid: Number(m[3]), rest: m[4] ?? ''} : undefined;
}

export interface VbdExtra {
	/** For LUNs of a virtual port: which port, target and LUN (xennpivd's own keys). */
	readonly [key: string]: string;
}

export class DeviceController {
	constructor(
		private readonly store: XenStore,
		private readonly sim: Simulator,
		private readonly log: EventLog,
		private readonly timing: XenTiming,
		private readonly source: string,
	) {}

	createVbd(dom: XenDomain, devid: number, dev: string, uname: string, mode: string, extra: VbdExtra = {}): DeviceRef {
		const domid = dom.domid!;
		const colon = uname.indexOf(':');
		const type = colon > 0 ? uname.slice(0, colon) : 'phy';
		const params = colon > 0 ? uname.slice(colon + 1) : uname;
		this.store.writeMany(backendPath('vbd', domid, devid), {
			domain: dom.name,
			frontend: frontendPath('vbd', domid, devid),
			'frontend-id': domid,
			online: 1,
			removable: 0,
			bootable: 1,
			state: XenbusState.Initialising,
			dev,
			type,
			mode,
			params,
			...extra,
		});
		this.store.writeMany(frontendPath('vbd', domid, devid), {
			backend: backendPath('vbd', domid, devid),
			'backend-id': 0,
			'virtual-device': devid,
			'device-type': 'disk',
			state: XenbusState.Initialising,
		});
		this.log.emit(this.source, 'xvm.device.create', `${dom.name}: vbd ${devid} (${dev}) <- ${uname}`, {domain: dom.name, domid, cls: 'vbd', devid, dev, uname});
		return {cls: 'vbd', devid};
	}

	createVif(dom: XenDomain, devid: number, params: ReadonlyMap<string, string>, mac: string): DeviceRef {
		const domid = dom.domid!;
		this.store.writeMany(backendPath('vif', domid, devid), {
			domain: dom.name,
			frontend: frontendPath('vif', domid, devid),
			'frontend-id': domid,
			online: 1,
			state: XenbusState.Initialising,
			handle: devid,
			mac,
			bridge: params.get('bridge') ?? 'xenbr0',
			script: params.get('script') ?? '/etc/xen/scripts/vif-bridge',
		});
		this.store.writeMany(frontendPath('vif', domid, devid), {
			backend: backendPath('vif', domid, devid),
			'backend-id': 0,
			handle: devid,
			mac,
			state: XenbusState.Initialising,
		});
		this.log.emit(this.source, 'xvm.device.create', `${dom.name}: vif ${devid} (${mac})`, {domain: dom.name, domid, cls: 'vif', devid, mac});
		return {cls: 'vif', devid};
	}

	/** Seed 7.3 create step 1: the backend entry xfc watches for. There is no guest frontend. */
	createVfc(dom: XenDomain, devid: number, npiv: NpivSpec): DeviceRef {
		const domid = dom.domid!;
		this.store.writeMany(backendPath('vfc', domid, devid), {
			domain: dom.name,
			'frontend-id': domid,
			online: 1,
			'port-wwn': npiv.vpwwn,
			'node-wwn': npiv.vnwwn,
			'phys-port-wwn': npiv.ppwwn,
			autoattach: npiv.autoattach ? 1 : 0,
			state: XenbusState.Initialising,
		});
		this.log.emit(this.source, 'xvm.device.create', `${dom.name}: vfc ${devid} port ${npiv.vpwwn} on ${npiv.ppwwn}`, {
			domain: dom.name,
			domid,
			cls: 'vfc',
			devid,
			vpwwn: npiv.vpwwn,
			ppwwn: npiv.ppwwn,
		});
		return {cls: 'vfc', devid};
	}

	devids(cls: DeviceClass, domid: number): number[] {
		return this.store.list(backendPath(cls, domid)).map(Number);
	}

	/**
	 * Waits for `hotplug-status` of each device, as DevController.waitForDevice: connected -> ok;
	 * error -> `Device N (cls) could not be connected. <hotplug-error>`; no answer in time ->
	 * `... Hotplug scripts not working.`; node gone -> `... Device not found.`
	 */
	waitForDevices(dom: XenDomain, devices: readonly DeviceRef[], timeoutMs = this.timing.deviceTimeoutMs): XenOp {
		return allOps(devices.map(d => this.waitForDevice(dom.domid!, d, timeoutMs)));
	}

	waitForDevice(domid: number, dev: DeviceRef, timeoutMs: number): XenOp {
		const op = new XenOp();
		const path = backendPath(dev.cls, domid, dev.devid);
		let timer: Timer | undefined;
		const watch = this.store.watch(path, `wait-${dev.cls}-${domid}-${dev.devid}`, () => check());
		const finish = (error?: string): void => {
			this.store.unwatch(watch);
			this.sim.cancel(timer);
			if (error === undefined) op.resolve();
			else op.fail(error);
		};
		const check = (): void => {
			if (op.done) return;
			if (!this.store.exists(path)) return finish(`Device ${dev.devid} (${dev.cls}) could not be connected. Device not found.`);
			const status = this.store.read(`${path}/hotplug-status`);
			if (status === 'connected') return finish();
			if (status === 'error') {
				const err = this.store.read(`${path}/hotplug-error`);
				return finish(`Device ${dev.devid} (${dev.cls}) could not be connected. ${err ?? 'Backend device not found.'}`);
			}
			if (status === 'busy') {
				const err = this.store.read(`${path}/hotplug-error`) ?? 'Busy.';
				return finish(`Device ${dev.devid} (${dev.cls}) could not be connected.\n${err}`);
			}
		};
		timer = this.sim.schedule(timeoutMs, () => finish(`Device ${dev.devid} (${dev.cls}) could not be connected. Hotplug scripts not working.`), 'xend device timeout');
		return op;
	}

	/**
	 * Closes a vbd or vif. With `force`, or when the guest cannot answer (not scheduled), both nodes
	 * go at once; otherwise after the frontend and backend reach Closed.
	 */
	destroyDevice(dom: XenDomain, dev: DeviceRef, force: boolean): XenOp {
		const domid = dom.domid!;
		const be = backendPath(dev.cls, domid, dev.devid);
		const fe = frontendPath(dev.cls, domid, dev.devid);
		const op = new XenOp();
		if (!this.store.exists(be)) {
			op.resolve();
			return op;
		}
		this.store.writeMany(be, {online: 0, state: XenbusState.Closing});
		const remove = (): void => {
			if (op.done) return;
			this.store.rm(be);
			this.store.rm(fe);
			this.log.emit(this.source, 'xvm.device.destroy', `${dom.name}: ${dev.cls} ${dev.devid} removed`, {domain: dom.name, domid, cls: dev.cls, devid: dev.devid});
			op.resolve();
		};
		if (force || !dom.scheduled) {
			remove();
			return op;
		}
		const watch = this.store.watch(`${be}/state`, `close-${dev.cls}-${domid}-${dev.devid}`, () => {
			if (Number(this.store.read(`${be}/state`)) === XenbusState.Closed) {
				this.store.unwatch(watch);
				this.sim.cancel(timer);
				remove();
			}
		});
		const timer = this.sim.schedule(this.timing.deviceTimeoutMs / 10, () => {
			this.store.unwatch(watch);
			remove();
		});
		return op;
	}

	/** Seed 7.3 delete steps 1-5 for a virtual FC port; settles when the backend node is gone. */
	destroyVfc(dom: XenDomain, devid: number): XenOp {
		const domid = dom.domid!;
		const be = backendPath('vfc', domid, devid);
		const op = new XenOp();
		if (!this.store.exists(be)) {
			op.resolve();
			return op;
		}
		const closed = (): boolean => Number(this.store.read(`${be}/state`)) === XenbusState.Closed;
		const remove = (): void => {
			if (op.done) return;
			this.store.unwatch(watch);
			this.sim.cancel(timer);
			this.store.rm(be);
			this.log.emit(this.source, 'xvm.device.destroy', `${dom.name}: vfc ${devid} removed`, {domain: dom.name, domid, cls: 'vfc', devid});
			op.resolve();
		};
		// Step 1: xm marks the hotplug status of the port as error; xfc's detach routine takes over.
		this.store.write(`${be}/hotplug-status`, 'error');
		const watch = this.store.watch(`${be}/state`, `vfc-close-${domid}-${devid}`, () => {
			if (closed()) remove();
		});
		// xfc that never answers (should not happen) must not wedge a domain destroy forever.
		const timer = this.sim.schedule(this.timing.deviceTimeoutMs, () => {
			this.log.emit(this.source, 'xvm.device.timeout', `${dom.name}: vfc ${devid} did not close`, {domain: dom.name, domid, devid});
			remove();
		});
		return op;
	}
}

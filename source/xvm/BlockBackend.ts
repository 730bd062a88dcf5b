/**
 * The dom0 backends for ordinary devices (blkback for vbd, netback for vif) with their hotplug
 * scripts. A new backend node runs the script, which reports `hotplug-status` connected and moves
 * the backend to InitWait; the backend connects when the guest frontend is Initialised and closes
 * after the frontend when the toolstack writes Closing.
 */
import type {Simulator} from '../sim/Simulator.js';
import type {XenStore, XenStoreWatch} from './XenStore.js';
import type {XenTiming} from './XenTiming.js';
import {XenbusState} from './Xenbus.js';
import {parseBackendPath} from './DeviceController.js';
import type {BackendDeviceLive} from './XenLive.js';

interface BackendDevice {
	readonly path: string;
	hotplugged: boolean;
	frontendWatch?: XenStoreWatch;
}

export class BlockBackend {
	private devices = new Map<string, BackendDevice>();

	constructor(
		private readonly store: XenStore,
		private readonly sim: Simulator,
		private readonly timing: XenTiming,
	) {
		for (const cls of ['vbd', 'vif']) store.watch(`/local/domain/0/backend/${cls}`, `${cls}back`, path => this.onChange(path));
	}

	saveLive(): BackendDeviceLive[] {
		return [...this.devices.values()].map(d => ({path: d.path, hotplugged: d.hotplugged, ...(d.frontendWatch ? {frontendWatch: d.frontendWatch.path} : {})}));
	}

	restoreLive(devices: readonly BackendDeviceLive[]): void {
		this.devices.clear();
		for (const d of devices) {
			const dev: BackendDevice = {path: d.path, hotplugged: d.hotplugged};
			if (d.frontendWatch) {
				const be = d.path;
				dev.frontendWatch = this.store.restoreWatch(d.frontendWatch, `otherend ${be}`, () => this.reconcile(be));
			}
			this.devices.set(d.path, dev);
		}
	}

	private onChange(path: string): void {
		const p = parseBackendPath(path);
		if (!p || (p.cls !== 'vbd' && p.cls !== 'vif')) return;
		this.reconcile(`/local/domain/0/backend/${p.cls}/${p.domid}/${p.devid}`);
	}

	private reconcile(be: string): void {
		const store = this.store;
		let dev = this.devices.get(be);
		if (!store.exists(be)) {
			if (dev?.frontendWatch) store.unwatch(dev.frontendWatch);
			this.devices.delete(be);
			return;
		}
		const state = Number(store.read(`${be}/state`));
		if (!dev) {
			if (state !== XenbusState.Initialising) return;
			dev = {path: be, hotplugged: false};
			this.devices.set(be, dev);
			const fe = store.read(`${be}/frontend`);
			if (fe) dev.frontendWatch = store.watch(`${fe}/state`, `otherend ${be}`, () => this.reconcile(be));
			this.sim.schedule(this.timing.hotplugMs, () => this.hotplug(be), `hotplug ${be}`);
			return;
		}
		if (!dev.hotplugged) return;
		const fe = store.read(`${be}/frontend`);
		const feState = fe ? Number(store.read(`${fe}/state`) ?? XenbusState.Closed) : XenbusState.Closed;
		if ((state === XenbusState.InitWait || state === XenbusState.Initialised) && feState === XenbusState.Initialised) {
			store.write(`${be}/state`, String(XenbusState.Connected));
		} else if (state === XenbusState.Closing && (feState === XenbusState.Closed || !fe || !store.exists(fe))) {
			store.write(`${be}/state`, String(XenbusState.Closed));
		}
	}

	private hotplug(be: string): void {
		const dev = this.devices.get(be);
		if (!dev || !this.store.exists(be)) return;
		if (Number(this.store.read(`${be}/state`)) !== XenbusState.Initialising) return;
		dev.hotplugged = true;
		this.store.writeMany(be, {'hotplug-status': 'connected', state: XenbusState.InitWait});
	}
}

/**
 * xfc, the backend driver of virtual FC ports (seed 7.1, 7.3). It watches
 * `/local/domain/0/backend/vfc/`: a new entry runs its attach routine, which calls xennpivd
 * through a door to create the virtual port and goes on (hotplug-status connected) only if that
 * succeeded, otherwise reports `hotplug-status` error with a `hotplug-error` saying why. When the
 * toolstack marks an attached port's hotplug-status error, the detach routine has the daemon
 * delete the port and then closes the backend (state Closed).
 */
import type {Simulator} from '../sim/Simulator.js';
import type {EventLog} from '../sim/EventLog.js';
import {parseWwn, type Wwn} from '../sim/Wwn.js';
import type {XenStore} from './XenStore.js';
import type {XenTiming} from './XenTiming.js';
import type {NpivDaemon} from './NpivDaemon.js';
import type {NpivSpec} from './NpivSpec.js';
import {XenbusState} from './Xenbus.js';
import {parseBackendPath} from './DeviceController.js';
import type {XfcPortLive} from './XenLive.js';

type XfcState = 'attaching' | 'attached' | 'failed' | 'detaching' | 'closed';

interface XfcPort {
	state: XfcState;
	spec: NpivSpec;
	detachRequested: boolean;
}

export class Xfc {
	private ports = new Map<string, XfcPort>();

	constructor(
		private readonly store: XenStore,
		private readonly sim: Simulator,
		private readonly log: EventLog,
		private readonly timing: XenTiming,
		private readonly daemon: NpivDaemon,
		/** `xfc@dom0-a`. */
		readonly source: string,
	) {
		store.watch('/local/domain/0/backend/vfc', 'xfc', path => this.onChange(path));
	}

	saveLive(): XfcPortLive[] {
		return [...this.ports].map(([key, p]) => ({key, state: p.state, spec: p.spec, detachRequested: p.detachRequested}));
	}

	restoreLive(ports: readonly XfcPortLive[]): void {
		this.ports = new Map(ports.map(p => [p.key, {state: p.state, spec: p.spec, detachRequested: p.detachRequested}]));
	}

	/** Ports xfc holds (attached or on their way), for consistency checks. */
	attachedWwns(): Wwn[] {
		return [...this.ports.values()].filter(p => p.state === 'attached' || p.state === 'detaching').map(p => p.spec.vpwwn);
	}

	private onChange(path: string): void {
		const p = parseBackendPath(path);
		if (!p || p.cls !== 'vfc') return;
		const be = `/local/domain/0/backend/vfc/${p.domid}/${p.devid}`;
		const key = `${p.domid}/${p.devid}`;
		const port = this.ports.get(key);
		if (!this.store.exists(be)) {
			// The toolstack removed the node without the detach handshake (it should not): clean up.
			if (port && port.state === 'attached') this.detach(key, be, port, p.domid);
			else if (port && port.state !== 'detaching') this.ports.delete(key);
			return;
		}
		const state = Number(this.store.read(`${be}/state`));
		const hotplug = this.store.read(`${be}/hotplug-status`);
		if (!port) {
			if (state !== XenbusState.Initialising || hotplug !== undefined) return;
			const spec = this.readSpec(be);
			if (!spec) {
				this.store.writeMany(be, {'hotplug-error': 'invalid virtual FC port entry', 'hotplug-status': 'error', state: XenbusState.Closed});
				return;
			}
			this.attach(key, be, spec, p.domid, p.devid);
			return;
		}
		if (hotplug === 'error') {
			if (port.state === 'attached') this.detach(key, be, port, p.domid);
			else if (port.state === 'attaching') port.detachRequested = true;
		}
	}

	private readSpec(be: string): NpivSpec | undefined {
		const vpwwn = parseWwn(this.store.read(`${be}/port-wwn`) ?? '');
		const vnwwn = parseWwn(this.store.read(`${be}/node-wwn`) ?? '');
		const ppwwn = parseWwn(this.store.read(`${be}/phys-port-wwn`) ?? '');
		if (!vpwwn || !vnwwn || !ppwwn) return undefined;
		return {vpwwn, vnwwn, ppwwn, autoattach: this.store.read(`${be}/autoattach`) !== '0'};
	}

	/** Seed 7.3 create steps 2-3. */
	private attach(key: string, be: string, spec: NpivSpec, domid: number, devid: number): void {
		const port: XfcPort = {state: 'attaching', spec, detachRequested: false};
		this.ports.set(key, port);
		const domain = this.store.read(`${be}/domain`) ?? `domain ${domid}`;
		this.store.write(`${be}/state`, String(XenbusState.InitWait));
		this.log.emit(this.source, 'xvm.xfc.attach', `${domain}: vfc ${devid} attach, calling xennpivd to create ${spec.vpwwn}`, {domain, domid, devid, vpwwn: spec.vpwwn, ppwwn: spec.ppwwn});
		this.sim.schedule(
			this.timing.doorMs,
			() => {
				this.daemon.createPort({domid, devid, domain, spec}).then(op => {
					if (this.ports.get(key) !== port) return;
					if (!op.succeeded) {
						port.state = 'failed';
						this.log.emit(this.source, 'xvm.xfc.error', `${domain}: vfc ${devid}: ${op.error}`, {domain, domid, devid, vpwwn: spec.vpwwn, error: op.error!});
						if (this.store.exists(be)) this.store.writeMany(be, {'hotplug-error': op.error!, 'hotplug-status': 'error', state: XenbusState.Closed});
						return;
					}
					port.state = 'attached';
					if (!this.store.exists(be)) {
						this.detach(key, be, port, domid);
						return;
					}
					this.store.writeMany(be, {'hotplug-status': 'connected', state: XenbusState.Connected});
					this.log.emit(this.source, 'xvm.xfc.connected', `${domain}: vfc ${devid} connected (${spec.vpwwn})`, {domain, domid, devid, vpwwn: spec.vpwwn});
					if (port.detachRequested) this.detach(key, be, port, domid);
				});
			},
			'xfc door create',
		);
	}

	/** Seed 7.3 delete steps 2, 3 and 5. */
	private detach(key: string, be: string, port: XfcPort, domid: number): void {
		port.state = 'detaching';
		const domain = this.store.read(`${be}/domain`) ?? `domain ${domid}`;
		this.log.emit(this.source, 'xvm.xfc.detach', `${domain}: vfc detach, calling xennpivd to delete ${port.spec.vpwwn}`, {domain, domid, vpwwn: port.spec.vpwwn});
		this.sim.schedule(
			this.timing.doorMs,
			() => {
				this.daemon.deletePort(port.spec).then(op => {
					if (!op.succeeded) {
						this.log.emit(this.source, 'xvm.xfc.error', `${domain}: ${op.error}`, {domain, domid, vpwwn: port.spec.vpwwn, error: op.error!});
						if (this.store.exists(be)) this.store.write(`${be}/hotplug-error`, op.error!);
					}
					port.state = 'closed';
					this.ports.delete(key);
					if (this.store.exists(be)) this.store.write(`${be}/state`, String(XenbusState.Closed));
				});
			},
			'xfc door delete',
		);
	}
}

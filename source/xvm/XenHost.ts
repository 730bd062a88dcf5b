/**
 * One Xen host: dom0 with its CPUs and memory, its FC stack (an HbaApi), and the xVM pieces that
 * run in it: xenstored, xend, the block/net backends, xfc, xennpivd. Guest kernels are simulated
 * by GuestFrontends.
 */
import type {Simulator} from '../sim/Simulator.js';
import type {EventLog} from '../sim/EventLog.js';
import type {Prng} from '../sim/Prng.js';
import type {HbaApi} from '../hbaapi/types.js';
import type {HbaApiLive} from '../hbaapi/HbaLibrary.js';
import type {XenHostLive} from './XenLive.js';
import {XenStore} from './XenStore.js';
import {DeviceController} from './DeviceController.js';
import {BlockBackend} from './BlockBackend.js';
import {GuestFrontends} from './GuestFrontends.js';
import {NpivDaemon} from './NpivDaemon.js';
import {Xfc} from './Xfc.js';
import {Xend, type NpivRegistry} from './Xend.js';
import {XenDomain} from './XenDomain.js';
import type {DomainSpec} from './DomainSpec.js';
import type {XenTiming} from './XenTiming.js';

export interface XenHostOptions {
	readonly name: string;
	readonly cpus: number;
	readonly memoryMiB: number;
	/** dom0's own memory; default 1/8 of the host, between 512 and 2048 MiB. */
	readonly dom0MemoryMiB?: number;
	readonly hba: HbaApi & Partial<HbaApiLive>;
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly prng: Prng;
	readonly timing: XenTiming;
	readonly registry: NpivRegistry;
}

export class XenHost {
	readonly name: string;
	readonly cpus: number;
	readonly memoryMiB: number;
	readonly hba: HbaApi & Partial<HbaApiLive>;
	readonly store: XenStore;
	readonly devices: DeviceController;
	readonly backends: BlockBackend;
	readonly guests: GuestFrontends;
	readonly daemon: NpivDaemon;
	readonly xfc: Xfc;
	readonly xend: Xend;
	readonly dom0: XenDomain;
	/** Sim time xend started (Domain-0 uptime). */
	bootTime: number;

	constructor(o: XenHostOptions) {
		this.name = o.name;
		this.cpus = o.cpus;
		this.memoryMiB = o.memoryMiB;
		this.hba = o.hba;
		this.bootTime = o.sim.now;
		const dom0Mem = o.dom0MemoryMiB ?? Math.max(512, Math.min(2048, Math.floor(o.memoryMiB / 8)));
		const dom0Spec: DomainSpec = {
			name: 'Domain-0',
			memoryMiB: dom0Mem,
			maxmemMiB: dom0Mem,
			vcpus: o.cpus,
			disk: [],
			vif: [],
			npiv: [],
			onPoweroff: 'destroy',
			onReboot: 'restart',
			onCrash: 'restart',
		};
		this.dom0 = new XenDomain(dom0Spec, '00000000-0000-0000-0000-000000000000', false, 'running', true);
		this.dom0.domid = 0;
		this.dom0.resetAccounting(o.sim.now);
		this.dom0.markScheduled(o.sim.now, false);

		this.store = new XenStore(o.sim, o.log, `xenstore@${o.name}`, o.timing.watchMs);
		this.devices = new DeviceController(this.store, o.sim, o.log, o.timing, `xend@${o.name}`);
		this.backends = new BlockBackend(this.store, o.sim, o.timing);
		this.daemon = new NpivDaemon(o.hba, o.sim, o.log, o.timing, `xennpivd@${o.name}`);
		this.xfc = new Xfc(this.store, o.sim, o.log, o.timing, this.daemon, `xfc@${o.name}`);
		let xend: Xend | undefined;
		this.guests = new GuestFrontends(this.store, o.sim, o.timing, {
			domainById: domid => xend?.domainById(domid),
			guestShutdown: (dom, reason) => xend?.guestShutdown(dom, reason),
		});
		xend = new Xend({
			hostName: o.name,
			totalMemoryMiB: o.memoryMiB,
			dom0: this.dom0,
			sim: o.sim,
			log: o.log,
			prng: o.prng,
			timing: o.timing,
			store: this.store,
			devices: this.devices,
			guests: this.guests,
			daemon: this.daemon,
			registry: o.registry,
		});
		this.xend = xend;
	}

	/** What the store keeps of this host's Xen side (see XenLive). */
	saveLive(): XenHostLive {
		if (!this.hba.saveLive) throw new Error(`xen host ${this.name}: its HBA-API cannot save its state`);
		return {
			name: this.name,
			bootTime: this.bootTime,
			dom0: this.dom0.saveLive(),
			xend: this.xend.saveLive(),
			store: this.store.saveLive(),
			backends: this.backends.saveLive(),
			guests: this.guests.saveLive(),
			xfc: this.xfc.saveLive(),
			daemon: this.daemon.saveLive(),
			library: this.hba.saveLive(),
		};
	}

	/** Puts a saved state back into a host just built from the same configuration. */
	restoreLive(live: XenHostLive): void {
		if (live.name !== this.name) throw new Error(`saved Xen state of ${live.name} given to ${this.name}`);
		if (!this.hba.restoreLive) throw new Error(`xen host ${this.name}: its HBA-API cannot restore its state`);
		this.store.restoreLive(live.store);
		this.bootTime = live.bootTime;
		this.dom0.restoreLive(live.dom0);
		this.xend.restoreLive(live.xend);
		this.hba.restoreLive(live.library);
		this.daemon.restoreLive(live.daemon);
		this.backends.restoreLive(live.backends);
		this.guests.restoreLive(live.guests);
		this.xfc.restoreLive(live.xfc);
		this.store.checkWatchesRestored();
	}
}

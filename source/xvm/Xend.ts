/**
 * xend on one dom0: the domain lifecycle (create, new/start/delete, shutdown, reboot, destroy,
 * pause, suspend/resume, save/restore, rename, memory and VCPUs), device creation through the
 * device controllers, and the "xvm utilities" xennpivd runs to attach and detach LUNs. Errors that
 * xm shows come out as XendError with xend's wording.
 */
import type {Simulator} from '../sim/Simulator.js';
import type {EventLog} from '../sim/EventLog.js';
import type {Prng} from '../sim/Prng.js';
import type {Wwn} from '../sim/Wwn.js';
import type {XenStore} from './XenStore.js';
import type {XenTiming} from './XenTiming.js';
import type {NpivDaemon, LunAttacher, NpivLun} from './NpivDaemon.js';
import type {GuestFrontends} from './GuestFrontends.js';
import {DeviceController, backendPath, type DeviceRef} from './DeviceController.js';
import {XenDomain, type ShutdownReason} from './XenDomain.js';
import {makeDomainSpec, parseVif, type DomainSpec} from './DomainSpec.js';
import type {NpivSpec} from './NpivSpec.js';
import {formatConfigText, domainSpecFromConfig, parseConfigText} from './DomainConfigText.js';
import type {PowerState} from './DomainState.js';
import {XenOp, allOps} from './XenOp.js';
import {blockDeviceNumber, xvdName} from './Xenbus.js';
import type {XendLive} from './XenLive.js';
import {domainVerbRefusal, type DomainVerb} from './DomainVerbRefusal.js';

/** An error xend raises. `invalidDomain` is xend's ERROR_INVALID_DOMAIN fault (xm exit code 3). */
export class XendError extends Error {
	constructor(
		message: string,
		readonly invalidDomain = false,
	) {
		super(message);
	}
}

/** Who, anywhere in the lab, has a virtual port WWN in their configuration. */
export interface NpivRegistry {
	owner(vpwwn: Wwn): {readonly host: string; readonly domain: string} | undefined;
	/** Hosts whose xennpivd still holds a virtual port with this WWN (created, not yet deleted). */
	heldBy(vpwwn: Wwn): string[];
}

export interface XendParts {
	readonly hostName: string;
	readonly totalMemoryMiB: number;
	readonly dom0: XenDomain;
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly prng: Prng;
	readonly timing: XenTiming;
	readonly store: XenStore;
	readonly devices: DeviceController;
	readonly guests: GuestFrontends;
	readonly daemon: NpivDaemon;
	readonly registry: NpivRegistry;
}

interface InstantiateOptions {
	readonly paused: boolean;
	/** Create the virtual FC ports now (false for a migration destination: delayed binding). */
	readonly withVfc: boolean;
	readonly cpuSeconds?: number;
	/** On failure remove the domain object even if managed (a migration destination). */
	readonly removeOnFailure?: boolean;
	/** Extra simulated time before the build (reading a saved image). */
	readonly loadMs?: number;
}

export const IMAGE_SIGNATURE = 'LinuxGuestRecord';

export class Xend implements LunAttacher {
	readonly source: string;
	private doms: XenDomain[] = [];
	private nextDomid = 1;
	private listeners = new Set<() => void>();
	/** Per domain uuid: the MAC of each vif without mac=, kept across restarts. */
	private macs = new Map<string, string[]>();

	constructor(private readonly p: XendParts) {
		this.source = `xend@${p.hostName}`;
		p.daemon.setAttacher(this);
		this.writeDom0();
	}

	get hostName(): string {
		return this.p.hostName;
	}

	saveLive(): XendLive {
		if (this.doms.some(d => d.migrationRole)) throw new Error(`xend@${this.hostName} has a migration in progress: its state cannot be saved`);
		return {domains: this.doms.map(d => d.saveLive()), nextDomid: this.nextDomid, macs: [...this.macs]};
	}

	restoreLive(live: XendLive): void {
		this.doms = live.domains.map(d => XenDomain.fromLive(d));
		this.nextDomid = live.nextDomid;
		this.macs = new Map(live.macs.map(([uuid, list]) => [uuid, [...list]]));
		this.listeners.clear();
	}

	/** Domain-0 first, then guests in definition order. */
	domains(): XenDomain[] {
		return [this.p.dom0, ...this.doms];
	}

	guests(): readonly XenDomain[] {
		return this.doms;
	}

	/** xend's domain_lookup_nr: by name, then by domid. */
	lookup(ref: string): XenDomain | undefined {
		const all = this.domains();
		const byName = all.find(d => d.name === ref);
		if (byName) return byName;
		if (/^\d+$/.test(ref)) return all.find(d => d.domid === Number(ref));
		return undefined;
	}

	require(ref: string): XenDomain {
		const d = this.lookup(ref);
		if (!d) throw new XendError(ref, true);
		return d;
	}

	domainById(domid: number): XenDomain | undefined {
		return this.domains().find(d => d.domid === domid);
	}

	freeMemoryMiB(): number {
		let used = this.p.dom0.spec.memoryMiB;
		for (const d of this.doms) if (d.active) used += d.spec.memoryMiB;
		return this.p.totalMemoryMiB - used;
	}

	/** Settles when `pred` holds after some lifecycle change (or at once). */
	waitFor(pred: () => boolean): XenOp {
		const op = new XenOp();
		if (pred()) {
			op.resolve();
			return op;
		}
		const l = (): void => {
			if (pred()) {
				this.listeners.delete(l);
				op.resolve();
			}
		};
		this.listeners.add(l);
		return op;
	}

	// ---- lifecycle ------------------------------------------------------------------------

	/** xm create: build and start an unmanaged domain. */
	create(spec: DomainSpec, opts: {paused?: boolean} = {}): XenOp<XenDomain> {
		this.checkNewName(spec.name);
		this.checkNpivOwners(spec.name, spec.npiv);
		const dom = new XenDomain(spec, this.newUuid(), false, 'halted');
		this.doms.push(dom);
		const op = new XenOp<XenDomain>();
		this.instantiate(dom, {paused: opts.paused ?? false, withVfc: true, removeOnFailure: true}).forward(op, () => dom);
		return op;
	}

	/** xm new: register a managed domain without starting it. */
	define(spec: DomainSpec, state: 'halted' | 'suspended' = 'halted'): XenDomain {
		this.checkNewName(spec.name);
		this.checkNpivOwners(spec.name, spec.npiv);
		const dom = new XenDomain(spec, this.newUuid(), true, state);
		this.doms.push(dom);
		this.p.log.emit(this.source, 'xvm.domain.define', `${spec.name} defined (managed, ${state})`, {domain: spec.name, host: this.hostName});
		this.changed();
		return dom;
	}

	/** xm start. */
	start(dom: XenDomain, opts: {paused?: boolean} = {}): XenOp {
		this.refusePrivileged(dom, 'start');
		if (dom.power !== 'halted') throw new XendError('Domain is already running');
		this.checkNpivOwners(dom.spec.name, dom.spec.npiv);
		return this.instantiate(dom, {paused: opts.paused ?? false, withVfc: true});
	}

	/** xm delete. */
	deleteDomain(dom: XenDomain): void {
		if (dom.power !== 'halted') throw new XendError('Domain is not halted.');
		this.remove(dom);
		this.p.log.emit(this.source, 'xvm.domain.delete', `${dom.name} deleted`, {domain: dom.name, host: this.hostName});
	}

	/** xm destroy: settles when the domain is gone (or halted, if managed). */
	destroy(dom: XenDomain): XenOp {
		refuse('destroy', dom);
		if (!dom.active) return XenOp.done();
		return this.teardownAndFinish(dom, 'dying');
	}

	/** xm shutdown / reboot: asks the guest; settles when it has gone (or restarted). */
	shutdown(dom: XenDomain, reason: 'poweroff' | 'reboot' | 'halt'): XenOp {
		refuse(reason === 'reboot' ? 'reboot' : 'shutdown', dom);
		const domid = dom.domid!;
		const restarts = dom.restartCount;
		dom.shutdownRequested = reason;
		this.p.store.write(`/local/domain/${domid}/control/shutdown`, reason);
		this.stateChanged(dom, dom.power);
		if (reason === 'reboot') return this.waitFor(() => dom.restartCount !== restarts || !this.doms.includes(dom) || dom.power === 'halted');
		return this.waitFor(() => dom.domid !== domid);
	}

	pause(dom: XenDomain): void {
		refuse('pause', dom);
		if (dom.power === 'running') this.pauseNow(dom);
	}

	unpause(dom: XenDomain): void {
		refuse('unpause', dom);
		if (dom.power === 'paused') this.unpauseNow(dom, false);
	}

	/** xm suspend (managed domains): save to xend's own file and tear down. */
	suspend(dom: XenDomain): XenOp {
		refuse('suspend', dom);
		const op = new XenOp();
		this.saveImage(dom).then(() => {
			const cpu = dom.cpuTime(this.p.sim.now);
			this.teardown(dom, 'shutdown').then(() => {
				dom.resetAccounting(this.p.sim.now, cpu);
				dom.startTime = undefined;
				this.setPower(dom, 'suspended');
				op.resolve();
			});
		});
		return op;
	}

	/** xm resume (managed domains). */
	resume(dom: XenDomain, opts: {paused?: boolean} = {}): XenOp {
		refuse('resume', dom);
		const cpu = dom.cpuTime(this.p.sim.now);
		const op = new XenOp();
		this.instantiate(dom, {paused: opts.paused ?? false, withVfc: true, cpuSeconds: cpu, loadMs: this.imageMs(dom)}).then(r => {
			if (r.succeeded) return op.resolve();
			if (dom.power === 'halted' && this.doms.includes(dom)) {
				dom.resetAccounting(this.p.sim.now, cpu);
				this.setPower(dom, 'suspended');
			}
			op.fail(`Error occurred when resuming: ${r.error}`);
		});
		return op;
	}

	/** xm save: the image text (the caller writes the file); the domain goes unless `checkpoint`. */
	save(dom: XenDomain, checkpoint: boolean): XenOp<string> {
		if (dom.privileged) throw new XendError(`Cannot save privileged domain ${dom.name}`);
		if (dom.power !== 'running' || dom.migrationRole) throw new XendError('Domain is not running');
		const op = new XenOp<string>();
		this.saveImage(dom).then(() => {
			const image = this.imageText(dom);
			if (checkpoint) {
				this.unpauseNow(dom, false);
				op.resolve(image);
				return;
			}
			this.teardownAndFinish(dom, 'shutdown').then(() => op.resolve(image));
		});
		return op;
	}

	/** xm restore. */
	restore(image: string, opts: {paused?: boolean} = {}): XenOp<XenDomain> {
		const {spec, cpuSeconds} = parseImage(image);
		const existing = this.lookup(spec.name);
		if (existing) {
			throw new XendError(`Domain '${spec.name}' already exists with ID '${existing.domid ?? ''}'`);
		}
		this.checkNpivOwners(spec.name, spec.npiv);
		const dom = new XenDomain(spec, this.newUuid(), false, 'halted');
		this.doms.push(dom);
		const op = new XenOp<XenDomain>();
		this.instantiate(dom, {paused: opts.paused ?? false, withVfc: true, cpuSeconds, removeOnFailure: true, loadMs: this.imageMs(dom)}).forward(op, () => dom);
		return op;
	}

	rename(dom: XenDomain, newName: string): void {
		if (dom.privileged) throw new XendError('Cannot rename privileged domain');
		if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
		const spec = makeDomainSpec({...specInput(dom.spec), name: newName});
		const other = this.lookup(newName);
		if (other && other !== dom) throw new XendError(`VM name '${newName}' already exists${other.domid !== undefined ? ` as domain ${other.domid}` : ''}`);
		const old = dom.name;
		dom.spec = spec;
		if (dom.domid !== undefined) {
			this.p.store.write(`/local/domain/${dom.domid}/name`, newName);
			this.p.store.write(`/vm/${dom.uuid}/name`, newName);
		}
		this.p.log.emit(this.source, 'xvm.domain.rename', `${old} renamed ${newName}`, {domain: newName, from: old, host: this.hostName});
		this.changed();
	}

	/** xm mem-set (MiB). */
	setMemory(dom: XenDomain, mib: number): void {
		if (!Number.isInteger(mib) || mib <= 0) throw new XendError('Invalid memory size');
		if (mib > dom.spec.maxmemMiB && !dom.privileged) throw new XendError('memory_dynamic_max must be less than or equal to memory_static_max');
		if (dom.active && !dom.privileged) {
			const grow = mib - dom.spec.memoryMiB;
			if (grow > this.freeMemoryMiB()) throw new XendError(notEnoughMemory(mib, this.freeMemoryMiB() + dom.spec.memoryMiB));
		}
		dom.spec = {...dom.spec, memoryMiB: mib, maxmemMiB: Math.max(dom.spec.maxmemMiB, mib)};
		if (dom.domid !== undefined) this.p.store.write(`/local/domain/${dom.domid}/memory/target`, String(mib * 1024));
		this.p.log.emit(this.source, 'xvm.domain.memory', `${dom.name}: memory target ${mib} MiB`, {domain: dom.name, memoryMiB: mib});
		this.changed();
	}

	/** xm vcpu-set. */
	setVcpus(dom: XenDomain, n: number): void {
		if (!Number.isInteger(n)) throw new XendError('Invalid argument.');
		if (n < 1) return;
		if (dom.active) {
			if (n > dom.spec.vcpus) throw new XendError('Cannot set vcpus greater than max vcpus on running domain');
			const now = this.p.sim.now;
			const scheduled = dom.scheduled;
			if (scheduled) dom.markDescheduled(now);
			dom.onlineVcpus = n;
			if (scheduled) dom.markScheduled(now, false);
			if (dom.domid !== undefined) for (let i = 0; i < dom.spec.vcpus; i++) this.p.store.write(`/local/domain/${dom.domid}/cpu/${i}/availability`, i < n ? 'online' : 'offline');
		} else {
			dom.spec = {...dom.spec, vcpus: n};
			dom.onlineVcpus = n;
		}
		this.p.log.emit(this.source, 'xvm.domain.vcpus', `${dom.name}: ${n} VCPUs online`, {domain: dom.name, vcpus: n});
		this.changed();
	}

	/** Fault injection: the guest crashes; on_crash decides what follows. */
	crash(dom: XenDomain): XenOp {
		if (dom.privileged || !dom.active || dom.power === 'dying' || dom.migrationRole) throw new XendError(`Domain '${dom.name}' is not started`);
		dom.markDescheduled(this.p.sim.now);
		this.setPower(dom, 'crashed');
		const action = dom.spec.onCrash;
		if (action === 'preserve') return XenOp.done();
		if (action === 'restart' || action === 'rename-restart' || action === 'coredump-restart') return this.restart(dom);
		return this.teardownAndFinish(dom, 'dying');
	}

	// ---- NPIV verbs -----------------------------------------------------------------------

	/** xm npiv-attach: adds the port to the configuration and, if the domain runs, creates it. */
	attachNpiv(dom: XenDomain, npiv: NpivSpec): XenOp {
		if (dom.privileged) throw new XendError('Cannot attach NPIV ports to privileged domain Domain-0');
		if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
		if (dom.spec.npiv.some(n => n.vpwwn === npiv.vpwwn)) throw new XendError(`NPIV port ${npiv.vpwwn} is already assigned to domain '${dom.name}'`);
		this.checkNpivOwners(dom.spec.name, [npiv]);
		dom.spec = {...dom.spec, npiv: [...dom.spec.npiv, npiv]};
		this.changed();
		if (!dom.active || dom.power === 'dying' || dom.power === 'shutdown') return XenOp.done();
		const devid = this.nextVfcDevid(dom);
		const ref = this.p.devices.createVfc(dom, devid, npiv);
		const op = new XenOp();
		this.p.devices.waitForDevices(dom, [ref]).then(w => {
			if (w.succeeded) return op.resolve();
			dom.spec = {...dom.spec, npiv: dom.spec.npiv.filter(n => n.vpwwn !== npiv.vpwwn)};
			this.changed();
			const done = (): void => op.fail(w.error!);
			if (dom.domid !== undefined) this.p.devices.destroyVfc(dom, devid).then(done);
			else done();
		});
		return op;
	}

	/** xm npiv-detach: deletes the port (seed 7.3 delete steps) and drops it from the configuration. */
	detachNpiv(dom: XenDomain, vpwwn: Wwn): XenOp {
		if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
		if (!dom.spec.npiv.some(n => n.vpwwn === vpwwn)) throw new XendError(`NPIV port ${vpwwn} is not assigned to domain '${dom.name}'`);
		const drop = (): void => {
			dom.spec = {...dom.spec, npiv: dom.spec.npiv.filter(n => n.vpwwn !== vpwwn)};
			this.changed();
		};
		const devid = dom.domid === undefined ? undefined : this.vfcDevidOf(dom, vpwwn);
		if (devid === undefined) {
			drop();
			return XenOp.done();
		}
		const op = new XenOp();
		this.p.devices.destroyVfc(dom, devid).then(() => {
			if (this.p.daemon.hasPort(vpwwn)) {
				// xennpivd could not delete it: the port stays, and so does the configuration entry.
				op.fail(`NPIV port ${vpwwn} could not be deleted; it is still logged in on ${this.hostName}`);
				return;
			}
			drop();
			op.resolve();
		});
		return op;
	}

	/** The vfc devid carrying `vpwwn` in an active domain. */
	vfcDevidOf(dom: XenDomain, vpwwn: Wwn): number | undefined {
		if (dom.domid === undefined) return undefined;
		return this.p.devices.devids('vfc', dom.domid).find(d => this.p.store.read(`${backendPath('vfc', dom.domid!, d)}/port-wwn`) === vpwwn);
	}

	// ---- LunAttacher (the xvm utilities xennpivd runs) ---------------------------------------

	attachLun(domid: number, lun: NpivLun): string | undefined {
		const dom = this.domainById(domid);
		if (!dom || dom.privileged || !dom.active || dom.power === 'dying' || (dom.power === 'shutdown' && !dom.migrationRole)) return undefined;
		const inUse = new Set<string>();
		for (const devid of this.p.devices.devids('vbd', domid)) {
			const dev = this.p.store.read(`${backendPath('vbd', domid, devid)}/dev`);
			if (dev) inUse.add(dev.replace(/:(disk|cdrom)$/, ''));
		}
		for (const d of dom.spec.disk) inUse.add(d.dev.replace(/:(disk|cdrom)$/, ''));
		let name = dom.lunNames.get(lun.key);
		if (name === undefined || inUse.has(name)) {
			const reserved = new Set([...dom.lunNames].filter(([k]) => k !== lun.key).map(([, v]) => v));
			for (let i = 0; ; i++) {
				const candidate = xvdName(i);
				if (!inUse.has(candidate) && !reserved.has(candidate)) {
					name = candidate;
					break;
				}
			}
		}
		const devid = blockDeviceNumber(name)!;
		dom.lunNames.set(lun.key, name);
		this.p.devices.createVbd(dom, devid, name, `phy:${lun.osDevice}`, 'w', {
			'npiv-port-wwn': lun.vpwwn,
			'target-port-wwn': lun.targetWwn,
			lun: String(lun.lun),
			'fcp-lun': lun.fcpLun.toString(16).padStart(16, '0'),
			luid: lun.luid,
		});
		return name;
	}

	detachLun(domid: number, lun: NpivLun): void {
		const dom = this.domainById(domid);
		if (!dom) return;
		const devid = this.lunDevid(dom, lun.key);
		if (devid !== undefined) this.p.devices.destroyDevice(dom, {cls: 'vbd', devid}, true);
	}

	/** The vbd devid of an attached LUN (by its key). */
	lunDevid(dom: XenDomain, key: string): number | undefined {
		if (dom.domid === undefined) return undefined;
		for (const devid of this.p.devices.devids('vbd', dom.domid)) {
			const be = backendPath('vbd', dom.domid, devid);
			const vp = this.p.store.read(`${be}/npiv-port-wwn`);
			if (!vp) continue;
			const k = `${vp}/${this.p.store.read(`${be}/target-port-wwn`)}/${this.p.store.read(`${be}/lun`)}`;
			if (k === key) return devid;
		}
		return undefined;
	}

	/** LUN block devices of an active domain: key, frontend name, devid, hotplug status. */
	lunDevices(dom: XenDomain): {key: string; vpwwn: Wwn; dev: string; devid: number; connected: boolean}[] {
		if (dom.domid === undefined) return [];
		const out = [];
		for (const devid of this.p.devices.devids('vbd', dom.domid)) {
			const be = backendPath('vbd', dom.domid, devid);
			const vp = this.p.store.read(`${be}/npiv-port-wwn`) as Wwn | undefined;
			if (!vp) continue;
			out.push({
				key: `${vp}/${this.p.store.read(`${be}/target-port-wwn`)}/${this.p.store.read(`${be}/lun`)}`,
				vpwwn: vp,
				dev: this.p.store.read(`${be}/dev`) ?? '',
				devid,
				connected: this.p.store.read(`${be}/hotplug-status`) === 'connected',
			});
		}
		return out;
	}

	// ---- building blocks (also used by Migration) ------------------------------------------

	/** Creates a new incarnation: domid, xenstore entries, devices; waits for hotplug; unpauses. */
	instantiate(dom: XenDomain, opts: InstantiateOptions): XenOp {
		const op = new XenOp();
		const free = this.freeMemoryMiB();
		if (free < dom.spec.memoryMiB) {
			if (opts.removeOnFailure || !dom.managed) this.remove(dom);
			op.fail(notEnoughMemory(dom.spec.memoryMiB, free));
			return op;
		}
		const domid = this.nextDomid++;
		dom.domid = domid;
		dom.shutdownRequested = undefined;
		dom.onlineVcpus = dom.spec.vcpus;
		dom.resetAccounting(this.p.sim.now, opts.cpuSeconds ?? 0);
		this.p.guests.attach(domid);
		this.writeDomainEntries(dom);
		this.setPower(dom, 'building');
		this.p.log.emit(this.source, 'xvm.domain.create', `${dom.name} created as domain ${domid}${opts.withVfc ? '' : ' (NPIV ports delayed)'}`, {
			domain: dom.name,
			domid,
			host: this.hostName,
			memoryMiB: dom.spec.memoryMiB,
			vcpus: dom.spec.vcpus,
		});
		this.p.sim.schedule(
			this.p.timing.buildMs + (opts.loadMs ?? 0),
			() => {
				if (dom.domid !== domid || dom.power !== 'building') return op.fail(`Domain '${dom.name}' was destroyed while being built`);
				const refs = this.createDevices(dom, opts.withVfc);
				this.p.devices.waitForDevices(dom, refs).then(w => {
					if (dom.domid !== domid) return op.fail(w.error ?? `Domain '${dom.name}' was destroyed while being built`);
					if (!w.succeeded) {
						this.p.log.emit(this.source, 'xvm.domain.create.failed', `${dom.name}: ${w.error}`, {domain: dom.name, domid, host: this.hostName, error: w.error!});
						this.teardown(dom, 'dying').then(() => {
							if (opts.removeOnFailure || !dom.managed) this.remove(dom);
							else this.setPower(dom, 'halted');
							op.fail(w.error!);
						});
						return;
					}
					if (opts.paused) this.setPower(dom, 'paused');
					else this.unpauseNow(dom, true);
					op.resolve();
				});
			},
			`build ${dom.name}`,
		);
		return op;
	}

	/** Devices of a new incarnation, in xend's order: vbd, vif, then vfc. */
	createDevices(dom: XenDomain, withVfc: boolean): DeviceRef[] {
		const refs: DeviceRef[] = [];
		for (const d of dom.spec.disk) {
			const dev = d.dev.replace(/:(disk|cdrom)$/, '');
			refs.push(this.p.devices.createVbd(dom, blockDeviceNumber(dev)!, d.dev, d.uname, d.mode));
		}
		const macs = this.macsOf(dom);
		dom.spec.vif.forEach((v, i) => {
			const params = parseVif(v);
			refs.push(this.p.devices.createVif(dom, i, params, params.get('mac') ?? macs[i]!));
		});
		if (withVfc) refs.push(...this.createVfcs(dom, dom.spec.npiv));
		return refs;
	}

	createVfcs(dom: XenDomain, npiv: readonly NpivSpec[]): DeviceRef[] {
		const refs: DeviceRef[] = [];
		for (const n of npiv) refs.push(this.p.devices.createVfc(dom, this.nextVfcDevid(dom), n));
		return refs;
	}

	/**
	 * Removes every device of the incarnation (LUN block devices first, then ordinary devices, then
	 * the virtual FC ports through xfc and xennpivd), then the domain's xenstore home and domid.
	 */
	teardown(dom: XenDomain, power: 'dying' | 'shutdown'): XenOp {
		const op = new XenOp();
		const domid = dom.domid;
		if (domid === undefined) {
			op.resolve();
			return op;
		}
		dom.markDescheduled(this.p.sim.now);
		this.setPower(dom, power);
		this.quiesceNpiv(dom).then(() => {
			for (const cls of ['vbd', 'vif'] as const) for (const devid of this.p.devices.devids(cls, domid)) this.p.devices.destroyDevice(dom, {cls, devid}, true);
			this.p.guests.detach(domid);
			this.p.store.rm(`/local/domain/${domid}`);
			this.p.store.rm(`/vm/${dom.uuid}`);
			for (const cls of ['vbd', 'vif', 'vfc']) this.p.store.rm(backendPath(cls as 'vbd', domid));
			dom.domid = undefined;
			this.p.log.emit(this.source, 'xvm.domain.destroy', `${dom.name} (domain ${domid}) destroyed`, {domain: dom.name, domid, host: this.hostName});
			this.changed();
			op.resolve();
		});
		return op;
	}

	/**
	 * Seed 002 / 7.3 t2 on a domain's NPIV side: detach its LUN block devices (I/O already stalled),
	 * then delete each virtual port through xfc and xennpivd (which log out from the targets and
	 * the fabric). Settles when every vfc backend is gone.
	 */
	quiesceNpiv(dom: XenDomain): XenOp {
		const domid = dom.domid;
		if (domid === undefined) return XenOp.done();
		for (const l of this.lunDevices(dom)) this.p.devices.destroyDevice(dom, {cls: 'vbd', devid: l.devid}, true);
		return allOps(this.p.devices.devids('vfc', domid).map(devid => this.p.devices.destroyVfc(dom, devid)));
	}

	pauseNow(dom: XenDomain): void {
		dom.markDescheduled(this.p.sim.now);
		this.setPower(dom, 'paused');
	}

	unpauseNow(dom: XenDomain, freshBoot: boolean): void {
		this.setPower(dom, 'running');
		dom.markScheduled(this.p.sim.now, freshBoot);
		if (dom.domid !== undefined) this.p.guests.kick(dom.domid);
	}

	setPower(dom: XenDomain, power: PowerState): void {
		this.stateChanged(dom, power);
	}

	/** Takes the domain object off this host (destroyed unmanaged domain, migrated away). */
	remove(dom: XenDomain): void {
		const i = this.doms.indexOf(dom);
		if (i >= 0) this.doms.splice(i, 1);
		this.changed();
	}

	/** Adopts a domain object built elsewhere (migration destination). */
	adopt(dom: XenDomain): void {
		this.doms.push(dom);
		this.changed();
	}

	nextVfcDevid(dom: XenDomain): number {
		const ids = dom.domid === undefined ? [] : this.p.devices.devids('vfc', dom.domid);
		return ids.length ? Math.max(...ids) + 1 : 0;
	}

	checkNewName(name: string): void {
		const other = this.lookup(name);
		if (other) throw new XendError(`VM name '${name}' already exists${other.domid !== undefined ? ` as domain ${other.domid}` : ''}`);
	}

	checkNpivOwners(domainName: string, npiv: readonly NpivSpec[]): void {
		for (const n of npiv) {
			const owner = this.p.registry.owner(n.vpwwn);
			if (owner && owner.domain !== domainName) {
				throw new XendError(`NPIV port ${n.vpwwn} is already assigned to domain '${owner.domain}' on ${owner.host}`);
			}
			const elsewhere = this.p.registry.heldBy(n.vpwwn).filter(h => h !== this.hostName);
			if (elsewhere.length) throw new XendError(`NPIV port ${n.vpwwn} is still logged in on ${elsewhere.join(', ')}`);
		}
	}

	newUuid(): string {
		const b = this.p.prng.bytes(16);
		b[6] = (b[6]! & 0x0f) | 0x40;
		b[8] = (b[8]! & 0x3f) | 0x80;
		const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
	}

	/** The guest stopped itself: xend applies on_poweroff / on_reboot (XendDomainInfo._maybeRestart). */
	guestShutdown(dom: XenDomain, reason: ShutdownReason): void {
		if (!dom.active || dom.migrationRole) return;
		dom.markDescheduled(this.p.sim.now);
		dom.shutdownRequested = reason;
		this.setPower(dom, 'shutdown');
		const action = reason === 'reboot' ? dom.spec.onReboot : dom.spec.onPoweroff;
		if (action === 'preserve') return;
		if (action === 'restart' || action === 'rename-restart' || action === 'coredump-restart') {
			this.restart(dom);
			return;
		}
		this.teardownAndFinish(dom, 'shutdown');
	}

	private restart(dom: XenDomain): XenOp {
		const op = new XenOp();
		this.teardown(dom, dom.power === 'crashed' ? 'dying' : 'shutdown').then(() => {
			dom.restartCount++;
			this.p.log.emit(this.source, 'xvm.domain.restart', `${dom.name} restarting`, {domain: dom.name, host: this.hostName});
			this.instantiate(dom, {paused: false, withVfc: true}).then(r => (r.succeeded ? op.resolve() : op.fail(r.error!)));
		});
		return op;
	}

	private teardownAndFinish(dom: XenDomain, power: 'dying' | 'shutdown'): XenOp {
		const op = new XenOp();
		this.teardown(dom, power).then(() => {
			dom.startTime = undefined;
			dom.resetAccounting(this.p.sim.now);
			dom.startTime = undefined;
			if (dom.managed) this.setPower(dom, 'halted');
			else {
				this.remove(dom);
				this.stateChanged(dom, 'halted');
			}
			op.resolve();
		});
		return op;
	}

	private saveImage(dom: XenDomain): XenOp {
		const op = new XenOp();
		this.pauseNow(dom);
		this.p.sim.schedule(this.imageMs(dom), () => op.resolve(), `save ${dom.name}`);
		return op;
	}

	private imageMs(dom: XenDomain): number {
		return Math.round((dom.spec.memoryMiB / this.p.timing.imageMiBps) * 1000);
	}

	private imageText(dom: XenDomain): string {
		return `${IMAGE_SIGNATURE}\n# cpu_time ${dom.cpuTime(this.p.sim.now).toFixed(3)}\n${formatConfigText(dom.spec)}`;
	}

	private macsOf(dom: XenDomain): string[] {
		let macs = this.macs.get(dom.uuid);
		if (!macs) {
			macs = [];
			this.macs.set(dom.uuid, macs);
		}
		while (macs.length < dom.spec.vif.length) {
			const b = this.p.prng.bytes(3);
			macs.push(`00:16:3e:${[(b[0]! & 0x7f), b[1]!, b[2]!].map(x => x.toString(16).padStart(2, '0')).join(':')}`);
		}
		return macs;
	}

	private stateChanged(dom: XenDomain, power: PowerState, from?: {vm: string; power: PowerState}): void {
		const fromVm = from?.vm ?? dom.vmState;
		const fromPower = from?.power ?? dom.power;
		dom.power = power;
		const toVm = dom.vmState;
		if (fromVm !== toVm || fromPower !== power) {
			const what = fromVm !== toVm ? `${fromVm} -> ${toVm}` : `${toVm}, ${fromPower} -> ${power}`;
			this.p.log.emit(this.source, 'xvm.domain.state', `${dom.name}: ${what} (${dom.flags})`, {
				domain: dom.name,
				host: this.hostName,
				domid: dom.domid ?? null,
				from: fromVm,
				to: toVm,
				power,
				flags: dom.flags,
			});
		}
		this.changed();
	}

	/**
	 * A migration is over for this incarnation: it leaves the migrating state for `power`
	 * (running resumes scheduling). One state event from `migrating`.
	 */
	endMigration(dom: XenDomain, power: PowerState): void {
		const from = {vm: dom.vmState, power: dom.power};
		dom.migrationRole = undefined;
		dom.shutdownRequested = undefined;
		if (dom.domid !== undefined) this.p.store.write(`/local/domain/${dom.domid}/name`, dom.name);
		if (power === 'running' && dom.power !== 'running') {
			dom.markScheduled(this.p.sim.now, false);
			this.stateChanged(dom, power, from);
			if (dom.domid !== undefined) this.p.guests.kick(dom.domid);
			return;
		}
		this.stateChanged(dom, power, from);
	}

	private changed(): void {
		for (const l of [...this.listeners]) l();
	}

	private writeDom0(): void {
		const d = this.p.dom0;
		this.p.store.writeMany('/local/domain/0', {name: 'Domain-0', domid: 0, vm: `/vm/${d.uuid}`, 'memory/target': d.spec.memoryMiB * 1024});
	}

	private writeDomainEntries(dom: XenDomain): void {
		const domid = dom.domid!;
		const cpus: Record<string, string> = {};
		for (let i = 0; i < dom.spec.vcpus; i++) cpus[`cpu/${i}/availability`] = 'online';
		this.p.store.writeMany(`/vm/${dom.uuid}`, {
			uuid: dom.uuid,
			name: dom.name,
			memory: dom.spec.memoryMiB,
			maxmem: dom.spec.maxmemMiB,
			vcpus: dom.spec.vcpus,
			on_poweroff: dom.spec.onPoweroff,
			on_reboot: dom.spec.onReboot,
			on_crash: dom.spec.onCrash,
			start_time: (this.p.sim.now / 1000).toFixed(2),
		});
		this.p.store.writeMany(`/local/domain/${domid}`, {
			name: dom.name,
			domid,
			vm: `/vm/${dom.uuid}`,
			'memory/target': dom.spec.memoryMiB * 1024,
			...cpus,
		});
	}

	private refusePrivileged(dom: XenDomain, verb: string): void {
		if (dom.privileged) throw new XendError(`Cannot ${verb} privileged domain ${dom.name}`);
	}
}

export function notEnoughMemory(needMiB: number, haveMiB: number): string {
	return `Not enough free memory and enable-dom0-ballooning is False, so I cannot release any more.  I need ${needMiB * 1024} KiB but only have ${Math.max(0, haveMiB) * 1024}.`;
}

function specInput(spec: DomainSpec): Parameters<typeof makeDomainSpec>[0] {
	return {
		name: spec.name,
		memoryMiB: spec.memoryMiB,
		maxmemMiB: spec.maxmemMiB,
		vcpus: spec.vcpus,
		disk: spec.disk.map(d => [d.uname, d.dev, d.mode, ...(d.backend ? [d.backend] : [])].join(',')),
		vif: spec.vif,
		npiv: spec.npiv.map(n => `${n.vpwwn}:${n.vnwwn}:${n.autoattach ? 1 : 0}:${n.ppwwn}`),
		onPoweroff: spec.onPoweroff,
		onReboot: spec.onReboot,
		onCrash: spec.onCrash,
		...(spec.kernel !== undefined ? {kernel: spec.kernel} : {}),
		...(spec.ramdisk !== undefined ? {ramdisk: spec.ramdisk} : {}),
		...(spec.extra !== undefined ? {extra: spec.extra} : {}),
		...(spec.root !== undefined ? {root: spec.root} : {}),
		...(spec.builder !== undefined ? {builder: spec.builder} : {}),
		...(spec.bootloader !== undefined ? {bootloader: spec.bootloader} : {}),
	};
}

/** Reads an image `save` wrote: signature, CPU time, configuration. */
export function parseImage(text: string): {spec: DomainSpec; cpuSeconds: number} {
	const lines = text.split('\n');
	if (lines[0] !== IMAGE_SIGNATURE) throw new XendError('not a valid guest state file: signature not found');
	const cpu = /^# cpu_time ([0-9.]+)$/.exec(lines[1] ?? '');
	const spec = domainSpecFromConfig(parseConfigText(lines.slice(cpu ? 2 : 1).join('\n'), 'checkpoint'), []);
	return {spec, cpuSeconds: cpu ? Number(cpu[1]) : 0};
}

/** Throws xend's refusal of a verb on the domain, if it has one. */
function refuse(verb: DomainVerb, dom: XenDomain): void {
	const refusal = domainVerbRefusal(verb, dom);
	if (refusal !== undefined) throw new XendError(refusal);
}

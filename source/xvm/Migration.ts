/**
 * Live migration with delayed binding (seed 000 section 7.3, seed 002, seed 004 section 2.2).
 *
 *   step 1  t0     checkpoint on the source; the description goes to the destination, which maps
 *                  each NPIV port's physical port to one of its own on the same fabric
 *   step 2         the NPIV ports and their block devices are saved in a temporary list
 *   step 3  t0-t1  the destination creates the domain paused with its ordinary devices
 *   step 4  t1-t2  memory pages are copied (live: pre-copy rounds while the source runs, then the
 *                  source is suspended for the last round); at t2 the source quiesces I/O (stall,
 *                  drain, detach the LUNs, delete the virtual ports: LOGO from targets and fabric)
 *   step 5  t2-t3  the destination creates the virtual ports and their block devices from the list
 *   step 6  t3-t4  the destination waits until every device is connected, LUNs included
 *   step 7  t4     the destination unpauses the domain; the source incarnation is destroyed
 *
 * The source incarnation stays suspended (`migrating-<name>`, `---s--`) from t2 until t4 so that a
 * failure can roll back: the destination domain is destroyed first (its virtual ports deleted),
 * then the source re-creates its virtual ports, gets its LUNs back and runs again. So a WWN is
 * never created on two hosts at once and the domain never runs in two places.
 */
import type {Simulator, SimTime, Timer} from '../sim/Simulator.js';
import type {EventLog} from '../sim/EventLog.js';
import type {Wwn} from '../sim/Wwn.js';
import {HBA_STATUS} from '../hbaapi/types.js';
import type {XenHost} from './XenHost.js';
import {XenDomain} from './XenDomain.js';
import type {NpivSpec} from './NpivSpec.js';
import type {XenTiming} from './XenTiming.js';
import {XenOp} from './XenOp.js';
import {backendPath} from './DeviceController.js';

export type MigrationPhase = 't0' | 't0-t1' | 't1-t2' | 't2' | 't2-t3' | 't3-t4' | 't4' | 'done' | 'rollback' | 'failed';

export interface MigrationMark {
	readonly phase: MigrationPhase;
	readonly step: number;
	readonly t: SimTime;
	readonly note: string;
}

export interface MigrationRound {
	readonly round: number;
	readonly sentMiB: number;
	readonly ms: number;
	readonly sourceRunning: boolean;
}

export interface MigrationEnv {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly timing: XenTiming;
	/** The fabric a port WWN is logged into (any host's port), or undefined. */
	fabricOf(wwpn: Wwn): string | undefined;
	/** Guest memory dirtying rate during pre-copy, MiB/s. */
	dirtyRateMiBps(domain: string): number;
	/** Hosts whose xennpivd holds a virtual port with this WWN. */
	heldBy(vpwwn: Wwn): string[];
}

const STEP_TEXT: Record<number, string> = {
	1: 'checkpoint and description transfer',
	2: 'saving the NPIV port list',
	3: 'destination creates the paused domain and its ordinary devices',
	4: 'memory transfer and source I/O quiesce',
	5: 'destination creates the virtual ports and their block devices',
	6: 'destination waits for every device',
	7: 'destination starts the domain',
};

const PHASE_OF_STEP: Record<number, MigrationPhase> = {1: 't0', 2: 't0', 3: 't0-t1', 4: 't1-t2', 5: 't2-t3', 6: 't3-t4', 7: 't4'};

let nextMigrationId = 1;

export class Migration {
	readonly id = nextMigrationId++;
	readonly domain: string;
	readonly startedAt: SimTime;
	finishedAt: SimTime | undefined;
	phase: MigrationPhase = 't0';
	private prog = 0;
	/** The memory round in flight, for a progress value that moves during a long round. */
	private inFlight: {start: SimTime; ms: number; sentBefore: number; mib: number; estimate: number} | undefined;
	error: string | undefined;
	failedStep: number | undefined;
	readonly timeline: MigrationMark[] = [];
	readonly rounds: MigrationRound[] = [];
	/** Settles when the migration has ended (failure after the rollback). */
	readonly op = new XenOp();

	private dest: XenDomain | undefined;
	private destNpiv: NpivSpec[] = [];
	/** Step 2's temporary list: LUN keys and their frontend names. */
	private savedLuns = new Map<string, string>();
	private quiesced = false;
	private sourceSuspended = false;

	constructor(
		private readonly env: MigrationEnv,
		readonly src: XenDomain,
		readonly source: XenHost,
		readonly destination: XenHost,
		readonly live: boolean,
	) {
		this.domain = src.spec.name;
		this.startedAt = env.sim.now;
	}

	get running(): boolean {
		return !this.op.done;
	}

	/** 0..1 for a progress bar (with `phase` as its label); 1 when ended, failed or not. */
	get progress(): number {
		const f = this.inFlight;
		if (!f) return this.prog;
		const part = Math.min(1, Math.max(0, (this.env.sim.now - f.start) / f.ms));
		return 0.05 + 0.7 * Math.min(1, (f.sentBefore + f.mib * part) / f.estimate);
	}

	private set progress(value: number) {
		this.inFlight = undefined;
		this.prog = value;
	}

	/** Runs step 1 now; everything else in simulated time. */
	start(): this {
		const {src} = this;
		this.mark('t0', 1, `checkpoint of ${this.domain} on ${this.source.name}; description sent to ${this.destination.name}`);
		src.migrationRole = 'source';
		if (src.domid !== undefined) this.source.store.write(`/local/domain/${src.domid}/name`, src.name);
		this.source.xend.setPower(src, src.power);
		const mapped = this.mapNpiv();
		if (typeof mapped === 'string') {
			this.fail(1, mapped);
			return this;
		}
		this.destNpiv = mapped;
		this.env.sim.schedule(this.env.timing.checkpointMs, () => this.saveList(), 'migrate checkpoint');
		return this;
	}

	private saveList(): void {
		this.captureLuns();
		this.mark('t0', 2, `saved ${this.src.spec.npiv.length} NPIV port(s) and ${this.savedLuns.size} LUN device(s)`);
		this.env.log.emit(this.sourceName(), 'xvm.migrate.savelist', `${this.domain}: NPIV list ${this.src.spec.npiv.map(n => n.vpwwn).join(', ') || '(none)'}`, {
			domain: this.domain,
			ports: this.src.spec.npiv.map(n => n.vpwwn),
			luns: [...this.savedLuns].map(([k, v]) => `${v}=${k}`),
		});
		this.createDestination();
	}

	private createDestination(): void {
		const xend = this.destination.xend;
		if (xend.lookup(this.domain)) {
			const other = xend.lookup(this.domain)!;
			return this.fail(3, `Domain '${this.domain}' already exists with ID '${other.domid ?? ''}' on ${this.destination.name}`);
		}
		const spec = {...this.src.spec, npiv: this.destNpiv};
		const dom = new XenDomain(spec, this.src.uuid, this.src.managed, 'halted');
		dom.migrationRole = 'destination';
		for (const [k, v] of this.src.lunNames) dom.lunNames.set(k, v);
		this.dest = dom;
		xend.adopt(dom);
		this.mark('t0-t1', 3, `${this.destination.name} creates ${this.domain} paused with its ordinary devices`);
		xend.instantiate(dom, {paused: true, withVfc: false, removeOnFailure: true}).then(r => {
			if (!r.succeeded) {
				this.dest = undefined;
				return this.fail(3, r.error!);
			}
			this.progress = 0.05;
			this.transferMemory();
		});
	}

	private transferMemory(): void {
		const t = this.env.timing;
		const bw = (t.migrationMbps * 1e6) / 8 / 1048576; // MiB/s
		const mem = this.src.spec.memoryMiB;
		const dirtyRate = this.env.dirtyRateMiBps(this.domain);
		const minRemaining = (t.minRemainingPages * t.pageKiB) / 1024;
		const estimate = mem / Math.max(0.05, 1 - Math.min(0.95, dirtyRate / bw));
		let toSend = mem;
		let sent = 0;
		this.mark('t1-t2', 4, `copying ${mem} MiB at ${t.migrationMbps} Mb/s${this.live ? ', live' : ''}`);
		if (!this.live) this.suspendSource();
		const round = (): void => {
			const ms = Math.max(1, Math.round((toSend / bw) * 1000));
			const running = !this.sourceSuspended;
			this.inFlight = {start: this.env.sim.now, ms, sentBefore: sent, mib: toSend, estimate};
			this.env.sim.schedule(
				ms,
				() => {
					if (this.op.done) return;
					sent += toSend;
					const r: MigrationRound = {round: this.rounds.length + 1, sentMiB: round2(toSend), ms, sourceRunning: running};
					this.rounds.push(r);
					this.progress = 0.05 + 0.7 * Math.min(1, sent / estimate);
					this.env.log.emit(this.sourceName(), 'xvm.migrate.round', `${this.domain}: round ${r.round} sent ${r.sentMiB} MiB in ${ms} ms${running ? '' : ' (stop-and-copy)'}`, {
						domain: this.domain,
						round: r.round,
						sentMiB: r.sentMiB,
						ms,
						live: running,
					});
					if (!running) return this.quiesceSource();
					const dirty = Math.min(mem, (dirtyRate * ms) / 1000);
					const last = dirty <= minRemaining || this.rounds.length >= t.maxIters || sent + dirty > t.maxFactor * mem;
					toSend = dirty;
					if (last) this.suspendSource();
					round();
				},
				'migrate round',
			);
		};
		round();
	}

	private suspendSource(): void {
		const {src} = this;
		this.sourceSuspended = true;
		src.markDescheduled(this.env.sim.now);
		src.shutdownRequested = 'suspend';
		this.source.xend.setPower(src, 'shutdown');
	}

	/** t2 on the source: stall new I/O, drain what is in flight, log out (seed 002). */
	private quiesceSource(): void {
		this.captureLuns();
		this.mark('t2', 4, `memory copied; ${this.source.name} quiesces I/O of ${this.domain}`);
		this.env.log.emit(this.sourceName(), 'xvm.migrate.quiesce', `${this.domain}: new I/O stalled`, {domain: this.domain, step: 'stall'});
		this.env.sim.schedule(
			this.env.timing.drainMs,
			() => {
				this.env.log.emit(this.sourceName(), 'xvm.migrate.quiesce', `${this.domain}: in-flight I/O drained; logging out from targets and fabric`, {domain: this.domain, step: 'drain'});
				this.source.xend.quiesceNpiv(this.src).then(() => {
					this.quiesced = true;
					const left = this.src.spec.npiv.filter(n => this.source.daemon.hasPort(n.vpwwn));
					if (left.length) return this.fail(4, `${this.source.name} could not delete NPIV port ${left.map(n => n.vpwwn).join(', ')}`);
					this.env.log.emit(this.sourceName(), 'xvm.migrate.quiesce', `${this.domain}: virtual ports logged out and deleted on ${this.source.name}`, {
						domain: this.domain,
						step: 'logout',
						ports: this.src.spec.npiv.map(n => n.vpwwn),
					});
					this.progress = 0.8;
					this.restoreNpiv();
				});
			},
			'migrate drain',
		);
	}

	private restoreNpiv(): void {
		const dest = this.dest!;
		this.mark('t2-t3', 5, `${this.destination.name} creates ${this.destNpiv.length} virtual port(s) for ${this.domain}`);
		for (const [k, v] of this.savedLuns) dest.lunNames.set(k, v);
		const held = this.destNpiv.filter(n => this.env.heldBy(n.vpwwn).some(h => h !== this.destination.name));
		if (held.length) return this.fail(5, `NPIV port ${held.map(n => n.vpwwn).join(', ')} is still logged in on ${[...new Set(held.flatMap(n => this.env.heldBy(n.vpwwn)))].join(', ')}`);
		const refs = this.destination.xend.createVfcs(dest, this.destNpiv);
		this.destination.devices.waitForDevices(dest, refs).then(r => {
			if (this.op.done) return;
			if (!r.succeeded) return this.fail(5, r.error!);
			this.progress = 0.85;
			this.waitDevices();
		});
	}

	private waitDevices(): void {
		const dest = this.dest!;
		const host = this.destination;
		const want = [...this.savedLuns.keys()].filter(k => this.destNpiv.some(n => n.autoattach && k.startsWith(`${n.vpwwn}/`)));
		this.mark('t3-t4', 6, `${host.name} waits for ${want.length} LUN device(s) and every other device of ${this.domain}`);
		const ready = (): string[] => {
			const have = new Map(host.xend.lunDevices(dest).map(l => [l.key, l.connected]));
			return want.filter(k => !have.get(k));
		};
		let timer: Timer | undefined;
		const watch = host.store.watch(backendPath('vbd', dest.domid!), `migrate-wait-${this.id}`, () => check());
		const done = (missing: string[]): void => {
			host.store.unwatch(watch);
			this.env.sim.cancel(timer);
			if (this.op.done) return;
			if (missing.length === 0) return this.startDestination();
			const names = missing.map(k => `${this.savedLuns.get(k)} (${describeLunKey(k)})`);
			const ports = [...new Set(missing.map(k => k.split('/')[0]))];
			this.fail(6, `${names.join(', ')} did not appear on ${host.name} within ${this.env.timing.migrationDeviceTimeoutMs / 1000} s; check zoning and LUN masking for ${ports.join(', ')}`);
		};
		const check = (): void => {
			if (this.op.done) return;
			const missing = ready();
			this.progress = 0.85 + 0.14 * (want.length ? (want.length - missing.length) / want.length : 1);
			if (missing.length === 0) done([]);
		};
		timer = this.env.sim.schedule(this.env.timing.migrationDeviceTimeoutMs, () => done(ready()), 'migrate device timeout');
	}

	private startDestination(): void {
		const dest = this.dest!;
		this.mark('t4', 7, `${this.domain} unpaused on ${this.destination.name}`);
		this.destination.xend.endMigration(dest, 'running');
		const src = this.src;
		this.source.xend.endMigration(src, src.power);
		this.source.xend.teardown(src, 'shutdown').then(() => {
			this.source.xend.remove(src);
			this.source.xend.setPower(src, 'halted');
			this.phase = 'done';
			this.progress = 1;
			this.finishedAt = this.env.sim.now;
			this.env.log.emit(this.sourceName(), 'xvm.migrate.done', `${this.domain} migrated from ${this.source.name} to ${this.destination.name} in ${((this.finishedAt - this.startedAt) / 1000).toFixed(1)} s`, {
				domain: this.domain,
				from: this.source.name,
				to: this.destination.name,
				ms: this.finishedAt - this.startedAt,
			});
			this.op.resolve();
		});
	}

	/** Aborts at `step`: destination destroyed first, then the source gets its ports back and runs. */
	private fail(step: number, why: string): void {
		if (this.phase === 'rollback' || this.op.done) return;
		this.failedStep = step;
		const phase = PHASE_OF_STEP[step] ?? 't0';
		this.error = `Migration of ${this.domain} to ${this.destination.name} failed at step ${step} (${phase}, ${STEP_TEXT[step]}): ${why}`;
		this.env.log.emit(this.sourceName(), 'xvm.migrate.failed', this.error, {domain: this.domain, step, phase, reason: why, from: this.source.name, to: this.destination.name});
		this.mark('rollback', step, `rolling back: ${this.domain} returns to ${this.source.name}`);
		const dest = this.dest;
		const afterDest = (): void => {
			if (dest) this.destination.xend.remove(dest);
			this.resumeSource();
		};
		if (dest && dest.active) this.destination.xend.teardown(dest, 'dying').then(afterDest);
		else afterDest();
	}

	private resumeSource(): void {
		const {src} = this;
		const resume = (): void => {
			this.source.xend.endMigration(src, 'running');
			this.phase = 'failed';
			this.progress = 1;
			this.finishedAt = this.env.sim.now;
			this.error += `; ${this.domain} is running on ${this.source.name}`;
			this.op.fail(this.error!);
		};
		if (!this.quiesced || src.domid === undefined) return resume();
		// The source logged out at t2: its virtual ports log in again and its LUNs come back,
		// except a port the destination failed to delete (it must not exist twice).
		for (const [k, v] of this.savedLuns) src.lunNames.set(k, v);
		const stuck = src.spec.npiv.filter(n => this.env.heldBy(n.vpwwn).some(h => h !== this.source.name));
		if (stuck.length) {
			this.env.log.emit(this.sourceName(), 'xvm.migrate.rollback', `${this.domain}: ${stuck.map(n => n.vpwwn).join(', ')} still on ${this.destination.name}; not re-created`, {
				domain: this.domain,
				ports: stuck.map(n => n.vpwwn),
			});
		}
		const refs = this.source.xend.createVfcs(src, src.spec.npiv.filter(n => !stuck.includes(n)));
		this.source.devices.waitForDevices(src, refs).then(r => {
			if (!r.succeeded) {
				this.env.log.emit(this.sourceName(), 'xvm.migrate.rollback', `${this.domain}: ${r.error}`, {domain: this.domain, error: r.error!});
				return resume();
			}
			const want = [...this.savedLuns.keys()];
			const missing = (): boolean => {
				const have = new Map(this.source.xend.lunDevices(src).map(l => [l.key, l.connected]));
				return want.some(k => !have.get(k));
			};
			if (!missing()) return resume();
			let finished = false;
			const finish = (): void => {
				if (finished) return;
				finished = true;
				this.source.store.unwatch(watch);
				this.env.sim.cancel(timer);
				this.env.log.emit(this.sourceName(), 'xvm.migrate.rollback', `${this.domain}: virtual ports back on ${this.source.name}${missing() ? ' (some LUNs still missing)' : ''}`, {domain: this.domain});
				resume();
			};
			const watch = this.source.store.watch(backendPath('vbd', src.domid!), `migrate-rollback-${this.id}`, () => {
				if (!missing()) finish();
			});
			const timer = this.env.sim.schedule(this.env.timing.migrationDeviceTimeoutMs, finish, 'migrate rollback timeout');
		});
	}

	/** The destination's NPIV entries: each physical port replaced by a destination port on the same fabric. */
	private mapNpiv(): NpivSpec[] | string {
		const out: NpivSpec[] = [];
		for (const n of this.src.spec.npiv) {
			const fabric = this.env.fabricOf(n.ppwwn);
			const ports = physicalPorts(this.destination);
			if (this.destination === this.source && ports.some(p => p.wwpn === n.ppwwn)) {
				out.push(n);
				continue;
			}
			if (fabric === undefined) return `NPIV port ${n.vpwwn}: physical port ${n.ppwwn} on ${this.source.name} is not logged in to a fabric, so no destination port can be matched`;
			const same = ports.filter(p => this.env.fabricOf(p.wwpn) === fabric);
			if (same.length === 0) return `NPIV port ${n.vpwwn}: ${this.destination.name} has no physical port on fabric ${fabric} (the fabric of ${n.ppwwn})`;
			const pick = same.find(p => p.freeVports > 0) ?? same[0]!;
			out.push({...n, ppwwn: pick.wwpn});
		}
		return out;
	}

	private captureLuns(): void {
		for (const l of this.source.xend.lunDevices(this.src)) this.savedLuns.set(l.key, l.dev);
	}

	private mark(phase: MigrationPhase, step: number, note: string): void {
		this.phase = phase;
		const m: MigrationMark = {phase, step, t: this.env.sim.now, note};
		this.timeline.push(m);
		this.env.log.emit(this.sourceName(), 'xvm.migrate.phase', `${this.domain} ${phase} (step ${step}): ${note}`, {
			domain: this.domain,
			phase,
			step,
			from: this.source.name,
			to: this.destination.name,
			progress: Math.round(this.progress * 100) / 100,
		});
	}

	private sourceName(): string {
		return `xend@${this.source.name}`;
	}
}

export interface PhysicalPortInfo {
	readonly wwpn: Wwn;
	readonly freeVports: number;
	readonly maxVports: number;
}

/** The host's physical FC ports as the HBA-API lists them, with free NPIV slots. */
export function physicalPorts(host: XenHost): PhysicalPortInfo[] {
	const api = host.hba;
	const out: PhysicalPortInfo[] = [];
	const n = api.HBA_GetNumberOfAdapters();
	for (let i = 0; i < n; i++) {
		const name = api.HBA_GetAdapterName(i);
		if (name.status !== HBA_STATUS.OK) continue;
		const h = api.HBA_OpenAdapter(name.value);
		if (h === 0) continue;
		const attrs = api.HBA_GetAdapterAttributes(h);
		const ports = attrs.status === HBA_STATUS.OK ? attrs.value.NumberOfPorts : 0;
		for (let p = 0; p < ports; p++) {
			const pa = api.HBA_GetAdapterPortAttributes(h, p);
			if (pa.status !== HBA_STATUS.OK) continue;
			const npiv = api.Sun_HBA_GetPortNPIVAttributes(h, p);
			const max = npiv.status === HBA_STATUS.OK ? npiv.value.MaxNumberOfNPIVPorts : 0;
			const used = npiv.status === HBA_STATUS.OK ? npiv.value.NumberOfNPIVPorts : 0;
			out.push({wwpn: pa.value.PortWWN, maxVports: max, freeVports: Math.max(0, max - used)});
		}
		api.HBA_CloseAdapter(h);
	}
	return out;
}

function describeLunKey(key: string): string {
	const [vp, target, lun] = key.split('/');
	return `LUN ${lun} of target ${target} via ${vp}`;
}

function round2(x: number): number {
	return Math.round(x * 100) / 100;
}

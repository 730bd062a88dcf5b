/**
 * One fp instance: the port driver of a physical FC port or of one virtual port (seed 4.1: the
 * FCA:fp relationship is 1:N). Each instance logs in on its own (FLOGI, or FDISC through the FCA),
 * registers with the name server, sends SCR, discovers its own remote ports and LUNs, and handles
 * the RSCNs addressed to its own N_Port_ID (seed 2.5.5: every virtual port reconfigures).
 *
 * Work runs as a chain of simulator steps, one at a time per instance: login, registration, then
 * a discovery job that does one unit per step (a name-server query, or one remote port's
 * PLOGI/PRLI/REPORT LUNS with INQUIRY per new LUN) and schedules the next after the time that unit
 * took (Timing). RSCNs that arrive while a job runs are queued and picked up when it drains.
 */
import {DeviceType, Sense, type ScsiCommand, type ScsiReply, type SenseData} from '../fabric/Fcp.js';
import {Fc4Feature, Fc4Type, type LoginAccept, type NPortLink, type Rscn} from '../fabric/NPort.js';
import {FsRjtExplanation, FsRjtReason} from '../fabric/ElsCodes.js';
import type {EventLog} from '../sim/EventLog.js';
import {asFcId, formatFcId, WellKnown, type FcId} from '../sim/FcId.js';
import type {Simulator, Timer} from '../sim/Simulator.js';
import type {Wwn} from '../sim/Wwn.js';
import {CompactMap} from './CompactMap.js';
import type {DeviceNamespace} from './DeviceNamespace.js';
import type {FcaPort} from './FcaPort.js';
import {LunPath, RemotePort} from './RemotePort.js';
import {EC_SUNFC, rscnPageWord, type Sysevent, type SyseventSubclass} from './Sysevent.js';
import {DIRECT_RETRIES, REPORT_LUNS_RETRIES, Timing} from './Timing.js';
import type {FcPortView, FpState, LunPathView} from './Views.js';

/** What an fp instance needs from its host's stack. */
export interface FpHost {
	readonly name: string;
	/** Puts the host's saved state back if it is still waiting (a restored host is rebuilt when first touched). */
	materialize(): void;
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly names: DeviceNamespace;
	/** Someone keeps sysevents (the log records, or a subscriber listens): else raise() may skip building them. */
	readonly syseventsWanted: boolean;
	raise(event: Sysevent): void;
}

export type SyseventExtras = Pick<Sysevent, 'affectedPages' | 'targetPortWwn' | 'lun' | 'devicePath'>;

const P2P_LOW_ID = 0x010101 as FcId;
const P2P_HIGH_ID = 0x010102 as FcId;

export interface FpLiveState {
	readonly state: FpState;
	readonly fcid: FcId | undefined;
	readonly lastLoginError: string | undefined;
	readonly lastChange: number;
	readonly rscnCount: number;
	readonly directRetries: number;
}

interface Candidate {
	readonly wwpn: Wwn;
	readonly fcid: FcId;
	/** PLOGI/PRLI again even if logged in (a fabric-detected RSCN named it). */
	readonly relogin: boolean;
}

interface PassCounters {
	added: number;
	removed: number;
	lunsAdded: number;
	lunsRemoved: number;
}

export class FpPort implements FcPortView {
	readonly instance: number;
	readonly controller: number;
	state: FpState = 'offline';
	fcid: FcId | undefined;
	lastLoginError: string | undefined;
	lastChange = 0;
	rscnCount = 0;

	private readonly remotes = new CompactMap<Wwn, RemotePort>();
	private readonly byId = new CompactMap<FcId, RemotePort>();
	private remoteList: RemotePort[] | undefined;
	private step: Timer | undefined;
	private expiry: Timer | undefined;
	private pendingFull = false;
	// Discovery work, allocated while there is some: 100,000 idle ports keep no empty maps.
	private pendingPages: Map<FcId, 'validate' | 'rescan'> | undefined;
	private queue: CompactMap<Wwn, Candidate> | undefined;
	private pass: PassCounters | undefined;
	/** Loop walks left before a silent member is given up on (reset at each login). */
	private directRetries = DIRECT_RETRIES;

	constructor(
		private readonly stack: FpHost,
		readonly fca: FcaPort,
		readonly wwpn: Wwn,
		readonly wwnn: Wwn,
		readonly vportIndex: number,
		readonly devfsPath: string,
	) {
		const {instance, controller} = stack.names.attachFp(devfsPath);
		this.instance = instance;
		this.controller = controller;
	}

	// Made when asked (fcinfo, events), not kept: 100,000 instances would keep two strings each.
	get name(): string {
		return `fp${this.instance}`;
	}

	/** `<host>/fp<N>`: the source of this instance's events. */
	get label(): string {
		return `${this.stack.name}/fp${this.instance}`;
	}

	get host(): string {
		return this.stack.name;
	}

	get virtual(): boolean {
		return this.vportIndex !== 0;
	}

	get osDeviceName(): string {
		return `/dev/cfg/c${this.controller}`;
	}

	get physicalWwpn(): Wwn {
		return this.fca.wwpn;
	}

	get topology(): FcPortView['topology'] {
		return this.fca.topology;
	}

	get speedGbps(): number {
		return this.state === 'online' ? this.fca.speedGbps : 0;
	}

	get fabricName(): Wwn | undefined {
		return this.state === 'online' ? this.fca.fabricName : undefined;
	}

	get symbolicNodeName(): string {
		return this.fca.symbolicNodeName;
	}

	get symbolicPortName(): string {
		return this.devfsPath;
	}

	get remotePorts(): readonly RemotePort[] {
		return (this.remoteList ??= this.remotes.values());
	}

	lunPaths(): LunPathView[] {
		const out: LunPathView[] = [];
		for (const r of this.remotePorts) out.push(...r.luns);
		return out;
	}

	remotePort(wwpn: Wwn): RemotePort | undefined {
		return this.remotes.get(wwpn);
	}

	/** Fabric, public loop: a name server exists. Private loop, point-to-point: none. */
	private get usesNameServer(): boolean {
		const t = this.fca.topology;
		return t === 'fabric' || t === 'public-loop';
	}

	// ---- live state ----------------------------------------------------------------------------

	/** What the store keeps of this instance; only while no work is pending. */
	liveState(): FpLiveState {
		if (this.step || this.expiry || this.queue || this.pendingPages || this.pendingFull || this.pass) {
			throw new Error(`${this.label} has discovery work pending: its state cannot be saved`);
		}
		return {state: this.state, fcid: this.fcid, lastLoginError: this.lastLoginError, lastChange: this.lastChange, rscnCount: this.rscnCount, directRetries: this.directRetries};
	}

	/** Puts saved state back (restore): login, counters and the remote port table, in its order. */
	restoreLive(state: FpLiveState, remotes: readonly RemotePort[]): void {
		this.state = state.state;
		this.fcid = state.fcid;
		this.lastLoginError = state.lastLoginError;
		this.lastChange = state.lastChange;
		this.rscnCount = state.rscnCount;
		this.directRetries = state.directRetries;
		for (const r of remotes) {
			this.remotes.set(r.wwpn, r);
			this.byId.set(r.fcid, r);
		}
		this.remoteList = undefined;
		if (this.fcid !== undefined) this.fca.registerFcid(this);
	}

	// ---- login ---------------------------------------------------------------------------------

	/** Schedules this instance's FLOGI (physical) or FDISC (virtual, through the FCA). */
	scheduleLogin(delay: number): void {
		this.cancelStep();
		this.step = this.stack.sim.schedule(delay, () => {
			this.step = undefined;
			this.login();
		}, 'fp login');
	}

	private login(): void {
		if (!this.fca.link || this.state === 'deleting') return;
		this.state = 'login';
		const result = this.virtual ? this.fca.bindVport(this.wwpn, this.wwnn, false) : this.fca.flogi();
		if (result.ok) this.loggedIn(result.accept);
		else this.loginFailed(result.message);
	}

	/** The FLOGI/FDISC was accepted: take the N_Port_ID and register with the name server next. */
	loggedIn(accept: LoginAccept): void {
		this.state = 'login';
		this.fcid = accept.fcid;
		this.lastLoginError = undefined;
		this.directRetries = DIRECT_RETRIES;
		this.fca.registerFcid(this);
		const els = this.virtual ? 'FDISC' : 'FLOGI';
		if (this.stack.log.recording) this.stack.log.emit(this.label, 'driver.login', `${els} accepted: ${this.wwpn} is ${formatFcId(accept.fcid)}`, {
			els,
			ok: true,
			wwpn: this.wwpn,
			fcid: formatFcId(accept.fcid),
			physical: this.fca.wwpn,
		});
		this.cancelStep();
		this.step = this.stack.sim.schedule(Timing.login, () => {
			this.step = undefined;
			this.register();
		}, 'fp register');
	}

	private loginFailed(message: string): void {
		this.state = 'failed';
		this.lastLoginError = message;
		const els = this.virtual ? 'FDISC' : 'FLOGI';
		this.stack.log.emit(this.label, 'driver.login', `${els} failed for ${this.wwpn}: ${message}`, {
			els,
			ok: false,
			wwpn: this.wwpn,
			reason: message,
			physical: this.fca.wwpn,
		});
	}

	/** PLOGI to the name server, RNN_ID, RSNN_NN, RSPN_ID, RFT_ID (FCP), RFF_ID (initiator), SCR. */
	private register(): void {
		const link = this.fca.link;
		const sid = this.fcid;
		if (!link || sid === undefined) return;
		if (this.usesNameServer) {
			link.plogi(sid, WellKnown.nameServer);
			const ns = link.nameServer(sid);
			ns.rnnId(this.wwnn);
			ns.rsnnNn(this.wwnn, this.symbolicNodeName);
			ns.rspnId(this.symbolicPortName);
			ns.rftId([Fc4Type.fcp]);
			ns.rffId(Fc4Type.fcp, Fc4Feature.initiator);
			link.scr(sid, 'full');
			this.fca.stats.exchange(7);
		}
		this.state = 'online';
		this.raise('port_online');
		if (!this.virtual) this.fca.physicalOnline();
		this.pendingFull = true;
		this.kick(Timing.registration);
	}

	// ---- state changes from the link --------------------------------------------------------------

	/**
	 * Link lost or logged out: the N_Port_ID is gone. Remote ports and LUNs stay, offline, for
	 * Timing.offlineTimeout (fcp_offline_delay); a rediscovery within that window brings them back.
	 */
	goOffline(reason: string): void {
		this.cancelStep();
		this.queue = undefined;
		this.pendingPages = undefined;
		this.pendingFull = false;
		this.pass = undefined;
		if (this.fcid !== undefined) {
			this.fca.unregisterFcid(this.fcid);
			this.fcid = undefined;
		}
		const wasOnline = this.state === 'online';
		if (this.state !== 'deleting') this.state = 'offline';
		this.lastLoginError = reason;
		for (const r of this.remotePorts) {
			r.state = 'offline';
			r.loggedIn = false;
			for (const l of r.luns) l.state = 'offline';
		}
		if (this.remotes.size > 0 && !this.expiry) {
			this.expiry = this.stack.sim.schedule(Timing.offlineTimeout, () => this.expire(), 'fp offline timeout');
		}
		if (wasOnline) this.raise('port_offline');
	}

	private expire(): void {
		this.expiry = undefined;
		for (const r of this.remotes.values()) if (r.state === 'offline') this.removeRemote(r);
	}

	onRscn(rscn: Rscn): void {
		this.rscnCount = (this.rscnCount + 1) % 0x1_0000_0000 || 1; // fp skips 0
		if (this.stack.syseventsWanted) this.raise('port_rscn', {affectedPages: rscn.pages.map(rscnPageWord)});
		if (this.state !== 'online') return;
		for (const page of rscn.pages) {
			if (page.format !== 'port' || !this.usesNameServer) {
				this.pendingFull = true;
			} else if (page.affected !== this.fcid) {
				const kind = rscn.detectedBy === 'nport' ? 'rescan' : 'validate';
				const pages = (this.pendingPages ??= new Map());
				if (pages.get(page.affected) !== 'validate') pages.set(page.affected, kind);
			}
		}
		this.kick(Timing.rscnHold);
	}

	/**
	 * Virtual port delete: LOGO the remote ports, clear SCR, DA_ID, LOGO to FFFFFE (reference 11),
	 * then drop every remote port and LUN and detach.
	 */
	detach(): void {
		const link = this.fca.link;
		const sid = this.fcid;
		const wasOnline = this.state === 'online';
		this.state = 'deleting';
		this.cancelStep();
		this.stack.sim.cancel(this.expiry);
		this.expiry = undefined;
		this.queue = undefined;
		this.pendingPages = undefined;
		this.pendingFull = false;
		if (link && sid !== undefined) {
			for (const r of this.remotePorts) if (r.loggedIn) link.logoPort(sid, r.fcid);
			if (this.usesNameServer) {
				link.scr(sid, 'clear');
				link.nameServer(sid).daId();
			}
			link.logo(sid);
			this.fca.stats.exchange(3);
			this.fca.unregisterFcid(sid);
			this.fcid = undefined;
		}
		for (const r of this.remotes.values()) this.removeRemote(r);
		if (wasOnline) this.raise('port_offline');
		this.raise('port_detach');
	}

	// ---- discovery job ----------------------------------------------------------------------------

	private kick(delay: number): void {
		if (this.step || this.state !== 'online') return;
		this.step = this.stack.sim.schedule(delay, this.runJob, 'fp discovery');
	}

	/**
	 * One unit of discovery work now, then the next unit after the time this one took. A pass ends
	 * (and is logged) when a unit leaves nothing queued; an RSCN after that starts a new one.
	 */
	private readonly runJob = (): void => {
		this.step = undefined;
		if (this.state !== 'online' || !this.fca.link || this.fcid === undefined) return;
		let cost: number;
		const candidate = this.takeCandidate();
		if (candidate) {
			cost = this.processCandidate(candidate);
		} else if (this.pendingFull) {
			this.pendingFull = false;
			this.pendingPages = undefined;
			this.fullDiscovery();
			cost = Timing.nameServerQuery;
		} else if (this.pendingPages) {
			const pages = [...this.pendingPages];
			this.pendingPages = undefined;
			this.validatePages(pages);
			cost = Timing.nameServerQuery;
		} else {
			this.finishPass();
			return;
		}
		if (!this.queue && !this.pendingFull && !this.pendingPages) this.finishPass();
		else this.step = this.stack.sim.schedule(cost, this.runJob, 'fp discovery');
	};

	/** The counters of the discovery pass in progress (a pass ends when the job drains). */
	private startPass(): PassCounters {
		return (this.pass ??= {added: 0, removed: 0, lunsAdded: 0, lunsRemoved: 0});
	}

	private finishPass(): void {
		const pass = this.pass;
		this.pass = undefined;
		if (!pass || !this.stack.log.recording) return;
		let targets = 0;
		let luns = 0;
		for (const r of this.remotePorts) {
			if (r.target) targets++;
			luns += r.luns.length;
		}
		this.stack.log.emit(
			this.label,
			'driver.discovery',
			`discovery done on ${this.wwpn}: ${targets} target(s), ${luns} LUN(s)` +
				` (+${pass.added}/-${pass.removed} ports, +${pass.lunsAdded}/-${pass.lunsRemoved} LUNs)`,
			{wwpn: this.wwpn, targets, luns, added: pass.added, removed: pass.removed, lunsAdded: pass.lunsAdded, lunsRemoved: pass.lunsRemoved},
		);
	}

	private takeCandidate(): Candidate | undefined {
		const queue = this.queue;
		if (!queue) return undefined;
		const c = queue.first()!;
		queue.delete(c.wwpn);
		if (queue.size === 0) this.queue = undefined;
		return c;
	}

	private enqueue(wwpn: Wwn, fcid: FcId, relogin: boolean): void {
		const queue = (this.queue ??= new CompactMap());
		const prev = queue.get(wwpn);
		queue.set(wwpn, {wwpn, fcid, relogin: relogin || (prev?.relogin ?? false)});
		this.startPass();
	}

	/** GPN_FT (FCP) on a fabric; PLOGI to each AL_PA on a private loop or the peer on point-to-point. */
	private fullDiscovery(): void {
		const link = this.fca.link!;
		const sid = this.fcid!;
		const found = new CompactMap<Wwn, FcId>();
		this.startPass();
		if (this.usesNameServer) {
			const reply = link.nameServer(sid).gpnFt(Fc4Type.fcp);
			this.fca.stats.exchange();
			if (reply.ok) {
				for (const e of reply.value) if (e.fcid !== sid) found.set(e.wwpn, e.fcid);
			} else if (!(reply.reason === FsRjtReason.unableToPerform && reply.explanation === FsRjtExplanation.fc4TypesNotRegistered)) {
				// Any other reject: the name server is not answering; keep the table until it does.
				this.stack.log.emit(this.label, 'driver.discovery', `GPN_FT rejected (${reply.reason}/${reply.explanation}); remote ports kept`, {
					wwpn: this.wwpn,
					reason: reply.reason,
					explanation: reply.explanation,
				});
				return;
			}
			// FS_RJT 09/07: no FCP port is zoned with us: an empty list.
		} else {
			let silent = 0;
			for (const id of this.directPeers(link, sid)) {
				const p = link.plogi(sid, id);
				this.fca.stats.exchange();
				if (p.accepted) found.set(p.wwpn, id);
				else silent++;
			}
			if (silent > 0 && this.directRetries > 0) {
				this.directRetries--;
				this.stack.sim.schedule(Timing.directRetry, () => this.retryDirect(), 'fp loop retry');
			}
		}
		for (const r of this.remotes.values()) if (!found.has(r.wwpn)) this.removeRemote(r);
		found.forEach((id, wwpn) => this.enqueue(wwpn, id, false));
		// Every remaining remote port is about to be logged in again or dropped.
		this.stack.sim.cancel(this.expiry);
		this.expiry = undefined;
	}

	private retryDirect(): void {
		if (this.state !== 'online') return;
		this.pendingFull = true;
		this.kick(0);
	}

	/**
	 * Who to PLOGI without a name server: the other AL_PAs of a loop; on a point-to-point link the
	 * peer, which took the other of the two fixed N_Port_IDs (010101/010102, higher WWPN 010102).
	 */
	private directPeers(link: NPortLink, sid: FcId): FcId[] {
		const members = link.loopMembers().filter(id => id !== sid);
		if (members.length > 0 || link.topology !== 'point-to-point') return members;
		if (sid === P2P_LOW_ID) return [P2P_HIGH_ID];
		if (sid === P2P_HIGH_ID) return [P2P_LOW_ID];
		return [];
	}

	/** Port-format RSCN pages: GPN_ID each; an N_Port-detected page about a known target rescans it. */
	private validatePages(pages: readonly (readonly [FcId, 'validate' | 'rescan'])[]): void {
		const link = this.fca.link!;
		const sid = this.fcid!;
		const ns = link.nameServer(sid);
		for (const [id, kind] of pages) {
			const known = this.byId.get(id);
			if (kind === 'rescan' && known) {
				this.enqueue(known.wwpn, id, false);
				continue;
			}
			const reply = ns.gpnId(id);
			this.fca.stats.exchange();
			if (!reply.ok) {
				if (known) this.removeRemote(known);
				continue;
			}
			if (known && known.wwpn !== reply.value) this.removeRemote(known);
			this.enqueue(reply.value, id, true);
		}
	}

	/** PLOGI, PRLI, name-server details, then the LUN scan of a target. Returns the time it took. */
	private processCandidate(c: Candidate): number {
		const link = this.fca.link!;
		const sid = this.fcid!;
		let r = this.remotes.get(c.wwpn);
		if (r && r.fcid !== c.fcid) {
			if (this.byId.get(r.fcid) === r) this.byId.delete(r.fcid);
			r.fcid = c.fcid;
			this.byId.set(c.fcid, r);
			r.loggedIn = false;
		}
		if (!r || c.relogin || !r.loggedIn) {
			const plogi = link.plogi(sid, c.fcid);
			this.fca.stats.exchange();
			if (!plogi.accepted || plogi.wwpn !== c.wwpn) {
				if (r) this.removeRemote(r);
				return Timing.targetLogin;
			}
			const prli = link.prli(sid, c.fcid);
			this.fca.stats.exchange();
			const isNew = !r;
			r ??= new RemotePort(c.wwpn, plogi.wwnn, c.fcid);
			r.wwnn = plogi.wwnn;
			r.target = prli.accepted && prli.target;
			r.initiator = prli.accepted && prli.initiator;
			r.loggedIn = true;
			this.describe(r, link, sid);
			if (isNew) this.addRemote(r);
		}
		r.state = 'online';
		if (!r.target) {
			for (const l of [...r.luns]) this.removeLun(r, l);
			return Timing.targetLogin;
		}
		return Timing.targetLogin + this.scanLuns(r, link, sid);
	}

	/** Symbolic names and FC-4 types from the name server object (GA_NXT from the ID below). */
	private describe(r: RemotePort, link: NPortLink, sid: FcId): void {
		if (!this.usesNameServer) {
			r.fc4Types = r.target || r.initiator ? [Fc4Type.fcp] : [];
			return;
		}
		const ns = link.nameServer(sid);
		const obj = ns.gaNxt(asFcId((r.fcid - 1) & 0xffffff));
		this.fca.stats.exchange();
		if (obj.ok && obj.value.fcid === r.fcid) {
			r.fc4Types = obj.value.fc4Types;
			r.symbolicPortName = obj.value.symbolicPortName;
			r.symbolicNodeName = obj.value.symbolicNodeName;
			return;
		}
		const types = ns.gftId(r.fcid);
		this.fca.stats.exchange();
		r.fc4Types = types.ok ? types.value : [];
	}

	private scanLuns(r: RemotePort, link: NPortLink, sid: FcId): number {
		const reported = this.reportLuns(r, link, sid);
		if (reported === undefined) return 0; // no answer: keep what we have
		const now = reported.length > 16 ? new Set(reported) : undefined;
		for (const l of [...r.luns]) if (!(now ? now.has(l.lun) : reported.includes(l.lun))) this.removeLun(r, l);
		let cost = 0;
		for (const lun of reported) {
			const existing = r.lunPath(lun);
			if (existing) {
				existing.state = 'online';
				continue;
			}
			cost += Timing.perLun;
			this.probeLun(r, lun, link, sid);
		}
		return cost;
	}

	/** REPORT LUNS; UNIT ATTENTION (REPORTED LUNS DATA HAS CHANGED) means ask again. */
	private reportLuns(r: RemotePort, link: NPortLink, sid: FcId): readonly number[] | undefined {
		let relogged = false;
		for (let attempt = 0; attempt <= REPORT_LUNS_RETRIES; attempt++) {
			const reply = link.scsi(sid, r.fcid, {op: 'report-luns'});
			this.fca.stats.exchange();
			if (reply.status === 'good' && 'luns' in reply) return reply.luns;
			if (reply.status === 'check-condition' && isUnitAttention(reply.sense)) continue;
			// The target lost our login (it went away and came back): log in again once.
			if (reply.status === 'no-connection' && !relogged && this.relogin(r, link, sid)) {
				relogged = true;
				continue;
			}
			return undefined;
		}
		return undefined;
	}

	private relogin(r: RemotePort, link: NPortLink, sid: FcId): boolean {
		const plogi = link.plogi(sid, r.fcid);
		this.fca.stats.exchange();
		if (!plogi.accepted) return false;
		const prli = link.prli(sid, r.fcid);
		this.fca.stats.exchange();
		return prli.accepted && prli.target;
	}

	private probeLun(r: RemotePort, lun: number, link: NPortLink, sid: FcId): void {
		const inq = link.scsi(sid, r.fcid, {op: 'inquiry', lun});
		this.fca.stats.exchange();
		if (inq.status !== 'good' || !('inquiry' in inq)) return;
		const d = inq.inquiry;
		if (d.peripheralQualifier !== 0) return; // not connected: no device node
		const path = this.stack.names.lunDevicePath(this.controller, r.wwpn, lun, d.deviceType);
		if (path === undefined) return;
		let capacity: {readonly blocks: bigint; readonly blockSize: number} | undefined;
		if (d.deviceType === DeviceType.disk || d.deviceType === DeviceType.cdrom || d.deviceType === DeviceType.optical) {
			const cap = link.scsi(sid, r.fcid, {op: 'read-capacity', lun});
			this.fca.stats.exchange();
			if (cap.status === 'good' && 'capacity' in cap) capacity = cap.capacity;
		}
		const lp = new LunPath(lun, r.wwpn, d, capacity, path);
		r.addLun(lp);
		this.startPass().lunsAdded++;
		this.raise('device_online', {targetPortWwn: r.wwpn, lun, devicePath: path});
	}

	private removeLun(r: RemotePort, l: LunPath): void {
		r.removeLun(l);
		if (this.pass) this.pass.lunsRemoved++;
		this.raise('device_offline', {targetPortWwn: r.wwpn, lun: l.lun, devicePath: l.osDeviceName});
	}

	private addRemote(r: RemotePort): void {
		this.remotes.set(r.wwpn, r);
		this.byId.set(r.fcid, r);
		this.remoteList = undefined;
		this.lastChange++;
		this.startPass().added++;
		this.raise('target_add', {targetPortWwn: r.wwpn});
	}

	private removeRemote(r: RemotePort): void {
		for (const l of [...r.luns]) this.removeLun(r, l);
		this.remotes.delete(r.wwpn);
		if (this.byId.get(r.fcid) === r) this.byId.delete(r.fcid);
		this.remoteList = undefined;
		this.lastChange++;
		if (this.pass) this.pass.removed++;
		this.raise('target_remove', {targetPortWwn: r.wwpn});
	}

	// ---- pass-through for the HBA-API --------------------------------------------------------------

	/** A SCSI command to a discovered port (HBA_ScsiReportLUNsV2 and friends). */
	scsiTo(remote: RemotePort, command: ScsiCommand): ScsiReply {
		const link = this.fca.link;
		if (!link || this.fcid === undefined || this.state !== 'online') return {status: 'no-connection'};
		this.fca.stats.exchange();
		return link.scsi(this.fcid, remote.fcid, command);
	}

	// ---- helpers -----------------------------------------------------------------------------------

	private cancelStep(): void {
		this.stack.sim.cancel(this.step);
		this.step = undefined;
	}

	raise(subclass: SyseventSubclass, extras?: SyseventExtras): void {
		if (!this.stack.syseventsWanted) return;
		this.stack.raise({
			class: EC_SUNFC,
			subclass,
			t: this.stack.sim.now,
			instance: this.instance,
			portWwn: this.wwpn,
			affectedPages: extras?.affectedPages,
			targetPortWwn: extras?.targetPortWwn,
			lun: extras?.lun,
			devicePath: extras?.devicePath,
		});
	}
}

function isUnitAttention(sense: SenseData): boolean {
	return sense.key === Sense.reportedLunsDataChanged.key && sense.asc === Sense.reportedLunsDataChanged.asc && sense.ascq === Sense.reportedLunsDataChanged.ascq;
}

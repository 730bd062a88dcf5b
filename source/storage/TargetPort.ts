import {Fc4Feature, Fc4Type} from '../fabric/NPort.js';
import type {CtReply, NameServerClient, NPortEndpoint, NPortLink, Rscn, RscnPage, ScrFunction, Topology} from '../fabric/NPort.js';
import {LsRjtReason} from '../fabric/ElsCodes.js';
import type {EventLog} from '../sim/EventLog.js';
import {formatFcId, type FcId} from '../sim/FcId.js';
import type {Simulator, Timer} from '../sim/Simulator.js';
import type {Wwn} from '../sim/Wwn.js';
import {FcpResponder, type ItNexus} from './FcpResponder.js';
import type {LogicalUnit} from './LogicalUnit.js';
import type {LunView} from './LunMasking.js';

/** Simulated milliseconds of each step a target port takes on the wire. */
export const TargetTiming = {
	/** Light to FLOGI: link initialisation (or loop initialisation) before the first frame. */
	linkSettle: 10,
	/** One ELS round trip (FLOGI, PLOGI to FFFFFC, SCR, sending an RSCN). */
	elsRoundTrip: 2,
	/** One name-server CT round trip (RFT_ID, RFF_ID, RSPN_ID, RSNN_NN, GPN_ID). */
	ctRoundTrip: 1,
	/** Masking change to N_Port-detected RSCN; edits within this window share one RSCN. */
	rscnHoldOff: 5,
	/** LS_RJT "logical busy" to the next FLOGI. */
	busyRetry: 1000,
	/** Fabric LOGO to the next FLOGI (E_D_TOV). */
	relogin: 2000,
	/** FLOGI retries after a busy reject, and re-logins after fabric LOGOs, before giving up. */
	maxRetries: 3,
} as const;

/** SCR function a target registers: it only needs to hear of initiators coming and going. */
const TARGET_SCR: ScrFunction = 'fabric-detected';

/**
 * - `link-down`: no light (administratively online).
 * - `logging-in`: FLOGI, name-server registration and SCR in progress.
 * - `ready`: logged in and answering PLOGI/PRLI/FCP.
 * - `login-failed`: the fabric refused the FLOGI; waits for the next link up or `online`.
 * - `logged-out`: the fabric logged the port out; a new FLOGI is scheduled.
 * - `offline`: administratively offline: logged out and dark.
 */
export type TargetPortState = 'link-down' | 'logging-in' | 'ready' | 'login-failed' | 'logged-out' | 'offline';

export interface TargetPortLiveState {
	readonly state: TargetPortState;
	readonly fcid: FcId | undefined;
	readonly fabric: boolean;
	readonly busyRetries: number;
	readonly relogins: number;
}

/** What a port needs from the array it belongs to. */
export interface TargetPortOwner {
	readonly name: string;
	readonly symbolicNodeName: string;
	readonly sim: Simulator;
	readonly log: EventLog;
	view(portName: string, initiator: Wwn): LunView;
	unitAt(portName: string, initiator: Wwn, hostLun: number): LogicalUnit | undefined;
	/** The LU with the lowest id, if any. */
	firstUnit(): LogicalUnit | undefined;
}

/**
 * One front-end port of an array: an N_Port (or NL_Port) that logs in to whatever it is cabled
 * to and answers initiators through its FcpResponder.
 */
export class TargetPort implements NPortEndpoint {
	readonly label: string;
	readonly responder: FcpResponder;
	private link: NPortLink | undefined;
	private online: boolean;
	private currentState: TargetPortState;
	private address: FcId | undefined;
	private fabric = false;
	private timers = new Set<Timer>();
	private rscnTimer: Timer | undefined;
	/** FLOGI busy retries of the current login attempt. */
	private busyRetries = 0;
	/** Fabric LOGOs answered with a new FLOGI since the last link up or administrative online. */
	private relogins = 0;

	constructor(
		private readonly owner: TargetPortOwner,
		readonly name: string,
		readonly wwpn: Wwn,
		readonly wwnn: Wwn,
		online = true,
	) {
		this.label = `${owner.name}/${name}`;
		this.online = online;
		this.currentState = online ? 'link-down' : 'offline';
		this.responder = new FcpResponder({
			label: this.label,
			wwpn,
			wwnn,
			log: owner.log,
			answersTo: did => this.currentState === 'ready' && did === this.address,
			answersToAny: () => this.currentState === 'ready',
			probeUnit: () => owner.firstUnit(),
			view: initiator => owner.view(name, initiator),
			unitAt: (initiator, hostLun) => owner.unitAt(name, initiator, hostLun),
		});
	}

	/** RSPN_ID text: `array-1 ct0`. */
	get symbolicPortName(): string {
		return `${this.owner.name} ${this.name}`;
	}

	get state(): TargetPortState {
		return this.currentState;
	}

	get adminOnline(): boolean {
		return this.online;
	}

	/** The N_Port_ID (or loop address) while logged in. */
	get fcid(): FcId | undefined {
		return this.address;
	}

	get topology(): Topology | undefined {
		return this.link?.topology;
	}

	get speedGbps(): number | undefined {
		return this.link?.speedGbps;
	}

	/** Logged in through an F_Port/FL_Port: name server, SCR and RSCN are available. */
	get fabricServices(): boolean {
		return this.fabric && this.address !== undefined;
	}

	sessions(): ItNexus[] {
		return this.responder.sessions();
	}

	/** The login state the store keeps (the port is idle: no step pending). */
	liveState(): TargetPortLiveState {
		if (this.timers.size > 0) throw new Error(`${this.label} has steps pending: its state cannot be saved`);
		return {state: this.currentState, fcid: this.address, fabric: this.fabric, busyRetries: this.busyRetries, relogins: this.relogins};
	}

	/** Puts a saved login state back (restore); `link` is the medium's live link, if any. */
	restoreLive(state: TargetPortLiveState, link: NPortLink | undefined): void {
		this.abort();
		this.link = link;
		this.currentState = state.state;
		this.address = state.fcid;
		this.fabric = state.fabric;
		this.busyRetries = state.busyRetries;
		this.relogins = state.relogins;
	}

	// ---- NPortEndpoint -------------------------------------------------------------------------

	linkUp(link: NPortLink): void {
		this.abort();
		this.link = link;
		this.relogins = 0;
		this.emit('storage.port.link-up', `link up (${link.topology}, ${link.speedGbps} Gb/s)`, {
			topology: link.topology,
			speedGbps: link.speedGbps,
		});
		if (this.online) this.startLogin(TargetTiming.linkSettle);
		else this.currentState = 'offline';
	}

	linkDown(): void {
		const dropped = this.forgetLogin();
		this.link = undefined;
		if (this.online) this.currentState = 'link-down';
		this.emit('storage.port.link-down', `link down; ${dropped} session(s) dropped`, {sessionsDropped: dropped});
	}

	receiveLogo(did: FcId): void {
		if (did !== this.address) return;
		const dropped = this.forgetLogin();
		this.currentState = 'logged-out';
		// Bounded, so that two ports fighting over one WWPN under a newest-wins policy settle.
		const again = this.online && this.link !== undefined && this.relogins < TargetTiming.maxRetries;
		this.emit(
			'storage.port.fabric-logo',
			`logged out by the fabric; ${dropped} session(s) dropped` + (again ? `; FLOGI again in ${TargetTiming.relogin} ms` : ''),
			{fcid: formatFcId(did), sessionsDropped: dropped},
		);
		if (again) {
			this.relogins++;
			this.startLogin(TargetTiming.relogin, 'logged-out');
		}
	}

	/**
	 * An initiator logged out of the fabric or lost its link: drop its session so the session
	 * table (and unit attention bookkeeping) does not keep a nexus that no longer exists. Only
	 * pages that cover a session cost a name-server query.
	 */
	receiveRscn(did: FcId, rscn: Rscn): void {
		if (did !== this.address || this.currentState !== 'ready' || !this.fabric) return;
		if (rscn.pages.length > 0 && rscn.pages.every(page => page.format === 'fabric')) {
			// Everyone is a suspect (a coalesced RSCN in a busy fabric): the session list as it is.
			const everyone = this.responder.sessionFcids();
			if (everyone.length > 0) this.after(TargetTiming.ctRoundTrip, 'rscn check', () => this.checkSessions(everyone));
			return;
		}
		const suspects = new Set<FcId>();
		for (const page of rscn.pages) {
			if (page.format === 'port') {
				if (this.responder.sessionAt(page.affected)) suspects.add(page.affected);
			} else {
				for (const id of this.responder.sessionFcids()) if (covers(page, id)) suspects.add(id);
			}
		}
		if (suspects.size === 0) return;
		this.after(TargetTiming.ctRoundTrip, 'rscn check', () => this.checkSessions(suspects));
	}

	// ---- administration ------------------------------------------------------------------------

	/**
	 * Offline: LOGO from the fabric (which removes the name-server entry and tells zoned initiators
	 * by RSCN) and go dark. Online: log in again. On a loop or point-to-point link there is no
	 * fabric to tell, so the port asks the medium for a LIP/link reset; the peers rediscover.
	 * Returns false when the port already was in that administrative state.
	 */
	setOnline(online: boolean): boolean {
		if (online === this.online) return false;
		this.online = online;
		const link = this.link;
		if (!online) {
			const fcid = this.address;
			const wasFabric = this.fabricServices;
			const dropped = this.forgetLogin();
			this.currentState = 'offline';
			this.emit('storage.port.offline', `offline (administrative); ${dropped} session(s) dropped`, {sessionsDropped: dropped});
			if (link && fcid !== undefined && wasFabric) link.logo(fcid);
			else if (link && fcid !== undefined) link.reset();
			return true;
		}
		this.emit('storage.port.online', 'online (administrative)');
		if (!link) {
			this.currentState = 'link-down';
		} else if (link.topology === 'fabric' || link.topology === 'public-loop') {
			this.relogins = 0;
			this.startLogin(TargetTiming.elsRoundTrip);
		} else {
			// The medium bounces the link; linkUp then logs in.
			this.currentState = 'link-down';
			link.reset();
		}
		return true;
	}

	/**
	 * Called by the array after a masking or LUN change altered what some initiator sees through
	 * this port. Arrays prompt hosts this way: an N_Port-detected RSCN (a port-format page naming
	 * the array port itself) goes to the fabric controller, which relays it to every port zoned with
	 * us that registered for N_Port-detected RSCNs (SCR function 2 or 3, fabric.md 2.1). The hosts
	 * then re-query the port and send REPORT LUNS. Edits close together share one RSCN. Without a
	 * fabric (private loop, point-to-point) there is no one to relay it; the unit attention posted
	 * on each changed nexus is then the only notice. The qualifier is `unspecified`: no name-server
	 * object changed, only what lies behind the port.
	 */
	announceChange(): boolean {
		if (this.currentState !== 'ready' || !this.fabric) return false;
		if (this.rscnTimer) return true;
		this.rscnTimer = this.after(TargetTiming.rscnHoldOff, 'rscn', () => {
			this.rscnTimer = undefined;
			if (!this.link || this.address === undefined) return;
			const page: RscnPage = {format: 'port', qualifier: 'unspecified', affected: this.address};
			const reply = this.link.sendRscn(this.address, [page]);
			if (reply.accepted) {
				this.emit('storage.rscn.sent', `N_Port-detected RSCN sent for ${formatFcId(this.address)} (LUN inventory changed)`, {
					affected: formatFcId(this.address),
				});
			} else {
				this.emit('storage.rscn.rejected', `RSCN rejected by the fabric controller (LS_RJT ${hex(reply.reason)}/${hex(reply.explanation)})`, {
					reason: reply.reason,
					explanation: reply.explanation,
				});
			}
		});
		return true;
	}

	// ---- login sequence ------------------------------------------------------------------------

	private startLogin(delay: number, waiting: TargetPortState = 'logging-in'): void {
		this.abort();
		this.busyRetries = 0;
		this.currentState = waiting;
		this.after(delay, 'flogi', () => this.flogi());
	}

	private flogi(): void {
		const link = this.link!;
		this.currentState = 'logging-in';
		const reply = link.flogi({
			wwpn: this.wwpn,
			wwnn: this.wwnn,
			npivCapable: false,
			symbolicNodeName: this.owner.symbolicNodeName,
		});
		if (!reply.accepted) {
			const busy = reply.reason === LsRjtReason.logicalBusy && this.busyRetries < TargetTiming.maxRetries;
			this.emit(
				busy ? 'storage.port.flogi-busy' : 'storage.port.login-failed',
				`FLOGI rejected (LS_RJT ${hex(reply.reason)}/${hex(reply.explanation)})` + (busy ? `; retry in ${TargetTiming.busyRetry} ms` : ''),
				{reason: reply.reason, explanation: reply.explanation},
			);
			if (busy) {
				this.busyRetries++;
				this.after(TargetTiming.busyRetry, 'flogi', () => this.flogi());
			} else {
				this.currentState = 'login-failed';
			}
			return;
		}
		this.address = reply.fcid;
		this.fabric = reply.fPort && link.topology !== 'private-loop' && link.topology !== 'point-to-point';
		if (!this.fabric) {
			this.emit('storage.port.flogi', `address ${formatFcId(reply.fcid)} on ${link.topology} (no fabric services)`, {
				fcid: formatFcId(reply.fcid),
				fabric: false,
			});
			this.becomeReady();
			return;
		}
		this.emit('storage.port.flogi', `FLOGI accepted: N_Port_ID ${formatFcId(reply.fcid)}`, {
			fcid: formatFcId(reply.fcid),
			fabric: true,
		});
		// PLOGI to the directory server (FFFFFC), then the registrations, then SCR.
		this.after(TargetTiming.elsRoundTrip, 'plogi ns', () => this.register(0));
	}

	private readonly registrations: readonly [string, (ns: NameServerClient) => CtReply<void>][] = [
		['RFT_ID', ns => ns.rftId([Fc4Type.fcp])],
		['RFF_ID', ns => ns.rffId(Fc4Type.fcp, Fc4Feature.target)],
		['RSPN_ID', ns => ns.rspnId(this.symbolicPortName)],
		['RSNN_NN', ns => ns.rsnnNn(this.wwnn, this.owner.symbolicNodeName)],
	];

	private register(step: number): void {
		const entry = this.registrations[step];
		if (!entry) {
			this.after(TargetTiming.elsRoundTrip, 'scr', () => this.scr());
			return;
		}
		this.after(TargetTiming.ctRoundTrip, entry[0], () => {
			const [request, send] = entry;
			const reply = send(this.link!.nameServer(this.address!));
			if (!reply.ok) {
				// The port stays logged in; it is just less visible. Real arrays log and carry on.
				this.emit('storage.port.ns-reject', `${request} rejected (FS_RJT ${hex(reply.reason)}/${hex(reply.explanation)})`, {
					request,
					reason: reply.reason,
					explanation: reply.explanation,
				});
			}
			this.register(step + 1);
		});
	}

	private scr(): void {
		const reply = this.link!.scr(this.address!, TARGET_SCR);
		if (!reply.accepted) {
			this.emit('storage.port.scr-reject', `SCR rejected (LS_RJT ${hex(reply.reason)}/${hex(reply.explanation)})`, {
				reason: reply.reason,
				explanation: reply.explanation,
			});
		}
		this.becomeReady();
	}

	private becomeReady(): void {
		this.currentState = 'ready';
		const how = this.fabric ? 'registered with the name server' : `${this.link!.topology}, no fabric services`;
		this.emit('storage.port.ready', `ready: ${formatFcId(this.address!)} (${how})`, {
			fcid: formatFcId(this.address!),
			fabric: this.fabric,
		});
	}

	private checkSessions(suspects: Iterable<FcId>): void {
		if (this.currentState !== 'ready' || !this.link) return;
		const ns = this.link.nameServer(this.address!);
		for (const id of suspects) {
			const session = this.responder.sessionAt(id);
			if (!session) continue;
			const reply = ns.gpnId(id);
			if (reply.ok && reply.value === session.initiator) continue;
			this.responder.dropFcid(id);
			this.emit('storage.logout', `session of ${session.initiator} (${formatFcId(id)}) dropped: initiator left the fabric`, {
				initiator: session.initiator,
				fcid: formatFcId(id),
				reason: 'rscn',
			});
		}
	}

	// ---- plumbing ------------------------------------------------------------------------------

	/** Drops the login and every session; cancels pending steps. Returns the sessions dropped. */
	private forgetLogin(): number {
		this.abort();
		this.address = undefined;
		this.fabric = false;
		return this.responder.dropAll();
	}

	/** Cancels every pending step; a fresh timer set marks steps scheduled before as stale. */
	private abort(): void {
		for (const t of this.timers) this.owner.sim.cancel(t);
		this.timers = new Set();
		this.rscnTimer = undefined;
	}

	private after(delay: number, what: string, action: () => void): Timer {
		const set = this.timers;
		const timer = this.owner.sim.schedule(
			delay,
			() => {
				set.delete(timer);
				if (set === this.timers) action();
			},
			`${this.label} ${what}`,
		);
		set.add(timer);
		return timer;
	}

	private emit(type: string, summary: string, data: Record<string, string | number | boolean> = {}): void {
		this.owner.log.emit(this.label, type, summary, {port: this.name, wwpn: this.wwpn, ...data});
	}
}

function covers(page: RscnPage, id: FcId): boolean {
	switch (page.format) {
		case 'port':
			return page.affected === id;
		case 'area':
			return (page.affected & 0xffff00) === (id & 0xffff00);
		case 'domain':
			return (page.affected & 0xff0000) === (id & 0xff0000);
		case 'fabric':
			return true;
	}
}

function hex(n: number): string {
	return n.toString(16).padStart(2, '0');
}

/**
 * One physical port of an FCA: the N_Port on the cable. It owns the physical fp instance and the
 * ring of virtual ports bound to it (newest first, reference 11), routes what the medium delivers
 * to the right instance by D_ID, and does what the FCA driver does for NPIV: the bind checks and
 * the FDISC of a virtual port (qlc's ql_bind_port).
 */
import type {ElsReject} from '../fabric/ElsCodes.js';
import type {FcpTarget} from '../fabric/Fcp.js';
import type {LoginAccept, NPortEndpoint, NPortLink, Rscn, Topology} from '../fabric/NPort.js';
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {Fca} from './Fca.js';
import {flatString} from './DeviceNamespace.js';
import {negotiatedSpeed, type FcaModel} from './FcaModel.js';
import {FpPort, type FpHost} from './FpPort.js';
import {LinkStatistics} from './LinkStatistics.js';
import {describeFdiscReject, hex2, type FcBindError, type VportCreateFailure, type VportDeleteFailure} from './NpivErrors.js';
import {Timing} from './Timing.js';

/** Kernel virtual port indexes are 1..254 (fp@1,0 .. fp@fe,0). */
export const MAX_VPORT_INDEX = 254;

export type FlogiResult = {readonly ok: true; readonly accept: LoginAccept} | {readonly ok: false; readonly message: string};
export type BindResult = {readonly ok: true; readonly accept: LoginAccept} | VportCreateFailure;

const NO_SUCH_PORT: ElsReject = {accepted: false, reason: 0x09, explanation: 0x1f};

const TOPOLOGY_TEXT: Record<NPortLink['topology'], string> = {
	fabric: 'fabric',
	'public-loop': 'public loop',
	'private-loop': 'private loop',
	'point-to-point': 'point-to-point link',
};

export class FcaPort implements NPortEndpoint {
	readonly label: string;
	/** RSNN_NN of every fp instance on this port: `<hostname>:<fca driver><instance>`. */
	readonly symbolicNodeName: string;
	readonly physical: FpPort;
	readonly stats: LinkStatistics;
	/**
	 * The medium's link while there is light. A restored port knows it had a link (topology and
	 * speed, below) but finds the link object only when it first sends something, so that reading
	 * a host never builds the fabric.
	 */
	private currentLink: NPortLink | undefined | typeof UNRESOLVED;
	private resolveLink: (() => void) | undefined;
	/** Topology and speed of the link as the driver saw it come up. */
	private known: {readonly topology: Topology; readonly speedGbps: number} | undefined;
	/** The physical port's FLOGI ACC: fabric name, whether the fabric accepts FDISC. */
	private fabricLogin: LoginAccept | undefined;
	/**
	 * The ring, oldest first: appended to on create, replaced (never edited) on delete, so any
	 * prefix of it stays as it was. An HBA-API handle keeps one as its snapshot without copying.
	 */
	private created: FpPort[] = [];
	/** The ring newest first, made on demand after a change. */
	private newestFirst: readonly FpPort[] | undefined = [];
	private readonly indexUsed = new Uint8Array(MAX_VPORT_INDEX + 1);
	/** Every index below this one is in use (a search hint, so 100 creates do not scan 5,000 slots). */
	private lowestMaybeFree = 1;
	private readonly byFcid = new Map<FcId, FpPort>();
	/** A reset we asked for: the bounce that follows is a LIP, not a link failure. */
	private resetPending = false;

	constructor(
		private readonly host: FpHost,
		readonly fca: Fca,
		/** Port number on the adapter (0, 1, ...). */
		readonly portIndex: number,
		readonly wwpn: Wwn,
		readonly wwnn: Wwn,
		/** The FCA driver instance (qlc0, qlc1, emlxs0...): one per physical port. */
		readonly driverInstance: number,
		/** The FCA's devfs node; fp nodes are its children. */
		readonly devfsNode: string,
	) {
		this.stats = new LinkStatistics(host.sim.now);
		this.label = `${host.name}/${this.driverInstanceName}`;
		this.symbolicNodeName = `${host.name}:${this.driverInstanceName}`;
		this.physical = new FpPort(host, this, wwpn, wwnn, 0, `${devfsNode}/fp@0,0`);
	}

	get model(): FcaModel {
		return this.fca.model;
	}

	get link(): NPortLink | undefined {
		if (this.currentLink === UNRESOLVED) this.resolveLink?.();
		if (this.currentLink === UNRESOLVED) throw new Error(`${this.label}: the link of a restored port was not found`);
		return this.currentLink;
	}

	/**
	 * A restored port learns its link object from the medium (whichever of the two is restored
	 * second tells the other); a port that already has one keeps it.
	 */
	bindRestoredLink(link: NPortLink | undefined): void {
		if (this.currentLink === UNRESOLVED) this.currentLink = link;
	}

	set link(link: NPortLink | undefined) {
		this.currentLink = link;
		this.known = link ? {topology: link.topology, speedGbps: link.speedGbps} : undefined;
	}

	/** The topology of the link, undefined with no light. */
	get topology(): Topology | undefined {
		return this.known?.topology;
	}

	get driverInstanceName(): string {
		return `${this.model.driverName}${this.driverInstance}`;
	}

	/** Negotiated speed in Gb/s, 0 with no link. */
	get speedGbps(): number {
		return this.known ? negotiatedSpeed(this.model, this.known.speedGbps) : 0;
	}

	get fabricName(): Wwn | undefined {
		return this.fabricLogin?.fabricName;
	}

	/** Did the fabric's FLOGI ACC offer Multiple N_Port_ID Assignment (NPIV)? */
	get npivAssignment(): boolean {
		return this.fabricLogin?.npivAssignment ?? false;
	}

	/** Virtual ports, newest first (the kernel ring order fcinfo lists). */
	get vports(): readonly FpPort[] {
		return (this.newestFirst ??= this.created.slice().reverse());
	}

	/** The ring as it is now, in O(1): read it with ringOf(). */
	get vportSnapshot(): VportSnapshot {
		return {created: this.created, count: this.created.length};
	}

	/** The ring oldest first (the order the store keeps). */
	get createdOrder(): readonly FpPort[] {
		return this.created;
	}

	vport(wwpn: Wwn): FpPort | undefined {
		return this.vports.find(p => p.wwpn === wwpn);
	}

	/** The fp instance (physical or virtual) that holds an N_Port_ID on this port. */
	portById(id: FcId): FpPort | undefined {
		return this.byFcid.get(id);
	}

	// ---- NPortEndpoint ----------------------------------------------------------------------------

	linkUp(link: NPortLink): void {
		this.host.materialize();
		// Light again on a live link (a LIP, a loop re-initialisation): every login starts over.
		if (this.link) this.dropAll('link re-initialised');
		this.link = link;
		if (isLoop(link.topology) && !this.resetPending) this.stats.lipCount++; // loop initialisation
		this.resetPending = false;
		this.stats.linkUp();
		this.host.log.emit(this.label, 'driver.link', `link up on ${this.wwpn}: ${TOPOLOGY_TEXT[link.topology]}, ${this.speedGbps}Gb`, {
			wwpn: this.wwpn,
			state: 'up',
			topology: link.topology,
			speedGbps: this.speedGbps,
		});
		this.physical.scheduleLogin(Timing.linkInit);
	}

	linkDown(): void {
		this.host.materialize();
		const link = this.link;
		if (!link) return;
		this.link = undefined;
		// Our own reset was counted when we asked for it. A loop drops every member's link for each
		// LIP, so there a drop is a loss of sync, not a link failure.
		if (this.resetPending) this.resetPending = false;
		else if (isLoop(link.topology)) this.stats.lossOfSyncCount++;
		else this.stats.linkLost();
		this.fabricLogin = undefined;
		this.host.log.emit(this.label, 'driver.link', `link down on ${this.wwpn}`, {wwpn: this.wwpn, state: 'down'});
		this.dropAll('link down');
	}

	receiveRscn(did: FcId, rscn: Rscn): void {
		this.host.materialize();
		this.byFcid.get(did)?.onRscn(rscn);
	}

	receiveLogo(did: FcId): void {
		this.host.materialize();
		const fp = this.byFcid.get(did);
		if (!fp) return;
		this.host.log.emit(fp.label, 'driver.login', `logged out by the fabric: ${fp.wwpn}`, {wwpn: fp.wwpn, els: 'LOGO', ok: false});
		if (fp === this.physical) {
			// The FLOGI ID going takes the FDISC IDs with it.
			this.fabricLogin = undefined;
			this.dropAll('logged out by the fabric');
		} else {
			fp.goOffline('logged out by the fabric');
		}
	}

	/** Initiators answer PLOGI and PRLI (as initiator) for each of their N_Port_IDs, nothing else. */
	readonly responder: FcpTarget = {
		plogi: (_from, did) => {
			this.host.materialize();
			const fp = this.byFcid.get(did);
			return fp ? {accepted: true, wwpn: fp.wwpn, wwnn: fp.wwnn} : NO_SUCH_PORT;
		},
		prli: (_from, did) => {
			this.host.materialize();
			return this.byFcid.has(did) ? {accepted: true, initiator: true, target: false} : NO_SUCH_PORT;
		},
		logo: () => {},
		scsi: () => ({status: 'no-connection'}),
	};

	// ---- live state -------------------------------------------------------------------------------

	/** What the store keeps of the physical port (its fp instances are saved on their own). */
	liveState(): FcaPortLiveState {
		return {link: this.known, flogi: this.fabricLogin, resetPending: this.resetPending, stats: this.stats.toArray()};
	}

	/** Puts saved state back (restore); the link object is looked up when first needed. */
	restoreLive(state: FcaPortLiveState & {readonly resolveLink: () => void}): void {
		this.known = state.link;
		this.currentLink = state.link ? UNRESOLVED : undefined;
		this.resolveLink = state.resolveLink;
		this.fabricLogin = state.flogi;
		this.resetPending = state.resetPending;
		this.stats.restoreArray(state.stats);
	}

	/** A saved virtual port back at the head of the ring (restore: no FDISC, no event). */
	restoreVport(wwpn: Wwn, wwnn: Wwn, index: number): FpPort {
		if (!Number.isInteger(index) || index < 1 || index > MAX_VPORT_INDEX || this.indexUsed[index]) {
			throw new Error(`saved virtual port ${wwpn} has index ${index}, which is invalid or taken on ${this.wwpn}`);
		}
		const vp = new FpPort(this.host, this, wwpn, wwnn, index, flatString(`${this.devfsNode}/fp@${index.toString(16)},0`));
		this.indexUsed[index] = 1;
		while (this.indexUsed[this.lowestMaybeFree]) this.lowestMaybeFree++;
		this.created.push(vp);
		this.newestFirst = undefined;
		return vp;
	}

	// ---- logins -----------------------------------------------------------------------------------

	/** The physical port's FLOGI. */
	flogi(): FlogiResult {
		const link = this.link;
		if (!link) return {ok: false, message: 'link down'};
		const reply = link.flogi({
			wwpn: this.wwpn,
			wwnn: this.wwnn,
			npivCapable: this.model.npiv,
			symbolicNodeName: this.symbolicNodeName,
		});
		this.stats.exchange();
		if (!reply.accepted) return {ok: false, message: `FLOGI rejected (LS_RJT ${hex2(reply.reason)}/${hex2(reply.explanation)})`};
		this.fabricLogin = reply;
		return {ok: true, accept: reply};
	}

	/**
	 * fca_bind_port for a virtual port: the adapter's checks, then FDISC. `creating` adds the
	 * adapter's virtual port limit (a re-login after a link bounce is within it already).
	 */
	bindVport(wwpn: Wwn, wwnn: Wwn, creating: boolean): BindResult {
		const model = this.model;
		if (!model.npiv) return bindFailure('FC_NPIV_NOT_SUPPORTED', `${model.model} does not support NPIV`);
		const link = this.link;
		if (!link) return bindFailure('FC_NPIV_FDISC_FAILED', `link down on ${this.wwpn}: FDISC cannot be sent`);
		if (link.topology !== 'fabric' || (this.fabricLogin && !this.fabricLogin.fPort)) {
			return bindFailure('FC_NPIV_WRONG_TOPOLOGY', `NPIV needs a fabric; ${this.wwpn} is on a ${TOPOLOGY_TEXT[link.topology]}`);
		}
		if (creating && this.created.length >= model.maxNpivPorts) {
			return bindFailure('FC_OUTOFBOUNDS', `${model.model} is out of virtual ports (${model.maxNpivPorts} in use)`);
		}
		const phys = this.fabricLogin;
		if (!phys || this.physical.state !== 'online') {
			return bindFailure('FC_NPIV_FDISC_FAILED', `${this.wwpn} is not logged in to the fabric: FDISC cannot be sent`);
		}
		if (!phys.npivAssignment) return bindFailure('FC_NPIV_FDISC_FAILED', 'no fabric support: the switch port does not accept FDISC (NPIV off)');
		const reply = link.fdisc({wwpn, wwnn, npivCapable: true, symbolicNodeName: this.symbolicNodeName});
		this.stats.exchange();
		if (!reply.accepted) {
			return {
				ok: false,
				errno: 'EFAULT',
				reason: 'FC_NPIV_FDISC_FAILED',
				message: describeFdiscReject(reply),
				reject: {accepted: false, reason: reply.reason, explanation: reply.explanation},
			};
		}
		return {ok: true, accept: reply};
	}

	/** The physical port is registered: virtual ports log in again, in index order (qlc's VP table). */
	physicalOnline(): void {
		const byIndex = [...this.vports].sort((a, b) => a.vportIndex - b.vportIndex);
		for (const vp of byIndex) if (vp.state !== 'deleting') vp.scheduleLogin(Timing.login);
	}

	registerFcid(fp: FpPort): void {
		if (fp.fcid !== undefined) this.byFcid.set(fp.fcid, fp);
	}

	unregisterFcid(id: FcId): void {
		this.byFcid.delete(id);
	}

	// ---- virtual ports ----------------------------------------------------------------------------

	/** Lowest free index for 0, else the one asked for if it is valid and free. */
	pickIndex(requested: number): number | undefined {
		if (requested === 0) {
			for (let i = this.lowestMaybeFree; i <= MAX_VPORT_INDEX; i++) if (!this.indexUsed[i]) return i;
			return undefined;
		}
		if (!Number.isInteger(requested) || requested < 1 || requested > MAX_VPORT_INDEX || this.indexUsed[requested]) return undefined;
		return requested;
	}

	/** Index, bind (FDISC), then the new fp instance at the head of the ring. Host-wide checks are the stack's. */
	createVport(wwpn: Wwn, wwnn: Wwn, requestedIndex: number): {readonly ok: true; readonly port: FpPort} | VportCreateFailure {
		const index = this.pickIndex(requestedIndex);
		if (index === undefined) {
			return {
				ok: false,
				errno: 'EFAULT',
				reason: 'NO_VALID_INDEX',
				message: requestedIndex === 0 ? `can't find valid port index: all ${MAX_VPORT_INDEX} in use on ${this.wwpn}` : `can't find valid port index: ${requestedIndex} is taken or outside 1..${MAX_VPORT_INDEX}`,
			};
		}
		const bound = this.bindVport(wwpn, wwnn, true);
		if (!bound.ok) return bound;
		const vp = new FpPort(this.host, this, wwpn, wwnn, index, flatString(`${this.devfsNode}/fp@${index.toString(16)},0`));
		this.indexUsed[index] = 1;
		if (index === this.lowestMaybeFree) this.lowestMaybeFree++;
		this.created.push(vp);
		this.newestFirst = undefined;
		this.physical.lastChange++;
		vp.raise('port_attach');
		vp.loggedIn(bound.accept);
		return {ok: true, port: vp};
	}

	deleteVport(wwpn: Wwn): {readonly ok: true; readonly port: FpPort} | VportDeleteFailure {
		const vp = this.vports.find(p => p.wwpn === wwpn && p.state !== 'deleting');
		if (!vp) return {ok: false, errno: 'EFAULT', reason: 'NOT_FOUND', message: `no virtual port ${wwpn} on ${this.wwpn}`};
		vp.detach();
		this.created = this.created.filter(p => p !== vp);
		this.newestFirst = undefined;
		this.indexUsed[vp.vportIndex] = 0;
		this.lowestMaybeFree = Math.min(this.lowestMaybeFree, vp.vportIndex);
		this.physical.lastChange++;
		return {ok: true, port: vp};
	}

	// ---- link control -----------------------------------------------------------------------------

	/** FCIO_RESET_LINK (force-lip): the medium bounces the link. False when there is no link. */
	forceLip(): boolean {
		const link = this.link;
		if (!link) return false;
		this.stats.linkReset();
		this.resetPending = true;
		this.host.log.emit(this.label, 'driver.link', `link reset (LIP) requested on ${this.wwpn}`, {wwpn: this.wwpn, state: 'reset'});
		link.reset();
		return true;
	}

	private dropAll(reason: string): void {
		this.physical.goOffline(reason);
		for (const vp of this.vports) vp.goOffline(reason);
	}
}

const UNRESOLVED = Symbol('link not looked up yet');

export interface FcaPortLiveState {
	readonly link: {readonly topology: Topology; readonly speedGbps: number} | undefined;
	readonly flogi: LoginAccept | undefined;
	readonly resetPending: boolean;
	readonly stats: readonly number[];
}

/** A ring as it was: the first `count` of an oldest-first list that only ever grows. */
export interface VportSnapshot {
	readonly created: readonly FpPort[];
	readonly count: number;
}

/** A snapshot's virtual ports, newest first. */
export function ringOf(snapshot: VportSnapshot): readonly FpPort[] {
	return snapshot.created.slice(0, snapshot.count).reverse();
}

function isLoop(topology: NPortLink['topology']): boolean {
	return topology === 'private-loop' || topology === 'public-loop';
}

function bindFailure(reason: FcBindError, message: string): VportCreateFailure {
	return {ok: false, errno: 'EFAULT', reason, message};
}

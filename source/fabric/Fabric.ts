/**
 * One fabric: the switches joined by ISLs, and the services they share: login server, name
 * server, zoning and RSCN distribution. Logins are indexed by N_Port_ID and by WWPN across every
 * switch, so routing over ISLs is one lookup. The fabric name is the principal switch's WWN
 * (principal = lowest switch WWN).
 */
import type {EventLog, EventValue} from '../sim/EventLog.js';
import {formatFcId, type FcId} from '../sim/FcId.js';
import type {Simulator} from '../sim/Simulator.js';
import {wwnColons, type Wwn} from '../sim/Wwn.js';
import type {DuplicateWwpnPolicy} from './FabricConfig.js';
import {FabricError} from './FabricError.js';
import {causeNotifiesNPort, type FabricLogin, type LogoutCause} from './FabricLogin.js';
import {MAX_NPIV_LIMIT, type FabricOptions} from './FabricOptions.js';
import {FcSwitch, type SwitchIdentity} from './FcSwitch.js';
import {FPortLink} from './FPortLink.js';
import {LoginServer} from './LoginServer.js';
import {NameServer} from './NameServer.js';
import type {NPortEndpoint} from './NPort.js';
import type {OutboundQueue} from './OutboundQueue.js';
import {isRecording} from './Recording.js';
import {Router} from './Router.js';
import {RscnService} from './RscnService.js';
import type {SwitchPort} from './SwitchPort.js';
import {partnersIn, ZoneIndex, type CompiledZone, type ZoneMembers, type ZoneMode, type ZoneSubject} from './ZoneIndex.js';
import {ZoningDatabase, type DefaultZoneMode, type FabricZoningState} from './ZoningDatabase.js';

export interface FabricContext {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly outbound: OutboundQueue;
	readonly options: FabricOptions;
	/** Called after every administrative change (zoning, port settings, NPIV) so the world can save. */
	readonly adminChanged: () => void;
}

export type LinkStopCause = 'cable' | 'disabled' | 'reset' | 'npiv-on';

export type ZoningEditOp =
	| 'alicreate'
	| 'aliadd'
	| 'aliremove'
	| 'alidelete'
	| 'zonecreate'
	| 'zoneadd'
	| 'zoneremove'
	| 'zonedelete'
	| 'cfgcreate'
	| 'cfgadd'
	| 'cfgremove'
	| 'cfgdelete';

export class Fabric {
	readonly switches: FcSwitch[] = [];
	readonly zoning: ZoningDatabase;
	readonly loginServer: LoginServer;
	readonly nameServer: NameServer;
	readonly rscn: RscnService;
	readonly router: Router;
	private readonly byDomain = new Map<number, FcSwitch>();
	private byDomainOrder: FcSwitch[] = [];
	private readonly byFcid = new Map<FcId, FabricLogin>();
	private readonly byWwpn = new Map<Wwn, FabricLogin>();
	private sorted: FabricLogin[] | null = null;
	/** N_Port_IDs logged in or out at since the logins were restored (undefined: never restored). */
	private movedSinceRestore: Set<FcId> | undefined;
	private principalCache: FcSwitch | undefined;
	private zoneIndex: ZoneIndex;
	private seq = 0;
	private walkStamp = 0;
	/** Bumped by every administrative change to this fabric or its switches. */
	adminRevision = 0;

	constructor(
		/** The lab's label for the fabric (`fab-a`); its FC name is `fabricName`. */
		readonly name: string,
		readonly ctx: FabricContext,
	) {
		this.zoning = new ZoningDatabase(() => this.touched());
		this.zoneIndex = ZoneIndex.of(null, true);
		this.loginServer = new LoginServer(this);
		this.nameServer = new NameServer(this);
		this.rscn = new RscnService(this);
		this.router = new Router(this);
	}

	// --- switches ------------------------------------------------------------------------------

	addSwitch(id: SwitchIdentity): FcSwitch {
		if (!Number.isInteger(id.domainId) || id.domainId < 1 || id.domainId > 239) {
			throw new FabricError(`switch ${id.name}: domain ID ${id.domainId} is outside 1-239`);
		}
		if (this.byDomain.has(id.domainId)) {
			throw new FabricError(`switch ${id.name}: domain ${id.domainId} is already used by ${this.byDomain.get(id.domainId)!.name} in fabric ${this.name}`);
		}
		if (!Number.isInteger(id.portCount) || id.portCount < 1 || id.portCount > 256) {
			throw new FabricError(`switch ${id.name}: port count ${id.portCount} is outside 1-256`);
		}
		const sw = new FcSwitch(this, id);
		this.switches.push(sw);
		this.byDomain.set(sw.domainId, sw);
		this.byDomainOrder = [...this.switches].sort((a, b) => a.domainId - b.domainId);
		this.principalCache = undefined;
		return sw;
	}

	get principal(): FcSwitch {
		if (!this.principalCache) {
			let best = this.switches[0];
			if (!best) throw new FabricError(`fabric ${this.name} has no switches`);
			for (const sw of this.switches) if (sw.wwn < best.wwn) best = sw;
			this.principalCache = best;
		}
		return this.principalCache;
	}

	/** The FC fabric name: the principal switch's WWN. */
	get fabricName(): Wwn {
		return this.principal.wwn;
	}

	switchByDomain(domain: number): FcSwitch | undefined {
		return this.byDomain.get(domain);
	}

	/** The port a `domain,index` zone member names (see portKey). */
	portByKey(key: number): SwitchPort | undefined {
		return this.byDomain.get(Math.floor(key / 0x10000))?.port(key % 0x10000);
	}

	// --- logins --------------------------------------------------------------------------------

	loginById(id: FcId): FabricLogin | undefined {
		return this.byFcid.get(id);
	}

	/**
	 * Whether the login at `id` may differ from the one restored (a login or logout happened at
	 * that N_Port_ID since). Always true for a fabric that was not restored. Saving a target
	 * port's 50,000 sessions again asks this rather than compare 50,000 logins.
	 */
	movedSince(id: FcId): boolean {
		return this.movedSinceRestore?.has(id) ?? true;
	}

	/** The N_Port_IDs logged in or out at since the restore (or the last rebaseRestore); undefined when never restored. */
	movedIds(): ReadonlySet<FcId> | undefined {
		return this.movedSinceRestore;
	}

	/** The fabric was just saved: logins and logouts count from here on (see movedSince). */
	rebaseRestore(): void {
		this.movedSinceRestore = new Set();
	}

	loginByWwpn(w: Wwn): FabricLogin | undefined {
		return this.byWwpn.get(w);
	}

	get loginCount(): number {
		return this.byFcid.size;
	}

	/** Logins in login order. */
	logins(): IterableIterator<FabricLogin> {
		return this.byFcid.values();
	}

	/** Logins sorted by N_Port_ID (cached until the next login or logout). */
	sortedLogins(): readonly FabricLogin[] {
		if (!this.sorted) this.sorted = [...this.byFcid.values()].sort((a, b) => a.fcid - b.fcid);
		return this.sorted;
	}

	/**
	 * The login with the lowest N_Port_ID above `after` (-1 for the first), walking switches by
	 * domain, ports by area and port bytes in order: no sorting, so GA_NXT stays cheap while
	 * 100,000 logins come and go.
	 */
	nextLoginAfter(after: number): FabricLogin | undefined {
		const d0 = after < 0 ? -1 : after >> 16;
		const a0 = after < 0 ? -1 : (after >> 8) & 0xff;
		const b0 = after < 0 ? -1 : after & 0xff;
		for (const sw of this.byDomainOrder) {
			if (sw.domainId < d0) continue;
			const sameDomain = sw.domainId === d0;
			const ports = sw.ports;
			for (let area = sameDomain ? Math.max(a0, 0) : 0; area < ports.length; area++) {
				const port = ports[area]!;
				if (port.logins.size === 0) continue;
				const slots = port.slots;
				for (let b = sameDomain && area === a0 ? b0 + 1 : 0; b < slots.length; b++) {
					const l = slots[b];
					if (l) return l;
				}
			}
		}
		return undefined;
	}

	nextLoginSeq(): number {
		return this.seq++;
	}

	/** The next login sequence number, for the saved live state. */
	get loginSeqState(): number {
		return this.seq;
	}

	/**
	 * Puts a saved login back (restore): indexed like addLogin, but nothing is announced: the
	 * RSCNs of that login went out in the process that made it.
	 */
	restoreLogin(login: FabricLogin): void {
		this.movedSinceRestore ??= new Set();
		const port = login.port;
		if (this.byFcid.has(login.fcid) || this.byWwpn.has(login.wwpn)) throw new FabricError(`saved login ${login.wwpn} (${formatFcId(login.fcid)}) appears twice in fabric ${this.name}`);
		this.byFcid.set(login.fcid, login);
		this.byWwpn.set(login.wwpn, login);
		port.logins.set(login.fcid, login);
		port.slots[login.fcid & 0xff] = login;
		if (!login.npiv) port.base = login;
		port.sw.loginCount++;
		this.sorted = null;
	}

	restoreLiveCounters(loginSeq: number): void {
		this.seq = loginSeq;
	}

	addLogin(login: FabricLogin): void {
		this.movedSinceRestore?.add(login.fcid);
		const port = login.port;
		this.byFcid.set(login.fcid, login);
		this.byWwpn.set(login.wwpn, login);
		port.logins.set(login.fcid, login);
		port.slots[login.fcid & 0xff] = login;
		if (!login.npiv) port.base = login;
		port.sw.loginCount++;
		this.sorted = null;
		this.rscn.portChanged(login, login.fcid, 'ns-object-changed');
	}

	/** Logs one login out; the port's FLOGI login takes its NPIV logins along. */
	removeLogin(login: FabricLogin, cause: LogoutCause): void {
		if (login.removed) return;
		if (!login.npiv) {
			const cascade: LogoutCause = cause === 'logo' || cause === 'duplicate-wwpn' ? 'base-logo' : cause;
			for (const other of [...login.port.logins.values()]) if (other !== login) this.removeOne(other, cascade);
		}
		this.removeOne(login, cause);
	}

	/** Every login on the port. */
	logoutPort(port: SwitchPort, cause: LogoutCause): void {
		if (port.base) this.removeLogin(port.base, cause);
		for (const l of [...port.logins.values()]) this.removeOne(l, cause);
	}

	private removeOne(login: FabricLogin, cause: LogoutCause): void {
		if (login.removed) return;
		login.removed = true;
		this.movedSinceRestore?.add(login.fcid);
		const port = login.port;
		this.byFcid.delete(login.fcid);
		if (this.byWwpn.get(login.wwpn) === login) this.byWwpn.delete(login.wwpn);
		port.logins.delete(login.fcid);
		port.slots[login.fcid & 0xff] = undefined;
		port.releaseId(login.fcid);
		if (port.base === login) port.base = null;
		port.sw.loginCount--;
		this.sorted = null;
		this.rscn.forget(login);
		if (this.recording) this.emit(port.sw, 'fabric.logo', `LOGO ${wwnColons(login.wwpn)} ${formatFcId(login.fcid)} port ${port.index} (${cause})`, {
			wwpn: login.wwpn,
			fcid: formatFcId(login.fcid),
			port: port.index,
			npiv: login.npiv,
			cause,
		});
		this.rscn.portChanged(login, login.fcid, 'object-removed');
		if (causeNotifiesNPort(cause)) this.ctx.outbound.post(0, () => this.deliverLogo(login));
	}

	private deliverLogo(login: FabricLogin): void {
		if (!login.link.alive) return; // the N_Port saw its link go down instead
		const now = this.byFcid.get(login.fcid);
		if (now && now.endpoint === login.endpoint) return; // it already logged in again with this ID
		login.endpoint.receiveLogo(login.fcid);
	}

	// --- zoning lookups ------------------------------------------------------------------------

	get zoneMode(): ZoneMode {
		return this.zoneIndex.mode;
	}

	get zones(): ZoneIndex {
		return this.zoneIndex;
	}

	zonedWith(a: ZoneSubject, b: ZoneSubject): boolean {
		return a === b || this.zoneIndex.zonedWith(a, b);
	}

	/** How many logins share a zone with the subject (counting stops above `cap`). */
	zoneFanOut(subject: ZoneSubject, cap = Number.POSITIVE_INFINITY): number {
		const idx = this.zoneIndex;
		if (idx.mode === 'none') return 0;
		if (idx.mode === 'all') return this.byFcid.size;
		let n = 0;
		for (const list of [idx.zonesByWwpn(subject.wwpn), idx.zonesByPort(subject.portKey)]) {
			for (const zone of list) {
				const z = partnersIn(zone, subject);
				n += z.wwpns.length;
				for (const key of z.portKeys) n += this.portByKey(key)?.logins.size ?? 0;
				if (n > cap) return n;
			}
		}
		return n;
	}

	/**
	 * Calls fn once for every login zoned with the subject (the subject itself may be included).
	 * fn must not start another walk (it would reset the visited marks of this one).
	 */
	forEachZonedPeer(subject: ZoneSubject, fn: (peer: FabricLogin) => void): void {
		const idx = this.zoneIndex;
		if (idx.mode === 'none') return;
		if (idx.mode === 'all') {
			for (const l of this.byFcid.values()) fn(l);
			return;
		}
		const zones = idx.zonesOf(subject);
		if (zones.length === 0) return;
		const byWwpn = this.byWwpn;
		if (zones.length === 1) {
			// One zone reaches each login once, except a login on a member port whose WWPN is
			// also a member: skip those on the port walk.
			const z = partnersIn(zones[0]!, subject);
			for (const w of z.wwpns) {
				const l = byWwpn.get(w);
				if (l) fn(l);
			}
			const named = z.wwpns.length > 0;
			for (const key of z.portKeys) {
				const port = this.portByKey(key);
				if (!port) continue;
				for (const l of port.logins.values()) {
					if (named && (z.wwpnSet ? z.wwpnSet.has(l.wwpn) : z.wwpns.includes(l.wwpn))) continue;
					fn(l);
				}
			}
			return;
		}
		// Several zones: mark logins as visited (a stamp per walk, no Set to allocate).
		const stamp = ++this.walkStamp;
		const visit = (l: FabricLogin): void => {
			if (l.walkStamp === stamp) return;
			l.walkStamp = stamp;
			fn(l);
		};
		for (const z of zones) this.forEachMember(partnersIn(z, subject), visit);
	}

	/** Every login zoned with the subject, itself excluded, in zone order. */
	zonedPeers(subject: ZoneSubject): FabricLogin[] {
		const out: FabricLogin[] = [];
		this.forEachZonedPeer(subject, l => {
			if (l !== subject) out.push(l);
		});
		return out;
	}

	private forEachMember(z: ZoneMembers, fn: (l: FabricLogin) => void): void {
		for (const w of z.wwpns) {
			const l = this.byWwpn.get(w);
			if (l) fn(l);
		}
		for (const key of z.portKeys) {
			const port = this.portByKey(key);
			if (port) for (const l of port.logins.values()) fn(l);
		}
	}

	// --- cabling and links ---------------------------------------------------------------------

	plugNPort(port: SwitchPort, endpoint: NPortEndpoint, maxSpeedGbps?: number): void {
		if (port.attachment) throw new FabricError(`${port.sw.name} port ${port.index} is already cabled to ${describeAttachment(port)}`);
		port.attachment = {kind: 'nport', endpoint, maxSpeedGbps};
		if (port.adminDisabled) {
			this.emit(port.sw, 'fabric.link', `port ${port.index} cable plugged (${endpoint.label}), port disabled`, {
				port: port.index,
				state: 'plugged',
				device: endpoint.label,
				wwpn: endpoint.wwpn,
			});
		}
		this.startLink(port);
	}

	unplugPort(port: SwitchPort): void {
		const att = port.attachment;
		if (!att || att.kind !== 'nport') return;
		if (port.link) this.stopLink(port, 'cable');
		else {
			this.emit(port.sw, 'fabric.link', `port ${port.index} cable pulled (${att.endpoint.label})`, {
				port: port.index,
				state: 'unplugged',
				device: att.endpoint.label,
				wwpn: att.endpoint.wwpn,
			});
		}
		port.attachment = null;
	}

	connectIsl(a: SwitchPort, b: SwitchPort): void {
		if (a.sw.fabric !== this || b.sw.fabric !== this) throw new FabricError(`ISL ${a.sw.name}/${a.index} - ${b.sw.name}/${b.index} joins switches of different fabrics`);
		if (a.sw === b.sw) throw new FabricError(`ISL ${a.sw.name}/${a.index} - ${b.index} loops back to the same switch`);
		for (const p of [a, b]) if (p.attachment) throw new FabricError(`${p.sw.name} port ${p.index} is already cabled to ${describeAttachment(p)}`);
		a.attachment = {kind: 'isl', peer: b};
		b.attachment = {kind: 'isl', peer: a};
	}

	private startLink(port: SwitchPort): void {
		const att = port.attachment;
		if (!att || att.kind !== 'nport' || port.adminDisabled || port.link) return;
		const endpoint = att.endpoint;
		const link = new FPortLink(port, endpoint, port.speedGbps);
		port.link = link;
		port.transitions++;
		this.ctx.outbound.post(this.ctx.options.linkUpMs, () => {
			if (!link.alive) return;
			link.delivered = true;
			if (this.recording) this.emit(port.sw, 'fabric.link', `port ${port.index} link up ${link.speedGbps}G (${endpoint.label})`, {
				port: port.index,
				state: 'up',
				speed: link.speedGbps,
				device: endpoint.label,
				wwpn: endpoint.wwpn,
			});
			this.rscn.portChanged({wwpn: endpoint.wwpn, portKey: port.key}, port.baseFcId, 'port-attribute-changed');
			endpoint.linkUp(link);
		});
	}

	private stopLink(port: SwitchPort, cause: LinkStopCause): void {
		const link = port.link;
		if (!link) return;
		link.alive = false;
		port.link = null;
		port.transitions++;
		if (cause === 'cable') {
			port.errors.linkFailureCount++;
			port.errors.lossOfSignalCount++;
		} else if (cause === 'reset') port.errors.lossOfSyncCount++;
		this.logoutPort(port, 'link-down');
		this.emit(port.sw, 'fabric.link', `port ${port.index} link down (${cause}) (${link.endpoint.label})`, {
			port: port.index,
			state: 'down',
			cause,
			device: link.endpoint.label,
			wwpn: link.endpoint.wwpn,
		});
		if (link.delivered) this.ctx.outbound.post(0, () => link.endpoint.linkDown());
	}

	/** Link reset: everything on the port logs out, the N_Port sees linkDown then linkUp. */
	bounceLink(port: SwitchPort, cause: LinkStopCause): void {
		this.stopLink(port, cause);
		this.startLink(port);
	}

	// --- administration ------------------------------------------------------------------------

	setPortEnabled(port: SwitchPort, enabled: boolean): void {
		if (port.adminDisabled === !enabled) return;
		port.adminDisabled = !enabled;
		this.emit(port.sw, 'fabric.port', `port ${port.index} ${enabled ? 'enabled' : 'disabled'}`, {port: port.index, enabled});
		if (enabled) this.startLink(port);
		else this.stopLink(port, 'disabled');
		this.touched();
	}

	setPortNpiv(port: SwitchPort, on: boolean): void {
		if (port.npiv === on) return;
		const was = port.npivEnabled;
		port.npiv = on;
		this.emit(port.sw, 'fabric.port', `port ${port.index} NPIV ${on ? 'on' : 'off'}`, {port: port.index, npiv: on});
		this.npivEffectChanged(port, was);
		this.touched();
	}

	setSwitchNpiv(sw: FcSwitch, on: boolean): void {
		if (sw.npiv === on) return;
		const was = sw.ports.map(p => p.npivEnabled);
		sw.npiv = on;
		this.emit(sw, 'fabric.port', `switch NPIV ${on ? 'on' : 'off'}`, {npiv: on});
		sw.ports.forEach((p, i) => this.npivEffectChanged(p, was[i]!));
		this.touched();
	}

	/**
	 * NPIV turned off: the port's NPIV logins are logged out (receiveLogo). Turned on under a
	 * FLOGI that was told "no NPIV": the link bounces so the N_Port logs in again and learns.
	 */
	private npivEffectChanged(port: SwitchPort, was: boolean): void {
		const now = port.npivEnabled;
		if (was && !now) {
			for (const l of [...port.logins.values()]) if (l.npiv) this.removeLogin(l, 'npiv-off');
		} else if (!was && now && port.base && !port.base.npivAssigned) this.bounceLink(port, 'npiv-on');
	}

	setPortNpivLimit(port: SwitchPort, limit: number): void {
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NPIV_LIMIT) {
			throw new FabricError(`NPIV login limit ${limit} is outside 1-${MAX_NPIV_LIMIT}`);
		}
		if (port.npivLimit === limit) return;
		port.npivLimit = limit;
		this.emit(port.sw, 'fabric.port', `port ${port.index} NPIV login limit ${limit}`, {port: port.index, npivLimit: limit});
		if (port.npivCount > limit) {
			const newestFirst = [...port.logins.values()].filter(l => l.npiv).sort((a, b) => b.seq - a.seq);
			for (const l of newestFirst.slice(0, port.npivCount - limit)) this.removeLogin(l, 'limit');
		}
		this.touched();
	}

	/** Applies to new logins only; logins over a lowered limit stay. */
	setSwitchLoginLimit(sw: FcSwitch, limit: number): void {
		if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 1))) {
			throw new FabricError(`login limit ${limit} must be a positive integer`);
		}
		if (sw.loginLimit === limit) return;
		sw.loginLimit = limit;
		this.emit(sw, 'fabric.port', `switch login limit ${limit}`, {loginLimit: Number.isFinite(limit) ? limit : null});
		this.touched();
	}

	setDuplicatePolicy(sw: FcSwitch, policy: DuplicateWwpnPolicy): void {
		if (sw.duplicateWwpnPolicy === policy) return;
		sw.duplicateWwpnPolicy = policy;
		this.emit(sw, 'fabric.port', `duplicate WWPN policy ${policy}`, {duplicateWwpnPolicy: policy});
		this.touched();
	}

	setPortName(port: SwitchPort, name: string): void {
		if (port.name === name) return;
		port.name = name;
		this.touched();
	}

	/** Fixed port speed in Gb/s, or undefined to auto-negotiate. Takes effect at the next link-up. */
	setPortSpeed(port: SwitchPort, speedGbps: number | undefined): void {
		if (port.fixedSpeedGbps === speedGbps) return;
		port.fixedSpeedGbps = speedGbps;
		this.touched();
	}

	// --- effective zoning ----------------------------------------------------------------------

	cfgEnable(cfgName: string, at: FcSwitch = this.principal): void {
		const effective = this.zoning.buildEffective(cfgName);
		this.zoning.effective = effective;
		this.zoning.transactionOpen = false;
		const zones = effective.zones.length;
		this.applyZoning(ZoneIndex.of(effective, this.zoning.defaultZone === 'all-access'));
		this.emit(at, 'fabric.zoning', `cfgenable ${cfgName} (${zones} zone${zones === 1 ? '' : 's'})`, {op: 'cfgenable', cfg: cfgName, zones});
		this.touched();
	}

	cfgDisable(at: FcSwitch = this.principal): void {
		const old = this.zoning.effective?.name ?? null;
		this.zoning.effective = null;
		this.zoning.transactionOpen = false;
		this.applyZoning(ZoneIndex.of(null, this.zoning.defaultZone === 'all-access'));
		this.emit(at, 'fabric.zoning', `cfgdisable${old ? ` ${old}` : ''} (default zone ${this.zoning.defaultZone})`, {op: 'cfgdisable', cfg: old});
		this.touched();
	}

	setDefaultZone(mode: DefaultZoneMode, at: FcSwitch = this.principal): void {
		if (this.zoning.defaultZone === mode) return;
		this.zoning.defaultZone = mode;
		if (!this.zoning.effective) this.applyZoning(ZoneIndex.of(null, mode === 'all-access'));
		this.emit(at, 'fabric.zoning', `defzone ${mode}`, {op: 'defzone', mode});
		this.touched();
	}

	/** Loads a saved zoning state (build time: no RSCNs, nobody is logged in yet). */
	loadZoning(state: FabricZoningState): void {
		this.zoning.load(state);
		this.zoneIndex = ZoneIndex.of(this.zoning.effective, this.zoning.defaultZone === 'all-access');
	}

	exportZoning(): FabricZoningState {
		return this.zoning.export();
	}

	/**
	 * Edits the defined zoning configuration (Brocade transaction semantics: nothing changes in
	 * the fabric until cfgenable). Throws ZoningError with a message for the operator.
	 */
	editZoning(op: ZoningEditOp, name: string, list: readonly string[] = [], at: FcSwitch = this.principal): void {
		const db = this.zoning;
		switch (op) {
			case 'alicreate': db.aliCreate(name, list); break;
			case 'aliadd': db.aliAdd(name, list); break;
			case 'aliremove': db.aliRemove(name, list); break;
			case 'alidelete': db.aliDelete(name); break;
			case 'zonecreate': db.zoneCreate(name, list); break;
			case 'zoneadd': db.zoneAdd(name, list); break;
			case 'zoneremove': db.zoneRemove(name, list); break;
			case 'zonedelete': db.zoneDelete(name); break;
			case 'cfgcreate': db.cfgCreate(name, list); break;
			case 'cfgadd': db.cfgAdd(name, list); break;
			case 'cfgremove': db.cfgRemove(name, list); break;
			case 'cfgdelete': db.cfgDelete(name); break;
		}
		this.emit(at, 'fabric.zoning', `${op} ${name}${list.length > 0 ? ` ${list.join('; ')}` : ''}`, {op, name, members: [...list]});
	}

	/** cfgsave: commits the defined configuration; false when there was nothing to save. */
	cfgSave(at: FcSwitch = this.principal): boolean {
		if (!this.zoning.transactionOpen) return false;
		this.zoning.cfgSave();
		this.emit(at, 'fabric.zoning', 'cfgsave', {op: 'cfgsave'});
		return true;
	}

	/** cfgclear: empties the defined configuration (the effective one stays until cfgdisable). */
	cfgClear(at: FcSwitch = this.principal): void {
		this.zoning.cfgClear();
		this.emit(at, 'fabric.zoning', 'cfgclear', {op: 'cfgclear'});
	}

	private applyZoning(next: ZoneIndex): void {
		const affected = this.zoningAffected(this.zoneIndex, next);
		this.zoneIndex = next;
		this.rscn.zoningChanged(affected);
	}

	/** Logins whose set of zone peers may differ between two zoning states. */
	private zoningAffected(before: ZoneIndex, after: ZoneIndex): Iterable<FabricLogin> {
		if (before.mode !== 'zones' && before.mode === after.mode) return [];
		if (before.mode === 'all' || after.mode === 'all') return [...this.byFcid.values()];
		const members = (m: ZoneMembers): string => `${m.wwpns.join(',')}\u0000${m.portKeys.join(',')}`;
		const key = (z: CompiledZone): string => `${z.name}\u0000${members(z)}\u0000${z.peer ? members(z.peer.principals) : '-'}`;
		const beforeKeys = new Set(before.zones.map(key));
		const afterKeys = new Set(after.zones.map(key));
		const changed = [...before.zones.filter(z => !afterKeys.has(key(z))), ...after.zones.filter(z => !beforeKeys.has(key(z)))];
		const out = new Set<FabricLogin>();
		for (const z of changed) this.forEachMember(z, l => out.add(l));
		return out;
	}

	private touched(): void {
		this.adminRevision++;
		this.ctx.adminChanged();
	}

	// --- events --------------------------------------------------------------------------------

	/** False while the event log is muted: hot paths skip formatting events nobody keeps. */
	get recording(): boolean {
		return isRecording(this.ctx.log);
	}

	emit(sw: FcSwitch, type: string, summary: string, data: Record<string, EventValue>): void {
		this.ctx.log.emit(sw.name, type, summary, data);
	}
}

export function describeAttachment(port: SwitchPort): string {
	const att = port.attachment;
	if (!att) return 'nothing';
	if (att.kind === 'nport') return att.endpoint.label;
	return `${att.peer.sw.name} port ${att.peer.index} (ISL)`;
}


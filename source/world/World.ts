/**
 * The SAN as a whole, built from the store's lab configuration: fabrics and loops, arrays, every
 * host's FC stack, and the Xen hosts with their domains. A world comes to life one of two ways:
 *
 * - boot: the cables are plugged, every port logs in and discovers, each host's NPIV port list is
 *   replayed, the domains that were running start, all to quiescence (a new lab, a scenario load,
 *   a configuration edited by hand);
 * - restore: the live state the store kept (see WorldLive) is put back as it was, with no event
 *   and no login. Its parts come back when first touched: the core (fabric logins, target
 *   sessions, links), each host's FC stack on its own, and the Xen side. A command about one host
 *   of a 100,000-port lab rebuilds that host and nothing else, and what it never touched is saved
 *   back as the text it was read from.
 *
 * `exportLab` gives back what an administrator configured, in LabConfig shapes; `saveLive` what
 * the SAN reached. Both are taken only when the simulator is idle.
 */
import {HostFcStack} from '../driver/HostFcStack.js';
import {loadHostLive, saveHostLive, type HostLive} from '../driver/HostLive.js';
import {buildFabrics, loadDirectMediaLive, loadFabricLive, saveDirectMediaLive, saveFabricLive, type DirectMediaLive, type FabricLive, type FabricSet} from '../fabric/index.js';
import type {FcaPort} from '../driver/FcaPort.js';
import type {NPortEndpoint} from '../fabric/NPort.js';
import {createHbaApi, type HbaApiLive} from '../hbaapi/HbaLibrary.js';
import type {HbaApi, HbaApiVportViews} from '../hbaapi/types.js';
import {EventLog} from '../sim/EventLog.js';
import type {FcId} from '../sim/FcId.js';
import {Prng, type PrngState} from '../sim/Prng.js';
import {Simulator} from '../sim/Simulator.js';
import type {Wwn} from '../sim/Wwn.js';
import {buildArrays, exportArrays, loadTargetPortLive, saveTargetPortLive, type LoginsNow, type RestoredLogins, type StorageArray, type TargetPort, type TargetPortLive} from '../storage/index.js';
import type {XenWorldLive} from '../xvm/XenLive.js';
import {XenWorld} from '../xvm/XenWorld.js';
import {Cable, connect, disconnect, resolveEnd, type ResolvedEnd} from './Cabling.js';
import type {HostConfig, LabConfig} from './LabConfig.js';
import {sameJson} from './JsonEquality.js';
import {liveText, type LiveText, type WorldDocument, type WorldLive} from './WorldDocument.js';
import {WorldError} from './WorldError.js';
import {WwnLedger} from './WwnLedger.js';

export const EVENT_CAPACITY = 5000;

/** One host: its configuration, its FC stack, and its SMF npiv port list (mutable). */
export interface WorldHost {
	readonly config: HostConfig;
	readonly stack: HostFcStack;
	/** npiv_config/port_list: replaced (never changed in place) by fcadm create/delete. */
	npivPorts: readonly string[];
	/** A new HBA-API library on this host (see World.hbaLibrary). */
	openLibrary(): HbaLibrary;
}

export interface BootOptions {
	/** Record boot events (a new store, a loaded scenario); otherwise the boot is a silent re-derivation. */
	readonly record?: boolean;
	/**
	 * Told how far the boot is, now and then (a 100,000-port boot takes seconds): the phase, and
	 * the share of fp instances online (0..1) while ports log in.
	 */
	readonly onProgress?: (phase: BootPhase, done: number) => void;
}

/**
 * Runs the npiv_config SMF service on one host: `fcadm create-port-list` re-creates its saved
 * virtual ports. The commands layer owns fcadm, so whoever boots the world passes this in.
 */
export type PortListReplay = (host: string) => void;

export type BootPhase = 'cabling' | 'logins' | 'port lists' | 'domains' | 'done';

/** Simulator events between two progress reports during a boot. */
const PROGRESS_EVERY = 100_000;

/** A fabric's live part: its logins and links, and the target ports cabled to it. */
interface FabricPart {
	readonly fabric: FabricLive;
	readonly targets: readonly TargetPortLive[];
}

/** The live part of everything not on a fabric: loops, point-to-point cables, their target ports (and unplugged ones). */
interface MediaPart {
	readonly direct: DirectMediaLive;
	readonly targets: readonly TargetPortLive[];
}

interface Core {
	readonly arrays: StorageArray[];
	readonly cables: Cable[];
	readonly endpoints: Map<string, NPortEndpoint>;
}

export type HbaLibrary = HbaApi & HbaApiVportViews & HbaApiLive;

export class World {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly prng: Prng;
	readonly wwns: WwnLedger;
	private readonly base: LabConfig;
	private readonly fabricSet: FabricSet;
	private readonly hostList: WorldHost[];
	private readonly xenWorld: XenWorld;
	/** xennpivd's library on each Xen host: long-lived, its handles and callbacks are live state. */
	private readonly daemonLibraries = new Map<string, HbaLibrary>();
	private core: Core | undefined;
	/** Saved state not yet put back (restore), and the saved texts to write back untouched. */
	private readonly saved: WorldLive | undefined;
	/** Saved parts of the core not yet put back: the loops and cables, and each fabric by name. */
	private pendingMedia: LiveText | undefined;
	private readonly pendingFabrics = new Map<string, LiveText>();
	/**
	 * The big parts (each fabric, the media) as last restored or written: the value and its text.
	 * A part rebuilt the same is given back as that text (sameJson), so a lab that stays open (a
	 * server, a console) does not write 5 MB per fabric after every command to find nothing moved.
	 * Only parts whose saved value nothing keeps a hand on are memoised (the fabric and media
	 * restores read their saved values and copy what they keep).
	 */
	private readonly partTexts = new Map<string, {readonly value: unknown; readonly text: LiveText}>();
	private pendingXen: LiveText | undefined;
	/** Links of host ports not yet restored, as the core had them when it came back. */
	private readonly coreLinks = new Map<FcaPort, import('../fabric/NPort.js').NPortLink | undefined>();
	private adminChanges = 0;
	/** `fault npiv off` targets in force (LabConfig.faults), in the order they were injected. */
	private npivFaults: readonly string[];
	/** The fabrics' administrative revision once built from the configuration (loading zoning counts). */
	private readonly fabricRevisionAsBuilt: number;
	private booted = false;

	/**
	 * Builds the world's parts from the configuration. With `live` (the document's saved state)
	 * the world is restored and needs no boot; without, call boot().
	 */
	constructor(doc: WorldDocument, options: {readonly live?: WorldLive} = {}) {
		const lab = doc.lab;
		this.base = lab;
		this.npivFaults = lab.faults?.npivOff ?? [];
		this.sim = new Simulator(doc.clock);
		this.log = new EventLog(this.sim, EVENT_CAPACITY);
		this.log.restore(doc.events);
		this.prng = new Prng(doc.prng as unknown as PrngState);
		this.wwns = new WwnLedger(lab, doc.retiredWwns);
		const live = options.live;
		// Restoring, building announces nothing and leaves nothing to run: the saved state already
		// is the outcome of everything the constructors would start (a watch's first event, say).
		const quiet = <T>(fn: () => T): T => (live ? this.log.quietly(fn) : fn());
		this.fabricSet = quiet(() => buildFabrics(lab, this.sim, this.log, {onAdminChange: () => this.adminChanges++}));
		this.fabricRevisionAsBuilt = this.fabricSet.adminRevision;
		this.hostList = quiet(() =>
			lab.hosts.map(config => ({
				config,
				stack: new HostFcStack({host: config, sim: this.sim, log: this.log, wwnRegistry: this.wwns}),
				npivPorts: config.npivPorts,
				openLibrary: () => this.hbaLibrary(config.name),
			})),
		);
		if (!live) this.core = this.buildCore();
		this.xenWorld = quiet(() => new XenWorld({sim: this.sim, log: this.log, prng: this.prng, hbaApiOf: name => this.daemonLibrary(name)}, lab.hosts, lab.domains));
		if (!live) return;
		this.sim.discardPending();
		this.saved = live;
		this.booted = true;
		this.pendingMedia = live.media;
		if (live.fabrics.length !== lab.fabrics.length) throw new WorldError(`the saved live state has ${live.fabrics.length} fabrics; the configuration has ${lab.fabrics.length}`);
		lab.fabrics.forEach((f, i) => this.pendingFabrics.set(f.name, live.fabrics[i]!));
		this.pendingXen = live.xen;
		if (live.hosts.length !== this.hostList.length) throw new WorldError(`the saved live state has ${live.hosts.length} hosts; the configuration has ${this.hostList.length}`);
		this.hostList.forEach((h, i) => {
			const part = live.hosts[i]!;
			h.stack.deferLive(() => {
				this.quietRestore(() => loadHostLive(h.stack, parsePart(part, `host ${h.config.name}`) as HostLive, port => this.bindLink(port)));
				for (const port of h.stack.ports) this.bindIfRestored(port);
				// xennpivd listens to a Xen host's stack: whatever touches the stack must find it there.
				if (h.config.kind === 'xen') void this.xen;
			});
		});
	}

	// ---- boot ------------------------------------------------------------------------------

	/** Brings the lab up to quiescence. */
	boot(portLists: PortListReplay, options: BootOptions = {}): void {
		if (this.booted) throw new WorldError('the world is already booted');
		this.booted = true;
		const progress = options.onProgress;
		const settle = (phase: BootPhase): void => {
			if (!progress) {
				this.sim.runUntilIdle();
				return;
			}
			let n = 0;
			while (this.sim.step()) if (++n % PROGRESS_EVERY === 0) progress(phase, this.onlineShare());
		};
		const run = (): void => {
			progress?.('cabling', 0);
			const core = this.ensureCore();
			for (const cable of core.cables) if (cable.connected) connect(this.fabricSet, cable);
			settle('logins');
			progress?.('port lists', 0);
			this.hostList.forEach((host, i) => {
				if (host.npivPorts.length > 0) portLists(host.config.name);
				if (progress && i % 25 === 24) progress('port lists', (i + 1) / this.hostList.length);
			});
			settle('logins');
			progress?.('domains', this.onlineShare());
			this.xenWorld.boot();
			settle('domains');
			progress?.('done', 1);
		};
		if (options.record) run();
		else this.log.quietly(run);
		this.adminChanges = 0;
	}

	runUntilIdle(): number {
		return this.sim.runUntilIdle();
	}

	/** The share of fp instances (physical and virtual, from the port lists) that are online. */
	private onlineShare(): number {
		let online = 0;
		let total = 0;
		for (const h of this.hostList) {
			total += h.npivPorts.length;
			for (const fp of h.stack.fpPorts()) {
				if (fp.virtual) {
					if (fp.state === 'online') online++;
				} else {
					total++;
					if (fp.state === 'online') online++;
				}
			}
		}
		return total === 0 ? 1 : Math.min(1, online / total);
	}

	// ---- parts -----------------------------------------------------------------------------

	get fabrics(): FabricSet {
		this.ensureAllFabrics();
		return this.fabricSet;
	}

	get arrays(): StorageArray[] {
		return this.ensureAllFabrics().arrays;
	}

	get cables(): Cable[] {
		return this.ensureAllFabrics().cables;
	}

	/** Every host, each one's saved state put back. */
	get hosts(): readonly WorldHost[] {
		for (const h of this.hostList) h.stack.materialize();
		return this.hostList;
	}

	host(name: string): WorldHost | undefined {
		const h = this.hostList.find(x => x.config.name === name);
		h?.stack.materialize();
		return h;
	}

	/** Host names in configuration order, without touching any host. */
	get hostNames(): readonly string[] {
		return this.hostList.map(h => h.config.name);
	}

	/** The configuration of a host, without touching its FC stack. */
	hostConfig(name: string): HostConfig | undefined {
		return this.hostList.find(x => x.config.name === name)?.config;
	}

	get xen(): XenWorld {
		const text = this.pendingXen;
		if (text !== undefined) {
			this.pendingXen = undefined;
			for (const h of this.xenWorld.hosts) this.host(h.name);
			this.quietRestore(() => this.xenWorld.restoreLive(parsePart(text, 'the Xen side') as XenWorldLive));
		}
		return this.xenWorld;
	}

	/**
	 * A new HBA-API library on a host's stack, as a process gets when it loads libHBAAPI: its
	 * handles and callbacks are its own and end with it (fcinfo, fcadm, the console's panes).
	 */
	hbaLibrary(hostName: string): HbaLibrary {
		const h = this.host(hostName);
		if (!h) throw new WorldError(`no host named '${hostName}'`);
		return createHbaApi(h.stack, {sim: this.sim, wwnRegistry: this.wwns, prng: this.prng});
	}

	private daemonLibrary(hostName: string): HbaLibrary {
		let lib = this.daemonLibraries.get(hostName);
		if (!lib) {
			const h = this.hostList.find(x => x.config.name === hostName);
			if (!h) throw new WorldError(`no host named '${hostName}'`);
			lib = createHbaApi(h.stack, {sim: this.sim, wwnRegistry: this.wwns, prng: this.prng});
			this.daemonLibraries.set(hostName, lib);
		}
		return lib;
	}

	/** Counts administrative changes that happened through models that report them (fabric). */
	get adminChangeCount(): number {
		return this.adminChanges;
	}

	// ---- the core: arrays, cables, fabric runtime --------------------------------------------

	private buildCore(): Core {
		const arrays = buildArrays(this.base.arrays, this.sim, this.log, {restoring: this.saved !== undefined});
		const parts = {fabrics: this.fabricSet, hosts: this.hostList.map(h => h.stack), arrays};
		const cables = this.base.cables.map(c => new Cable(c, resolveEnd(parts, c.a), resolveEnd(parts, c.b)));
		const endpoints = new Map<string, NPortEndpoint>();
		for (const c of cables) for (const e of c.nports()) endpoints.set(e.label, e);
		return {arrays, cables, endpoints};
	}

	/**
	 * The core's parts built from the configuration (arrays, cables) and, when restoring, the
	 * cabling and the loops and point-to-point cables put back. Fabrics come back one by one
	 * (ensureFabric), when something reaches them.
	 */
	private ensureCore(): Core {
		if (this.core) return this.core;
		const core = this.quietRestore(() => this.buildCore());
		this.core = core;
		const media = this.pendingMedia;
		if (media === undefined) return core;
		this.pendingMedia = undefined;
		this.quietRestore(() => {
			this.restoreCabling(core);
			const part = parsePart(media, 'the loops and point-to-point cables') as MediaPart;
			this.partTexts.set('media', {value: part, text: media});
			loadDirectMediaLive(this.fabricSet, part.direct, key => core.endpoints.get(key));
			for (const t of part.targets) {
				const port = this.targetPort(core, t);
				loadTargetPortLive(port, t, this.directLoginsAsRestored(port), this.fabricSet.linkOf(port));
			}
			this.bindHostLinks(port => this.fabricSet.attachmentOf(port)?.kind !== 'switch');
		});
		return core;
	}

	/** A fabric's saved part put back: its links and logins, and the target ports cabled to it. */
	private ensureFabric(name: string): void {
		const core = this.ensureCore();
		const text = this.pendingFabrics.get(name);
		if (text === undefined) return;
		this.pendingFabrics.delete(name);
		this.quietRestore(() => {
			const part = parsePart(text, `fabric ${name}`) as FabricPart;
			this.partTexts.set(`fabric:${name}`, {value: part, text});
			const fabric = this.fabricSet.requireFabric(name);
			loadFabricLive(fabric, part.fabric);
			const restored = loginsAsRestored(part.fabric);
			for (const t of part.targets) {
				const port = this.targetPort(core, t);
				loadTargetPortLive(port, t, restored, this.fabricSet.linkOf(port));
			}
			this.bindHostLinks(port => this.fabricSet.fabricOf(port) === fabric);
		});
	}

	private ensureAllFabrics(): Core {
		const core = this.ensureCore();
		for (const name of [...this.pendingFabrics.keys()]) this.ensureFabric(name);
		return core;
	}

	private restoreCabling(core: Core): void {
		const set = this.fabricSet;
		for (const cable of core.cables) {
			if (!cable.connected) continue;
			const {a, b} = cable;
			if (a.kind === 'nport' && b.kind === 'nport') {
				set.restorePointToPoint(a.endpoint, b.endpoint);
				continue;
			}
			const nport = a.kind === 'nport' ? a : b.kind === 'nport' ? b : undefined;
			const medium = nport === a ? b : a;
			if (!nport) throw new WorldError(`cable ${cable.label}: joins two switch or loop ports`);
			if (medium.kind === 'switch') set.restoreAttachment(nport.endpoint, {switch: medium.switch, port: medium.port}, {maxSpeedGbps: nport.maxSpeedGbps});
			else if (medium.kind === 'loop') set.restoreAttachment(nport.endpoint, {loop: medium.loop});
		}
	}

	private targetPort(core: Core, t: TargetPortLive): TargetPort {
		const port = core.arrays.find(a => a.name === t.array)?.ports.find(p => p.name === t.name);
		if (!port) throw new WorldError(`the saved live state names target port ${t.array}/${t.name}, which the configuration does not have`);
		return port;
	}

	/**
	 * Host ports on a medium just put back learn their link: at once for hosts already restored,
	 * later (coreLinks) for the others, as the medium had it now.
	 */
	private bindHostLinks(onMedium: (port: FcaPort) => boolean): void {
		for (const h of this.hostList) {
			for (const port of h.stack.ports) {
				if (!onMedium(port)) continue;
				const link = this.fabricSet.linkOf(port);
				if (h.stack.deferred) this.coreLinks.set(port, link);
				else port.bindRestoredLink(link);
			}
		}
	}

	/**
	 * A restored host port's link, when it is asked for: its medium is put back if it is not yet
	 * (the port then learns its link, see bindHostLinks).
	 */
	private bindLink(port: FcaPort): void {
		this.ensureCore();
		const fabric = this.fabricSet.fabricOf(port);
		if (fabric) this.ensureFabric(fabric.name);
		this.bindIfRestored(port);
		port.bindRestoredLink(undefined);
	}

	/** A just-restored host port learns its link if its medium is back already. */
	private bindIfRestored(port: FcaPort): void {
		if (!this.coreLinks.has(port)) return;
		port.bindRestoredLink(this.coreLinks.get(port));
		this.coreLinks.delete(port);
	}

	/** For target ports on loops and cables: who was at each address when they were restored. */
	/** Who was at each address of the loop or point-to-point cable an endpoint is on, as restored. */
	private directLoginsAsRestored(endpoint: NPortEndpoint): RestoredLogins {
		const att = this.fabricSet.attachmentOf(endpoint);
		const members = !att || att.kind === 'switch' ? [] : att.kind === 'loop' ? att.loop.liveMembers() : att.cable.ends;
		const others = members.filter(m => m.endpoint !== endpoint).map(m => ({fcid: m.id, wwpn: m.endpoint.wwpn, wwnn: m.endpoint.wwnn}));
		return {
			at: fcid => others.find(m => m.fcid === fcid),
			is: (fcid, wwpn, wwnn) => others.some(m => m.fcid === fcid && m.wwpn === wwpn && m.wwnn === wwnn),
			fcidOf: wwpn => others.find(m => m.wwpn === wwpn)?.fcid,
		};
	}

	/** Who is logged in at each N_Port_ID on the medium an endpoint is cabled to, now. */
	private loginsNow(endpoint: NPortEndpoint): LoginsNow {
		const att = this.fabricSet.attachmentOf(endpoint);
		if (!att) return {at: () => undefined, movedSinceRestore: () => true, movedIds: () => undefined};
		if (att.kind === 'switch') {
			const fabric = att.port.sw.fabric;
			return {at: fcid => fabric.loginById(fcid), movedSinceRestore: fcid => fabric.movedSince(fcid), movedIds: () => fabric.movedIds()};
		}
		const members = att.kind === 'loop' ? att.loop.liveMembers() : att.cable.ends;
		return {at: fcid => members.find(x => x.id === fcid && x.endpoint !== endpoint)?.endpoint, movedSinceRestore: () => true, movedIds: () => undefined};
	}

	/** Runs a restore step without recording events; it must leave nothing to run. */
	private quietRestore<T>(fn: () => T): T {
		const pending = this.sim.pending;
		const result = this.log.quietly(fn);
		if (this.sim.pending !== pending) throw new WorldError('restoring saved state scheduled work (a bug)');
		return result;
	}

	// ---- cables ----------------------------------------------------------------------------

	/** Finds the cable on an end given as `switch/port`, `host/WWPN`, `array/port` or `loop:name`. */
	findCable(endText: string): Cable | undefined {
		const end = this.resolveEndText(endText);
		return end ? this.cables.find(c => c.touches(end)) : undefined;
	}

	resolveEndText(text: string): ResolvedEnd | undefined {
		const core = this.ensureCore();
		const parts = {fabrics: this.fabricSet, hosts: this.hostList.map(h => h.stack), arrays: core.arrays};
		const m = /^([^/]+)\/(.+)$/.exec(text.trim());
		const loop = /^loop:(.+)$/.exec(text.trim());
		try {
			if (loop) return resolveEnd(parts, {loop: loop[1]!});
			if (!m) return undefined;
			const [, owner, rest] = m as unknown as [string, string, string];
			if (this.fabricSet.switch(owner)) return resolveEnd(parts, {switch: owner, port: Number(rest)});
			if (this.hostList.some(h => h.config.name === owner)) return resolveEnd(parts, {host: owner, wwpn: rest});
			if (core.arrays.some(a => a.name === owner)) return resolveEnd(parts, {array: owner, port: rest});
		} catch {
			return undefined;
		}
		return undefined;
	}

	pullCable(cable: Cable): boolean {
		if (!cable.connected) return false;
		disconnect(this.fabrics, cable);
		cable.connected = false;
		this.log.emit('world', 'world.cable.pull', `cable pulled: ${cable.label}`, {cable: cable.label});
		return true;
	}

	plugCable(cable: Cable): boolean {
		if (cable.connected) return false;
		connect(this.fabrics, cable);
		cable.connected = true;
		this.log.emit('world', 'world.cable.plug', `cable plugged: ${cable.label}`, {cable: cable.label});
		return true;
	}

	/** Records that `fault npiv off|on` turned NPIV off (or back on) at `target` (SWITCH or SWITCH/PORT). */
	recordNpivFault(target: string, off: boolean): void {
		const rest = this.npivFaults.filter(t => t !== target);
		this.npivFaults = off ? [...rest, target] : rest;
	}

	/** The `fault npiv off` targets recorded (whether NPIV is still off there is the fabric's to say). */
	get npivFaultTargets(): readonly string[] {
		return this.npivFaults;
	}

	// ---- export ----------------------------------------------------------------------------

	/**
	 * The configuration as it now is; parts never touched are given back as they were read. The
	 * core's configuration can change only through the world's accessors (fabrics, arrays,
	 * cables), which put the whole core back: until then it is as read.
	 */
	exportLab(): LabConfig {
		const core = this.core && this.pendingFabrics.size === 0 && this.pendingMedia === undefined ? this.core : undefined;
		// Fabrics and switches that no administrative change touched are their configuration as given.
		const {fabrics, switches} = core && this.fabricSet.adminRevision !== this.fabricRevisionAsBuilt ? this.fabricSet.exportConfig() : {fabrics: this.base.fabrics, switches: this.base.switches};
		const {faults: _asRead, ...base} = this.base;
		const asRead = this.base.faults?.npivOff ?? [];
		const sameFaults = asRead.length === this.npivFaults.length && asRead.every((t, i) => t === this.npivFaults[i]);
		const faults = sameFaults ? this.base.faults : this.npivFaults.length > 0 ? {npivOff: [...this.npivFaults]} : undefined;
		return {
			...base,
			...(faults ? {faults} : {}),
			fabrics,
			switches,
			// A host whose port list fcadm never replaced is its configuration as given, the very object.
			hosts: this.hostList.map(h => (h.npivPorts === h.config.npivPorts ? h.config : {...h.config, npivPorts: [...h.npivPorts]})),
			arrays: core ? (exportArrays(core.arrays) as LabConfig['arrays']) : this.base.arrays,
			cables: core ? core.cables.map(c => c.toConfig()) : this.base.cables,
			domains: this.pendingXen === undefined ? this.xenWorld.exportDomains() : this.base.domains,
		};
	}

	/**
	 * The live state to save (the simulator must be idle). Parts never touched since the restore
	 * are the saved texts, unchanged.
	 */
	saveLive(): WorldLive {
		if (this.sim.pending > 0) throw new WorldError(`the SAN is busy (${this.sim.pending} events pending): its live state cannot be saved now`);
		const saved = this.saved;
		const core = this.core;
		const part = (value: unknown): LiveText => liveText(JSON.stringify(value));
		const media = core && this.pendingMedia === undefined ? this.memoPart('media', this.mediaPart(core)) : saved?.media;
		const fabrics = this.base.fabrics.map((f, i) => {
			const kept = this.pendingFabrics.get(f.name) ?? (core ? undefined : saved?.fabrics[i]);
			return kept ?? this.memoPart(`fabric:${f.name}`, this.fabricPart(core!, f.name));
		});
		const xen = this.pendingXen === undefined ? part(this.xenWorld.saveLive()) : saved?.xen;
		if (media === undefined || xen === undefined) throw new WorldError('live state missing (a bug)');
		return {
			media,
			fabrics,
			hosts: this.hostList.map((h, i) => (h.stack.deferred ? saved!.hosts[i]! : part(saveHostLive(h.stack)))),
			xen,
		};
	}

	private memoPart(key: string, value: unknown): LiveText {
		const memo = this.partTexts.get(key);
		if (memo && sameJson(memo.value, value)) return memo.text;
		const text = liveText(JSON.stringify(value));
		this.partTexts.set(key, {value, text});
		return text;
	}

	/**
	 * A fabric's part. What it writes becomes the base the next save starts from: the logins'
	 * columns, the target ports' session tables against those logins, and the moves counted from now.
	 */
	private fabricPart(core: Core, name: string): FabricPart {
		const fabric = this.fabricSet.requireFabric(name);
		const live = saveFabricLive(fabric);
		const written = loginsAsRestored(live);
		const targets: TargetPortLive[] = [];
		for (const a of core.arrays) for (const p of a.ports) if (this.fabricSet.fabricOf(p) === fabric) targets.push(saveTargetPortLive(p, a.name, this.loginsNow(p), written));
		fabric.rebaseRestore();
		return {fabric: live, targets};
	}

	private mediaPart(core: Core): MediaPart {
		const targets: TargetPortLive[] = [];
		for (const a of core.arrays) for (const p of a.ports) if (!this.fabricSet.fabricOf(p)) targets.push(this.targetPortPart(a.name, p));
		return {direct: saveDirectMediaLive(this.fabricSet, e => e.label), targets};
	}

	private targetPortPart(array: string, port: TargetPort): TargetPortLive {
		return saveTargetPortLive(port, array, this.loginsNow(port), this.directLoginsAsRestored(port));
	}
}

/**
 * Who was logged in at each N_Port_ID of a fabric as saved, read from its login columns (WWNs are
 * 16-digit texts end to end): nothing is built until a session is looked up.
 */
function loginsAsRestored(fabric: FabricLive): RestoredLogins {
	const L = fabric.logins;
	let index: Map<number, number> | undefined;
	const indexOf = (fcid: FcId): number | undefined => {
		if (!index) {
			index = new Map();
			for (let i = 0; i < L.fcid.length; i++) index.set(L.fcid[i]!, i);
		}
		return index.get(fcid);
	};
	return {
		at: fcid => {
			const i = indexOf(fcid);
			return i === undefined ? undefined : {wwpn: L.wwpn.slice(i * 16, i * 16 + 16) as Wwn, wwnn: L.wwnn.slice(i * 16, i * 16 + 16) as Wwn};
		},
		is: (fcid, wwpn, wwnn) => {
			const i = indexOf(fcid);
			return i !== undefined && L.wwpn.startsWith(wwpn, i * 16) && L.wwnn.startsWith(wwnn, i * 16);
		},
		fcidOf: wwpn => {
			for (let at = L.wwpn.indexOf(wwpn); at >= 0; at = L.wwpn.indexOf(wwpn, at + 1)) if (at % 16 === 0) return L.fcid[at / 16] as FcId;
			return undefined;
		},
	};
}

/** A saved part as JSON; a part that does not parse is named (the store's live state is damaged). */
function parsePart(part: LiveText, what: string): unknown {
	try {
		return JSON.parse(part.text) as unknown;
	} catch (error) {
		throw new WorldError(`the store's saved state of ${what} is damaged (${(error as Error).message}); 'npiv scenario reset' starts the lab afresh`);
	}
}

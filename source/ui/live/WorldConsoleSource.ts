/**
 * The console over the real simulated SAN: a World booted from the store document, its simulated
 * clock following the wall clock (1x, 10x, 100x; paused; stepped), and every action run as the
 * `npiv` command line that does it (fcadm, xm, fault), through the same dispatcher as the CLI, so
 * that the console and a shell change the SAN and the store the same way.
 *
 * Snapshots: the header is rebuilt when the clock moves, the panes only when the world changed
 * (the simulator ran events, the log moved, an action ran), and each pane lazily, the first time
 * a snapshot's rows are read: a pane nobody looks at costs nothing, and a keypress (which reads
 * the same snapshot again) never rebuilds rows. Rebuilt rows keep the identity of unchanged rows
 * and of unchanged lists (RowList). While the SAN is busy, a big world is republished at most
 * every few times the last rebuild took, so that rebuilding never starves the keyboard.
 *
 * Two clock modes: `wall` (a ticker; the live console) and `manual` (advance() only; session
 * replays, tests, the benchmark).
 */
import {readNpivSpec} from '../../xvm/NpivSpec.js';
import {commandError, type CommandOutput} from '../../commands/CommandOutput.js';
import type {GlobalOptions} from '../../commands/GlobalOptions.js';
import {parseWwn} from '../../sim/Wwn.js';
import type {Store, StoreDocument} from '../../store/index.js';
import {World} from '../../world/World.js';
import type {WorldDocument} from '../../world/WorldDocument.js';
import type {
	ActionResult,
	AdapterRow,
	BusyInfo,
	ClockSpeed,
	CommandResult,
	ConsoleActions,
	ConsoleSnapshot,
	ConsoleSource,
	CreateVirtualPortRequest,
	DetailView,
	DomainRow,
	DomainVerb,
	EventRow,
	FabricView,
	HeaderFacts,
	HostRow,
	LinkRef,
	LunRow,
	NameServerRow,
	WorkNotice,
	PaneId,
	RowKey,
	SwitchPortRow,
	SwitchRow,
	VportRow,
	ZoneRow,
	ZoningSummary,
} from '../model/ConsoleSource.js';
import {cablesByWwpn} from './Cabling.js';
import {isRefusal, parseConsoleLine, type ConsoleLine} from './CommandLine.js';
import {completeLine} from './Completion.js';
import {adapterDetail, eventDetail, fabricDetail, hostOfPort, lunDetail, vportDetail} from './Details.js';
import {activeMigrations, domainCount, domainDetail, domainHost, domainRows, migrationView, xenFacts, xvmOf} from './DomainView.js';
import {EventRows} from './EventRows.js';
import {HbaPanes} from './HbaRows.js';
import {LiveClock} from './LiveClock.js';
import {NameServerRows, switchPortRows, switchRows, zoneRows, zoningSummaries} from './FabricRows.js';
import {PortNames} from './PortNames.js';
import {RowList, sameRow} from './RowList.js';
import {Lab} from '../../lab/Lab.js';
import {LiveLab, type SaveOutcome} from '../../lab/LiveLab.js';
import {isStoreError, STORE_VERSION} from '../../store/index.js';
import {readInputFile} from '../../store/InputFile.js';
import {shown} from '../../commands/ShownValue.js';
import {canCreateOutputFile, writeOutputFile} from '../../store/OutputFile.js';
import {NO_XEN, type XenFacts} from './XenFacts.js';
import type {Migration} from '../../xvm/Migration.js';
import {domainVerbRefusal} from '../../xvm/DomainVerbRefusal.js';
import {runScenarioFamily} from '../../lab/ScenarioFamily.js';
import {checkOf, clientFiles, IDLE_STEP_MS, replayOp, runRecorded, sameCheck, stepClock, type LabCheck, type LabOp} from '../../lab/serve/LabOps.js';
import type {ServedRun} from '../../lab/serve/ServedLab.js';
import {requestGlobalsOf, type AttachPoint, type ClockAction, type ClockState} from '../../lab/serve/ServeProtocol.js';
import type {SanEvent} from '../../sim/EventLog.js';

/**
 * An attached console's way to the lab it shows: its actions go to the console (or headless
 * server) that serves the store, and come back as operations its replica replays.
 */
export interface ConsoleLink {
	run(line: ConsoleLine, files: Readonly<Record<string, string>>): Promise<CommandOutput>;
	/** A clock key; a text for the operator when the server cannot apply it. */
	clock(action: ClockAction, speed?: ClockSpeed): Promise<string | null>;
}

export interface WorldSourceOptions {
	/** The store document (or any world document) to boot. */
	readonly document: WorldDocument;
	/** Where changes are saved; absent: the source lives in memory (a replay, the benchmark). */
	readonly store?: Store;
	/** The store file as the header shows it. */
	readonly storeFile?: string;
	/** `--host` for commands that do not name one, `--seed`... (json is per command). */
	readonly globals?: Partial<GlobalOptions>;
	/** `wall`: the clock follows the wall clock (default); `manual`: only advance() moves it. */
	readonly clock?: 'wall' | 'manual';
	readonly running?: boolean;
	readonly speed?: ClockSpeed;
	readonly tickMs?: number;
	/** Wall-clock ms of SAN work per tick before the rest is dropped (default 25). */
	readonly tickBudgetMs?: number;
	/** The wall clock (default Date.now). */
	readonly now?: () => number;
	/** Watch the store file for saves by other processes (default: when there is a store). */
	readonly watch?: boolean;
	/** Boot in the constructor (default true); false lets the caller show the console first. */
	readonly boot?: boolean;
	/** Reads files named in commands (`xm create FILE`); default the file system, capped (store/InputFile). */
	readonly readFile?: (path: string) => string;
	/** Writes files named in commands (`xm save DOM FILE`); default the file system, whole or not at all (store/OutputFile). */
	readonly writeFile?: (path: string, text: string) => boolean;
	/** Whether writeFile could create a file, asked before the command changes anything (a replay's sandbox refuses here). */
	readonly canWrite?: (path: string) => boolean;
	/** Attached to a served lab: actions go through the link; the lab comes from adoptReplica(). */
	readonly link?: ConsoleLink;
	/** Attached: the replica adoptReplica() will get, so that no configuration world is built first. */
	readonly replica?: Lab;
}

/** Step when the queue is empty. */
export {IDLE_STEP_MS};
const DEFAULT_TICK_BUDGET_MS = 25;
/** Republish a busy world no more often than this many times the last rebuild's cost. */
const REBUILD_RATIO = 4;
const MAX_REPUBLISH_MS = 1000;
/** Worlds with this many virtual ports get their HBA panes built in idle time. */
const WARM_UP_VPORTS = 5000;
const WARM_UP_SLICE_MS = 8;

type ListPane = 'hosts' | 'adapters' | 'vports' | 'luns' | 'domains' | 'switches' | 'ports' | 'nameServer' | 'zones';

interface PaneCache<R extends {key: string}> {
	readonly list: RowList<R>;
	/** World version the rows were built from; -1 never. */
	version: number;
	/** For rows that move with the clock (a domain's CPU time). */
	clock: number;
	/** For panes that know when they can have changed (zoning): the state they were built at. */
	stamp?: string;
}

const ok = (message: string): ActionResult => ({ok: true, message});
const fail = (message: string): ActionResult => ({ok: false, message});

export class WorldConsoleSource implements ConsoleSource {
	private world: World;
	private booted = false;
	private readonly storeFile: string;
	private readonly globals: GlobalOptions;
	/** The lab once up (restored or booted), and its link to the store file. */
	private lab: Lab | undefined;
	private live: LiveLab | undefined;
	private readonly document: StoreDocument;
	private readonly store: Store | undefined;
	private readonly watchStore: boolean;
	/** Actions waiting for the store's lock or running. */
	private readonly inFlight = new Set<Promise<unknown>>();
	private readonly clock: LiveClock | undefined;
	private readonly now: () => number;
	private readonly tickBudgetMs: number;
	private readonly readFileFn: (path: string) => string;
	private readonly writeFileFn: (path: string, text: string) => boolean;
	private readonly canWriteFn: (path: string) => boolean;
	private running: boolean;
	private speed: ClockSpeed;
	private readonly link: ConsoleLink | undefined;
	/** Attached: the serving side's clock, as last told. */
	private remoteClock: ClockState | undefined;
	private serving: HeaderFacts['serving'];
	private readonly opListeners = new Set<(op: LabOp, check: LabCheck) => void>();
	private readonly clockListeners = new Set<(clock: ClockState) => void>();
	private readonly eventListeners = new Set<(events: readonly SanEvent[]) => void>();
	private announcedSeq = -1;

	private worldVersion = 0;
	/** Bumped when the world is replaced (a reload), for stamps that count within one world. */
	private worldGeneration = 0;
	private publishedVersion = 0;
	private snapshot: ConsoleSnapshot | null = null;
	private readonly listeners = new Set<() => void>();
	private lastWorldPublish = Number.NEGATIVE_INFINITY;
	private worldPending = false;
	/** Rebuild cost (wall ms) of rows built for the published version. */
	private buildCost = 0;
	private costVersion = -1;

	/** How many times each pane's rows were built (tests and the benchmark check keys build none). */
	readonly buildCounts: Record<string, number> = {};

	private readonly panes: {[P in ListPane]: PaneCache<any>} = {
		hosts: newCache<HostRow>(),
		adapters: newCache<AdapterRow>(),
		vports: newCache<VportRow>(),
		luns: newCache<LunRow>(),
		domains: newCache<DomainRow>(),
		switches: newCache<SwitchRow>(),
		ports: newCache<SwitchPortRow>(),
		nameServer: newCache<NameServerRow>(),
		zones: newCache<ZoneRow>(),
	};
	private zoning: {version: number; stamp: string; rows: readonly ZoningSummary[]} = {version: -1, stamp: '', rows: []};
	private readonly eventRows = new EventRows();
	private readonly nsRows = new NameServerRows();
	private hba: HbaPanes;
	private xen: {version: number; world: World | undefined; facts: XenFacts} = {version: -1, world: undefined, facts: NO_XEN};
	private names: PortNames | undefined;
	/** Migrations seen running, to tell the operator when each ends. */
	private readonly migrating = new Set<Migration>();
	private notice: WorkNotice | null = null;
	private warmTimer: ReturnType<typeof setTimeout> | undefined;
	/** Counts from the document, for the header before the boot and for a world without xVM. */
	private readonly fresh: boolean;
	private readonly configured: {readonly vports: number; readonly domains: number};

	constructor(opts: WorldSourceOptions) {
		this.storeFile = opts.storeFile ?? opts.store?.file ?? '(in memory)';
		this.globals = {json: false, statePath: opts.store?.file ?? '', noColor: false, ...opts.globals};
		this.now = opts.now ?? Date.now;
		this.tickBudgetMs = opts.tickBudgetMs ?? DEFAULT_TICK_BUDGET_MS;
		this.readFileFn = opts.readFile ?? (path => readInputFile(path));
		this.writeFileFn = opts.writeFile ?? writeOutputFile;
		this.canWriteFn = opts.canWrite ?? canCreateOutputFile;
		this.running = opts.running ?? true;
		this.speed = opts.speed ?? 1;
		this.document = asStoreDocument(opts.document);
		this.store = opts.store;
		this.watchStore = opts.store !== undefined && (opts.watch ?? true);
		this.link = opts.link;
		// Until the lab is up: the configuration's world, not booted, for the header and the panes'
		// shape. Attached, the replica is handed over at once (adoptReplica): none is built.
		this.world = opts.link && opts.replica ? opts.replica.world : new World(opts.document);
		this.hba = new HbaPanes(this.world);
		this.fresh = isFreshDocument(opts.document);
		const lab = opts.document.lab;
		this.configured = {vports: lab.hosts.reduce((n, h) => n + h.npivPorts.length, 0), domains: lab.domains.length};
		if ((opts.clock ?? 'wall') === 'wall' && !opts.link) {
			this.clock = new LiveClock({tickMs: opts.tickMs, now: this.now, speed: this.speed, running: this.running, onTick: ms => this.tick(ms)});
		}
		if ((opts.boot ?? true) && !opts.link) this.boot();
	}

	// ---- life cycle ------------------------------------------------------------------------

	get isBooted(): boolean {
		return this.booted;
	}

	/** The world as it is now (tests and the session tools read it; the console never does). */
	get currentWorld(): World {
		return this.world;
	}

	/**
	 * Brings the lab up: restored from the store's live state, or booted when there is none (to
	 * quiescence, quietly unless the store is new), then publishes. A booted lab is saved at once.
	 */
	boot(): void {
		if (this.booted) return;
		const lab = Lab.open(this.document, this.store?.liveSetAside ? {liveSetAside: this.store.liveSetAside} : {});
		this.useLab(lab);
		this.booted = true;
		if (this.store) {
			this.live = new LiveLab(this.store, lab, {
				replaced: (next, reason) => this.replaced(next, reason),
				note: text => this.note(text),
			});
			if (this.watchStore) this.live.watch();
			if (lab.boot) {
				if (lab.boot.note) this.note(lab.boot.note.replace(/^npiv: /, ''));
				void this.saveChange();
			}
		}
	}

	private useLab(lab: Lab): void {
		this.lab = lab;
		this.world = lab.world;
		this.hba.dispose();
		this.hba = new HbaPanes(lab.world);
		this.afterWorldReplaced();
	}

	/** Another process's save was adopted: the panes follow the lab it restored. */
	private replaced(lab: Lab, reason: string): void {
		this.useLab(lab);
		this.tellOp({kind: 'reload', revision: lab.base.revision, at: lab.world.sim.now});
		this.stopWarmUp();
		this.warmUp();
		this.note(`another process saved the store (${reason}): showing it`, 'info');
	}

	/** Starts the wall-clock ticker (a `wall` source); the console calls this once it is on screen. */
	start(): void {
		this.clock?.start();
		this.warmUp();
	}

	/**
	 * A big SAN's HBA panes are built in idle time, a few milliseconds at a time, so that opening
	 * the Virtual ports or LUNs pane later does not stall the console for a second.
	 */
	private warmUp(): void {
		if (!this.clock?.started || this.warmTimer || !this.booted) return;
		const world = this.world;
		if (world.hosts.reduce((n, h) => n + h.stack.virtualPortCount, 0) < WARM_UP_VPORTS) return;
		const step = (): void => {
			this.warmTimer = undefined;
			if (this.world !== world || !this.clock?.started) return;
			const xen = this.xenFacts();
			const names = this.portNames();
			const done = this.hba.warm('vports', xen, names, WARM_UP_SLICE_MS, this.now) && this.hba.warm('luns', xen, names, WARM_UP_SLICE_MS, this.now) && this.hba.warm('adapters', xen, names, WARM_UP_SLICE_MS, this.now);
			if (!done) this.warmTimer = setTimeout(step, 1);
		};
		this.warmTimer = setTimeout(step, 1);
	}

	/**
	 * Stops the ticker and the watcher; whatever the SAN is still doing for this console is run to
	 * its end and saved.
	 */
	async close(options: {readonly keepClock?: boolean} = {}): Promise<void> {
		this.clock?.stop();
		this.stopWarmUp();
		await this.live?.flush();
		await this.live?.close(options);
	}

	/** ReplayableSource: stops the ticker and the watcher without waiting. */
	dispose(): void {
		this.clock?.stop();
		this.stopWarmUp();
		this.live?.unwatch();
	}

	private stopWarmUp(): void {
		if (this.warmTimer) clearTimeout(this.warmTimer);
		this.warmTimer = undefined;
	}

	/** Waits for queued saves and store checks (tests, quitting). */
	async flush(): Promise<void> {
		await this.live?.flush();
	}

	/** Looks at the store file now, as the watcher does when it fires. */
	async checkStore(): Promise<void> {
		await this.live?.check();
	}

	get storeRevision(): number | undefined {
		return this.live?.revision;
	}

	/** Whether this console holds the store's lock (a change of its own is still running). */
	get holdingStore(): boolean {
		return this.live?.holding ?? false;
	}

	/** Lets `ms` of simulated time pass, running everything due (replays and tests drive the clock). */
	advance(ms: number): void {
		if (!this.booted) return;
		const before = this.world.sim.eventsRun;
		const seq = this.world.log.lastSeq;
		const clock = this.world.sim.now;
		this.world.sim.runUntil(clock + Math.max(0, ms));
		this.publishOp({kind: 'until', at: this.world.sim.now});
		this.afterSimWork(before, seq, true, clock);
	}

	/** Runs the SAN until nothing is pending, as a one-shot command does after its work (a session's `wait idle`); returns the simulated ms that passed. */
	runUntilIdle(): number {
		if (!this.booted) return 0;
		const before = this.world.sim.eventsRun;
		const seq = this.world.log.lastSeq;
		const clock = this.world.sim.now;
		this.world.sim.runUntilIdle();
		this.publishOp({kind: 'idle'});
		this.afterSimWork(before, seq, true, clock);
		return this.world.sim.now - clock;
	}

	private tick(simMs: number): void {
		if (!this.booted) return;
		if (simMs > 0) this.runBounded(simMs);
		if (this.worldPending) this.publishWorld(false);
	}

	/** Runs `simMs` of simulated time, within the per-tick budget; time past the budget is dropped. */
	private runBounded(simMs: number): void {
		const sim = this.world.sim;
		const target = sim.now + simMs;
		const before = sim.eventsRun;
		const seq = this.world.log.lastSeq;
		const clock = sim.now;
		const start = this.now();
		let n = 0;
		let cut = false;
		for (;;) {
			const due = sim.nextDue();
			if (due === undefined || due > target) {
				sim.runUntil(target);
				break;
			}
			sim.step();
			if ((++n & 63) === 0 && this.now() - start > this.tickBudgetMs) {
				cut = true;
				break;
			}
		}
		if (cut) this.publishOp({kind: 'steps', count: n});
		else if (sim.now !== clock || n > 0) this.publishOp({kind: 'until', at: sim.now});
		this.afterSimWork(before, seq, false, clock);
	}

	private afterSimWork(eventsBefore: number, seqBefore: number, urgent: boolean, clockBefore?: number): void {
		const world = this.world;
		if (world.sim.eventsRun !== eventsBefore || world.log.lastSeq !== seqBefore) {
			this.worldChanged(urgent);
			this.settleIfIdle();
		} else if (clockBefore === undefined || world.sim.now !== clockBefore) {
			this.clockChanged();
		}
	}

	// ---- publishing ------------------------------------------------------------------------

	getSnapshot = (): ConsoleSnapshot => (this.snapshot ??= this.makeSnapshot());

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	private notify(): void {
		for (const l of [...this.listeners]) l();
	}

	private clockChanged(): void {
		this.snapshot = null;
		this.notify();
	}

	private worldChanged(urgent: boolean): void {
		this.worldVersion++;
		this.announceEvents();
		this.watchMigrations();
		this.publishWorld(urgent || !this.clock);
	}

	private publishWorld(urgent: boolean): void {
		const t = this.now();
		const interval = Math.min(MAX_REPUBLISH_MS, this.buildCost * REBUILD_RATIO);
		if (!urgent && t - this.lastWorldPublish < interval) {
			this.worldPending = true;
			this.clockChanged();
			return;
		}
		this.worldPending = false;
		this.lastWorldPublish = t;
		this.publishedVersion = this.worldVersion;
		this.clockChanged();
	}

	private afterWorldReplaced(): void {
		this.worldGeneration++;
		// Another world's migrations (a reload): their ends are not this console's to report.
		this.migrating.clear();
		this.worldChanged(true);
	}

	private makeSnapshot(): ConsoleSnapshot {
		const version = this.publishedVersion;
		const world = this.world;
		const header = this.header();
		const clock = world.sim.now;
		const memo = new Map<string, unknown>();
		const lazy = <T>(name: string, build: () => T): T => {
			if (!memo.has(name)) memo.set(name, build());
			return memo.get(name) as T;
		};
		const rows = <R extends {key: string}>(pane: ListPane, build: () => R[], clocked = false, reusing = false): (() => readonly R[]) => () =>
			lazy(pane, () => this.rows<R>(pane, version, build, clocked ? clock : -1, reusing));
		// Zoning moves only with administrative changes (cfgenable, zonecreate...), never on the clock.
		const zoningStamp = `${this.worldGeneration}:${world.adminChangeCount}`;
		const switches = rows('switches', () => switchRows(this.world));
		const ports = rows('ports', () => switchPortRows(this.world, this.portNames()));
		const nameServer = rows('nameServer', () => this.nsRows.build(this.world, this.portNames(), this.xenFacts()), false, true);
		const zones = (): readonly ZoneRow[] =>
			lazy('zones', () => {
				const cache = this.panes.zones as PaneCache<ZoneRow>;
				if (this.booted && cache.stamp === zoningStamp) return cache.list.rows;
				const built = this.rows<ZoneRow>('zones', version, () => zoneRows(this.world), -1, false);
				cache.stamp = zoningStamp;
				return built;
			});
		const self = this;
		const fabric: FabricView = {
			get switches() {
				return switches();
			},
			get ports() {
				return ports();
			},
			get nameServer() {
				return nameServer();
			},
			get zones() {
				return zones();
			},
			get zoning() {
				return lazy('zoning', () => self.zoningRows(version));
			},
		};
		const hosts = rows('hosts', () => this.world.hosts.map(h => ({key: h.config.name, name: h.config.name, kind: h.config.kind, online: true})));
		const adapters = rows('adapters', () => this.hba.adapters(this.portNames()), false, true);
		const vports = rows('vports', () => this.hba.vports(this.xenFacts(), this.portNames()), false, true);
		const luns = rows('luns', () => this.hba.luns(this.xenFacts(), this.portNames()), false, true);
		const domains = rows('domains', () => domainRows(this.world), true);
		const migration = this.booted ? activeMigrations(world)[0] : undefined;
		const busy: BusyInfo | null = !this.booted
			? {label: `booting ${this.storeFile} (${this.configured.vports.toLocaleString('en-US')} virtual ports)`, progress: null}
			: migration
				? (() => {
						const v = migrationView(migration);
						return {label: `migrating ${migration.domain} ${v.from} -> ${v.to} (${migration.phase})`, progress: v.progress};
					})()
				: null;
		// Attached, quitting leaves the lab to its server: the migration goes on there.
		const quitWarning = migration && !this.link
			? `A migration is running (${migration.domain} ${migration.source.name} -> ${migration.destination.name}); quitting stops it and the store keeps ${migration.domain} on ${migration.source.name}.`
			: null;
		return {
			header,
			get hosts() {
				return hosts();
			},
			get adapters() {
				return adapters();
			},
			get vports() {
				return vports();
			},
			get luns() {
				return luns();
			},
			get events(): readonly EventRow[] {
				return lazy('events', () => self.eventRows.update(world.log));
			},
			get domains() {
				return domains();
			},
			fabric,
			busy,
			quitWarning,
			notice: this.notice,
		};
	}

	private runningMigrations(): Migration[] {
		const xen = this.booted ? xvmOf(this.world) : undefined;
		return xen ? xen.activeMigrations() : [];
	}

	/** Notes the end of every migration seen running (the status line replaces its "started"). */
	private watchMigrations(): void {
		const xen = this.booted ? xvmOf(this.world) : undefined;
		if (!xen) return;
		for (const m of this.migrating) {
			if (m.running) continue;
			this.migrating.delete(m);
			const seq = (this.notice?.seq ?? 0) + 1;
			const seconds = (((m.finishedAt ?? this.world.sim.now) - m.startedAt) / 1000).toFixed(1);
			this.notice =
				m.error === undefined
					? {seq, level: 'info', text: `${m.domain} migrated to ${m.destination.name} in ${seconds} s`}
					: {seq, level: 'error', text: m.error};
		}
		for (const m of xen.activeMigrations()) this.migrating.add(m);
	}

	private header(): HeaderFacts {
		const world = this.world;
		let ports = 0;
		let virtualPorts = 0;
		for (const h of world.hosts) {
			ports += h.stack.ports.length;
			virtualPorts += this.booted ? h.stack.virtualPortCount : 0;
		}
		return {
			storeFile: this.storeFile,
			clock: world.sim.now,
			speed: this.remoteClock ? (this.remoteClock.speed as ClockSpeed) : this.speed,
			running: this.remoteClock ? this.remoteClock.running : this.running,
			clockMode: this.remoteClock ? (this.remoteClock.moving ? 'wall' : 'commands') : this.clock ? 'wall' : 'manual',
			...(this.serving ? {serving: this.serving} : {}),
			counts: {hosts: world.hosts.length, ports, virtualPorts, domains: (this.booted ? domainCount(world) : undefined) ?? this.configured.domains, fabrics: world.fabrics.fabrics.length},
		};
	}

	/** `reusing`: the builder keeps unchanged rows and arrays itself (no comparison pass here). */
	private rows<R extends {key: string}>(pane: ListPane, version: number, build: () => R[], clock: number, reusing: boolean): readonly R[] {
		const cache = this.panes[pane] as PaneCache<R>;
		if (!this.booted) return cache.list.rows;
		if (cache.version >= version && cache.clock === clock) return cache.list.rows;
		const t0 = this.now();
		this.buildCounts[pane] = (this.buildCounts[pane] ?? 0) + 1;
		const rows = reusing ? cache.list.adopt(build()) : cache.list.update(build());
		cache.version = this.worldVersion;
		cache.clock = clock;
		this.noteCost(version, this.now() - t0);
		return rows;
	}

	private zoningRows(version: number): readonly ZoningSummary[] {
		if (!this.booted || this.zoning.version >= version) return this.zoning.rows;
		const stamp = `${this.worldGeneration}:${this.world.adminChangeCount}`;
		if (this.zoning.stamp === stamp) return this.zoning.rows;
		const next = zoningSummaries(this.world);
		const same = next.length === this.zoning.rows.length && next.every((z, i) => sameRow(z, this.zoning.rows[i]!));
		this.zoning = {version: this.worldVersion, stamp, rows: same ? this.zoning.rows : next};
		return this.zoning.rows;
	}

	private noteCost(version: number, ms: number): void {
		if (version !== this.costVersion) {
			this.costVersion = version;
			this.buildCost = 0;
		}
		this.buildCost += ms;
	}

	private xenFacts(): XenFacts {
		if (this.xen.version !== this.worldVersion || this.xen.world !== this.world) {
			this.xen = {version: this.worldVersion, world: this.world, facts: xenFacts(this.world)};
		}
		return this.xen.facts;
	}

	/**
	 * The names of WWNs (zoning aliases, owners), made again only when the zoning or the world
	 * changes: not per world version, which the running clock moves many times a second.
	 */
	private portNames(): PortNames {
		const stamp = `${this.worldGeneration}:${this.world.adminChangeCount}`;
		if (this.names?.stamp !== stamp || this.names.world !== this.world) this.names = new PortNames(this.world, stamp);
		return this.names;
	}

	domainRefusal = (key: RowKey, verb: DomainVerb): string | null => {
		if (!this.booted) return null;
		const where = domainHost(this.world, key);
		const dom = where ? xvmOf(this.world)?.host(where.host)?.xend.lookup(where.name) : undefined;
		if (!dom) return null;
		const refusal = domainVerbRefusal(verb, dom);
		return refusal === undefined ? null : `Error: ${refusal}`;
	};

	// ---- detail ----------------------------------------------------------------------------

	detail = (pane: PaneId, key: RowKey): DetailView | null => {
		if (!this.booted) return null;
		switch (pane) {
			case 'adapters':
				return adapterDetail(this.world, key, this.portNames(), this.xenFacts());
			case 'vports':
				return vportDetail(this.world, key, this.xenFacts(), this.portNames());
			case 'luns':
				return lunDetail(this.world, key, this.xenFacts(), this.portNames());
			case 'events':
				this.eventRows.update(this.world.log);
				return eventDetail(this.eventRows, key);
			case 'domains':
				return domainDetail(this.world, key, this.portNames());
			case 'fabric':
				return fabricDetail(this.world, key, this.portNames(), this.xenFacts());
		}
	};

	// ---- commands --------------------------------------------------------------------------

	/** Runs a parsed line on the lab as it is now (the store's lock is held: see beginChange). */
	private execute(line: ConsoleLine, files?: Readonly<Record<string, string>>): CommandOutput {
		const lab = this.lab!;
		const globals: GlobalOptions = {...this.globals, json: line.json, ...(line.host === undefined ? {} : {host: line.host})};
		const readFile = (path: string): string => files?.[path] ?? this.readFileFn(path);
		let output: CommandOutput;
		try {
			const run = runRecorded(lab, line.family, line.argv, {globals, requestGlobals: requestGlobalsOf(globals), settle: false, confirmed: true, readFile, writeFile: this.writeFileFn, canWrite: this.canWriteFn});
			output = run.output;
			this.publishOp(run.op);
		} catch (error) {
			output = commandError(`npiv ${line.family}: ${(error as Error).message}`);
		}
		if (line.family === 'fault' || line.family === 'link') this.hba.cablesChanged();
		this.worldChanged(true);
		this.settleIfIdle();
		// The output pane is drawn on the terminal: what a command repeats of its words (typed, or
		// from a session) must not arrive there as a control sequence.
		return {...output, stdout: shown(output.stdout, Infinity, {lines: true}), stderr: shown(output.stderr, Infinity, {lines: true})};
	}

	/**
	 * Before a change: the store's lock, held until the SAN has finished what the change starts
	 * (LiveLab). Null when the change may go ahead; otherwise why not, for the operator.
	 */
	private async beginChange(): Promise<string | null> {
		if (!this.live) return null;
		try {
			await this.live.begin();
			return null;
		} catch (error) {
			if (isStoreError(error)) return `not run: ${(error as Error).message}`;
			throw error;
		}
	}

	/** Saves and lets the store's lock go once the SAN is idle again. */
	private settleIfIdle(): void {
		const live = this.live;
		if (!live?.holding || this.lab?.busy) return;
		void live.settle().then(outcome => {
			if (outcome.note) this.note(outcome.note);
		});
	}

	/** A change with nothing to wait for (the first boot of a new store): saved at once. */
	private async saveChange(): Promise<void> {
		const refused = await this.beginChange();
		if (refused) {
			this.note(refused);
			return;
		}
		this.settleIfIdle();
	}

	/** Runs a line as a change of this console: lock, run, and save once the SAN is idle. */
	private runLine(line: ConsoleLine, files?: Readonly<Record<string, string>>): Promise<{output: CommandOutput; note: string | null}> {
		const link = this.link;
		const run = (async () => {
			if (link) {
				const host = line.host ?? this.globals.host;
				return {output: await link.run(host === undefined ? line : {...line, host}, files ?? {}), note: null};
			}
			const refused = await this.beginChange();
			if (refused) return {output: commandError(`npiv: ${refused}`), note: null};
			return {output: this.execute(line, files), note: null};
		})();
		this.inFlight.add(run);
		void run.finally(() => this.inFlight.delete(run));
		return run;
	}

	/** Waits until no action is waiting for the store and every save has been written (replays, tests). */
	async settled(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
		await this.live?.flush();
	}

	/** A status line for the operator from outside the lab (serving started or stopped). */
	inform(text: string, level: WorkNotice['level'] = 'info'): void {
		this.note(text, level);
	}

	/** A status message for the operator (not an event: the SAN's log is the SAN's). */
	private note(text: string, level: WorkNotice['level'] = 'error'): void {
		this.notice = {seq: (this.notice?.seq ?? 0) + 1, level, text};
		this.clockChanged();
	}

	private notBooted(): CommandResult {
		return {stdout: '', stderr: 'npiv: the SAN is still booting; try again in a moment\n', exitCode: 1};
	}

	private async action(line: ConsoleLine, success: (output: CommandOutput) => string, files?: Readonly<Record<string, string>>): Promise<ActionResult> {
		if (!this.booted) return fail(this.notBooted().stderr.trim());
		const {output, note} = await this.runLine(line, files);
		const text = (output.exitCode === 0 ? success(output) : firstLines(output.stderr || output.stdout)) || `exit status ${output.exitCode}`;
		return {ok: output.exitCode === 0, message: note ? `${text} (${note})` : text};
	}

	// ---- actions ---------------------------------------------------------------------------

	readonly actions: ConsoleActions = {
		runCommand: async (text: string): Promise<CommandResult> => {
			if (!this.booted) return this.notBooted();
			const line = parseConsoleLine(text);
			if (line === null) return {stdout: '', stderr: '', exitCode: 0};
			if (isRefusal(line)) return {stdout: '', stderr: line.message, exitCode: line.exitCode};
			const before = new Set(this.runningMigrations());
			const {output, note} = await this.runLine(line);
			// Commands run with settle=false: what they started goes on in simulated time.
			const started = this.runningMigrations().filter(m => !before.has(m));
			const said = started.map(m => `${m.live ? 'live ' : ''}migration of ${m.domain} to ${m.destination.name} started; watch the Domains pane`).join('\n');
			return {
				stdout: output.stdout,
				stderr: output.stderr + (note ? `npiv: ${note}\n` : ''),
				exitCode: output.exitCode,
				...(said ? {note: said} : {}),
			};
		},

		complete: line => completeLine(this.booted ? this.world : undefined, line, this.globals.host),

		createVirtualPort: async (req: CreateVirtualPortRequest): Promise<ActionResult> => {
			if (!this.booted) return fail(this.notBooted().stderr.trim());
			const given = [...(req.portWwn ? ['-p', req.portWwn] : []), ...(req.nodeWwn ? ['-n', req.nodeWwn] : [])];
			const {output} = await this.runLine({family: 'fcadm', argv: ['create-npiv-port', ...given, req.physicalWwn], host: req.host, json: false});
			const created = output.facts?.['npivPort'] as {portWWN: string; nodeWWN: string; vindex: number} | undefined;
			if (output.exitCode !== 0 || !created) return fail(firstLines(output.stderr || output.stdout) || 'Error: failed to create a npiv port');
			return ok(`Created virtual port ${created.portWWN} (node ${created.nodeWWN}, index ${created.vindex}) on ${req.physicalWwn} of ${req.host}`);
		},

		deleteVirtualPort: async (key: RowKey): Promise<ActionResult> => {
			if (!this.booted) return fail(this.notBooted().stderr.trim());
			const wwpn = parseWwn(key);
			const host = wwpn ? hostOfPort(this.world, wwpn) : undefined;
			const fp = wwpn ? host?.stack.localPort(wwpn) : undefined;
			if (!wwpn || !host || !fp?.virtual) return fail(`No virtual port ${key}.`);
			// A port a domain owns is refused by fcadm itself, with the same words as on the CLI.
			return this.action({family: 'fcadm', argv: ['delete-npiv-port', '-p', wwpn, fp.physicalWwpn], host: host.config.name, json: false}, () => `Deleted virtual port ${wwpn} from ${fp.physicalWwpn} of ${host.config.name}`);
		},

		domain: {
			shutdown: key => this.domainVerb(key, name => ['shutdown', name], 'shutting down'),
			destroy: key => this.domainVerb(key, name => ['destroy', name], 'destroyed'),
			reboot: key => this.domainVerb(key, name => ['reboot', name], 'rebooting'),
			pause: key => this.domainVerb(key, name => ['pause', name], 'paused'),
			unpause: key => this.domainVerb(key, name => ['unpause', name], 'unpaused'),
			suspend: key => this.domainVerb(key, name => ['suspend', name], 'suspending'),
			resume: key => this.domainVerb(key, name => ['resume', name], 'resuming'),
			migrate: (key, to) => this.domainVerb(key, name => ['migrate', ...(to.live ? ['--live'] : []), name, to.host], `${to.live ? 'live ' : ''}migration to ${to.host} started`),
			npivAttach: (key, port) =>
				this.domainVerb(key, name => ['npiv-attach', name, port.ppwwn, ...(port.vpwwn && port.vnwwn ? ['-p', port.vpwwn, '-n', port.vnwwn] : [])], `NPIV port on ${port.ppwwn} attached`),
			npivDetach: (key, port) => this.domainVerb(key, name => ['npiv-detach', name, port.vpwwn], `NPIV port ${port.vpwwn} detached`),
			create: async ({configText}) => {
				if (!this.booted) return fail(this.notBooted().stderr.trim());
				const name = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(configText)?.[1] ?? 'domain';
				const file = `<console>/${name}.cfg`;
				const host = this.hostForConfig(configText);
				return this.action({family: 'xm', argv: ['create', file], ...(host ? {host} : {}), json: false}, out => firstLines(out.stdout) || `Started domain ${name}`, {[file]: configText});
			},
		},

		fabric: {
			portDisable: ref => this.linkAction(ref, 'port', 'disable'),
			portEnable: ref => this.linkAction(ref, 'port', 'enable'),
			cablePull: ref => this.linkAction(ref, 'cable', 'pull'),
			cablePlug: ref => this.linkAction(ref, 'cable', 'plug'),
		},

		clock: {
			pause: () => {
				if (this.link) return this.remoteClockAction('pause');
				this.running = false;
				this.clock?.pause();
				this.clockChanged();
				this.tellClock();
			},
			resume: () => {
				if (this.link) return this.remoteClockAction('resume');
				this.running = true;
				this.clock?.resume();
				this.clockChanged();
				this.tellClock();
			},
			step: () => {
				if (this.link) return this.remoteClockAction('step');
				if (!this.booted) return;
				const before = this.world.sim.eventsRun;
				const seq = this.world.log.lastSeq;
				if (this.lab) this.publishOp(stepClock(this.lab));
				this.afterSimWork(before, seq, true);
			},
			setSpeed: (speed: ClockSpeed) => {
				if (this.link) return this.remoteClockAction('speed', speed);
				this.speed = speed;
				if (this.clock) this.clock.speed = speed;
				this.clockChanged();
				this.tellClock();
			},
		},
	};

	// ---- serving: what attached consoles and one-shot commands get ----------------------------

	/** Records an operation of this lab (the journal) and tells who follows it. */
	private publishOp(op: LabOp): void {
		const lab = this.lab;
		if (!lab || this.link) return;
		lab.journal.record(op);
		this.tellOp(op);
	}

	private tellOp(op: LabOp): void {
		if (this.opListeners.size === 0 || !this.lab) return;
		const check = checkOf(this.lab);
		for (const listener of this.opListeners) listener(op, check);
	}

	private clockState(): ClockState {
		return {moving: true, running: this.running, speed: this.speed};
	}

	private tellClock(): void {
		const state = this.clockState();
		for (const listener of this.clockListeners) listener(state);
	}

	private announceEvents(): void {
		if (this.eventListeners.size === 0 || !this.booted) return;
		const log = this.world.log;
		if (log.lastSeq <= this.announcedSeq) return;
		const fresh = log.entries().filter(e => e.seq > this.announcedSeq);
		this.announcedSeq = log.lastSeq;
		if (fresh.length > 0) for (const listener of this.eventListeners) listener(fresh);
	}

	/** Where a console attaching now starts: the store's save this lab stands on, and what ran since. */
	attachPoint(): AttachPoint {
		const lab = this.lab!;
		return {revision: lab.base.revision, ops: [...lab.journal.entries], check: checkOf(lab), clock: this.clockState()};
	}

	onOp(listener: (op: LabOp, check: LabCheck) => void): () => void {
		this.opListeners.add(listener);
		return () => this.opListeners.delete(listener);
	}

	onClockState(listener: (clock: ClockState) => void): () => void {
		this.clockListeners.add(listener);
		return () => this.clockListeners.delete(listener);
	}

	onEvents(listener: (events: readonly SanEvent[]) => void): () => void {
		if (this.eventListeners.size === 0) this.announcedSeq = this.world.log.lastSeq;
		this.eventListeners.add(listener);
		return () => this.eventListeners.delete(listener);
	}

	/** Who serves this console's lab and how many consoles are attached, for the header. */
	setServing(serving: HeaderFacts['serving']): void {
		this.serving = serving;
		this.clockChanged();
	}

	/**
	 * A command from a client of this console's lab. A one-shot command (`settle`) runs as it
	 * would on the saved store: to quiescence, saved before the reply. An attached console's
	 * action runs as this console's own do: the clock carries on what it starts.
	 */
	runForClient(request: ServedRun, options: {readonly settle: boolean; readonly confirmed: boolean; readonly files: Readonly<Record<string, string>>}): Promise<CommandOutput> {
		if (!this.booted || !this.lab) return Promise.resolve(commandError(this.notBooted().stderr.trim()));
		const {family, argv, cwd} = request;
		const globals: GlobalOptions = {...this.globals, ...request.globals};
		if (family === 'events') return Promise.resolve(this.lab.run(family, argv, {globals, settle: false}));
		const run = (async (): Promise<CommandOutput> => {
			if (family === 'scenario') {
				if (!this.store) return commandError('npiv scenario: this console has no store');
				const output = await runScenarioFamily(this.store, argv, globals, {cwd});
				await this.live?.check();
				return output;
			}
			const refused = await this.beginChange();
			if (refused) return commandError(`npiv: ${refused}`);
			const lab = this.lab!;
			const before = checkOf(lab);
			let recorded: LabOp | undefined;
			let output: CommandOutput;
			try {
				const done = runRecorded(lab, family, argv, {
					globals,
					requestGlobals: request.globals,
					settle: options.settle,
					confirmed: options.confirmed,
					...clientFiles(cwd, options.files),
				});
				output = done.output;
				recorded = done.op;
				this.publishOp(done.op);
			} catch (error) {
				output = commandError(`npiv ${family}: ${(error as Error).message}`);
			}
			if (family === 'fault' || family === 'link') this.hba.cablesChanged();
			this.worldChanged(true);
			if (!options.settle) {
				this.settleIfIdle();
				return output;
			}
			const outcome = await this.live?.settle();
			// Nothing to save and nothing moved: a read, which a console attaching later need not replay.
			if (recorded && !outcome?.saved && !output.changed && this.lab === lab && sameCheck(before, checkOf(lab))) lab.journal.drop(recorded);
			return outcome?.note ? {...output, stderr: `${output.stderr}npiv: ${outcome.note}\n`} : output;
		})();
		this.inFlight.add(run);
		void run.finally(() => this.inFlight.delete(run));
		return run;
	}

	/** A clock key from an attached console, applied to this console's clock. */
	clockFor(action: ClockAction, speed?: ClockSpeed): void {
		const clock = this.actions.clock;
		if (action === 'pause') clock.pause();
		else if (action === 'resume') clock.resume();
		else if (action === 'step') clock.step();
		else if (speed !== undefined) clock.setSpeed(speed);
	}

	// ---- attached: the replica of a served lab ------------------------------------------------

	/** Attached: this is the lab now (at attach, and after a reload), replayed up to the server's. */
	adoptReplica(lab: Lab, clock: ClockState): void {
		this.remoteClock = clock;
		this.booted = true;
		this.useLab(lab);
	}

	setRemoteClock(clock: ClockState): void {
		this.remoteClock = clock;
		this.clockChanged();
	}

	/** Replays one of the server's operations (not a reload); false when the replica no longer matches the server's. */
	applyOp(op: Exclude<LabOp, {kind: 'reload'}>, check: LabCheck): boolean {
		const lab = this.lab;
		if (!lab || !this.booted) return false;
		const sim = this.world.sim;
		const before = sim.eventsRun;
		const seq = this.world.log.lastSeq;
		const clock = sim.now;
		try {
			replayOp(lab, op, this.globals.statePath);
		} catch {
			// The server's run failed the same way; its output was the server's to report.
		}
		if (op.kind === 'run') {
			if (op.family === 'fault' || op.family === 'link') this.hba.cablesChanged();
			this.worldChanged(true);
		} else {
			this.afterSimWork(before, seq, false, clock);
		}
		const now = checkOf(lab);
		return now.seq === check.seq && now.now === check.now && now.prng === check.prng;
	}

	private remoteClockAction(action: ClockAction, speed?: ClockSpeed): void {
		void this.link!.clock(action, speed).then(said => {
			if (said) this.note(said, 'info');
		});
	}

	private domainVerb(key: RowKey, argv: (name: string) => string[], done: string): Promise<ActionResult> {
		if (!this.booted) return Promise.resolve(fail(this.notBooted().stderr.trim()));
		const where = domainHost(this.world, key);
		if (!where) return Promise.resolve(fail(`Error: Domain '${key}' does not exist.`));
		return this.action({family: 'xm', argv: argv(where.name), host: where.host, json: false}, out => firstLines(out.stdout) || `${where.name}: ${done}`);
	}

	/** The Xen host an `xm create` goes to: the one owning the config's first NPIV physical port, else the default. */
	private hostForConfig(configText: string): string | undefined {
		const npiv = /^\s*npiv\s*=\s*\[\s*['"]([^'"]*)['"]/m.exec(configText)?.[1];
		const read = npiv === undefined ? undefined : readNpivSpec(npiv);
		const ppwwn = read && 'value' in read ? read.value.ppwwn : undefined;
		const owner = ppwwn ? this.world.hosts.find(h => h.config.kind === 'xen' && h.stack.portByWwpn(ppwwn)) : undefined;
		if (owner) return owner.config.name;
		const chosen = this.globals.host ? this.world.host(this.globals.host) : undefined;
		return (chosen?.config.kind === 'xen' ? chosen : this.world.hosts.find(h => h.config.kind === 'xen'))?.config.name;
	}

	private linkAction(ref: LinkRef, what: 'port' | 'cable', action: 'disable' | 'enable' | 'pull' | 'plug'): Promise<ActionResult> {
		if (!this.booted) return Promise.resolve(fail(this.notBooted().stderr.trim()));
		let target: string | undefined;
		let label: string;
		if (ref.pane === 'adapters') {
			const wwpn = parseWwn(ref.key);
			const host = wwpn ? this.world.hosts.find(h => h.stack.portByWwpn(wwpn)) : undefined;
			const cable = wwpn ? cablesByWwpn(this.world).get(wwpn) : undefined;
			if (!wwpn || !host) return Promise.resolve(fail(`No HBA port ${ref.key}.`));
			label = `HBA port ${wwpn}`;
			if (!cable) return Promise.resolve(fail(`${label} has no cable.`));
			if (what === 'cable') target = `${host.config.name}/${wwpn}`;
			else if (cable.switchName !== null) target = `${cable.switchName}/${cable.switchPort}`;
			else return Promise.resolve(fail(`${label} is not cabled to a switch port (${cable.loop !== null ? `loop ${cable.loop}` : 'point-to-point'}): pull its cable instead.`));
		} else {
			const m = /^port:(.+\/\d+)$/.exec(ref.key);
			if (!m) return Promise.resolve(fail('Select a switch port.'));
			target = m[1]!;
			label = `switch port ${target}`;
		}
		return this.action({family: 'fault', argv: [what, action, target], json: false}, out => firstLines(out.stdout) || `${label}: ${action} done`);
	}
}

/** The options a command ran with, as a replica needs them (the store is its own). */


function newCache<R extends {key: string}>(): PaneCache<R> {
	return {list: new RowList<R>(), version: -1, clock: -1};
}

/** A store that has never been booted: its first boot is recorded and saved, as the CLI does. */
function isFreshDocument(doc: WorldDocument): boolean {
	return doc.clock === 0 && doc.events.length === 0;
}

/** A console's documents are store documents; a replay's start may be a bare world document. */
function asStoreDocument(doc: WorldDocument): StoreDocument {
	const d = doc as Partial<StoreDocument>;
	return d.version !== undefined && d.revision !== undefined ? (doc as StoreDocument) : ({version: STORE_VERSION, revision: 0, ...doc} as StoreDocument);
}

/** A status line's worth of a tool's output. */
function firstLines(text: string): string {
	const lines = text.split('\n').map(l => l.trimEnd()).filter(l => l !== '');
	return lines.slice(0, 2).join(' ');
}

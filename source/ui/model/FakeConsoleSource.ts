/**
 * An in-memory ConsoleSource for tests, the demo and the benchmark: a small realistic lab (three
 * hosts, two fabrics, one array, six virtual ports, domains with NPIV ports) whose actions all
 * work (a created port appears, a migration runs t0..t4 as the clock advances, a pulled cable
 * takes the port and its virtual ports offline). Deterministic: no wall clock unless `live`.
 */
import {parseWwn, type Wwn} from '../../sim/Wwn.js';
import {asFcId, fcid, formatFcId} from '../../sim/FcId.js';
import type {
	ActionResult,
	ClockSpeed,
	CommandResult,
	ConsoleActions,
	ConsoleSnapshot,
	ConsoleSource,
	CreateVirtualPortRequest,
	DetailView,
	EventRow,
	LinkRef,
	PaneId,
	RowKey,
} from './ConsoleSource.js';
import {
	addGeneratedVports,
	adapterFcId,
	createFakeLab,
	deriveDomains,
	deriveRows,
	domainKey,
	MIGRATION_PHASE_MS,
	MIGRATION_TOTAL_MS,
	migrationView,
	randomWwnPair,
	switchOf,
	type DerivedRows,
	type FakeAdapter,
	type FakeDomain,
	type FakeLab,
} from './fakeLab.js';
import {fakeDetail} from './fakeDetail.js';
import {fakeComplete, fakeRunCommand} from './fakeCommands.js';

export interface FakeSourceOptions {
	/** Extra generated virtual ports (on generated hosts), e.g. 100,000 for scrolling tests. */
	readonly extraVports?: number;
	/** Advance the simulated clock with the wall clock (the demo). Tests leave it off. */
	readonly live?: boolean;
	readonly seed?: number;
	readonly storeFile?: string;
}

const EVENT_CAP = 5000;
const ok = (message: string): Promise<ActionResult> => Promise.resolve({ok: true, message});
const fail = (message: string): Promise<ActionResult> => Promise.resolve({ok: false, message});

export class FakeConsoleSource implements ConsoleSource {
	readonly lab: FakeLab;
	private rows: DerivedRows;
	private events: EventRow[] = [];
	private seq = 0;
	private clock = 42_180;
	private running: boolean;
	private speed: ClockSpeed = 1;
	private snapshot: ConsoleSnapshot | null = null;
	private listeners = new Set<() => void>();
	private ticker: ReturnType<typeof setInterval> | undefined;
	private suspended = new Set<string>();
	/** Every command line run, for tests. */
	readonly commandsRun: string[] = [];

	static large(vports = 100_000, opts: FakeSourceOptions = {}): FakeConsoleSource {
		return new FakeConsoleSource({...opts, extraVports: vports});
	}

	constructor(opts: FakeSourceOptions = {}) {
		this.lab = createFakeLab(opts.seed);
		if (opts.storeFile) this.lab.storeFile = opts.storeFile;
		if (opts.extraVports) addGeneratedVports(this.lab, opts.extraVports);
		this.rows = deriveRows(this.lab);
		this.running = opts.live ?? false;
		this.bootEvents();
		if (opts.live) {
			this.ticker = setInterval(() => {
				if (this.running) this.advance(100 * this.speed);
			}, 100);
			this.ticker.unref();
		}
	}

	dispose(): void {
		if (this.ticker) clearInterval(this.ticker);
	}

	getSnapshot = (): ConsoleSnapshot => {
		if (this.snapshot) return this.snapshot;
		const r = this.rows;
		const migrating = this.lab.domains.filter(d => d.migration);
		const first = migrating[0];
		const view = first ? migrationView(first) : null;
		this.snapshot = {
			header: {
				storeFile: this.lab.storeFile,
				clock: this.clock,
				speed: this.speed,
				running: this.running,
				counts: {
					hosts: r.hosts.length,
					ports: r.adapters.length,
					virtualPorts: r.vports.length,
					domains: r.domains.filter(d => d.name !== 'Domain-0').length,
					fabrics: r.zoning.length,
				},
			},
			hosts: r.hosts,
			adapters: r.adapters,
			vports: r.vports,
			luns: r.luns,
			events: this.events,
			domains: r.domains,
			fabric: {switches: r.switches, ports: r.ports, nameServer: r.nameServer, zones: r.zones, zoning: r.zoning},
			busy: first && view ? {label: `migrating ${first.name} ${view.from} -> ${view.to} (${view.phase})`, progress: view.progress} : null,
			quitWarning: first ? `A migration is running (${first.name} ${first.host} -> ${first.migration!.to}).` : null,
		};
		return this.snapshot;
	};

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	detail = (pane: PaneId, key: RowKey): DetailView | null => fakeDetail(this.lab, this.rows, this.events, pane, key);

	private changed(rows: boolean | 'domains'): void {
		if (rows === 'domains') this.rows = {...this.rows, domains: deriveDomains(this.lab, this.rows.luns)};
		else if (rows) this.rows = deriveRows(this.lab);
		this.snapshot = null;
		for (const l of this.listeners) l();
	}

	private emit(source: string, type: string, summary: string, rscnPages?: readonly string[]): void {
		const seq = ++this.seq;
		const e: EventRow = {key: `ev:${seq}`, seq, t: this.clock, source, type, summary, ...(rscnPages ? {rscnPages} : {})};
		this.events = this.events.length >= EVENT_CAP ? [...this.events.slice(-EVENT_CAP + 1), e] : [...this.events, e];
	}

	private bootEvents(): void {
		const t0 = this.clock;
		this.clock = 1_200;
		for (const a of this.lab.adapters.slice(0, 7)) {
			const id = adapterFcId(this.lab, a);
			if (!id) {
				this.emit(`${a.host}/fp${a.controller}`, 'driver.link.down', `${a.portWwn}: link down (no light)`);
				continue;
			}
			this.emit(`${a.cable!.switchName}`, 'fabric.flogi', `FLOGI from ${a.portWwn} on port ${a.cable!.port}: N_Port_ID ${formatFcId(id)}`);
			this.clock += 40;
		}
		this.clock = 3_500;
		for (const v of this.lab.vports.slice(0, 6)) {
			this.emit('fab-a1', 'fabric.fdisc', `FDISC from ${v.portWwn} via ${v.physicalWwn}`);
			this.emit('fab-a1', 'fabric.ns.register', `RFT_ID ${v.portWwn} FC4 FCP`);
			this.clock += 25;
		}
		this.clock = 6_000;
		this.emit('fab-a1', 'fabric.rscn.sent', 'RSCN to 5 zoned ports: 2 pages', ['port 010001 (port address)', 'port 010002 (port address)']);
		this.emit('dom0-a/fp5', 'driver.rscn.received', 'RSCN: 2 pages; rediscovering');
		this.emit('dom0-a/fp5', 'driver.discovery.done', 'discovered 1 target, 3 LUNs');
		this.emit('dom0-a', 'hbaapi.event.port', 'HBA_EVENT_PORT_FABRIC 2100001b32812345');
		this.clock = 9_000;
		this.emit('dom0-a', 'xvm.xenstore.write', '/local/domain/0/backend/vfc/3/0/npiv = c0007d1a2b3c4d5f:c0007d1a2b3c4d5e:1:2100001b32812345');
		this.emit('xennpivd@dom0-a', 'xvm.daemon.vport.create', 'created vport c0007d1a2b3c4d5f on 2100001b32812345 for web01');
		this.emit('xennpivd@dom0-a', 'xvm.daemon.lun.attach', 'attached c10t50060E8005123400d1 to web01');
		this.emit('dom0-a', 'xvm.domain.start', 'web01 started (domid 3)');
		this.emit('fab-b1', 'fabric.port.offline', 'port 3: No_Light');
		this.emit('fab-b1', 'fabric.rscn.sent', 'RSCN to 4 zoned ports: 1 page', ['area 0203 (area address)']);
		this.clock = Math.max(t0, this.clock);
	}

	/** Advances simulated time: migrations move through t0..t4, running domains accrue CPU time. */
	advance(ms: number): void {
		const before = this.clock;
		this.clock += ms;
		let phases = false;
		for (const d of this.lab.domains) {
			if (d.state.startsWith('r') || d.state.startsWith('-b')) d.cpuTime += (ms / 1000) * (d.state.startsWith('r') ? 0.6 : 0.05);
			if (d.migration) {
				const phaseBefore = Math.floor(d.migration.elapsed / MIGRATION_PHASE_MS);
				d.migration.elapsed += ms;
				const phaseAfter = Math.floor(d.migration.elapsed / MIGRATION_PHASE_MS);
				for (let p = phaseBefore + 1; p <= Math.min(phaseAfter, 5); p++) {
					this.migrationPhase(d, p);
					phases = true;
				}
			}
		}
		if (this.clock !== before) this.changed(phases ? true : 'domains');
	}

	private migrationPhase(d: FakeDomain, phase: number): void {
		const m = d.migration!;
		const src = `xend@${d.host}`;
		if (phase === 1) {
			d.state = '--p---';
			this.emit(src, 'xvm.migrate.t1', `${d.name}: memory copied, domain paused`);
		} else if (phase === 2) {
			for (const v of this.lab.vports.filter(x => x.domain === d.name)) this.emit(`xennpivd@${d.host}`, 'xvm.migrate.t2', `${d.name}: logged out vport ${v.portWwn}`);
		} else if (phase === 3) {
			for (const v of this.lab.vports.filter(x => x.domain === d.name)) {
				const fabric = this.fabricOf(this.lab.adapters.find(a => a.portWwn === v.physicalWwn));
				const dest = this.lab.adapters.find(a => a.host === m.to && this.fabricOf(a) === fabric && a.maxNpiv > 0);
				if (dest) v.physicalWwn = dest.portWwn;
				this.emit(`xennpivd@${m.to}`, 'xvm.migrate.t3', `${d.name}: created vport ${v.portWwn} on ${v.physicalWwn} (FDISC)`);
			}
		} else if (phase === 4) {
			this.emit(`xend@${m.to}`, 'xvm.migrate.t4', `${d.name}: devices connected, unpausing`);
		} else if (phase === 5) {
			d.host = m.to;
			d.id = this.lab.nextDomId++;
			d.state = '-b----';
			d.migration = null;
			this.emit(`xend@${d.host}`, 'xvm.migrate.done', `${d.name} now runs on ${d.host} (domid ${d.id})`);
		}
	}

	private fabricOf(a: FakeAdapter | undefined): string | null {
		return a?.cable ? (switchOf(this.lab, a.cable.switchName)?.fabric ?? null) : null;
	}

	private domain(key: RowKey): FakeDomain | undefined {
		return this.lab.domains.find(d => domainKey(d) === key);
	}

	private wwnInUse(w: Wwn): boolean {
		return this.lab.adapters.some(a => a.portWwn === w || a.nodeWwn === w) || this.lab.vports.some(v => v.portWwn === w) || this.lab.targets.some(t => t.wwn === w);
	}

	private createVport(adapter: FakeAdapter, portWwn: Wwn | undefined, nodeWwn: Wwn | undefined, domain: string | null): ActionResult {
		if (adapter.maxNpiv === 0) return {ok: false, message: 'Error: NPIV not Supported'};
		const used = this.lab.vports.filter(v => v.physicalWwn === adapter.portWwn).length;
		if (used >= adapter.maxNpiv) return {ok: false, message: 'Error: Can not create more NPIV port'};
		// fcadm uses the operator's WWNs only when both are given.
		const pair = portWwn && nodeWwn ? {portWwn, nodeWwn} : randomWwnPair(this.lab.prng);
		if (pair.portWwn === pair.nodeWwn) return {ok: false, message: 'Error: Port WWN is same as Node WWN'};
		if (this.wwnInUse(pair.portWwn)) return {ok: false, message: 'Error: failed to create a npiv port'};
		this.lab.vports.push({...pair, physicalWwn: adapter.portWwn, domain, luns: [], controller: this.lab.nextController++});
		const id = adapterFcId(this.lab, adapter);
		this.emit(`${adapter.host}/fp${adapter.controller}`, 'driver.npiv.create', `created vport ${pair.portWwn} on ${adapter.portWwn}`);
		if (id !== null) {
			this.emit(adapter.cable!.switchName, 'fabric.fdisc', `FDISC from ${pair.portWwn} via ${adapter.portWwn}`);
			this.emit(adapter.cable!.switchName, 'fabric.rscn.sent', 'RSCN to zoned ports: 1 page', [`port ${formatFcId(asFcId(id + used + 1))} (port address)`]);
		}
		this.changed(true);
		return {ok: true, message: `Created virtual port ${pair.portWwn} (node ${pair.nodeWwn}) on ${adapter.portWwn}`};
	}

	private deleteVport(portWwn: Wwn): ActionResult {
		const i = this.lab.vports.findIndex(v => v.portWwn === portWwn);
		if (i < 0) return {ok: false, message: 'Error: failed to delete a npiv port'};
		const [v] = this.lab.vports.splice(i, 1);
		const a = this.lab.adapters.find(x => x.portWwn === v!.physicalWwn);
		this.emit(`${a?.host ?? '?'}/fp${a?.controller ?? 0}`, 'driver.npiv.delete', `deleted vport ${portWwn}`);
		if (a?.cable) this.emit(a.cable.switchName, 'fabric.logo', `LOGO from ${portWwn}`);
		this.changed(true);
		return {ok: true, message: `Deleted virtual port ${portWwn}${v!.domain ? ` (was bound to ${v!.domain})` : ''}`};
	}

	private linkTarget(ref: LinkRef): {switchName: string; port: number; adapter?: FakeAdapter} | null {
		if (ref.pane === 'adapters') {
			const a = this.lab.adapters.find(x => x.portWwn === ref.key);
			return a?.cable ? {switchName: a.cable.switchName, port: a.cable.port, adapter: a} : null;
		}
		const m = /^port:(.+)\/(\d+)$/.exec(ref.key);
		if (!m) return null;
		const port = Number(m[2]);
		const adapter = this.lab.adapters.find(a => a.cable?.switchName === m[1] && a.cable.port === port);
		return {switchName: m[1]!, port, ...(adapter ? {adapter} : {})};
	}

	private domainOp(key: RowKey, op: (d: FakeDomain) => string | ActionResult): Promise<ActionResult> {
		const d = this.domain(key);
		if (!d) return fail(`Error: Domain '${key}' does not exist.`);
		if (d.name === 'Domain-0') return fail('Error: Domain-0 cannot be changed from here.');
		const r = op(d);
		if (typeof r !== 'string') return Promise.resolve(r);
		this.changed(true);
		return ok(r);
	}

	private requireRunning(d: FakeDomain): ActionResult | null {
		if (d.id === null) return {ok: false, message: `Error: Domain '${d.name}' is not running.`};
		if (d.migration) return {ok: false, message: `Error: Domain '${d.name}' is migrating.`};
		return null;
	}

	readonly actions: ConsoleActions = {
		runCommand: (line: string): Promise<CommandResult> => {
			this.commandsRun.push(line);
			return Promise.resolve(fakeRunCommand(this.lab, this.rows, this.events, line));
		},
		complete: line => fakeComplete(this.rows, line),
		createVirtualPort: (req: CreateVirtualPortRequest) => {
			const a = this.lab.adapters.find(x => x.portWwn === req.physicalWwn && x.host === req.host);
			if (!a) return fail(`Error: HBA port ${req.physicalWwn}: not found`);
			return Promise.resolve(this.createVport(a, req.portWwn, req.nodeWwn, null));
		},
		deleteVirtualPort: key => Promise.resolve(this.deleteVport(key as Wwn)),
		domain: {
			shutdown: key =>
				this.domainOp(key, d => {
					const bad = this.requireRunning(d);
					if (bad) return bad;
					d.id = null;
					d.state = '------';
					this.emit(`xend@${d.host}`, 'xvm.domain.shutdown', `${d.name} shut down`);
					return `${d.name}: shut down`;
				}),
			destroy: key =>
				this.domainOp(key, d => {
					if (d.id === null) return {ok: false, message: `Error: Domain '${d.name}' is not running.`};
					d.id = null;
					d.state = '------';
					d.migration = null;
					this.emit(`xend@${d.host}`, 'xvm.domain.destroy', `${d.name} destroyed`);
					return `${d.name}: destroyed`;
				}),
			reboot: key =>
				this.domainOp(key, d => {
					const bad = this.requireRunning(d);
					if (bad) return bad;
					d.id = this.lab.nextDomId++;
					d.state = 'r-----';
					this.emit(`xend@${d.host}`, 'xvm.domain.reboot', `${d.name} rebooted (domid ${d.id})`);
					return `${d.name}: rebooted`;
				}),
			pause: key =>
				this.domainOp(key, d => {
					const bad = this.requireRunning(d);
					if (bad) return bad;
					d.state = '--p---';
					this.emit(`xend@${d.host}`, 'xvm.domain.pause', `${d.name} paused`);
					return `${d.name}: paused`;
				}),
			unpause: key =>
				this.domainOp(key, d => {
					if (!d.state.includes('p')) return {ok: false, message: `Error: Domain '${d.name}' is not paused.`};
					d.state = '-b----';
					this.emit(`xend@${d.host}`, 'xvm.domain.unpause', `${d.name} unpaused`);
					return `${d.name}: unpaused`;
				}),
			suspend: key =>
				this.domainOp(key, d => {
					const bad = this.requireRunning(d);
					if (bad) return bad;
					d.id = null;
					d.state = '------';
					this.suspended.add(d.name);
					this.emit(`xend@${d.host}`, 'xvm.domain.suspend', `${d.name} suspended`);
					return `${d.name}: suspended`;
				}),
			resume: key =>
				this.domainOp(key, d => {
					if (!this.suspended.has(d.name)) return {ok: false, message: `Error: Domain '${d.name}' is not suspended.`};
					this.suspended.delete(d.name);
					d.id = this.lab.nextDomId++;
					d.state = '-b----';
					this.emit(`xend@${d.host}`, 'xvm.domain.resume', `${d.name} resumed (domid ${d.id})`);
					return `${d.name}: resumed`;
				}),
			migrate: (key, to) =>
				this.domainOp(key, d => {
					const bad = this.requireRunning(d);
					if (bad) return bad;
					const host = this.lab.hosts.find(h => h.name === to.host);
					if (!host || host.kind !== 'xen') return {ok: false, message: `Error: can't connect: ${to.host} is not a Xen host`};
					if (host.name === d.host) return {ok: false, message: `Error: ${d.name} already runs on ${d.host}`};
					d.migration = {to: to.host, live: to.live, elapsed: 0};
					this.emit(`xend@${d.host}`, 'xvm.migrate.t0', `${d.name}: ${to.live ? 'live ' : ''}migration to ${to.host} started`);
					return `${d.name}: migrating to ${to.host}${to.live ? ' (live)' : ''}`;
				}),
			npivAttach: (key, port) =>
				this.domainOp(key, d => {
					const a = this.lab.adapters.find(x => x.portWwn === port.ppwwn);
					if (!a || a.host !== d.host) return {ok: false, message: `Error: ${port.ppwwn} is not a physical port of ${d.host}`};
					const r = this.createVport(a, port.vpwwn, port.vnwwn, d.name);
					return r.ok ? `${d.name}: attached ${r.message.split(' ')[3]}` : r;
				}),
			npivDetach: (key, port) =>
				this.domainOp(key, d => {
					const v = this.lab.vports.find(x => x.portWwn === port.vpwwn && x.domain === d.name);
					if (!v) return {ok: false, message: `Error: ${port.vpwwn} is not attached to ${d.name}`};
					const r = this.deleteVport(v.portWwn);
					return r.ok ? `${d.name}: detached ${v.portWwn}` : r;
				}),
			create: ({configText}) => {
				const name = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(configText)?.[1];
				if (!name) return fail('Error: the configuration has no name');
				if (this.lab.domains.some(d => d.name === name)) return fail(`Error: Domain '${name}' already exists.`);
				const mem = Number(/^\s*memory\s*=\s*(\d+)/m.exec(configText)?.[1] ?? 128);
				const vcpus = Number(/^\s*vcpus\s*=\s*(\d+)/m.exec(configText)?.[1] ?? 1);
				const npiv = /^\s*npiv\s*=\s*\[\s*'([^']*)'/m.exec(configText)?.[1];
				const ppwwn = npiv ? parseWwn(npiv.split(':')[3] ?? '') : undefined;
				const adapter = ppwwn ? this.lab.adapters.find(a => a.portWwn === ppwwn) : undefined;
				const host = adapter?.host ?? this.lab.hosts.find(h => h.kind === 'xen')!.name;
				this.lab.domains.push({name, host, id: this.lab.nextDomId++, memMiB: mem, vcpus, state: '-b----', cpuTime: 0, migration: null});
				this.emit(`xend@${host}`, 'xvm.domain.start', `${name} started`);
				if (adapter) this.createVport(adapter, undefined, undefined, name);
				this.changed(true);
				return ok(`Started domain ${name} on ${host}`);
			},
		},
		fabric: {
			portDisable: ref => this.linkOp(ref, t => {
				const sw = switchOf(this.lab, t.switchName)!;
				if (sw.disabled.has(t.port)) return {ok: false, message: `${t.switchName} port ${t.port} is already disabled`};
				sw.disabled.add(t.port);
				this.emit(t.switchName, 'fabric.port.offline', `port ${t.port}: Disabled (portdisable)`);
				this.emit(t.switchName, 'fabric.rscn.sent', 'RSCN to zoned ports: 1 page', [`area ${formatFcId(fcid(sw.domainId, t.port, 0)).slice(0, 4)} (area address)`]);
				return `${t.switchName} port ${t.port} disabled`;
			}),
			portEnable: ref => this.linkOp(ref, t => {
				const sw = switchOf(this.lab, t.switchName)!;
				if (!sw.disabled.delete(t.port)) return {ok: false, message: `${t.switchName} port ${t.port} is not disabled`};
				this.emit(t.switchName, 'fabric.port.online', `port ${t.port}: enabled`);
				return `${t.switchName} port ${t.port} enabled`;
			}),
			cablePull: ref => this.linkOp(ref, t => {
				if (!t.adapter) return {ok: false, message: `no HBA cable on ${t.switchName} port ${t.port}`};
				if (!t.adapter.plugged) return {ok: false, message: `the cable of ${t.adapter.portWwn} is already out`};
				t.adapter.plugged = false;
				this.emit(`${t.adapter.host}/fp${t.adapter.controller}`, 'driver.link.down', `${t.adapter.portWwn}: link down (cable pulled)`);
				this.emit(t.switchName, 'fabric.rscn.sent', 'RSCN to zoned ports: 1 page', [`area ${formatFcId(fcid(switchOf(this.lab, t.switchName)!.domainId, t.port, 0)).slice(0, 4)} (area address)`]);
				return `cable of ${t.adapter.portWwn} pulled`;
			}),
			cablePlug: ref => this.linkOp(ref, t => {
				if (!t.adapter) return {ok: false, message: `no HBA cable on ${t.switchName} port ${t.port}`};
				if (t.adapter.plugged) return {ok: false, message: `the cable of ${t.adapter.portWwn} is already in`};
				t.adapter.plugged = true;
				this.emit(`${t.adapter.host}/fp${t.adapter.controller}`, 'driver.link.up', `${t.adapter.portWwn}: link up`);
				return `cable of ${t.adapter.portWwn} plugged in`;
			}),
		},
		clock: {
			pause: () => {
				this.running = false;
				this.changed(false);
			},
			resume: () => {
				this.running = true;
				this.changed(false);
			},
			step: () => this.advance(MIGRATION_PHASE_MS),
			setSpeed: (speed: ClockSpeed) => {
				this.speed = speed;
				this.changed(false);
			},
		},
	};

	private linkOp(ref: LinkRef, op: (t: {switchName: string; port: number; adapter?: FakeAdapter}) => string | ActionResult): Promise<ActionResult> {
		const t = this.linkTarget(ref);
		if (!t) return fail('that port is not cabled to a switch');
		const r = op(t);
		if (typeof r !== 'string') return Promise.resolve(r);
		this.changed(true);
		return ok(r);
	}
}

export {MIGRATION_TOTAL_MS};

/**
 * The Xen side of the lab: every Xen host (dom0) with its domains, built from HostConfig and
 * DomainConfig, plus migrations between hosts. This is what `npiv xm` and the console's Domains
 * pane talk to; the world layer constructs it and hands each host its own HbaApi.
 */
import type {Simulator} from '../sim/Simulator.js';
import type {EventLog} from '../sim/EventLog.js';
import type {Prng} from '../sim/Prng.js';
import type {Wwn} from '../sim/Wwn.js';
import {HBA_STATUS, HBA_PORTSTATE, type HbaApi} from '../hbaapi/types.js';
import type {HbaApiLive} from '../hbaapi/HbaLibrary.js';
import {XenHost} from './XenHost.js';
import type {XenDomain} from './XenDomain.js';
import {specFromDomainConfig, specToDomainConfig, type DomainConfig, type XenHostConfig} from './DomainSpec.js';
import {DEFAULT_XEN_TIMING, type XenTiming} from './XenTiming.js';
import {Migration, type MigrationEnv} from './Migration.js';
import {XendError, type NpivRegistry} from './Xend.js';
import {XenOp} from './XenOp.js';
import {domainVerbRefusal} from './DomainVerbRefusal.js';
import type {XenWorldLive} from './XenLive.js';

export interface XenWorldOptions {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly prng: Prng;
	/** The FC stack of a host (its libHBAAPI). Called once per Xen host. */
	hbaApiOf(hostName: string): HbaApi & Partial<HbaApiLive>;
	/**
	 * The fabric a port WWN is logged into. Default: the FabricName that port's own host reports
	 * through the HBA-API (undefined when the port is not online).
	 */
	fabricOf?(wwpn: Wwn): string | undefined;
	/** Guest memory dirtying rate during live pre-copy (MiB/s); default 16. */
	dirtyRateMiBps?(domain: string): number;
	readonly timing?: Partial<XenTiming>;
}

export interface XenBootIssue {
	readonly domain: string;
	readonly host: string;
	readonly error: string;
}

export class XenWorld {
	readonly hosts: XenHost[] = [];
	readonly timing: XenTiming;
	readonly migrations: Migration[] = [];
	readonly bootIssues: XenBootIssue[] = [];
	readonly sim: Simulator;
	readonly log: EventLog;
	private readonly fabricOfFn: (wwpn: Wwn) => string | undefined;
	private readonly dirtyRate: (domain: string) => number;

	constructor(
		opts: XenWorldOptions,
		hostConfigs: readonly XenHostConfig[],
		private readonly domainConfigs: readonly DomainConfig[] = [],
	) {
		this.sim = opts.sim;
		this.log = opts.log;
		this.timing = {...DEFAULT_XEN_TIMING, ...opts.timing};
		this.fabricOfFn = opts.fabricOf ?? (w => this.fabricFromHbaApi(w));
		this.dirtyRate = opts.dirtyRateMiBps ?? (() => 16);
		const registry: NpivRegistry = {owner: vp => this.npivOwner(vp), heldBy: vp => this.hosts.filter(h => h.daemon.hasPort(vp)).map(h => h.name)};
		for (const h of hostConfigs) {
			if (h.kind !== 'xen') continue;
			this.hosts.push(
				new XenHost({
					name: h.name,
					cpus: h.cpus,
					memoryMiB: h.memoryMiB,
					hba: opts.hbaApiOf(h.name),
					sim: opts.sim,
					log: opts.log,
					prng: opts.prng,
					timing: this.timing,
					registry,
				}),
			);
		}
	}

	saveLive(): XenWorldLive {
		if (this.activeMigrations().length > 0) throw new Error('a migration is in progress: the Xen state cannot be saved');
		return {hosts: this.hosts.map(h => h.saveLive())};
	}

	restoreLive(live: XenWorldLive): void {
		if (live.hosts.length !== this.hosts.length) throw new Error(`saved Xen state has ${live.hosts.length} hosts; the configuration has ${this.hosts.length}`);
		live.hosts.forEach((h, i) => this.hosts[i]!.restoreLive(h));
	}

	host(name: string): XenHost | undefined {
		return this.hosts.find(h => h.name === name);
	}

	/**
	 * Defines every configured domain on its host and starts those whose state is running or
	 * paused (their virtual ports go through xfc and xennpivd). Call after the FC stack is up.
	 * Returns the start operations; run the simulator to settle them.
	 */
	boot(): XenOp[] {
		const ops: XenOp[] = [];
		for (const c of this.domainConfigs) {
			const host = this.host(c.host);
			const issue = (error: string): void => {
				this.bootIssues.push({domain: c.name, host: c.host, error});
				this.log.emit(`xend@${c.host}`, 'xvm.boot.error', `${c.name}: ${error}`, {domain: c.name, host: c.host, error});
			};
			if (!host) {
				issue(`host ${c.host} is not a Xen host`);
				continue;
			}
			try {
				const spec = specFromDomainConfig(c);
				if (!c.managed && (c.state === 'halted' || c.state === 'suspended')) continue; // nothing left of it
				const dom = host.xend.define(spec, c.state === 'suspended' ? 'suspended' : 'halted');
				dom.managed = c.managed;
				if (c.state === 'running' || c.state === 'paused') {
					const op = host.xend.start(dom, {paused: c.state === 'paused'});
					op.then(r => {
						if (!r.succeeded) issue(r.error!);
					});
					ops.push(op);
				}
			} catch (e) {
				issue((e as Error).message);
			}
		}
		return ops;
	}

	/** Every domain of every host (Domain-0 excluded), with its host. */
	domains(): {host: XenHost; domain: XenDomain}[] {
		return this.hosts.flatMap(host => host.xend.guests().map(domain => ({host, domain})));
	}

	/** Starts `xm migrate`. Immediate refusals throw XendError (xend's wording). */
	migrate(host: XenHost, ref: string, destination: string, opts: {live?: boolean} = {}): Migration {
		const dom = host.xend.require(ref);
		const refusal = domainVerbRefusal('migrate', dom, ref);
		if (refusal !== undefined) throw new XendError(refusal);
		const dest = this.host(destination);
		if (!dest) throw new XendError(`can't connect: (-2, 'Name or service not known')`);
		const env: MigrationEnv = {
			sim: this.sim,
			log: this.log,
			timing: this.timing,
			fabricOf: w => this.fabricOfFn(w),
			dirtyRateMiBps: d => this.dirtyRate(d),
			heldBy: vp => this.hosts.filter(h => h.daemon.hasPort(vp)).map(h => h.name),
		};
		const m = new Migration(env, dom, host, dest, opts.live ?? false);
		this.migrations.push(m);
		if (this.migrations.length > 100) this.migrations.splice(0, this.migrations.length - 100);
		return m.start();
	}

	activeMigrations(): Migration[] {
		return this.migrations.filter(m => m.running);
	}

	/**
	 * Steps the simulator until `done()` holds or nothing is left to run (or `limitMs` of simulated
	 * time passed). Returns whether `done()` held. Used by commands that must finish before they
	 * print (xm create, xm migrate) in the one-shot CLI.
	 */
	runUntil(done: () => boolean, limitMs = 3_600_000): boolean {
		const end = this.sim.now + limitMs;
		while (!done()) {
			const next = this.sim.nextDue();
			if (next === undefined || next > end) return done();
			this.sim.step();
		}
		return true;
	}

	/** The domains as the store keeps them (administrative state; live-only details dropped). */
	exportDomains(): DomainConfig[] {
		const out: DomainConfig[] = [];
		for (const host of this.hosts) {
			for (const d of host.xend.guests()) {
				if (d.migrationRole === 'destination') continue; // the source incarnation is the one kept
				const state = exportState(d);
				if (state === undefined) continue;
				out.push(specToDomainConfig(d.spec, host.name, state, d.managed));
			}
		}
		return out;
	}

	/** Who has `vpwwn` in their configuration (any host); while migrating, the source's host. */
	npivOwner(vpwwn: Wwn): {host: string; domain: string} | undefined {
		let destination: {host: string; domain: string} | undefined;
		for (const host of this.hosts) {
			for (const d of host.xend.guests()) {
				if (!d.spec.npiv.some(n => n.vpwwn === vpwwn)) continue;
				const owner = {host: host.name, domain: d.spec.name};
				if (d.migrationRole !== 'destination') return owner;
				destination ??= owner;
			}
		}
		return destination;
	}

	fabricOf(wwpn: Wwn): string | undefined {
		return this.fabricOfFn(wwpn);
	}

	private fabricFromHbaApi(wwpn: Wwn): string | undefined {
		for (const host of this.hosts) {
			const api = host.hba;
			const opened = api.HBA_OpenAdapterByWWN(wwpn);
			if (opened.status !== HBA_STATUS.OK) continue;
			try {
				const pa = api.HBA_GetPortAttributesByWWN(opened.value, wwpn);
				if (pa.status !== HBA_STATUS.OK || pa.value.PortState !== HBA_PORTSTATE.ONLINE) return undefined;
				return /^0+$/.test(pa.value.FabricName) ? undefined : pa.value.FabricName;
			} finally {
				api.HBA_CloseAdapter(opened.value);
			}
		}
		return undefined;
	}
}

function exportState(d: XenDomain): DomainConfig['state'] | undefined {
	switch (d.power) {
		case 'running':
		case 'building':
			return 'running';
		case 'paused':
			return d.migrationRole === 'source' ? 'running' : 'paused';
		case 'suspended':
			return 'suspended';
		case 'halted':
			return 'halted';
		case 'shutdown':
			// A migration source suspended for its last copy is still the domain's home.
			if (d.migrationRole === 'source') return 'running';
			return d.managed ? 'halted' : undefined;
		case 'dying':
		case 'crashed':
			return d.managed ? 'halted' : undefined;
	}
}

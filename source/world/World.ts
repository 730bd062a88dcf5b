/**
 * The SAN as a whole, built from the store's lab configuration: fabrics and loops, arrays, every
 * host's FC stack with its HBA-API, and the Xen hosts with their domains. Booting plugs the
 * cables, lets every port log in and discover, replays each host's NPIV port list, starts the
 * domains that were running, and runs to quiescence. What the SAN derives (logins, FCIDs,
 * discovered ports, LUN paths) is never saved; `exportLab` gives back only what an administrator
 * configured, in LabConfig shapes.
 */
import {EventLog} from '../sim/EventLog.js';
import {Prng, type PrngState} from '../sim/Prng.js';
import {Simulator} from '../sim/Simulator.js';
import {buildFabrics, type FabricSet} from '../fabric/index.js';
import {buildArrays, exportArrays, type StorageArray} from '../storage/index.js';
import {HostFcStack} from '../driver/HostFcStack.js';
import {createHbaApi} from '../hbaapi/HbaLibrary.js';
import type {HbaApi, HbaApiVportViews} from '../hbaapi/types.js';
import {Cable, connect, disconnect, resolveEnd, type ResolvedEnd} from './Cabling.js';
import type {HostConfig, LabConfig} from './LabConfig.js';
import {replayNpivPortList} from './NpivConfigService.js';
import type {WorldDocument} from './WorldDocument.js';
import {WorldError} from './WorldError.js';
import {WwnLedger} from './WwnLedger.js';
import {XenWorld} from '../xvm/XenWorld.js';

export const EVENT_CAPACITY = 5000;

/** One host: its configuration, FC stack, HBA-API, and SMF npiv port list (mutable). */
export interface WorldHost {
	readonly config: HostConfig;
	readonly stack: HostFcStack;
	readonly api: HbaApi & HbaApiVportViews;
	/** npiv_config/port_list, edited by fcadm create/delete. */
	npivPorts: string[];
}

export interface BootOptions {
	/** Record boot events (a new store, a loaded scenario); otherwise the boot is a silent re-derivation. */
	readonly record?: boolean;
}

export class World {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly prng: Prng;
	readonly wwns: WwnLedger;
	readonly fabrics: FabricSet;
	readonly arrays: StorageArray[];
	readonly hosts: WorldHost[];
	readonly cables: Cable[];
	readonly xen: XenWorld;
	private readonly base: LabConfig;
	private adminChanges = 0;
	private booted = false;

	constructor(doc: WorldDocument) {
		const lab = doc.lab;
		this.base = lab;
		this.sim = new Simulator(doc.clock);
		this.log = new EventLog(this.sim, EVENT_CAPACITY);
		this.log.restore(doc.events);
		this.prng = new Prng(doc.prng as unknown as PrngState);
		this.wwns = new WwnLedger(lab, doc.retiredWwns);
		this.fabrics = buildFabrics(lab, this.sim, this.log, {onAdminChange: () => this.adminChanges++});
		this.arrays = buildArrays(lab.arrays, this.sim, this.log);
		this.hosts = lab.hosts.map(config => {
			const stack = new HostFcStack({host: config, sim: this.sim, log: this.log, wwnRegistry: this.wwns});
			const api = createHbaApi(stack, {sim: this.sim, wwnRegistry: this.wwns, prng: this.prng});
			return {config, stack, api, npivPorts: [...config.npivPorts]};
		});
		const parts = {fabrics: this.fabrics, hosts: this.hosts.map(h => h.stack), arrays: this.arrays};
		this.cables = lab.cables.map(c => new Cable(c, resolveEnd(parts, c.a), resolveEnd(parts, c.b)));
		this.xen = new XenWorld(
			{sim: this.sim, log: this.log, prng: this.prng, hbaApiOf: name => this.host(name)!.api},
			lab.hosts,
			lab.domains,
		);
	}

	/** Brings the lab up to quiescence. */
	boot(options: BootOptions = {}): void {
		if (this.booted) throw new WorldError('the world is already booted');
		this.booted = true;
		const run = (): void => {
			for (const cable of this.cables) if (cable.connected) connect(this.fabrics, cable);
			this.sim.runUntilIdle();
			for (const host of this.hosts) {
				if (host.npivPorts.length > 0) replayNpivPortList(host.config.name, host.api, host.npivPorts, this.log);
			}
			this.sim.runUntilIdle();
			this.xen.boot();
			this.sim.runUntilIdle();
		};
		if (options.record) run();
		else this.log.quietly(run);
		this.adminChanges = 0;
	}

	runUntilIdle(): number {
		return this.sim.runUntilIdle();
	}

	host(name: string): WorldHost | undefined {
		return this.hosts.find(h => h.config.name === name);
	}

	/** Counts administrative changes that happened through models that report them (fabric). */
	get adminChangeCount(): number {
		return this.adminChanges;
	}

	// ---- cables ----------------------------------------------------------------------------

	/** Finds the cable on an end given as `switch/port`, `host/WWPN`, `array/port` or `loop:name`. */
	findCable(endText: string): Cable | undefined {
		const end = this.resolveEndText(endText);
		return end ? this.cables.find(c => c.touches(end)) : undefined;
	}

	resolveEndText(text: string): ResolvedEnd | undefined {
		const parts = {fabrics: this.fabrics, hosts: this.hosts.map(h => h.stack), arrays: this.arrays};
		const m = /^([^/]+)\/(.+)$/.exec(text.trim());
		const loop = /^loop:(.+)$/.exec(text.trim());
		try {
			if (loop) return resolveEnd(parts, {loop: loop[1]!});
			if (!m) return undefined;
			const [, owner, rest] = m as unknown as [string, string, string];
			if (this.fabrics.switch(owner)) return resolveEnd(parts, {switch: owner, port: Number(rest)});
			if (this.host(owner)) return resolveEnd(parts, {host: owner, wwpn: rest});
			if (this.arrays.some(a => a.name === owner)) return resolveEnd(parts, {array: owner, port: rest});
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

	// ---- export ----------------------------------------------------------------------------

	exportLab(): LabConfig {
		const {fabrics, switches} = this.fabrics.exportConfig();
		return {
			...this.base,
			fabrics,
			switches,
			hosts: this.hosts.map(h => ({...h.config, npivPorts: [...h.npivPorts]})),
			arrays: exportArrays(this.arrays) as LabConfig['arrays'],
			cables: this.cables.map(c => c.toConfig()),
			domains: this.xen.exportDomains(),
		};
	}

	/** The document to save: the lab as now configured, PRNG, clock, the capped log, retired WWNs. */
	toDocument<D extends WorldDocument>(base: D): D {
		const lab = this.exportLab();
		return {
			...base,
			lab,
			prng: [...this.prng.state],
			clock: this.sim.now,
			events: [...this.log.entries()],
			retiredWwns: this.wwns.retiredAgainst(lab),
		};
	}
}

/** Builds and boots a world from a document. */
export function bootWorld(doc: WorldDocument, options: BootOptions = {}): World {
	const world = new World(doc);
	world.boot(options);
	return world;
}

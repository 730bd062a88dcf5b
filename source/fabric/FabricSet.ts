/**
 * Every medium of the lab: the fabrics (each one world of its own), private loops and
 * point-to-point cables, built from the LabConfig, with the cabling API the world uses to plug
 * N_Ports in and out and the export of administrative state back to LabConfig shapes.
 */
import type {EventLog} from '../sim/EventLog.js';
import type {Simulator} from '../sim/Simulator.js';
import {parseWwn} from '../sim/Wwn.js';
import type {FabricConfig, IslConfig, LoopConfig, SwitchConfig, SwitchPortConfig} from './FabricConfig.js';
import {ArbitratedLoop} from './ArbitratedLoop.js';
import {describeAttachment, Fabric, type FabricContext} from './Fabric.js';
import {FabricError} from './FabricError.js';
import {DEFAULT_NPIV_LIMIT, MAX_NPIV_LIMIT, defaultFabricOptions, type FabricOptions} from './FabricOptions.js';
import type {FcSwitch} from './FcSwitch.js';
import type {NPortEndpoint, NPortLink} from './NPort.js';
import {OutboundQueue} from './OutboundQueue.js';
import {PointToPointCable} from './PointToPointCable.js';
import type {SwitchPort} from './SwitchPort.js';
import {ZoningError} from './ZoningDatabase.js';

export interface FabricsConfig {
	readonly fabrics: readonly FabricConfig[];
	readonly switches: readonly SwitchConfig[];
	readonly isls: readonly IslConfig[];
	readonly loops: readonly LoopConfig[];
}

export type Attachment =
	| {readonly kind: 'switch'; readonly port: SwitchPort}
	| {readonly kind: 'loop'; readonly loop: ArbitratedLoop}
	| {readonly kind: 'p2p'; readonly cable: PointToPointCable};

/** Where an N_Port can be plugged: a switch port or a loop (see connectPointToPoint for p2p). */
export type PlugTarget = {readonly switch: string; readonly port: number} | {readonly loop: string};

export interface PlugOptions {
	/** The N_Port's top speed; the link negotiates the lower of this and the port's. */
	readonly maxSpeedGbps?: number;
}

export interface BuildOptions extends Partial<FabricOptions> {
	/** Told after every administrative change (zoning, port settings, NPIV). */
	readonly onAdminChange?: () => void;
}

export class FabricSet {
	readonly fabrics: Fabric[] = [];
	readonly loops: ArbitratedLoop[] = [];
	readonly cables: PointToPointCable[] = [];
	/** Bumped by every administrative change; compare before/after to know whether to save. */
	adminRevision = 0;
	private readonly fabricsByName = new Map<string, Fabric>();
	private readonly switchesByName = new Map<string, FcSwitch>();
	private readonly loopsByName = new Map<string, ArbitratedLoop>();
	private readonly attachments = new Map<NPortEndpoint, Attachment>();
	private readonly switchConfigs = new Map<FcSwitch, SwitchConfig>();
	private readonly listeners = new Set<() => void>();
	readonly ctx: FabricContext;

	constructor(
		readonly sim: Simulator,
		readonly log: EventLog,
		options: Partial<FabricOptions> = {},
	) {
		this.ctx = {
			sim,
			log,
			outbound: new OutboundQueue(sim),
			options: {...defaultFabricOptions, ...options},
			adminChanged: () => {
				this.adminRevision++;
				for (const l of this.listeners) l();
			},
		};
	}

	onAdminChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	// --- lookups -------------------------------------------------------------------------------

	fabric(name: string): Fabric | undefined {
		return this.fabricsByName.get(name);
	}

	switch(name: string): FcSwitch | undefined {
		return this.switchesByName.get(name);
	}

	loop(name: string): ArbitratedLoop | undefined {
		return this.loopsByName.get(name);
	}

	get switches(): FcSwitch[] {
		return [...this.switchesByName.values()];
	}

	requireFabric(name: string): Fabric {
		const f = this.fabric(name);
		if (!f) throw new FabricError(`no fabric named '${name}'${this.known(this.fabricsByName)}`);
		return f;
	}

	requireSwitch(name: string): FcSwitch {
		const sw = this.switch(name);
		if (!sw) throw new FabricError(`no switch named '${name}'${this.known(this.switchesByName)}`);
		return sw;
	}

	requireLoop(name: string): ArbitratedLoop {
		const l = this.loop(name);
		if (!l) throw new FabricError(`no loop named '${name}'${this.known(this.loopsByName)}`);
		return l;
	}

	attachmentOf(endpoint: NPortEndpoint): Attachment | undefined {
		return this.attachments.get(endpoint);
	}

	/** The medium's live link to an N_Port (undefined while it has no light). */
	linkOf(endpoint: NPortEndpoint): NPortLink | undefined {
		const a = this.attachments.get(endpoint);
		if (!a) return undefined;
		if (a.kind === 'switch') return a.port.link?.endpoint === endpoint ? a.port.link : undefined;
		const member = a.kind === 'loop' ? a.loop.liveMembers().find(m => m.endpoint === endpoint) : a.cable.ends.find(m => m.endpoint === endpoint);
		return member?.link ?? undefined;
	}

	/** The fabric an N_Port is cabled into, if it is on a switch. */
	fabricOf(endpoint: NPortEndpoint): Fabric | undefined {
		const a = this.attachments.get(endpoint);
		return a?.kind === 'switch' ? a.port.sw.fabric : undefined;
	}

	// --- building ------------------------------------------------------------------------------

	addFabric(config: FabricConfig): Fabric {
		if (this.fabricsByName.has(config.name)) throw new FabricError(`duplicate fabric name '${config.name}'`);
		const fabric = new Fabric(config.name, this.ctx);
		this.fabrics.push(fabric);
		this.fabricsByName.set(config.name, fabric);
		return fabric;
	}

	addSwitch(config: SwitchConfig): FcSwitch {
		const where = `switch '${config.name}'`;
		if (this.switchesByName.has(config.name) || this.loopsByName.has(config.name)) throw new FabricError(`duplicate switch name '${config.name}'`);
		const fabric = this.fabric(config.fabric);
		if (!fabric) throw new FabricError(`${where}: unknown fabric '${config.fabric}'`);
		const wwn = parseWwn(config.wwn);
		if (!wwn) throw new FabricError(`${where}: invalid WWN '${config.wwn}'`);
		for (const other of this.switchesByName.values()) {
			if (other.wwn === wwn) throw new FabricError(`${where}: WWN ${config.wwn} is already used by switch '${other.name}'`);
		}
		if (!(config.maxSpeedGbps > 0)) throw new FabricError(`${where}: invalid maxSpeedGbps ${config.maxSpeedGbps}`);
		const sw = fabric.addSwitch({
			name: config.name,
			domainId: config.domainId,
			wwn,
			model: config.model ?? '66.1',
			portCount: config.portCount,
			maxSpeedGbps: config.maxSpeedGbps,
		});
		sw.npiv = config.npiv;
		if (config.loginLimit !== undefined) {
			if (!Number.isInteger(config.loginLimit) || config.loginLimit < 1) throw new FabricError(`${where}: invalid loginLimit ${config.loginLimit}`);
			sw.loginLimit = config.loginLimit;
		}
		if (config.duplicateWwpnPolicy) sw.duplicateWwpnPolicy = config.duplicateWwpnPolicy;
		for (const pc of config.ports ?? []) {
			const port = sw.port(pc.index);
			if (!port) throw new FabricError(`${where}: port ${pc.index} is outside 0-${sw.ports.length - 1}`);
			if (pc.npivLimit !== undefined) {
				if (!Number.isInteger(pc.npivLimit) || pc.npivLimit < 1 || pc.npivLimit > MAX_NPIV_LIMIT) {
					throw new FabricError(`${where} port ${pc.index}: npivLimit ${pc.npivLimit} is outside 1-${MAX_NPIV_LIMIT}`);
				}
				port.npivLimit = pc.npivLimit;
			}
			if (pc.npiv !== undefined) port.npiv = pc.npiv;
			if (pc.disabled) port.adminDisabled = true;
			if (pc.speedGbps !== undefined) port.fixedSpeedGbps = pc.speedGbps;
			if (pc.name !== undefined) port.name = pc.name;
		}
		this.switchesByName.set(sw.name, sw);
		this.switchConfigs.set(sw, config);
		return sw;
	}

	addIsl(a: {readonly switch: string; readonly port: number}, b: {readonly switch: string; readonly port: number}): void {
		const pa = this.requireSwitch(a.switch).requirePort(a.port);
		const pb = this.requireSwitch(b.switch).requirePort(b.port);
		if (pa.sw.fabric !== pb.sw.fabric) {
			throw new FabricError(`ISL ${a.switch}/${a.port} - ${b.switch}/${b.port} joins fabrics '${pa.sw.fabric.name}' and '${pb.sw.fabric.name}' (merging fabrics is not emulated)`);
		}
		pa.sw.fabric.connectIsl(pa, pb);
	}

	addLoop(name: string): ArbitratedLoop {
		if (this.loopsByName.has(name) || this.switchesByName.has(name)) throw new FabricError(`duplicate loop name '${name}'`);
		const loop = new ArbitratedLoop(name, this.ctx);
		this.loops.push(loop);
		this.loopsByName.set(name, loop);
		return loop;
	}

	// --- cabling -------------------------------------------------------------------------------

	plugIntoSwitch(endpoint: NPortEndpoint, switchName: string, portIndex: number, opts: PlugOptions = {}): SwitchPort {
		this.checkFree(endpoint);
		const port = this.requireSwitch(switchName).requirePort(portIndex);
		port.sw.fabric.plugNPort(port, endpoint, opts.maxSpeedGbps);
		this.attachments.set(endpoint, {kind: 'switch', port});
		return port;
	}

	plugIntoLoop(endpoint: NPortEndpoint, loopName: string): ArbitratedLoop {
		this.checkFree(endpoint);
		const loop = this.requireLoop(loopName);
		loop.plug(endpoint);
		this.attachments.set(endpoint, {kind: 'loop', loop});
		return loop;
	}

	plug(endpoint: NPortEndpoint, target: PlugTarget, opts: PlugOptions = {}): void {
		if ('loop' in target) this.plugIntoLoop(endpoint, target.loop);
		else this.plugIntoSwitch(endpoint, target.switch, target.port, opts);
	}

	connectPointToPoint(a: NPortEndpoint, b: NPortEndpoint, opts: {readonly speedGbps?: number} = {}): PointToPointCable {
		if (a === b) throw new FabricError(`cannot cable ${a.label} to itself`);
		this.checkFree(a);
		this.checkFree(b);
		const cable = new PointToPointCable(`p2p:${a.label}-${b.label}`, a, b, this.ctx, opts.speedGbps);
		this.cables.push(cable);
		this.attachments.set(a, {kind: 'p2p', cable});
		this.attachments.set(b, {kind: 'p2p', cable});
		cable.connect();
		return cable;
	}

	/**
	 * Cables an N_Port back as the saved state had it (restore): the attachment only, no link
	 * started, nothing posted or recorded. loadFabricSetLive then puts back links and logins.
	 */
	restoreAttachment(endpoint: NPortEndpoint, target: PlugTarget, opts: PlugOptions = {}): void {
		this.checkFree(endpoint);
		if ('loop' in target) {
			const loop = this.requireLoop(target.loop);
			loop.restorePlug(endpoint);
			this.attachments.set(endpoint, {kind: 'loop', loop});
			return;
		}
		const port = this.requireSwitch(target.switch).requirePort(target.port);
		if (port.attachment) throw new FabricError(`${port.sw.name} port ${port.index} is already cabled to ${describeAttachment(port)}`);
		port.attachment = {kind: 'nport', endpoint, maxSpeedGbps: opts.maxSpeedGbps};
		this.attachments.set(endpoint, {kind: 'switch', port});
	}

	/** A point-to-point cable as the saved state had it (restore): no link started. */
	restorePointToPoint(a: NPortEndpoint, b: NPortEndpoint, opts: {readonly speedGbps?: number} = {}): PointToPointCable {
		this.checkFree(a);
		this.checkFree(b);
		const cable = new PointToPointCable(`p2p:${a.label}-${b.label}`, a, b, this.ctx, opts.speedGbps);
		this.cables.push(cable);
		this.attachments.set(a, {kind: 'p2p', cable});
		this.attachments.set(b, {kind: 'p2p', cable});
		return cable;
	}

	/** Pulls the N_Port's cable; on a point-to-point cable both ends go down. False if it was not plugged. */
	unplug(endpoint: NPortEndpoint): boolean {
		const a = this.attachments.get(endpoint);
		if (!a) return false;
		this.attachments.delete(endpoint);
		if (a.kind === 'switch') a.port.sw.fabric.unplugPort(a.port);
		else if (a.kind === 'loop') a.loop.unplug(endpoint);
		else {
			for (const end of a.cable.ends) this.attachments.delete(end.endpoint);
			a.cable.disconnect();
			this.cables.splice(this.cables.indexOf(a.cable), 1);
		}
		return true;
	}

	/** Runs `fn` (a bulk boot, say) with the event log muted. */
	quietly<T>(fn: () => T): T {
		return this.log.quietly(fn);
	}

	// --- export --------------------------------------------------------------------------------

	/** The administrative state in LabConfig shapes, for the world to save. */
	exportConfig(): {fabrics: FabricConfig[]; switches: SwitchConfig[]} {
		return {
			fabrics: this.fabrics.map(f => ({name: f.name, zoning: f.exportZoning()})),
			switches: this.switches.map(sw => this.exportSwitch(sw)),
		};
	}

	exportSwitch(sw: FcSwitch): SwitchConfig {
		const original = this.switchConfigs.get(sw);
		const ports: SwitchPortConfig[] = [];
		for (const p of sw.ports) {
			const o: {-readonly [K in keyof SwitchPortConfig]: SwitchPortConfig[K]} = {index: p.index};
			if (p.fixedSpeedGbps !== undefined) o.speedGbps = p.fixedSpeedGbps;
			if (p.adminDisabled) o.disabled = true;
			if (!p.npiv) o.npiv = false;
			if (p.npivLimit !== DEFAULT_NPIV_LIMIT) o.npivLimit = p.npivLimit;
			if (p.name) o.name = p.name;
			if (Object.keys(o).length > 1) ports.push(o);
		}
		const {ports: _p, loginLimit: _l, duplicateWwpnPolicy: _d, ...rest} = original ?? ({} as Partial<SwitchConfig>);
		const out: SwitchConfig = {
			...rest,
			name: sw.name,
			fabric: sw.fabric.name,
			domainId: sw.domainId,
			wwn: original?.wwn ?? sw.wwn,
			portCount: sw.ports.length,
			maxSpeedGbps: sw.maxSpeedGbps,
			npiv: sw.npiv,
			...(Number.isFinite(sw.loginLimit) ? {loginLimit: sw.loginLimit} : {}),
			...(original?.duplicateWwpnPolicy || sw.duplicateWwpnPolicy !== 'first-wins' ? {duplicateWwpnPolicy: sw.duplicateWwpnPolicy} : {}),
			...(ports.length > 0 ? {ports} : {}),
		};
		return out;
	}

	private checkFree(endpoint: NPortEndpoint): void {
		const a = this.attachments.get(endpoint);
		if (!a) return;
		const where = a.kind === 'switch' ? `${a.port.sw.name} port ${a.port.index}` : a.kind === 'loop' ? `loop ${a.loop.name}` : a.cable.name;
		throw new FabricError(`${endpoint.label} is already cabled to ${where}`);
	}

	private known(map: Map<string, unknown>): string {
		const names = [...map.keys()];
		return names.length > 0 ? ` (known: ${names.join(', ')})` : '';
	}
}

/**
 * Builds switches, ISLs, fabrics' zoning and loops from the lab configuration. Nothing is cabled:
 * the world plugs hosts and arrays in from CableConfig (plugIntoSwitch / plugIntoLoop /
 * connectPointToPoint). Configuration errors throw FabricError with a message naming the object.
 */
export function buildFabrics(config: FabricsConfig, sim: Simulator, log: EventLog, options: BuildOptions = {}): FabricSet {
	const {onAdminChange, ...fabricOptions} = options;
	const set = new FabricSet(sim, log, fabricOptions);
	for (const f of config.fabrics) set.addFabric(f);
	for (const s of config.switches) set.addSwitch(s);
	for (const f of set.fabrics) if (f.switches.length === 0) throw new FabricError(`fabric '${f.name}' has no switches`);
	for (const isl of config.isls) set.addIsl(isl.a, isl.b);
	for (const l of config.loops) set.addLoop(l.name);
	for (const f of config.fabrics) {
		try {
			set.requireFabric(f.name).loadZoning(f.zoning);
		} catch (e) {
			if (e instanceof ZoningError) throw new FabricError(`fabric '${f.name}' zoning: ${e.message}`);
			throw e;
		}
	}
	if (onAdminChange) set.onAdminChange(onAdminChange);
	return set;
}


/**
 * The lab's cables: each joins an N_Port (a host HBA port or an array target port) to a switch
 * port, a loop, or another N_Port (point-to-point). Pulling a cable keeps it in the lab,
 * unplugged, so that plugging it back restores the same wiring.
 */
import type {NPortEndpoint} from '../fabric/NPort.js';
import type {FabricSet} from '../fabric/FabricSet.js';
import {parseWwn} from '../sim/Wwn.js';
import type {HostFcStack} from '../driver/HostFcStack.js';
import type {StorageArray} from '../storage/StorageArray.js';
import type {CableConfig, CableEnd} from './LabConfig.js';
import {WorldError} from './WorldError.js';

export type ResolvedEnd =
	| {readonly kind: 'nport'; readonly endpoint: NPortEndpoint; readonly maxSpeedGbps?: number; readonly text: string}
	| {readonly kind: 'switch'; readonly switch: string; readonly port: number; readonly text: string}
	| {readonly kind: 'loop'; readonly loop: string; readonly text: string};

export class Cable {
	connected: boolean;

	constructor(
		readonly config: CableConfig,
		readonly a: ResolvedEnd,
		readonly b: ResolvedEnd,
	) {
		this.connected = config.connected !== false;
	}

	get label(): string {
		return `${this.a.text} <-> ${this.b.text}`;
	}

	/** The N_Port end(s) of the cable. */
	nports(): NPortEndpoint[] {
		return [this.a, this.b].flatMap(e => (e.kind === 'nport' ? [e.endpoint] : []));
	}

	touches(end: ResolvedEnd): boolean {
		return sameEnd(this.a, end) || sameEnd(this.b, end);
	}

	toConfig(): CableConfig {
		const {connected: _drop, ...rest} = this.config;
		return this.connected ? rest : {...rest, connected: false};
	}
}

export interface CablingParts {
	readonly fabrics: FabricSet;
	readonly hosts: readonly HostFcStack[];
	readonly arrays: readonly StorageArray[];
}

export function endText(end: CableEnd): string {
	if ('switch' in end) return `${end.switch}/${end.port}`;
	if ('host' in end) return `${end.host}/${end.wwpn}`;
	if ('array' in end) return `${end.array}/${end.port}`;
	return `loop:${end.loop}`;
}

export function resolveEnd(parts: CablingParts, end: CableEnd): ResolvedEnd {
	const text = endText(end);
	if ('switch' in end) {
		const sw = parts.fabrics.switch(end.switch);
		if (!sw) throw new WorldError(`cable end ${text}: no switch '${end.switch}'`);
		return {kind: 'switch', switch: end.switch, port: end.port, text};
	}
	if ('loop' in end) {
		if (!parts.fabrics.loop(end.loop)) throw new WorldError(`cable end ${text}: no loop '${end.loop}'`);
		return {kind: 'loop', loop: end.loop, text};
	}
	if ('host' in end) {
		const host = parts.hosts.find(h => h.name === end.host);
		if (!host) throw new WorldError(`cable end ${text}: no host '${end.host}'`);
		const wwpn = parseWwn(end.wwpn);
		const port = wwpn ? host.ports.find(p => p.wwpn === wwpn) : undefined;
		if (!port) throw new WorldError(`cable end ${text}: host ${end.host} has no HBA port ${end.wwpn}`);
		const speeds = port.model.supportedSpeedsGbps;
		return {kind: 'nport', endpoint: port, maxSpeedGbps: speeds[speeds.length - 1], text};
	}
	const array = parts.arrays.find(a => a.name === end.array);
	if (!array) throw new WorldError(`cable end ${text}: no array '${end.array}'`);
	const port = array.ports.find(p => p.name === end.port);
	if (!port) throw new WorldError(`cable end ${text}: array ${end.array} has no port '${end.port}'`);
	return {kind: 'nport', endpoint: port, text};
}

/** Plugs a cable's ends together (the medium raises link up on a later simulator event). */
export function connect(fabrics: FabricSet, cable: Cable): void {
	const {a, b} = cable;
	if (a.kind === 'nport' && b.kind === 'nport') {
		fabrics.connectPointToPoint(a.endpoint, b.endpoint);
		return;
	}
	const nport = a.kind === 'nport' ? a : b.kind === 'nport' ? b : undefined;
	const medium = nport === a ? b : a;
	if (!nport) throw new WorldError(`cable ${cable.label}: joins two switch or loop ports (use an ISL between switches)`);
	if (medium.kind === 'switch') fabrics.plugIntoSwitch(nport.endpoint, medium.switch, medium.port, {maxSpeedGbps: nport.maxSpeedGbps});
	else if (medium.kind === 'loop') fabrics.plugIntoLoop(nport.endpoint, medium.loop);
}

export function disconnect(fabrics: FabricSet, cable: Cable): void {
	const [first] = cable.nports();
	if (first) fabrics.unplug(first);
	// A loop holds several N_Ports on one "cable" per member, so only this member leaves.
}

function sameEnd(x: ResolvedEnd, y: ResolvedEnd): boolean {
	if (x.kind === 'nport' && y.kind === 'nport') return x.endpoint === y.endpoint;
	if (x.kind === 'switch' && y.kind === 'switch') return x.switch === y.switch && x.port === y.port;
	if (x.kind === 'loop' && y.kind === 'loop') return x.loop === y.loop;
	return false;
}

/**
 * One switch of a fabric: identity (name, domain, WWN), NPIV and login limits, the duplicate-WWPN
 * policy and its ports. Logins and services live in the Fabric; the switch's mutators go through
 * the Fabric so that logouts, RSCNs and events follow every change.
 */
import type {Wwn} from '../sim/Wwn.js';
import type {DuplicateWwpnPolicy} from './FabricConfig.js';
import type {Fabric} from './Fabric.js';
import {FabricError} from './FabricError.js';
import {SwitchPort} from './SwitchPort.js';

export interface SwitchIdentity {
	readonly name: string;
	readonly domainId: number;
	readonly wwn: Wwn;
	readonly model: string;
	readonly portCount: number;
	readonly maxSpeedGbps: number;
}

export class FcSwitch {
	readonly name: string;
	readonly domainId: number;
	readonly wwn: Wwn;
	readonly model: string;
	readonly maxSpeedGbps: number;
	readonly ports: readonly SwitchPort[];
	npiv = true;
	/** FLOGI + FDISC logins the whole switch accepts. */
	loginLimit = Number.POSITIVE_INFINITY;
	duplicateWwpnPolicy: DuplicateWwpnPolicy = 'first-wins';
	loginCount = 0;

	constructor(
		readonly fabric: Fabric,
		id: SwitchIdentity,
	) {
		this.name = id.name;
		this.domainId = id.domainId;
		this.wwn = id.wwn;
		this.model = id.model;
		this.maxSpeedGbps = id.maxSpeedGbps;
		const ports: SwitchPort[] = [];
		for (let i = 0; i < id.portCount; i++) ports.push(new SwitchPort(this, i));
		this.ports = ports;
	}

	port(index: number): SwitchPort | undefined {
		return Number.isInteger(index) ? this.ports[index] : undefined;
	}

	get isPrincipal(): boolean {
		return this.fabric.principal === this;
	}

	/** switchId as FOS prints it: fffcDD. */
	get switchId(): string {
		return `fffc${this.domainId.toString(16).padStart(2, '0')}`;
	}

	// Management mutators (the switch shell and fault injection call these).

	disablePort(index: number): void {
		this.fabric.setPortEnabled(this.requirePort(index), false);
	}

	enablePort(index: number): void {
		this.fabric.setPortEnabled(this.requirePort(index), true);
	}

	setPortNpiv(index: number, on: boolean): void {
		this.fabric.setPortNpiv(this.requirePort(index), on);
	}

	setPortNpivLimit(index: number, limit: number): void {
		this.fabric.setPortNpivLimit(this.requirePort(index), limit);
	}

	setNpiv(on: boolean): void {
		this.fabric.setSwitchNpiv(this, on);
	}

	setLoginLimit(limit: number): void {
		this.fabric.setSwitchLoginLimit(this, limit);
	}

	setDuplicateWwpnPolicy(policy: DuplicateWwpnPolicy): void {
		this.fabric.setDuplicatePolicy(this, policy);
	}

	requirePort(index: number): SwitchPort {
		const p = this.port(index);
		if (!p) throw new FabricError(`switch ${this.name} has no port ${index} (ports 0-${this.ports.length - 1})`);
		return p;
	}
}

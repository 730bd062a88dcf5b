/**
 * A guest domain as xend on one dom0 knows it: its configuration, its domid while instantiated,
 * its power state and the CPU time it has used. The same guest after a migration is a new
 * XenDomain on the destination (new domid, same name and configuration).
 */
import type {SimTime} from '../sim/Simulator.js';
import type {XenDomainLive} from './XenLive.js';
import type {Wwn} from '../sim/Wwn.js';
import type {DomainSpec} from './DomainSpec.js';
import {isActive, stateFlags, vmOperState, xendPowerState, type PowerState, type VmOperState} from './DomainState.js';

export type ShutdownReason = 'poweroff' | 'reboot' | 'halt' | 'suspend' | 'crash';

/** A LUN seen on one of the domain's virtual ports: virtual port, target port and LUN number. */
export function lunKey(vpwwn: Wwn, targetWwn: Wwn, lun: number): string {
	return `${vpwwn}/${targetWwn}/${lun}`;
}

/** The LUN number of a 64-bit FCP LUN (SAM peripheral/flat addressing of the first level). */
export function fcpLunNumber(fcpLun: bigint): number {
	return Number((fcpLun >> 48n) & 0x3fffn);
}

/** CPU a guest burns while booting, then while idle (fractions of one physical CPU). */
const BOOT_CPU = 0.5;
const BOOT_MS = 8000;
const IDLE_CPU_PER_VCPU = 0.004;
/** dom0 runs xend, xenstored, the backends and xennpivd. */
const DOM0_CPU_PER_VCPU = 0.01;

export class XenDomain {
	domid: number | undefined;
	power: PowerState;
	shutdownRequested: ShutdownReason | undefined;
	/** Set while the domain takes part in a live migration. */
	migrationRole: 'source' | 'destination' | undefined;
	onlineVcpus: number;
	/** Sim time the current incarnation was created (xm uptime). */
	startTime: SimTime | undefined;
	/**
	 * Frontend names a LUN had in this guest, kept across vport re-creation and migration so that a
	 * LUN comes back under the same xvd name (the "temporary list" of seed 7.3 step 2).
	 */
	readonly lunNames = new Map<string, string>();
	/** Restarts since creation (xm shutdown -R -w waits for it to move). */
	restartCount = 0;

	private cpuSeconds = 0;
	private runningSince: SimTime | undefined;
	private bootedAt: SimTime | undefined;

	constructor(
		public spec: DomainSpec,
		readonly uuid: string,
		public managed: boolean,
		power: PowerState,
		/** Domain-0: always running, never paused, shut down or migrated by xm. */
		readonly privileged = false,
	) {
		this.power = power;
		this.onlineVcpus = spec.vcpus;
	}

	get name(): string {
		return this.migrationRole === 'source' ? `migrating-${this.spec.name}` : this.spec.name;
	}

	get active(): boolean {
		return isActive(this.power);
	}

	get flags(): string {
		return this.privileged ? 'r-----' : stateFlags(this.power);
	}

	get vmState(): VmOperState {
		return vmOperState(this.power, {migrating: this.migrationRole !== undefined, shutdownRequested: this.shutdownRequested !== undefined});
	}

	get xendState(): string {
		return xendPowerState(this.power);
	}

	/** The guest is scheduled: unpaused and instantiated. */
	get scheduled(): boolean {
		return this.power === 'running';
	}

	saveLive(): XenDomainLive {
		return {
			spec: this.spec,
			uuid: this.uuid,
			managed: this.managed,
			power: this.power,
			...(this.domid !== undefined ? {domid: this.domid} : {}),
			...(this.shutdownRequested !== undefined ? {shutdownRequested: this.shutdownRequested} : {}),
			onlineVcpus: this.onlineVcpus,
			...(this.startTime !== undefined ? {startTime: this.startTime} : {}),
			...(this.lunNames.size > 0 ? {lunNames: [...this.lunNames]} : {}),
			...(this.restartCount ? {restartCount: this.restartCount} : {}),
			cpuSeconds: this.cpuSeconds,
			...(this.runningSince !== undefined ? {runningSince: this.runningSince} : {}),
			...(this.bootedAt !== undefined ? {bootedAt: this.bootedAt} : {}),
		};
	}

	/** A domain as saved (restore). */
	static fromLive(live: XenDomainLive, privileged = false): XenDomain {
		const dom = new XenDomain(live.spec, live.uuid, live.managed, live.power, privileged);
		dom.restoreLive(live);
		return dom;
	}

	restoreLive(live: XenDomainLive): void {
		if (live.uuid !== this.uuid) throw new Error(`saved domain ${live.spec.name} has UUID ${live.uuid}, not ${this.uuid}`);
		this.spec = live.spec;
		this.managed = live.managed;
		this.power = live.power;
		this.domid = live.domid;
		this.shutdownRequested = live.shutdownRequested;
		this.migrationRole = undefined;
		this.onlineVcpus = live.onlineVcpus;
		this.startTime = live.startTime;
		this.lunNames.clear();
		for (const [k, v] of live.lunNames ?? []) this.lunNames.set(k, v);
		this.restartCount = live.restartCount ?? 0;
		this.cpuSeconds = live.cpuSeconds;
		this.runningSince = live.runningSince;
		this.bootedAt = live.bootedAt;
	}

	cpuTime(now: SimTime): number {
		if (this.runningSince === undefined) return this.cpuSeconds;
		return this.cpuSeconds + this.cpuBetween(this.runningSince, now);
	}

	/** Called by xend when the guest starts (or resumes) being scheduled. */
	markScheduled(now: SimTime, freshBoot: boolean): void {
		if (freshBoot) this.bootedAt = now;
		if (this.runningSince === undefined) this.runningSince = now;
	}

	/** Called when the guest stops being scheduled (pause, suspend, shutdown, destroy). */
	markDescheduled(now: SimTime): void {
		if (this.runningSince === undefined) return;
		this.cpuSeconds += this.cpuBetween(this.runningSince, now);
		this.runningSince = undefined;
	}

	/** A new incarnation (start, restart): CPU time and uptime start again. */
	resetAccounting(now: SimTime, cpuSeconds = 0): void {
		this.cpuSeconds = cpuSeconds;
		this.runningSince = undefined;
		this.bootedAt = undefined;
		this.startTime = now;
	}

	private cpuBetween(from: SimTime, to: SimTime): number {
		if (to <= from) return 0;
		const idle = (this.privileged ? DOM0_CPU_PER_VCPU : IDLE_CPU_PER_VCPU) * this.onlineVcpus;
		let burst = 0;
		if (this.bootedAt !== undefined) {
			const end = this.bootedAt + BOOT_MS;
			burst = Math.max(0, Math.min(to, end) - Math.max(from, this.bootedAt));
		}
		return ((to - from - burst) * idle + burst * BOOT_CPU) / 1000;
	}
}

/** Test doubles and small labs for the fabric tests. */
import {EventLog} from '../../source/sim/EventLog.js';
import type {FcId} from '../../source/sim/FcId.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn, type Wwn} from '../../source/sim/Wwn.js';
import {buildFabrics, type BuildOptions, type FabricSet, type FabricsConfig} from '../../source/fabric/FabricSet.js';
import type {FcpTarget} from '../../source/fabric/Fcp.js';
import type {LoginReply, NPortEndpoint, NPortLink, Rscn, ScrFunction} from '../../source/fabric/NPort.js';
import type {SwitchConfig, ZoningConfig} from '../../source/world/LabConfig.js';

export interface ReceivedRscn {
	readonly t: number;
	readonly did: FcId;
	readonly rscn: Rscn;
}

/**
 * An N_Port that records what the medium tells it. With `autoFlogi` it logs in (and optionally
 * registers FC-4 types and SCR) as soon as the link comes up, like an HBA would.
 */
export class FakeNPort implements NPortEndpoint {
	link: NPortLink | null = null;
	fcid: FcId | undefined;
	readonly vports = new Map<Wwn, FcId>();
	readonly rscns: ReceivedRscn[] = [];
	readonly logos: FcId[] = [];
	readonly history: string[] = [];
	lastFlogi: LoginReply | undefined;
	responder?: FcpTarget;

	constructor(
		private readonly sim: Simulator,
		readonly label: string,
		readonly wwpn: Wwn,
		readonly wwnn: Wwn,
		private readonly opts: {autoFlogi?: boolean; scr?: ScrFunction; fc4?: boolean; role?: 'initiator' | 'target'} = {},
	) {}

	linkUp(link: NPortLink): void {
		this.link = link;
		this.history.push(`up ${link.topology}`);
		if (this.opts.autoFlogi) this.flogi();
	}

	linkDown(): void {
		this.link = null;
		this.fcid = undefined;
		this.vports.clear();
		this.history.push('down');
	}

	receiveRscn(did: FcId, rscn: Rscn): void {
		this.rscns.push({t: this.sim.now, did, rscn});
	}

	receiveLogo(did: FcId): void {
		this.logos.push(did);
		this.history.push(`logo ${did.toString(16)}`);
		if (did === this.fcid) {
			this.fcid = undefined;
			this.vports.clear();
		}
		for (const [w, id] of this.vports) if (id === did) this.vports.delete(w);
	}

	flogi(): LoginReply {
		const reply = this.requireLink().flogi({wwpn: this.wwpn, wwnn: this.wwnn, npivCapable: true});
		this.lastFlogi = reply;
		if (reply.accepted) {
			this.fcid = reply.fcid;
			this.vports.clear();
			this.register(reply.fcid);
		}
		return reply;
	}

	fdisc(vwwpn: string, vwwnn?: string): LoginReply {
		const p = wwn(vwwpn);
		const reply = this.requireLink().fdisc({wwpn: p, wwnn: vwwnn ? wwn(vwwnn) : p});
		if (reply.accepted) {
			this.vports.set(p, reply.fcid);
			this.register(reply.fcid);
		}
		return reply;
	}

	logo(id: FcId): void {
		this.requireLink().logo(id);
		if (id === this.fcid) {
			this.fcid = undefined;
			this.vports.clear();
		}
		for (const [w, v] of this.vports) if (v === id) this.vports.delete(w);
	}

	/** What an fp instance does after a login: RFT_ID/RFF_ID when asked, then SCR. */
	register(id: FcId): void {
		const link = this.requireLink();
		if (this.opts.fc4) {
			const ns = link.nameServer(id);
			ns.rftId([0x08]);
			ns.rffId(0x08, this.opts.role === 'target' ? 0x01 : 0x02);
		}
		if (this.opts.scr) link.scr(id, this.opts.scr);
	}

	requireLink(): NPortLink {
		if (!this.link) throw new Error(`${this.label}: no link`);
		return this.link;
	}

	/** Port-format affected IDs of every RSCN received (as 6 hex digits). */
	rscnAffected(): string[] {
		return this.rscns.flatMap(r => r.rscn.pages.map(p => `${p.format}:${p.affected.toString(16).padStart(6, '0')}`));
	}
}

export const emptyZoning: ZoningConfig = {aliases: [], zones: [], configs: [], effective: null, defaultZone: 'all-access'};

export function switchConfig(name: string, fabric: string, domainId: number, extra: Partial<SwitchConfig> = {}): SwitchConfig {
	return {
		name,
		fabric,
		domainId,
		wwn: `10:00:00:05:1e:00:00:${domainId.toString(16).padStart(2, '0')}`,
		portCount: 16,
		maxSpeedGbps: 8,
		npiv: true,
		...extra,
	};
}

export interface Lab {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly set: FabricSet;
	/** Makes an N_Port; wwpn suffix n gives 21:00:00:00:00:00:00:nn style names. */
	nport(label: string, n: number, opts?: ConstructorParameters<typeof FakeNPort>[4]): FakeNPort;
	run(): void;
}

export function wwpnOf(n: number): Wwn {
	return wwn(`2100${n.toString(16).padStart(12, '0')}`);
}

export function wwnnOf(n: number): Wwn {
	return wwn(`2000${n.toString(16).padStart(12, '0')}`);
}

export function makeLab(config: Partial<FabricsConfig> = {}, options: BuildOptions = {}): Lab {
	const sim = new Simulator();
	const log = new EventLog(sim, 100_000);
	const full: FabricsConfig = {
		fabrics: config.fabrics ?? [{name: 'fab-a', zoning: emptyZoning}],
		switches: config.switches ?? [switchConfig('sw-a1', 'fab-a', 1)],
		isls: config.isls ?? [],
		loops: config.loops ?? [],
	};
	const set = buildFabrics(full, sim, log, options);
	return {
		sim,
		log,
		set,
		nport: (label, n, opts) => new FakeNPort(sim, label, wwpnOf(n), wwnnOf(n), opts),
		run: () => {
			sim.runUntilIdle();
		},
	};
}

/** Zoning with one effective config made of the given zones (members as typed). */
export function zoningOf(zones: Record<string, string[]>, defaultZone: 'all-access' | 'no-access' = 'no-access'): ZoningConfig {
	const names = Object.keys(zones);
	return {
		aliases: [],
		zones: names.map(name => ({name, members: zones[name]!})),
		configs: names.length > 0 ? [{name: 'cfg', zones: names}] : [],
		effective: names.length > 0 ? 'cfg' : null,
		defaultZone,
	};
}

export function hexId(id: FcId | undefined): string {
	return id === undefined ? 'none' : id.toString(16).padStart(6, '0');
}

/**
 * A scripted medium for storage tests: records every request a target port makes (with the
 * simulated time), answers FLOGI with a fixed address, and models loop/p2p link resets by
 * bouncing the endpoint from scheduled events, as the contract asks of a real medium.
 */
import {LsRjtReason} from '../../source/fabric/ElsCodes.js';
import type {ElsReject} from '../../source/fabric/ElsCodes.js';
import type {
	CtReply,
	ElsReply,
	LoginReply,
	LoginRequest,
	NameServerClient,
	NPortEndpoint,
	NPortLink,
	RscnPage,
	ScrFunction,
	Topology,
} from '../../source/fabric/NPort.js';
import type {FcId} from '../../source/sim/FcId.js';
import {formatFcId} from '../../source/sim/FcId.js';
import type {Simulator} from '../../source/sim/Simulator.js';
import {wwn, type Wwn} from '../../source/sim/Wwn.js';

export interface Call {
	readonly t: number;
	readonly what: string;
}

const unsupported = (): never => {
	throw new Error('not used by target ports');
};

export class FakeLink implements NPortLink {
	readonly calls: Call[] = [];
	readonly rscns: {sid: FcId; pages: readonly RscnPage[]}[] = [];
	/** Set to make the next FLOGIs reject. */
	flogiRejects: ElsReject[] = [];
	/** WWPN the name server answers for GPN_ID, by FCID (absent = port not registered). */
	readonly registered = new Map<FcId, Wwn>();
	endpoint: NPortEndpoint | undefined;

	constructor(
		private readonly sim: Simulator,
		readonly topology: Topology = 'fabric',
		private readonly address: FcId = 0x010400 as FcId,
		readonly speedGbps = 4,
	) {}

	/** Cables the endpoint and lights the link from a scheduled event. */
	plug(endpoint: NPortEndpoint): void {
		this.endpoint = endpoint;
		this.sim.schedule(0, () => endpoint.linkUp(this), 'fake link up');
	}

	unplug(): void {
		const endpoint = this.endpoint;
		this.sim.schedule(0, () => endpoint?.linkDown(), 'fake link down');
	}

	whats(): string[] {
		return this.calls.map(c => c.what);
	}

	private record(what: string): void {
		this.calls.push({t: this.sim.now, what});
	}

	flogi(request: LoginRequest): LoginReply {
		this.record(`FLOGI ${request.wwpn}`);
		const reject = this.flogiRejects.shift();
		if (reject) return reject;
		const fabric = this.topology === 'fabric' || this.topology === 'public-loop';
		return {
			accepted: true,
			fcid: this.address,
			npivAssignment: fabric,
			fPort: fabric,
			fabricName: wwn('100000051e000001'),
			fPortName: wwn('200400051e000001'),
		};
	}

	fdisc = unsupported;

	logo(sid: FcId): void {
		this.record(`LOGO ${formatFcId(sid)}`);
	}

	scr(sid: FcId, fn: ScrFunction): ElsReply {
		this.record(`SCR ${formatFcId(sid)} ${fn}`);
		return {accepted: true};
	}

	sendRscn(sid: FcId, pages: readonly RscnPage[]): ElsReply {
		this.record(`RSCN ${formatFcId(sid)} ${pages.map(p => `${p.format}:${formatFcId(p.affected)}:${p.qualifier}`).join(' ')}`);
		this.rscns.push({sid, pages});
		return {accepted: true};
	}

	nameServer(sid: FcId): NameServerClient {
		const ok = <T>(what: string, value: T): CtReply<T> => {
			this.record(`${what} sid=${formatFcId(sid)}`);
			return {ok: true, value};
		};
		return {
			rftId: types => ok(`RFT_ID [${types.join(',')}]`, undefined),
			rffId: (type, features) => ok(`RFF_ID ${type} ${features}`, undefined),
			rspnId: name => ok(`RSPN_ID '${name}'`, undefined),
			rsnnNn: (node, name) => ok(`RSNN_NN ${node} '${name}'`, undefined),
			rnnId: () => ok('RNN_ID', undefined),
			daId: () => ok('DA_ID', undefined),
			gpnId: id => {
				this.record(`GPN_ID ${formatFcId(id)}`);
				const w = this.registered.get(id);
				return w ? {ok: true, value: w} : {ok: false, reason: 0x09, explanation: 0x01};
			},
			gidFt: unsupported,
			gpnFt: unsupported,
			gnnId: unsupported,
			gidPn: unsupported,
			gaNxt: unsupported,
			gftId: unsupported,
		};
	}

	plogi = unsupported;
	prli = unsupported;
	logoPort = unsupported;
	scsi = unsupported;
	rls = unsupported;

	reset(): void {
		this.record('RESET');
		const endpoint = this.endpoint;
		if (!endpoint) return;
		this.sim.schedule(1, () => endpoint.linkDown(), 'fake LIP down');
		this.sim.schedule(2, () => endpoint.linkUp(this), 'fake LIP up');
	}

	loopMembers(): readonly FcId[] {
		return [];
	}
}

export const busy: ElsReject = {accepted: false, reason: LsRjtReason.logicalBusy, explanation: 0};

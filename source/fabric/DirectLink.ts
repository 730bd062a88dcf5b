/**
 * Links without a fabric behind them: a private arbitrated loop and a point-to-point cable.
 * There is no login server, name server, fabric controller or NPIV: FLOGI is answered without
 * the F_Port bit (the N_Port keeps its AL_PA / point-to-point ID), FDISC is rejected 0B/00, SCR
 * and N_Port RSCNs are unsupported and every directory query answers FS_RJT 0B/00. PLOGI, PRLI,
 * FCP and RLS go straight to the member owning the D_ID.
 */
import type {FcId} from '../sim/FcId.js';
import {wwnColons, type Wwn} from '../sim/Wwn.js';
import type {EventLog} from '../sim/EventLog.js';
import {FsRjtExplanation, FsRjtReason, type ElsReject} from './ElsCodes.js';
import type {Initiator, ScsiCommand, ScsiReply} from './Fcp.js';
import {FabricReject, hex2} from './FabricReject.js';
import type {MediumContext} from './MediumContext.js';
import type {
	CtReply,
	ElsReply,
	LinkErrorStatus,
	LoginAccept,
	LoginReply,
	LoginRequest,
	NameServerClient,
	NPortEndpoint,
	NPortLink,
	PlogiReply,
	PrliReply,
	RscnPage,
	ScrFunction,
	Topology,
} from './NPort.js';

export const ZERO_WWN = '0000000000000000' as Wwn;

export function zeroErrors(): LinkErrorStatus {
	return {
		linkFailureCount: 0,
		lossOfSyncCount: 0,
		lossOfSignalCount: 0,
		primitiveSeqProtocolErrorCount: 0,
		invalidTxWordCount: 0,
		invalidCrcCount: 0,
	};
}

/** One N_Port on a loop or a point-to-point cable. */
export interface DirectMember {
	readonly endpoint: NPortEndpoint;
	readonly id: FcId;
	readonly errors: LinkErrorStatus;
	link: DirectLink | null;
}

export interface DirectMedium {
	readonly name: string;
	readonly log: EventLog;
	flogiAccept(member: DirectMember): LoginAccept;
	/** The other member owning `did`, if any. */
	peer(member: DirectMember, did: FcId): DirectMember | undefined;
	loopMembers(member: DirectMember): readonly FcId[];
	reset(member: DirectMember): void;
}

/** Light on the member's cable: a new link, announced after the medium's link-up delay. */
export function startDirectLink(ctx: MediumContext, topology: Topology, speedGbps: number, medium: DirectMedium, m: DirectMember): void {
	const link = new DirectLink(topology, speedGbps, medium, m);
	m.link = link;
	ctx.outbound.post(ctx.options.linkUpMs, () => {
		if (!link.alive) return;
		link.delivered = true;
		m.endpoint.linkUp(link);
	});
}

/** The member's link goes dark; link down is told only if link up was. */
export function stopDirectLink(ctx: MediumContext, m: DirectMember): void {
	const link = m.link;
	if (!link) return;
	link.alive = false;
	m.link = null;
	if (link.delivered) ctx.outbound.post(0, () => m.endpoint.linkDown());
}

const NO_CONNECTION: ScsiReply = Object.freeze({status: 'no-connection' as const});

export class DirectLink implements NPortLink {
	alive = true;
	delivered = false;

	constructor(
		readonly topology: Topology,
		readonly speedGbps: number,
		private readonly medium: DirectMedium,
		private readonly member: DirectMember,
	) {}

	get endpoint(): NPortEndpoint {
		return this.member.endpoint;
	}

	flogi(_request: LoginRequest): LoginReply {
		if (!this.alive) return FabricReject.linkDown;
		return this.medium.flogiAccept(this.member);
	}

	fdisc(request: LoginRequest): LoginReply {
		if (!this.alive) return FabricReject.linkDown;
		const r = FabricReject.npivNotSupported;
		this.medium.log.emit(this.medium.name, 'fabric.ls_rjt', `FDISC ${wwnColons(request.wwpn)} rejected ${hex2(r.reason)}/${hex2(r.explanation)}: no NPIV on ${this.topology}`, {
			op: 'FDISC',
			wwpn: request.wwpn,
			device: this.member.endpoint.label,
			reason: hex2(r.reason),
			explanation: hex2(r.explanation),
			why: `no NPIV on ${this.topology}`,
		});
		return r;
	}

	logo(_sid: FcId): void {}

	scr(_sid: FcId, _fn: ScrFunction): ElsReply {
		return this.alive ? FabricReject.notSupported : FabricReject.linkDown;
	}

	sendRscn(_sid: FcId, _pages: readonly RscnPage[]): ElsReply {
		return this.alive ? FabricReject.notSupported : FabricReject.linkDown;
	}

	nameServer(_sid: FcId): NameServerClient {
		return NO_NAME_SERVER;
	}

	private route(sid: FcId, did: FcId): [Initiator, DirectMember] | ElsReject {
		if (!this.alive) return FabricReject.linkDown;
		if (sid !== this.member.id) return FabricReject.loginRequired;
		const peer = this.medium.peer(this.member, did);
		if (!peer || !peer.link?.alive) return FabricReject.noSuchPort;
		const e = this.member.endpoint;
		return [{fcid: sid, wwpn: e.wwpn, wwnn: e.wwnn}, peer];
	}

	plogi(sid: FcId, did: FcId): PlogiReply {
		const r = this.route(sid, did);
		if (!Array.isArray(r)) return r;
		const responder = r[1].endpoint.responder;
		if (!responder) return {accepted: true, wwpn: r[1].endpoint.wwpn, wwnn: r[1].endpoint.wwnn};
		return responder.plogi(r[0], did);
	}

	prli(sid: FcId, did: FcId): PrliReply {
		const r = this.route(sid, did);
		if (!Array.isArray(r)) return r;
		const responder = r[1].endpoint.responder;
		return responder ? responder.prli(r[0], did) : FabricReject.notSupported;
	}

	logoPort(sid: FcId, did: FcId): void {
		const r = this.route(sid, did);
		if (Array.isArray(r)) r[1].endpoint.responder?.logo(r[0], did);
	}

	scsi(sid: FcId, did: FcId, command: ScsiCommand): ScsiReply {
		const r = this.route(sid, did);
		if (!Array.isArray(r)) return NO_CONNECTION;
		const responder = r[1].endpoint.responder;
		return responder ? responder.scsi(r[0], did, command) : NO_CONNECTION;
	}

	rls(sid: FcId, did: FcId): LinkErrorStatus | ElsReject {
		if (!this.alive) return FabricReject.linkDown;
		if (did === sid || did === this.member.id) return {...this.member.errors};
		const r = this.route(sid, did);
		return Array.isArray(r) ? {...r[1].errors} : r;
	}

	reset(): void {
		if (this.alive) this.medium.reset(this.member);
	}

	loopMembers(): readonly FcId[] {
		return this.medium.loopMembers(this.member);
	}
}

const notSupported = <T>(): CtReply<T> => ({ok: false, reason: FsRjtReason.notSupported, explanation: FsRjtExplanation.none});

const NO_NAME_SERVER: NameServerClient = {
	rftId: notSupported,
	rffId: notSupported,
	rspnId: notSupported,
	rsnnNn: notSupported,
	rnnId: notSupported,
	daId: notSupported,
	gidFt: notSupported,
	gpnFt: notSupported,
	gpnId: notSupported,
	gnnId: notSupported,
	gidPn: notSupported,
	gaNxt: notSupported,
	gftId: notSupported,
};

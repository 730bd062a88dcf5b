/**
 * The contract between a medium (a switch F_Port, an arbitrated loop, a point-to-point cable) and
 * the N_Port cabled to it (an HBA port in driver/, a target port in storage/). Everything an N_Port
 * does on the wire goes through `NPortLink`; everything the medium tells the N_Port arrives through
 * `NPortEndpoint`. Requests answer synchronously: the caller models the round-trip delay by
 * scheduling its next step on the Simulator. Unsolicited traffic (RSCN, fabric LOGO, link state)
 * is delivered by the medium from a scheduled event, never re-entrantly from inside a request.
 */
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {ElsReject} from './ElsCodes.js';
import type {FcpTarget, ScsiCommand, ScsiReply} from './Fcp.js';

export type Topology = 'fabric' | 'public-loop' | 'private-loop' | 'point-to-point';

/** SCR registration function (FC-LS): what kinds of RSCN the N_Port wants. */
export type ScrFunction = 'fabric-detected' | 'nport-detected' | 'full' | 'clear';

export type RscnAddressFormat = 'port' | 'area' | 'domain' | 'fabric';

export type RscnQualifier =
	| 'unspecified'
	| 'ns-object-changed'
	| 'port-attribute-changed'
	| 'service-object-changed'
	| 'switch-config-changed'
	| 'object-removed';

export interface RscnPage {
	readonly format: RscnAddressFormat;
	readonly qualifier: RscnQualifier;
	/** For area/domain format the unused bytes are zero; for fabric format the whole ID is zero. */
	readonly affected: FcId;
}

export interface Rscn {
	/** Who detected it: the fabric controller (fabric-detected) or an N_Port (nport-detected). */
	readonly detectedBy: 'fabric' | 'nport';
	readonly pages: readonly RscnPage[];
}

export interface LoginRequest {
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	/** FLOGI CSP bit 0x8000 "Multiple N_Port_ID Support": the N_Port can do NPIV. */
	readonly npivCapable?: boolean;
	readonly symbolicNodeName?: string;
}

export interface LoginAccept {
	readonly accepted: true;
	readonly fcid: FcId;
	/** CSP 0x2000 in the FLOGI LS_ACC: the fabric will accept FDISC. */
	readonly npivAssignment: boolean;
	/** CSP 0x1000: answered by an F_Port (false on a point-to-point link). */
	readonly fPort: boolean;
	readonly fabricName: Wwn;
	readonly fPortName: Wwn;
}

export type LoginReply = LoginAccept | ElsReject;
export type ElsReply = {readonly accepted: true} | ElsReject;

export interface PlogiAccept {
	readonly accepted: true;
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
}
export type PlogiReply = PlogiAccept | ElsReject;

export interface PrliAccept {
	readonly accepted: true;
	readonly initiator: boolean;
	readonly target: boolean;
}
export type PrliReply = PrliAccept | ElsReject;

/** Link Error Status Block (RLS ELS): the counters fcinfo -l prints. */
export interface LinkErrorStatus {
	linkFailureCount: number;
	lossOfSyncCount: number;
	lossOfSignalCount: number;
	primitiveSeqProtocolErrorCount: number;
	invalidTxWordCount: number;
	invalidCrcCount: number;
}

/** CT reply from the directory server: FS_ACC with a value, or FS_RJT. */
export type CtReply<T> =
	| {readonly ok: true; readonly value: T}
	| {readonly ok: false; readonly reason: number; readonly explanation: number};

/** FC-4 type codes used in RFT_ID/GID_FT. */
export const Fc4Type = {ip: 0x05, fcp: 0x08, ct: 0x20} as const;

/** RFF_ID feature bits for FCP. */
export const Fc4Feature = {target: 0x01, initiator: 0x02} as const;

/** A name-server object as GA_NXT returns it (the fields the emulation keeps). */
export interface NameServerObject {
	readonly portType: 'N' | 'NL';
	readonly fcid: FcId;
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	readonly symbolicPortName: string;
	readonly symbolicNodeName: string;
	readonly fc4Types: readonly number[];
	/** FC-4 features by type (RFF_ID), e.g. {8: Fc4Feature.initiator}. */
	readonly fc4Features: Readonly<Record<number, number>>;
	readonly fabricPortName: Wwn;
	/** The physical port's WWPN for an NPIV login (nsshow "Permanent Port Name"). */
	readonly permanentPortName: Wwn;
	readonly npiv: boolean;
}

/**
 * Directory services at FFFFFC, spoken as the N_Port_ID `sid`. Queries answer only with ports
 * zoned with the requester (soft zoning); empty GID_FT is FS_RJT 09/07.
 */
export interface NameServerClient {
	rftId(fc4Types: readonly number[]): CtReply<void>;
	rffId(fc4Type: number, features: number): CtReply<void>;
	rspnId(name: string): CtReply<void>;
	rsnnNn(wwnn: Wwn, name: string): CtReply<void>;
	rnnId(wwnn: Wwn): CtReply<void>;
	daId(): CtReply<void>;
	gidFt(fc4Type: number): CtReply<readonly FcId[]>;
	gpnFt(fc4Type: number): CtReply<readonly {readonly fcid: FcId; readonly wwpn: Wwn}[]>;
	gpnId(id: FcId): CtReply<Wwn>;
	gnnId(id: FcId): CtReply<Wwn>;
	gidPn(wwpn: Wwn): CtReply<FcId>;
	gaNxt(id: FcId): CtReply<NameServerObject>;
	gftId(id: FcId): CtReply<readonly number[]>;
}

/** What an N_Port can do through the medium it is cabled to. */
export interface NPortLink {
	readonly topology: Topology;
	/** Negotiated speed in Gb/s (1, 2, 4, 8, 16, 32). */
	readonly speedGbps: number;

	// Fabric login server (FFFFFE). On a loop or point-to-point link FLOGI answers without the
	// F_Port bit (private loop/p2p) and FDISC is rejected.
	flogi(request: LoginRequest): LoginReply;
	fdisc(request: LoginRequest): LoginReply;
	/** Fabric LOGO of one N_Port_ID (LOGO to FFFFFE). Logging out the FLOGI ID drops its NPIV IDs too. */
	logo(sid: FcId): void;
	/** SCR to the fabric controller (FFFFFD). */
	scr(sid: FcId, fn: ScrFunction): ElsReply;
	/** An N_Port-detected RSCN sent to FFFFFD, relayed to `nport-detected`/`full` registrants. */
	sendRscn(sid: FcId, pages: readonly RscnPage[]): ElsReply;
	/** The directory server as seen by `sid` (the caller has done PLOGI to FFFFFC). */
	nameServer(sid: FcId): NameServerClient;

	// N_Port to N_Port. The medium routes by D_ID (hard zoning on a fabric: an unzoned pair is
	// rejected 09/1F as if the destination did not exist).
	plogi(sid: FcId, did: FcId): PlogiReply;
	prli(sid: FcId, did: FcId): PrliReply;
	logoPort(sid: FcId, did: FcId): void;
	scsi(sid: FcId, did: FcId, command: ScsiCommand): ScsiReply;
	/** RLS: the link error status of the destination (an N_Port_ID, or the F_Port when did = sid's F_Port). */
	rls(sid: FcId, did: FcId): LinkErrorStatus | ElsReject;
	/** LIP / link reset requested by the N_Port (force-lip): the medium bounces the link. */
	reset(): void;

	/** On a loop: the AL_PAs of the other loop members (private-loop discovery walks these). */
	loopMembers(): readonly FcId[];
}

/**
 * The N_Port side of a cable. An HBA port owns several N_Port_IDs (its FLOGI ID and one per FDISC);
 * frames arrive addressed to one of them (`did`) and the endpoint routes them to the right
 * fp instance.
 */
export interface NPortEndpoint {
	/** For events and switch displays: `dom0-a/qlc0`, `array-1/ct0`. */
	readonly label: string;
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	/** Light and sync on the cable; the link tells the topology. */
	linkUp(link: NPortLink): void;
	linkDown(): void;
	/** An RSCN addressed to one of this port's N_Port_IDs (the receiver answers LS_ACC implicitly). */
	receiveRscn(did: FcId, rscn: Rscn): void;
	/** The fabric logged out one of this port's N_Port_IDs (duplicate-WWPN policy, port disable...). */
	receiveLogo(did: FcId): void;
	/** Present when the port answers PLOGI/PRLI/FCP commands (arrays; initiators answer PLOGI only). */
	readonly responder?: FcpTarget;
}

/**
 * FCP as the fabric carries it: the fabric routes these between N_Port_IDs and does not look
 * inside. SCSI is modelled structurally (not as CDB bytes): the commands the host stack needs.
 */
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';

/** SCSI peripheral device types (SPC). */
export const DeviceType = {
	disk: 0x00,
	tape: 0x01,
	printer: 0x02,
	processor: 0x03,
	worm: 0x04,
	cdrom: 0x05,
	scanner: 0x06,
	optical: 0x07,
	mediumChanger: 0x08,
	communications: 0x09,
	raidController: 0x0c,
	enclosure: 0x0d,
	unknown: 0x1f,
} as const;

export interface InquiryData {
	readonly peripheralQualifier: number;
	readonly deviceType: number;
	readonly removable: boolean;
	/** 8 chars, space-padded. */
	readonly vendor: string;
	/** 16 chars, space-padded. */
	readonly product: string;
	/** 4 chars. */
	readonly revision: string;
	readonly serial: string;
	/** NAA identifier of the LU (VPD page 83), 32 hex digits. */
	readonly luid: string;
}

export type ScsiCommand =
	| {readonly op: 'report-luns'; readonly lun?: number}
	| {readonly op: 'inquiry'; readonly lun: number}
	| {readonly op: 'read-capacity'; readonly lun: number}
	| {readonly op: 'test-unit-ready'; readonly lun: number};

export interface SenseData {
	readonly key: number; // 0x6 UNIT ATTENTION, 0x5 ILLEGAL REQUEST
	readonly asc: number;
	readonly ascq: number;
}

export type ScsiReply =
	| {readonly status: 'good'; readonly luns: readonly number[]}
	| {readonly status: 'good'; readonly inquiry: InquiryData}
	| {readonly status: 'good'; readonly capacity: {readonly blocks: bigint; readonly blockSize: number}}
	| {readonly status: 'good'}
	| {readonly status: 'check-condition'; readonly sense: SenseData}
	/** No PLOGI/PRLI session, port gone, or not zoned: the exchange never completes. */
	| {readonly status: 'no-connection'};

export const Sense = {
	reportedLunsDataChanged: {key: 0x6, asc: 0x3f, ascq: 0x0e},
	logicalUnitNotSupported: {key: 0x5, asc: 0x25, ascq: 0x00},
	invalidFieldInCdb: {key: 0x5, asc: 0x24, ascq: 0x00},
} as const satisfies Record<string, SenseData>;

/** Who is asking: the I of the I_T nexus (each NPIV WWPN is its own nexus). */
export interface Initiator {
	readonly fcid: FcId;
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
}

/** The answering side of a port: PLOGI/PRLI and FCP commands addressed to `did`. */
export interface FcpTarget {
	plogi(from: Initiator, did: FcId): import('./NPort.js').PlogiReply;
	prli(from: Initiator, did: FcId): import('./NPort.js').PrliReply;
	logo(from: Initiator, did: FcId): void;
	scsi(from: Initiator, did: FcId, command: ScsiCommand): ScsiReply;
	/**
	 * The standard INQUIRY of the port's LUN 0 as a switch's FCP probe reads it (Brocade nsshow
	 * prints it after `FC4s: FCP`), or undefined when it answers none. A probe from the switch
	 * itself: it leaves no session and no event behind.
	 */
	probe?(): InquiryData | undefined;
}

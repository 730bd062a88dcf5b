/**
 * The HBA-API v2 with Sun's NPIV extensions, as a TypeScript library. Function, struct and field
 * names are kept from hbaapi.h / hbaapi-sun.h so that a reader of the C API finds their way; the
 * C out-parameters become the `value` of a result. Status codes, enums and event codes keep their
 * numeric values (reference/fcinfo-fcadm.md sections 8 and 9).
 */
import type {Wwn} from '../sim/Wwn.js';
import type {FcId} from '../sim/FcId.js';

export const HBA_STATUS = {
	OK: 0,
	ERROR: 1,
	ERROR_NOT_SUPPORTED: 2,
	ERROR_INVALID_HANDLE: 3,
	ERROR_ARG: 4,
	ERROR_ILLEGAL_WWN: 5,
	ERROR_ILLEGAL_INDEX: 6,
	ERROR_MORE_DATA: 7,
	ERROR_STALE_DATA: 8,
	SCSI_CHECK_CONDITION: 9,
	ERROR_BUSY: 10,
	ERROR_TRY_AGAIN: 11,
	ERROR_UNAVAILABLE: 12,
	ERROR_ELS_REJECT: 13,
	ERROR_INVALID_LUN: 14,
	ERROR_INCOMPATIBLE: 15,
	ERROR_AMBIGUOUS_WWN: 16,
	ERROR_LOCAL_BUS: 17,
	ERROR_LOCAL_TARGET: 18,
	ERROR_LOCAL_LUN: 19,
	ERROR_LOCAL_SCSIID_BOUND: 20,
	ERROR_TARGET_FCID: 21,
	ERROR_TARGET_NODE_WWN: 22,
	ERROR_TARGET_PORT_WWN: 23,
	ERROR_TARGET_LUN: 24,
	ERROR_TARGET_LUID: 25,
	ERROR_NO_SUCH_BINDING: 26,
	ERROR_NOT_A_TARGET: 27,
	ERROR_UNSUPPORTED_FC4: 28,
	ERROR_INCAPABLE: 29,
} as const;
export type HBA_STATUS = (typeof HBA_STATUS)[keyof typeof HBA_STATUS];

/** The names fcinfo prints for statuses 0-12; others print `Undefined error code  <n>`. */
export function statusName(status: number): string {
	const names = [
		'OK',
		'ERROR',
		'NOT SUPPORTED',
		'INVALID HANDLE',
		'ERROR ARG',
		'ILLEGAL WWN',
		'ILLEGAL INDEX',
		'MORE DATA',
		'STALE DATA',
		'SCSI CHECK CONDITION',
		'BUSY',
		'TRY AGAIN',
		'UNAVAILABLE',
	];
	return names[status] ?? `Undefined error code  ${status}`;
}

export const HBA_PORTTYPE = {
	UNKNOWN: 1,
	OTHER: 2,
	NOTPRESENT: 3,
	NPORT: 5,
	NLPORT: 6,
	FLPORT: 7,
	FPORT: 8,
	EPORT: 9,
	GPORT: 10,
	LPORT: 20,
	PTP: 21,
} as const;
export type HBA_PORTTYPE = (typeof HBA_PORTTYPE)[keyof typeof HBA_PORTTYPE];

export const HBA_PORTSTATE = {
	UNKNOWN: 1,
	ONLINE: 2,
	OFFLINE: 3,
	BYPASSED: 4,
	DIAGNOSTICS: 5,
	LINKDOWN: 6,
	ERROR: 7,
	LOOPBACK: 8,
} as const;
export type HBA_PORTSTATE = (typeof HBA_PORTSTATE)[keyof typeof HBA_PORTSTATE];

/** Speed bits: note 10G is 4 and 4G is 8. */
export const HBA_PORTSPEED = {
	UNKNOWN: 0,
	'1GBIT': 1,
	'2GBIT': 2,
	'10GBIT': 4,
	'4GBIT': 8,
	'8GBIT': 16,
	'16GBIT': 32,
	'32GBIT': 64,
	NOT_NEGOTIATED: 0x8000,
} as const;
export type HBA_PORTSPEED = number; // a bit set

export const HBA_EVENT = {
	LIP_OCCURRED: 1,
	LINK_UP: 2,
	LINK_DOWN: 3,
	LIP_RESET_OCCURRED: 4,
	RSCN: 5,
	PROPRIETARY: 0xffff,
	ADAPTER_UNKNOWN: 0x100,
	ADAPTER_ADD: 0x101,
	ADAPTER_REMOVE: 0x102,
	ADAPTER_CHANGE: 0x103,
	PORT_UNKNOWN: 0x200,
	PORT_OFFLINE: 0x201,
	PORT_ONLINE: 0x202,
	PORT_NEW_TARGETS: 0x203,
	PORT_FABRIC: 0x204,
	PORT_STAT_THRESHOLD: 0x301,
	PORT_STAT_GROWTH: 0x302,
	TARGET_UNKNOWN: 0x400,
	TARGET_OFFLINE: 0x401,
	TARGET_ONLINE: 0x402,
	TARGET_REMOVED: 0x403,
	LINK_UNKNOWN: 0x500,
	LINK_INCIDENT: 0x501,
	// Sun device events (RegisterForAdapterDeviceEvents)
	DEVICE_UNKNOWN: 0x600,
	DEVICE_OFFLINE: 0x601,
	DEVICE_ONLINE: 0x602,
} as const;

export const HBA_CREATE_WWN_RANDOM = 1;
export const HBA_CREATE_WWN_FACTORY = 2;

export type HBA_HANDLE = number; // (libIndex << 16) | vendorHandle; 0 is invalid
export type HBA_CALLBACKHANDLE = number;

export interface HBA_ADAPTERATTRIBUTES {
	Manufacturer: string;
	SerialNumber: string;
	Model: string;
	ModelDescription: string;
	NodeWWN: Wwn;
	NodeSymbolicName: string;
	HardwareVersion: string;
	DriverVersion: string;
	OptionROMVersion: string;
	FirmwareVersion: string;
	VendorSpecificID: number;
	NumberOfPorts: number;
	DriverName: string;
}

export interface HBA_PORTATTRIBUTES {
	NodeWWN: Wwn;
	PortWWN: Wwn;
	PortFcId: FcId;
	PortType: HBA_PORTTYPE;
	PortState: HBA_PORTSTATE;
	PortSupportedClassofService: number;
	/** FC-4 type codes (the C bitmap as a list: 8 = FCP, 5 = IP, 0x20 = CT). */
	PortSupportedFc4Types: number[];
	PortActiveFc4Types: number[];
	PortSymbolicName: string;
	OSDeviceName: string;
	PortSupportedSpeed: HBA_PORTSPEED;
	PortSpeed: HBA_PORTSPEED;
	PortMaxFrameSize: number;
	FabricName: Wwn;
	NumberofDiscoveredPorts: number;
}

export interface HBA_PORTSTATISTICS {
	SecondsSinceLastReset: number;
	TxFrames: number;
	RxFrames: number;
	TxWords: number;
	RxWords: number;
	LIPCount: number;
	NOSCount: number;
	ErrorFrames: number;
	DumpedFrames: number;
	LinkFailureCount: number;
	LossOfSyncCount: number;
	LossOfSignalCount: number;
	PrimitiveSeqProtocolErrCount: number;
	InvalidTxWordCount: number;
	InvalidCRCCount: number;
}

export interface HBA_FCPSCSIENTRYV2 {
	ScsiId: {OSDeviceName: string; ScsiBusNumber: number; ScsiTargetNumber: number; ScsiOSLun: number};
	FcpId: {FcId: FcId; NodeWWN: Wwn; PortWWN: Wwn; FcpLun: bigint};
	LUID: string;
}

export interface HBA_FCPTARGETMAPPINGV2 {
	NumberOfEntries: number;
	entry: HBA_FCPSCSIENTRYV2[];
}

/** Standard INQUIRY response, decoded (the C API returns bytes; fcinfo decodes the same fields). */
export interface HBA_INQUIRYDATA {
	PeripheralQualifier: number;
	PeripheralDeviceType: number;
	Removable: boolean;
	/** 8 raw characters. */
	VendorIdentification: string;
	/** 16 raw characters. */
	ProductIdentification: string;
	/** 4 raw characters. */
	ProductRevisionLevel: string;
}

export interface HBA_SCSISTATUS {
	ScsiStatus: number; // 0 GOOD, 2 CHECK CONDITION
	Sense?: {key: number; asc: number; ascq: number};
}

export interface HBA_PORTNPIVATTRIBUTES {
	npivflag: number;
	NodeWWN: Wwn;
	PortWWN: Wwn;
	MaxNumberOfNPIVPorts: number;
	NumberOfNPIVPorts: number;
}

export interface HBA_NPIVATTRIBUTES {
	NodeWWN: Wwn;
	PortWWN: Wwn;
}

export interface HBA_NPIVCREATEENTRY {
	VNodeWWN: Wwn;
	VPortWWN: Wwn;
	vindex: number;
}

/**
 * A result: the status and, when OK, what the C call wrote through its out-parameters. A failure
 * may say more than its status: `detail` keeps the kernel's reason (an NPIV create that the C API
 * reports only as ERROR), `scsi` the SCSI status and sense of a CHECK CONDITION.
 */
export type HbaResult<T> =
	| {readonly status: 0; readonly value: T}
	| {readonly status: Exclude<HBA_STATUS, 0>; readonly value?: T; readonly detail?: string; readonly scsi?: HBA_SCSISTATUS};

export type AdapterAddCallback = (userData: unknown, PortWWN: Wwn, eventType: number) => void;
export type AdapterCallback = (userData: unknown, PortWWN: Wwn, eventType: number) => void;
export type AdapterPortCallback = (userData: unknown, PortWWN: Wwn, eventType: number, fabricPortID: FcId) => void;
export type TargetCallback = (userData: unknown, hbaPortWWN: Wwn, discoveredPortWWN: Wwn, eventType: number) => void;
export type LinkCallback = (userData: unknown, adapterWWN: Wwn, eventType: number, rlirBuffer: unknown, rlirBufferSize: number) => void;
export type AdapterDeviceCallback = (userData: unknown, PortWWN: Wwn, eventType: number, fabricPortID: FcId) => void;

/**
 * One host's view of the library (libHBAAPI + libsun_fc loaded in that host's user space).
 * Callbacks fire from simulator events, after the driver raised the sysevent.
 */
export interface HbaApi {
	HBA_GetVersion(): number;
	HBA_LoadLibrary(): HBA_STATUS;
	HBA_FreeLibrary(): HBA_STATUS;
	HBA_GetNumberOfAdapters(): number;
	HBA_GetAdapterName(adapterIndex: number): HbaResult<string>;
	HBA_OpenAdapter(adapterName: string): HBA_HANDLE; // 0 on failure, as in C
	HBA_OpenAdapterByWWN(wwn: Wwn): HbaResult<HBA_HANDLE>;
	HBA_CloseAdapter(handle: HBA_HANDLE): void;
	HBA_RefreshInformation(handle: HBA_HANDLE): void;
	HBA_RefreshAdapterConfiguration(): void;
	HBA_GetAdapterAttributes(handle: HBA_HANDLE): HbaResult<HBA_ADAPTERATTRIBUTES>;
	HBA_GetAdapterPortAttributes(handle: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTATTRIBUTES>;
	HBA_GetPortStatistics(handle: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTSTATISTICS>;
	HBA_ResetStatistics(handle: HBA_HANDLE, portIndex: number): HBA_STATUS;
	HBA_GetDiscoveredPortAttributes(handle: HBA_HANDLE, portIndex: number, discoveredPortIndex: number): HbaResult<HBA_PORTATTRIBUTES>;
	HBA_GetPortAttributesByWWN(handle: HBA_HANDLE, portWWN: Wwn): HbaResult<HBA_PORTATTRIBUTES>;
	/** RLS to destWWN (the port itself = its own link status). */
	HBA_SendRLS(handle: HBA_HANDLE, hbaPortWWN: Wwn, destWWN: Wwn): HbaResult<HBA_PORTSTATISTICS>;
	HBA_GetFcpTargetMappingV2(handle: HBA_HANDLE, hbaPortWWN: Wwn): HbaResult<HBA_FCPTARGETMAPPINGV2>;
	HBA_ScsiInquiryV2(handle: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn, fcLUN: bigint, CDB_Byte1: number, CDB_Byte2: number): HbaResult<{inquiry: HBA_INQUIRYDATA; scsi: HBA_SCSISTATUS}>;
	HBA_ScsiReportLUNsV2(handle: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn): HbaResult<{luns: bigint[]; scsi: HBA_SCSISTATUS}>;
	HBA_ScsiReadCapacityV2(handle: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn, fcLUN: bigint): HbaResult<{blocks: bigint; blockSize: number; scsi: HBA_SCSISTATUS}>;
	HBA_RegisterForAdapterAddEvents(callback: AdapterAddCallback, userData: unknown): HbaResult<HBA_CALLBACKHANDLE>;
	HBA_RegisterForAdapterEvents(callback: AdapterCallback, userData: unknown, handle: HBA_HANDLE): HbaResult<HBA_CALLBACKHANDLE>;
	HBA_RegisterForAdapterPortEvents(callback: AdapterPortCallback, userData: unknown, handle: HBA_HANDLE, PortWWN: Wwn): HbaResult<HBA_CALLBACKHANDLE>;
	HBA_RegisterForTargetEvents(callback: TargetCallback, userData: unknown, handle: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn | null, allTargets: boolean): HbaResult<HBA_CALLBACKHANDLE>;
	HBA_RegisterForLinkEvents(callback: LinkCallback, userData: unknown, handle: HBA_HANDLE): HbaResult<HBA_CALLBACKHANDLE>;
	HBA_RemoveCallback(callbackHandle: HBA_CALLBACKHANDLE): HBA_STATUS;

	// Sun extensions (hbaapi-sun.h)
	Sun_HBA_GetNumberOfTgtAdapters(): number;
	Sun_HBA_OpenTgtAdapterByWWN(wwn: Wwn): HbaResult<HBA_HANDLE>;
	Sun_HBA_NPIVGetAdapterAttributes(handle: HBA_HANDLE): HbaResult<HBA_ADAPTERATTRIBUTES>;
	Sun_HBA_GetPortNPIVAttributes(handle: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTNPIVATTRIBUTES>;
	/** vportIndex is 0-based into the list as of the handle's last refresh (newest first). */
	Sun_HBA_GetNPIVPortInfo(handle: HBA_HANDLE, portIndex: number, vportIndex: number): HbaResult<HBA_NPIVATTRIBUTES>;
	/** vindex in: the kernel index wanted (0 = any); value: the index assigned. */
	Sun_HBA_CreateNPIVPort(handle: HBA_HANDLE, portIndex: number, vnodeWWN: Wwn, vportWWN: Wwn, vindex: number): HbaResult<number>;
	Sun_HBA_DeleteNPIVPort(handle: HBA_HANDLE, portIndex: number, vportWWN: Wwn): HBA_STATUS;
	Sun_HBA_AdapterCreateWWN(handle: HBA_HANDLE, portIndex: number, oui: number | null, method: number): HbaResult<{nwwn: Wwn; pwwn: Wwn}>;
	Sun_HBA_AdapterReturnWWN(handle: HBA_HANDLE, portIndex: number, nwwn: Wwn, pwwn: Wwn): HBA_STATUS;
	Sun_HBA_ForceLip(handle: HBA_HANDLE): HbaResult<number>;
	Sun_HBA_RegisterForAdapterDeviceEvents(callback: AdapterDeviceCallback, userData: unknown, handle: HBA_HANDLE, PortWWN: Wwn): HbaResult<HBA_CALLBACKHANDLE>;
}

/**
 * Emulation extensions: the kernel's FCIO_GET_NPIV_ATTRIBUTES / GET_DISCOVERED_NPIV_ATTRIBUTES,
 * which libsun_fc never exposed. A virtual port's own attributes and its discovered ports, for the
 * console's virtual port and LUN panes. vportIndex is the same 0-based, newest-first index as
 * Sun_HBA_GetNPIVPortInfo. createHbaApi returns `HbaApi & HbaApiVportViews`.
 */
export interface HbaApiVportViews {
	Sun_HBA_GetNPIVPortAttributes(handle: HBA_HANDLE, portIndex: number, vportIndex: number): HbaResult<HBA_PORTATTRIBUTES>;
	Sun_HBA_GetNPIVDiscoveredPortAttributes(handle: HBA_HANDLE, portIndex: number, vportIndex: number, discoveredPortIndex: number): HbaResult<HBA_PORTATTRIBUTES>;
}

/**
 * A hand-built HbaApi for fcinfo/fcadm tests: one host with a dual-port QLogic QLE2462 (NPIV,
 * fabric-attached, one virtual port already on port 0), a single-port Emulex LP10000 on a loop
 * (no NPIV), discovered target and initiator ports, LUNs with OS paths, and an optional
 * target-mode adapter. Any call can be made to fail: `failNext(method, ...statuses)` queues the
 * statuses the next calls of that method return.
 */
import {HBA_PORTSPEED, HBA_PORTSTATE, HBA_PORTTYPE, HBA_STATUS, HBA_CREATE_WWN_RANDOM} from '../../../source/hbaapi/types.js';
import type {
	HBA_ADAPTERATTRIBUTES,
	HBA_FCPSCSIENTRYV2,
	HBA_FCPTARGETMAPPINGV2,
	HBA_HANDLE,
	HBA_INQUIRYDATA,
	HBA_NPIVATTRIBUTES,
	HBA_PORTATTRIBUTES,
	HBA_PORTNPIVATTRIBUTES,
	HBA_PORTSTATISTICS,
	HBA_SCSISTATUS,
	HbaApi,
	HbaResult,
} from '../../../source/hbaapi/types.js';
import {asFcId} from '../../../source/sim/FcId.js';
import type {FcId} from '../../../source/sim/FcId.js';
import {wwn, wwnFlipLowBit} from '../../../source/sim/Wwn.js';
import type {Wwn} from '../../../source/sim/Wwn.js';

type Status = HBA_STATUS;

export interface FakeLun {
	fcpLun: bigint;
	inquiry: HBA_INQUIRYDATA;
}

export interface FakeRemote {
	attrs: HBA_PORTATTRIBUTES;
	/** LUNs REPORT LUNS returns; undefined = not a SCSI target (an initiator). */
	luns?: FakeLun[];
	rls: HBA_PORTSTATISTICS;
}

export interface FakePort {
	attrs: HBA_PORTATTRIBUTES;
	/** Max virtual ports; null = the FCA has no NPIV (GetPortNPIVAttributes says NOT SUPPORTED); 0 for a virtual port. */
	npivMax: number | null;
	/** Newest first, like the kernel ring. */
	vports: FakePort[];
	vindex: number;
	discovered: FakeRemote[];
	mappings: HBA_FCPSCSIENTRYV2[];
	rls: HBA_PORTSTATISTICS;
}

export interface FakeAdapter {
	name: string;
	attrs: HBA_ADAPTERATTRIBUTES;
	ports: FakePort[];
	targetMode: boolean;
}

type Opened = {kind: 'adapter'; adapter: FakeAdapter} | {kind: 'vport'; adapter: FakeAdapter; physical: FakePort; vport: FakePort};

export const W = {
	qlc0: wwn('2100001b32812345'),
	qlc0Node: wwn('2000001b32812345'),
	qlc1: wwn('2101001b32a12345'),
	qlc1Node: wwn('2001001b32a12345'),
	emlx0: wwn('10000000c9512345'),
	emlx0Node: wwn('20000000c9512345'),
	vport1: wwn('c0007d1a2b3c4d5f'),
	vport1Node: wwn('c0007d1a2b3c4d5e'),
	arrayA: wwn('50060e8005123400'),
	arrayANode: wwn('50060e8005123401'),
	arrayB: wwn('50060e8005123410'),
	otherHost: wwn('2100001b32899999'),
	otherHostNode: wwn('2000001b32899999'),
	target: wwn('2100001b32770000'),
	targetNode: wwn('2000001b32770000'),
} as const;

export function stats(overrides: Partial<HBA_PORTSTATISTICS> = {}): HBA_PORTSTATISTICS {
	return {
		SecondsSinceLastReset: 0,
		TxFrames: 0,
		RxFrames: 0,
		TxWords: 0,
		RxWords: 0,
		LIPCount: 0,
		NOSCount: 0,
		ErrorFrames: 0,
		DumpedFrames: 0,
		LinkFailureCount: 0,
		LossOfSyncCount: 0,
		LossOfSignalCount: 0,
		PrimitiveSeqProtocolErrCount: 0,
		InvalidTxWordCount: 0,
		InvalidCRCCount: 0,
		...overrides,
	};
}

export function portAttrs(p: Partial<HBA_PORTATTRIBUTES> & {PortWWN: Wwn; NodeWWN: Wwn}): HBA_PORTATTRIBUTES {
	return {
		PortFcId: asFcId(0),
		PortType: HBA_PORTTYPE.NPORT,
		PortState: HBA_PORTSTATE.ONLINE,
		PortSupportedClassofService: 8,
		PortSupportedFc4Types: [0x08],
		PortActiveFc4Types: [0x08],
		PortSymbolicName: '',
		OSDeviceName: '',
		PortSupportedSpeed: HBA_PORTSPEED['1GBIT'] | HBA_PORTSPEED['2GBIT'] | HBA_PORTSPEED['4GBIT'],
		PortSpeed: HBA_PORTSPEED['4GBIT'],
		PortMaxFrameSize: 2048,
		FabricName: wwn('100000051e000001'),
		NumberofDiscoveredPorts: 0,
		...p,
	};
}

export function disk(vendor: string, product: string, type = 0): HBA_INQUIRYDATA {
	return {PeripheralQualifier: 0, PeripheralDeviceType: type, Removable: false, VendorIdentification: vendor, ProductIdentification: product, ProductRevisionLevel: '5009'};
}

/** SAM single-level LUN n as the 8-byte FCP LUN (peripheral addressing). */
export function fcpLun(n: number): bigint {
	return BigInt(n) << 48n;
}

function mapping(os: string, target: Wwn, targetNode: Wwn, targetFcId: number, lun: number): HBA_FCPSCSIENTRYV2 {
	return {
		ScsiId: {OSDeviceName: os, ScsiBusNumber: 0, ScsiTargetNumber: 0, ScsiOSLun: lun},
		FcpId: {FcId: targetFcId as FcId, NodeWWN: targetNode, PortWWN: target, FcpLun: fcpLun(lun)},
		LUID: '',
	};
}

const ARRAY_A_LUNS: FakeLun[] = [
	{fcpLun: fcpLun(0), inquiry: disk('HITACHI ', 'OPEN-V          ')},
	{fcpLun: fcpLun(1), inquiry: disk('HITACHI ', 'OPEN-V          ')},
	// reported but not mapped to an OS path (no driver attached)
	{fcpLun: fcpLun(5), inquiry: disk('HITACHI ', 'DISK-SUBSYSTEM  ', 0x0c)},
];

export class FakeHbaApi implements HbaApi {
	readonly adapters: FakeAdapter[];
	readonly calls: string[] = [];
	/** Handles opened and not yet closed. */
	readonly open = new Map<HBA_HANDLE, Opened>();
	loadStatus: Status = HBA_STATUS.OK;
	/** What ForceLip reports back in rval (non-zero: the FCA could not reinitialise the link). */
	forceLipRval = 0;
	libraryLoads = 0;
	private nextHandle = 1;
	private randomCounter = 0x1a2b3c4d60;
	private readonly failures = new Map<string, Status[]>();

	constructor(options: {targetMode?: boolean} = {}) {
		const vport1: FakePort = {
			attrs: portAttrs({
				PortWWN: W.vport1,
				NodeWWN: W.vport1Node,
				PortFcId: asFcId(0x010301),
				OSDeviceName: '/dev/cfg/c7',
				PortSymbolicName: '/devices/pci@0,0/pci10de,5d@e/pci1077,138@0/fp@1,0',
				NumberofDiscoveredPorts: 1,
			}),
			npivMax: 0,
			vports: [],
			vindex: 1,
			discovered: [
				{
					attrs: portAttrs({PortWWN: W.arrayB, NodeWWN: W.arrayANode, PortFcId: asFcId(0x010500), PortSymbolicName: 'HITACHI DF600F 0000 CL2A'}),
					luns: [{fcpLun: fcpLun(2), inquiry: disk('HITACHI ', 'OPEN-V          ')}],
					rls: stats(),
				},
			],
			mappings: [mapping('/dev/rdsk/c7t50060E8005123410d2s2', W.arrayB, W.arrayANode, 0x010500, 2)],
			rls: stats({LossOfSyncCount: 1}),
		};
		const qlc0: FakePort = {
			attrs: portAttrs({
				PortWWN: W.qlc0,
				NodeWWN: W.qlc0Node,
				PortFcId: asFcId(0x010300),
				OSDeviceName: '/dev/cfg/c5',
				PortSymbolicName: 'QLE2462 FW:v5.03.02 DVR:v20100301-3.00',
				NumberofDiscoveredPorts: 2,
			}),
			npivMax: 63,
			vports: [vport1],
			vindex: 0,
			discovered: [
				{
					attrs: portAttrs({PortWWN: W.arrayA, NodeWWN: W.arrayANode, PortFcId: asFcId(0x010400), PortSymbolicName: 'HITACHI DF600F 0000 CL1A'}),
					luns: ARRAY_A_LUNS,
					rls: stats({InvalidCRCCount: 3}),
				},
				{
					attrs: portAttrs({
						PortWWN: W.otherHost,
						NodeWWN: W.otherHostNode,
						PortFcId: asFcId(0x010600),
						PortActiveFc4Types: [0x08, 0x05],
						PortSymbolicName: 'sol-b qlc(0)',
					}),
					rls: stats(),
				},
			],
			mappings: [
				mapping('/dev/rdsk/c5t50060E8005123400d0s2', W.arrayA, W.arrayANode, 0x010400, 0),
				mapping('/dev/rdsk/c5t50060E8005123400d1s2', W.arrayA, W.arrayANode, 0x010400, 1),
			],
			rls: stats({LossOfSyncCount: 2, InvalidTxWordCount: 7}),
		};
		const qlc1: FakePort = {
			attrs: portAttrs({
				PortWWN: W.qlc1,
				NodeWWN: W.qlc1Node,
				PortState: HBA_PORTSTATE.LINKDOWN,
				PortType: HBA_PORTTYPE.UNKNOWN,
				PortSpeed: HBA_PORTSPEED.NOT_NEGOTIATED,
				PortActiveFc4Types: [],
				OSDeviceName: '/devices/pci@0,0/pci10de,5d@e/pci1077,138@0,1/fp@0,0:fc',
			}),
			npivMax: 63,
			vports: [],
			vindex: 0,
			discovered: [],
			mappings: [],
			rls: stats({LinkFailureCount: 4, LossOfSignalCount: 12}),
		};
		const emlx0: FakePort = {
			attrs: portAttrs({
				PortWWN: W.emlx0,
				NodeWWN: W.emlx0Node,
				PortFcId: asFcId(0xef),
				PortType: HBA_PORTTYPE.NLPORT,
				PortSupportedSpeed: HBA_PORTSPEED['1GBIT'] | HBA_PORTSPEED['2GBIT'],
				PortSpeed: HBA_PORTSPEED['2GBIT'],
				OSDeviceName: '/dev/cfg/c6',
				NumberofDiscoveredPorts: 1,
			}),
			// the FCA has no NPIV: the kernel reports Max 0
			npivMax: 0,
			vports: [],
			vindex: 0,
			discovered: [
				{
					// the same LUN 0 of array A seen through a second path: one OS device, two HBA ports
					attrs: portAttrs({PortWWN: W.arrayA, NodeWWN: W.arrayANode, PortFcId: asFcId(0xe8), PortSymbolicName: 'HITACHI DF600F 0000 CL1A'}),
					luns: [ARRAY_A_LUNS[0]!],
					rls: stats(),
				},
			],
			mappings: [mapping('/dev/rdsk/c5t50060E8005123400d0s2', W.arrayA, W.arrayANode, 0xe8, 0)],
			rls: stats(),
		};
		this.adapters = [
			{
				name: 'QLogic Corp.-QLE2462-0',
				targetMode: false,
				attrs: {
					Manufacturer: 'QLogic Corp.',
					SerialNumber: 'RFC0817L12345',
					Model: 'QLE2462',
					ModelDescription: 'QLogic QLE2462 PCI-Express to 4Gb FC, Dual Channel',
					NodeWWN: W.qlc0Node,
					NodeSymbolicName: 'QLE2462 FW:v5.03.02 DVR:v20100301-3.00',
					HardwareVersion: '',
					DriverVersion: '20100301-3.00',
					OptionROMVersion: 'BIOS: 2.02; fcode: 2.01; EFI: 2.00;',
					FirmwareVersion: '05.03.02',
					VendorSpecificID: 0x24321077,
					NumberOfPorts: 2,
					DriverName: 'qlc',
				},
				ports: [qlc0, qlc1],
			},
			{
				name: 'Emulex-LP10000-1',
				targetMode: false,
				attrs: {
					Manufacturer: 'Emulex',
					SerialNumber: '',
					Model: 'LP10000',
					ModelDescription: 'Emulex LP10000 2Gb PCI-X Fibre Channel Adapter',
					NodeWWN: W.emlx0Node,
					NodeSymbolicName: '',
					HardwareVersion: '1001206d',
					DriverVersion: '',
					OptionROMVersion: 'Boot:5.02a1 Fcode:1.50a9',
					FirmwareVersion: '1.92a1 (T2D1.92A1)',
					VendorSpecificID: 0xfa0010df,
					NumberOfPorts: 1,
					DriverName: 'emlxs',
				},
				ports: [emlx0],
			},
		];
		if (options.targetMode) {
			this.adapters.push({
				name: 'QLogic Corp.-QLE2462-tgt-0',
				targetMode: true,
				attrs: {
					Manufacturer: 'QLogic Corp.',
					SerialNumber: 'RFC0817L77777',
					Model: 'QLE2462',
					ModelDescription: '',
					NodeWWN: W.targetNode,
					NodeSymbolicName: '',
					HardwareVersion: '',
					DriverVersion: '20100301-3.00',
					OptionROMVersion: 'BIOS: 2.02;',
					FirmwareVersion: '05.03.02',
					VendorSpecificID: 0x24321077,
					NumberOfPorts: 1,
					DriverName: 'qlt',
				},
				ports: [
					{
						attrs: portAttrs({PortWWN: W.target, NodeWWN: W.targetNode, PortFcId: asFcId(0x010700), OSDeviceName: 'Not Applicable'}),
						npivMax: null,
						vports: [],
						vindex: 0,
						discovered: [],
						mappings: [],
						rls: stats(),
					},
				],
			});
		}
	}

	// ---- test controls

	/** The next calls of `method` return these statuses, one per call (OK = behave normally), then behave normally again. */
	failNext(method: keyof HbaApi | 'Sun_HBA_GetTgtAdapterName', ...statuses: Status[]): void {
		this.failures.set(method, [...(this.failures.get(method) ?? []), ...statuses]);
	}

	count(method: string): number {
		return this.calls.filter(c => c === method).length;
	}

	port(w: Wwn): FakePort | undefined {
		for (const adapter of this.adapters) {
			for (const p of adapter.ports) {
				if (p.attrs.PortWWN === w) return p;
				const v = p.vports.find(v => v.attrs.PortWWN === w);
				if (v) return v;
			}
		}
		return undefined;
	}

	private enter(method: string): Status | undefined {
		this.calls.push(method);
		const queued = this.failures.get(method);
		// a queued OK lets that call through
		const status = queued?.shift();
		return status === HBA_STATUS.OK ? undefined : status;
	}

	private initiatorAdapters(): FakeAdapter[] {
		return this.adapters.filter(a => !a.targetMode);
	}

	private opened(handle: HBA_HANDLE): Opened | undefined {
		return this.open.get(handle);
	}

	private openHandle(o: Opened): HBA_HANDLE {
		const handle = (1 << 16) | this.nextHandle++;
		this.open.set(handle, o);
		return handle;
	}

	/** Ports as GetAdapterAttributes counts them: physical ports, then every virtual port. */
	private portsOf(o: Opened): FakePort[] {
		if (o.kind === 'vport') return [o.vport];
		return [...o.adapter.ports, ...o.adapter.ports.flatMap(p => p.vports)];
	}

	private portByWwn(o: Opened, w: Wwn): FakePort | undefined {
		return this.portsOf(o).find(p => p.attrs.PortWWN === w);
	}

	private physicalAt(o: Opened, portIndex: number): FakePort | undefined {
		return o.kind === 'vport' ? (portIndex === 0 ? o.vport : undefined) : this.portsOf(o)[portIndex];
	}

	// ---- HBA-API

	HBA_GetVersion(): number {
		return 2;
	}

	HBA_LoadLibrary(): HBA_STATUS {
		const failed = this.enter('HBA_LoadLibrary');
		if (failed !== undefined) return failed;
		if (this.loadStatus === HBA_STATUS.OK) this.libraryLoads++;
		return this.loadStatus;
	}

	HBA_FreeLibrary(): HBA_STATUS {
		this.calls.push('HBA_FreeLibrary');
		this.libraryLoads--;
		return HBA_STATUS.OK;
	}

	HBA_GetNumberOfAdapters(): number {
		this.calls.push('HBA_GetNumberOfAdapters');
		return this.initiatorAdapters().length;
	}

	HBA_GetAdapterName(adapterIndex: number): HbaResult<string> {
		const failed = this.enter('HBA_GetAdapterName');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const adapter = this.initiatorAdapters()[adapterIndex];
		return adapter ? {status: HBA_STATUS.OK, value: adapter.name} : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}

	HBA_OpenAdapter(adapterName: string): HBA_HANDLE {
		const failed = this.enter('HBA_OpenAdapter');
		if (failed !== undefined) return 0;
		const adapter = this.initiatorAdapters().find(a => a.name === adapterName);
		return adapter ? this.openHandle({kind: 'adapter', adapter}) : 0;
	}

	HBA_OpenAdapterByWWN(w: Wwn): HbaResult<HBA_HANDLE> {
		const failed = this.enter('HBA_OpenAdapterByWWN');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		for (const adapter of this.initiatorAdapters()) {
			for (const physical of adapter.ports) {
				if (physical.attrs.PortWWN === w) return {status: HBA_STATUS.OK, value: this.openHandle({kind: 'adapter', adapter})};
				const vport = physical.vports.find(v => v.attrs.PortWWN === w);
				if (vport) return {status: HBA_STATUS.OK, value: this.openHandle({kind: 'vport', adapter, physical, vport})};
			}
		}
		return {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
	}

	HBA_CloseAdapter(handle: HBA_HANDLE): void {
		this.calls.push('HBA_CloseAdapter');
		this.open.delete(handle);
	}

	HBA_RefreshInformation(_handle: HBA_HANDLE): void {}
	HBA_RefreshAdapterConfiguration(): void {}

	HBA_GetAdapterAttributes(handle: HBA_HANDLE): HbaResult<HBA_ADAPTERATTRIBUTES> {
		const failed = this.enter('HBA_GetAdapterAttributes');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		if (!o) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		return {status: HBA_STATUS.OK, value: {...o.adapter.attrs, NumberOfPorts: this.portsOf(o).length}};
	}

	HBA_GetAdapterPortAttributes(handle: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTATTRIBUTES> {
		const failed = this.enter('HBA_GetAdapterPortAttributes');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		if (!o) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		const p = this.physicalAt(o, portIndex);
		return p ? {status: HBA_STATUS.OK, value: {...p.attrs, NumberofDiscoveredPorts: p.discovered.length}} : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}

	HBA_GetPortStatistics(handle: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTSTATISTICS> {
		const o = this.opened(handle);
		const p = o && this.physicalAt(o, portIndex);
		return p ? {status: HBA_STATUS.OK, value: p.rls} : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}

	HBA_ResetStatistics(): HBA_STATUS {
		return HBA_STATUS.ERROR_NOT_SUPPORTED;
	}

	HBA_GetDiscoveredPortAttributes(handle: HBA_HANDLE, portIndex: number, discoveredPortIndex: number): HbaResult<HBA_PORTATTRIBUTES> {
		const failed = this.enter('HBA_GetDiscoveredPortAttributes');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		if (!o) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		const remote = this.physicalAt(o, portIndex)?.discovered[discoveredPortIndex];
		return remote ? {status: HBA_STATUS.OK, value: remote.attrs} : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}

	private remote(o: Opened, w: Wwn): {port: FakePort; remote: FakeRemote} | undefined {
		for (const port of this.portsOf(o)) {
			const remote = port.discovered.find(r => r.attrs.PortWWN === w);
			if (remote) return {port, remote};
		}
		return undefined;
	}

	HBA_GetPortAttributesByWWN(handle: HBA_HANDLE, portWWN: Wwn): HbaResult<HBA_PORTATTRIBUTES> {
		const failed = this.enter('HBA_GetPortAttributesByWWN');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		if (!o) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		const found = this.remote(o, portWWN);
		return found ? {status: HBA_STATUS.OK, value: found.remote.attrs} : {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
	}

	HBA_SendRLS(handle: HBA_HANDLE, hbaPortWWN: Wwn, destWWN: Wwn): HbaResult<HBA_PORTSTATISTICS> {
		const failed = this.enter('HBA_SendRLS');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		if (!o) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		const port = this.portByWwn(o, hbaPortWWN);
		if (!port) return {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
		if (destWWN === hbaPortWWN) return {status: HBA_STATUS.OK, value: port.rls};
		const remote = port.discovered.find(r => r.attrs.PortWWN === destWWN);
		return remote ? {status: HBA_STATUS.OK, value: remote.rls} : {status: HBA_STATUS.ERROR_ELS_REJECT};
	}

	HBA_GetFcpTargetMappingV2(handle: HBA_HANDLE, hbaPortWWN: Wwn): HbaResult<HBA_FCPTARGETMAPPINGV2> {
		const failed = this.enter('HBA_GetFcpTargetMappingV2');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		const port = o && this.portByWwn(o, hbaPortWWN);
		if (!port) return {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
		return {status: HBA_STATUS.OK, value: {NumberOfEntries: port.mappings.length, entry: port.mappings}};
	}

	HBA_ScsiInquiryV2(
		handle: HBA_HANDLE,
		hbaPortWWN: Wwn,
		discoveredPortWWN: Wwn,
		fcLUN: bigint,
	): HbaResult<{inquiry: HBA_INQUIRYDATA; scsi: HBA_SCSISTATUS}> {
		const failed = this.enter('HBA_ScsiInquiryV2');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		const port = o && this.portByWwn(o, hbaPortWWN);
		const remote = port?.discovered.find(r => r.attrs.PortWWN === discoveredPortWWN);
		if (!remote) return {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
		if (!remote.luns) return {status: HBA_STATUS.ERROR_NOT_A_TARGET};
		const lun = remote.luns.find(l => l.fcpLun === fcLUN);
		return lun ? {status: HBA_STATUS.OK, value: {inquiry: lun.inquiry, scsi: {ScsiStatus: 0}}} : {status: HBA_STATUS.ERROR_INVALID_LUN};
	}

	HBA_ScsiReportLUNsV2(handle: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn): HbaResult<{luns: bigint[]; scsi: HBA_SCSISTATUS}> {
		const failed = this.enter('HBA_ScsiReportLUNsV2');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		const port = o && this.portByWwn(o, hbaPortWWN);
		const remote = port?.discovered.find(r => r.attrs.PortWWN === discoveredPortWWN);
		if (!remote) return {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
		if (!remote.luns) return {status: HBA_STATUS.ERROR_NOT_A_TARGET};
		return {status: HBA_STATUS.OK, value: {luns: remote.luns.map(l => l.fcpLun), scsi: {ScsiStatus: 0}}};
	}

	HBA_ScsiReadCapacityV2(): HbaResult<{blocks: bigint; blockSize: number; scsi: HBA_SCSISTATUS}> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}

	HBA_RegisterForAdapterAddEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RegisterForAdapterEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RegisterForAdapterPortEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RegisterForTargetEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RegisterForLinkEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RemoveCallback(): HBA_STATUS {
		return HBA_STATUS.ERROR_INVALID_HANDLE;
	}

	// ---- Sun extensions

	Sun_HBA_GetNumberOfTgtAdapters(): number {
		this.calls.push('Sun_HBA_GetNumberOfTgtAdapters');
		return this.adapters.filter(a => a.targetMode).length;
	}

	Sun_HBA_GetTgtAdapterName(adapterIndex: number): HbaResult<string> {
		const failed = this.enter('Sun_HBA_GetTgtAdapterName');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const adapter = this.adapters.filter(a => a.targetMode)[adapterIndex];
		return adapter ? {status: HBA_STATUS.OK, value: adapter.name} : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}

	Sun_HBA_OpenTgtAdapter(adapterName: string): HBA_HANDLE {
		const adapter = this.adapters.find(a => a.targetMode && a.name === adapterName);
		return adapter ? this.openHandle({kind: 'adapter', adapter}) : 0;
	}

	Sun_HBA_OpenTgtAdapterByWWN(w: Wwn): HbaResult<HBA_HANDLE> {
		const failed = this.enter('Sun_HBA_OpenTgtAdapterByWWN');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const adapter = this.adapters.find(a => a.targetMode && a.ports.some(p => p.attrs.PortWWN === w));
		return adapter ? {status: HBA_STATUS.OK, value: this.openHandle({kind: 'adapter', adapter})} : {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
	}

	Sun_HBA_NPIVGetAdapterAttributes(handle: HBA_HANDLE): HbaResult<HBA_ADAPTERATTRIBUTES> {
		const failed = this.enter('Sun_HBA_NPIVGetAdapterAttributes');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		if (!o) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		return {status: HBA_STATUS.OK, value: {...o.adapter.attrs, NumberOfPorts: o.kind === 'vport' ? 1 : o.adapter.ports.length}};
	}

	Sun_HBA_GetPortNPIVAttributes(handle: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTNPIVATTRIBUTES> {
		const failed = this.enter('Sun_HBA_GetPortNPIVAttributes');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		if (!o) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		const p = this.physicalAt(o, portIndex);
		if (!p) return {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
		if (p.npivMax === null) return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
		return {
			status: HBA_STATUS.OK,
			value: {npivflag: p.npivMax > 0 ? 1 : 0, NodeWWN: p.attrs.NodeWWN, PortWWN: p.attrs.PortWWN, MaxNumberOfNPIVPorts: p.npivMax, NumberOfNPIVPorts: p.vports.length},
		};
	}

	Sun_HBA_GetNPIVPortInfo(handle: HBA_HANDLE, portIndex: number, vportIndex: number): HbaResult<HBA_NPIVATTRIBUTES> {
		const failed = this.enter('Sun_HBA_GetNPIVPortInfo');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		const v = o && this.physicalAt(o, portIndex)?.vports[vportIndex];
		return v ? {status: HBA_STATUS.OK, value: {NodeWWN: v.attrs.NodeWWN, PortWWN: v.attrs.PortWWN}} : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}

	Sun_HBA_CreateNPIVPort(handle: HBA_HANDLE, portIndex: number, vnodeWWN: Wwn, vportWWN: Wwn, vindex: number): HbaResult<number> {
		const failed = this.enter('Sun_HBA_CreateNPIVPort');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		const o = this.opened(handle);
		const physical = o && this.physicalAt(o, portIndex);
		if (!physical) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		// the kernel answers EFAULT for every reason, which libsun_fc reports as ERROR
		if (!physical.npivMax || physical.vports.length >= physical.npivMax) return {status: HBA_STATUS.ERROR};
		if (this.port(vportWWN)) return {status: HBA_STATUS.ERROR};
		const used = new Set(physical.vports.map(v => v.vindex));
		let index = vindex;
		if (index === 0) {
			index = 1;
			while (used.has(index)) index++;
		} else if (used.has(index) || index > 254) {
			return {status: HBA_STATUS.ERROR};
		}
		physical.vports.unshift({
			attrs: portAttrs({PortWWN: vportWWN, NodeWWN: vnodeWWN, PortFcId: asFcId((physical.attrs.PortFcId & 0xffff00) | (index & 0xff)), OSDeviceName: `/dev/cfg/c${20 + index}`}),
			npivMax: 0,
			vports: [],
			vindex: index,
			discovered: [],
			mappings: [],
			rls: stats(),
		});
		return {status: HBA_STATUS.OK, value: index};
	}

	Sun_HBA_DeleteNPIVPort(handle: HBA_HANDLE, portIndex: number, vportWWN: Wwn): HBA_STATUS {
		const failed = this.enter('Sun_HBA_DeleteNPIVPort');
		if (failed !== undefined) return failed;
		const o = this.opened(handle);
		const physical = o && this.physicalAt(o, portIndex);
		if (!physical) return HBA_STATUS.ERROR_INVALID_HANDLE;
		const at = physical.vports.findIndex(v => v.attrs.PortWWN === vportWWN);
		if (at < 0) return HBA_STATUS.ERROR;
		physical.vports.splice(at, 1);
		return HBA_STATUS.OK;
	}

	Sun_HBA_AdapterCreateWWN(handle: HBA_HANDLE, _portIndex: number, _oui: number | null, method: number): HbaResult<{nwwn: Wwn; pwwn: Wwn}> {
		const failed = this.enter('Sun_HBA_AdapterCreateWWN');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		if (!this.opened(handle)) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		if (method !== HBA_CREATE_WWN_RANDOM) return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
		// Sun OUI 00:00:7d in the c0 form, then 40 "random" bits (a counter keeps tests exact)
		const nwwn = wwn('c0007d' + (this.randomCounter++).toString(16).padStart(10, '0'));
		return {status: HBA_STATUS.OK, value: {nwwn, pwwn: wwnFlipLowBit(nwwn)}};
	}

	Sun_HBA_AdapterReturnWWN(): HBA_STATUS {
		return HBA_STATUS.OK;
	}

	Sun_HBA_ForceLip(handle: HBA_HANDLE): HbaResult<number> {
		const failed = this.enter('Sun_HBA_ForceLip');
		if (failed !== undefined) return {status: failed as Exclude<Status, 0>};
		return this.opened(handle) ? {status: HBA_STATUS.OK, value: this.forceLipRval} : {status: HBA_STATUS.ERROR_INVALID_HANDLE};
	}

	Sun_HBA_RegisterForAdapterDeviceEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
}

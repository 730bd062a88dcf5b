/**
 * HBA-API structs filled from the driver's read models, the way fp's FCIO_GET_*_ATTRIBUTES
 * handlers fill them: port type from the topology, state online/offline, speed as HBA bits.
 */
import type {Topology} from '../fabric/NPort.js';
import {Fc4Type} from '../fabric/NPort.js';
import type {Fca} from '../driver/Fca.js';
import type {FcaPort} from '../driver/FcaPort.js';
import type {FcPortView, RemotePortView} from '../driver/Views.js';
import type {LinkStatistics} from '../driver/LinkStatistics.js';
import type {LinkErrorStatus} from '../fabric/NPort.js';
import type {FcId} from '../sim/FcId.js';
import type {SimTime} from '../sim/Simulator.js';
import type {Wwn} from '../sim/Wwn.js';
import {
	HBA_PORTSPEED,
	HBA_PORTSTATE,
	HBA_PORTTYPE,
	type HBA_ADAPTERATTRIBUTES,
	type HBA_PORTATTRIBUTES,
	type HBA_PORTSTATISTICS,
} from './types.js';

export const NO_WWN = '0000000000000000' as Wwn;
/** Class 3 only, as HBA_COS_3 (bit 3). */
const CLASS_3 = 1 << 3;
const MAX_FRAME_SIZE = 2048;

const SPEED_BITS: Readonly<Record<number, number>> = {
	1: HBA_PORTSPEED['1GBIT'],
	2: HBA_PORTSPEED['2GBIT'],
	4: HBA_PORTSPEED['4GBIT'],
	8: HBA_PORTSPEED['8GBIT'],
	10: HBA_PORTSPEED['10GBIT'],
	16: HBA_PORTSPEED['16GBIT'],
	32: HBA_PORTSPEED['32GBIT'],
};

/** Gb/s to the HBA speed bit (note 4G = 8 and 10G = 4); 0 (unknown) when not established. */
export function speedBit(gbps: number): number {
	return SPEED_BITS[gbps] ?? HBA_PORTSPEED.UNKNOWN;
}

export function speedBits(gbps: readonly number[]): number {
	let bits = 0;
	for (const g of gbps) bits |= speedBit(g);
	return bits;
}

export function portTypeOf(topology: Topology | undefined): HBA_PORTTYPE {
	switch (topology) {
		case 'fabric':
			return HBA_PORTTYPE.NPORT;
		case 'public-loop':
			return HBA_PORTTYPE.NLPORT;
		case 'private-loop':
			return HBA_PORTTYPE.LPORT;
		case 'point-to-point':
			return HBA_PORTTYPE.PTP;
		default:
			return HBA_PORTTYPE.UNKNOWN;
	}
}

export function adapterAttributes(fca: Fca, hostName: string): HBA_ADAPTERATTRIBUTES {
	const m = fca.model;
	const port0 = fca.ports[0]!;
	return {
		Manufacturer: m.manufacturer,
		SerialNumber: fca.serial,
		Model: m.model,
		ModelDescription: m.modelDescription,
		NodeWWN: fca.nodeWwn,
		NodeSymbolicName: `${hostName}:${port0.driverInstanceName}`,
		HardwareVersion: m.hardwareVersion,
		DriverVersion: m.driverVersion,
		OptionROMVersion: m.optionRomVersion,
		FirmwareVersion: m.firmwareVersion,
		VendorSpecificID: fca.vendorSpecificId,
		NumberOfPorts: fca.ports.length,
		DriverName: m.driverName,
	};
}

/** A local port (physical or virtual). Offline ports report type unknown and no speed. */
export function localPortAttributes(fp: FcPortView, fcaPort: FcaPort): HBA_PORTATTRIBUTES {
	const online = fp.state === 'online';
	const types = fp.virtual ? [Fc4Type.fcp] : [Fc4Type.ip, Fc4Type.fcp];
	return {
		NodeWWN: fp.wwnn,
		PortWWN: fp.wwpn,
		PortFcId: (fp.fcid ?? 0) as FcId,
		PortType: online ? portTypeOf(fp.topology) : HBA_PORTTYPE.UNKNOWN,
		PortState: online ? HBA_PORTSTATE.ONLINE : HBA_PORTSTATE.OFFLINE,
		PortSupportedClassofService: CLASS_3,
		PortSupportedFc4Types: types,
		PortActiveFc4Types: online ? types : [],
		PortSymbolicName: fp.symbolicPortName,
		OSDeviceName: fp.osDeviceName,
		PortSupportedSpeed: speedBits(fcaPort.model.supportedSpeedsGbps),
		PortSpeed: online ? speedBit(fp.speedGbps) : HBA_PORTSPEED.UNKNOWN,
		PortMaxFrameSize: MAX_FRAME_SIZE,
		FabricName: fp.fabricName ?? NO_WWN,
		NumberofDiscoveredPorts: fp.remotePorts.length,
	};
}

/** A remote port as the local port `via` discovered it. */
export function discoveredPortAttributes(r: RemotePortView, via: FcPortView): HBA_PORTATTRIBUTES {
	const online = r.state === 'online';
	const topology = via.topology;
	return {
		NodeWWN: r.wwnn,
		PortWWN: r.wwpn,
		PortFcId: r.fcid,
		PortType: (topology === 'private-loop' ? HBA_PORTTYPE.LPORT : topology === 'public-loop' ? HBA_PORTTYPE.NLPORT : topology === 'point-to-point' ? HBA_PORTTYPE.PTP : HBA_PORTTYPE.NPORT) as HBA_PORTTYPE,
		PortState: online ? HBA_PORTSTATE.ONLINE : HBA_PORTSTATE.OFFLINE,
		PortSupportedClassofService: CLASS_3,
		PortSupportedFc4Types: [...r.fc4Types],
		PortActiveFc4Types: [...r.fc4Types],
		PortSymbolicName: r.symbolicPortName,
		OSDeviceName: '',
		PortSupportedSpeed: HBA_PORTSPEED.UNKNOWN,
		PortSpeed: HBA_PORTSPEED.UNKNOWN,
		PortMaxFrameSize: MAX_FRAME_SIZE,
		FabricName: via.fabricName ?? NO_WWN,
		NumberofDiscoveredPorts: 0,
	};
}

export function portStatistics(stats: LinkStatistics, now: SimTime): HBA_PORTSTATISTICS {
	return {
		SecondsSinceLastReset: Math.floor((now - stats.resetAt) / 1000),
		TxFrames: stats.txFrames,
		RxFrames: stats.rxFrames,
		TxWords: stats.txWords,
		RxWords: stats.rxWords,
		LIPCount: stats.lipCount,
		NOSCount: stats.nosCount,
		ErrorFrames: stats.errorFrames,
		DumpedFrames: stats.dumpedFrames,
		LinkFailureCount: stats.linkFailureCount,
		LossOfSyncCount: stats.lossOfSyncCount,
		LossOfSignalCount: stats.lossOfSignalCount,
		PrimitiveSeqProtocolErrCount: stats.primitiveSeqProtocolErrorCount,
		InvalidTxWordCount: stats.invalidTxWordCount,
		InvalidCRCCount: stats.invalidCrcCount,
	};
}

/** An RLS answer carries only the Link Error Status Block; the other counters are -1 (not supported). */
export function rlsStatistics(lesb: LinkErrorStatus): HBA_PORTSTATISTICS {
	return {
		SecondsSinceLastReset: -1,
		TxFrames: -1,
		RxFrames: -1,
		TxWords: -1,
		RxWords: -1,
		LIPCount: -1,
		NOSCount: -1,
		ErrorFrames: -1,
		DumpedFrames: -1,
		LinkFailureCount: lesb.linkFailureCount,
		LossOfSyncCount: lesb.lossOfSyncCount,
		LossOfSignalCount: lesb.lossOfSignalCount,
		PrimitiveSeqProtocolErrCount: lesb.primitiveSeqProtocolErrorCount,
		InvalidTxWordCount: lesb.invalidTxWordCount,
		InvalidCRCCount: lesb.invalidCrcCount,
	};
}

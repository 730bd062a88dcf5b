/** How fcinfo spells HBA-API values (printAttrs.c). */
import {HBA_PORTSPEED, HBA_PORTSTATE, HBA_PORTTYPE} from '../../hbaapi/types.js';
import type {HBA_PORTSTATISTICS} from '../../hbaapi/types.js';

export {statusName} from '../../hbaapi/types.js';

export function portTypeName(type: number): string {
	switch (type) {
		case HBA_PORTTYPE.UNKNOWN:
			return 'unknown';
		case HBA_PORTTYPE.OTHER:
			return 'other';
		case HBA_PORTTYPE.NOTPRESENT:
			return 'not present';
		case HBA_PORTTYPE.NPORT:
			return 'N-port';
		case HBA_PORTTYPE.NLPORT:
			return 'NL-port';
		case HBA_PORTTYPE.FLPORT:
			return 'FL-port';
		case HBA_PORTTYPE.FPORT:
			return 'F-port';
		case HBA_PORTTYPE.LPORT:
			return 'L-port';
		case HBA_PORTTYPE.PTP:
			return 'point-to-point';
		default:
			return 'unrecognized type';
	}
}

export function portStateName(state: number): string {
	switch (state) {
		case HBA_PORTSTATE.UNKNOWN:
			return 'unknown';
		case HBA_PORTSTATE.ONLINE:
			return 'online';
		case HBA_PORTSTATE.OFFLINE:
			return 'offline';
		case HBA_PORTSTATE.BYPASSED:
			return 'bypassed';
		case HBA_PORTSTATE.DIAGNOSTICS:
			return 'diagnostics';
		case HBA_PORTSTATE.LINKDOWN:
			return 'link down';
		case HBA_PORTSTATE.ERROR:
			return 'error';
		case HBA_PORTSTATE.LOOPBACK:
			return 'loopback';
		default:
			return 'unrecognized state';
	}
}

/** Printed in this order, whatever the bit values (10G is bit 4 but prints after 8Gb). */
const SPEED_WORDS: readonly (readonly [number, string])[] = [
	[HBA_PORTSPEED['1GBIT'], '1Gb'],
	[HBA_PORTSPEED['2GBIT'], '2Gb'],
	[HBA_PORTSPEED['4GBIT'], '4Gb'],
	[HBA_PORTSPEED['8GBIT'], '8Gb'],
	[HBA_PORTSPEED['10GBIT'], '10Gb'],
	[HBA_PORTSPEED['16GBIT'], '16Gb'],
	[HBA_PORTSPEED['32GBIT'], '32Gb'],
	[HBA_PORTSPEED.NOT_NEGOTIATED, 'not established'],
];

export function speedWords(bits: number): string[] {
	const words = SPEED_WORDS.filter(([bit]) => (bits & bit) === bit).map(([, word]) => word);
	return words.length > 0 ? words : ['not established'];
}

/** Each word is followed by a space, so the line always ends with one. */
export function speedText(words: readonly string[]): string {
	return words.map(w => w + ' ').join('');
}

export interface LinkErrorStatistics {
	linkFailureCount: number;
	lossOfSyncCount: number;
	lossOfSignalCount: number;
	primitiveSeqProtocolErrorCount: number;
	invalidTxWordCount: number;
	invalidCrcCount: number;
}

/** The RLS payload fields fcinfo prints, as %u (unsigned 32-bit). */
export function linkErrorStatistics(stats: HBA_PORTSTATISTICS): LinkErrorStatistics {
	return {
		linkFailureCount: stats.LinkFailureCount >>> 0,
		lossOfSyncCount: stats.LossOfSyncCount >>> 0,
		lossOfSignalCount: stats.LossOfSignalCount >>> 0,
		primitiveSeqProtocolErrorCount: stats.PrimitiveSeqProtocolErrCount >>> 0,
		invalidTxWordCount: stats.InvalidTxWordCount >>> 0,
		invalidCrcCount: stats.InvalidCRCCount >>> 0,
	};
}

export function linkErrorStatisticsText(s: LinkErrorStatistics): string {
	return (
		'\tLink Error Statistics:\n' +
		`\t\tLink Failure Count: ${s.linkFailureCount}\n` +
		`\t\tLoss of Sync Count: ${s.lossOfSyncCount}\n` +
		`\t\tLoss of Signal Count: ${s.lossOfSignalCount}\n` +
		`\t\tPrimitive Seq Protocol Error Count: ${s.primitiveSeqProtocolErrorCount}\n` +
		`\t\tInvalid Tx Word Count: ${s.invalidTxWordCount}\n` +
		`\t\tInvalid CRC Count: ${s.invalidCrcCount}\n`
	);
}

/** SCSI peripheral device types (the low five bits of INQUIRY byte 0). */
const DEVICE_TYPES: ReadonlyMap<number, string> = new Map([
	[0x00, 'Disk Device'],
	[0x01, 'Tape Device'],
	[0x02, 'Printer Device'],
	[0x03, 'Processor Device'],
	[0x04, 'WORM Device'],
	[0x05, 'CD/DVD Device'],
	[0x06, 'Scanner Device'],
	[0x07, 'Optical Memory Device'],
	[0x08, 'Medium Changer Device'],
	[0x09, 'Communications Device'],
	[0x0c, 'Storage Array Controller Device'],
	[0x0d, 'Enclosure Services Device'],
	[0x0e, 'Simplified Direct-access Device'],
	[0x0f, 'Optical Card Reader/Writer Device'],
	[0x10, 'Bridge Controller Commands'],
	[0x11, 'Object-based Storage Device'],
	[0x12, 'Automation/Drive Interface'],
	[0x1e, 'Well Known Logical Unit'],
	[0x1f, 'Unknown Device'],
]);

export const DTYPE_UNKNOWN = 0x1f;

export function deviceTypeName(dtype: number): string {
	return DEVICE_TYPES.get(dtype & 0x1f) ?? 'Undefined';
}

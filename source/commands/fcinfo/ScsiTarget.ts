/** SCSI pieces remote-port -s and logical-unit share. */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_FCPTARGETMAPPINGV2, HBA_HANDLE, HBA_INQUIRYDATA} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {statusName} from './AttributeText.js';
import type {FcHandlerContext} from './FcToolContext.js';

/** getTargetMapping(): the port's FCP target mappings (OS device paths), or undefined after saying why not. */
export function getTargetMapping(ctx: FcHandlerContext, handle: HBA_HANDLE, hbaPortWWN: Wwn): HBA_FCPTARGETMAPPINGV2 | undefined {
	const map = ctx.api.HBA_GetFcpTargetMappingV2(handle, hbaPortWWN);
	if (map.status !== HBA_STATUS.OK) {
		ctx.io.warn(`Error: Unable to get Target Mapping\n${statusName(map.status)}\n`);
		return undefined;
	}
	return map.value;
}

/**
 * The 8 vendor and 16 product characters as fcinfo prints them (%c each). A target pads them with
 * blanks. When INQUIRY failed fcinfo copies "Unknown" into zeroed buffers and prints the NULs too;
 * a terminal shows nothing for them, so only the visible word is printed here.
 */
export function inquiryIdentity(inquiry: HBA_INQUIRYDATA | undefined): {vendor: string; product: string} {
	if (inquiry === undefined) return {vendor: 'Unknown', product: 'Unknown'};
	return {
		vendor: inquiry.VendorIdentification.padEnd(8, ' ').slice(0, 8),
		product: inquiry.ProductIdentification.padEnd(16, ' ').slice(0, 16),
	};
}

/** An unmapped LUN prints as ((byte0 & 0x3F) << 8) | byte1 of its 8-byte FCP LUN. */
export function lunNumberFromFcpLun(fcpLun: bigint): number {
	const byte0 = Number((fcpLun >> 56n) & 0xffn);
	const byte1 = Number((fcpLun >> 48n) & 0xffn);
	return ((byte0 & 0x3f) << 8) | byte1;
}

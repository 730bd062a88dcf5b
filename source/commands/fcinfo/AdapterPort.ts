/** Steps fcinfo-list.c shares between hba-port and remote-port. */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_ADAPTERATTRIBUTES, HBA_HANDLE, HBA_PORTATTRIBUTES} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {linkErrorStatistics, linkErrorStatisticsText, statusName} from './AttributeText.js';
import type {LinkErrorStatistics} from './AttributeText.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {HBA_MAX_RETRIES, retryWhileBusy} from './Retry.js';

export interface AdapterPort {
	readonly attrs: HBA_ADAPTERATTRIBUTES;
	readonly port: HBA_PORTATTRIBUTES;
	readonly portIndex: number;
}

/**
 * retrieveAttrs(): the adapter's attributes and the index and attributes of its port `wwn`.
 * Failures to read print their reason; a WWN that is not among the ports fails silently.
 */
export function retrieveAttrs(ctx: FcHandlerContext, handle: HBA_HANDLE, wwn: Wwn): AdapterPort | undefined {
	const {api, io} = ctx;
	const attrs = retryWhileBusy(() => api.HBA_GetAdapterAttributes(handle), HBA_MAX_RETRIES);
	if (attrs.status !== HBA_STATUS.OK) {
		io.warn(`Failed to get adapter attributes handle(${handle}) Reason: ${statusName(attrs.status)}\n`);
		return undefined;
	}
	for (let portIndex = 0; portIndex < attrs.value.NumberOfPorts; portIndex++) {
		const port = api.HBA_GetAdapterPortAttributes(handle, portIndex);
		if (port.status !== HBA_STATUS.OK) {
			io.warn(`Error: Failed to get port (${portIndex}) attributes reason: ${statusName(port.status)}\n`);
			return undefined;
		}
		if (port.value.PortWWN === wwn) return {attrs: attrs.value, port: port.value, portIndex};
	}
	return undefined;
}

/** printLinkStat(): RLS from `hbaPortWWN` to `destWWN` (the port itself for its own link). */
export function printLinkStat(ctx: FcHandlerContext, handle: HBA_HANDLE, hbaPortWWN: Wwn, destWWN: Wwn): LinkErrorStatistics | undefined {
	const rls = ctx.api.HBA_SendRLS(handle, hbaPortWWN, destWWN);
	if (rls.status !== HBA_STATUS.OK) {
		ctx.io.warn(`Error: SendRLS failed for ${destWWN}\n`);
		return undefined;
	}
	const stats = linkErrorStatistics(rls.value);
	ctx.io.print(linkErrorStatisticsText(stats));
	return stats;
}

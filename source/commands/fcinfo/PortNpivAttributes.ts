/** retrieveNPIVAttrs() of fcadm-list.c: which port of the adapter is `wwn`, and its NPIV attributes. */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_HANDLE, HBA_PORTNPIVATTRIBUTES, HbaApi} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {HBA_MAX_RETRIES, retryWhileBusy} from './Retry.js';

/** fcadm waits longer for the adapter's attributes than for anything else. */
const ADAPTER_ATTRIBUTE_RETRIES = 130;

export interface PortNpiv {
	readonly portIndex: number;
	readonly npiv: HBA_PORTNPIVATTRIBUTES;
}

export function retrievePortNpiv(api: HbaApi, handle: HBA_HANDLE, wwn: Wwn): PortNpiv | undefined {
	const attrs = retryWhileBusy(() => api.HBA_GetAdapterAttributes(handle), ADAPTER_ATTRIBUTE_RETRIES);
	if (attrs.status !== HBA_STATUS.OK) return undefined;
	for (let portIndex = 0; portIndex < attrs.value.NumberOfPorts; portIndex++) {
		const port = retryWhileBusy(() => api.HBA_GetAdapterPortAttributes(handle, portIndex), HBA_MAX_RETRIES);
		if (port.status !== HBA_STATUS.OK) return undefined;
		if (port.value.PortWWN !== wwn) continue;
		const npiv = retryWhileBusy(() => api.Sun_HBA_GetPortNPIVAttributes(handle, portIndex), HBA_MAX_RETRIES);
		return npiv.status === HBA_STATUS.OK ? {portIndex, npiv: npiv.value} : undefined;
	}
	return undefined;
}

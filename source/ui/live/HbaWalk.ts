/**
 * Reading every host's HBA ports the way fcinfo does: through the host's own HBA-API instance,
 * adapter by adapter, with a handle opened and closed around each read. The instance is shared
 * with xennpivd, so the console never calls HBA_FreeLibrary on it.
 */
import {
	HBA_STATUS,
	type HBA_ADAPTERATTRIBUTES,
	type HBA_HANDLE,
	type HBA_NPIVATTRIBUTES,
	type HBA_PORTATTRIBUTES,
	type HBA_PORTNPIVATTRIBUTES,
	type HbaApi,
	type HbaApiVportViews,
} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import type {World, WorldHost} from '../../world/World.js';

export type HostApi = HbaApi & HbaApiVportViews;

export interface HbaPortVisit {
	readonly host: WorldHost;
	readonly api: HostApi;
	readonly handle: HBA_HANDLE;
	readonly adapter: HBA_ADAPTERATTRIBUTES;
	readonly portIndex: number;
	readonly port: HBA_PORTATTRIBUTES;
	/** Null when the adapter does not answer the NPIV query. */
	readonly npiv: HBA_PORTNPIVATTRIBUTES | null;
}

/** Calls `visit` for every physical HBA port of every host, in host, adapter, port order. */
export function forEachHbaPort(world: World, visit: (v: HbaPortVisit) => void): void {
	for (const host of world.hosts) forEachHostPort(host, visit);
}

export function forEachHostPort(host: WorldHost, visit: (v: HbaPortVisit) => void): void {
	const api = host.openLibrary();
	const count = api.HBA_GetNumberOfAdapters();
	for (let i = 0; i < count; i++) {
		const name = api.HBA_GetAdapterName(i);
		if (name.status !== HBA_STATUS.OK) continue;
		const handle = api.HBA_OpenAdapter(name.value);
		if (handle === 0) continue;
		try {
			visitAdapter(host, api, handle, visit);
		} finally {
			api.HBA_CloseAdapter(handle);
		}
	}
}

/** Opens the adapter that owns physical port `wwpn` and visits that port only. */
export function withHbaPort<T>(host: WorldHost, wwpn: Wwn, f: (v: HbaPortVisit) => T): T | undefined {
	const api = host.openLibrary();
	const opened = api.HBA_OpenAdapterByWWN(wwpn);
	if (opened.status !== HBA_STATUS.OK) return undefined;
	let result: T | undefined;
	try {
		visitAdapter(host, api, opened.value, v => {
			if (v.port.PortWWN === wwpn) result = f(v);
		});
	} finally {
		api.HBA_CloseAdapter(opened.value);
	}
	return result;
}

function visitAdapter(host: WorldHost, api: HostApi, handle: HBA_HANDLE, visit: (v: HbaPortVisit) => void): void {
	const adapter = api.HBA_GetAdapterAttributes(handle);
	if (adapter.status !== HBA_STATUS.OK) return;
	for (let portIndex = 0; portIndex < adapter.value.NumberOfPorts; portIndex++) {
		const port = api.HBA_GetAdapterPortAttributes(handle, portIndex);
		if (port.status !== HBA_STATUS.OK) continue;
		const npiv = api.Sun_HBA_GetPortNPIVAttributes(handle, portIndex);
		visit({host, api, handle, adapter: adapter.value, portIndex, port: port.value, npiv: npiv.status === HBA_STATUS.OK ? npiv.value : null});
	}
}

export interface VportVisit {
	readonly index: number;
	readonly info: HBA_NPIVATTRIBUTES;
	readonly attrs: HBA_PORTATTRIBUTES;
}

/** The virtual ports of a visited physical port, newest first (the kernel's order, as fcinfo lists them). */
export function forEachVport(v: HbaPortVisit, visit: (vp: VportVisit) => void): void {
	const n = v.npiv?.NumberOfNPIVPorts ?? 0;
	for (let index = 0; index < n; index++) {
		const info = v.api.Sun_HBA_GetNPIVPortInfo(v.handle, v.portIndex, index);
		if (info.status !== HBA_STATUS.OK) continue;
		const attrs = v.api.Sun_HBA_GetNPIVPortAttributes(v.handle, v.portIndex, index);
		if (attrs.status !== HBA_STATUS.OK) continue;
		visit({index, info: info.value, attrs: attrs.value});
	}
}

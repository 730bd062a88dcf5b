/**
 * svc:/network/npiv_config at boot: re-creates each host's virtual ports from its saved port list
 * through the HBA-API, with the saved index, exactly as `fcadm create-port-list` does: a port whose
 * adapter is at Max (or has no NPIV) is skipped, and every failure is ignored but logged.
 */
import type {EventLog} from '../sim/EventLog.js';
import {parseWwn, type Wwn} from '../sim/Wwn.js';
import {HBA_STATUS, statusName, type HbaApi} from '../hbaapi/types.js';

export interface NpivListEntry {
	readonly physical: string;
	readonly vport: Wwn;
	readonly vnode: Wwn;
	readonly index: number;
}

/** `<phys as typed>:<VPWWN>:<VNWWN>:<index>`; undefined when malformed. */
export function parseNpivListEntry(value: string): NpivListEntry | undefined {
	// The form the store writes (three bare WWNs), read by position: a boot reads 100,000 of them.
	if (value.length > 51 && value.charCodeAt(16) === 58 && value.charCodeAt(33) === 58 && value.charCodeAt(50) === 58) {
		const vport = parseWwn(value.slice(17, 33));
		const vnode = parseWwn(value.slice(34, 50));
		const idx = value.slice(51);
		const index = Number(idx);
		const physical = value.slice(0, 16);
		if (vport && vnode && parseWwn(physical) && Number.isInteger(index) && !idx.includes(':')) return {physical, vport, vnode, index};
	}
	const parts = value.split(':');
	if (parts.length !== 4) return undefined;
	const [physical, vp, vn, idx] = parts as [string, string, string, string];
	const vport = parseWwn(vp);
	const vnode = parseWwn(vn);
	const index = Number(idx);
	if (!parseWwn(physical) || !vport || !vnode || !Number.isInteger(index)) return undefined;
	return {physical, vport, vnode, index};
}

export function replayNpivPortList(host: string, api: HbaApi, entries: readonly string[], log: EventLog): number {
	let created = 0;
	const source = `npiv_config@${host}`;
	// The adapter's port order never changes: look each physical port's index up once, not once
	// per virtual port on it (the lookup builds every port's attributes).
	const portIndexes = new Map<Wwn, number>();
	for (const value of entries) {
		const entry = parseNpivListEntry(value);
		if (!entry) {
			log.emit(source, 'world.npiv_config.skip', `malformed port_list value '${value}'`, {value});
			continue;
		}
		const opened = api.HBA_OpenAdapterByWWN(parseWwn(entry.physical)!);
		if (opened.status !== HBA_STATUS.OK) {
			log.emit(source, 'world.npiv_config.fail', `physical port ${entry.physical} not found`, {value});
			continue;
		}
		const handle = opened.value!;
		try {
			const physical = parseWwn(entry.physical)!;
			let portIndex = portIndexes.get(physical);
			if (portIndex === undefined) portIndexes.set(physical, (portIndex = findPortIndex(api, handle, physical)));
			const attrs = api.Sun_HBA_GetPortNPIVAttributes(handle, portIndex);
			if (attrs.status !== HBA_STATUS.OK || !attrs.value) {
				log.emit(source, 'world.npiv_config.fail', `no NPIV attributes for ${entry.physical}`, {value});
				continue;
			}
			const {MaxNumberOfNPIVPorts: max, NumberOfNPIVPorts: number} = attrs.value;
			if (max === 0 || max === number) {
				log.emit(source, 'world.npiv_config.skip', `${entry.physical}: ${max === 0 ? 'NPIV not supported' : 'no free virtual ports'}; ${entry.vport} not created`, {value});
				continue;
			}
			const result = api.Sun_HBA_CreateNPIVPort(handle, portIndex, entry.vnode, entry.vport, entry.index);
			if (result.status === HBA_STATUS.OK) created++;
			else log.emit(source, 'world.npiv_config.fail', `create ${entry.vport} on ${entry.physical} failed: ${statusName(result.status)}`, {value});
		} finally {
			api.HBA_CloseAdapter(handle);
		}
	}
	return created;
}

function findPortIndex(api: HbaApi, handle: number, wwpn: Wwn): number {
	const attrs = api.HBA_GetAdapterAttributes(handle);
	const n = attrs.value?.NumberOfPorts ?? 1;
	for (let i = 0; i < n; i++) {
		if (api.HBA_GetAdapterPortAttributes(handle, i).value?.PortWWN === wwpn) return i;
	}
	return 0;
}

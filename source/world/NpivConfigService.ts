/**
 * svc:/network/npiv_config at boot: re-creates each host's virtual ports from its saved port list
 * through the HBA-API, with the saved index, exactly as `fcadm create-port-list` does: a port whose
 * adapter is at Max (or has no NPIV) is skipped, and every failure is ignored but logged. Each
 * value is read with fcadm's own parser (NpivPortListEntry).
 */
import type {EventLog} from '../sim/EventLog.js';
import type {Wwn} from '../sim/Wwn.js';
import {HBA_STATUS, statusName, type HbaApi} from '../hbaapi/types.js';
import {parseNpivPortEntry} from './NpivPortListEntry.js';

export function replayNpivPortList(host: string, api: HbaApi, entries: readonly string[], log: EventLog): number {
	let created = 0;
	const source = `npiv_config@${host}`;
	// The adapter's port order never changes: look each physical port's index up once, not once
	// per virtual port on it (the lookup builds every port's attributes).
	const portIndexes = new Map<Wwn, number>();
	for (const value of entries) {
		const parsed = parseNpivPortEntry(value);
		if (parsed.problem !== undefined) {
			log.emit(source, 'world.npiv_config.skip', `malformed port_list value '${value}'`, {value, problem: parsed.problem});
			continue;
		}
		const entry = parsed.value;
		const physical = entry.physicalWwn;
		const opened = api.HBA_OpenAdapterByWWN(physical);
		if (opened.status !== HBA_STATUS.OK) {
			log.emit(source, 'world.npiv_config.fail', `physical port ${entry.physicalText} not found`, {value});
			continue;
		}
		const handle = opened.value!;
		try {
			let portIndex = portIndexes.get(physical);
			if (portIndex === undefined) portIndexes.set(physical, (portIndex = findPortIndex(api, handle, physical)));
			const attrs = api.Sun_HBA_GetPortNPIVAttributes(handle, portIndex);
			if (attrs.status !== HBA_STATUS.OK || !attrs.value) {
				log.emit(source, 'world.npiv_config.fail', `no NPIV attributes for ${entry.physicalText}`, {value});
				continue;
			}
			const {MaxNumberOfNPIVPorts: max, NumberOfNPIVPorts: number} = attrs.value;
			if (max === 0 || max === number) {
				log.emit(source, 'world.npiv_config.skip', `${entry.physicalText}: ${max === 0 ? 'NPIV not supported' : 'no free virtual ports'}; ${entry.portWwn} not created`, {value});
				continue;
			}
			const result = api.Sun_HBA_CreateNPIVPort(handle, portIndex, entry.nodeWwn, entry.portWwn, entry.index);
			if (result.status === HBA_STATUS.OK) created++;
			else log.emit(source, 'world.npiv_config.fail', `create ${entry.portWwn} on ${entry.physicalText} failed: ${statusName(result.status)}`, {value});
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

/**
 * `fcadm create-port-list` (fc_util_create_portlist), run by the npiv_config SMF service at
 * boot: every saved virtual port is created again with its saved index, so it gets the same
 * `fp@<idx>,0` unit address. Nothing is printed and the exit status is always 0.
 *
 * The C code reads each value with sscanf("%16s:%16s:%16s:%d") and goes on with whatever that
 * left in its variables; here a value is read with the one port-list parser (NpivPortListEntry),
 * and a value fcadm would not have written is reported `failed` with the reason, never created.
 */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_HANDLE, HbaApi} from '../../hbaapi/types.js';
import {parseNpivPortEntry, type NpivPortEntry} from '../../world/NpivPortListEntry.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {retrievePortNpiv} from './PortNpivAttributes.js';
import {isBusy} from './Retry.js';

/** create_npivport() gives up after this many more tries while the port stays busy. */
const BOOT_RETRIES = 11;

export type ReplayResult = 'created' | 'skipped' | 'failed';

export interface ReplayedPortFacts {
	value: string;
	result: ReplayResult;
	vindex?: number;
	/** Why a value fcadm would not have written was not replayed. */
	problem?: string;
}

export function createPortList(_operands: readonly string[], _options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {api, io, smf} = ctx;
	const replayed = io.list<ReplayedPortFacts>('portList');
	if (api.HBA_LoadLibrary() !== HBA_STATUS.OK) return 0;
	api.HBA_GetNumberOfAdapters();
	for (const value of smf.get()) {
		const parsed = parseNpivPortEntry(value);
		if (parsed.problem !== undefined) {
			replayed.push({value, result: 'failed', problem: parsed.problem});
			continue;
		}
		const outcome = replayPort(api, parsed.value);
		replayed.push(outcome.vindex === undefined ? {value, result: outcome.result} : {value, result: outcome.result, vindex: outcome.vindex});
		if (outcome.result === 'created') io.changed = true;
	}
	api.HBA_FreeLibrary();
	return 0;
}

/** create_npivport(): errors are ignored, the entry is simply not created. */
function replayPort(api: HbaApi, entry: NpivPortEntry): {result: ReplayResult; vindex?: number} {
	const physical = entry.physicalWwn;
	let opened = api.HBA_OpenAdapterByWWN(physical);
	for (let times = 0; isBusy(opened.status) && times < BOOT_RETRIES; times++) opened = api.HBA_OpenAdapterByWWN(physical);
	if (opened.status !== HBA_STATUS.OK) return {result: 'failed'};
	const handle: HBA_HANDLE = opened.value;
	try {
		const attrs = retrievePortNpiv(api, handle, physical);
		if (attrs === undefined) return {result: 'failed'};
		const {MaxNumberOfNPIVPorts: max, NumberOfNPIVPorts: number} = attrs.npiv;
		if (max === 0 || max === number) return {result: 'skipped'};
		const create = (): ReturnType<HbaApi['Sun_HBA_CreateNPIVPort']> => api.Sun_HBA_CreateNPIVPort(handle, attrs.portIndex, entry.nodeWwn, entry.portWwn, entry.index);
		let created = create();
		for (let times = 0; isBusy(created.status) && times < BOOT_RETRIES; times++) created = create();
		return created.status === HBA_STATUS.OK ? {result: 'created', vindex: created.value} : {result: 'failed'};
	} finally {
		api.HBA_CloseAdapter(handle);
	}
}

/**
 * `fcadm create-port-list` (fc_util_create_portlist), run by the npiv_config SMF service at
 * boot: every saved virtual port is created again with its saved index, so it gets the same
 * `fp@<idx>,0` unit address. Nothing is printed and the exit status is always 0.
 */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_HANDLE, HbaApi} from '../../hbaapi/types.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {retrievePortNpiv} from './PortNpivAttributes.js';
import {isBusy} from './Retry.js';
import {scanWwn} from './ScanWwn.js';

/** create_npivport() gives up after this many more tries while the port stays busy. */
const BOOT_RETRIES = 11;

export type ReplayResult = 'created' | 'skipped' | 'failed';

export interface ReplayedPortFacts {
	value: string;
	result: ReplayResult;
	vindex?: number;
}

interface PortListFields {
	physical: string;
	vport: string;
	vnode: string;
	vindex: number;
}

/** sscanf(value, "%16s:%16s:%16s:%d"): fields the scan does not reach stay empty (and vindex 0). */
export function scanPortListValue(value: string): PortListFields {
	const fields = ['', '', ''];
	let at = 0;
	let vindex = 0;
	const skipBlanks = (): void => {
		while (at < value.length && /\s/.test(value[at]!)) at++;
	};
	let complete = true;
	for (let k = 0; k < 3 && complete; k++) {
		skipBlanks();
		const start = at;
		while (at < value.length && at - start < 16 && !/\s/.test(value[at]!)) at++;
		fields[k] = value.slice(start, at);
		if (fields[k] === '' || value[at] !== ':') complete = false;
		else at++;
	}
	if (complete) {
		skipBlanks();
		const match = /^[+-]?\d+/.exec(value.slice(at));
		if (match) vindex = parseInt(match[0], 10) | 0;
	}
	return {physical: fields[0]!, vport: fields[1]!, vnode: fields[2]!, vindex};
}

export function createPortList(_operands: readonly string[], _options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {api, io, smf} = ctx;
	const replayed = io.list<ReplayedPortFacts>('portList');
	if (api.HBA_LoadLibrary() !== HBA_STATUS.OK) return 0;
	api.HBA_GetNumberOfAdapters();
	for (const value of smf.get()) {
		const fields = scanPortListValue(value);
		const outcome = replayPort(api, fields);
		replayed.push(outcome.vindex === undefined ? {value, result: outcome.result} : {value, result: outcome.result, vindex: outcome.vindex});
		if (outcome.result === 'created') io.changed = true;
	}
	api.HBA_FreeLibrary();
	return 0;
}

/** create_npivport(): errors are ignored, the entry is simply not created. */
function replayPort(api: HbaApi, fields: PortListFields): {result: ReplayResult; vindex?: number} {
	const physical = scanWwn(fields.physical);
	const vport = scanWwn(fields.vport);
	const vnode = scanWwn(fields.vnode);
	// the C code would go on with whatever its unset variables held; nothing sensible can come of it
	if (physical === undefined || vport === undefined || vnode === undefined) return {result: 'failed'};

	let opened = api.HBA_OpenAdapterByWWN(physical);
	for (let times = 0; isBusy(opened.status) && times < BOOT_RETRIES; times++) opened = api.HBA_OpenAdapterByWWN(physical);
	if (opened.status !== HBA_STATUS.OK) return {result: 'failed'};
	const handle: HBA_HANDLE = opened.value;
	try {
		const attrs = retrievePortNpiv(api, handle, physical);
		if (attrs === undefined) return {result: 'failed'};
		const {MaxNumberOfNPIVPorts: max, NumberOfNPIVPorts: number} = attrs.npiv;
		if (max === 0 || max === number) return {result: 'skipped'};
		const create = (): ReturnType<HbaApi['Sun_HBA_CreateNPIVPort']> => api.Sun_HBA_CreateNPIVPort(handle, attrs.portIndex, vnode, vport, fields.vindex);
		let created = create();
		for (let times = 0; isBusy(created.status) && times < BOOT_RETRIES; times++) created = create();
		return created.status === HBA_STATUS.OK ? {result: 'created', vindex: created.value} : {result: 'failed'};
	} finally {
		api.HBA_CloseAdapter(handle);
	}
}

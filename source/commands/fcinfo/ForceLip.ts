/** `fcadm force-lip WWN` (fc_util_force_lip): reinitialise the link of one port. */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_HANDLE} from '../../hbaapi/types.js';
import {statusName} from './AttributeText.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {scanWwn, ZERO_WWN} from './ScanWwn.js';

export interface ForceLipFacts {
	wwn: string;
	found: boolean;
	reinitialized: boolean;
}

export function forceLip(operands: readonly string[], _options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {api, io} = ctx;
	const operand = operands[0] ?? '';
	const load = api.HBA_LoadLibrary();
	if (load !== HBA_STATUS.OK) {
		// the only failure that changes the exit status
		io.warn(`Failed to load FC-HBA library\n${statusName(load)}\n`);
		return 1;
	}
	const wwn = scanWwn(operand) ?? ZERO_WWN;
	const facts: ForceLipFacts = {wwn, found: false, reinitialized: false};
	io.facts['forceLip'] = facts;

	let handle: HBA_HANDLE;
	const target = api.Sun_HBA_OpenTgtAdapterByWWN(wwn);
	if (target.status === HBA_STATUS.OK) {
		handle = target.value;
	} else {
		const initiator = api.HBA_OpenAdapterByWWN(wwn);
		if (initiator.status !== HBA_STATUS.OK) {
			io.warn(`Error: HBA ${operand} not found\n`);
			api.HBA_FreeLibrary();
			return 0;
		}
		handle = initiator.value;
	}
	facts.found = true;
	const lip = api.Sun_HBA_ForceLip(handle);
	if (lip.status !== HBA_STATUS.OK || lip.value !== 0) {
		io.warn(`Error: Failed to reinitialize the link of HBA ${operand}\n`);
	} else {
		facts.reinitialized = true;
		io.changed = true;
	}
	api.HBA_CloseAdapter(handle);
	api.HBA_FreeLibrary();
	return 0;
}

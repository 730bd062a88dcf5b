/** `fcadm delete-npiv-port -p vPWWN physPWWN` (fc_util_delete_npivport). */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {statusName} from './AttributeText.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {retrievePortNpiv} from './PortNpivAttributes.js';
import {HBA_MAX_RETRIES, retryWhileBusy} from './Retry.js';
import {isValidWwnText, ZERO_WWN} from './ScanWwn.js';

export interface DeletedNpivPortFacts {
	physicalPortWWN: string;
	portWWN: string;
	portListValuesRemoved: number;
}

export function deleteNpivPort(operands: readonly string[], options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {api, io, smf} = ctx;
	if (operands.length !== 1) {
		io.warn('Invalid Parameter\n');
		return 1;
	}
	let vport: Wwn = ZERO_WWN;
	for (const option of options) {
		if (option.val !== 'p') return 1;
		const text = option.arg ?? '';
		if (!isValidWwnText(text)) {
			io.warn('Invalid Port WWN\n');
			return 1;
		}
		vport = text.toLowerCase() as Wwn;
	}
	const physicalText = operands[0]!;
	if (!isValidWwnText(physicalText)) {
		io.warn('Invalid Physical Port WWN\n');
		return 1;
	}
	const load = api.HBA_LoadLibrary();
	if (load !== HBA_STATUS.OK) {
		io.warn(`Failed to load FC-HBA common library\n${statusName(load)}\n`);
		return 1;
	}
	const physical = physicalText.toLowerCase() as Wwn;
	const opened = api.HBA_OpenAdapterByWWN(physical);
	if (opened.status !== HBA_STATUS.OK) {
		io.warn(`Error: HBA port ${physicalText}: not found\n`);
		api.HBA_FreeLibrary();
		return 1;
	}
	const handle = opened.value;
	const fail = (message: string): number => {
		io.warn(message);
		api.HBA_CloseAdapter(handle);
		api.HBA_FreeLibrary();
		return 1;
	};

	const attrs = retrievePortNpiv(api, handle, physical);
	if (attrs === undefined) return fail('Error: failed to get port NPIV attributes\n');
	// unlike create, no Max == Number check
	if (attrs.npiv.MaxNumberOfNPIVPorts === 0) return fail('Error: NPIV not Supported\n');
	const deleted = retryWhileBusy(() => ({status: api.Sun_HBA_DeleteNPIVPort(handle, attrs.portIndex, vport)}), HBA_MAX_RETRIES);
	if (deleted.status !== HBA_STATUS.OK) return fail('Error: failed to delete a npiv port\n');
	api.HBA_CloseAdapter(handle);
	api.HBA_FreeLibrary();
	io.changed = true;

	// matched on the physical WWN as typed now: typed in another case than at create, the entry stays
	const removed = smf.removePrefix(`${physicalText}:${vport.toUpperCase()}`);
	const facts: DeletedNpivPortFacts = {physicalPortWWN: physical, portWWN: vport, portListValuesRemoved: removed};
	io.facts['deletedNpivPort'] = facts;
	return 0;
}

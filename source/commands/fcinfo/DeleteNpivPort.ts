/** `fcadm delete-npiv-port -p vPWWN physPWWN` (fc_util_delete_npivport). */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {openPhysicalPort} from './OpenPhysicalPort.js';
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
	const opened = openPhysicalPort(physicalText, ctx);
	if (typeof opened === 'number') return opened;
	const {physical, handle, fail} = opened;

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

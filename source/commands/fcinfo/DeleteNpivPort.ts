/**
 * `fcadm delete-npiv-port -p vPWWN physPWWN` (fc_util_delete_npivport), with one rule of the
 * lab's own: a virtual port that a Xen domain's configuration holds is refused here, whoever asks
 * (the CLI, the console's `:` bar and actions, sessions). Deleted under the domain, the port's
 * LUNs would vanish from a running guest while its configuration still lists the WWN and
 * xennpivd still holds it; `xm npiv-detach` deletes the port and drops it from the configuration
 * together.
 */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {npivPortListKey} from '../../world/NpivPortListEntry.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext, NpivPortOwner} from './FcToolContext.js';
import {openPhysicalPort} from './OpenPhysicalPort.js';
import {retrievePortNpiv} from './PortNpivAttributes.js';
import {HBA_MAX_RETRIES, retryWhileBusy} from './Retry.js';
import {isValidWwnText, ZERO_WWN} from './ScanWwn.js';

export interface DeletedNpivPortFacts {
	physicalPortWWN: string;
	portWWN: string;
	portListValuesRemoved: number;
}

/** `--json` facts of a refused delete, beside `error` (the message below). */
export interface NpivPortOwnerFacts {
	portWWN: string;
	domain: string;
	host: string;
}

/** The refusal, in fcadm's `Error: ...` form: who owns the port and the command that lets it go. */
export function npivPortOwnedMessage(vpwwn: Wwn, owner: NpivPortOwner): string {
	return `Error: NPIV port ${vpwwn} belongs to domain ${owner.domain} on ${owner.host}; detach it with: xm npiv-detach ${owner.domain} ${vpwwn}\n`;
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

	const owner = ctx.ownerOf(vport);
	if (owner !== undefined) {
		const facts: NpivPortOwnerFacts = {portWWN: vport, domain: owner.domain, host: owner.host};
		io.facts['npivPortOwner'] = facts;
		return fail(npivPortOwnedMessage(vport, owner));
	}

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
	const removed = smf.removePrefix(npivPortListKey(physicalText, vport));
	const facts: DeletedNpivPortFacts = {physicalPortWWN: physical, portWWN: vport, portListValuesRemoved: removed};
	io.facts['deletedNpivPort'] = facts;
	return 0;
}

/** `fcadm create-npiv-port [-p vPWWN -n vNWWN] physPWWN` (fc_util_create_npivport). */
import {HBA_CREATE_WWN_RANDOM, HBA_STATUS} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {formatNpivPortEntry} from '../../world/NpivPortListEntry.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {openPhysicalPort} from './OpenPhysicalPort.js';
import {retrievePortNpiv} from './PortNpivAttributes.js';
import {HBA_MAX_RETRIES, retryWhileBusy} from './Retry.js';
import {isValidWwnText, ZERO_WWN} from './ScanWwn.js';

export interface CreatedNpivPortFacts {
	physicalPortWWN: string;
	portWWN: string;
	nodeWWN: string;
	vindex: number;
	portListValue: string;
}

export function createNpivPort(operands: readonly string[], options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {api, io, smf} = ctx;
	if (operands.length !== 1) {
		io.warn('Invalid Parameter\n');
		return 1;
	}
	let userPort: Wwn | undefined;
	let userNode: Wwn | undefined;
	// counts -p and -n occurrences: only "2" means the user gave the WWNs
	let given = 0;
	for (const option of options) {
		const text = option.arg ?? '';
		if (option.val === 'p') {
			if (!isValidWwnText(text)) {
				io.warn('Invalid Port WWN\n');
				return 1;
			}
			userPort = text.toLowerCase() as Wwn;
			given++;
		} else if (option.val === 'n') {
			if (!isValidWwnText(text)) {
				io.warn('Invalid Node WWN\n');
				return 1;
			}
			userNode = text.toLowerCase() as Wwn;
			given++;
		} else {
			return 1;
		}
	}
	const physicalText = operands[0]!;
	const opened = openPhysicalPort(physicalText, ctx);
	if (typeof opened === 'number') return opened;
	const {physical, handle, fail} = opened;

	let node: Wwn;
	let port: Wwn;
	if (given !== 2) {
		// a lone -p or -n is dropped: both WWNs come from the library
		const random = api.Sun_HBA_AdapterCreateWWN(handle, 0, null, HBA_CREATE_WWN_RANDOM);
		if (random.status !== HBA_STATUS.OK) return fail('Error: Fail to get Random WWN\n');
		node = random.value.nwwn;
		port = random.value.pwwn;
	} else {
		// `-p A -p B` also counts two; the node WWN is then whatever the C variable held
		node = userNode ?? ZERO_WWN;
		port = userPort ?? ZERO_WWN;
	}
	if (node === port) return fail('Error: Port WWN is same as Node WWN\n');

	const attrs = retrievePortNpiv(api, handle, physical);
	if (attrs === undefined) return fail('Error: failed to get port NPIV attributes\n');
	if (attrs.npiv.MaxNumberOfNPIVPorts === 0) return fail('Error: NPIV not Supported\n');
	if (attrs.npiv.MaxNumberOfNPIVPorts === attrs.npiv.NumberOfNPIVPorts) return fail('Error: Can not create more NPIV port\n');

	// vindex 0: the kernel picks the lowest free index
	const created = retryWhileBusy(() => api.Sun_HBA_CreateNPIVPort(handle, attrs.portIndex, node, port, 0), HBA_MAX_RETRIES);
	// the kernel's reasons (WWN in use, topology, FDISC, no free index) all end up here
	if (created.status !== HBA_STATUS.OK) return fail('Error: failed to create a npiv port\n');
	api.HBA_CloseAdapter(handle);
	api.HBA_FreeLibrary();
	io.changed = true;

	// success prints nothing; the SMF entry keeps the physical WWN as typed
	const value = formatNpivPortEntry({physicalText, portWwn: port, nodeWwn: node, index: created.value});
	if (!smf.get().some(v => v.startsWith(value))) smf.add(value);
	const facts: CreatedNpivPortFacts = {physicalPortWWN: physical, portWWN: port, nodeWWN: node, vindex: created.value, portListValue: value};
	io.facts['npivPort'] = facts;
	return 0;
}

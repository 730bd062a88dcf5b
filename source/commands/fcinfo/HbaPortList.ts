/** `fcinfo hba-port [-i] [-t] [-e] [-l] [WWN...]` and `fcadm hba-port [-l] [WWN...]` (fc_util_list_hbaport). */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_ADAPTERATTRIBUTES, HBA_HANDLE, HBA_PORTATTRIBUTES, HbaApi, HbaResult} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {printLinkStat, retrieveAttrs} from './AdapterPort.js';
import {statusName} from './AttributeText.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {hbaPortFacts, hbaPortText, printNpivBlock} from './HbaPortBlock.js';
import type {HbaPortFacts, PortMode} from './HbaPortBlock.js';
import {HBA_MAX_RETRIES, HBA_MAX_RETRIES_LATE_CHECK, retryWhileBusy} from './Retry.js';
import {scanWwn, ZERO_WWN} from './ScanWwn.js';

const PRINT_LINKSTAT = 0x1;
const PRINT_INITIATOR = 0x100;
const PRINT_TARGET = 0x1000;
const PRINT_FCOE = 0x10000;
/** VendorSpecificID of FCoE adapters. */
const FCOE_VENDOR_ID = 0xfc0e;

/**
 * Target-mode enumeration by name is in hbaapi-sun.h but not in HbaApi; without it the library
 * answers as it does for a symbol the vendor library lacks: NOT SUPPORTED.
 */
interface TargetAdapterNaming {
	Sun_HBA_GetTgtAdapterName?(adapterIndex: number): HbaResult<string>;
	Sun_HBA_OpenTgtAdapter?(adapterName: string): HBA_HANDLE;
}

function targetAdapterName(api: HbaApi, index: number): HbaResult<string> {
	const naming = api as HbaApi & TargetAdapterNaming;
	return naming.Sun_HBA_GetTgtAdapterName ? naming.Sun_HBA_GetTgtAdapterName(index) : {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
}

function openTargetAdapter(api: HbaApi, name: string): HBA_HANDLE {
	const naming = api as HbaApi & TargetAdapterNaming;
	return naming.Sun_HBA_OpenTgtAdapter ? naming.Sun_HBA_OpenTgtAdapter(name) : 0;
}

export function listHbaPorts(operands: readonly string[], options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {api, io} = ctx;
	let flags = 0;
	for (const option of options) {
		if (option.val === 'l') flags |= PRINT_LINKSTAT;
		else if (option.val === 'i') flags |= PRINT_INITIATOR;
		else if (option.val === 't') flags |= PRINT_TARGET;
		else if (option.val === 'e') flags |= PRINT_FCOE;
	}
	if ((flags & (PRINT_INITIATOR | PRINT_TARGET)) === 0) flags |= PRINT_INITIATOR | PRINT_TARGET;

	const listed = io.list<HbaPortFacts>('hbaPorts');
	const load = api.HBA_LoadLibrary();
	if (load !== HBA_STATUS.OK) {
		io.warn(`Failed to load FC-HBA common library\n${statusName(load)}\n`);
		return 1;
	}

	/** processHBA() for HBA_PORT: the block, then the link statistics. */
	const printPort = (handle: HBA_HANDLE, attrs: HBA_ADAPTERATTRIBUTES, port: HBA_PORTATTRIBUTES, mode: PortMode): HbaPortFacts | undefined => {
		if (flags & PRINT_FCOE && attrs.VendorSpecificID !== FCOE_VENDOR_ID) return undefined;
		const facts = hbaPortFacts(port, attrs, mode);
		listed.push(facts);
		io.print(hbaPortText(facts));
		if (flags & PRINT_LINKSTAT) {
			const stats = printLinkStat(ctx, handle, port.PortWWN, port.PortWWN);
			if (stats) facts.linkErrorStatistics = stats;
		}
		return facts;
	};
	const wantsNpivBlock = (attrs: HBA_ADAPTERATTRIBUTES): boolean => (flags & PRINT_FCOE) === 0 && attrs.VendorSpecificID !== FCOE_VENDOR_ID;

	let errors = 0;
	if (operands.length > 0) {
		// a failed sscanf leaves the previous operand's value in place
		let wwn: Wwn = ZERO_WWN;
		for (const operand of operands) {
			wwn = scanWwn(operand) ?? wwn;
			const opened = openPort(api, wwn, flags);
			if (opened === undefined) {
				io.warn(`Error: HBA port ${operand}: not found\n`);
				errors++;
				continue;
			}
			const found = retrieveAttrs(ctx, opened.handle, wwn);
			if (found === undefined) {
				api.HBA_CloseAdapter(opened.handle);
				continue;
			}
			const facts = printPort(opened.handle, found.attrs, found.port, opened.mode);
			if (wantsNpivBlock(found.attrs) && printNpivBlock(ctx, opened.handle, found.portIndex, facts) !== 0) errors++;
			api.HBA_CloseAdapter(opened.handle);
		}
	} else {
		let numAdapters = 0;
		if (flags & PRINT_INITIATOR) {
			numAdapters = api.HBA_GetNumberOfAdapters();
			if (numAdapters === 0 && (flags & ~PRINT_INITIATOR) === 0) io.print('No Adapters Found.\n');
			for (let i = 0; i < numAdapters; i++) {
				const name = api.HBA_GetAdapterName(i);
				if (name.status !== HBA_STATUS.OK) {
					io.warn(`failed to get adapter ${i}. Reason: ${statusName(name.status)}\n`);
					continue;
				}
				const handle = api.HBA_OpenAdapter(name.value);
				if (handle === 0) {
					io.warn(`Failed to open adapter ${name.value}.\n`);
					continue;
				}
				// NumberOfPorts of this call counts physical ports only: virtual ports show in NPIV blocks
				const attrs = retryWhileBusy(() => api.Sun_HBA_NPIVGetAdapterAttributes(handle), HBA_MAX_RETRIES);
				if (attrs.status !== HBA_STATUS.OK) {
					io.warn(`Failed to get adapter attributes handle(${handle}) Reason: ${statusName(attrs.status)}\n`);
					api.HBA_CloseAdapter(handle);
					continue;
				}
				for (let portIndex = 0; portIndex < attrs.value.NumberOfPorts; portIndex++) {
					const port = api.HBA_GetAdapterPortAttributes(handle, portIndex);
					if (port.status !== HBA_STATUS.OK) {
						io.warn(`Error: Failed to get port (${portIndex}) attributes reason: ${statusName(port.status)}\n`);
						continue;
					}
					const facts = printPort(handle, attrs.value, port.value, 'Initiator');
					if (wantsNpivBlock(attrs.value) && printNpivBlock(ctx, handle, portIndex, facts) !== 0) errors++;
				}
				api.HBA_CloseAdapter(handle);
			}
		}
		if (flags & PRINT_TARGET) {
			const numTargetAdapters = api.Sun_HBA_GetNumberOfTgtAdapters();
			if (numTargetAdapters === 0 && numAdapters === 0) io.print('No Adapters Found.\n');
			for (let i = 0; i < numTargetAdapters; i++) {
				const name = targetAdapterName(api, i);
				if (name.status !== HBA_STATUS.OK) {
					io.warn(`failed to get adapter ${i}. Reason: ${statusName(name.status)}\n`);
					continue;
				}
				const handle = openTargetAdapter(api, name.value);
				if (handle === 0) {
					io.warn(`Failed to open adapter ${name.value}.\n`);
					continue;
				}
				const attrs = api.HBA_GetAdapterAttributes(handle);
				if (attrs.status !== HBA_STATUS.OK) {
					// two C literals joined without a space
					io.warn(`Failed to get target mode adapterattributes handle(${handle}) Reason: ${statusName(attrs.status)}\n`);
					api.HBA_CloseAdapter(handle);
					continue;
				}
				for (let portIndex = 0; portIndex < attrs.value.NumberOfPorts; portIndex++) {
					const port = api.HBA_GetAdapterPortAttributes(handle, portIndex);
					if (port.status !== HBA_STATUS.OK) {
						io.warn(`Error: Failed to get port (${portIndex}) attributes reason: ${statusName(port.status)}\n`);
						continue;
					}
					printPort(handle, attrs.value, port.value, 'Target');
				}
				api.HBA_CloseAdapter(handle);
			}
		}
	}
	api.HBA_FreeLibrary();

	if (errors === 0) return 0;
	if (operands.length > 1) {
		io.warn(errors === operands.length ? 'Error: All specified HBA ports are not found\n' : 'Error: Some of specified HBA ports are not found\n');
	}
	return 1;
}

/** An operand is tried as an initiator port, then as a target-mode port, as the flags allow. */
function openPort(api: HbaApi, wwn: Wwn, flags: number): {handle: HBA_HANDLE; mode: PortMode} | undefined {
	if (flags & PRINT_INITIATOR) {
		const initiator = retryWhileBusy(() => api.HBA_OpenAdapterByWWN(wwn), HBA_MAX_RETRIES_LATE_CHECK);
		if (initiator.status === HBA_STATUS.OK) return {handle: initiator.value, mode: 'Initiator'};
	}
	if (flags & PRINT_TARGET) {
		const target = api.Sun_HBA_OpenTgtAdapterByWWN(wwn);
		if (target.status === HBA_STATUS.OK) return {handle: target.value, mode: 'Target'};
	}
	return undefined;
}

/** `fcinfo logical-unit|lu [-v] [OS device path...]` (fc_util_list_logicalunit). */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_FCPSCSIENTRYV2, HBA_HANDLE} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {deviceTypeName, DTYPE_UNKNOWN, statusName} from './AttributeText.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {HBA_MAX_RETRIES, retryWhileBusy} from './Retry.js';
import {getTargetMapping, inquiryIdentity} from './ScsiTarget.js';

/** One OS device path; paths seen through several ports and targets are merged into one device. */
interface DiscoveredDevice {
	readonly osDeviceName: string;
	/** Newest first, as fcinfo inserts at the head. */
	readonly hbaPorts: {readonly portWWN: Wwn; readonly targets: {portWWN: Wwn; lun: number}[]}[];
	vendor: string;
	product: string;
	inquirySucceeded: boolean;
	dtype: number;
}

export interface LogicalUnitFacts {
	osDeviceName: string;
	hbaPorts?: {portWWN: string; remotePorts: {portWWN: string; lun: number}[]}[];
	vendor?: string;
	product?: string;
	deviceType?: string;
}

export function listLogicalUnits(operands: readonly string[], options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {api, io} = ctx;
	const verbose = options.some(o => o.val === 'v');
	const listed = io.list<LogicalUnitFacts>('logicalUnits');
	const load = api.HBA_LoadLibrary();
	if (load !== HBA_STATUS.OK) {
		io.warn(`Failed to load FC-HBA common library\n${statusName(load)}\n`);
		return 1;
	}
	const numAdapters = api.HBA_GetNumberOfAdapters();
	if (numAdapters === 0) {
		api.HBA_FreeLibrary();
		return 0;
	}

	let errors = 0;
	const devices: DiscoveredDevice[] = [];
	for (let i = 0; i < numAdapters; i++) {
		const name = api.HBA_GetAdapterName(i);
		if (name.status !== HBA_STATUS.OK) {
			io.warn(`Failed to get adapter ${i}. Reason: ${statusName(name.status)}\n`);
			errors++;
			continue;
		}
		const handle = api.HBA_OpenAdapter(name.value);
		if (handle === 0) {
			io.warn(`Failed to open adapter ${name.value}\n`);
			errors++;
			continue;
		}
		const attrs = retryWhileBusy(() => api.HBA_GetAdapterAttributes(handle), HBA_MAX_RETRIES);
		if (attrs.status !== HBA_STATUS.OK) {
			io.warn(`Failed to get adapter attributes handle(${handle}) Reason: ${statusName(attrs.status)}\n`);
			errors++;
			api.HBA_CloseAdapter(handle);
			continue;
		}
		for (let portIndex = 0; portIndex < attrs.value.NumberOfPorts; portIndex++) {
			const port = api.HBA_GetAdapterPortAttributes(handle, portIndex);
			if (port.status !== HBA_STATUS.OK) {
				io.warn(`Failed to get port (${portIndex}) attributes reason: ${statusName(port.status)}\n`);
				errors++;
				continue;
			}
			const map = getTargetMapping(ctx, handle, port.value.PortWWN);
			if (map === undefined) continue;
			for (const entry of map.entry.slice(0, map.NumberOfEntries)) {
				searchDevice(ctx, devices, entry, port.value.PortWWN, handle, verbose);
			}
		}
		api.HBA_CloseAdapter(handle);
	}
	api.HBA_FreeLibrary();

	const show = (device: DiscoveredDevice): void => {
		const facts = deviceFacts(device, verbose);
		listed.push(facts);
		io.print(deviceText(facts));
	};
	if (operands.length === 0) {
		devices.forEach(show);
	} else {
		// the paths that match nothing first, for a cleaner listing after them
		for (const path of operands) {
			if (!devices.some(d => d.osDeviceName === path)) {
				io.warn(`${path}: no such path\n`);
				errors++;
			}
		}
		for (const path of operands) devices.filter(d => d.osDeviceName === path).forEach(show);
	}
	return errors;
}

/** searchDevice(): add a mapping entry to the device list, merging by OS path. */
function searchDevice(ctx: FcHandlerContext, devices: DiscoveredDevice[], entry: HBA_FCPSCSIENTRYV2, initiatorWWN: Wwn, handle: HBA_HANDLE, verbose: boolean): void {
	const target = {portWWN: entry.FcpId.PortWWN, lun: entry.ScsiId.ScsiOSLun};
	const inquire = (): ReturnType<typeof ctx.api.HBA_ScsiInquiryV2> =>
		ctx.api.HBA_ScsiInquiryV2(handle, initiatorWWN, entry.FcpId.PortWWN, entry.FcpId.FcpLun, 0, 0);
	const existing = devices.find(d => d.osDeviceName === entry.ScsiId.OSDeviceName);
	if (existing) {
		if (!verbose) return;
		if (!existing.inquirySucceeded) {
			const inquiry = inquire();
			if (inquiry.status === HBA_STATUS.OK) {
				const identity = inquiryIdentity(inquiry.value.inquiry);
				existing.vendor = identity.vendor;
				existing.product = identity.product;
				existing.dtype = inquiryDtype(inquiry.value.inquiry);
				existing.inquirySucceeded = true;
			}
		}
		const hbaPort = existing.hbaPorts.find(p => p.portWWN === initiatorWWN);
		if (hbaPort) hbaPort.targets.unshift(target);
		else existing.hbaPorts.unshift({portWWN: initiatorWWN, targets: [target]});
		return;
	}
	const device: DiscoveredDevice = {
		osDeviceName: entry.ScsiId.OSDeviceName,
		hbaPorts: [],
		vendor: '',
		product: '',
		inquirySucceeded: false,
		dtype: DTYPE_UNKNOWN,
	};
	devices.unshift(device);
	if (!verbose) return;
	device.hbaPorts.push({portWWN: initiatorWWN, targets: [target]});
	const inquiry = inquire();
	const identity = inquiryIdentity(inquiry.status === HBA_STATUS.OK ? inquiry.value.inquiry : undefined);
	device.vendor = identity.vendor;
	device.product = identity.product;
	if (inquiry.status === HBA_STATUS.OK) {
		device.dtype = inquiryDtype(inquiry.value.inquiry);
		device.inquirySucceeded = true;
	}
}

/** INQUIRY byte 0: peripheral qualifier (3 bits) and device type (5 bits). */
function inquiryDtype(inquiry: {PeripheralQualifier: number; PeripheralDeviceType: number}): number {
	return ((inquiry.PeripheralQualifier & 0x7) << 5) | (inquiry.PeripheralDeviceType & 0x1f);
}

/** printOSDeviceNameInfo() prints only the printable characters of vendor and product. */
const printable = (text: string): string => text.replace(/[^\x20-\x7e]/g, '');

function deviceFacts(device: DiscoveredDevice, verbose: boolean): LogicalUnitFacts {
	if (!verbose) return {osDeviceName: device.osDeviceName};
	return {
		osDeviceName: device.osDeviceName,
		hbaPorts: device.hbaPorts.map(p => ({portWWN: p.portWWN, remotePorts: p.targets.map(t => ({portWWN: t.portWWN, lun: t.lun}))})),
		vendor: printable(device.vendor),
		product: printable(device.product),
		deviceType: deviceTypeName(device.dtype),
	};
}

/**
 * Oracle Solaris 11 lists a device's paths and then its LUN once, after the port lines:
 *
 *     OS Device Name: /dev/rdsk/c0t6742B0F0000004AA0000000000001B1Bd0s2
 *         HBA Port WWN: 21000024ff58d9f5
 *             Remote Port WWN: 5742b0f00004aa11
 *             Remote Port WWN: 5742b0f00004aa31
 *         HBA Port WWN: 21000024ff58da4d
 *             Remote Port WWN: 5742b0f00004aa15
 *         LUN: 1
 *         Vendor: NFINIDAT
 *
 * (a Solaris 11 capture in Infinidat/infi.storagemodel tests/test_solaris.py,
 * STORAGEMODEL_361_FCINFO_OUTPUT, commit fc56a78 "fix parsing of fcinfo in solaris", whose parser
 * src/infi/storagemodel/solaris/fcinfo.py reads groups of port lines each ended by a `LUN:` line).
 * The OpenSolaris/illumos printAttrs.c instead nests a `LUN:` under every remote port. A device
 * whose paths disagree on the LUN gets one such group per LUN, in the order the paths were found.
 */
function deviceText(f: LogicalUnitFacts): string {
	let text = `OS Device Name: ${f.osDeviceName}\n`;
	if (f.hbaPorts === undefined) return text;
	const luns: number[] = [];
	for (const port of f.hbaPorts) for (const remote of port.remotePorts) if (!luns.includes(remote.lun)) luns.push(remote.lun);
	for (const lun of luns) {
		for (const port of f.hbaPorts) {
			const remotes = port.remotePorts.filter(r => r.lun === lun);
			if (remotes.length === 0) continue;
			text += `\tHBA Port WWN: ${port.portWWN}\n`;
			for (const remote of remotes) text += `\t\tRemote Port WWN: ${remote.portWWN}\n`;
		}
		text += `\tLUN: ${lun}\n`;
	}
	return text + `\tVendor: ${f.vendor ?? ''}\n\tProduct: ${f.product ?? ''}\n\tDevice Type: ${f.deviceType ?? ''}\n`;
}

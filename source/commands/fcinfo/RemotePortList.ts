/** `remote-port -p HBA_WWN [-s] [-l] [REMOTE_WWN...]` of both tools (fc_util_list_remoteport). */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_FCPTARGETMAPPINGV2, HBA_HANDLE, HBA_PORTATTRIBUTES} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {printLinkStat, retrieveAttrs} from './AdapterPort.js';
import {statusName} from './AttributeText.js';
import type {LinkErrorStatistics} from './AttributeText.js';
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {HBA_MAX_RETRIES_LATE_CHECK, retryWhileBusy} from './Retry.js';
import {scanWwn, ZERO_WWN} from './ScanWwn.js';
import {getTargetMapping, inquiryIdentity, lunNumberFromFcpLun} from './ScsiTarget.js';

const FC4_TYPE_IP = 0x05;
const FC4_TYPE_SCSI_FCP = 0x08;

export interface RemotePortLunFacts {
	lun: number;
	vendor: string;
	product: string;
	osDeviceName: string;
}

export interface RemotePortFacts {
	portWWN: string;
	activeFc4Types: string[];
	scsiTarget: 'yes' | 'no' | 'unknown';
	portSymbolicName: string;
	nodeWWN: string;
	linkErrorStatistics?: LinkErrorStatistics;
	luns?: RemotePortLunFacts[];
}

export function listRemotePorts(operands: readonly string[], options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {api, io} = ctx;
	let hbaPortWWN: Wwn = ZERO_WWN;
	let linkStat = false;
	let scsiTarget = false;
	for (const option of options) {
		if (option.val === 'p') hbaPortWWN = scanWwn(option.arg ?? '') ?? hbaPortWWN;
		else if (option.val === 's') scsiTarget = true;
		else if (option.val === 'l') linkStat = true;
		else {
			io.warn(`Error: Illegal option: ${option.val}.\n`);
			return 1;
		}
	}
	const listed = io.list<RemotePortFacts>('remotePorts');
	if (hbaPortWWN === ZERO_WWN) {
		io.warn('Error: -p option was not specified.\n');
		return 1;
	}
	const load = api.HBA_LoadLibrary();
	if (load !== HBA_STATUS.OK) {
		io.warn(`Failed to load FC-HBA common library\n${statusName(load)}\n`);
		return 1;
	}

	let handle: HBA_HANDLE;
	const initiator = api.HBA_OpenAdapterByWWN(hbaPortWWN);
	if (initiator.status === HBA_STATUS.OK) {
		handle = initiator.value;
	} else {
		const target = api.Sun_HBA_OpenTgtAdapterByWWN(hbaPortWWN);
		if (target.status !== HBA_STATUS.OK) {
			io.warn(`Error: Failed to open adapter port. Reason ${statusName(target.status)}\n`);
			api.HBA_FreeLibrary();
			return 1;
		}
		if (scsiTarget) {
			io.warn('Error: Unsupported option for target mode: s.\n');
			api.HBA_CloseAdapter(target.value);
			api.HBA_FreeLibrary();
			return 1;
		}
		handle = target.value;
	}

	const map = scsiTarget ? getTargetMapping(ctx, handle, hbaPortWWN) : undefined;
	const show = (remoteWWN: Wwn, remote: HBA_PORTATTRIBUTES): void => {
		const facts = printRemotePort(ctx, handle, hbaPortWWN, remoteWWN, remote);
		listed.push(facts);
		if (linkStat) {
			const stats = printLinkStat(ctx, handle, hbaPortWWN, remoteWWN);
			if (stats) facts.linkErrorStatistics = stats;
		}
		if (scsiTarget) {
			const luns = printScsiTarget(ctx, handle, hbaPortWWN, remoteWWN, map);
			if (luns) facts.luns = luns;
		}
	};

	if (operands.length === 0) {
		const found = retrieveAttrs(ctx, handle, hbaPortWWN);
		if (found === undefined) {
			api.HBA_CloseAdapter(handle);
			api.HBA_FreeLibrary();
			return 1;
		}
		for (let i = 0; i < found.port.NumberofDiscoveredPorts; i++) {
			const remote = api.HBA_GetDiscoveredPortAttributes(handle, found.portIndex, i);
			if (remote.status !== HBA_STATUS.OK) {
				io.warn(`Failed to get discovered port (${i}) attributes reason :${statusName(remote.status)}\n`);
				continue;
			}
			show(remote.value.PortWWN, remote.value);
		}
	} else {
		let remoteWWN: Wwn = ZERO_WWN;
		for (const operand of operands) {
			remoteWWN = scanWwn(operand) ?? remoteWWN;
			const wanted = remoteWWN;
			const remote = retryWhileBusy(() => api.HBA_GetPortAttributesByWWN(handle, wanted), HBA_MAX_RETRIES_LATE_CHECK);
			if (remote.status !== HBA_STATUS.OK) {
				io.warn(`HBA_GetPortAttributesByWWN failed: reason: ${statusName(remote.status)}\n`);
				continue;
			}
			show(wanted, remote.value);
		}
	}
	api.HBA_CloseAdapter(handle);
	api.HBA_FreeLibrary();
	// lookups that failed above were reported but do not change the exit status
	return 0;
}

/** handleRemotePort() + printDiscoPortInfo(): REPORT LUNS decides whether it is a SCSI target. */
function printRemotePort(ctx: FcHandlerContext, handle: HBA_HANDLE, hbaPortWWN: Wwn, remoteWWN: Wwn, remote: HBA_PORTATTRIBUTES): RemotePortFacts {
	const reportLuns = ctx.api.HBA_ScsiReportLUNsV2(handle, hbaPortWWN, remoteWWN);
	const scsiTarget = reportLuns.status === HBA_STATUS.OK ? 'yes' : reportLuns.status === HBA_STATUS.ERROR_NOT_A_TARGET ? 'no' : 'unknown';
	const activeFc4Types: string[] = [];
	if (remote.PortActiveFc4Types.includes(FC4_TYPE_SCSI_FCP)) activeFc4Types.push('SCSI');
	if (remote.PortActiveFc4Types.includes(FC4_TYPE_IP)) activeFc4Types.push('IP');
	const facts: RemotePortFacts = {
		portWWN: remote.PortWWN,
		activeFc4Types,
		scsiTarget,
		portSymbolicName: remote.PortSymbolicName,
		nodeWWN: remote.NodeWWN,
	};
	ctx.io.print(
		`Remote Port WWN: ${facts.portWWN}\n` +
			`\tActive FC4 Types: ${activeFc4Types.join(',')}\n` +
			`\tSCSI Target: ${scsiTarget}\n` +
			`\tPort Symbolic Name: ${facts.portSymbolicName}\n` +
			`\tNode WWN: ${facts.nodeWWN}\n`,
	);
	return facts;
}

/** handleScsiTarget(): one LUN block per LUN the target reports, with its OS path when mapped. */
function printScsiTarget(
	ctx: FcHandlerContext,
	handle: HBA_HANDLE,
	hbaPortWWN: Wwn,
	targetWWN: Wwn,
	map: HBA_FCPTARGETMAPPINGV2 | undefined,
): RemotePortLunFacts[] | undefined {
	const {api, io} = ctx;
	const report = api.HBA_ScsiReportLUNsV2(handle, hbaPortWWN, targetWWN);
	// a remote initiator, not a target: nothing to list
	if (report.status === HBA_STATUS.ERROR_NOT_A_TARGET) return undefined;
	if (report.status !== HBA_STATUS.OK) {
		io.warn(`Error has occured. HBA_ScsiReportLUNsV2 failed.  reason ${statusName(report.status)}\n`);
		return undefined;
	}
	const luns: RemotePortLunFacts[] = [];
	for (const fcpLun of report.value.luns) {
		const inquiry = api.HBA_ScsiInquiryV2(handle, hbaPortWWN, targetWWN, fcpLun, 0, 0);
		if (inquiry.status !== HBA_STATUS.OK) io.warn(`Not able to issue Inquiry.\n${statusName(inquiry.status)}\n`);
		const {vendor, product} = inquiryIdentity(inquiry.status === HBA_STATUS.OK ? inquiry.value.inquiry : undefined);
		const entries = map ? map.entry.slice(0, map.NumberOfEntries) : [];
		const mapped = entries.find(e => e.FcpId.PortWWN === targetWWN && e.FcpId.FcpLun === fcpLun);
		const facts: RemotePortLunFacts = mapped
			? {lun: mapped.ScsiId.ScsiOSLun, vendor, product, osDeviceName: mapped.ScsiId.OSDeviceName}
			: {lun: lunNumberFromFcpLun(fcpLun), vendor, product, osDeviceName: 'Unknown'};
		luns.push(facts);
		io.print(`\tLUN: ${facts.lun}\n\t  Vendor: ${facts.vendor}\n\t  Product: ${facts.product}\n\t  OS Device Name: ${facts.osDeviceName}\n`);
	}
	return luns;
}

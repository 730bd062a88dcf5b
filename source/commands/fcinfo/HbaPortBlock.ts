/** The per-port block of `hba-port` and its NPIV block (printAttrs.c printHBAPortInfo, printHBANPIVPortInfo). */
import {HBA_STATUS} from '../../hbaapi/types.js';
import type {HBA_ADAPTERATTRIBUTES, HBA_HANDLE, HBA_PORTATTRIBUTES} from '../../hbaapi/types.js';
import {portStateName, portTypeName, speedText, speedWords, statusName} from './AttributeText.js';
import type {LinkErrorStatistics} from './AttributeText.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {HBA_MAX_RETRIES_LATE_CHECK, retryWhileBusy} from './Retry.js';

export type PortMode = 'Initiator' | 'Target';

export type NpivFacts =
	| {supported: false}
	| {supported: true; max: number; ports: {nodeWWN: string; portWWN: string}[]};

export interface HbaPortFacts {
	portWWN: string;
	mode: PortMode;
	portId: string;
	osDeviceName: string;
	manufacturer: string;
	model: string;
	firmwareVersion: string;
	fcodeBiosVersion: string;
	serialNumber: string;
	driverName: string;
	driverVersion: string;
	type: string;
	state: string;
	supportedSpeeds: string[];
	currentSpeed: string[];
	nodeWWN: string;
	linkErrorStatistics?: LinkErrorStatistics;
	npiv?: NpivFacts;
}

const orNotAvailable = (text: string): string => (text === '' ? 'not available' : text);

export function hbaPortFacts(port: HBA_PORTATTRIBUTES, attrs: HBA_ADAPTERATTRIBUTES, mode: PortMode): HbaPortFacts {
	return {
		portWWN: port.PortWWN,
		mode,
		portId: (port.PortFcId >>> 0).toString(16),
		osDeviceName: port.OSDeviceName,
		manufacturer: attrs.Manufacturer,
		model: attrs.Model,
		firmwareVersion: attrs.FirmwareVersion,
		fcodeBiosVersion: attrs.OptionROMVersion,
		serialNumber: orNotAvailable(attrs.SerialNumber),
		driverName: orNotAvailable(attrs.DriverName),
		driverVersion: orNotAvailable(attrs.DriverVersion),
		type: portTypeName(port.PortType),
		state: portStateName(port.PortState),
		supportedSpeeds: speedWords(port.PortSupportedSpeed),
		currentSpeed: speedWords(port.PortSpeed),
		nodeWWN: port.NodeWWN,
	};
}

export function hbaPortText(f: HbaPortFacts): string {
	return (
		`HBA Port WWN: ${f.portWWN}\n` +
		`\tPort Mode: ${f.mode}\n` +
		`\tPort ID: ${f.portId}\n` +
		`\tOS Device Name: ${f.osDeviceName}\n` +
		`\tManufacturer: ${f.manufacturer}\n` +
		`\tModel: ${f.model}\n` +
		`\tFirmware Version: ${f.firmwareVersion}\n` +
		`\tFCode/BIOS Version: ${f.fcodeBiosVersion}\n` +
		`\tSerial Number: ${f.serialNumber}\n` +
		`\tDriver Name: ${f.driverName}\n` +
		`\tDriver Version: ${f.driverVersion}\n` +
		`\tType: ${f.type}\n` +
		`\tState: ${f.state}\n` +
		`\tSupported Speeds: ${speedText(f.supportedSpeeds)}\n` +
		`\tCurrent Speed: ${speedText(f.currentSpeed)}\n` +
		`\tNode WWN: ${f.nodeWWN}\n`
	);
}

/**
 * printHBANPIVPortInfo(): Max and the virtual ports of physical port `portIndex`, newest first.
 * Returns 1 when an attribute could not be read (the caller counts it as an error).
 */
export function printNpivBlock(ctx: FcHandlerContext, handle: HBA_HANDLE, portIndex: number, facts: HbaPortFacts | undefined): number {
	const {api, io} = ctx;
	const attrs = retryWhileBusy(() => api.Sun_HBA_GetPortNPIVAttributes(handle, portIndex), HBA_MAX_RETRIES_LATE_CHECK);
	if (attrs.status === HBA_STATUS.ERROR_NOT_SUPPORTED || (attrs.status === HBA_STATUS.OK && attrs.value.MaxNumberOfNPIVPorts === 0)) {
		io.print('\tNPIV Not Supported\n');
		if (facts) facts.npiv = {supported: false};
		return 0;
	}
	if (attrs.status !== HBA_STATUS.OK) {
		io.warn(`Error: Failed to get port (${portIndex}) npiv attributes reason: ${statusName(attrs.status)}\n`);
		return 1;
	}
	const npiv: NpivFacts = {supported: true, max: attrs.value.MaxNumberOfNPIVPorts, ports: []};
	if (facts) facts.npiv = npiv;
	io.print(`\tMax NPIV Ports: ${npiv.max}\n`);
	io.print('\tNPIV port list:\n');
	for (let index = 0; index < attrs.value.NumberOfNPIVPorts; index++) {
		const vport = retryWhileBusy(() => api.Sun_HBA_GetNPIVPortInfo(handle, portIndex, index), HBA_MAX_RETRIES_LATE_CHECK);
		if (vport.status !== HBA_STATUS.OK) {
			io.warn(`Error: Failed to get npiv port (${index}) attributes reason: ${statusName(vport.status)}\n`);
			return 1;
		}
		io.print(`\t  Virtual Port${index + 1}:\n\t\tNode WWN: ${vport.value.NodeWWN}\n\t\tPort WWN: ${vport.value.PortWWN}\n`);
		npiv.ports.push({nodeWWN: vport.value.NodeWWN, portWWN: vport.value.PortWWN});
	}
	return 0;
}

/**
 * What fcadm's create-npiv-port and delete-npiv-port do first (fcadm-list.c, checks 2-4): the
 * physical port operand must be a strict WWN, the library must load, and the adapter must open by
 * that WWN. On success the caller gets the handle and `fail`, which prints a message and releases
 * the handle and the library, as every later error path of both commands does.
 */
import {HBA_STATUS, type HBA_HANDLE} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import {statusName} from './AttributeText.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {isValidWwnText} from './ScanWwn.js';

export interface OpenedPhysicalPort {
	readonly physical: Wwn;
	readonly handle: HBA_HANDLE;
	/** Prints `message`, closes the adapter, frees the library; returns the exit status 1. */
	readonly fail: (message: string) => number;
}

/** The opened port, or the exit status after the error was printed. */
export function openPhysicalPort(physicalText: string, {api, io}: FcHandlerContext): OpenedPhysicalPort | number {
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
	return {physical, handle, fail};
}

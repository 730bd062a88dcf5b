/**
 * fcadm's FCoE subcommands (fcoeadm.c). This lab has Fibre Channel HBAs only: no FCoE ports and
 * no Ethernet MAC links to create one on, so the answers are those libfcoe gives on such a host.
 */
import type {CmdOption} from './CmdParse.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {isValidWwnText} from './ScanWwn.js';

/** MAXLINKNAMELEN: a link name must fit in 32 bytes with its NUL. */
const MAX_LINK_NAME_LENGTH = 31;

export function listFcoePorts(_operands: readonly string[], options: readonly CmdOption[], ctx: FcHandlerContext): number {
	for (const option of options) {
		if (option.val !== 'i' && option.val !== 't') {
			ctx.io.warn(`Error: Illegal option: ${option.val}\n`);
			return 1;
		}
	}
	ctx.io.list('fcoePorts');
	ctx.io.print('No FCoE Ports Found!\n');
	return 0;
}

export function createFcoePort(operands: readonly string[], options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const {io} = ctx;
	let initiator = false;
	let target = false;
	for (const option of options) {
		switch (option.val) {
			case 'i':
				initiator = true;
				break;
			case 't':
				target = true;
				break;
			case 'p':
				if (!isValidWwnText(option.arg ?? '')) {
					io.warn('Error: Invalid Port WWN\n');
					return 1;
				}
				break;
			case 'n':
				if (!isValidWwnText(option.arg ?? '')) {
					io.warn('Error: Invalid Node WWN\n');
					return 1;
				}
				break;
			case 'f':
				break;
			default:
				io.warn(`Error: Illegal option: ${option.val}\n`);
				return 1;
		}
	}
	if (initiator && target) {
		io.warn('Error: Option -i and -t should not be both specified\n');
		return 1;
	}
	const link = operands[0] ?? '';
	io.warn(link.length > MAX_LINK_NAME_LENGTH ? 'Error: MAC name exceeds maximum length\n' : 'Error: Failed to open the specified MAC link\n');
	return 1;
}

export function deleteFcoePort(operands: readonly string[], _options: readonly CmdOption[], ctx: FcHandlerContext): number {
	const link = operands[0] ?? '';
	ctx.io.warn(link.length > MAX_LINK_NAME_LENGTH ? 'Failed: MAC name exceeds maximum length 32\n' : 'Error: FCoE port not found on the specified MAC link\n');
	return 1;
}

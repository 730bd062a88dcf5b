/** `npiv xm ...`: Xen's xm on the dom0 chosen by --host (default: the first Xen host). */
import type {CommandOutput} from '../CommandOutput.js';
import {runXm} from '../xm/index.js';
import {settle, type FamilyContext} from './FamilyContext.js';
import {isInputFileError} from '../../store/InputFile.js';

export function runXmFamily(argv: readonly string[], ctx: FamilyContext): CommandOutput {
	const result = runXm(argv, {
		xen: ctx.world.xen,
		...(ctx.globals.host ? {host: ctx.globals.host} : {}),
		json: ctx.globals.json,
		wait: ctx.settle,
		readFile: path => {
			try {
				return ctx.readFile(path);
			} catch (error) {
				// A missing file is xm's plain "cannot open"; a FIFO, a device or a huge file says why.
				if (isInputFileError(error) && error.code !== 'ENOENT' && error.code !== 'ENOTDIR') return {refused: error.reason};
				return undefined;
			}
		},
		writeFile: ctx.writeFile,
		...(ctx.canWrite ? {canWrite: ctx.canWrite} : {}),
	});
	settle(ctx);
	return result;
}

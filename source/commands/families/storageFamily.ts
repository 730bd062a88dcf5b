/** `npiv storage ...`: the arrays' management (LUNs, host groups, target ports). */
import {runStorageCommand} from '../../storage/index.js';
import type {CommandOutput} from '../CommandOutput.js';
import {settle, type FamilyContext} from './FamilyContext.js';

export function runStorageFamily(argv: readonly string[], ctx: FamilyContext): CommandOutput {
	const {world} = ctx;
	const before = world.arrays.map(a => a.revision);
	const result = runStorageCommand(world.arrays, argv, {json: ctx.globals.json});
	settle(ctx);
	const changed = world.arrays.some((a, i) => a.revision !== before[i]);
	return {...result, changed};
}

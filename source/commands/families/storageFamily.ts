/** `npiv storage ...`: the arrays' management (LUNs, host groups, target ports). */
import {runStorageCommand} from '../../storage/index.js';
import {json, type CommandOutput} from '../CommandOutput.js';
import {settle, type FamilyContext} from './FamilyContext.js';

/**
 * The key a list goes under with --json. The storage shell gives a bare array (its own tests and
 * the console read that); the CLI's --json is an object at the top level, so that an error
 * (`{"error": ...}`) and an answer are told apart by their key, never by their type.
 */
const LIST_KEYS: Readonly<Record<string, string>> = {lun: 'luns', luns: 'luns', hostgroup: 'hostGroups', hostgroups: 'hostGroups', hg: 'hostGroups', port: 'ports', ports: 'ports'};

export function runStorageFamily(argv: readonly string[], ctx: FamilyContext): CommandOutput {
	const {world} = ctx;
	const before = world.arrays.map(a => a.revision);
	const result = runStorageCommand(world.arrays, argv, {json: ctx.globals.json});
	settle(ctx);
	const changed = world.arrays.some((a, i) => a.revision !== before[i]);
	const key = LIST_KEYS[argv.find(w => w !== '--json') ?? ''];
	if (ctx.globals.json && result.exitCode === 0 && key !== undefined && result.stdout.trimStart().startsWith('[')) {
		return {...json({[key]: JSON.parse(result.stdout) as unknown}), changed};
	}
	return {...result, changed};
}

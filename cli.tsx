#!/usr/bin/env node
/**
 * The `npiv` binary. Global options come before the command family; the family's own words are
 * handed over untouched (fcadm's -p/-n, xm's -l...). Invoked through a link named fcinfo, fcadm or
 * xm it behaves as that tool. With no family it opens the console.
 */
import path from 'node:path';
import meow from 'meow';
import {splitGlobalArgs, toolFromArgv0, USAGE} from './source/commands/cliArgs.js';
import {DEFAULT_STATE_PATH, type GlobalOptions} from './source/commands/GlobalOptions.js';

async function main(): Promise<number> {
	const raw = process.argv.slice(2);
	const tool = toolFromArgv0(process.argv[1] ?? '');
	const split = splitGlobalArgs(tool ? [tool, ...raw] : raw);
	if ('error' in split) {
		process.stderr.write(`npiv: ${split.error}\n${USAGE}`);
		return 2;
	}
	const cli = meow(USAGE, {
		importMeta: import.meta,
		argv: split.globals,
		allowUnknownFlags: false,
		autoHelp: true,
		autoVersion: true,
		flags: {
			host: {type: 'string'},
			state: {type: 'string'},
			json: {type: 'boolean', default: false},
			seed: {type: 'number'},
			color: {type: 'boolean', default: true},
			record: {type: 'string'},
		},
	});
	if (cli.flags.seed !== undefined && !Number.isSafeInteger(cli.flags.seed)) {
		process.stderr.write(`npiv: --seed takes a whole number\n`);
		return 2;
	}
	const globals: GlobalOptions = {
		host: cli.flags.host,
		json: cli.flags.json || split.json,
		statePath: path.resolve(cli.flags.state ?? process.env['NPIV_STATE'] ?? DEFAULT_STATE_PATH),
		seed: cli.flags.seed,
		noColor: !cli.flags.color || process.env['NO_COLOR'] !== undefined,
	};
	const {runFamily} = await import('./source/commands/runFamily.js');
	if (split.family === undefined || split.family === 'ui') {
		// React's development build makes every keypress several times slower.
		process.env['NODE_ENV'] ??= 'production';
		const {openConsole} = await import('./source/ui/openConsole.js');
		return openConsole(globals, {record: cli.flags.record, args: split.rest});
	}
	return runFamily(split.family, split.rest, globals);
}

main().then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		// A bug, not a user error: say so plainly without a stack unless asked for one.
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`npiv: internal error: ${message}\n`);
		if (process.env['NPIV_DEBUG']) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
		process.exitCode = 1;
	},
);

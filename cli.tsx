#!/usr/bin/env node
/**
 * The `npiv` binary. Global options come before the command family; the family's own words are
 * handed over untouched (fcadm's -p/-n, xm's -l...). Invoked through a link named fcinfo, fcadm or
 * xm it behaves as that tool. With no family it opens the console.
 */
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {globalValueError, plainGlobalFlags, splitGlobalArgs, toolFromArgv0, USAGE, type GlobalFlags} from './source/commands/cliArgs.js';
import {DEFAULT_STATE_PATH, type GlobalOptions} from './source/commands/GlobalOptions.js';
import {shown} from './source/commands/ShownValue.js';

async function main(): Promise<number> {
	const raw = process.argv.slice(2);
	const tool = toolFromArgv0(process.argv[1] ?? '');
	const split = splitGlobalArgs(tool ? [tool, ...raw] : raw);
	if ('error' in split) {
		process.stderr.write(`npiv: ${split.error}\n${USAGE}`);
		return 2;
	}
	if (split.globals.includes('-h') || (split.globals.includes('--help') && split.globals.length > 1)) {
		// meow answers --help only when it is the only global word, and knows no -h: its help, then exit 0
		await meowFlags(['--help']);
	}
	const valueError = globalValueError(split.globals);
	if (valueError !== undefined) {
		process.stderr.write(`npiv: ${valueError}\n`);
		return 2;
	}
	const cli = {flags: plainGlobalFlags(split.globals) ?? (await meowFlags(split.globals))};
	// An empty NPIV_STATE is an unset one, as in the shell's ${NPIV_STATE:-...}.
	const statePath = path.resolve(cli.flags.state ?? (process.env['NPIV_STATE'] || DEFAULT_STATE_PATH));
	if (isFolder(statePath)) {
		process.stderr.write(`npiv: the store ${shown(statePath)} is a folder, not a store file: name a file with --state or NPIV_STATE (such as ${shown(path.join(statePath, 'store.json'))})\n`);
		return 1;
	}
	const globals: GlobalOptions = {
		host: cli.flags.host,
		json: cli.flags.json || split.json,
		statePath,
		seed: cli.flags.seed,
		noColor: !cli.flags.color || process.env['NO_COLOR'] !== undefined,
	};
	if (split.family === 'ui') {
		const {asksForHelp, helpOutput, UI_USAGE} = await import('./source/commands/families/FamilyOutput.js');
		if (asksForHelp(split.rest)) {
			process.stdout.write(helpOutput(UI_USAGE, globals.json).stdout);
			return 0;
		}
	}
	const record = cli.flags.record;
	const consoleFamily = split.family === undefined || split.family === 'ui';
	if (record !== undefined && (record === '' || !consoleFamily)) {
		process.stderr.write(`npiv: ${record === '' ? '--record needs a FILE' : `--record FILE records the console; it does not go with '${split.family}'`}\n${USAGE}`);
		return 2;
	}
	if (consoleFamily || split.family === 'session' || split.family === 'snapshot') {
		// React's development build makes every keypress several times slower.
		process.env['NODE_ENV'] ??= 'production';
	}
	if (split.family === 'session' || split.family === 'snapshot') {
		// Drawn frames (SVG, asciicasts, --format ansi) must be the same bytes on every machine,
		// whatever the terminal running this says about its colours (chalk reads this on load).
		process.env['FORCE_COLOR'] = '1';
		if (split.family === 'snapshot') {
			const {runSnapshotCommand} = await import('./source/ui/snapshotCommand.js');
			const {processIo} = await import('./source/ui/sessionCommands.js');
			return runSnapshotCommand(split.rest, globals, processIo());
		}
		const {runSessionCommand} = await import('./source/ui/sessionCommands.js');
		return runSessionCommand(split.rest, globals);
	}
	if (consoleFamily) {
		const {openConsole, setConsoleRecorder} = await import('./source/ui/openConsole.js');
		const {recordConsoleSession} = await import('./source/ui/session/ConsoleRecorder.js');
		// The console always records, so that `:session save FILE` can write what happened so far;
		// '' keeps the recording in memory, --record FILE also writes it when the console exits.
		setConsoleRecorder(recordConsoleSession);
		return openConsole(globals, {record: record ?? '', args: split.rest, script: process.argv[1] ?? '', serve: !cli.flags.noServer});
	}
	const script = process.argv[1] ?? '';
	if (split.family === 'lab') {
		const {runLabCommand} = await import('./source/lab/serve/LabCommand.js');
		const out = await runLabCommand(split.rest, globals, {script});
		process.stdout.write(out.stdout);
		process.stderr.write(out.stderr);
		return out.exitCode;
	}
	if (!cli.flags.noServer) {
		// A lab server of this store runs the command: the client loads nothing of the lab.
		const {runThroughServer, findServer} = await import('./source/lab/serve/LabClient.js');
		const {servedFamily} = await import('./source/lab/serve/ServeProtocol.js');
		if (process.env['NPIV_SERVE'] === 'auto' && servedFamily(split.family, split.rest)) {
			const probe = await findServer(globals.statePath);
			if (probe.kind === 'server') probe.connection.close();
			else {
				const {startDetachedServer, IDLE_EXIT_SECONDS} = await import('./source/lab/serve/LabCommand.js');
				const started = await startDetachedServer(globals, {script}, IDLE_EXIT_SECONDS);
				if ('error' in started) process.stderr.write(`npiv: NPIV_SERVE=auto: ${started.error}; running the command here\n`);
			}
		}
		const served = await runThroughServer(split.family, split.rest, globals);
		if (served !== undefined) return served;
	}
	const {runOneShot} = await import('./source/lab/OneShot.js');
	return runOneShot(split.family, split.rest, globals);
}

function isFolder(file: string): boolean {
	try {
		return statSync(file).isDirectory();
	} catch {
		return false; // missing (a new store) or unreadable (the store says why when it opens it)
	}
}

/** The global options through meow: --help, --version, and whatever plainGlobalFlags leaves to it. */
async function meowFlags(globals: string[]): Promise<GlobalFlags> {
	const {default: meow} = await import('meow');
	const cli = meow(USAGE, {
		importMeta: import.meta,
		pkg: ownPackage(),
		argv: globals,
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
			server: {type: 'boolean', default: true},
		},
	});
	return {...cli.flags, ...(cli.flags.server ? {} : {noServer: true})};
}

/**
 * package.json (name, version, description for --help and --version), read directly: meow's own
 * search for it, with its normalisation, cost a one-shot command a tenth of its time. Undefined
 * lets meow look for itself.
 */
function ownPackage(): Record<string, unknown> | undefined {
	for (const up of ['./package.json', '../package.json']) {
		try {
			return JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as Record<string, unknown>;
		} catch {
			// not there: one level up, then meow's search
		}
	}
	return undefined;
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

/**
 * A Brocade-FOS-style switch shell: `runSwitchCommand(switch, ['zonecreate', 'z1,', 'a; b'])`.
 * Commands are case-insensitive like FOS. Exit codes: 0 success, 1 command error (FOS-like text
 * on stderr), 2 usage error. With `json` stdout carries the same facts as JSON. `changed` tells
 * the caller that administrative state (zoning, port settings) changed and should be saved:
 * FabricSet.exportConfig() gives it in LabConfig shapes.
 */
import {Fabric} from '../Fabric.js';
import {FabricError} from '../FabricError.js';
import type {FcSwitch} from '../FcSwitch.js';
import {ZoningError} from '../ZoningDatabase.js';
import {nsCommands} from './nsCommands.js';
import {UsageError} from './operands.js';
import {CommandError, type CommandOutput, type CommandSpec, type ShellContext} from './ShellContext.js';
import {switchCommands} from './switchCommands.js';
import {zoningCommands} from './zoningCommands.js';

export interface SwitchCommandOptions {
	readonly json?: boolean;
	/**
	 * The caller is the console (the operator typed the command there): FOS's yes/no questions are
	 * printed answered `yes` without the one-shot command's `(not prompted: ...)` remark.
	 */
	readonly confirmed?: boolean;
}

export interface SwitchCommandResult {
	readonly stdout: string;
	readonly stderr: string;
	readonly exitCode: number;
	/** Administrative state changed: save FabricSet.exportConfig(). */
	readonly changed: boolean;
}

const COMMANDS: Record<string, CommandSpec> = {
	...switchCommands,
	...nsCommands,
	...zoningCommands,
};

function help(): CommandOutput {
	const names = Object.keys(COMMANDS).sort();
	const width = Math.max(...names.map(n => n.length)) + 2;
	const lines = names.map(n => `${n.padEnd(width)}${COMMANDS[n]!.summary}`);
	return {text: lines.join('\n') + '\n', json: names.map(n => ({command: n, usage: COMMANDS[n]!.usage, summary: COMMANDS[n]!.summary}))};
}

export function switchCommandNames(): string[] {
	return [...Object.keys(COMMANDS), 'help'].sort();
}

export function runSwitchCommand(target: Fabric | FcSwitch, argv: readonly string[], opts: SwitchCommandOptions = {}): SwitchCommandResult {
	const sw = target instanceof Fabric ? target.principal : target;
	const ctx: ShellContext = {sw, fabric: sw.fabric, json: opts.json ?? false, ...(opts.confirmed ? {confirmed: true} : {})};
	const before = ctx.fabric.adminRevision;
	const done = (stdout: string, stderr: string, exitCode: number): SwitchCommandResult => ({
		stdout,
		stderr,
		exitCode,
		changed: ctx.fabric.adminRevision !== before,
	});
	const [rawName, ...args] = argv;
	if (rawName === undefined || rawName.trim() === '') {
		return done('', 'Usage: <command> [arguments]; "help" lists the commands\n', 2);
	}
	const name = rawName.toLowerCase();
	if (name === 'help') {
		const out = help();
		return done(ctx.json ? JSON.stringify(out.json, null, 2) + '\n' : out.text, '', 0);
	}
	const spec = COMMANDS[name];
	if (!spec) return done('', `rbash: ${rawName}: command not found\n`, 1);
	try {
		const out = spec.run(ctx, args);
		return done(ctx.json ? JSON.stringify(out.json, null, 2) + '\n' : out.text, '', 0);
	} catch (e) {
		if (e instanceof UsageError) return done('', e.message + '\n', 2);
		if (e instanceof CommandError || e instanceof ZoningError || e instanceof FabricError) {
			return done('', `${name}: ${e.message}\n`, 1);
		}
		throw e;
	}
}

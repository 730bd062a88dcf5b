/**
 * Runs one command family against a booted world. This is what the one-shot CLI, the console's
 * `:` bar and session `run` steps all call, so a command behaves the same everywhere.
 */
import {ok, usageError, type CommandOutput} from '../CommandOutput.js';
import {USAGE} from '../cliArgs.js';
import {eventsCommand} from '../events/eventsCommand.js';
import type {FamilyContext} from './FamilyContext.js';
import {familyJson} from './FamilyOutput.js';
import {runFaultFamily} from './faultFamily.js';
import {runFcFamily} from './fcTools.js';
import {runStorageFamily} from './storageFamily.js';
import {runSwitchFamily} from './switchFamily.js';
import {runXmFamily} from './xmFamily.js';

/** Families that run inside a world (scenario, session, snapshot and ui are handled by the caller). */
export const WORLD_FAMILIES = ['fcinfo', 'fcadm', 'xm', 'switch', 'storage', 'fault', 'link', 'events'] as const;

export function dispatchFamily(family: string, argv: readonly string[], ctx: FamilyContext): CommandOutput {
	switch (family) {
		case 'fcinfo':
		case 'fcadm':
			return runFcFamily(family, argv, ctx);
		case 'xm':
			return runXmFamily(argv, ctx);
		case 'switch':
			return runSwitchFamily(argv, ctx);
		default:
			// npiv's own families: errors and answers as one JSON object with --json
			return familyJson(ownFamily(family, argv, ctx), ctx.globals.json);
	}
}

function ownFamily(family: string, argv: readonly string[], ctx: FamilyContext): CommandOutput {
	switch (family) {
		case 'storage':
			return runStorageFamily(argv, ctx);
		case 'fault':
			return runFaultFamily(argv, ctx);
		case 'link':
			return runFaultFamily(argv, ctx, true);
		case 'events':
			return eventsCommand(ctx.world.log.entries(), argv, ctx.globals.json);
		case 'help':
			return ok(USAGE);
		default:
			return usageError(`npiv: unknown command '${family}'\n${USAGE}`);
	}
}

/** Splits a `:` bar or session `run` line into words, honouring single and double quotes. */
export function splitCommandLine(line: string): string[] | {error: string} {
	const words: string[] = [];
	let current = '';
	let quote: string | undefined;
	let inWord = false;
	for (const ch of line) {
		if (quote) {
			if (ch === quote) quote = undefined;
			else current += ch;
		} else if (ch === '"' || ch === "'") {
			quote = ch;
			inWord = true;
		} else if (/\s/.test(ch)) {
			if (inWord) words.push(current);
			current = '';
			inWord = false;
		} else {
			current += ch;
			inWord = true;
		}
	}
	if (quote) return {error: `unterminated ${quote === '"' ? 'double' : 'single'} quote`};
	if (inWord) words.push(current);
	return words;
}

/**
 * A `:` bar line as the console runs it: the words of `npiv [--host NAME] [--json] FAMILY ...`
 * (the leading `npiv` optional), checked the way the binary checks its arguments, so that a line
 * does in the console what it does in a shell. Options that choose another store or record a
 * session belong to the shell that started the console and are refused here.
 */
import {splitGlobalArgs, USAGE} from '../../commands/cliArgs.js';
import {splitCommandLine, WORLD_FAMILIES} from '../../commands/families/dispatchFamily.js';

export interface ConsoleLine {
	readonly family: string;
	readonly argv: readonly string[];
	readonly host?: string;
	readonly json: boolean;
}

export interface LineRefusal {
	readonly message: string;
	readonly exitCode: number;
}

const RUNNABLE: ReadonlySet<string> = new Set([...WORLD_FAMILIES, 'help']);
const SHELL_ONLY: ReadonlySet<string> = new Set(['scenario', 'session', 'snapshot', 'ui']);

export function parseConsoleLine(line: string): ConsoleLine | LineRefusal | null {
	const split = splitCommandLine(line);
	if ('error' in split) return {message: `npiv: ${split.error}\n`, exitCode: 2};
	const words = split[0] === 'npiv' ? split.slice(1) : split;
	if (words.length === 0) return null;
	const args = splitGlobalArgs(words);
	if ('error' in args) return {message: `npiv: ${args.error}\n`, exitCode: 2};
	let host: string | undefined;
	let json = args.json;
	for (let i = 0; i < args.globals.length; i++) {
		const word = args.globals[i]!;
		const [name, inline] = word.includes('=') ? (word.split(/=(.*)/s, 2) as [string, string]) : [word, undefined];
		switch (name) {
			case '--host':
				host = inline ?? args.globals[++i];
				break;
			case '--json':
				json = true;
				break;
			case '--help':
			case '-h':
				return {family: 'help', argv: [], json: false};
			case '--state':
			case '--seed':
			case '--record':
				return {message: `npiv: ${name} chooses the store or the recording when the console starts; it cannot be changed from the command bar\n`, exitCode: 2};
			case '--version':
			case '-v':
				return {message: 'npiv: --version is for the shell\n', exitCode: 2};
			default:
			// --color / --no-color: the console's colours were chosen when it started
		}
	}
	const family = args.family;
	if (family === undefined) return {message: `npiv: give a command\n${USAGE}`, exitCode: 2};
	if (SHELL_ONLY.has(family)) return {message: `npiv: '${family}' runs from a shell, not from the console's command bar\n`, exitCode: 2};
	if (!RUNNABLE.has(family)) return {message: `npiv: unknown command '${family}'\n${USAGE}`, exitCode: 2};
	if (family === 'events' && args.rest.includes('--follow')) {
		return {message: 'npiv events: --follow is what the Events pane does; open it with its key\n', exitCode: 2};
	}
	return {family, argv: args.rest, ...(host === undefined ? {} : {host}), json};
}

export function isRefusal(x: ConsoleLine | LineRefusal | null): x is LineRefusal {
	return x !== null && 'message' in x;
}

/** Quotes a word for a command line that splitCommandLine reads back the same. */
export function quoteWord(word: string): string {
	if (word !== '' && !/[\s'"]/.test(word)) return word;
	return word.includes("'") ? `"${word}"` : `'${word}'`;
}

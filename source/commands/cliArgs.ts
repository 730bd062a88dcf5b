/** Splitting `npiv [global options] <family> [family words]` and recognising tool links. */
import path from 'node:path';
import {shown} from './ShownValue.js';

export const FAMILIES = ['fcinfo', 'fcadm', 'xm', 'switch', 'storage', 'fault', 'link', 'events', 'scenario', 'session', 'snapshot', 'lab', 'ui', 'help'] as const;
export type Family = (typeof FAMILIES)[number];

export const USAGE = `Usage: npiv [global options] [command] [arguments]

  With no command, opens the console on the store.

Commands
  ui                      the console (the default)
  fcinfo ...              Solaris fcinfo: hba-port, remote-port, logical-unit
  fcadm ...               Solaris fcadm: create-npiv-port, delete-npiv-port, force-lip, ...
  xm ...                  Xen xm: list, create, shutdown, migrate, npiv-attach, ...
  switch [--switch S] ... Brocade FOS shell: switchshow, nsshow, zonecreate, cfgenable, ...
  storage ...             arrays: lun, hostgroup, port
  fault ...               fault injection: cable pull/plug, port, target, npiv
  events                  the event log [--type T] [--since TIME] [--follow]
  scenario show|reset|load FILE|generate ...
  session replay|check|export FILE
  snapshot --pane NAME    render a pane headless
  lab serve|status|stop   serve the store's lab to commands and consoles (see 'npiv lab help')

Global options (before the command)
  --host NAME             host whose stack or dom0 runs fcinfo, fcadm or xm (default: the first)
  --state FILE            the store (env NPIV_STATE; default ./state/store.json)
  --json                  structured output
  --seed N                seed for a new store's random numbers (0 to 4294967295)
  --no-color              no colour (also NO_COLOR)
  --record FILE           record the console session to FILE
  --no-server             run the command here even when a lab server serves the store
  --help, --version

Exit status: 0 success, 1 command error, 2 usage error.
`;

const VALUED = new Set(['--host', '--state', '--seed', '--record']);
const BOOLEAN = new Set(['--json', '--no-color', '--color', '--no-server', '--help', '--version', '-h', '-v']);

export interface SplitArgs {
	readonly globals: string[];
	readonly family: string | undefined;
	readonly rest: string[];
	/** `--json` given after the family (accepted anywhere). */
	readonly json: boolean;
}

export function splitGlobalArgs(argv: readonly string[]): SplitArgs | {error: string} {
	const globals: string[] = [];
	let i = 0;
	for (; i < argv.length; i++) {
		const word = argv[i]!;
		if (!word.startsWith('-')) break;
		const [name] = word.split('=', 1) as [string];
		if (VALUED.has(name)) {
			globals.push(word);
			if (!word.includes('=')) {
				if (i + 1 >= argv.length) return {error: `option ${name} needs a value`};
				globals.push(argv[++i]!);
			}
		} else if (BOOLEAN.has(word)) {
			globals.push(word);
		} else {
			return {error: `unknown global option '${word}'`};
		}
	}
	const family = argv[i];
	const rest: string[] = [];
	let json = false;
	for (const word of argv.slice(i + 1)) {
		if (word === '--json') json = true;
		else rest.push(word);
	}
	return {globals, family, rest, json};
}

/** `fcinfo`, `fcadm` or `xm` when the binary was invoked through a link of that name. */
export function toolFromArgv0(argv1: string): 'fcinfo' | 'fcadm' | 'xm' | undefined {
	const base = path.basename(argv1).replace(/\.(c|m)?js$/, '');
	return base === 'fcinfo' || base === 'fcadm' || base === 'xm' ? base : undefined;
}

/** The largest `--seed`: the PRNG is seeded with 32 bits, and a bigger number would silently be another seed. */
export const SEED_MAX = 4294967295;

/**
 * `--seed`: a whole number written in decimal digits, 0 to SEED_MAX. Refused rather than
 * converted: '' (no seed), 1e3, 0x10, -1, 1.5, and anything past 32 bits, which the PRNG would
 * fold onto a smaller seed.
 */
export function parseSeed(text: string): number | {error: string} {
	const digits = /^\d{1,10}$/.test(text);
	const value = digits ? Number(text) : Number.NaN;
	if (!digits || value > SEED_MAX) return {error: `--seed takes a whole number from 0 to ${SEED_MAX}, not '${shown(text, 40)}'`};
	return value;
}

/** Every value given to a valued global option `name` (such as '--seed'), in order, as typed. */
function valuesOf(globals: readonly string[], name: string): string[] {
	const values: string[] = [];
	for (let i = 0; i < globals.length; i++) {
		const word = globals[i]!;
		const eq = word.indexOf('=');
		const option = eq < 0 ? word : word.slice(0, eq);
		if (!VALUED.has(option)) continue;
		const value = eq < 0 ? globals[++i] : word.slice(eq + 1);
		if (option === name && value !== undefined) values.push(value);
	}
	return values;
}

/**
 * The global options' values that no parser may read in its own way: a usage error to print
 * (exit 2), or undefined. meow would read `--seed 0x10` as 16 and `--state ''` as the current
 * folder; both are mistakes to point out, not to guess at.
 */
export function globalValueError(globals: readonly string[]): string | undefined {
	for (const seed of valuesOf(globals, '--seed')) {
		const parsed = parseSeed(seed);
		if (typeof parsed !== 'number') return parsed.error;
	}
	if (valuesOf(globals, '--state').includes('')) return '--state needs a FILE: the store to use (such as ./state/store.json)';
	return undefined;
}

/** The global options as meow gives them (its `flags`). */
export interface GlobalFlags {
	readonly host?: string;
	readonly state?: string;
	readonly json: boolean;
	readonly seed?: number;
	readonly color: boolean;
	readonly record?: string;
	/** `--no-server`: run here even when a lab server serves the store. */
	readonly noServer?: boolean;
}

/**
 * The global options of an ordinary invocation, read without meow (whose loading costs a one-shot
 * command a tenth of its time): each option at most once, values that are plain text (not empty,
 * not starting with '-'), a seed of digits. Anything else, and --help and --version, gives
 * undefined: meow then reads them, with its own messages.
 */
export function plainGlobalFlags(globals: readonly string[]): GlobalFlags | undefined {
	const seen = new Set<string>();
	const values: Record<string, string> = {};
	let json = false;
	let color = true;
	let noServer = false;
	for (let i = 0; i < globals.length; i++) {
		const word = globals[i]!;
		const eq = word.indexOf('=');
		const name = eq < 0 ? word : word.slice(0, eq);
		const key = name === '--no-color' ? '--color' : name;
		if (seen.has(key)) return undefined;
		seen.add(key);
		if (VALUED.has(name)) {
			const value = eq < 0 ? globals[++i] : word.slice(eq + 1);
			if (value === undefined || value === '' || value.startsWith('-')) return undefined;
			values[name.slice(2)] = value;
		} else if (eq >= 0) {
			return undefined;
		} else if (name === '--json') {
			json = true;
		} else if (name === '--color' || name === '--no-color') {
			color = name === '--color';
		} else if (name === '--no-server') {
			noServer = true;
		} else {
			return undefined; // --help, --version, -h, -v
		}
	}
	const seed = values['seed'];
	if (seed !== undefined && !/^\d{1,15}$/.test(seed)) return undefined;
	return {
		...(values['host'] === undefined ? {} : {host: values['host']}),
		...(values['state'] === undefined ? {} : {state: values['state']}),
		json,
		...(seed === undefined ? {} : {seed: Number(seed)}),
		color,
		...(values['record'] === undefined ? {} : {record: values['record']}),
		...(noServer ? {noServer} : {}),
	};
}

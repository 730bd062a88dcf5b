/**
 * The illumos cmdparse framework (usr/src/common/cmdparse) that fcinfo and fcadm are built on:
 * subcommand tables, the two getopt passes, the syntax checks in their order, the general and
 * detailed usage texts, and main()'s `For more information` line and exit codes.
 */
import {getoptLong} from './Getopt.js';
import type {LongOption} from './Getopt.js';
import type {ToolIo} from './ToolIo.js';

/** Operand rules (bit values of cmdparse.h). */
export const OPERAND_NONE = 0x1;
export const OPERAND_SINGLE = 0x2;
export const OPERAND_MULTIPLE = 0x4;
export const OPERAND_MANDATORY = 0x8;
export const OPERAND_OPTIONAL = 0x10;
export const OPERAND_MANDATORY_SINGLE = OPERAND_MANDATORY | OPERAND_SINGLE;
export const OPERAND_OPTIONAL_MULTIPLE = OPERAND_OPTIONAL | OPERAND_MULTIPLE;

/** The option arguments cmdparse copies into a 512-byte field. */
export const MAX_OPTARG_LENGTH = 512;

export interface OptionEntry extends LongOption {
	/** Shown as `<argDesc>` in the detailed usage of options that take an argument. */
	readonly argDesc?: string;
}

/** One entry of cmdOptions_t: an option as given, in command-line order. */
export interface CmdOption {
	readonly val: string;
	readonly arg?: string;
}

/** Returns the handler's status: 0 is success, anything else makes the tool exit 1. */
export type SubcommandHandler<C> = (operands: readonly string[], options: readonly CmdOption[], context: C) => number;

export interface SubcommandEntry<C> {
	readonly name: string;
	readonly handler: SubcommandHandler<C>;
	/** Short letters this subcommand accepts; null = no options permitted. */
	readonly optionString: string | null;
	/** Letters that must each be given once. */
	readonly required: string | null;
	readonly operand: number;
	readonly operandDefinition: string | null;
}

export interface SyntaxTables<C> {
	readonly versionString: string;
	readonly longOptions: readonly OptionEntry[];
	readonly subcommands: readonly SubcommandEntry<C>[];
}

const STANDARD_CMD_OPTIONS: readonly LongOption[] = [
	{name: 'help', hasArg: false, val: '?'},
	{name: 'version', hasArg: false, val: 'V'},
];
const STANDARD_SUBCMD_OPTIONS: readonly LongOption[] = [{name: 'help', hasArg: false, val: '?'}];

export function generalUsage<C>(cmd: string, tables: SyntaxTables<C>): string {
	let text = `Usage:\t${cmd} -?,-V,--help\n`;
	for (const sub of tables.subcommands) text += `Usage:\t${cmd} ${sub.name} [-?]\n`;
	return text;
}

export function detailedUsage<C>(cmd: string, tables: SyntaxTables<C>): string {
	let text = `Usage:\t${cmd} -?,-V\n`;
	for (const sub of tables.subcommands) text += subcommandUsage(cmd, tables, sub);
	return text;
}

export function subcommandUsage<C>(cmd: string, tables: SyntaxTables<C>, sub: SubcommandEntry<C>): string {
	let text = `\nUsage:\t${cmd} ${sub.name} `;
	if (sub.optionString !== null) text += sub.required ? '<OPTIONS> ' : '[OPTIONS] ';
	const none = (sub.operand & OPERAND_NONE) !== 0;
	const mandatory = (sub.operand & OPERAND_MANDATORY) !== 0;
	if (!none && !mandatory) text += '[';
	if (mandatory) text += '<';
	if (!none) text += sub.operandDefinition ?? '';
	if (sub.operand & OPERAND_MULTIPLE) text += ' ...';
	if (mandatory) text += '>';
	if (!none && !mandatory) text += ']';
	if (sub.optionString !== null) {
		text += '\n\tOPTIONS:';
		for (const letter of sub.optionString) {
			const long = [...STANDARD_SUBCMD_OPTIONS, ...tables.longOptions].find(o => o.val === letter);
			text += `\n\t\t-${letter}, --${long?.name ?? ''}  `;
			const desc = tables.longOptions.find(o => o.val === letter && o.hasArg)?.argDesc;
			if (desc !== undefined) text += `<${desc}>`;
		}
	}
	return text + '\n';
}

export function findSubcommand<C>(tables: SyntaxTables<C>, word: string): SubcommandEntry<C> | undefined {
	const lower = word.toLowerCase();
	return tables.subcommands.find(s => s.name.length === word.length && s.name.toLowerCase() === lower);
}

/**
 * cmdParse() followed by what main() does with its answer. `argv` is what follows the command
 * name. Returns the exit code.
 */
export function runCmdParse<C>(cmd: string, argv: readonly string[], tables: SyntaxTables<C>, io: ToolIo, context: C): number {
	const args = [cmd, ...argv];
	// Solaris with COMSTAR and NPIV (Solaris 11) keeps its man pages in section 1M; illumos moved
	// them to section 8 in 2021. Source: fcinfo.c main() in Arquivotheca/solaris11
	// usr/src/cmd/fcinfo/fcinfo.c ("For more information, please see" cmdName "(1M)").
	const syntaxError = (): number => {
		io.complain(`For more information, please see ${cmd}(1M)\n`);
		return 1;
	};

	if (args.length < 2) {
		io.usage(generalUsage(cmd, tables));
		return syntaxError();
	}

	// First pass: only -?/--help and -V/--version, and only before the subcommand.
	for (const step of getoptLong(args, '?V', STANDARD_CMD_OPTIONS, true).steps) {
		if (step.kind === 'option' && step.val === 'V') {
			io.print(`${cmd}: Version ${tables.versionString}\n`);
			io.facts['command'] = cmd;
			io.facts['version'] = tables.versionString;
			return 0;
		}
		if (step.kind === 'error' && step.message !== undefined) io.warn(step.message + '\n');
		const optopt = step.kind === 'error' ? step.optopt : step.val;
		if (optopt === '?') {
			io.usage(detailedUsage(cmd, tables));
			return 0;
		}
		io.usage(generalUsage(cmd, tables));
		return syntaxError();
	}

	const sub = findSubcommand(tables, args[1]!);
	if (sub === undefined) {
		io.complain(`${cmd}: invalid subcommand\n`);
		io.usage(generalUsage(cmd, tables));
		return syntaxError();
	}
	const detail = (): void => io.usage(subcommandUsage(cmd, tables, sub));

	// Second pass: every option any subcommand knows; validity per subcommand is checked after.
	const longOptions = [...STANDARD_SUBCMD_OPTIONS, ...tables.longOptions];
	const optstring = longOptions.map(o => o.val + (o.hasArg ? ':' : '')).join('');
	const run = getoptLong(args.slice(1), optstring, longOptions, false);
	const options: CmdOption[] = [];
	for (const step of run.steps) {
		if (step.kind === 'error' || step.val === '?') {
			if (step.kind === 'error' && step.message !== undefined) io.warn(step.message + '\n');
			detail();
			// cmdparse exits right here: no `For more information` line
			const optopt = step.kind === 'error' ? step.optopt : step.val;
			return optopt === '?' ? 0 : 1;
		}
		if (step.arg !== undefined && step.arg.length > MAX_OPTARG_LENGTH) {
			io.complain(`${cmd}: option too long\n`);
			io.warn(`${cmd}: Invalid argument\n`); // main's perror(cmdName) with errno EINVAL
			return 1;
		}
		options.push(step.arg === undefined ? {val: step.val} : {val: step.val, arg: step.arg});
	}
	const operands = run.operands();

	let requiredEntered = 0;
	const requiredCount = sub.required?.length ?? 0;
	if (options.length > 0) {
		if (sub.optionString === null) {
			io.complain(`${cmd}: no options permitted\n`);
			detail();
			return syntaxError();
		}
		for (const option of options) {
			if (!sub.optionString.includes(option.val)) {
				io.complain(`${cmd}: '-${option.val}': invalid option\n`);
				detail();
				return syntaxError();
			}
			// every occurrence counts, so `-p A -p B` fails the required check below
			if (sub.required?.includes(option.val)) requiredEntered++;
		}
	} else if (sub.optionString !== null && sub.required) {
		io.complain(`${cmd}: at least one option required\n`);
		detail();
		return syntaxError();
	}
	if (requiredEntered !== requiredCount) {
		io.complain(`${cmd}: Following option(s) required: ${sub.required ?? ''}\n`);
		detail();
		return syntaxError();
	}

	if (operands.length === 0 && sub.operand & OPERAND_MANDATORY) {
		io.complain(`${cmd}: ${sub.name} requires an operand\n`);
		detail();
		return syntaxError();
	}
	if (operands.length > 0 && sub.operand & OPERAND_NONE) {
		io.warn(`${cmd}: ${sub.name} takes no operands\n`);
		detail();
		return syntaxError();
	}
	if (operands.length > 1 && sub.operand & OPERAND_SINGLE) {
		io.complain(`${cmd}: ${sub.name} accepts only a single operand\n`);
		detail();
		return syntaxError();
	}

	return sub.handler(operands, options, context) === 0 ? 0 : 1;
}

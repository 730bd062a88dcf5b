/** A usage error: unknown subcommand or option, missing option or operand. Exit 2. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
	constructor(
		message: string,
		/** The synopsis line(s) of the command the user was typing, if known. */
		readonly synopsis?: string | readonly string[],
	) {
		super(message);
	}
}

export interface OptionSpec {
	/** Options that take one value (`--array A` or `--array=A`). */
	readonly single?: readonly string[];
	/** Options that take a value and may repeat (`--initiator W --initiator W`). */
	readonly repeat?: readonly string[];
	/** Options without a value. */
	readonly flags?: readonly string[];
}

export interface ParsedArgs {
	readonly positionals: readonly string[];
	value(name: string): string | undefined;
	values(name: string): readonly string[];
	flag(name: string): boolean;
}

/** Parses the words after the subcommand; `--json` is accepted anywhere (the global option). */
export function parseArgs(argv: readonly string[], spec: OptionSpec, synopsis: string): ParsedArgs {
	const values = new Map<string, string[]>();
	const flags = new Set<string>();
	const positionals: string[] = [];
	let optionsDone = false;
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i]!;
		if (optionsDone || !word.startsWith('--') || word === '--') {
			if (word === '--' && !optionsDone) optionsDone = true;
			else positionals.push(word);
			continue;
		}
		const eq = word.indexOf('=');
		const name = eq >= 0 ? word.slice(2, eq) : word.slice(2);
		if (name === 'json' && eq < 0) {
			flags.add('json');
			continue;
		}
		if (spec.flags?.includes(name)) {
			if (eq >= 0) throw new UsageError(`option --${name} takes no value`, synopsis);
			flags.add(name);
			continue;
		}
		const single = spec.single?.includes(name) ?? false;
		if (!single && !spec.repeat?.includes(name)) throw new UsageError(`unknown option --${name}`, synopsis);
		let value: string;
		if (eq >= 0) {
			value = word.slice(eq + 1);
		} else {
			const next = argv[i + 1];
			if (next === undefined || next.startsWith('--')) throw new UsageError(`option --${name} needs a value`, synopsis);
			value = next;
			i++;
		}
		const list = values.get(name) ?? [];
		if (single && list.length > 0) throw new UsageError(`option --${name} given more than once`, synopsis);
		list.push(value);
		values.set(name, list);
	}
	return {
		positionals,
		value: name => values.get(name)?.[0],
		values: name => values.get(name) ?? [],
		flag: name => flags.has(name),
	};
}

export function requireValue(args: ParsedArgs, name: string, synopsis: string): string {
	const v = args.value(name);
	if (v === undefined) throw new UsageError(`missing required option --${name}`, synopsis);
	return v;
}

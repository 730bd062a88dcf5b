/**
 * FOS operands arrive as argv words after the user's shell has eaten the quotes:
 * `zonecreate "z1", "10:00:..; 1,5"` becomes ["z1,", "10:00:..; 1,5"], and an unquoted
 * `zonecreate z1 10:00:.. 1,5` becomes four words. Both (and leftover quotes) parse alike.
 */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

function clean(args: readonly string[]): string {
	return args.join(' ').replace(/["']/g, ' ').trim();
}

/** `"NAME", "m1; m2"` -> name and members (members split on `;` and blanks; `d, i` kept whole). */
export function nameAndList(args: readonly string[]): {name: string; list: string[]} | undefined {
	const text = clean(args);
	const m = /^([^,;\s]+)\s*,?\s*(.*)$/s.exec(text);
	if (!m) return undefined;
	const rest = m[2]!.replace(/^[,\s]+/, '').replace(/(\d+)\s*,\s*(\d+)/g, '$1,$2');
	const list = rest
		.split(/[;\s]+/)
		.map(s => s.replace(/^,+|,+$/g, '').trim())
		.filter(s => s.length > 0);
	return {name: m[1]!, list};
}

/** Exactly one name (`"cfg1"`, `cfg1,`). */
export function singleName(args: readonly string[]): string | undefined {
	const words = clean(args)
		.split(/[,;\s]+/)
		.filter(s => s.length > 0);
	return words.length === 1 ? words[0] : undefined;
}

/** Optional name pattern for the show commands (`*` and `?` wildcards). */
export function pattern(args: readonly string[]): RegExp | undefined {
	const name = singleName(args);
	if (name === undefined) return undefined;
	const re = name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${re}$`);
}

export function portNumber(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	// FOS accepts slot/port on directors; a fixed-port switch has slot 0.
	const m = /^(?:0\/)?(\d{1,3})$/.exec(text.trim());
	return m ? Number(m[1]) : undefined;
}

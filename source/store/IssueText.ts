/**
 * Turns schema issues into lines an operator can act on: where in the document (with the name of
 * the switch, host or array at that index, so nobody counts array elements by hand) and what is
 * wrong, in words rather than in zod's vocabulary.
 */
import type * as z from 'zod';

export type IssuePath = readonly PropertyKey[];

export interface StoreIssue {
	readonly path: IssuePath;
	readonly message: string;
}

const EXPECTED: Record<string, string> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	tuple: 'a list',
	object: 'an object',
	record: 'an object',
	null: 'null',
	nan: 'a number',
};

/** A short, quotable description of a found value. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return `text ${quote(value)}`;
	if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : String(value);
	if (typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `a list of ${value.length}`;
	if (typeof value === 'object') {
		const json = JSON.stringify(value);
		return json.length <= 60 ? json : 'an object';
	}
	return typeof value;
}

function quote(text: string): string {
	const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
	return JSON.stringify(shown);
}

function literal(value: unknown): string {
	return typeof value === 'string' ? quote(value) : String(value);
}

function plural(n: number | bigint, one: string, many: string): string {
	return `${n} ${Number(n) === 1 ? one : many}`;
}

/** The per-parse error map: every message the store shows comes from here or from a custom check. */
export const storeErrorMap: z.core.$ZodErrorMap = issue => {
	const input = issue.input;
	switch (issue.code) {
		case 'invalid_type': {
			const expected = EXPECTED[issue.expected] ?? issue.expected;
			if (input === undefined) return `is missing (expected ${expected})`;
			return `expected ${expected}, found ${describeValue(input)}`;
		}
		case 'too_small': {
			const min = issue.minimum;
			if (issue.origin === 'string') return Number(min) <= 1 ? 'must not be empty' : `must be at least ${plural(min, 'character', 'characters')}`;
			if (issue.origin === 'array' || issue.origin === 'set') {
				return issue.exact ? `must have exactly ${plural(min, 'entry', 'entries')}` : `needs at least ${plural(min, 'entry', 'entries')}`;
			}
			return issue.inclusive === false ? `must be more than ${min} (found ${describeValue(input)})` : `must be at least ${min} (found ${describeValue(input)})`;
		}
		case 'too_big': {
			const max = issue.maximum;
			if (issue.origin === 'string') return `must be at most ${plural(max, 'character', 'characters')}`;
			if (issue.origin === 'array' || issue.origin === 'set') {
				return issue.exact ? `must have exactly ${plural(max, 'entry', 'entries')}` : `has more than ${plural(max, 'entry', 'entries')}`;
			}
			return issue.inclusive === false ? `must be less than ${max} (found ${describeValue(input)})` : `must be at most ${max} (found ${describeValue(input)})`;
		}
		case 'invalid_value': {
			const values = issue.values;
			if (values.length === 1) return `must be ${literal(values[0])} (found ${describeValue(input)})`;
			return `must be one of ${values.map(literal).join(', ')} (found ${describeValue(input)})`;
		}
		case 'unrecognized_keys':
			return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map(k => quote(k)).join(', ')}`;
		case 'invalid_format':
			return `${describeValue(input)} is not in the expected format`;
		case 'invalid_union':
			return `does not match any allowed form (found ${describeValue(input)})`;
		case 'not_multiple_of':
			return `must be a multiple of ${issue.divisor}`;
		default:
			return undefined;
	}
};

/**
 * `lab.hosts[2](sol-c).npivPorts[0]`: the index finds the spot in the file, the name tells the
 * reader which thing it is.
 */
export function formatIssuePath(path: IssuePath, root: unknown, prefix: readonly PropertyKey[] = []): string {
	let text = '';
	let node: unknown = root;
	for (const key of [...prefix, ...path]) {
		if (typeof key === 'number') {
			text += `[${key}]`;
			node = Array.isArray(node) ? node[key] : undefined;
			const name = node && typeof node === 'object' ? (node as {name?: unknown}).name : undefined;
			if (typeof name === 'string' && name !== '') text += `(${name})`;
		} else {
			const k = String(key);
			text += /^[A-Za-z_$][\w$]*$/.test(k) ? (text === '' ? k : `.${k}`) : `[${JSON.stringify(k)}]`;
			node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
		}
	}
	return text;
}

/** One line per issue, `path: message`; the root itself is called "the document". */
export function issueLines(issues: readonly StoreIssue[], root: unknown, prefix: readonly PropertyKey[] = []): string[] {
	return issues.map(issue => {
		const where = formatIssuePath(issue.path, root, prefix);
		return `${where === '' ? 'the document' : where}: ${issue.message}`;
	});
}

/** At most `limit` lines, then a count of the rest, so one broken list does not flood a terminal. */
export function summariseLines(lines: readonly string[], limit = 20): string[] {
	if (lines.length <= limit) return [...lines];
	return [...lines.slice(0, limit), `... and ${lines.length - limit} more`];
}

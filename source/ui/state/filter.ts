/**
 * The `/` filter: plain text matches case-insensitively anywhere in a row; `re:<regex>` or
 * `/<regex>/` is a case-insensitive regular expression. An invalid regex is reported, not thrown.
 */
export type FilterSpec =
	| {readonly kind: 'none'}
	| {readonly kind: 'text'; readonly needle: string}
	| {readonly kind: 'regex'; readonly re: RegExp}
	| {readonly kind: 'error'; readonly message: string};

export function parseFilter(input: string): FilterSpec {
	if (input === '') return {kind: 'none'};
	let source: string | undefined;
	if (input.startsWith('re:')) source = input.slice(3);
	else if (input.length >= 2 && input.startsWith('/') && input.endsWith('/')) source = input.slice(1, -1);
	if (source === undefined) return {kind: 'text', needle: input.toLowerCase()};
	if (source === '') return {kind: 'none'};
	if (nestsRepetition(source)) return {kind: 'error', message: `regex /${source}/ repeats a group that itself repeats or alternates, such as (a*)* or (a|ab)*, which can take minutes on a long list; write it without`};
	try {
		return {kind: 'regex', re: new RegExp(source, 'i')};
	} catch (error) {
		// V8 says `Invalid regular expression: /<source>/i: <reason>`; the reason is what is new.
		const reason = (error as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
		return {kind: 'error', message: `invalid regex /${source}/: ${reason}`};
	}
}

/** `haystack` is the row's search text, already lower-cased. */
export function matchesFilter(spec: FilterSpec, haystack: string): boolean {
	switch (spec.kind) {
		case 'none':
		case 'error':
			return true;
		case 'text':
			return haystack.includes(spec.needle);
		case 'regex':
			return spec.re.test(haystack);
	}
}

/**
 * Whether a repeated group holds a repetition or an alternation (`(a*)*`, `(\s+|x)+`): the shapes
 * for which V8's backtracking engine can take exponential time, and which a filter (typed by a
 * person, or by a session someone sent) must not run on every row of a long list. A check on the
 * pattern's shape, so it costs nothing per row; it refuses a few harmless patterns too.
 */
function nestsRepetition(source: string): boolean {
	const groups: {risky: boolean}[] = [];
	let lastGroupRisky = false;
	let afterAtom: 'group' | 'other' | undefined;
	for (let i = 0; i < source.length; i++) {
		const c = source[i]!;
		const unbounded = c === '*' || c === '+' || (c === '{' && /^\{\d*,\d*\}/.test(source.slice(i)));
		if (unbounded) {
			if (afterAtom === 'group' && lastGroupRisky) return true;
			if (groups.length > 0) groups[groups.length - 1]!.risky = true;
			afterAtom = undefined;
			continue;
		}
		afterAtom = 'other';
		if (c === '\\') i++;
		else if (c === '[') {
			for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
		} else if (c === '(') {
			groups.push({risky: false});
			afterAtom = undefined;
		} else if (c === '|') {
			if (groups.length > 0) groups[groups.length - 1]!.risky = true;
		} else if (c === ')') {
			const group = groups.pop();
			lastGroupRisky = group?.risky ?? false;
			if (lastGroupRisky && groups.length > 0) groups[groups.length - 1]!.risky = true;
			afterAtom = 'group';
		}
	}
	return false;
}

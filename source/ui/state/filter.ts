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

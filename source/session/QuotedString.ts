/**
 * Quoted strings in session files use JSON's rules (`\"`, `\\`, `\n`, `\t`, `\u00e9`), so any text,
 * including quotes and control characters, round-trips through one line.
 */

export type QuotedRead = {readonly value: string; readonly end: number} | {readonly error: string};

/** Reads the string literal that starts at `start` (which must be a `"`). */
export function readQuoted(line: string, start: number): QuotedRead {
	let i = start + 1;
	while (i < line.length) {
		const c = line[i];
		if (c === '\\') {
			i += 2;
			continue;
		}
		if (c === '"') {
			const literal = line.slice(start, i + 1);
			try {
				return {value: JSON.parse(literal) as string, end: i + 1};
			} catch {
				const bad = /\\(u(?![0-9a-fA-F]{4})|[^"\\/bfnrtu])/.exec(literal);
				if (bad) return {error: `invalid escape '\\${bad[1]![0]}' in ${literal} (escapes are JSON's: \\" \\\\ \\n \\t \\uXXXX)`};
				return {error: `invalid string ${literal}: control characters must be written as escapes such as \\t`};
			}
		}
		i++;
	}
	return {error: `unterminated string ${line.slice(start)} (the closing " is missing)`};
}

export function quote(text: string): string {
	return JSON.stringify(text);
}

/**
 * JSON in and out of the store file. Reading says where a hand edit broke the syntax (line and
 * column, or "ends early" for a truncated file); writing keeps small documents readable (short
 * objects on one line) and large generated ones compact.
 */

export type JsonParse = {readonly value: unknown; readonly problem?: undefined} | {readonly value?: undefined; readonly problem: string};

export function parseJsonText(text: string): JsonParse {
	if (text.trim() === '') return {problem: 'the file is empty'};
	try {
		return {value: JSON.parse(text) as unknown};
	} catch (error) {
		const offset = jsonErrorOffset(text);
		if (offset === undefined || offset >= text.length) {
			return {problem: 'not valid JSON: the text ends in the middle of the document (the file looks truncated)'};
		}
		const {line, column} = lineColumn(text, offset);
		const near = JSON.stringify(text.slice(offset, offset + 20));
		return {problem: `not valid JSON at line ${line}, column ${column} (near ${near}): ${(error as Error).message.split('\n')[0]}`};
	}
}

function lineColumn(text: string, offset: number): {line: number; column: number} {
	let line = 1;
	let start = 0;
	for (let i = 0; i < offset; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			start = i + 1;
		}
	}
	return {line, column: offset - start + 1};
}

class Stop {
	constructor(readonly offset: number) {}
}

/**
 * The offset of the first character that breaks the JSON grammar (text.length when the text ends
 * too early), or undefined when the text is valid. Node's JSON.parse message does not say where.
 */
export function jsonErrorOffset(text: string): number | undefined {
	let i = 0;
	const n = text.length;
	const fail = (): never => {
		throw new Stop(Math.min(i, n));
	};
	const ws = () => {
		while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
	};
	const word = (w: string) => {
		for (const ch of w) {
			if (text[i] !== ch) fail();
			i++;
		}
	};
	const string = () => {
		i++; // opening quote
		for (;;) {
			if (i >= n) fail();
			const c = text.charCodeAt(i);
			if (c === 0x22) {
				i++;
				return;
			}
			if (c < 0x20) fail();
			if (c === 0x5c) {
				i++;
				const e = text[i];
				if (e === 'u') {
					i++;
					for (let k = 0; k < 4; k++) {
						if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail();
						i++;
					}
				} else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
				else fail();
			} else i++;
		}
	};
	const number = () => {
		const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
		if (!m) fail();
		i += m![0].length;
	};
	const value = (): void => {
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			ws();
			if (text[i] === '}') {
				i++;
				return;
			}
			for (;;) {
				ws();
				if (text[i] !== '"') fail();
				string();
				ws();
				if (text[i] !== ':') fail();
				i++;
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === '}') {
					i++;
					return;
				} else fail();
			}
		} else if (c === '[') {
			i++;
			ws();
			if (text[i] === ']') {
				i++;
				return;
			}
			for (;;) {
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === ']') {
					i++;
					return;
				} else fail();
			}
		} else if (c === '"') string();
		else if (c === 't') word('true');
		else if (c === 'f') word('false');
		else if (c === 'n') word('null');
		else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
		else fail();
	};
	try {
		value();
		ws();
		if (i < n) fail();
		return undefined;
	} catch (error) {
		if (error instanceof Stop) return error.offset;
		throw error;
	}
}

/**
 * Tab-indented JSON where any array or object that fits in `width` columns stays on one line, so a
 * cable or a zone reads as one line of the file.
 */
export function formatJson(value: unknown, width = 100): string {
	return block(value, 0, width);
}

const TAB = 4; // columns a tab counts for when deciding what fits

function block(value: unknown, depth: number, width: number, lead = 0): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	const flat = inline(value, width - depth * TAB - lead);
	if (flat !== undefined) return flat;
	const pad = '\t'.repeat(depth + 1);
	const end = '\t'.repeat(depth);
	if (Array.isArray(value)) {
		return `[\n${value.map(v => pad + block(v ?? null, depth + 1, width)).join(',\n')}\n${end}]`;
	}
	const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
	return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${block(v, depth + 1, width, k.length + 4)}`).join(',\n')}\n${end}}`;
}

/** One-line form with a space after `,` and `:`, or undefined as soon as it exceeds `budget`. */
function inline(value: unknown, budget: number): string | undefined {
	if (budget <= 0) return undefined;
	if (value === null || typeof value !== 'object') {
		const s = JSON.stringify(value) ?? 'null';
		return s.length <= budget ? s : undefined;
	}
	const parts: string[] = [];
	let used = 2;
	if (Array.isArray(value)) {
		for (const v of value) {
			const s = inline(v ?? null, budget - used);
			if (s === undefined) return undefined;
			parts.push(s);
			used += s.length + 2;
		}
		return used - (parts.length > 0 ? 2 : 0) <= budget ? `[${parts.join(', ')}]` : undefined;
	}
	for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
		if (v === undefined) continue;
		const key = `${JSON.stringify(k)}: `;
		const s = inline(v, budget - used - key.length);
		if (s === undefined) return undefined;
		parts.push(key + s);
		used += key.length + s.length + 2;
	}
	return used - (parts.length > 0 ? 2 : 0) <= budget ? `{${parts.join(', ')}}` : undefined;
}

/*
 * Session file grammar (v1). Lines end with \n or \r\n; a line whose first non-blank character is
 * '#' is a comment (there are no comments after a step, so `key #` is the '#' key); blank lines
 * are ignored everywhere except inside an embedded block.
 *
 *   file      = magic header '---' step*
 *   magic     = '# npiv session v1'                          (the first line)
 *   header    = (start | seed | size | speed)*               each at most once; start required
 *   start     = 'start scenario' NAME
 *             | 'start store' (PATH | STRING)               PATH: the rest of the line
 *             | 'start embedded' BASE64                     a store document (JSON), base64
 *             | 'start embedded' block                      the document on following lines
 *   block     = ('|' | '| ' TEXT)+                          one line of the document each
 *   seed      = 'seed' INT                                  0 .. 4294967295
 *   size      = 'size' COLS 'x' ROWS                        80x24 .. 500x500
 *   speed     = 'speed' NUMBER                              > 0, <= 1000
 *   step      = 'key' KEY ['x' COUNT]                       KEY: see KeyNames.ts; COUNT 1..1000
 *             | 'type' STRING
 *             | 'run' COMMANDLINE                            the rest of the line, trimmed
 *             | 'wait' DURATION                              250ms, 2s, 1.5s, 3m, 1h
 *             | 'wait idle'                                  until the SAN has nothing pending
 *             | 'expect' ['not'] STRING ['in' PANE]          STRING is a regular expression
 *             | 'snapshot' NAME                              unique in the file
 *             | 'resize' COLS 'x' ROWS
 *   NAME      = [A-Za-z0-9][A-Za-z0-9._-]*
 *   STRING    = a JSON string literal: "…" with \" \\ \n \t \uXXXX escapes
 *
 * Every problem in the file is collected (with its line and what was expected) and thrown at
 * once as a SessionSyntaxError, so nothing runs from a session that cannot be read whole.
 */
import {shown} from '../commands/ShownValue.js';
import {parseSimTime} from '../world/SimClockText.js';
import {parseKeyName} from './KeyNames.js';
import {readQuoted} from './QuotedString.js';
import {SessionSyntaxError, type SessionProblem} from './SessionError.js';
import {
	DEFAULT_HEADER, MAX_REPEAT, MAX_SEED, MAX_SPEED, NAME_PATTERN, PANE_NAMES, SESSION_MAGIC, sizeProblem,
	type ParsedSession, type SessionStart, type Step, type TerminalSize,
} from './SessionFormat.js';

export interface ParseOptions {
	/** The name used in messages (`drill.tape:7: …`); default `session`. */
	readonly file?: string;
	/** The panes `expect … in PANE` may name; default PANE_NAMES. */
	readonly panes?: readonly string[];
}

const STEP_WORDS = ['key', 'type', 'run', 'wait', 'expect', 'snapshot', 'resize'];
const HEADER_WORDS = ['start', 'seed', 'size', 'speed'];
const NAME = NAME_PATTERN;
const MAX_PROBLEMS = 50;

export function parseSession(text: string, options: ParseOptions = {}): ParsedSession {
	const file = options.file ?? 'session';
	const panes = options.panes ?? PANE_NAMES;
	const lines = text.split(/\r?\n/);
	if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	const problems: SessionProblem[] = [];
	const problem = (line: number, message: string): void => {
		if (problems.length < MAX_PROBLEMS) problems.push({file, line, message});
	};

	const first = lines[0]?.trim() ?? '';
	const magic = /^#\s*npiv session v(\d+)$/.exec(first);
	if (!magic) {
		problem(1, `expected '${SESSION_MAGIC}' on the first line, got '${clip(first)}'`);
		throw new SessionSyntaxError(problems);
	}
	if (magic[1] !== '1') {
		problem(1, `this is a v${magic[1]} session; this npiv reads v1 sessions`);
		throw new SessionSyntaxError(problems);
	}

	const seen = new Map<string, number>();
	let start: SessionStart | undefined;
	let seed: number = DEFAULT_HEADER.seed;
	let size: TerminalSize = DEFAULT_HEADER.size;
	let speed: number = DEFAULT_HEADER.speed;
	let i = 1;
	let separator = 0;

	for (; i < lines.length; i++) {
		const n = i + 1;
		const line = lines[i]!.trim();
		if (line === '' || line.startsWith('#')) continue;
		if (line === '---') {
			separator = n;
			i++;
			break;
		}
		const [word, rest] = splitWord(line);
		if (!HEADER_WORDS.includes(word)) {
			if (STEP_WORDS.includes(word)) problem(n, `expected '---' to end the header before the first step '${word}'`);
			else problem(n, `expected a header line (${HEADER_WORDS.join(', ')}) or '---', got '${clip(line)}'`);
			continue;
		}
		const earlier = seen.get(word);
		if (earlier !== undefined) {
			problem(n, `'${word}' is already given on line ${earlier}`);
			continue;
		}
		seen.set(word, n);
		switch (word) {
			case 'start': {
				const result = parseStart(rest, lines, i);
				if ('error' in result) problem(n, result.error);
				else start = result.start;
				i = result.lastLine;
				break;
			}
			case 'seed':
				if (/^\d+$/.test(rest) && Number(rest) <= MAX_SEED) seed = Number(rest);
				else problem(n, `expected a seed: a whole number from 0 to ${MAX_SEED}, got '${clip(rest)}'`);
				break;
			case 'size': {
				const parsed = parseSize(rest);
				if ('error' in parsed) problem(n, parsed.error);
				else size = parsed.size;
				break;
			}
			case 'speed': {
				const value = /^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(rest) ? Number(rest) : NaN;
				if (value > 0 && value <= MAX_SPEED) speed = value;
				else problem(n, `expected a speed: a number greater than 0 and at most ${MAX_SPEED}, got '${clip(rest)}'`);
				break;
			}
		}
	}
	if (separator === 0) {
		problem(Math.max(lines.length, 1), `expected '---' after the header (start, seed, size, speed)`);
		throw new SessionSyntaxError(problems);
	}
	if (!start && !seen.has('start')) {
		problem(separator, `the header has no start line; expected 'start scenario NAME', 'start store FILE' or 'start embedded'`);
	}

	const steps: Step[] = [];
	const stepLines: number[] = [];
	const snapshots = new Map<string, number>();
	for (; i < lines.length; i++) {
		const n = i + 1;
		const line = lines[i]!.trim();
		if (line === '' || line.startsWith('#')) continue;
		const result = parseStep(line, panes);
		if ('error' in result) {
			problem(n, result.error);
			continue;
		}
		if (result.step.kind === 'snapshot') {
			const earlier = snapshots.get(result.step.name);
			if (earlier !== undefined) {
				problem(n, `snapshot name '${result.step.name}' is already used on line ${earlier}`);
				continue;
			}
			snapshots.set(result.step.name, n);
		}
		steps.push(result.step);
		stepLines.push(n);
	}
	if (problems.length > 0) throw new SessionSyntaxError(problems);
	return {file, start: start!, seed, size, speed, steps, stepLines};
}

type StartParse = ({readonly start: SessionStart} | {readonly error: string}) & {readonly lastLine: number};

function parseStart(rest: string, lines: readonly string[], index: number): StartParse {
	const [kind, value] = splitWord(rest);
	const lastLine = index;
	switch (kind) {
		case 'scenario':
			if (!NAME.test(value)) return {error: `expected a scenario name after 'start scenario' (letters, digits, '.', '_', '-'), got '${clip(value)}'`, lastLine};
			return {start: {kind: 'scenario', name: value}, lastLine};
		case 'store': {
			if (value === '') return {error: `expected a store file after 'start store'`, lastLine};
			if (value.startsWith('"')) {
				const read = readQuoted(value, 0);
				if ('error' in read) return {error: read.error, lastLine};
				if (value.slice(read.end).trim() !== '') return {error: `unexpected '${clip(value.slice(read.end).trim())}' after the store file`, lastLine};
				if (read.value === '') return {error: `expected a store file after 'start store'`, lastLine};
				return {start: {kind: 'store', path: read.value}, lastLine};
			}
			return {start: {kind: 'store', path: value}, lastLine};
		}
		case 'embedded': {
			if (value !== '') {
				if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) {
					return {error: `expected the store document in base64 after 'start embedded' (or nothing, and the document on lines beginning with '|'), got '${clip(value)}'`, lastLine};
				}
				const document = Buffer.from(value, 'base64').toString('utf8');
				const invalid = jsonProblem(document);
				return invalid ? {error: invalid, lastLine} : {start: {kind: 'embedded', document}, lastLine};
			}
			const block: string[] = [];
			let j = index + 1;
			for (; j < lines.length; j++) {
				const line = lines[j]!.replace(/^[ \t]*/, '');
				if (line === '|') block.push('');
				else if (line.startsWith('| ')) block.push(line.slice(2));
				else break;
			}
			if (block.length === 0) return {error: `expected the store document after 'start embedded': base64 on the same line, or lines beginning with '| '`, lastLine};
			const document = block.join('\n');
			const invalid = jsonProblem(document);
			return invalid ? {error: invalid, lastLine: j - 1} : {start: {kind: 'embedded', document}, lastLine: j - 1};
		}
		default:
			return {error: `expected 'start scenario NAME', 'start store FILE' or 'start embedded', got 'start ${clip(rest)}'`, lastLine};
	}
}

type StepParse = {readonly step: Step} | {readonly error: string};

function parseStep(line: string, panes: readonly string[]): StepParse {
	const [word, rest] = splitWord(line);
	switch (word) {
		case 'key': {
			if (rest === '') return {error: `expected a key name such as 'enter', 'ctrl+c', 'j' after 'key'`};
			const [name, more] = splitWord(rest);
			const parsed = parseKeyName(name);
			if ('error' in parsed) return {error: parsed.error};
			let times = 1;
			if (more !== '') {
				const count = /^x(\d+)$/.exec(more);
				if (!count || Number(count[1]) < 1 || Number(count[1]) > MAX_REPEAT) {
					return {error: `expected a repeat count such as 'x5' (1 to ${MAX_REPEAT}) after the key, got '${clip(more)}'`};
				}
				times = Number(count[1]);
			}
			return {step: {kind: 'key', key: parsed.key, times}};
		}
		case 'type': {
			if (!rest.startsWith('"')) return {error: `expected a quoted string such as "text" after 'type', got '${clip(rest)}'`};
			const read = readQuoted(rest, 0);
			if ('error' in read) return {error: read.error};
			const extra = rest.slice(read.end).trim();
			if (extra !== '') return {error: `unexpected '${clip(extra)}' after the typed text`};
			if (read.value === '') return {error: `expected some text to type, got ""`};
			return {step: {kind: 'type', text: read.value}};
		}
		case 'run':
			if (rest === '') return {error: `expected a command line after 'run', such as 'run fcinfo hba-port'`};
			// A run line is typed at the ':' bar key by key, where a control character is no key.
			if (/[\u0000-\u001f\u007f-\u009f]/.test(rest)) return {error: `a command line cannot hold control characters, got '${clip(rest)}'`};
			return {step: {kind: 'run', command: rest}};
		case 'wait': {
			if (rest === 'idle') return {step: {kind: 'settle'}};
			const ms = rest === '' ? undefined : parseSimTime(rest);
			if (ms === undefined || !Number.isSafeInteger(ms) || /^\d+$/.test(rest)) {
				return {error: `expected a duration such as '500ms', '2s', '1.5s', '3m', or 'idle', got '${clip(rest)}'`};
			}
			return {step: {kind: 'wait', ms}};
		}
		case 'expect':
			return parseExpect(rest, panes);
		case 'snapshot':
			if (!NAME.test(rest)) return {error: `expected a snapshot name (letters, digits, '.', '_', '-') after 'snapshot', got '${clip(rest)}'`};
			return {step: {kind: 'snapshot', name: rest}};
		case 'resize': {
			const parsed = parseSize(rest);
			if ('error' in parsed) return {error: parsed.error};
			return {step: {kind: 'resize', size: parsed.size}};
		}
		default:
			return {error: `expected a step (${STEP_WORDS.join(', ')}), got '${clip(line)}'`};
	}
}

function parseExpect(rest: string, panes: readonly string[]): StepParse {
	let text = rest;
	let negate = false;
	if (/^not\s+"/.test(text)) {
		negate = true;
		text = text.slice(3).trimStart();
	}
	if (!text.startsWith('"')) return {error: `expected a quoted regular expression after 'expect', such as expect "Virtual Port1" in vports; got '${clip(rest)}'`};
	const read = readQuoted(text, 0);
	if ('error' in read) return {error: read.error};
	const pattern = read.value;
	const regexError = regexProblem(pattern);
	if (regexError) return {error: regexError};
	const tail = text.slice(read.end).trim();
	if (tail === '') return {step: {kind: 'expect', pattern, negate}};
	const m = /^in\s+(\S+)$/.exec(tail);
	if (!m) return {error: `expected 'in PANE' or nothing after the pattern, got '${clip(tail)}'`};
	const pane = m[1]!;
	if (!panes.includes(pane)) return {error: `unknown pane '${pane}'; the panes are: ${panes.join(', ')}`};
	return {step: {kind: 'expect', pattern, pane, negate}};
}

function parseSize(text: string): {readonly size: TerminalSize} | {readonly error: string} {
	const m = /^(\d{1,6})x(\d{1,6})$/.exec(text);
	if (!m) return {error: `expected a terminal size such as '100x30' (columns x rows), got '${clip(text)}'`};
	const cols = Number(m[1]);
	const rows = Number(m[2]);
	const error = sizeProblem(cols, rows);
	return error ? {error} : {size: {cols, rows}};
}

export function regexProblem(pattern: string): string | undefined {
	try {
		new RegExp(pattern, 'm');
		return undefined;
	} catch (error) {
		return `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/\w*: /, '')}`;
	}
}

function jsonProblem(document: string): string | undefined {
	try {
		JSON.parse(document);
		return undefined;
	} catch (error) {
		return `the embedded store document is not JSON: ${(error as Error).message}`;
	}
}

function splitWord(text: string): [string, string] {
	const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
	return m ? [m[1]!, m[2]!.trim()] : ['', ''];
}

/** A word of the session, as an error repeats it: short, and with its control characters escaped. */
function clip(text: string): string {
	return text.length > 60 ? shown(text.slice(0, 57)) + '...' : shown(text);
}

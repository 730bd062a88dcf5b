/**
 * Key names: one canonical spelling for every key the console can tell apart, used by the
 * binding registry, the user's keys.json, the help text and the test harness.
 *
 * Canonical names: a single printable character (`j`, `G`, `?`, `:`), `space`, `enter`, `esc`,
 * `tab`, `shift+tab`, `backspace`, `up`, `down`, `left`, `right`, `pageup`, `pagedown`, `home`,
 * `end`, `ctrl+<a-z>`, `alt+<printable>`.
 */
import type {Key} from 'ink';

export type KeyName = string;

/** A normalised keypress. `text` is the character to insert for printable keys, else ''. */
export interface KeyPress {
	readonly name: KeyName;
	readonly text: string;
}

const NAMED = [
	'space',
	'enter',
	'esc',
	'tab',
	'shift+tab',
	'backspace',
	'up',
	'down',
	'left',
	'right',
	'pageup',
	'pagedown',
	'home',
	'end',
] as const;

const ALIASES: Readonly<Record<string, string>> = {
	return: 'enter',
	escape: 'esc',
	pgup: 'pageup',
	pgdn: 'pagedown',
	pgdown: 'pagedown',
	'page-up': 'pageup',
	'page-down': 'pagedown',
	backtab: 'shift+tab',
	'shift-tab': 'shift+tab',
	's-tab': 'shift+tab',
	bs: 'backspace',
	del: 'backspace',
	delete: 'backspace',
	' ': 'space',
};

/** Keys whose control code means something else (tab, enter, backspace, escape). */
const CTRL_TAKEN = new Set(['i', 'm', 'h', 'j', '[']);

function isPrintable(ch: string): boolean {
	return ch.length === 1 && ch >= '!' && ch <= '~';
}

/** Canonical form of a key name a person typed in keys.json, or undefined when it is not a key. */
export function canonicalKeyName(raw: string): KeyName | undefined {
	if (raw.length === 1) return raw === ' ' ? 'space' : isPrintable(raw) ? raw : undefined;
	const lower = raw.trim().toLowerCase();
	const aliased = ALIASES[lower] ?? lower;
	if ((NAMED as readonly string[]).includes(aliased)) return aliased;
	const mod = /^(ctrl|control|c|alt|meta|m)[+-](.+)$/i.exec(raw.trim());
	if (!mod) return undefined;
	const which = mod[1]!.toLowerCase();
	const rest = mod[2]!;
	if (which === 'ctrl' || which === 'control' || which === 'c') {
		const letter = rest.toLowerCase();
		return /^[a-z]$/.test(letter) && !CTRL_TAKEN.has(letter) ? `ctrl+${letter}` : undefined;
	}
	return isPrintable(rest) ? `alt+${rest}` : undefined;
}

export function isKeyName(name: string): boolean {
	return canonicalKeyName(name) === name;
}

/**
 * Normalises what Ink's useInput reports. A chunk of several characters (a paste, or keys sent
 * together by a script) becomes one keypress per character.
 */
export function normaliseInput(input: string, key: Key): KeyPress[] {
	if (key.upArrow) return [{name: 'up', text: ''}];
	if (key.downArrow) return [{name: 'down', text: ''}];
	if (key.leftArrow) return [{name: 'left', text: ''}];
	if (key.rightArrow) return [{name: 'right', text: ''}];
	if (key.pageUp) return [{name: 'pageup', text: ''}];
	if (key.pageDown) return [{name: 'pagedown', text: ''}];
	if (key.home) return [{name: 'home', text: ''}];
	if (key.end) return [{name: 'end', text: ''}];
	if (key.return) return [{name: 'enter', text: ''}];
	if (key.escape) return [{name: 'esc', text: ''}];
	if (key.tab) return [{name: key.shift ? 'shift+tab' : 'tab', text: ''}];
	// Ink 6 reports the usual backspace byte (0x7f) as `delete`; both erase to the left here.
	if (key.backspace || key.delete) return [{name: 'backspace', text: ''}];
	if (key.ctrl && input.length === 1) return [{name: `ctrl+${input.toLowerCase()}`, text: ''}];
	if (key.meta && input.length === 1) return [{name: `alt+${input}`, text: ''}];
	const out: KeyPress[] = [];
	for (const ch of input) out.push(charKey(ch));
	return out;
}

function charKey(ch: string): KeyPress {
	if (ch === ' ') return {name: 'space', text: ' '};
	if (ch === '\r' || ch === '\n') return {name: 'enter', text: ''};
	if (ch === '\t') return {name: 'tab', text: ''};
	if (ch === '\x7f' || ch === '\b') return {name: 'backspace', text: ''};
	const code = ch.charCodeAt(0);
	if (code > 0 && code < 27) return {name: `ctrl+${String.fromCharCode(code + 96)}`, text: ''};
	if (code < 32) return {name: 'unknown', text: ''};
	return {name: ch, text: ch};
}

/** Bytes a terminal sends for a key; the harness and the benchmark type through this. */
export function keySequence(name: KeyName): string {
	const fixed: Record<string, string> = {
		space: ' ',
		enter: '\r',
		esc: '\u001B',
		tab: '\t',
		'shift+tab': '\u001B[Z',
		backspace: '\u007F',
		up: '\u001B[A',
		down: '\u001B[B',
		right: '\u001B[C',
		left: '\u001B[D',
		pageup: '\u001B[5~',
		pagedown: '\u001B[6~',
		home: '\u001B[H',
		end: '\u001B[F',
	};
	const seq = fixed[name];
	if (seq !== undefined) return seq;
	if (name.startsWith('ctrl+')) return String.fromCharCode(name.charCodeAt(5) - 96);
	if (name.startsWith('alt+')) return `\u001B${name.slice(4)}`;
	if (name.length === 1) return name;
	throw new Error(`no key sequence for '${name}'`);
}

/** How a key is shown in hints and help: `j`, `↓`, `Enter`, `Ctrl-C`. */
export function keyLabel(name: KeyName): string {
	const labels: Record<string, string> = {
		space: 'Space',
		enter: 'Enter',
		esc: 'Esc',
		tab: 'Tab',
		'shift+tab': 'Shift-Tab',
		backspace: 'Backspace',
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		pageup: 'PgUp',
		pagedown: 'PgDn',
		home: 'Home',
		end: 'End',
	};
	const l = labels[name];
	if (l) return l;
	if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
	if (name.startsWith('alt+')) return `Alt-${name.slice(4)}`;
	return name;
}

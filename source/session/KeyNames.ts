/**
 * Normalised key names: the one spelling of a key that sessions, the recorder and the console's
 * drivers share. A key is a single printable character (`j`, `2`, `?`, `A`) or a named key
 * (`enter`, `pagedown`, `f5`), with modifiers in a fixed order: `ctrl+alt+shift+NAME`.
 *
 * Terminals cannot tell `ctrl+C` from `ctrl+c`, nor `shift+a` from `A`, so those are folded into
 * one spelling; a shifted non-letter character (`shift+1`) depends on the keyboard layout and is
 * refused: write the character itself.
 */

export type KeyName = string & {readonly __brand: 'KeyName'};

export const NAMED_KEYS = [
	'enter', 'escape', 'tab', 'space', 'backspace', 'delete', 'insert',
	'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown',
	'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'f12',
] as const;
export type NamedKey = (typeof NAMED_KEYS)[number];

export const KEY_ALIASES: Readonly<Record<string, NamedKey>> = {
	esc: 'escape',
	return: 'enter',
	del: 'delete',
	ins: 'insert',
	pgup: 'pageup',
	pgdn: 'pagedown',
	'page-up': 'pageup',
	'page-down': 'pagedown',
};

const MODIFIERS = ['ctrl', 'alt', 'shift'] as const;
type Modifier = (typeof MODIFIERS)[number];

const named = new Set<string>(NAMED_KEYS);

export const KEY_EXAMPLES = "'enter', 'ctrl+c', 'j'";

export type KeyParse = {readonly key: KeyName} | {readonly error: string};

export function parseKeyName(text: string): KeyParse {
	const expected = `expected a key name such as ${KEY_EXAMPLES}, got '${text}'`;
	const mods = new Set<Modifier>();
	let rest = text;
	for (;;) {
		const m = /^(ctrl|control|alt|meta|option|shift)\+(.+)$/i.exec(rest);
		if (!m) break;
		const word = m[1]!.toLowerCase();
		mods.add(word === 'control' ? 'ctrl' : word === 'meta' || word === 'option' ? 'alt' : (word as Modifier));
		rest = m[2]!;
	}
	if (rest === '') return {error: expected};
	const chars = Array.from(rest);
	let base: string;
	if (chars.length === 1) {
		const c = chars[0]!;
		if (c === ' ') base = 'space';
		else if (!isPrintableChar(c)) return {error: expected};
		else base = c;
	} else {
		const lower = rest.toLowerCase();
		const name = named.has(lower) ? lower : KEY_ALIASES[lower];
		if (!name) {
			if (rest.includes('+')) return {error: expected};
			return {error: `unknown key '${text}'; expected a single character or one of: ${NAMED_KEYS.join(', ')}`};
		}
		base = name;
	}
	if (base.length === 1 && /\p{L}/u.test(base)) {
		if (mods.has('ctrl')) {
			// ctrl+letter is one control byte whatever the case or shift
			base = base.toLowerCase();
			mods.delete('shift');
		} else if (mods.has('shift')) {
			base = base.toUpperCase();
			mods.delete('shift');
		}
	} else if (base.length === 1 && mods.has('shift')) {
		return {error: `'${text}': shift+ goes with a letter or a named key; write the character itself`};
	}
	const prefix = MODIFIERS.filter(mod => mods.has(mod)).map(mod => `${mod}+`).join('');
	return {key: (prefix + base) as KeyName};
}

/** The normalised name, or an Error with the parse message. */
export function keyName(text: string): KeyName {
	const parsed = parseKeyName(text);
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed.key;
}

export interface KeyParts {
	readonly ctrl: boolean;
	readonly alt: boolean;
	readonly shift: boolean;
	/** A single character, or a named key. */
	readonly base: string;
}

export function keyParts(key: KeyName): KeyParts {
	let rest: string = key;
	const has = (mod: Modifier): boolean => {
		if (rest.startsWith(`${mod}+`) && rest.length > mod.length + 1) {
			rest = rest.slice(mod.length + 1);
			return true;
		}
		return false;
	};
	const ctrl = has('ctrl');
	const alt = has('alt');
	const shift = has('shift');
	return {ctrl, alt, shift, base: rest};
}

/** What the key types into a prompt, or undefined when it is not a plain character key. */
export function printedText(key: KeyName): string | undefined {
	if (key === 'space') return ' ';
	return Array.from(key).length === 1 ? key : undefined;
}

export function isPrintableChar(c: string): boolean {
	return !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\s]/u.test(c);
}

/**
 * The bytes an xterm-compatible terminal sends for a key, so a driver can feed a session's keys
 * to a console that reads its stdin (as Ink does) exactly as a person's terminal would.
 */
import {keyParts, type KeyName} from './KeyNames.js';

const CSI_LETTER: Readonly<Record<string, string>> = {up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F'};
const SS3_LETTER: Readonly<Record<string, string>> = {f1: 'P', f2: 'Q', f3: 'R', f4: 'S'};
const CSI_TILDE: Readonly<Record<string, number>> = {
	insert: 2, delete: 3, pageup: 5, pagedown: 6,
	f5: 15, f6: 17, f7: 18, f8: 19, f9: 20, f10: 21, f11: 23, f12: 24,
};

export function keySequence(key: KeyName): string {
	const {ctrl, alt, shift, base} = keyParts(key);
	// xterm encodes modifiers on cursor and function keys as 1 + shift + 2*alt + 4*ctrl
	const modifier = 1 + (shift ? 1 : 0) + (alt ? 2 : 0) + (ctrl ? 4 : 0);
	const letter = CSI_LETTER[base];
	if (letter) return modifier > 1 ? `\x1b[1;${modifier}${letter}` : `\x1b[${letter}`;
	const ss3 = SS3_LETTER[base];
	if (ss3) return modifier > 1 ? `\x1b[1;${modifier}${ss3}` : `\x1bO${ss3}`;
	const tilde = CSI_TILDE[base];
	if (tilde !== undefined) return modifier > 1 ? `\x1b[${tilde};${modifier}~` : `\x1b[${tilde}~`;
	const prefix = alt ? '\x1b' : '';
	switch (base) {
		case 'enter':
			return prefix + '\r';
		case 'escape':
			return prefix + '\x1b';
		case 'tab':
			return shift ? '\x1b[Z' : prefix + '\t';
		case 'backspace':
			return prefix + (ctrl ? '\b' : '\x7f');
		case 'space':
			return prefix + (ctrl ? '\x00' : ' ');
		default:
			break;
	}
	if (ctrl) {
		const code = base.toUpperCase().charCodeAt(0);
		if (base.length === 1 && code >= 0x40 && code <= 0x5f) return prefix + String.fromCharCode(code & 0x1f);
		if (base === '?') return prefix + '\x7f';
	}
	return prefix + base;
}

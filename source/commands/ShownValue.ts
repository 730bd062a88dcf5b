/**
 * A value the user gave (a file name, a domain name, a word of a session), made safe to repeat
 * in a message: control characters are written as escapes, so a name holding ESC or NUL cannot
 * drive the terminal that shows the error, and a long value is cut, so a megabyte argument does
 * not come back as a megabyte of error. commands/ is the lowest layer whose messages echo input.
 */

/** Characters a value may show: the first `max` (200 by default), then an ellipsis. */
export const SHOWN_VALUE_MAX = 200;

/**
 * `value` with its control characters escaped and cut after `max` characters. `lines: true` is
 * for a whole message rather than one value: newlines and tabs stay what they are.
 */
export function shown(value: string, max: number = SHOWN_VALUE_MAX, options: {readonly lines?: boolean} = {}): string {
	// The common case, a clean short value (or a command's whole output), costs one scan.
	if (value.length <= max && !(options.lines ? CONTROL_IN_LINES : CONTROL).test(value)) return value;
	// Cut by code point, so a cut never leaves half a surrogate pair.
	const chars = Array.from(value);
	const cut = chars.length > max ? chars.slice(0, max) : chars;
	let text = '';
	for (const ch of cut) text += options.lines && (ch === '\n' || ch === '\t') ? ch : escapeControl(ch);
	return chars.length > max ? `${text}…` : text;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** C0 (tab and newline too: a value is one line), DEL, C1, and the Unicode line and bidi controls that reorder what a terminal shows. */
function escapeControl(ch: string): string {
	const code = ch.codePointAt(0)!;
	const control = code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f) || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
	if (!control) return ch;
	switch (ch) {
		case '\t':
			return '\\t';
		case '\n':
			return '\\n';
		case '\r':
			return '\\r';
		case '\x1b':
			return '\\e';
		default:
			return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
	}
}

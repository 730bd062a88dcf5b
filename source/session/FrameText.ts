/** Frame text in its three forms: the exact screen, the form matched by `expect`, the form saved to disk. */
import type {TerminalSize} from './SessionFormat.js';

/** Exactly `rows` lines, each exactly `cols` terminal columns wide, padded with spaces or cut. */
export function fitFrameText(text: string, size: TerminalSize): string {
	const lines = text.split('\n');
	const out: string[] = [];
	for (let y = 0; y < size.rows; y++) out.push(fitLine(lines[y] ?? '', size.cols));
	return out.join('\n');
}

/** One line cut or padded to `cols` columns; a wide character that would straddle the edge becomes a space. */
export function fitLine(line: string, cols: number): string {
	let width = 0;
	let out = '';
	for (const ch of line) {
		const w = charWidth(ch);
		if (width + w > cols) break;
		out += ch;
		width += w;
	}
	return width < cols ? out + ' '.repeat(cols - width) : out;
}

/**
 * Terminal columns of one code point: 0 for combining and zero-width marks, 2 for East Asian
 * wide and full-width characters and emoji, else 1. Close to what terminals do; the console
 * keeps to single-width symbols, so this matters only for text from outside (names, paths).
 */
export function charWidth(ch: string): number {
	const code = ch.codePointAt(0)!;
	if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(ch) || code === 0x200b) return 0;
	if (
		(code >= 0x1100 && code <= 0x115f) ||
		(code >= 0x2e80 && code <= 0x303e) ||
		(code >= 0x3041 && code <= 0x33ff) ||
		(code >= 0x3400 && code <= 0x4dbf) ||
		(code >= 0x4e00 && code <= 0x9fff) ||
		(code >= 0xa000 && code <= 0xa4cf) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		(code >= 0xff00 && code <= 0xff60) ||
		(code >= 0xffe0 && code <= 0xffe6) ||
		(code >= 0x1f300 && code <= 0x1f64f) ||
		(code >= 0x1f900 && code <= 0x1f9ff) ||
		(code >= 0x20000 && code <= 0x3fffd)
	) {
		return 2;
	}
	return 1;
}

/** Trailing spaces of every line removed: what `expect` patterns see, so `$` means end of the visible text. */
export function visibleText(text: string): string {
	return text
		.split('\n')
		.map(line => line.trimEnd())
		.join('\n');
}

/**
 * A saved frame file: the visible text with trailing blank lines dropped and one final newline.
 * Comparing these forms makes a saved frame immune to editors that trim whitespace.
 */
export function savedFrameText(text: string): string {
	const lines = text.replace(/\r\n/g, '\n').split('\n').map(line => line.trimEnd());
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	return lines.join('\n') + '\n';
}

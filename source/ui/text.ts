/**
 * Fixed-width text for the terminal grid. Everything the console prints is single-width (WWNs,
 * ASCII names, box-drawing and block characters), so a code point is a column.
 */

export function width(text: string): number {
	let n = 0;
	for (const _ of text) n++;
	return n;
}

/** Cuts `text` to `max` columns, ending with `…` when something was cut. */
export function truncate(text: string, max: number): string {
	if (max <= 0) return '';
	if (text.length <= max && width(text) <= max) return text;
	const chars = [...text];
	if (chars.length <= max) return text;
	return chars.slice(0, max - 1).join('') + '…';
}

/** Cuts `text` to `max` columns in the middle (`/dev/rdsk/c2…F4d0s2`): both ends stay readable. */
export function truncateMiddle(text: string, max: number): string {
	const chars = [...text];
	if (chars.length <= max) return text;
	if (max <= 2) return truncate(text, max);
	const head = Math.ceil((max - 1) / 2);
	const tail = max - 1 - head;
	return chars.slice(0, head).join('') + '…' + chars.slice(chars.length - tail).join('');
}

/** Exactly `cols` columns: truncated or padded with spaces. */
export function fit(text: string, cols: number, align: 'left' | 'right' = 'left'): string {
	const t = truncate(text, cols);
	const pad = cols - width(t);
	if (pad <= 0) return t;
	return align === 'left' ? t + ' '.repeat(pad) : ' '.repeat(pad) + t;
}

export function center(text: string, cols: number): string {
	const t = truncate(text, cols);
	const pad = cols - width(t);
	const left = Math.floor(pad / 2);
	return ' '.repeat(left) + t + ' '.repeat(pad - left);
}

/** A progress bar of `cols` cells for 0..1. */
export function bar(progress: number, cols: number): string {
	const p = Math.max(0, Math.min(1, progress));
	const full = Math.round(p * cols);
	return '█'.repeat(full) + '░'.repeat(cols - full);
}

export function formatBytes(bytes: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
	let v = bytes;
	let i = 0;
	while (v >= 1024 && i < units.length - 1) {
		v /= 1024;
		i++;
	}
	return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}

/** Tabs to spaces at 8-column stops (fcinfo output is full of tabs; the grid is not). */
export function expandTabs(line: string): string {
	if (!line.includes('\t')) return line;
	let out = '';
	for (const ch of line) {
		if (ch === '\t') out += ' '.repeat(8 - (width(out) % 8));
		else out += ch;
	}
	return out;
}

/** Word-wraps one paragraph to `cols` columns (a word longer than a line is cut). */
export function wrap(text: string, cols: number): string[] {
	if (width(text) <= cols) return [text];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (width(candidate) <= cols) line = candidate;
		else {
			if (line !== '') lines.push(line);
			line = truncate(word, cols);
		}
	}
	if (line !== '') lines.push(line);
	return lines;
}

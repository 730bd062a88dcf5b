/**
 * The detail panel's screen lines: each `[label, value]` laid out at a panel width, long values
 * wrapped onto continuation lines under the value column (a migration's failure reason, a zone's
 * member list). The panel and the J/K scrolling both count these lines, so they agree on the end.
 */
import type {DetailView} from '../model/ConsoleSource.js';
import {fit, truncate, width} from '../text.js';

export type DetailLine =
	| {readonly kind: 'heading'; readonly text: string}
	/** `label` is empty on a continuation line (the label column stays blank, values stay aligned). */
	| {readonly kind: 'value'; readonly label: string; readonly text: string};

/** Label column: the longest label plus its colon, within 4..20. */
export function detailLabelWidth(detail: DetailView): number {
	return Math.min(20, Math.max(...detail.lines.filter(([, v]) => v !== '').map(([l]) => l.length + 1), 4));
}

/** Lines for a panel `inner` columns wide (inside the borders). */
export function detailLines(detail: DetailView, inner: number): DetailLine[] {
	const labelWidth = detailLabelWidth(detail);
	// ' ' label-column ' ' value
	const valueWidth = Math.max(8, inner - labelWidth - 2);
	const out: DetailLine[] = [];
	for (const [label, value] of detail.lines) {
		if (value === '') {
			out.push({kind: 'heading', text: truncate(' ' + label, inner)});
			continue;
		}
		const chunks = wrapValue(value, valueWidth);
		const pad = ' '.repeat(labelWidth + 1);
		chunks.forEach((chunk, i) => out.push({kind: 'value', label: i === 0 ? ' ' + fit(label + ':', labelWidth) : pad, text: ' ' + chunk}));
	}
	return out;
}

/** Word-wraps a value; a word longer than a line (a path, a WWN list) is broken, never cut. */
export function wrapValue(text: string, cols: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		if (width(paragraph) <= cols) {
			// Kept exactly as given (spacing inside a value may be alignment).
			lines.push(paragraph);
			continue;
		}
		let line = '';
		// A size stays with its unit (`100 GiB`).
		for (const word of paragraph.split(/ +(?!(?:[KMGTP]i)?B\b)/)) {
			const candidate = line === '' ? word : `${line} ${word}`;
			if (width(candidate) <= cols) {
				line = candidate;
				continue;
			}
			if (line !== '') lines.push(line);
			let rest = [...word];
			while (rest.length > cols) {
				lines.push(rest.slice(0, cols).join(''));
				rest = rest.slice(cols);
			}
			line = rest.join('');
		}
		lines.push(line);
	}
	return lines;
}

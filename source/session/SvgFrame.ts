/**
 * A frame as an SVG picture: the ANSI frame is written into an emulated screen, and the cells are
 * drawn on a fixed grid, a <rect> per run of one background and a <text> per run of one style.
 * Each <text> is stretched to exactly its cells (textLength), so columns line up in any font.
 */
import {ansiToScreenCells, type ScreenCell} from './ScreenEmulator.js';
import {cellColour, DARK_THEME, type TerminalTheme} from './TerminalTheme.js';

export interface SvgOptions {
	readonly theme?: TerminalTheme;
	/** Pixels per column; default 9. */
	readonly cellWidth?: number;
	/** Pixels per row; default 18. */
	readonly lineHeight?: number;
	/** Default 15. */
	readonly fontSize?: number;
	readonly fontFamily?: string;
	/** Pixels around the grid; default 10. */
	readonly padding?: number;
	/** An accessible title (<title>); default none. */
	readonly title?: string;
}

const FONT = "'DejaVu Sans Mono', 'Menlo', 'Consolas', 'Liberation Mono', monospace";

export function renderFrameToSvg(ansi: string, cols: number, rows: number, options: SvgOptions = {}): string {
	return renderCellsToSvg(ansiToScreenCells(ansi, cols, rows), cols, rows, options);
}

interface Styled {
	readonly chars: string;
	readonly width: number;
	readonly fg: string;
	readonly bg: string;
	readonly style: string;
	readonly visible: boolean;
}

export function renderCellsToSvg(cells: readonly (readonly ScreenCell[])[], cols: number, rows: number, options: SvgOptions = {}): string {
	const theme = options.theme ?? DARK_THEME;
	const cw = options.cellWidth ?? 9;
	const lh = options.lineHeight ?? 18;
	const fontSize = options.fontSize ?? 15;
	const pad = options.padding ?? 10;
	const width = num(pad * 2 + cols * cw);
	const height = num(pad * 2 + rows * lh);
	const baseline = Math.round(lh * 0.78);
	const rects: string[] = [];
	const texts: string[] = [];

	for (let y = 0; y < rows; y++) {
		const row = (cells[y] ?? []).slice(0, cols).map(cell => styled(cell, theme));
		const topPx = pad + y * lh;
		const top = num(topPx);
		// backgrounds: runs of one colour other than the screen's
		for (let x = 0; x < row.length; ) {
			const bg = row[x]!.bg;
			let end = x + 1;
			while (end < row.length && row[end]!.bg === bg) end++;
			if (bg !== theme.background) rects.push(`<rect x="${num(pad + x * cw)}" y="${top}" width="${num((end - x) * cw)}" height="${lh}" fill="${bg}"/>`);
			x = end;
		}
		// text: runs of one style; the right half of a wide character (width 0) belongs to the run before it
		for (let x = 0; x < row.length; ) {
			const first = row[x]!;
			let end = x + 1;
			while (end < row.length && (row[end]!.width === 0 || (row[end]!.style === first.style && row[end]!.fg === first.fg && row[end]!.visible === first.visible))) end++;
			if (first.visible) emitText(row, x, end, first, topPx + baseline);
			x = end;
		}
	}

	function emitText(row: readonly Styled[], from: number, to: number, style: Styled, baselineY: number): void {
		const decorated = style.style.includes('text-decoration');
		let start = from;
		let end = to;
		if (!decorated) {
			while (start < end && isBlank(row[start]!)) start++;
			while (end > start && isBlank(row[end - 1]!)) end--;
		}
		if (start === end) return;
		const text = row
			.slice(start, end)
			.map(cell => (cell.width === 0 ? '' : cell.chars === '' ? ' ' : cell.chars))
			.join('');
		texts.push(
			`<text x="${num(pad + start * cw)}" y="${num(baselineY)}" fill="${style.fg}"${style.style} textLength="${num((end - start) * cw)}" lengthAdjust="spacingAndGlyphs">${escapeXml(text)}</text>`,
		);
	}

	const title = options.title === undefined ? '' : `<title>${escapeXml(options.title)}</title>`;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(options.fontFamily ?? FONT)}" font-size="${fontSize}">`,
		title,
		`<rect width="${width}" height="${height}" fill="${theme.background}"/>`,
		`<g shape-rendering="crispEdges">${rects.join('')}</g>`,
		`<g xml:space="preserve" style="white-space:pre">`,
		...texts,
		'</g>',
		'</svg>',
	]
		.filter(part => part !== '')
		.join('\n') + '\n';
}

function styled(cell: ScreenCell, theme: TerminalTheme): Styled {
	let fg = cellColour(cell.fg, theme, theme.foreground);
	let bg = cellColour(cell.bg, theme, theme.background);
	if (cell.inverse) [fg, bg] = [bg, fg];
	let style = '';
	if (cell.bold) style += ' font-weight="bold"';
	if (cell.italic) style += ' font-style="italic"';
	if (cell.dim) style += ' fill-opacity="0.5"';
	const decoration = [cell.underline ? 'underline' : '', cell.strikethrough ? 'line-through' : ''].filter(Boolean).join(' ');
	if (decoration) style += ` text-decoration="${decoration}"`;
	return {chars: cell.chars, width: cell.width, fg, bg, style, visible: !cell.invisible};
}

function isBlank(cell: Styled): boolean {
	return cell.width !== 0 && (cell.chars === '' || cell.chars === ' ');
}

export function escapeXml(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function num(n: number): string {
	return String(Number(n.toFixed(2)));
}

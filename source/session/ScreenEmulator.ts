/**
 * An emulated terminal screen (@xterm/headless): what a person's terminal shows after a stream of
 * output, cursor movements and erases included. Ink redraws by moving the cursor up and erasing
 * lines, so reading its raw output as text is wrong; reading this screen is right.
 */
import xterm from '@xterm/headless';
import type {IBufferCell} from '@xterm/headless';
import type {TerminalSize} from './SessionFormat.js';

/** A colour as the emulator stores it: the terminal default, a palette index (0-255) or 24-bit RGB. */
export type CellColour = {readonly mode: 'default'} | {readonly mode: 'palette'; readonly index: number} | {readonly mode: 'rgb'; readonly rgb: number};

export interface ScreenCell {
	/** The character(s) in the cell; '' for the right half of a wide character. */
	readonly chars: string;
	/** 1 normally, 2 for a wide character, 0 for the cell it covers. */
	readonly width: number;
	readonly fg: CellColour;
	readonly bg: CellColour;
	readonly bold: boolean;
	readonly dim: boolean;
	readonly italic: boolean;
	readonly underline: boolean;
	readonly strikethrough: boolean;
	readonly inverse: boolean;
	readonly invisible: boolean;
}

interface WritableCore {
	writeSync(data: string): void;
}

const DEFAULT: CellColour = {mode: 'default'};

export class ScreenEmulator {
	private readonly terminal: xterm.Terminal;

	constructor(cols: number, rows: number) {
		// convertEol: a frame's lines end in \n, which a real tty turns into \r\n
		this.terminal = new xterm.Terminal({cols, rows, allowProposedApi: true, convertEol: true, scrollback: 0, logLevel: 'off'});
	}

	get size(): TerminalSize {
		return {cols: this.terminal.cols, rows: this.terminal.rows};
	}

	/**
	 * Feeds output and parses it before returning. xterm's public write() parses later, in chunks;
	 * its core's writeSync does the same work at once (covered by this layer's tests).
	 */
	writeSync(data: string): void {
		const core = (this.terminal as unknown as {_core?: Partial<WritableCore>})._core;
		if (typeof core?.writeSync !== 'function') throw new Error('@xterm/headless has no synchronous write in this version; use ScreenEmulator.write()');
		core.writeSync(data);
	}

	write(data: string): Promise<void> {
		return new Promise(resolve => this.terminal.write(data, resolve));
	}

	resize(cols: number, rows: number): void {
		this.terminal.resize(cols, rows);
	}

	/** The visible screen: exactly `rows` lines of `cols` characters, joined by \n. */
	text(): string {
		const buffer = this.terminal.buffer.active;
		const {cols, rows} = this.terminal;
		const lines: string[] = [];
		for (let y = 0; y < rows; y++) {
			const line = buffer.getLine(buffer.viewportY + y);
			// translateToString gives the whole row, a wide character once for its two cells
			lines.push(line ? line.translateToString(false, 0, cols) : ' '.repeat(cols));
		}
		return lines.join('\n');
	}

	/** Every cell of the visible screen, row by row. */
	cells(): ScreenCell[][] {
		const buffer = this.terminal.buffer.active;
		const {cols, rows} = this.terminal;
		const grid: ScreenCell[][] = [];
		const scratch = buffer.getNullCell();
		for (let y = 0; y < rows; y++) {
			const line = buffer.getLine(buffer.viewportY + y);
			const row: ScreenCell[] = [];
			for (let x = 0; x < cols; x++) {
				const cell = line?.getCell(x, scratch);
				row.push(cell ? readCell(cell) : blankCell());
			}
			grid.push(row);
		}
		return grid;
	}

	dispose(): void {
		this.terminal.dispose();
	}
}

function readCell(cell: IBufferCell): ScreenCell {
	return {
		chars: cell.getChars(),
		width: cell.getWidth(),
		fg: cell.isFgDefault() ? DEFAULT : cell.isFgRGB() ? {mode: 'rgb', rgb: cell.getFgColor()} : {mode: 'palette', index: cell.getFgColor()},
		bg: cell.isBgDefault() ? DEFAULT : cell.isBgRGB() ? {mode: 'rgb', rgb: cell.getBgColor()} : {mode: 'palette', index: cell.getBgColor()},
		bold: cell.isBold() !== 0,
		dim: cell.isDim() !== 0,
		italic: cell.isItalic() !== 0,
		underline: cell.isUnderline() !== 0,
		strikethrough: cell.isStrikethrough() !== 0,
		inverse: cell.isInverse() !== 0,
		invisible: cell.isInvisible() !== 0,
	};
}

function blankCell(): ScreenCell {
	return {chars: '', width: 1, fg: DEFAULT, bg: DEFAULT, bold: false, dim: false, italic: false, underline: false, strikethrough: false, inverse: false, invisible: false};
}

/** The screen text after `ansi` is written to a fresh cols x rows terminal (cursor movement honoured). */
export function ansiToScreenText(ansi: string, cols: number, rows: number): string {
	const screen = new ScreenEmulator(cols, rows);
	try {
		screen.writeSync(ansi);
		return screen.text();
	} finally {
		screen.dispose();
	}
}

export function ansiToScreenCells(ansi: string, cols: number, rows: number): ScreenCell[][] {
	const screen = new ScreenEmulator(cols, rows);
	try {
		screen.writeSync(ansi);
		return screen.cells();
	} finally {
		screen.dispose();
	}
}

/** Colours for rendered frames: a dark theme's 16-colour palette, the xterm 256-colour cube, and 24-bit colour. */
import type {CellColour} from './ScreenEmulator.js';

export interface TerminalTheme {
	readonly background: string;
	readonly foreground: string;
	/** black, red, green, yellow, blue, magenta, cyan, white, then the bright eight. */
	readonly palette: readonly string[];
}

export const DARK_THEME: TerminalTheme = {
	background: '#1e1e1e',
	foreground: '#cccccc',
	palette: [
		'#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
		'#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
	],
};

const CUBE = [0, 95, 135, 175, 215, 255];

export function paletteColour(index: number, theme: TerminalTheme): string {
	if (index < 16) return theme.palette[index] ?? theme.foreground;
	if (index < 232) {
		const n = index - 16;
		return hex(CUBE[Math.floor(n / 36)]!, CUBE[Math.floor(n / 6) % 6]!, CUBE[n % 6]!);
	}
	const grey = 8 + (index - 232) * 10;
	return hex(grey, grey, grey);
}

export function cellColour(colour: CellColour, theme: TerminalTheme, fallback: string): string {
	switch (colour.mode) {
		case 'default':
			return fallback;
		case 'palette':
			return paletteColour(colour.index, theme);
		case 'rgb':
			return hex((colour.rgb >> 16) & 0xff, (colour.rgb >> 8) & 0xff, colour.rgb & 0xff);
	}
}

function hex(r: number, g: number, b: number): string {
	return '#' + [r, g, b].map(v => v.toString(16).padStart(2, '0')).join('');
}

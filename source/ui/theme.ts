/**
 * Semantic colours, in one place. Basic ANSI names only, so 16-colour terminals and light
 * backgrounds both work; with --no-color or NO_COLOR every colour is dropped and the console
 * still reads (selection is inverse and marked with `>`, the focused tab is bracketed).
 */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'dim' | 'accent';

export interface Theme {
	readonly noColor: boolean;
	readonly tone: Readonly<Record<Tone, string | undefined>>;
	readonly border: string | undefined;
	readonly borderFocused: string | undefined;
	readonly title: string | undefined;
	readonly key: string | undefined;
	readonly danger: string | undefined;
	readonly dimText: boolean;
}

export function makeTheme(noColor: boolean): Theme {
	if (noColor) {
		const none = {ok: undefined, warn: undefined, bad: undefined, info: undefined, dim: undefined, accent: undefined};
		return {noColor, tone: none, border: undefined, borderFocused: undefined, title: undefined, key: undefined, danger: undefined, dimText: false};
	}
	return {
		noColor,
		tone: {ok: 'green', warn: 'yellow', bad: 'red', info: 'cyan', dim: 'gray', accent: 'cyan'},
		border: 'gray',
		borderFocused: 'cyan',
		title: 'cyan',
		key: 'cyan',
		danger: 'red',
		dimText: true,
	};
}

/** Colour of a state word: port states, switchshow states, xm state letters. */
export function stateTone(state: string): Tone | undefined {
	const s = state.toLowerCase();
	if (s === 'online' || s === 'running' || s === 'yes') return 'ok';
	if (s === 'offline' || s === 'link down' || s === 'error' || s === 'no_light' || s === 'no_sync' || s === 'disabled' || s === 'crashed') return 'bad';
	if (s === 'unknown' || s === 'diagnostics' || s === 'loopback' || s === 'bypassed' || s === 'initializing') return 'warn';
	if (/^[r-][b-][p-][s-][c-][d-]$/.test(state)) {
		if (/[scd]/.test(state)) return 'bad';
		if (state.includes('p')) return 'warn';
		if (/[rb]/.test(state)) return 'ok';
		return 'dim';
	}
	return undefined;
}

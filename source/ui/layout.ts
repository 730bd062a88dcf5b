/**
 * Where everything goes, as a pure function of the terminal size and what is open. The frame is
 * exactly `rows` lines: header (2), pane tabs (1), body, prompt (0-2), hint bar (1), status (1).
 */
import type {UiState} from './state/uiState.js';

export const MIN_COLS = 80;
export const MIN_ROWS = 24;
/** From this width the detail panel sits beside the list and is shown without asking. */
export const SIDE_DETAIL_COLS = 120;

export interface Rect {
	readonly width: number;
	readonly height: number;
}

export interface Layout {
	readonly tooSmall: boolean;
	readonly cols: number;
	readonly rows: number;
	readonly body: Rect;
	/** The list panel (with its border). */
	readonly list: Rect;
	readonly detail: (Rect & {readonly placement: 'side' | 'below'}) | null;
	/** Rows of the list's data window (panel minus border and column header). */
	readonly listRows: number;
	readonly promptRows: number;
}

export const HEADER_ROWS = 2;
export const TABS_ROWS = 1;
export const FOOTER_ROWS = 2;

export function detailVisible(ui: Pick<UiState, 'detail' | 'cols'>): boolean {
	return ui.detail === 'open' || (ui.detail === 'auto' && ui.cols >= SIDE_DETAIL_COLS);
}

export function computeLayout(ui: Pick<UiState, 'cols' | 'rows' | 'detail' | 'prompt'>): Layout {
	const {cols, rows} = ui;
	const tooSmall = cols < MIN_COLS || rows < MIN_ROWS;
	const promptRows = ui.prompt ? (ui.prompt.candidates ? 2 : 1) : 0;
	const bodyHeight = Math.max(3, rows - HEADER_ROWS - TABS_ROWS - promptRows - FOOTER_ROWS);
	const body = {width: cols, height: bodyHeight};
	let list: Rect = body;
	let detail: Layout['detail'] = null;
	if (detailVisible(ui)) {
		if (cols >= SIDE_DETAIL_COLS) {
			const w = Math.max(44, Math.floor(cols * 0.36));
			list = {width: cols - w, height: bodyHeight};
			detail = {placement: 'side', width: w, height: bodyHeight};
		} else {
			// Opened on purpose: the detail gets the larger share.
			const h = Math.max(6, Math.floor(bodyHeight * 0.42));
			list = {width: cols, height: h};
			detail = {placement: 'below', width: cols, height: bodyHeight - h};
		}
	}
	return {tooSmall, cols, rows, body, list, detail, listRows: Math.max(1, list.height - 3), promptRows};
}

/**
 * The console's own state (what is focused, selected, filtered, open), separate from the SAN
 * snapshot. Changed only through `uiReducer`, held in a `UiStore` so that the key handler reads
 * the state as of the previous key even when several keys arrive in one chunk.
 */
import type {PaneId, RowKey} from '../model/ConsoleSource.js';
import type {DialogState} from './dialog.js';
import {textEdit, type TextEdit} from './textEdit.js';

export const FABRIC_VIEWS = ['ports', 'nameserver', 'zoning'] as const;
export type FabricViewId = (typeof FABRIC_VIEWS)[number];

/** A scrollable list: each pane, and each of the fabric pane's views. */
export type ListId = Exclude<PaneId, 'fabric'> | `fabric.${FabricViewId}`;

export const LIST_IDS: readonly ListId[] = ['adapters', 'vports', 'luns', 'events', 'domains', 'fabric.ports', 'fabric.nameserver', 'fabric.zoning'];

export interface ListState {
	/** Index of the selection in the filtered rows; re-found by `key` when rows change. */
	readonly index: number;
	readonly key: RowKey | null;
	/** First visible row. */
	readonly top: number;
	readonly filter: string;
	/** The column the rows are sorted by (its id), or null: the source's own order. */
	readonly sort: SortSpec | null;
}

export interface SortSpec {
	readonly column: string;
	readonly desc: boolean;
}

export type StatusLevel = 'info' | 'warn' | 'error';

export interface StatusMessage {
	readonly level: StatusLevel;
	readonly text: string;
}

export interface PromptState {
	readonly mode: 'command' | 'filter';
	readonly edit: TextEdit;
	/** Filter prompt: the list it filters and the filter it had before (restored by Esc... cleared, see controller). */
	readonly list: ListId;
	/** Position while walking the history (index into history), or null. */
	readonly historyIndex: number | null;
	readonly draft: string;
	/** Completion candidates shown above the bar, or null. */
	readonly candidates: readonly string[] | null;
}

export interface OutputLine {
	readonly text: string;
	readonly stream: 'out' | 'err' | 'info';
}

export interface OutputState {
	/** Which run this is, so a slow result never lands in a newer run's panel. */
	readonly id: number;
	readonly command: string;
	readonly lines: readonly OutputLine[];
	/** Null while the command runs. */
	readonly exitCode: number | null;
	readonly top: number;
}

/** `auto`: shown when the terminal is wide enough for a side panel; Enter/Esc make it explicit. */
export type DetailMode = 'auto' | 'open' | 'closed';

export interface UiState {
	readonly cols: number;
	readonly rows: number;
	readonly pane: PaneId;
	readonly fabricView: FabricViewId;
	readonly lists: Readonly<Record<ListId, ListState>>;
	readonly detail: DetailMode;
	/** Scroll of the detail panel, for the item it was scrolled on (another item starts at the top). */
	readonly detailScroll: {readonly key: RowKey | null; readonly top: number};
	readonly follow: boolean;
	/** WWN columns show names (zoning alias, else owner) instead of the numbers, in every list. */
	readonly names: boolean;
	/** Event type prefix filter (`fabric`, `driver`...), or null for all. */
	readonly eventType: string | null;
	readonly help: {readonly top: number} | null;
	readonly prompt: PromptState | null;
	readonly output: OutputState | null;
	readonly dialog: DialogState | null;
	readonly status: StatusMessage | null;
	/** `:` history, oldest first, in memory only. */
	readonly history: readonly string[];
	readonly noColor: boolean;
	/** Problems found in keys.json, listed in the help. */
	readonly keyProblems: readonly string[];
}

const EMPTY_LIST: ListState = {index: 0, key: null, top: 0, filter: '', sort: null};

export function initialUiState(opts: {cols: number; rows: number; noColor: boolean; status?: StatusMessage | null; keyProblems?: readonly string[]}): UiState {
	const lists = Object.fromEntries(LIST_IDS.map(id => [id, EMPTY_LIST])) as Record<ListId, ListState>;
	return {
		cols: opts.cols,
		rows: opts.rows,
		pane: 'adapters',
		fabricView: 'ports',
		lists,
		detail: 'auto',
		detailScroll: {key: null, top: 0},
		follow: true,
		names: false,
		eventType: null,
		help: null,
		prompt: null,
		output: null,
		dialog: null,
		status: opts.status ?? null,
		history: [],
		noColor: opts.noColor,
		keyProblems: opts.keyProblems ?? [],
	};
}

export function listOf(state: Pick<UiState, 'pane' | 'fabricView'>): ListId {
	return state.pane === 'fabric' ? `fabric.${state.fabricView}` : state.pane;
}

export function promptFor(mode: 'command' | 'filter', list: ListId, text = ''): PromptState {
	return {mode, edit: textEdit(text), list, historyIndex: null, draft: '', candidates: null};
}

export type UiAction =
	| {readonly type: 'resize'; readonly cols: number; readonly rows: number}
	| {readonly type: 'focusPane'; readonly pane: PaneId}
	| {readonly type: 'fabricView'; readonly view: FabricViewId}
	/** Moves the selection; `height` is the list's visible rows, to keep the selection in view. */
	| {readonly type: 'select'; readonly list: ListId; readonly index: number; readonly key: RowKey | null; readonly height: number}
	| {readonly type: 'filter'; readonly list: ListId; readonly filter: string}
	| {readonly type: 'sort'; readonly list: ListId; readonly sort: SortSpec | null}
	| {readonly type: 'detail'; readonly mode: DetailMode}
	| {readonly type: 'detailScroll'; readonly key: RowKey | null; readonly top: number}
	| {readonly type: 'follow'; readonly on: boolean}
	| {readonly type: 'names'; readonly on: boolean}
	| {readonly type: 'eventType'; readonly eventType: string | null}
	| {readonly type: 'help'; readonly help: {readonly top: number} | null}
	| {readonly type: 'prompt'; readonly prompt: PromptState | null}
	| {readonly type: 'output'; readonly output: OutputState | null}
	| {readonly type: 'dialog'; readonly dialog: DialogState | null}
	| {readonly type: 'status'; readonly status: StatusMessage | null}
	| {readonly type: 'history'; readonly line: string};

const HISTORY_MAX = 200;

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'resize':
			return state.cols === action.cols && state.rows === action.rows ? state : {...state, cols: action.cols, rows: action.rows};
		case 'focusPane':
			return {...state, pane: action.pane, help: null, output: null};
		case 'fabricView':
			return {...state, fabricView: action.view};
		case 'select': {
			const list = state.lists[action.list];
			const h = Math.max(1, action.height);
			const top = Math.min(Math.max(list.top, action.index - h + 1), action.index);
			return {...state, lists: {...state.lists, [action.list]: {...list, index: action.index, key: action.key, top: Math.max(0, top)}}};
		}
		case 'sort':
			return {...state, lists: {...state.lists, [action.list]: {...state.lists[action.list], sort: action.sort, top: 0}}};
		case 'filter': {
			const list = state.lists[action.list];
			if (list.filter === action.filter) return state;
			return {...state, lists: {...state.lists, [action.list]: {...list, filter: action.filter, top: 0}}};
		}
		case 'detail':
			return {...state, detail: action.mode};
		case 'detailScroll':
			return {...state, detailScroll: {key: action.key, top: action.top}};
		case 'follow':
			return {...state, follow: action.on};
		case 'names':
			return {...state, names: action.on};
		case 'eventType':
			return {...state, eventType: action.eventType};
		case 'help':
			return {...state, help: action.help};
		case 'prompt':
			return {...state, prompt: action.prompt};
		case 'output':
			return {...state, output: action.output};
		case 'dialog':
			return {...state, dialog: action.dialog};
		case 'status':
			return {...state, status: action.status};
		case 'history': {
			const line = action.line.trim();
			if (line === '' || state.history.at(-1) === line) return state;
			return {...state, history: [...state.history, line].slice(-HISTORY_MAX)};
		}
	}
}

/** A tiny synchronous store: the key handler always sees the newest state. */
export class UiStore {
	private listeners = new Set<() => void>();

	constructor(private state: UiState) {}

	getState = (): UiState => this.state;

	dispatch = (action: UiAction): void => {
		const next = uiReducer(this.state, action);
		if (next === this.state) return;
		this.state = next;
		for (const l of this.listeners) l();
	};

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};
}

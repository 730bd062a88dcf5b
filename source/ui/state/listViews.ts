/**
 * What each list shows: the snapshot's rows, narrowed by the event type filter and the `/`
 * filter, with the selection resolved. Memoised per list on (rows identity, filter), so moving
 * the selection through 100,000 rows never re-filters them.
 */
import type {ConsoleSnapshot, RowKey} from '../model/ConsoleSource.js';
import {LIST_COLUMNS, type Column} from '../panes/columns.js';
import {matchesFilter, parseFilter, type FilterSpec} from './filter.js';
import type {ListId, UiState} from './uiState.js';

export interface AnyRow {
	readonly key: RowKey;
}

export function rowsOf(snapshot: ConsoleSnapshot, list: ListId): readonly AnyRow[] {
	switch (list) {
		case 'adapters':
			return snapshot.adapters;
		case 'vports':
			return snapshot.vports;
		case 'luns':
			return snapshot.luns;
		case 'events':
			return snapshot.events;
		case 'domains':
			return snapshot.domains;
		case 'fabric.ports':
			return snapshot.fabric.ports;
		case 'fabric.nameserver':
			return snapshot.fabric.nameServer;
		case 'fabric.zoning':
			return snapshot.fabric.zones;
	}
}

export function columnsOf(list: ListId): readonly Column<AnyRow>[] {
	return LIST_COLUMNS[list];
}

export interface ListView {
	readonly list: ListId;
	/** All rows before filtering (after the event type filter). */
	readonly total: number;
	readonly rows: readonly AnyRow[];
	readonly filter: FilterSpec;
	/** Selected index in `rows`, or -1 when empty. */
	readonly index: number;
}

interface Memo {
	source: readonly AnyRow[];
	filter: string;
	eventType: string | null;
	typed: readonly AnyRow[];
	rows: readonly AnyRow[];
	spec: FilterSpec;
}

/** One per console instance. */
export class ListViews {
	private memo = new Map<ListId, Memo>();
	private search = new WeakMap<object, string>();

	view(snapshot: ConsoleSnapshot, ui: UiState, list: ListId): ListView {
		const source = rowsOf(snapshot, list);
		const state = ui.lists[list];
		const eventType = list === 'events' ? ui.eventType : null;
		let m = this.memo.get(list);
		if (!m || m.source !== source || m.filter !== state.filter || m.eventType !== eventType) {
			const typed =
				m && m.source === source && m.eventType === eventType
					? m.typed
					: eventType === null
						? source
						: source.filter(r => (r as {type?: string}).type?.startsWith(eventType + '.') ?? false);
			const spec = parseFilter(state.filter);
			const rows = spec.kind === 'none' || spec.kind === 'error' ? typed : typed.filter(r => matchesFilter(spec, this.searchText(list, r)));
			m = {source, filter: state.filter, eventType, typed, rows, spec};
			this.memo.set(list, m);
		}
		const rows = m.rows;
		let index: number;
		if (rows.length === 0) index = -1;
		else if (list === 'events' && ui.follow) index = rows.length - 1;
		else if (state.key !== null && rows[state.index]?.key === state.key) index = state.index;
		else {
			const found = state.key === null ? -1 : rows.findIndex(r => r.key === state.key);
			index = found >= 0 ? found : Math.min(Math.max(0, state.index), rows.length - 1);
		}
		return {list, total: m.typed.length, rows, filter: m.spec, index};
	}

	private searchText(list: ListId, row: AnyRow): string {
		let text = this.search.get(row);
		if (text === undefined) {
			text = columnsOf(list)
				.map(c => c.text(row, 40))
				.join(' ')
				.toLowerCase();
			this.search.set(row, text);
		}
		return text;
	}
}

/** First visible row for a list of `count` rows, `height` visible, keeping `index` in view. */
export function windowTop(top: number, index: number, height: number, count: number): number {
	const h = Math.max(1, height);
	let t = Math.min(Math.max(top, index - h + 1), Math.max(0, index));
	t = Math.min(t, Math.max(0, count - h));
	return Math.max(0, t);
}

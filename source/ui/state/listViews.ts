/**
 * What each list shows: the snapshot's rows, narrowed by the event type filter and the `/`
 * filter, with the selection resolved. Memoised per list on (rows identity, filter), so moving
 * the selection through 100,000 rows never re-filters them.
 */
import type {ConsoleSnapshot, RowKey} from '../model/ConsoleSource.js';
import {LIST_COLUMNS, namedColumn, type Column} from '../panes/columns.js';
import {matchesFilter, parseFilter, type FilterSpec} from './filter.js';
import type {ListId, SortSpec, UiState} from './uiState.js';

/** A cell that is a plain number (counts, memory, ids), commas allowed. */
const NUMERIC = /^-?\d[\d,]*(\.\d+)?$/;

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

const NAMED_COLUMNS = new Map<ListId, readonly Column<AnyRow>[]>();

/** The list's columns; with `names`, its WWN columns show names (the same arrays every time, for memos). */
export function columnsOf(list: ListId, names = false): readonly Column<AnyRow>[] {
	if (!names) return LIST_COLUMNS[list];
	let named = NAMED_COLUMNS.get(list);
	if (!named) NAMED_COLUMNS.set(list, (named = LIST_COLUMNS[list].map(namedColumn)));
	return named;
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
	sort: SortSpec | null;
	/** Names shown in the WWN columns: a sort by one of them orders by what is shown. */
	names: boolean;
	/** The filtered rows before sorting (a new sort reuses them). */
	filtered: readonly AnyRow[];
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
		const names = ui.names;
		let m = this.memo.get(list);
		if (m && m.source === source && m.filter === state.filter && m.eventType === eventType && (m.sort !== state.sort || m.names !== names)) {
			const resort = m.sort !== state.sort || (state.sort !== null && columnsOf(list).find(c => c.id === state.sort!.column)?.named !== undefined);
			m = {...m, sort: state.sort, names, rows: resort ? this.sorted(list, m.filtered, state.sort, names) : m.rows};
			this.memo.set(list, m);
		} else if (!m || m.source !== source || m.filter !== state.filter || m.eventType !== eventType) {
			const typed =
				m && m.source === source && m.eventType === eventType
					? m.typed
					: eventType === null
						? source
						: source.filter(r => (r as {type?: string}).type?.startsWith(eventType + '.') ?? false);
			const spec = parseFilter(state.filter);
			const filtered = spec.kind === 'none' || spec.kind === 'error' ? typed : typed.filter(r => matchesFilter(spec, this.searchText(list, r)));
			const rows = this.sorted(list, filtered, state.sort, names);
			m = {source, filter: state.filter, sort: state.sort, names, eventType, typed, filtered, rows, spec};
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

	/**
	 * Rows in the order of a column: by its text as shown, numbers by value (FCIDs, counts, memory),
	 * ties in the source's order. Each row's text is taken once per sort, not per comparison.
	 */
	private sorted(list: ListId, rows: readonly AnyRow[], sort: SortSpec | null, names: boolean): readonly AnyRow[] {
		if (!sort) return rows;
		const column = columnsOf(list, names).find(c => c.id === sort.column);
		if (!column) return rows;
		// Keys in flat arrays and an index array sorted over them: at 100,000 rows the objects and
		// closures of a sort over records cost more than the comparisons.
		const n = rows.length;
		const texts: string[] = new Array<string>(n);
		const numbers = new Float64Array(n);
		for (let i = 0; i < n; i++) {
			const row = rows[i]!;
			const text = column.text(row, 64);
			texts[i] = text;
			numbers[i] = column.sortValue ? column.sortValue(row) : NUMERIC.test(text) ? Number(text.replace(/,/g, '')) : Number.NaN;
		}
		const sign = sort.desc ? -1 : 1;
		const order = new Uint32Array(n);
		for (let i = 0; i < n; i++) order[i] = i;
		order.sort((a, b) => {
			const x = numbers[a]!;
			const y = numbers[b]!;
			const xn = x === x;
			const yn = y === y;
			// Numbers before words (a '-' for no value sorts after them), each in its own order.
			let c: number;
			if (xn && yn) c = x - y;
			else if (xn !== yn) c = xn ? -1 : 1;
			else {
				const p = texts[a]!;
				const q = texts[b]!;
				c = p < q ? -1 : p > q ? 1 : 0;
			}
			return c !== 0 ? sign * c : a - b;
		});
		const sorted = new Array<AnyRow>(n);
		for (let i = 0; i < n; i++) sorted[i] = rows[order[i]!]!;
		return sorted;
	}

	/** What a filter searches: every column's text and, whether shown or not, every name of a WWN. */
	private searchText(list: ListId, row: AnyRow): string {
		let text = this.search.get(row);
		if (text === undefined) {
			text = columnsOf(list)
				.map(c => {
					const label = c.named?.label(row);
					return label === undefined ? c.text(row, 40) : `${c.text(row, 40)} ${label}`;
				})
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

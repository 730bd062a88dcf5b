/**
 * A list of rows that keeps identity where nothing changed: a row equal field by field to the
 * previous row of the same key is the previous object, and a list whose rows are all the previous
 * ones (same order) is the previous array. The console re-filters a list only when the array
 * identity changes, so 100,000 unchanged virtual ports cost one comparison pass, not a re-render.
 */
import type {RowKey} from '../model/ConsoleSource.js';

export interface KeyedRow {
	readonly key: RowKey;
}

export class RowList<R extends KeyedRow> {
	private current: readonly R[] = [];
	private index: Map<RowKey, R> | undefined;

	get rows(): readonly R[] {
		return this.current;
	}

	/** The row of `key` in the current list. */
	get(key: RowKey): R | undefined {
		this.index ??= new Map(this.current.map(r => [r.key, r]));
		return this.index.get(key);
	}

	/** Adopts `next`, reusing previous rows and the previous array where they are unchanged. */
	update(next: R[]): readonly R[] {
		const before = this.current;
		let byKey = this.index;
		let same = next.length === before.length;
		for (let i = 0; i < next.length; i++) {
			const row = next[i]!;
			// Builders that keep unchanged rows hand back the very objects: no lookup for those.
			if (row === before[i]) continue;
			byKey ??= new Map(before.map(r => [r.key, r]));
			const old = byKey.get(row.key);
			if (old !== undefined && old !== row && sameRow(old, row)) next[i] = old;
			if (next[i] !== before[i]) same = false;
		}
		if (same) {
			this.index = byKey;
			return before;
		}
		this.current = next;
		this.index = undefined;
		return next;
	}

	/** Adopts rows from a builder that already reuses unchanged rows and arrays (no comparison pass). */
	adopt(next: readonly R[]): readonly R[] {
		if (next !== this.current) {
			this.current = next;
			this.index = undefined;
		}
		return next;
	}

	clear(): void {
		this.current = [];
		this.index = undefined;
	}
}

/** Field-by-field equality, one level into arrays and plain objects (a row's WWN list, its migration). */
export function sameRow(a: object, b: object): boolean {
	if (a === b) return true;
	const ka = Object.keys(a);
	if (ka.length !== Object.keys(b).length) return false;
	for (const k of ka) {
		const x = (a as Record<string, unknown>)[k];
		const y = (b as Record<string, unknown>)[k];
		if (x === y) continue;
		if (Array.isArray(x) && Array.isArray(y)) {
			if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
		} else if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
			if (!sameRow(x, y)) return false;
		} else {
			return false;
		}
	}
	return true;
}

/**
 * A field-by-field dump of an object graph, for checking that a world restored from its saved
 * live state is the world that was saved: every data field of every object reachable from the
 * root, in a deterministic walk (fields in declaration order, Map and Set entries in insertion
 * order), with shared objects named by the order they were first reached. Functions are marked,
 * not followed (a closure's captures are the owning object's business).
 *
 * Two graphs give the same dump exactly when they have the same shape and the same values,
 * including the order of every Map, Set and array: the order fcinfo lists things in.
 */
export interface DumpOptions {
	/** Fields to leave out: caches, counters of work done, wiring that is not state. */
	readonly skip?: (className: string, field: string) => boolean;
	/** Objects not to descend into (shared infrastructure such as the simulator or event log). */
	readonly opaque?: (value: object) => string | undefined;
	readonly maxObjects?: number;
	/** Shows an object as another (a view of it that is its state), e.g. a ring snapshot as its members. */
	readonly transform?: (value: object) => object | undefined;
	/** Maps only ever used for lookups: their entries are compared in key order, not insertion order. */
	readonly unordered?: (className: string, field: string) => boolean;
}

export function graphDump(root: object, options: DumpOptions = {}): string[] {
	const ids = new Map<object, number>();
	const unorderedMaps = new Set<object>();
	const lines: string[] = [];
	const queue: object[] = [];
	const max = options.maxObjects ?? 2_000_000;
	const ref = (value: unknown): string => {
		if (value === null) return 'null';
		if (value === undefined) return 'undefined';
		switch (typeof value) {
			case 'string':
				return JSON.stringify(value);
			case 'number':
				return Number.isNaN(value) ? 'NaN' : String(value);
			case 'bigint':
				return `${value}n`;
			case 'boolean':
				return String(value);
			case 'function':
				return 'fn';
			case 'symbol':
				return value.toString();
			case 'object': {
				const label = options.opaque?.(value);
				if (label !== undefined) return `<${label}>`;
				let id = ids.get(value);
				if (id === undefined) {
					id = ids.size;
					if (id >= max) throw new Error(`graphDump: more than ${max} objects`);
					ids.set(value, id);
					queue.push(value);
				}
				return `#${id}`;
			}
		}
		return String(value);
	};
	ref(root);
	for (let i = 0; i < queue.length; i++) {
		const obj = options.transform?.(queue[i]!) ?? queue[i]!;
		const id = ids.get(queue[i]!)!;
		const cls = (obj.constructor as {name?: string} | undefined)?.name ?? 'Object';
		if (Array.isArray(obj)) {
			const items = trimmed(obj);
			const refs: string[] = [];
			for (let k = 0; k < items.length; k++) refs.push(ref(items[k]));
			lines.push(`#${id} Array(${items.length}) [${refs.join(', ')}]`);
		} else if (obj instanceof Map) {
			const entries = [...obj];
			if (unorderedMaps.has(obj)) entries.sort(([a], [b]) => (keyText(a) < keyText(b) ? -1 : keyText(a) > keyText(b) ? 1 : 0));
			lines.push(`#${id} Map(${obj.size}) {${entries.map(([k, v]) => `${ref(k)} => ${ref(v)}`).join(', ')}}`);
		} else if (obj instanceof Set) {
			lines.push(`#${id} Set(${obj.size}) {${[...obj].map(ref).join(', ')}}`);
		} else if (ArrayBuffer.isView(obj)) {
			lines.push(`#${id} ${cls} [${Array.from(obj as unknown as ArrayLike<number>).join(',')}]`);
		} else {
			const fields: string[] = [];
			for (const key of Object.keys(obj)) {
				if (options.skip?.(cls, key)) continue;
				const field = (obj as Record<string, unknown>)[key];
				// An optional field that is absent and one set to undefined are the same state.
				if (field === undefined) continue;
				if (field instanceof Map && options.unordered?.(cls, key)) unorderedMaps.add(field);
				fields.push(`${key}: ${ref((obj as Record<string, unknown>)[key])}`);
			}
			lines.push(`#${id} ${cls} {${fields.join(', ')}}`);
		}
	}
	return lines;
}

/** How an unordered Map's key sorts: an object key by its label or name (an N_Port's `host/qlc0`). */
function keyText(key: unknown): string {
	if (key && typeof key === 'object') {
		const k = key as {label?: unknown; name?: unknown};
		return String(k.label ?? k.name ?? '');
	}
	return String(key);
}

/** An array without its trailing empty slots (a table indexed by number that shrank). */
export function trimmed(items: readonly unknown[]): readonly unknown[] {
	let n = items.length;
	while (n > 0 && items[n - 1] === undefined) n--;
	return n === items.length ? items : items.slice(0, n);
}

/** The first lines where two dumps differ, with a little context, for a readable failure. */
export function firstDifferences(a: readonly string[], b: readonly string[], count = 8): string {
	const out: string[] = [];
	const n = Math.max(a.length, b.length);
	for (let i = 0; i < n && out.length < count * 3; i++) {
		if (a[i] === b[i]) continue;
		out.push(`line ${i}:`, `  saved:    ${clip(a[i])}`, `  restored: ${clip(b[i])}`);
	}
	return out.join('\n');
}

function clip(s: string | undefined): string {
	if (s === undefined) return '(none)';
	return s.length > 400 ? `${s.slice(0, 400)}...` : s;
}

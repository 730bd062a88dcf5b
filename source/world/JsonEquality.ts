/**
 * Whether two JSON values would be written as the same text (JSON.stringify): the same keys in the
 * same order, the same items, the same numbers and texts. Lets the world keep a part's saved text
 * when the part, rebuilt, came out as it was, instead of writing 5 MB again to find that out.
 */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) {
			const x = a[i];
			const y = b[i];
			if (x !== y && !sameJson(x === undefined ? null : x, y === undefined ? null : y)) return false;
		}
		return true;
	}
	if (Array.isArray(b)) return false;
	const ka = definedKeys(a as Record<string, unknown>);
	const kb = definedKeys(b as Record<string, unknown>);
	if (ka.length !== kb.length) return false;
	for (let i = 0; i < ka.length; i++) {
		if (ka[i] !== kb[i]) return false;
		if (!sameJson((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!])) return false;
	}
	return true;
}

/** The keys JSON.stringify writes: those whose value is not undefined (nor a function). */
function definedKeys(o: Record<string, unknown>): string[] {
	return Object.keys(o).filter(k => o[k] !== undefined && typeof o[k] !== 'function');
}

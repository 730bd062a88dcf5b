/**
 * A Map for tables that are nearly always tiny: an fp instance's remote ports are two targets
 * for a typical virtual port, yet can be thousands for a physical port in an open fabric. Up to
 * LIMIT entries live in one flat array (key, value, key, value...); past that, in a Map. Same
 * semantics as Map for what the driver uses: insertion order, replace in place, delete.
 * 100,000 virtual ports then keep no hash tables of their own.
 */
const LIMIT = 8;

export class CompactMap<K, V> {
	private flat: unknown[] | undefined;
	private map: Map<K, V> | undefined;

	get size(): number {
		return this.map ? this.map.size : (this.flat?.length ?? 0) >> 1;
	}

	get(key: K): V | undefined {
		if (this.map) return this.map.get(key);
		const flat = this.flat;
		if (!flat) return undefined;
		for (let i = 0; i < flat.length; i += 2) if (flat[i] === key) return flat[i + 1] as V;
		return undefined;
	}

	has(key: K): boolean {
		if (this.map) return this.map.has(key);
		const flat = this.flat;
		if (!flat) return false;
		for (let i = 0; i < flat.length; i += 2) if (flat[i] === key) return true;
		return false;
	}

	set(key: K, value: V): this {
		if (this.map) {
			this.map.set(key, value);
			return this;
		}
		const flat = this.flat ?? [];
		for (let i = 0; i < flat.length; i += 2) {
			if (flat[i] === key) {
				flat[i + 1] = value;
				return this;
			}
		}
		if (flat.length < 2 * LIMIT) {
			// exactly as long as needed (push would reserve room for a dozen more)
			const grown = new Array<unknown>(flat.length + 2);
			for (let i = 0; i < flat.length; i++) grown[i] = flat[i];
			grown[flat.length] = key;
			grown[flat.length + 1] = value;
			this.flat = grown;
			return this;
		}
		const map = new Map<K, V>();
		for (let i = 0; i < flat.length; i += 2) map.set(flat[i] as K, flat[i + 1] as V);
		map.set(key, value);
		this.map = map;
		this.flat = undefined;
		return this;
	}

	delete(key: K): boolean {
		if (this.map) return this.map.delete(key);
		const flat = this.flat;
		if (!flat) return false;
		for (let i = 0; i < flat.length; i += 2) {
			if (flat[i] === key) {
				flat.splice(i, 2);
				if (flat.length === 0) this.flat = undefined;
				return true;
			}
		}
		return false;
	}

	/** The values in insertion order, as a new array (changing the table afterwards is safe). */
	values(): V[] {
		if (this.map) return Array.from(this.map.values());
		const flat = this.flat;
		const out: V[] = [];
		if (flat) for (let i = 1; i < flat.length; i += 2) out.push(flat[i] as V);
		return out;
	}

	/** The oldest entry's value. */
	first(): V | undefined {
		if (this.map) return this.map.values().next().value;
		return this.flat?.[1] as V | undefined;
	}

	/** In insertion order; fn must not change the table. */
	forEach(fn: (value: V, key: K) => void): void {
		if (this.map) {
			this.map.forEach(fn);
			return;
		}
		const flat = this.flat;
		if (flat) for (let i = 0; i < flat.length; i += 2) fn(flat[i + 1] as V, flat[i] as K);
	}
}

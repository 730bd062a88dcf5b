import type {Wwn} from '../sim/Wwn.js';

/**
 * Every WWN the lab has ever seen: configured ports, virtual ports in the store, retired ones.
 * The random WWN generator of the HBA-API asks it so that a WWN is never handed out twice, even
 * across runs (the world backs it with the store).
 */
export interface WwnRegistry {
	isKnown(wwn: Wwn): boolean;
	remember(wwn: Wwn): void;
}

/** An in-memory registry: tests, and hosts that are not backed by a store. */
export class MemoryWwnRegistry implements WwnRegistry {
	private readonly known: Set<Wwn>;

	constructor(initial: Iterable<Wwn> = []) {
		this.known = new Set(initial);
	}

	isKnown(wwn: Wwn): boolean {
		return this.known.has(wwn);
	}

	remember(wwn: Wwn): void {
		this.known.add(wwn);
	}

	get size(): number {
		return this.known.size;
	}
}

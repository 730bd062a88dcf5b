/**
 * Sun_fcAdapterCreateWWN(RANDOM): an EUI-64-mapped node WWN from an OUI and 40 random bits, the
 * port WWN the same with bit 0 of the last byte flipped (reference 6). The randomness comes from
 * the seeded Prng (saved in the store); a pair is drawn again while either WWN is one the lab has
 * ever seen, so a random WWN is never handed out twice, across runs too.
 */
import type {Prng} from '../sim/Prng.js';
import {wwnFlipLowBit, wwnFromBytes, type Wwn} from '../sim/Wwn.js';
import type {WwnRegistry} from '../driver/WwnRegistry.js';

/** Sun's OUI 00:00:7D. */
export const SUN_OUI = 0x00007d;

/** Draws before giving up: with 40 random bits, only a registry that knows nearly everything gets here. */
const MAX_DRAWS = 1000;

export interface RandomWwnPair {
	readonly nwwn: Wwn;
	readonly pwwn: Wwn;
}

export class RandomWwnSource {
	constructor(
		private readonly prng: Prng,
		private readonly registry: WwnRegistry,
		private readonly inUse: (w: Wwn) => boolean = () => false,
	) {}

	/** A fresh pair, remembered in the registry; undefined if none could be found. */
	next(oui: number = SUN_OUI): RandomWwnPair | undefined {
		const o = oui >>> 0;
		// EUI-64 mapped: the OUI's first byte shifted right two bits, top two bits set.
		const b0 = (((o >> 16) & 0xff) >> 2) | 0xc0;
		const b1 = (o >> 8) & 0xff;
		const b2 = o & 0xff;
		for (let draw = 0; draw < MAX_DRAWS; draw++) {
			const r = this.prng.bytes(5);
			const nwwn = wwnFromBytes([b0, b1, b2, r[0]!, r[1]!, r[2]!, r[3]!, r[4]!]);
			const pwwn = wwnFlipLowBit(nwwn);
			if (this.registry.isKnown(nwwn) || this.registry.isKnown(pwwn) || this.inUse(nwwn) || this.inUse(pwwn)) continue;
			this.registry.remember(nwwn);
			this.registry.remember(pwwn);
			return {nwwn, pwwn};
		}
		return undefined;
	}
}

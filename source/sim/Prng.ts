/**
 * Seeded PRNG (xoshiro128**). Its whole state is four 32-bit words that the store saves, so a
 * random WWN never repeats across runs and a replay draws the same numbers.
 */
export type PrngState = readonly [number, number, number, number];

export class Prng {
	private s: Uint32Array;

	constructor(state: PrngState) {
		this.s = Uint32Array.from(state);
		if (this.s.every(w => w === 0)) this.s[0] = 1; // the all-zero state is a fixed point
	}

	static fromSeed(seed: number): Prng {
		// splitmix32 spreads a small integer seed over the 128-bit state
		let x = seed >>> 0;
		const words: number[] = [];
		for (let i = 0; i < 4; i++) {
			x = (x + 0x9e3779b9) >>> 0;
			let z = x;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
			words.push((z ^ (z >>> 16)) >>> 0);
		}
		return new Prng(words as unknown as PrngState);
	}

	get state(): PrngState {
		return [this.s[0]!, this.s[1]!, this.s[2]!, this.s[3]!];
	}

	nextUint32(): number {
		const s = this.s;
		const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
		const t = (s[1]! << 9) >>> 0;
		s[2]! ^= s[0]!;
		s[3]! ^= s[1]!;
		s[1]! ^= s[2]!;
		s[0]! ^= s[3]!;
		s[2]! ^= t;
		s[3] = rotl(s[3]!, 11);
		return result;
	}

	/** Uniform float in [0, 1). */
	nextFloat(): number {
		return this.nextUint32() / 0x1_0000_0000;
	}

	/** Uniform integer in [0, bound). */
	nextInt(bound: number): number {
		if (!(bound > 0)) throw new RangeError(`invalid bound ${bound}`);
		return Math.floor(this.nextFloat() * bound);
	}

	bytes(n: number): Uint8Array {
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i += 4) {
			const w = this.nextUint32();
			for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (w >>> (8 * j)) & 0xff;
		}
		return out;
	}
}

function rotl(x: number, k: number): number {
	return ((x << k) | (x >>> (32 - k))) >>> 0;
}

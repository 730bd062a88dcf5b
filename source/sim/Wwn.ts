/**
 * World Wide Names. A `Wwn` is always 16 lowercase hex digits (no colons), which is how the
 * kernel and fcinfo print them; parse accepts the forms operators type.
 */
declare const wwnBrand: unique symbol;
export type Wwn = string & {readonly [wwnBrand]: true};

const STRICT = /^[0-9a-fA-F]{16}$/;

/** The fcadm rule: exactly 16 hex digits, either case, no 0x, no colons. */
export function isStrictWwnText(text: string): boolean {
	return STRICT.test(text);
}

/** Lenient parse: `2100001b32812345`, `21:00:00:1b:32:81:23:45`, `0x2100001b32812345`. */
export function parseWwn(text: string): Wwn | undefined {
	if (text.length === 16) {
		// The common case (store values, the model's own WWNs) without regular expressions.
		let lower = true;
		for (let i = 0; i < 16; i++) {
			const c = text.charCodeAt(i);
			if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) continue;
			if (c >= 65 && c <= 70) lower = false;
			else return parseWwnText(text);
		}
		return (lower ? text : text.toLowerCase()) as Wwn;
	}
	return parseWwnText(text);
}

function parseWwnText(text: string): Wwn | undefined {
	let t = text.trim();
	if (/^0x/i.test(t)) t = t.slice(2);
	if (/^([0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2}$/.test(t)) t = t.replaceAll(':', '');
	return STRICT.test(t) ? (t.toLowerCase() as Wwn) : undefined;
}

export function wwn(text: string): Wwn {
	const w = parseWwn(text);
	if (!w) throw new Error(`invalid WWN '${text}'`);
	return w;
}

/** Colon form as switches print it: 21:00:00:1b:32:81:23:45. */
export function wwnColons(w: Wwn): string {
	return w.match(/../g)!.join(':');
}

export function wwnUpper(w: Wwn): string {
	return w.toUpperCase();
}

/** Network Address Authority: the first nibble (1 IEEE, 2 IEEE extended, 5 registered, 6 reg. ext., 0xc... used by Sun's random form). */
export function wwnNaa(w: Wwn): number {
	return parseInt(w[0]!, 16);
}

export function wwnFromBytes(bytes: ArrayLike<number>): Wwn {
	if (bytes.length !== 8) throw new Error('a WWN is 8 bytes');
	let s = '';
	for (let i = 0; i < 8; i++) s += (bytes[i]! & 0xff).toString(16).padStart(2, '0');
	return s as Wwn;
}

export function wwnToBytes(w: Wwn): Uint8Array {
	const out = new Uint8Array(8);
	for (let i = 0; i < 8; i++) out[i] = parseInt(w.slice(2 * i, 2 * i + 2), 16);
	return out;
}

/** The same WWN with bit 0 of the last byte flipped (Sun's random port WWN from its node WWN). */
export function wwnFlipLowBit(w: Wwn): Wwn {
	const last = parseInt(w.slice(14), 16) ^ 1;
	return (w.slice(0, 14) + last.toString(16).padStart(2, '0')) as Wwn;
}

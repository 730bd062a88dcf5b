/**
 * fcinfo reads WWN operands with sscanf("%016llx"), not with a validator: leading blanks are
 * skipped, a sign and a 0x prefix are allowed, at most 16 characters are read and reading stops
 * at the first non-hex character. `21:00:...` therefore reads as 0x21, and `2100001b328123456`
 * as its first 16 digits. Only fcadm's NPIV options and operands are validated (isValidWwnText).
 */
import type {Wwn} from '../../sim/Wwn.js';

const HEX = /[0-9a-fA-F]/;
const SPACE = /[ \t\n\v\f\r]/;
const MASK = (1n << 64n) - 1n;

/** The WWN sscanf would store, or undefined when it matched nothing (the variable keeps its old value). */
export function scanWwn(text: string): Wwn | undefined {
	let i = 0;
	while (i < text.length && SPACE.test(text[i]!)) i++;
	let width = 16;
	let negative = false;
	if (text[i] === '+' || text[i] === '-') {
		negative = text[i] === '-';
		i++;
		width--;
	}
	if (width >= 3 && text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && HEX.test(text[i + 2] ?? '')) {
		i += 2;
		width -= 2;
	}
	let digits = '';
	while (width > 0 && i < text.length && HEX.test(text[i]!)) {
		digits += text[i];
		i++;
		width--;
	}
	if (digits === '') return undefined;
	let value = BigInt('0x' + digits) & MASK;
	if (negative) value = (MASK + 1n - value) & MASK;
	return value.toString(16).padStart(16, '0') as Wwn;
}

/** fcadm's isValidWWN: exactly 16 characters, all hex digits, either case. */
export function isValidWwnText(text: string): boolean {
	return /^[0-9a-fA-F]{16}$/.test(text);
}

/** The all-zero WWN, standing in for the C variable a failed sscanf leaves unset. */
export const ZERO_WWN = '0000000000000000' as Wwn;

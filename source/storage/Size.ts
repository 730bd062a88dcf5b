import {StorageError} from './StorageError.js';

/** Largest LU the emulation accepts: 1 PiB, far beyond any lab yet small enough to stay exact. */
export const MAX_LUN_MIB = 1024 * 1024 * 1024;

const UNITS = {M: 1, G: 1024, T: 1024 * 1024} as const;

/**
 * Parses `500M`, `10G`, `1.5T`, `10GiB`, `10gb` (binary units: G = GiB) or a bare number of MiB.
 * The result must be a whole number of MiB, at least 1.
 */
export function parseSizeMiB(text: string): number {
	const m = /^(\d+(?:\.\d+)?)(?:([MGTmgt])(?:i?[Bb])?)?$/.exec(text.trim());
	const bad = () => new StorageError(`bad size '${text}': use a number with M, G or T (e.g. 500M, 10G, 2T)`);
	if (!m) throw bad();
	const unit = (m[2]?.toUpperCase() ?? 'M') as keyof typeof UNITS;
	const mib = Number(m[1]) * UNITS[unit];
	if (!Number.isFinite(mib) || mib < 1) throw bad();
	if (!Number.isInteger(mib)) throw new StorageError(`bad size '${text}': not a whole number of MiB`);
	if (mib > MAX_LUN_MIB) throw new StorageError(`bad size '${text}': larger than 1024T`);
	return mib;
}

/** The largest unit that keeps the number at least 1, two decimals at most: 512M, 10G, 1.5T. */
export function formatSizeMiB(mib: number): string {
	for (const [unit, factor] of [['T', UNITS.T], ['G', UNITS.G]] as const) {
		if (mib >= factor) return `${trimDecimals(mib / factor)}${unit}`;
	}
	return `${mib}M`;
}

function trimDecimals(value: number): string {
	return value.toFixed(2).replace(/\.?0+$/, '');
}

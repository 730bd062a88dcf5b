/**
 * Xenbus conventions: the device state machine both ends of a split driver walk through, and the
 * virtual block device numbers Linux/Solaris frontends derive from names (xen/util/blkif.py).
 */
export const XenbusState = {
	Unknown: 0,
	Initialising: 1,
	InitWait: 2,
	Initialised: 3,
	Connected: 4,
	Closing: 5,
	Closed: 6,
	Reconfiguring: 7,
	Reconfigured: 8,
} as const;
export type XenbusState = (typeof XenbusState)[keyof typeof XenbusState];

export type HotplugStatus = 'connected' | 'error' | 'busy';

const XVD_MAJOR = 202;

/** `xvdb` -> 51728, `hda` -> 768, `sdb` -> 2064, `51712` / `0xca00` as given; undefined if unknown. */
export function blockDeviceNumber(name: string): number | undefined {
	if (/^\d+$/.test(name)) return Number(name);
	if (/^0x[0-9a-f]+$/i.test(name)) return parseInt(name, 16);
	let m = /^xvd([a-z]+)(\d*)$/.exec(name);
	if (m) {
		const disk = lettersToIndex(m[1]!);
		const part = m[2] ? Number(m[2]) : 0;
		if (disk < 16 && part < 16) return (XVD_MAJOR << 8) | (disk << 4) | part;
		if (part > 255) return undefined;
		return (1 << 28) | (disk << 8) | part;
	}
	m = /^hd([a-t])(\d*)$/.exec(name);
	if (m) {
		const disk = m[1]!.charCodeAt(0) - 97;
		const majors = [3, 22, 33, 34, 56, 57, 88, 89, 90, 91];
		const part = m[2] ? Number(m[2]) : 0;
		if (part > 63) return undefined;
		return (majors[disk >> 1]! << 8) | ((disk & 1) << 6) | part;
	}
	m = /^sd([a-z]+)(\d*)$/.exec(name);
	if (m) {
		const disk = lettersToIndex(m[1]!);
		const part = m[2] ? Number(m[2]) : 0;
		if (disk >= 16 || part > 15) return undefined;
		return (8 << 8) | (disk << 4) | part;
	}
	return undefined;
}

/** Index 0 -> `xvda`, 25 -> `xvdz`, 26 -> `xvdaa`. */
export function xvdName(index: number): string {
	let n = index;
	let s = '';
	do {
		s = String.fromCharCode(97 + (n % 26)) + s;
		n = Math.floor(n / 26) - 1;
	} while (n >= 0);
	return `xvd${s}`;
}

function lettersToIndex(letters: string): number {
	let n = 0;
	for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 96);
	return n - 1;
}

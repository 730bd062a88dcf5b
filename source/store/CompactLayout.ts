/**
 * The file layout of a big store (above PRETTY_LIMIT: a generated lab of 100,000 virtual ports).
 * It is plain JSON, laid out in lines so that a reader can find its pieces without parsing them
 * and a writer can write back, as the bytes they were read as, the pieces a command did not touch:
 *
 *   {"version":3,"revision":7,"seed":1,"prng":[...],"clock":12345,"lab":{
 *   "name":"big",
 *   "hosts":[
 *   {one host},
 *   {another host}
 *   ],
 *   "domains":[],
 *   ...
 *   },
 *   "retiredWwns":[...],
 *   "events":[...],
 *   "live":{"labHash":"<40 hex>","mainHash":"<40 hex>","labAt":[<from>,<to>],"parts":[
 *   <loops and cables>,
 *   <fabric 1>,
 *   ...
 *   <host 1>,
 *   ...
 *   <xen>
 *   ],"sizes":[<bytes of each part>],"offset":<where ',\n"live"' starts>}}
 *
 * Every line holds one compact JSON value (JSON has no newline inside a value). A lab key is on a
 * line of its own; each item of a lab list is a line. The live parts are one line each and are
 * decoded only when the world asks for them (a command about one host of 500 reads one host's
 * part). `labHash` is the SHA-1 of the lab's bytes, from its `{` to its `}` (at `labAt`): a
 * configuration edited by hand no longer matches it, and then the live state is set aside.
 * `mainHash` is the SHA-1 of everything before the live section: when it matches, the document is
 * byte for byte what this program checked and wrote, and is not checked again.
 *
 * A small store is written the same way, except that what comes before the live section is
 * indented for people to read (then `labAt` is [0,0] and the lab's hash is that of its compact
 * JSON text).
 */
import {createHash, type Hash} from 'node:crypto';
import type {LabConfig} from '../world/LabConfig.js';
import type {LiveText} from '../world/WorldDocument.js';

/** A live part as read from the file: its bytes, decoded on first use. */
export class FilePart implements LiveText {
	private decoded: string | undefined;

	constructor(readonly bytes: Uint8Array) {}

	get text(): string {
		return (this.decoded ??= textOf(this.bytes));
	}

	/** Never decoded: its bytes can be written back as they are. */
	get untouched(): boolean {
		return this.decoded === undefined;
	}
}

/** Bytes as text: all ASCII (what this program writes) is decoded the fast way. */
export function textOf(bytes: Uint8Array): string {
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return b.toString('utf8');
}

const LAB_OPEN = '"lab":{\n';
const LAB_CLOSE = '\n},\n"retiredWwns":';
const LIVE_OPEN = ',\n"live":{"labHash":"';
/** After the live section's opening: the two hashes and where the lab is. */
const LIVE_HEADER = /^([0-9a-f]{40})","mainHash":"([0-9a-f]{40})","labAt":\[(\d+),(\d+)\],"parts":\[\n/;
const PARTS_CLOSE = '\n],"sizes":[';
const LAB_OPEN_BYTES = Buffer.from(LAB_OPEN);
const LAB_CLOSE_BYTES = Buffer.from(LAB_CLOSE);
const LIVE_OPEN_BYTES = Buffer.from(LIVE_OPEN);
const PARTS_CLOSE_BYTES = Buffer.from(PARTS_CLOSE);
const OFFSET_AT_END = /\],"offset":(\d+)\}\}\n$/;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * The bytes each lab item was read as (a host, an array, a fabric...), for the next write: an
 * item that is still the very object read (store documents are never changed in place) is
 * written back as those bytes instead of being serialised and encoded again.
 */
const itemBytes = new WeakMap<object, Uint8Array>();

export interface CompactRead {
	/** The document without its live state, parsed. */
	readonly main: Record<string, unknown>;
	readonly labHash: string;
	/** The SHA-1 of the lab's bytes as they are in the file (undefined for an indented store: hash the parsed lab). */
	readonly rawLabHash: string | undefined;
	/** Everything before the live section is as this program wrote it (mainHash matches). */
	readonly verbatim: boolean;
	readonly parts: readonly LiveText[];
}

/** Reads a file in this layout; undefined when it is not (a copy reformatted by an editor: parse it whole). */
export function readCompact(bytes: Buffer, options: {readonly indexItems: (main: Record<string, unknown>) => boolean}): CompactRead | undefined {
	const at = liveOffset(bytes);
	if (at === undefined) return undefined;
	const headerAt = at + LIVE_OPEN_BYTES.length;
	const header = LIVE_HEADER.exec(bytes.toString('latin1', headerAt, headerAt + 160));
	if (!header) return undefined;
	const [opening, labHash, mainHash, labFrom, labTo] = header as unknown as [string, string, string, string, string];
	let main: unknown;
	try {
		main = JSON.parse(textOf(bytes.subarray(0, at)) + '}');
	} catch {
		return undefined;
	}
	if (!main || typeof main !== 'object' || Array.isArray(main)) return undefined;
	const parts = splitParts(bytes, headerAt + opening.length);
	if (!parts) return undefined;
	const verbatim = createHash('sha1').update(bytes.subarray(0, at)).digest('hex') === mainHash;
	const lab = labBytes(bytes, Number(labFrom), Number(labTo), at);
	const rawLabHash = lab === undefined ? undefined : verbatim ? labHash : createHash('sha1').update(lab).digest('hex');
	const record = main as Record<string, unknown>;
	if (lab && options.indexItems(record)) indexItems(lab, record['lab']);
	return {main: record, labHash, rawLabHash, verbatim, parts};
}

/** Where the live section starts: the offset the file ends with, checked (or looked for). */
function liveOffset(bytes: Buffer): number | undefined {
	const digits = OFFSET_AT_END.exec(bytes.toString('latin1', Math.max(0, bytes.length - 64)));
	if (!digits) return undefined;
	const at = Number(digits[1]);
	if (bytes.subarray(at, at + LIVE_OPEN_BYTES.length).equals(LIVE_OPEN_BYTES)) return at;
	const found = bytes.lastIndexOf(LIVE_OPEN_BYTES);
	return found < 0 ? undefined : found;
}

/**
 * The live parts, one a line from `from`, as bytes: cut where the sizes at the end of the file say
 * (nothing in between is read), or, if they do not fit, where the lines end.
 */
function splitParts(bytes: Buffer, from: number): LiveText[] | undefined {
	const end = bytes.lastIndexOf(PARTS_CLOSE_BYTES);
	if (end < from - 1) return undefined;
	const listed = /^([\d,]*)\]/.exec(bytes.toString('latin1', end + PARTS_CLOSE_BYTES.length, Math.min(bytes.length, end + PARTS_CLOSE_BYTES.length + 16 * 1024)));
	const sizes = listed?.[1] ? listed[1].split(',').map(Number) : [];
	const parts: LiveText[] = [];
	let at = from;
	for (const [i, size] of sizes.entries()) {
		const stop = at + size;
		const last = i === sizes.length - 1;
		if (last ? stop !== end : bytes[stop] !== COMMA || bytes[stop + 1] !== NEWLINE) break;
		parts.push(new FilePart(bytes.subarray(at, stop)));
		at = stop + 2;
	}
	if (sizes.length > 0 && parts.length === sizes.length) return parts;
	parts.length = 0;
	for (at = from; at <= end; ) {
		let stop = bytes.indexOf(NEWLINE, at);
		if (stop < 0 || stop > end) stop = end;
		const last = stop === end;
		parts.push(new FilePart(bytes.subarray(at, !last && bytes[stop - 1] === COMMA ? stop - 1 : stop)));
		at = stop + 1;
		if (last) break;
	}
	return parts;
}

/** The lab's bytes, from its `{` to its `}`, where the header says, when they are laid out as this program writes them. */
function labBytes(bytes: Buffer, from: number, to: number, before: number): Buffer | undefined {
	if (!(from > LAB_OPEN.length && from < to && to <= before)) return undefined;
	const start = from - LAB_OPEN.indexOf('{');
	const opens = bytes.subarray(start, start + LAB_OPEN.length).equals(LAB_OPEN_BYTES);
	const closes = bytes.subarray(to - 2, to - 2 + LAB_CLOSE_BYTES.length).equals(LAB_CLOSE_BYTES);
	return opens && closes ? bytes.subarray(from, to) : undefined;
}

/** Notes the bytes of each lab item, walking the lab's lines as writeLab lays them out. */
function indexItems(lab: Buffer, value: unknown): void {
	if (!value || typeof value !== 'object') return;
	const lines: Buffer[] = [];
	for (let from = 2; from < lab.length; ) {
		let stop = lab.indexOf(NEWLINE, from);
		if (stop < 0) stop = lab.length;
		lines.push(lab.subarray(from, stop));
		from = stop + 1;
	}
	const found = new Map<object, Uint8Array>();
	let line = 0;
	for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
		const head = lines[line++];
		if (!head) return;
		if (!Array.isArray(v) || v.length === 0) continue;
		if (head.toString('latin1') !== `${JSON.stringify(key)}:[`) return;
		for (const item of v) {
			const text = lines[line++];
			if (!text || !item || typeof item !== 'object') return;
			found.set(item as object, text[text.length - 1] === COMMA ? text.subarray(0, -1) : text);
		}
		line++; // the closing ']'
	}
	for (const [item, text] of found) itemBytes.set(item, text);
}

/** A file's content as pieces to write in order: texts, and bytes written back as they were read. */
export type Chunks = (string | Uint8Array)[];

/**
 * Pieces to write, joined as they come: bytes that follow each other in the buffer they were read
 * from become one piece (a run of untouched parts, with the separators between them as they were
 * in the file), so that a 30 MB store is written as a few dozen pieces, neither copied nor
 * written in thousands of small writes.
 */
class ChunkList {
	readonly chunks: Chunks = [];
	bytes = 0;

	push(c: string | Uint8Array): void {
		const chunks = this.chunks;
		const last = chunks[chunks.length - 1];
		if (typeof c === 'string') {
			this.bytes += Buffer.byteLength(c);
			if (typeof last === 'string') chunks[chunks.length - 1] = last + c;
			else if (last !== undefined && c.length <= 8 && followsIn(last, c)) chunks[chunks.length - 1] = widened(last, c.length);
			else chunks.push(c);
			return;
		}
		this.bytes += c.byteLength;
		if (last !== undefined && typeof last !== 'string' && last.buffer === c.buffer && last.byteOffset + last.byteLength === c.byteOffset) chunks[chunks.length - 1] = widened(last, c.byteLength);
		else chunks.push(c);
	}
}

/** Whether the bytes right after `piece`, in the buffer it was read from, are the (ASCII) text `s`. */
function followsIn(piece: Uint8Array, s: string): boolean {
	const at = piece.byteOffset + piece.byteLength;
	if (at + s.length > piece.buffer.byteLength) return false;
	const after = new Uint8Array(piece.buffer, at, s.length);
	for (let i = 0; i < s.length; i++) if (after[i] !== s.charCodeAt(i)) return false;
	return true;
}

function widened(piece: Uint8Array, by: number): Uint8Array {
	return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength + by);
}

/** The document before its live section, as written: its pieces, its size and hashes, and where its lab is. */
export interface MainWritten {
	readonly chunks: Chunks;
	readonly bytes: number;
	readonly labHash: string;
	readonly mainHash: string;
	/** [from, to] of the lab's bytes; [0, 0] when the lab is not laid out for reading back by item. */
	readonly labAt: readonly [number, number];
}

/** The document without its live state (`main`, in saving order) in the compact layout. */
export function writeCompactMain(main: Readonly<Record<string, unknown>>): MainWritten {
	const list = new ChunkList();
	const mainHash = createHash('sha1');
	const push = (c: string | Uint8Array): void => {
		mainHash.update(c);
		list.push(c);
	};
	const labHash = createHash('sha1');
	let labAt: [number, number] = [0, 0];
	let first = true;
	for (const [key, value] of Object.entries(main)) {
		if (value === undefined) continue;
		push(`${first ? '{' : key === 'retiredWwns' ? ',\n' : ','}${JSON.stringify(key)}:`);
		first = false;
		if (key === 'lab') {
			const from = list.bytes;
			writeLab(value as LabConfig, push, labHash);
			labAt = [from, list.bytes];
		} else push(JSON.stringify(value));
	}
	return {chunks: list.chunks, bytes: list.bytes, labHash: labHash.digest('hex'), mainHash: mainHash.digest('hex'), labAt};
}

/** An indented document without its live state (a small store, for people to read). */
export function writeIndentedMain(text: string, labHash: string): MainWritten {
	const head = text.slice(0, text.lastIndexOf('}')).trimEnd();
	return {chunks: [head], bytes: Buffer.byteLength(head), labHash, mainHash: createHash('sha1').update(head).digest('hex'), labAt: [0, 0]};
}

/** The live section that follows a document's main part: one part a line, the untouched ones as the bytes they were read as. */
export function writeLiveSection(main: MainWritten, parts: readonly LiveText[]): Chunks {
	const list = new ChunkList();
	list.push(`${LIVE_OPEN}${main.labHash}","mainHash":"${main.mainHash}","labAt":[${main.labAt[0]},${main.labAt[1]}],"parts":[\n`);
	const sizes: number[] = [];
	parts.forEach((p, i) => {
		if (i > 0) list.push(',\n');
		const before = list.bytes;
		list.push(p instanceof FilePart && p.untouched ? p.bytes : p.text);
		sizes.push(list.bytes - before);
	});
	list.push(`${PARTS_CLOSE}${sizes.join(',')}],"offset":${main.bytes}}}\n`);
	return list.chunks;
}

function writeLab(lab: LabConfig, push: (c: string | Uint8Array) => void, hash: Hash): void {
	const out = (c: string | Uint8Array): void => {
		hash.update(c);
		push(c);
	};
	out('{\n');
	let first = true;
	for (const [key, value] of Object.entries(lab)) {
		if (value === undefined) continue;
		if (!first) out(',\n');
		first = false;
		if (!Array.isArray(value) || value.length === 0) {
			out(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
			continue;
		}
		out(`${JSON.stringify(key)}:[\n`);
		value.forEach((item: unknown, i) => {
			if (i > 0) out(',\n');
			const known = item && typeof item === 'object' ? itemBytes.get(item) : undefined;
			out(known ?? JSON.stringify(item));
		});
		out('\n]');
	}
	out('\n}');
}

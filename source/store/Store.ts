/**
 * The store file: one JSON document holding the lab, the PRNG state, the simulated clock, the
 * event log and the retired WWNs. lowdb's TextFile writes through steno (temporary file, then
 * rename), so a crash leaves either the old document or the new one, never half of one. Changes
 * are read-modify-write under the lock file, so two processes never lose each other's changes.
 */
import {readFileSync, statSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {TextFile} from 'lowdb/node';
import type {LabConfig} from '../world/LabConfig.js';
import {checkDocumentForSave, decodeDocumentBytes, encodeDocumentChunks, finaliseDocument, type Source} from './DocumentCodec.js';
import {DEFAULT_SEED, loadEmbeddedLab, newDocument} from './EmbeddedLab.js';
import type {StoreDocument} from './schema.js';
import {StoreError} from './StoreError.js';
import {holdStoreLock, withStoreLock} from './StoreLock.js';

/** Where the store lives when neither `--state FILE` nor NPIV_STATE says otherwise. */
export const DEFAULT_STORE_PATH = './state/store.json';

export interface StoreOptions {
	/** The lab a missing store is created from (default: the embedded lab). */
	readonly lab?: LabConfig;
	/** The seed a missing store is created with (default 1). */
	readonly seed?: number;
	/** How long update() waits for another process's lock (default 10 s). */
	readonly lockTimeoutMs?: number;
}

export type StoreChange = (document: StoreDocument) => StoreDocument | Promise<StoreDocument>;

export class Store {
	readonly lockFile: string;
	readonly #text: TextFile;
	readonly #source: Source;
	#document: StoreDocument;
	#migratedFrom: number | undefined;
	#liveSetAside: string | undefined;
	/** The file content #document was decoded from (or saved as): unchanged text need not be validated again. */
	/** The file #document was read from or saved as: while it is the same file, it is not read again. */
	#seen: Fingerprint | undefined;

	private constructor(
		/** The store file as the caller named it. */
		readonly file: string,
		private readonly options: StoreOptions,
		document: StoreDocument,
		migratedFrom: number | undefined,
		text: TextFile,
		seen: Fingerprint | undefined,
		liveSetAside: string | undefined,
	) {
		this.lockFile = `${file}.lock`;
		this.#source = {file, kind: 'store'};
		this.#document = document;
		this.#migratedFrom = migratedFrom;
		this.#text = text;
		this.#seen = seen;
		this.#liveSetAside = liveSetAside;
	}

	/**
	 * Opens `file`, creating it (and its folder) from the lab of `options` when it does not exist.
	 * Refuses an unreadable, invalid or too-new file with a StoreError and leaves it untouched.
	 */
	static async open(file: string, options: StoreOptions = {}): Promise<Store> {
		const text = new TextFile(file);
		const source: Source = {file, kind: 'store'};
		let found = readCurrent(file, undefined);
		if (found === null) {
			await ensureFolder(file);
			found = await withStoreLock(file, {timeoutMs: options.lockTimeoutMs}, async () => {
				const existing = readCurrent(file, undefined);
				if (existing !== null) return existing; // another process created it while we waited
				const created = checkDocumentForSave(finaliseDocument(fresh(options), 1), file);
				await save(text, file, created);
				return readCurrent(file, undefined);
			});
		}
		if (found === null || found === 'unchanged') throw new StoreError('io', file, `store ${file}: it disappeared while being opened`);
		const decoded = decodeDocumentBytes(found.bytes, source);
		return new Store(file, options, decoded.document, decoded.migratedFrom, text, found.seen, decoded.liveSetAside);
	}

	/** The document as of the last open, read or update of this object. */
	get document(): StoreDocument {
		return this.#document;
	}

	/**
	 * The schema version the file was in when last read, if older than the current one. The file is
	 * rewritten in the current version by the next update.
	 */
	get migratedFrom(): number | undefined {
		return this.#migratedFrom;
	}

	/** Why the live state of the document last read was set aside (a hand-edited configuration), if it was. */
	get liveSetAside(): string | undefined {
		return this.#liveSetAside;
	}

	/** Reads the file again, without the lock (a save is a rename, so a reader never sees half). */
	async read(): Promise<StoreDocument> {
		const current = this.#current();
		if (current !== null) return current;
		const reopened = await Store.open(this.file, this.options);
		this.#adopt(reopened.document, reopened.migratedFrom, reopened.#seen, reopened.#liveSetAside);
		return reopened.document;
	}

	/**
	 * Read-modify-write under the lock: re-reads the file, applies `change`, bumps the revision,
	 * validates and saves. If `change` throws or produces an invalid document, nothing is written;
	 * if it returns the document it was given, nothing changed and nothing is written either.
	 * Returns the document as saved (or as it is).
	 */
	async update(change: StoreChange): Promise<StoreDocument> {
		await ensureFolder(this.file);
		return withStoreLock(this.file, {timeoutMs: this.options.lockTimeoutMs}, async () => {
			const current = this.#current() ?? fresh(this.options);
			const changed = await change(current);
			if (changed === current) return current;
			const next = checkDocumentForSave(finaliseDocument(changed, current.revision + 1), this.file, current);
			await save(this.#text, this.file, next);
			this.#adopt(next, undefined, fingerprint(this.file), undefined);
			return next;
		});
	}

	/**
	 * Takes the store's lock and keeps it until release(): between the two, `save` writes without
	 * asking for the lock again. For a writer whose change takes a while (a console whose command
	 * is still running in simulated time): other writers wait instead of saving underneath it.
	 */
	async hold(): Promise<HeldStore> {
		await ensureFolder(this.file);
		const release = await holdStoreLock(this.file, {timeoutMs: this.options.lockTimeoutMs});
		let released = false;
		return {
			read: () => this.read(),
			save: async (document: StoreDocument) => {
				if (released) throw new StoreError('io', this.file, `store ${this.file}: saved after its lock was released (a bug)`);
				const current = this.#current() ?? fresh(this.options);
				const next = checkDocumentForSave(finaliseDocument(document, current.revision + 1), this.file, current);
				await save(this.#text, this.file, next);
				this.#adopt(next, undefined, fingerprint(this.file), undefined);
				return next;
			},
			release: async () => {
				if (released) return;
				released = true;
				await release();
			},
		};
	}

	/** The file's document: the one we have while the file is the one we saw, else read and decoded; null when there is no file. */
	#current(): StoreDocument | null {
		const found = readCurrent(this.file, this.#seen);
		if (found === null) return null;
		if (found === 'unchanged') return this.#document;
		const decoded = decodeDocumentBytes(found.bytes, this.#source);
		this.#adopt(decoded.document, decoded.migratedFrom, found.seen, decoded.liveSetAside);
		return decoded.document;
	}

	#adopt(document: StoreDocument, migratedFrom: number | undefined, seen: Fingerprint | undefined, liveSetAside: string | undefined): void {
		this.#document = document;
		this.#migratedFrom = migratedFrom;
		this.#seen = seen;
		this.#liveSetAside = liveSetAside;
	}
}

/** The store with its lock taken (see Store.hold). */
export interface HeldStore {
	/** The file as it is now (another process cannot change it while the lock is held). */
	read(): Promise<StoreDocument>;
	/** Writes a document (revision: the file's plus one); returns it as saved. */
	save(document: StoreDocument): Promise<StoreDocument>;
	release(): Promise<void>;
}

/**
 * Writes a whole new store file (a generated lab): checked, then written through a temporary file
 * and a rename. An existing file is refused unless `replace`. Returns the bytes written.
 */
export async function writeStoreFile(file: string, document: StoreDocument, options: {readonly replace?: boolean} = {}): Promise<number> {
	let exists = true;
	try {
		statSync(file);
	} catch {
		exists = false;
	}
	if (exists && !options.replace) throw new StoreError('io', file, `${file} already exists (give --force to replace it)`);
	await ensureFolder(file);
	const next = checkDocumentForSave(finaliseDocument(document, 1), file);
	await save(new TextFile(file), file, next);
	return statSync(file).size;
}

export function openStore(file: string, options: StoreOptions = {}): Promise<Store> {
	return Store.open(file, options);
}

/** `--state FILE`, else NPIV_STATE, else ./state/store.json. */
export function resolveStorePath(state: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
	return path.resolve(state ?? env['NPIV_STATE'] ?? DEFAULT_STORE_PATH);
}

function fresh(options: StoreOptions): StoreDocument {
	return newDocument(options.lab ?? loadEmbeddedLab(), options.seed ?? DEFAULT_SEED);
}

/**
 * Which file is there: every save writes a new file and renames it over the store, so the inode
 * changes with every save (size and modification time too, as a second opinion).
 */
interface Fingerprint {
	readonly ino: number;
	readonly size: number;
	readonly mtimeMs: number;
}

function fingerprint(file: string): Fingerprint | undefined {
	try {
		const s = statSync(file);
		return {ino: s.ino, size: s.size, mtimeMs: s.mtimeMs};
	} catch {
		return undefined;
	}
}

function sameFile(a: Fingerprint | undefined, b: Fingerprint | undefined): boolean {
	return a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * The file's bytes and fingerprint, 'unchanged' when it is still the file `seen`, or null when
 * there is none. Read whole, in one go (lowdb's reader decodes a 30 MB store piece by piece,
 * which costs a one-shot command more than the rest of its work); the codec decodes only what it
 * parses. lowdb's TextFile still writes the file, through a temporary file and a rename.
 */
function readCurrent(file: string, seen: Fingerprint | undefined): {bytes: Buffer; seen: Fingerprint | undefined} | 'unchanged' | null {
	for (let attempt = 0; ; attempt++) {
		const before = fingerprint(file);
		if (before !== undefined && sameFile(before, seen)) return 'unchanged';
		let bytes: Buffer;
		try {
			bytes = readFileSync(file);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw new StoreError('io', file, `store ${file}: cannot read it: ${(error as Error).message}`);
		}
		// Replaced while we read: read the new one (a save is a rename, so each read is whole).
		const after = fingerprint(file);
		if (sameFile(before, after)) return {bytes, seen: after};
		if (attempt >= 3) return {bytes, seen: undefined};
	}
}

/** Writes the document (lowdb's writer: a temporary file, then a rename); returns what was written. */
async function save(text: TextFile, file: string, document: StoreDocument): Promise<void> {
	const content = encodeDocumentChunks(document);
	try {
		// TextFile hands its data to steno, which writes whatever fs.writeFile takes: the pieces in
		// order (a few dozen: see CompactLayout), the untouched parts as the bytes they were read as.
		await text.write(content as unknown as string);
	} catch (error) {
		throw new StoreError('io', file, `store ${file}: cannot save it: ${(error as Error).message}`);
	}
}

async function ensureFolder(file: string): Promise<void> {
	try {
		await mkdir(path.dirname(path.resolve(file)), {recursive: true});
	} catch (error) {
		throw new StoreError('io', file, `store ${file}: cannot create its folder: ${(error as Error).message}`);
	}
}

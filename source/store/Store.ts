/**
 * The store file: one JSON document holding the lab, the PRNG state, the simulated clock, the
 * event log and the retired WWNs. Saves write a temporary file and rename it over the store (see
 * StoreFile), so a crash leaves either the old document or the new one, never half of one.
 * Changes are read-modify-write under the lock file, so two processes never lose each other's
 * changes. A store named through a symbolic link is the file it points to, lock and all, so that
 * every path to one store shares one lock.
 */
import {readFileSync, statSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import type {LabConfig} from '../world/LabConfig.js';
import {checkDocumentForSave, decodeDocumentBytes, encodeDocumentChunks, finaliseDocument, type Source} from './DocumentCodec.js';
import {DEFAULT_SEED, loadEmbeddedLab, newDocument} from './EmbeddedLab.js';
import type {StoreDocument} from './schema.js';
import {StoreError} from './StoreError.js';
import {refuseReadOnly, saveStoreBytes, storeName, storeTarget} from './StoreFile.js';
import {holdStoreLock, withStoreLock, type LockOptions} from './StoreLock.js';

/** Where the store lives when neither `--state FILE` nor NPIV_STATE says otherwise. */
export const DEFAULT_STORE_PATH = './state/store.json';

export interface StoreOptions {
	/** The lab a missing store is created from (default: the embedded lab). */
	readonly lab?: LabConfig;
	/** The seed a missing store is created with (default 1). */
	readonly seed?: number;
	/** How long update() waits for another process's lock (default NPIV_LOCK_TIMEOUT seconds, else 10 s). */
	readonly lockTimeoutMs?: number;
	/** Told in one line what a lock wait that lasts is waiting for (default: stderr; null: nobody). */
	readonly onLockWait?: ((line: string) => void) | null;
}

export type StoreChange = (document: StoreDocument) => StoreDocument | Promise<StoreDocument>;

export class Store {
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
		seen: Fingerprint | undefined,
		liveSetAside: string | undefined,
	) {
		this.#source = {file, kind: 'store'};
		this.#document = document;
		this.#migratedFrom = migratedFrom;
		this.#seen = seen;
		this.#liveSetAside = liveSetAside;
	}

	/**
	 * Opens `file`, creating it (and its folder) from the lab of `options` when it does not exist.
	 * Refuses an unreadable, invalid or too-new file with a StoreError and leaves it untouched.
	 */
	static async open(file: string, options: StoreOptions = {}): Promise<Store> {
		const source: Source = {file, kind: 'store'};
		const target = storeTarget(file);
		let found = readCurrent(file, target, undefined);
		if (found === null) {
			await ensureFolder(file, target);
			found = await withStoreLock(
				file,
				lockOptions(options),
				async () => {
					const existing = readCurrent(file, target, undefined);
					if (existing !== null) return existing; // another process created it while we waited
					const created = checkDocumentForSave(finaliseDocument(fresh(options), 1), file);
					await save(file, target, created);
					return readCurrent(file, target, undefined);
				},
				lockPathOf(target),
			);
		}
		if (found === null || found === 'unchanged') throw new StoreError('io', file, `store ${file}: it disappeared while being opened`);
		const decoded = decodeDocumentBytes(found.bytes, source);
		return new Store(file, options, decoded.document, decoded.migratedFrom, found.seen, decoded.liveSetAside);
	}

	/** The lock file: beside the file the store's path leads to. */
	get lockFile(): string {
		return lockPathOf(storeTarget(this.file));
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
		const target = storeTarget(this.file);
		refuseReadOnly(this.file, target);
		await ensureFolder(this.file, target);
		return withStoreLock(
			this.file,
			lockOptions(this.options),
			async lock => {
				const current = this.#current(target) ?? fresh(this.options);
				const changed = await change(current);
				if (changed === current) return current;
				const next = checkDocumentForSave(finaliseDocument(changed, current.revision + 1), this.file, current);
				await lock.ensureHeld();
				await save(this.file, target, next);
				this.#adopt(next, undefined, fingerprint(target), undefined);
				return next;
			},
			lockPathOf(target),
		);
	}

	/**
	 * Takes the store's lock and keeps it until release(): between the two, `save` writes without
	 * asking for the lock again. For a writer whose change takes a while (a console whose command
	 * is still running in simulated time): other writers wait instead of saving underneath it.
	 */
	async hold(): Promise<HeldStore> {
		// The file the lock was taken for is the one saved, even if the link is pointed elsewhere meanwhile.
		const target = storeTarget(this.file);
		refuseReadOnly(this.file, target);
		await ensureFolder(this.file, target);
		const lock = await holdStoreLock(this.file, lockOptions(this.options), lockPathOf(target));
		let released = false;
		return {
			read: () => this.read(),
			save: async (document: StoreDocument) => {
				if (released) throw new StoreError('io', this.file, `store ${this.file}: saved after its lock was released (a bug)`);
				const current = this.#current(target) ?? fresh(this.options);
				const next = checkDocumentForSave(finaliseDocument(document, current.revision + 1), this.file, current);
				await lock.ensureHeld();
				await save(this.file, target, next);
				this.#adopt(next, undefined, fingerprint(target), undefined);
				return next;
			},
			release: async () => {
				if (released) return;
				released = true;
				await lock.release();
			},
		};
	}

	/** The file's document: the one we have while the file is the one we saw, else read and decoded; null when there is no file. */
	#current(target: string = storeTarget(this.file)): StoreDocument | null {
		const found = readCurrent(this.file, target, this.#seen);
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
	const target = storeTarget(file);
	await ensureFolder(file, target);
	const next = checkDocumentForSave(finaliseDocument(document, 1), file);
	// Under the store's lock: a process saving the same store meanwhile must not share the temporary file.
	await withStoreLock(file, {}, () => save(file, target, next), lockPathOf(target));
	return statSync(target).size;
}

export function openStore(file: string, options: StoreOptions = {}): Promise<Store> {
	return Store.open(file, options);
}

/** `--state FILE`, else NPIV_STATE (when not empty), else ./state/store.json. */
export function resolveStorePath(state: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
	return path.resolve(state ?? (env['NPIV_STATE'] || DEFAULT_STORE_PATH));
}

function lockPathOf(target: string): string {
	return `${target}.lock`;
}

function lockOptions(options: StoreOptions): LockOptions {
	return {
		...(options.lockTimeoutMs === undefined ? {} : {timeoutMs: options.lockTimeoutMs}),
		...(options.onLockWait === undefined ? {} : {onWait: options.onLockWait}),
	};
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
	readonly kind: 'file' | 'folder' | 'other';
}

function fingerprint(file: string): Fingerprint | undefined {
	try {
		const s = statSync(file);
		return {ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, kind: s.isFile() ? 'file' : s.isDirectory() ? 'folder' : 'other'};
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
 * parses. `target` is the file itself (links followed); messages name `file` as given.
 */
function readCurrent(file: string, target: string, seen: Fingerprint | undefined): {bytes: Buffer; seen: Fingerprint | undefined} | 'unchanged' | null {
	for (let attempt = 0; ; attempt++) {
		const before = fingerprint(target);
		if (before !== undefined && sameFile(before, seen)) return 'unchanged';
		if (before?.kind === 'folder') throw new StoreError('io', file, `store ${storeName(file, target)} is a folder, not a store file: name a file (such as ${path.join(file, 'store.json')})`);
		// A FIFO or a device would block or never end: a store is a regular file.
		if (before !== undefined && before.kind !== 'file') throw new StoreError('io', file, `store ${storeName(file, target)} is not a regular file`);
		let bytes: Buffer;
		try {
			bytes = readFileSync(target);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw new StoreError('io', file, `store ${storeName(file, target)}: cannot read it: ${(error as Error).message}`);
		}
		// Replaced while we read: read the new one (a save is a rename, so each read is whole).
		const after = fingerprint(target);
		if (sameFile(before, after)) return {bytes, seen: after};
		if (attempt >= 3) return {bytes, seen: undefined};
	}
}

/** Writes the document: the pieces in order (see CompactLayout), the untouched parts as the bytes they were read as. */
async function save(file: string, target: string, document: StoreDocument): Promise<void> {
	await saveStoreBytes(file, target, encodeDocumentChunks(document));
}

async function ensureFolder(file: string, target: string): Promise<void> {
	try {
		await mkdir(path.dirname(target), {recursive: true});
	} catch (error) {
		throw new StoreError('io', file, `store ${file}: cannot create its folder: ${(error as Error).message}`);
	}
}

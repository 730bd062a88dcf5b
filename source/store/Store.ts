/**
 * The store file: one JSON document holding the lab, the PRNG state, the simulated clock, the
 * event log and the retired WWNs. lowdb's TextFile writes through steno (temporary file, then
 * rename), so a crash leaves either the old document or the new one, never half of one. Changes
 * are read-modify-write under the lock file, so two processes never lose each other's changes.
 */
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {TextFile} from 'lowdb/node';
import type {LabConfig} from '../world/LabConfig.js';
import {checkDocumentForSave, decodeDocumentText, encodeDocument, finaliseDocument, type Source} from './DocumentCodec.js';
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
	#content: string;

	private constructor(
		/** The store file as the caller named it. */
		readonly file: string,
		private readonly options: StoreOptions,
		document: StoreDocument,
		migratedFrom: number | undefined,
		text: TextFile,
		content: string,
		liveSetAside: string | undefined,
	) {
		this.lockFile = `${file}.lock`;
		this.#source = {file, kind: 'store'};
		this.#document = document;
		this.#migratedFrom = migratedFrom;
		this.#text = text;
		this.#content = content;
		this.#liveSetAside = liveSetAside;
	}

	/**
	 * Opens `file`, creating it (and its folder) from the lab of `options` when it does not exist.
	 * Refuses an unreadable, invalid or too-new file with a StoreError and leaves it untouched.
	 */
	static async open(file: string, options: StoreOptions = {}): Promise<Store> {
		const text = new TextFile(file);
		const source: Source = {file, kind: 'store'};
		let content = await readText(text, file);
		if (content === null) {
			await ensureFolder(file);
			content = await withStoreLock(file, {timeoutMs: options.lockTimeoutMs}, async () => {
				const existing = await readText(text, file);
				if (existing !== null) return existing; // another process created it while we waited
				const created = checkDocumentForSave(finaliseDocument(fresh(options), 1), file);
				return save(text, file, created);
			});
		}
		const decoded = decodeDocumentText(content, source);
		return new Store(file, options, decoded.document, decoded.migratedFrom, text, content, decoded.liveSetAside);
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
		const content = await readText(this.#text, this.file);
		if (content === null) {
			const reopened = await Store.open(this.file, this.options);
			this.#adopt(reopened.document, reopened.migratedFrom, reopened.#content, reopened.#liveSetAside);
			return reopened.document;
		}
		return this.#decode(content);
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
			const content = await readText(this.#text, this.file);
			const current = content === null ? fresh(this.options) : this.#decode(content);
			const changed = await change(current);
			if (changed === current) return current;
			const next = checkDocumentForSave(finaliseDocument(changed, current.revision + 1), this.file);
			this.#adopt(next, undefined, await save(this.#text, this.file, next), undefined);
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
				const content = await readText(this.#text, this.file);
				const current = content === null ? fresh(this.options) : this.#decode(content);
				const next = checkDocumentForSave(finaliseDocument(document, current.revision + 1), this.file);
				this.#adopt(next, undefined, await save(this.#text, this.file, next), undefined);
				return next;
			},
			release: async () => {
				if (released) return;
				released = true;
				await release();
			},
		};
	}

	#decode(content: string): StoreDocument {
		if (content === this.#content) return this.#document;
		const decoded = decodeDocumentText(content, this.#source);
		this.#adopt(decoded.document, decoded.migratedFrom, content, decoded.liveSetAside);
		return decoded.document;
	}

	#adopt(document: StoreDocument, migratedFrom: number | undefined, content: string, liveSetAside: string | undefined): void {
		this.#document = document;
		this.#migratedFrom = migratedFrom;
		this.#content = content;
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

async function readText(text: TextFile, file: string): Promise<string | null> {
	try {
		return await text.read();
	} catch (error) {
		throw new StoreError('io', file, `store ${file}: cannot read it: ${(error as Error).message}`);
	}
}

/** Writes the document; returns the text written. */
async function save(text: TextFile, file: string, document: StoreDocument): Promise<string> {
	const content = encodeDocument(document);
	try {
		await text.write(content);
		return content;
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

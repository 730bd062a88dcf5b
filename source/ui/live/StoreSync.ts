/**
 * The live console and its store file: changes are saved like CLI commands (read-modify-write
 * under the store's lock), one save at a time, and saves by other processes are picked up.
 *
 * What the console keeps as authoritative is its own world. Each change it makes is also kept as
 * the command line that made it (the journal) until it is saved. When another process saved in
 * between (the file's revision moved past the one our world came from), nothing is overwritten:
 * the console reloads the world from the newer document, runs the journal's command lines again
 * on it, and saves that. The same happens when the watcher sees a newer revision while a change
 * is waiting to be saved. A command whose outcome depended on the old state may come out
 * differently the second time (a random WWN is drawn again); the caller is told.
 *
 * Our own saves are recognised by revision: a check of the file runs on the same queue as the
 * saves, so it always sees the revision our last save wrote.
 */
import {watch, type FSWatcher} from 'node:fs';
import path from 'node:path';
import {isStoreError, type Store, type StoreDocument} from '../../store/index.js';

export interface JournalEntry {
	/** The command line as the console ran it (family and words), for a re-run. */
	readonly family: string;
	readonly argv: readonly string[];
	readonly host?: string;
	/** Virtual files the command read (xm create from the domain dialog). */
	readonly files?: Readonly<Record<string, string>>;
}

export interface StoreSyncHost {
	/** The document to save: the console's world written over `current`. */
	toDocument(current: StoreDocument): StoreDocument;
	/** Rebuilds the world from a document another process saved. */
	reload(document: StoreDocument, reason: string): void;
	/** Runs journal entries again on the reloaded world; returns a note per entry that failed. */
	reapply(entries: readonly JournalEntry[]): string[];
	/** Something the operator should read that no action is waiting for (the watcher's work). */
	note(text: string): void;
}

export interface SaveOutcome {
	readonly saved: boolean;
	/** Something the operator should read (a conflict resolved, a failed save); null when all went as usual. */
	readonly note: string | null;
}

class StoreMoved extends Error {
	constructor(readonly document: StoreDocument) {
		super('the store changed underneath');
	}
}

const MAX_REAPPLY = 3;
/** Saves arrive as a rename and sometimes a change too: one check for a burst. */
const WATCH_SETTLE_MS = 30;

export class StoreSync {
	/** Revision of the document our world stands on (loaded or last saved). */
	revision: number;
	private chain: Promise<unknown> = Promise.resolve();
	private journal: JournalEntry[] = [];
	private watcher: FSWatcher | undefined;
	private settle: ReturnType<typeof setTimeout> | undefined;
	private closed = false;

	constructor(
		readonly store: Store,
		private readonly host: StoreSyncHost,
		revision: number,
	) {
		this.revision = revision;
	}

	get pendingChanges(): number {
		return this.journal.length;
	}

	/** Records a change and saves it (queued behind any save or check in progress). */
	save(entry?: JournalEntry): Promise<SaveOutcome> {
		if (entry) this.journal.push(entry);
		return this.enqueue(() => this.saveOnce(0, null));
	}

	/** Waits for every queued save and check. */
	async flush(): Promise<void> {
		for (;;) {
			const chain = this.chain;
			await chain.catch(() => undefined);
			if (chain === this.chain) return;
		}
	}

	/** Watches the store's folder (a save is a rename of a temporary file onto the store). */
	watch(): void {
		if (this.watcher || this.closed) return;
		const file = path.resolve(this.store.file);
		const base = path.basename(file);
		try {
			this.watcher = watch(path.dirname(file), {persistent: false}, (_event, name) => {
				if (name !== null && name !== base) return;
				if (this.settle) clearTimeout(this.settle);
				this.settle = setTimeout(() => {
					this.settle = undefined;
					this.check().catch(() => undefined);
				}, WATCH_SETTLE_MS);
			});
			this.watcher.on('error', () => this.unwatch());
		} catch {
			// No watching (a folder we cannot watch): changes of others show up at our next save.
		}
	}

	/** Looks at the file now: a newer revision by someone else is loaded. */
	check(): Promise<SaveOutcome> {
		return this.enqueue(async () => {
			if (this.closed) return {saved: false, note: null};
			let doc: StoreDocument;
			try {
				doc = await this.store.read();
			} catch (error) {
				if (isStoreError(error)) return this.noted({saved: false, note: `the store file changed but cannot be read: ${(error as Error).message}`});
				throw error;
			}
			if (doc.revision <= this.revision) return {saved: false, note: null};
			try {
				this.host.reload(doc, `revision ${doc.revision} saved by another process`);
			} catch (error) {
				// Keep the world we have; our next save will meet the newer revision and try again.
				return this.noted({saved: false, note: `the store was changed by another process but could not be loaded: ${(error as Error).message}`});
			}
			this.revision = doc.revision;
			if (this.journal.length === 0) return {saved: false, note: null};
			const failed = this.host.reapply(this.journal);
			const outcome = await this.saveOnce(0, failed);
			return this.noted(outcome);
		});
	}

	async close(): Promise<void> {
		this.unwatch();
		await this.flush();
		this.closed = true;
	}

	private unwatch(): void {
		if (this.settle) clearTimeout(this.settle);
		this.settle = undefined;
		this.watcher?.close();
		this.watcher = undefined;
	}

	private noted(outcome: SaveOutcome): SaveOutcome {
		if (outcome.note) this.host.note(outcome.note);
		return outcome;
	}

	private enqueue<T>(job: () => Promise<T>): Promise<T> {
		const run = this.chain.then(job, job);
		this.chain = run.catch(() => undefined);
		return run;
	}

	private async saveOnce(attempt: number, failedBefore: string[] | null): Promise<SaveOutcome> {
		try {
			const saved = await this.store.update(current => {
				if (current.revision !== this.revision) throw new StoreMoved(current);
				return this.host.toDocument(current);
			});
			this.revision = saved.revision;
			this.journal = [];
			if (failedBefore === null) return {saved: true, note: null};
			const failures = failedBefore.length > 0 ? `; ran again with errors: ${failedBefore.join('; ')}` : '';
			return {saved: true, note: `the store was changed by another process: reloaded it, ran this console's unsaved change again and saved (revision ${saved.revision})${failures}`};
		} catch (error) {
			if (error instanceof StoreMoved) {
				this.host.reload(error.document, `revision ${error.document.revision} saved by another process`);
				this.revision = error.document.revision;
				if (attempt >= MAX_REAPPLY) {
					this.journal = [];
					return {saved: false, note: 'the store keeps changing underneath: reloaded it; the change was NOT saved'};
				}
				const failed = this.host.reapply(this.journal);
				return this.saveOnce(attempt + 1, [...(failedBefore ?? []), ...failed]);
			}
			if (isStoreError(error)) return {saved: false, note: `not saved: ${(error as Error).message}`};
			throw error;
		}
	}
}

/**
 * A lab that lives on in a long-running process (the console), kept in step with its store file.
 *
 * The rule that keeps two processes from ever losing each other's changes, without merging: a
 * change holds the store's lock from the moment it starts until the SAN has finished what it
 * started and the result is saved. So the console takes the lock before it runs an action (and
 * first adopts anything another process saved meanwhile), keeps it while the action's work runs
 * on the simulated clock (a migration takes simulated seconds), saves when the SAN is idle again,
 * and lets go. A one-shot command that wants to write meanwhile waits for the lock. While the
 * console holds no lock its lab is exactly its last save (plus the clock, which moves on its own
 * and is saved with the next change), so a save by another process is simply adopted: restored,
 * not booted, with the console's clock carrying on.
 */
import {watch, type FSWatcher} from 'node:fs';
import path from 'node:path';
import type {HeldStore, Store, StoreDocument} from '../store/index.js';
import {isStoreError} from '../store/index.js';
import {Lab} from './Lab.js';

export interface LiveLabHost {
	/** Another process's save was adopted: this is the lab now. */
	replaced(lab: Lab, reason: string): void;
	/** Something the operator should read that no action is waiting for. */
	note(text: string): void;
}

export interface SaveOutcome {
	readonly saved: boolean;
	/** For the operator (a failed save); null when all went as usual. */
	readonly note: string | null;
}

const NOTHING: SaveOutcome = {saved: false, note: null};
/** A save arrives as a rename and sometimes a change too: one check for a burst. */
const WATCH_SETTLE_MS = 30;

export class LiveLab {
	private held: HeldStore | undefined;
	private chain: Promise<unknown> = Promise.resolve();
	private closed = false;
	private watcher: FSWatcher | undefined;
	private settleTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		readonly store: Store | undefined,
		private current: Lab,
		private readonly host: LiveLabHost,
	) {}

	get lab(): Lab {
		return this.current;
	}

	/** Whether this process holds the store's lock (a change of its own is under way). */
	get holding(): boolean {
		return this.held !== undefined;
	}

	/** The revision of the save the lab stands on. */
	get revision(): number {
		return this.current.base.revision;
	}

	/**
	 * Before a change: takes the lock (waiting for another process's save to finish) and adopts a
	 * newer save first. Throws a StoreError when the lock cannot be had (the caller says so).
	 */
	begin(): Promise<void> {
		return this.enqueue(async () => {
			if (!this.store || this.held || this.closed) return;
			this.held = await this.store.hold();
			const doc = await this.held.read();
			if (doc.revision > this.current.base.revision) this.adopt(doc, `revision ${doc.revision}`);
		});
	}

	/**
	 * When the SAN may have gone idle: if this process holds the lock and nothing is pending, saves
	 * what changed (the clock alone is not a change) and lets the lock go.
	 */
	settle(options: {readonly withClock?: boolean} = {}): Promise<SaveOutcome> {
		return this.enqueue(async () => {
			if (!this.held || this.current.busy) return NOTHING;
			const held = this.held;
			try {
				const next = this.current.nextDocument({ignoreClock: options.withClock !== true});
				if (!next) return NOTHING;
				const saved = await held.save(next);
				this.current.rebase(saved);
				return {saved: true, note: null};
			} catch (error) {
				if (isStoreError(error)) return {saved: false, note: `not saved: ${(error as Error).message}`};
				throw error;
			} finally {
				this.held = undefined;
				await held.release();
			}
		});
	}

	/**
	 * A change that failed half-way (a bug threw): nothing of it is saved, the lock is let go, and
	 * the lab is put back to the store's last save.
	 */
	abandon(): Promise<void> {
		return this.enqueue(async () => {
			const held = this.held;
			this.held = undefined;
			if (held) await held.release();
			if (!this.store) return;
			const doc = await this.store.read();
			this.adopt(doc, `revision ${doc.revision}, after a failed change`, {rewind: true});
		});
	}

	/** The store file changed (a watcher saw it): adopts a newer save unless a change of ours is under way. */
	check(): Promise<void> {
		return this.enqueue(async () => {
			if (!this.store || this.held || this.closed) return;
			let doc: StoreDocument;
			try {
				doc = await this.store.read();
			} catch (error) {
				if (isStoreError(error)) {
					this.host.note(`the store file changed but cannot be read: ${(error as Error).message}`);
					return;
				}
				throw error;
			}
			if (doc.revision <= this.current.base.revision) return;
			this.adopt(doc, `revision ${doc.revision}`);
		});
	}

	/**
	 * On the way out: whatever the SAN is still doing is run to its end (a migration completes),
	 * saved, and the lock let go.
	 */
	async close(options: {readonly keepClock?: boolean} = {}): Promise<SaveOutcome> {
		this.unwatch();
		if (options.keepClock && !this.held) {
			// Whoever opens the store next carries on from this clock, not the last change's.
			await this.begin().catch(() => undefined);
		}
		if (this.current.busy && this.held) this.current.world.runUntilIdle();
		const outcome = await this.settle({withClock: options.keepClock === true});
		this.closed = true;
		return outcome;
	}

	/** Watches the store's folder (a save is a rename of a temporary file onto the store) and checks on every save. */
	watch(): void {
		if (!this.store || this.watcher || this.closed) return;
		const file = path.resolve(this.store.file);
		const base = path.basename(file);
		try {
			this.watcher = watch(path.dirname(file), {persistent: false}, (_event, name) => {
				if (name !== null && name !== base) return;
				if (this.settleTimer) clearTimeout(this.settleTimer);
				this.settleTimer = setTimeout(() => {
					this.settleTimer = undefined;
					this.check().catch(() => undefined);
				}, WATCH_SETTLE_MS);
			});
			this.watcher.on('error', () => this.unwatch());
		} catch {
			// A folder that cannot be watched: others' saves are seen at our next change.
		}
	}

	unwatch(): void {
		if (this.settleTimer) clearTimeout(this.settleTimer);
		this.settleTimer = undefined;
		this.watcher?.close();
		this.watcher = undefined;
	}

	/** Waits for every queued step. */
	async flush(): Promise<void> {
		for (;;) {
			const chain = this.chain;
			await chain.catch(() => undefined);
			if (chain === this.chain) return;
		}
	}

	private adopt(doc: StoreDocument, reason: string, options: {readonly rewind?: boolean} = {}): void {
		const now = this.current.world.sim.now;
		const next = Lab.open(doc, this.store?.liveSetAside ? {liveSetAside: this.store.liveSetAside} : {});
		// The console's clock has run on since its last save: it does not go back.
		if (!options.rewind && next.world.sim.now < now && !next.busy) {
			next.world.sim.runUntil(now);
			next.journal.record({kind: 'until', at: now});
		}
		this.current = next;
		this.host.replaced(next, reason);
	}

	private enqueue<T>(job: () => Promise<T>): Promise<T> {
		const run = this.chain.then(job, job);
		this.chain = run.catch(() => undefined);
		return run;
	}
}

/**
 * The exclusive lock that makes a read-modify-write of the store atomic across processes: a file
 * `<store>.lock` created with O_EXCL that holds the owner's pid. A lock whose owner is gone (the
 * pid no longer runs, or it is our own pid left by an earlier process that had the same number)
 * is stale and is broken; a live one is waited for, up to a bound.
 *
 * The waits here are wall-clock on purpose: this is the file-system layer, where another process
 * is on the other side. Nothing in the simulation waits like this.
 */
import {open, readFile, stat, unlink} from 'node:fs/promises';
import path from 'node:path';
import {StoreError} from './StoreError.js';

export interface LockOptions {
	/** How long to wait for a live lock before giving up (default 10 s). */
	readonly timeoutMs?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** An owner writes its pid right after creating the file; an empty lock younger than this is being born. */
const UNWRITTEN_GRACE_MS = 2_000;
const POLL_FIRST_MS = 5;
const POLL_MAX_MS = 50;

/** One chain per lock file, so that two Store objects of one process queue instead of polling. */
const queues = new Map<string, Promise<void>>();

/**
 * Takes `<file>.lock` and keeps it until the returned release is called (a console holds it while
 * its own change is still running in simulated time). Queued behind this process's other users
 * of the same lock, like withStoreLock.
 */
export function holdStoreLock(file: string, options: LockOptions): Promise<() => Promise<void>> {
	return new Promise((held, failed) => {
		let finish!: () => void;
		const finished = new Promise<void>(resolve => {
			finish = resolve;
		});
		const done: Promise<void> = withStoreLock(file, options, async () => {
			held(async () => {
				finish();
				await done.catch(() => undefined);
			});
			await finished;
		});
		// Taking the lock failed (timeout, I/O): nothing is held.
		done.catch(failed);
	});
}

/**
 * Runs `fn` while holding `<file>.lock`. `file` is the store file, named in errors as given.
 */
export async function withStoreLock<T>(file: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
	const lockPath = path.resolve(`${file}.lock`);
	const previous = queues.get(lockPath) ?? Promise.resolve();
	let done!: () => void;
	const mine = new Promise<void>(resolve => {
		done = resolve;
	});
	const tail = previous.then(() => mine);
	queues.set(lockPath, tail);
	await previous;
	try {
		await acquire(file, lockPath, options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
		try {
			return await fn();
		} finally {
			await unlink(lockPath).catch(() => undefined);
		}
	} finally {
		done();
		if (queues.get(lockPath) === tail) queues.delete(lockPath);
	}
}

interface Holder {
	readonly pid: number | undefined;
	readonly ageMs: number;
	readonly ino: number;
}

async function acquire(file: string, lockPath: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let delay = POLL_FIRST_MS;
	for (;;) {
		if (await tryCreate(file, lockPath)) return;
		const holder = await readHolder(lockPath);
		if (holder === undefined) continue; // released between our attempt and our look
		if (isStale(holder)) {
			await breakStale(lockPath, holder);
			continue;
		}
		if (Date.now() >= deadline) {
			const who = holder.pid === undefined ? 'another process' : `pid ${holder.pid}`;
			throw new StoreError(
				'locked',
				file,
				`store ${file} is locked by ${who} (lock file ${lockPath}); gave up after ${formatSeconds(timeoutMs)}. If no npiv process is using this store, remove the lock file.`,
			);
		}
		await sleep(delay);
		delay = Math.min(delay * 2, POLL_MAX_MS);
	}
}

async function tryCreate(file: string, lockPath: string): Promise<boolean> {
	let handle;
	try {
		handle = await open(lockPath, 'wx');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw new StoreError('io', file, `store ${file}: cannot create the lock file ${lockPath}: ${(error as Error).message}`);
	}
	try {
		await handle.writeFile(`${process.pid}\n`);
	} finally {
		await handle.close();
	}
	return true;
}

async function readHolder(lockPath: string): Promise<Holder | undefined> {
	try {
		const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
		const m = /^\s*(\d+)\s*$/.exec(text);
		return {pid: m ? Number(m[1]) : undefined, ageMs: Date.now() - info.mtimeMs, ino: info.ino};
	} catch {
		return undefined;
	}
}

function isStale(holder: Holder): boolean {
	if (holder.pid === undefined) return holder.ageMs > UNWRITTEN_GRACE_MS;
	// Our own queue guarantees this process does not hold it: the pid was recycled (containers
	// often start every process as the same pid).
	if (holder.pid === process.pid) return true;
	return !isRunning(holder.pid);
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Two waiters may find the same stale lock; only one may remove it, or the slower one would
 * remove the lock the faster one has just taken. A second O_EXCL file guards the removal, and the
 * lock is removed only if it is still the very file (inode) that was judged stale.
 */
async function breakStale(lockPath: string, judged: Holder): Promise<void> {
	const guardPath = `${lockPath}.break`;
	let guard;
	try {
		guard = await open(guardPath, 'wx');
	} catch {
		// Someone else is breaking it; if that someone died doing so, clear its guard.
		const other = await readHolder(guardPath);
		if (other && isStale(other)) await unlink(guardPath).catch(() => undefined);
		await sleep(POLL_FIRST_MS);
		return;
	}
	try {
		try {
			await guard.writeFile(`${process.pid}\n`);
		} finally {
			await guard.close();
		}
		const now = await readHolder(lockPath);
		if (now && now.ino === judged.ino && now.pid === judged.pid && isStale(now)) await unlink(lockPath).catch(() => undefined);
	} finally {
		await unlink(guardPath).catch(() => undefined);
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

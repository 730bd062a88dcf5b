/**
 * The exclusive lock that makes a read-modify-write of the store atomic across processes: a file
 * `<store>.lock` created with O_EXCL that says who holds it (pid, host name, boot id, pid
 * namespace, since when).
 *
 * A pid means something only inside one pid namespace of one boot of one machine: two containers
 * sharing a store (a bind mount, NFS) each have their own pid 7. So a lock is judged by its pid
 * only when it was written on this very machine, boot and pid namespace; any other lock counts as
 * held until it has gone unrefreshed for the stale limit (a holder touches its lock file while it
 * holds it, so a live holder's lock never ages). A lock whose owner is gone is broken; a live one
 * is waited for, with a deadline and a notice on stderr once the wait gets noticeable.
 *
 * The waits here are wall-clock on purpose: this is the file-system layer, where another process
 * is on the other side. Nothing in the simulation waits like this.
 */
import {constants, readFileSync, readlinkSync} from 'node:fs';
import {lstat, open, unlink, utimes} from 'node:fs/promises';
import {hostname} from 'node:os';
import path from 'node:path';
import {StoreError} from './StoreError.js';

export interface LockOptions {
	/** How long to wait for a lock before giving up (default NPIV_LOCK_TIMEOUT seconds, else 10 s). */
	readonly timeoutMs?: number;
	/**
	 * How long a lock written on another machine, boot or pid namespace stays held without being
	 * refreshed (default 60 s). Holders refresh theirs six times within this.
	 */
	readonly staleMs?: number;
	/** Told once, in one line, what the wait is for when it lasts (default: written to stderr); null: not told. */
	readonly onWait?: ((line: string) => void) | null;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
export const DEFAULT_LOCK_STALE_MS = 60_000;
/** A wait longer than this (or than half the deadline, if shorter) is announced. */
export const LOCK_NOTICE_MS = 1_000;
const MAX_TIMEOUT_SECONDS = 86_400;

/** An owner writes who it is right after creating the file; an empty lock younger than this is being born. */
const UNWRITTEN_GRACE_MS = 2_000;
/** A break guard lives for the few milliseconds of one removal: older than this, its owner is gone whatever its pid says. */
const GUARD_STALE_MS = 5_000;
const POLL_FIRST_MS = 5;
const POLL_MAX_MS = 100;
/** More than any lock file npiv writes; a bigger file is not one of ours and is read no further. */
const READ_CAP = 4096;

/** One chain per lock file, so that two Store objects of one process queue instead of polling. */
const queues = new Map<string, Promise<void>>();

/**
 * Takes `<file>.lock` and keeps it until `release()` (a console holds it while its own change is
 * still running in simulated time). Queued behind this process's other users of the same lock,
 * like withStoreLock.
 */
export function holdStoreLock(file: string, options: LockOptions, lockFile?: string): Promise<HeldLock & {release(): Promise<void>}> {
	return new Promise((held, failed) => {
		let finish!: () => void;
		const finished = new Promise<void>(resolve => {
			finish = resolve;
		});
		const done: Promise<void> = withStoreLock(
			file,
			options,
			async lock => {
				held({
					ensureHeld: () => lock.ensureHeld(),
					release: async () => {
						finish();
						await done.catch(() => undefined);
					},
				});
				await finished;
			},
			lockFile,
		);
		// Taking the lock failed (timeout, I/O): nothing is held.
		done.catch(failed);
	});
}

/**
 * Runs `fn` while holding the lock. `file` is the store file, named in errors as given;
 * `lockFile` is the lock (default `<file>.lock`; a store reached through a symbolic link locks
 * beside the file it points to, so that every path to one store shares one lock).
 */
export async function withStoreLock<T>(file: string, options: LockOptions, fn: (lock: HeldLock) => Promise<T>, lockFile?: string): Promise<T> {
	const lockPath = path.resolve(lockFile ?? `${file}.lock`);
	const wait = waitSettings(file, options);
	const previous = queues.get(lockPath) ?? Promise.resolve();
	let done!: () => void;
	const mine = new Promise<void>(resolve => {
		done = resolve;
	});
	const tail = previous.then(() => mine);
	queues.set(lockPath, tail);
	try {
		await waitInProcess(previous, file, lockPath, wait);
		const mine = await acquire(file, lockPath, wait);
		const heartbeat = keepFresh(lockPath, mine, Math.max(10, Math.floor(wait.staleMs / 6)));
		try {
			return await fn({ensureHeld: () => ensureHeld(file, lockPath, mine, wait.staleMs)});
		} finally {
			heartbeat.stop();
			await releaseOwn(lockPath, mine);
		}
	} finally {
		done();
		if (queues.get(lockPath) === tail) queues.delete(lockPath);
	}
}

/** The lock while it is held. */
export interface HeldLock {
	/**
	 * Throws a StoreError unless the lock file is still the one this process created: a holder
	 * that was stopped past the stale limit may have had it broken by another machine, and must
	 * then not save.
	 */
	ensureHeld(): Promise<void>;
}

async function ensureHeld(file: string, lockPath: string, mine: Mine, staleMs: number): Promise<void> {
	if (await isMine(lockPath, mine)) return;
	throw new StoreError(
		'locked',
		file,
		`store ${file}: this process's lock (${lockPath}) was removed while it held it (by hand, or by another machine or container after ${formatAge(staleMs)} without a refresh, when this process was stopped); the change was not saved`,
	);
}

interface WaitSettings {
	readonly started: number;
	readonly timeoutMs: number;
	readonly deadline: number;
	readonly staleMs: number;
	readonly noticeAt: number;
	readonly notice: ((line: string) => void) | null;
	noticed: boolean;
}

function waitSettings(file: string, options: LockOptions): WaitSettings {
	const timeoutMs = options.timeoutMs ?? timeoutFromEnvironment(file);
	const started = Date.now();
	return {
		started,
		timeoutMs,
		deadline: started + timeoutMs,
		staleMs: options.staleMs ?? DEFAULT_LOCK_STALE_MS,
		noticeAt: started + Math.min(LOCK_NOTICE_MS, timeoutMs / 2),
		notice: options.onWait === undefined ? line => process.stderr.write(`${escapeControls(line)}\n`) : options.onWait,
		noticed: false,
	};
}

/** NPIV_LOCK_TIMEOUT: seconds, for a slow shared file system (or a test that must not wait long). */
function timeoutFromEnvironment(file: string): number {
	const text = process.env['NPIV_LOCK_TIMEOUT'];
	if (text === undefined || text === '') return DEFAULT_LOCK_TIMEOUT_MS;
	const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
	if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) {
		throw new StoreError('io', file, `NPIV_LOCK_TIMEOUT takes a number of seconds from 0.001 to ${MAX_TIMEOUT_SECONDS} (such as 10 or 0.5), not '${escapeControls(text.slice(0, 40))}'`);
	}
	return Math.max(1, Math.round(seconds * 1000));
}

/** Another user of the same lock in this process goes first; that wait has the same deadline. */
async function waitInProcess(previous: Promise<void>, file: string, lockPath: string, wait: WaitSettings): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let noticeTimer: ReturnType<typeof setTimeout> | undefined;
	const who = `another user of this store in this process (pid ${process.pid})`;
	const expired = new Promise<'expired'>(resolve => {
		timer = setTimeout(() => resolve('expired'), Math.max(0, wait.deadline - Date.now()));
	});
	if (wait.notice) {
		noticeTimer = setTimeout(() => announce(file, lockPath, wait, who), Math.max(0, wait.noticeAt - Date.now()));
	}
	try {
		const first = await Promise.race([previous.then(() => 'ours' as const), expired]);
		if (first === 'expired') throw new StoreError('locked', file, `store ${file} is locked by ${who} (lock file ${lockPath}); gave up after ${formatSeconds(wait.timeoutMs)}.`);
	} finally {
		clearTimeout(timer);
		clearTimeout(noticeTimer);
	}
}

/** Who wrote a lock file, as far as it says. */
export interface LockOwner {
	readonly pid: number;
	readonly host?: string;
	readonly boot?: string;
	readonly pidns?: string;
	/** When it took the lock (ms since the epoch). */
	readonly since?: number;
}

type Found =
	| {readonly kind: 'gone'}
	/** Not a regular file: nothing npiv writes, nothing that will go away by waiting. */
	| {readonly kind: 'foreign'; readonly what: string}
	| {readonly kind: 'unreadable'; readonly reason: string}
	/** owner undefined: empty or not in a format npiv writes (being written, or garbage). */
	| {readonly kind: 'lock'; readonly owner: LockOwner | undefined; readonly legacy: boolean; readonly ageMs: number; readonly mtimeMs: number; readonly ino: number; readonly text: string};

async function acquire(file: string, lockPath: string, wait: WaitSettings): Promise<Mine> {
	let delay = POLL_FIRST_MS;
	for (;;) {
		const mine = await tryCreate(file, lockPath);
		if (mine !== undefined) return mine;
		const found = await inspect(lockPath);
		if (found.kind === 'foreign') {
			throw new StoreError('locked', file, `store ${file} cannot be locked: its lock file ${lockPath} is ${found.what}, which npiv never makes; remove it if no npiv process is using this store.`);
		}
		let broken: Broken | undefined;
		if (found.kind === 'lock' && isStale(found, wait.staleMs)) broken = await breakStale(file, lockPath, found, wait.staleMs);
		const now = Date.now();
		if (now >= wait.deadline) throw lockedError(file, lockPath, found, wait, broken);
		if (broken?.kind === 'broken' || found.kind === 'gone') continue;
		if (now >= wait.noticeAt) announce(file, lockPath, wait, broken?.kind === 'guarded' ? guardedHolder(found, broken, now) : describeHolder(found, now));
		await sleep(Math.min(delay, wait.deadline - now));
		delay = Math.min(delay * 2, POLL_MAX_MS);
	}
}

function announce(file: string, lockPath: string, wait: WaitSettings, holder: string): void {
	if (wait.noticed || !wait.notice) return;
	wait.noticed = true;
	const left = Math.max(0, wait.deadline - Date.now());
	wait.notice(`npiv: waiting for store ${file}: locked by ${holder} (lock file ${lockPath}); giving up in ${formatSeconds(Math.ceil(left / 100) * 100)}`);
}

function lockedError(file: string, lockPath: string, found: Found, wait: WaitSettings, broken: Broken | undefined): StoreError {
	const now = Date.now();
	const tail = `gave up after ${formatSeconds(wait.timeoutMs)}.`;
	if (broken?.kind === 'guarded') {
		return new StoreError('locked', file, `store ${file} is locked by ${guardedHolder(found, broken, now)} (lock file ${lockPath}); ${tail} If no npiv process is using this store, remove ${lockPath} and ${broken.guardPath}.`);
	}
	const head = `store ${file} is locked by ${describeHolder(found, now)} (lock file ${lockPath}); ${tail}`;
	let advice = 'If no npiv process is using this store, remove the lock file.';
	if (found.kind === 'lock' && found.owner && !found.legacy && !isThisMachine(found.owner)) {
		const left = Math.max(0, wait.staleMs - found.ageMs);
		advice = `A lock from another machine, boot or container counts as abandoned once unrefreshed for ${formatAge(wait.staleMs)} (this one in ${formatAge(left)}). ${advice}`;
	}
	return new StoreError('locked', file, `${head} ${advice}`);
}

/** A lock whose holder is gone, kept in place by someone else's unfinished removal. */
function guardedHolder(found: Found, broken: Extract<Broken, {kind: 'guarded'}>, now: number): string {
	return `${describeHolder(found, now)}, which is gone; its removal is held up by ${describeHolder(broken.guard, now)} (guard file ${broken.guardPath})`;
}

function describeHolder(found: Found, now: number): string {
	if (found.kind === 'unreadable') return `a process npiv cannot identify (the lock file cannot be read: ${found.reason})`;
	if (found.kind !== 'lock' || !found.owner) return 'another process';
	const owner = found.owner;
	if (found.legacy) return `pid ${owner.pid}`;
	const where = isThisMachine(owner) ? `on host ${owner.host ?? '?'}` : `on host ${owner.host ?? '?'} (another machine, boot or container)`;
	const since = owner.since ?? found.mtimeMs;
	return `pid ${owner.pid} ${where} since ${formatTime(since)} (${formatAge(now - since)} ago)`;
}

/**
 * The lock file we created: its inode and what we wrote in it. Both, because a file removed and
 * made again at once often gets the same inode number back.
 */
interface Mine {
	readonly ino: number;
	readonly text: string;
}

/** The lock file as we created it, undefined when it exists already. */
async function tryCreate(file: string, lockPath: string): Promise<Mine | undefined> {
	let handle;
	try {
		handle = await open(lockPath, 'wx');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
		throw new StoreError('io', file, `store ${file}: cannot create the lock file ${lockPath}: ${(error as Error).message}`);
	}
	try {
		const ino = (await handle.stat()).ino;
		const text = `${JSON.stringify(ownRecord())}\n`;
		await handle.writeFile(text);
		return {ino, text};
	} finally {
		await handle.close();
	}
}

async function inspect(lockPath: string): Promise<Found> {
	let info;
	try {
		info = await lstat(lockPath);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'gone'};
		return {kind: 'unreadable', reason: errorReason(error)};
	}
	if (info.isSymbolicLink()) return {kind: 'foreign', what: 'a symbolic link'};
	if (info.isDirectory()) return {kind: 'foreign', what: 'a folder'};
	if (!info.isFile()) return {kind: 'foreign', what: 'a special file (a FIFO, socket or device)'};
	let text: string;
	try {
		// O_NOFOLLOW and O_NONBLOCK: whatever replaced the file since lstat, opening it never blocks nor follows a link.
		const handle = await open(lockPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
		try {
			const opened = await handle.stat();
			if (opened.ino !== info.ino || !opened.isFile()) return {kind: 'gone'};
			const buffer = Buffer.alloc(READ_CAP);
			const {bytesRead} = await handle.read(buffer, 0, READ_CAP, 0);
			text = buffer.subarray(0, bytesRead).toString('utf8');
		} finally {
			await handle.close();
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {kind: 'gone'};
		if (code === 'ELOOP') return {kind: 'foreign', what: 'a symbolic link'};
		return {kind: 'unreadable', reason: errorReason(error)};
	}
	const {owner, legacy} = parseOwner(text);
	return {kind: 'lock', owner, legacy, ageMs: Date.now() - info.mtimeMs, mtimeMs: info.mtimeMs, ino: info.ino, text};
}

/** A record npiv writes (one JSON line), or a bare pid (what npiv wrote before it recorded more). */
export function parseOwner(text: string): {owner: LockOwner | undefined; legacy: boolean} {
	const bare = /^\s*(\d{1,10})\s*$/.exec(text);
	if (bare) return {owner: {pid: Number(bare[1])}, legacy: true};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {owner: undefined, legacy: false};
	}
	if (typeof value !== 'object' || value === null) return {owner: undefined, legacy: false};
	const v = value as Record<string, unknown>;
	if (!Number.isSafeInteger(v['pid']) || (v['pid'] as number) <= 0) return {owner: undefined, legacy: false};
	const text1 = (key: string): string | undefined => (typeof v[key] === 'string' ? (v[key] as string).slice(0, 256) : undefined);
	const sinceText = text1('since');
	const since = sinceText === undefined ? Number.NaN : Date.parse(sinceText);
	const owner: LockOwner = {
		pid: v['pid'] as number,
		...(text1('host') === undefined ? {} : {host: text1('host')}),
		...(text1('boot') === undefined ? {} : {boot: text1('boot')}),
		...(text1('pidns') === undefined ? {} : {pidns: text1('pidns')}),
		...(Number.isFinite(since) ? {since} : {}),
	};
	return {owner, legacy: false};
}

interface Identity {
	readonly host: string;
	readonly boot: string;
	readonly pidns: string;
}

let identity: Identity | undefined;

/** This process's machine, boot and pid namespace: where its pid means what it says. */
export function thisMachine(): Identity {
	identity ??= {host: hostname(), boot: readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()), pidns: readOr(() => readlinkSync('/proc/self/ns/pid'))};
	return identity;
}

function readOr(read: () => string): string {
	try {
		return read();
	} catch {
		return ''; // no /proc (macOS...): the host name alone tells machines apart
	}
}

function ownRecord(): Record<string, unknown> {
	const me = thisMachine();
	return {pid: process.pid, host: me.host, ...(me.boot ? {boot: me.boot} : {}), ...(me.pidns ? {pidns: me.pidns} : {}), since: new Date(Date.now()).toISOString()};
}

function isThisMachine(owner: LockOwner): boolean {
	const me = thisMachine();
	return owner.host === me.host && (owner.boot ?? '') === me.boot && (owner.pidns ?? '') === me.pidns;
}

function isStale(found: Extract<Found, {kind: 'lock'}>, staleMs: number): boolean {
	const owner = found.owner;
	if (!owner) return found.ageMs > UNWRITTEN_GRACE_MS;
	// Here a pid is exact, and a live holder may be stopped (Ctrl-Z) without refreshing its lock:
	// only its death frees the lock. Locks written before they said where they came from are
	// judged the same way, as they always were.
	if (found.legacy || isThisMachine(owner)) {
		// Our own queue guarantees this process does not hold it: the pid was recycled (containers
		// often start every process as the same pid).
		if (owner.pid === process.pid) return true;
		return !isRunning(owner.pid);
	}
	// Elsewhere the pid means nothing here; a holder refreshes its lock while it holds it.
	return found.ageMs > staleMs;
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

type Broken =
	| {readonly kind: 'broken'}
	/** Another process is removing it (or died doing so, and its guard has not aged out yet). */
	| {readonly kind: 'guarded'; readonly guardPath: string; readonly guard: Found}
	/** It changed between the look and the removal: look again. */
	| {readonly kind: 'changed'};

/**
 * Two waiters may find the same stale lock; only one may remove it, or the slower one would
 * remove the lock the faster one has just taken. A second O_EXCL file guards the removal, and the
 * lock is removed only if it is still the very file (inode and content) that was judged stale.
 */
async function breakStale(file: string, lockPath: string, judged: Extract<Found, {kind: 'lock'}>, staleMs: number): Promise<Broken> {
	const guardPath = `${lockPath}.break`;
	let guard;
	try {
		guard = await open(guardPath, 'wx');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw new StoreError('io', file, `store ${file}: cannot create ${guardPath} to remove an abandoned lock: ${errorReason(error)}`);
		}
		const other = await inspect(guardPath);
		if (other.kind === 'foreign') {
			throw new StoreError('locked', file, `store ${file} cannot be locked: ${guardPath} is ${other.what}, which npiv never makes; remove it if no npiv process is using this store.`);
		}
		// A removal takes milliseconds: a guard this old was left by a process that died removing,
		// whatever its pid says now.
		if (other.kind === 'lock' && (other.ageMs > GUARD_STALE_MS || isStale(other, GUARD_STALE_MS))) {
			await unlinkIfSame(guardPath, other.ino);
			return {kind: 'changed'};
		}
		return other.kind === 'gone' ? {kind: 'changed'} : {kind: 'guarded', guardPath, guard: other};
	}
	try {
		const ino = (await guard.stat()).ino;
		try {
			await guard.writeFile(`${JSON.stringify(ownRecord())}\n`);
		} finally {
			await guard.close();
		}
		try {
			const now = await inspect(lockPath);
			if (now.kind === 'lock' && now.ino === judged.ino && now.text === judged.text && isStale(now, staleMs)) {
				await unlink(lockPath).catch(() => undefined);
				return {kind: 'broken'};
			}
			return {kind: 'changed'};
		} finally {
			await unlinkIfSame(guardPath, ino);
		}
	} catch (error) {
		await unlink(guardPath).catch(() => undefined);
		throw error;
	}
}

/** Keeps a held lock young, so that a process on another machine never takes it for abandoned. */
function keepFresh(lockPath: string, mine: Mine, everyMs: number): {stop(): void} {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;
	const beat = (): void => {
		timer = setTimeout(() => {
			void refresh(lockPath, mine).then(() => {
				if (!stopped) beat();
			});
		}, everyMs);
		// A held lock alone does not keep the process running.
		timer.unref();
	};
	beat();
	return {
		stop: () => {
			stopped = true;
			clearTimeout(timer);
		},
	};
}

async function refresh(lockPath: string, mine: Mine): Promise<void> {
	try {
		if (!(await isMine(lockPath, mine))) return;
		const now = Date.now() / 1000;
		await utimes(lockPath, now, now);
	} catch {
		// gone or unreachable for a moment: the next beat tries again
	}
}

/** Removes our lock, and only ours: one broken as abandoned and taken by another process stays. */
async function releaseOwn(lockPath: string, mine: Mine): Promise<void> {
	if (await isMine(lockPath, mine)) await unlink(lockPath).catch(() => undefined);
}

async function isMine(lockPath: string, mine: Mine): Promise<boolean> {
	const found = await inspect(lockPath);
	return found.kind === 'lock' && found.ino === mine.ino && found.text === mine.text;
}

async function unlinkIfSame(file: string, ino: number): Promise<void> {
	try {
		if ((await lstat(file)).ino === ino) await unlink(file);
	} catch {
		// already gone
	}
}

function errorReason(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
	return e.message ?? String(error);
}

/** A store path may hold any byte: none reaches the terminal as a control sequence. */
function escapeControls(text: string): string {
	return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ch => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function sleep(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, Math.max(1, ms)));
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A duration to read at a glance: seconds, then minutes, then hours. */
function formatAge(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 120) return `${seconds} s`;
	if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
	return `${Math.round(seconds / 3600)} h`;
}

/** A moment as UTC, to the second: the same text on every machine that shares the store. */
function formatTime(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

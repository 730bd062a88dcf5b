/** The store's lock against whatever may sit at its path: every wait ends, says what it waits for, and never trusts a pid from elsewhere. */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {openStore, type Store} from '../../source/store/index.js';
import {thisMachine, withStoreLock} from '../../source/store/StoreLock.js';
import {refusalAsync, tempDir} from './helpers.js';

const children: {kill: (signal: NodeJS.Signals) => boolean; exitCode: number | null}[] = [];
afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function liveProcess(): Promise<number> {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); process.stdout.write("up\\n")'], {stdio: ['ignore', 'pipe', 'inherit']});
	children.push(child);
	return new Promise(resolve => child.stdout!.once('data', () => resolve(child.pid!)));
}

/** A pid that ran and is gone. */
function deadPid(): number {
	return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'}).stdout);
}

async function store(options: {lockTimeoutMs: number}): Promise<{file: string; store: Store; notices: string[]}> {
	const file = path.join(tempDir(), 'store.json');
	const notices: string[] = [];
	return {file, store: await openStore(file, {...options, onLockWait: line => notices.push(line)}), notices};
}

/** A lock record as npiv writes one, from wherever `where` says. */
function record(pid: number, where: {host?: string; boot?: string; pidns?: string} = {}, since = new Date(Date.now() - 5000)): string {
	const me = thisMachine();
	return `${JSON.stringify({pid, host: where.host ?? me.host, boot: where.boot ?? me.boot, pidns: where.pidns ?? me.pidns, since: since.toISOString()})}\n`;
}

function ago(ms: number): Date {
	return new Date(Date.now() - ms);
}

describe('a lock path npiv never makes fails at once, naming it', () => {
	const cases: {what: string; make: (lock: string) => void; says: string}[] = [
		{what: 'a folder', make: lock => mkdirSync(lock), says: 'a folder'},
		{what: 'a dangling symbolic link', make: lock => symlinkSync(path.join(path.dirname(lock), 'nowhere'), lock), says: 'a symbolic link'},
		{what: 'a symbolic link to a valid lock', make: lock => (writeFileSync(`${lock}.real`, record(process.pid)), symlinkSync(`${lock}.real`, lock)), says: 'a symbolic link'},
		{what: 'a FIFO (reading it would block)', make: lock => spawnSync('mkfifo', [lock]), says: 'a special file (a FIFO, socket or device)'},
	];
	test.each(cases)('$what', async ({make, says}) => {
		const {file, store: s} = await store({lockTimeoutMs: 10_000});
		const before = readFileSync(file, 'utf8');
		make(`${file}.lock`);
		const started = Date.now();
		const error = await refusalAsync(() => s.update(doc => ({...doc, clock: 1})));
		expect(Date.now() - started).toBeLessThan(1000);
		expect(error.code).toBe('locked');
		expect(error.message).toBe(`store ${file} cannot be locked: its lock file ${file}.lock is ${says}, which npiv never makes; remove it if no npiv process is using this store.`);
		expect(readFileSync(file, 'utf8')).toBe(before);
		// Left where it was: it is the user's to look at.
		expect(lstatSync(`${file}.lock`)).toBeTruthy();
	});
});

describe('a live holder', () => {
	test('is waited for until the deadline, announced once with pid, host and since, then named in the error', async () => {
		const {file, store: s, notices} = await store({lockTimeoutMs: 600});
		const pid = await liveProcess();
		const since = new Date('2026-01-02T03:04:05.000Z');
		writeFileSync(`${file}.lock`, record(pid, {}, since));
		const before = readFileSync(file, 'utf8');
		const started = Date.now();
		const error = await refusalAsync(() => s.update(doc => ({...doc, clock: 1})));
		const took = Date.now() - started;
		expect(took).toBeGreaterThanOrEqual(590);
		expect(took).toBeLessThan(1500);
		const holder = `pid ${pid} on host ${hostname()} since 2026-01-02 03:04:05 UTC`;
		expect(notices).toHaveLength(1);
		expect(notices[0]).toMatch(new RegExp(`^npiv: waiting for store ${file}: locked by ${holder} \\(\\d+ h ago\\) \\(lock file ${file}\\.lock\\); giving up in 0\\.\\d s$`));
		expect(error.code).toBe('locked');
		expect(error.message).toMatch(new RegExp(`^store ${file} is locked by ${holder} \\(\\d+ h ago\\) \\(lock file ${file}\\.lock\\); gave up after 0\\.6 s\\. If no npiv process is using this store, remove the lock file\\.$`));
		expect(readFileSync(file, 'utf8')).toBe(before);
		expect(readFileSync(`${file}.lock`, 'utf8')).toBe(record(pid, {}, since));
	});

	test('the notice comes after 1 s (half the deadline when that is shorter), not at once', async () => {
		const {file, store: s, notices} = await store({lockTimeoutMs: 3000});
		const pid = await liveProcess();
		writeFileSync(`${file}.lock`, record(pid));
		const pending = s.update(doc => ({...doc, clock: 1}));
		await new Promise(resolve => setTimeout(resolve, 700));
		expect(notices).toEqual([]);
		await new Promise(resolve => setTimeout(resolve, 500));
		expect(notices).toHaveLength(1);
		// The holder leaves: the wait ends with the lock taken.
		children[0]!.kill('SIGKILL');
		expect((await pending).clock).toBe(1);
		expect(notices).toHaveLength(1);
		expect(existsSync(`${file}.lock`)).toBe(false);
	});

	test('a holder in this same process is waited for with the same deadline', async () => {
		const file = path.join(tempDir(), 'store.json');
		const a = await openStore(file);
		const b = await openStore(file, {lockTimeoutMs: 300, onLockWait: null});
		const held = await a.hold();
		try {
			const error = await refusalAsync(() => b.update(doc => ({...doc, clock: 1})));
			expect(error.message).toBe(`store ${file} is locked by another user of this store in this process (pid ${process.pid}) (lock file ${file}.lock); gave up after 0.3 s.`);
		} finally {
			await held.release();
		}
		expect((await b.update(doc => ({...doc, clock: 2}))).clock).toBe(2);
	});
});

describe('a lock from another machine, boot or container (another pid namespace)', () => {
	const elsewhere = [
		{what: 'another host', where: {host: 'other-host'}},
		{what: 'this host after a reboot', where: {boot: '00000000-0000-0000-0000-000000000000'}},
		{what: 'another container on this host (same boot, other pid namespace)', where: {pidns: 'pid:[1]'}},
	];

	test.each(elsewhere)('$what: its pid means nothing here; held while fresh, broken once unrefreshed past the stale limit', async ({where}) => {
		const {file, store: s} = await store({lockTimeoutMs: 300});
		// Dead here, and the same number may well be alive over there.
		const pid = deadPid();
		writeFileSync(`${file}.lock`, record(pid, where));
		const error = await refusalAsync(() => s.update(doc => ({...doc, clock: 1})));
		expect(error.message).toContain(`is locked by pid ${pid} on host ${where.host ?? hostname()} (another machine, boot or container) since`);
		expect(error.message).toContain('A lock from another machine, boot or container counts as abandoned once unrefreshed for 60 s (this one in ');
		expect(existsSync(`${file}.lock`)).toBe(true);
		utimesSync(`${file}.lock`, ago(61_000), ago(61_000));
		expect((await s.update(doc => ({...doc, clock: 1}))).clock).toBe(1);
		expect(existsSync(`${file}.lock`)).toBe(false);
	});

	test('one from this machine, boot and pid namespace whose pid is gone is broken at once', async () => {
		const {file, store: s} = await store({lockTimeoutMs: 5000});
		writeFileSync(`${file}.lock`, record(deadPid()));
		const started = Date.now();
		expect((await s.update(doc => ({...doc, clock: 4}))).clock).toBe(4);
		expect(Date.now() - started).toBeLessThan(500);
	});

	test('one from here whose holder runs is held however old (a holder stopped with Ctrl-Z refreshes nothing)', async () => {
		const {file, store: s} = await store({lockTimeoutMs: 200});
		const pid = await liveProcess();
		writeFileSync(`${file}.lock`, record(pid));
		utimesSync(`${file}.lock`, ago(3_600_000), ago(3_600_000));
		expect((await refusalAsync(() => s.update(doc => ({...doc, clock: 5})))).message).toContain(`is locked by pid ${pid} on host ${hostname()} since`);
		children[0]!.kill('SIGKILL');
		await new Promise(resolve => setTimeout(resolve, 50));
		expect((await s.update(doc => ({...doc, clock: 5}))).clock).toBe(5);
	});

	test('a holder writes who it is and keeps its lock fresh while it holds it', async () => {
		const file = path.join(tempDir(), 'store.json');
		const lock = `${file}.lock`;
		await withStoreLock(file, {staleMs: 120}, async () => {
			const written = JSON.parse(readFileSync(lock, 'utf8'));
			expect(written.pid).toBe(process.pid);
			expect(written.host).toBe(hostname());
			if (existsSync('/proc/sys/kernel/random/boot_id')) expect(written.boot).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
			expect(Math.abs(Date.parse(written.since) - Date.now())).toBeLessThan(5000);
			utimesSync(lock, ago(3_600_000), ago(3_600_000));
			await new Promise(resolve => setTimeout(resolve, 150));
			expect(Date.now() - statSync(lock).mtimeMs).toBeLessThan(1000);
		});
		expect(existsSync(lock)).toBe(false);
	});
});

describe('a holder whose lock was taken from it', () => {
	test('does not save, says why, and leaves the new holder its lock', async () => {
		const file = path.join(tempDir(), 'store.json');
		const s = await openStore(file);
		const before = readFileSync(file, 'utf8');
		const held = await s.hold();
		// What another machine does to a lock left unrefreshed past the stale limit (this process was stopped).
		rmSync(`${file}.lock`);
		const theirs = record(4242, {host: 'other-host'});
		writeFileSync(`${file}.lock`, theirs);
		const error = await refusalAsync(() => held.save({...s.document, clock: 9}));
		expect(error.code).toBe('locked');
		expect(error.message).toBe(
			`store ${file}: this process's lock (${file}.lock) was removed while it held it (by hand, or by another machine or container after 60 s without a refresh, when this process was stopped); the change was not saved`,
		);
		await held.release();
		expect(readFileSync(file, 'utf8')).toBe(before);
		expect(readFileSync(`${file}.lock`, 'utf8')).toBe(theirs);
	});
});

describe('breaking an abandoned lock', () => {
	test('a removal guard left by a live pid holds the wait only until the deadline, then ages out', async () => {
		const {file, store: s} = await store({lockTimeoutMs: 300});
		const guardPid = await liveProcess();
		const lockPid = deadPid();
		writeFileSync(`${file}.lock`, `${lockPid}\n`);
		writeFileSync(`${file}.lock.break`, `${guardPid}\n`);
		const started = Date.now();
		const error = await refusalAsync(() => s.update(doc => ({...doc, clock: 1})));
		expect(Date.now() - started).toBeLessThan(1500);
		expect(error.message).toBe(
			`store ${file} is locked by pid ${lockPid}, which is gone; its removal is held up by pid ${guardPid} (guard file ${file}.lock.break) (lock file ${file}.lock); gave up after 0.3 s. If no npiv process is using this store, remove ${file}.lock and ${file}.lock.break.`,
		);
		// A removal takes milliseconds: a guard seconds old belongs to a process that died removing.
		utimesSync(`${file}.lock.break`, ago(10_000), ago(10_000));
		expect((await s.update(doc => ({...doc, clock: 1}))).clock).toBe(1);
		expect(readdirSync(path.dirname(file))).toEqual(['store.json']);
	});

	test('a lock being written (empty or half a record) is waited for while young', async () => {
		const {file, store: s} = await store({lockTimeoutMs: 200});
		writeFileSync(`${file}.lock`, '{"pid": 12');
		const error = await refusalAsync(() => s.update(doc => doc));
		expect(error.message).toContain(`store ${file} is locked by another process (lock file ${file}.lock)`);
		utimesSync(`${file}.lock`, ago(60_000), ago(60_000));
		expect((await s.update(doc => ({...doc, clock: 1}))).revision).toBe(2);
	});
});

describe('the deadline', () => {
	test('NPIV_LOCK_TIMEOUT sets it in seconds; a value that is not one is refused, saying what it takes', async () => {
		const file = path.join(tempDir(), 'store.json');
		const s = await openStore(file, {onLockWait: null});
		const pid = await liveProcess();
		writeFileSync(`${file}.lock`, record(pid));
		const saved = process.env['NPIV_LOCK_TIMEOUT'];
		try {
			process.env['NPIV_LOCK_TIMEOUT'] = '0.2';
			expect((await refusalAsync(() => s.update(doc => ({...doc, clock: 1})))).message).toContain('gave up after 0.2 s');
			for (const bad of ['abc', '-1', '0', '1e3', '90000']) {
				process.env['NPIV_LOCK_TIMEOUT'] = bad;
				expect((await refusalAsync(() => s.update(doc => ({...doc, clock: 1})))).message).toBe(
					`NPIV_LOCK_TIMEOUT takes a number of seconds from 0.001 to 86400 (such as 10 or 0.5), not '${bad}'`,
				);
			}
		} finally {
			if (saved === undefined) delete process.env['NPIV_LOCK_TIMEOUT'];
			else process.env['NPIV_LOCK_TIMEOUT'] = saved;
		}
	});
});

test.skipIf(process.getuid?.() === 0)('an unreadable lock is waited for, and the error says it could not be read', async () => {
	const {file, store: s} = await store({lockTimeoutMs: 200});
	writeFileSync(`${file}.lock`, record(process.pid), {mode: 0o000});
	const error = await refusalAsync(() => s.update(doc => ({...doc, clock: 1})));
	expect(error.message).toContain(`store ${file} is locked by a process npiv cannot identify (the lock file cannot be read: permission denied) (lock file ${file}.lock); gave up after 0.2 s.`);
});

import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {readFileSync, readlinkSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {decodeDocumentText, openStore} from '../../source/store/index.js';
import {buildStoreCli} from './fixtures/storeCli.js';
import {tempDir} from './helpers.js';

let cli: string;
const running: ChildProcess[] = [];

beforeAll(() => {
	cli = buildStoreCli(tempDir());
});

afterEach(() => {
	for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function run(args: string[]): Promise<{code: number | null; stderr: string}> {
	const child = spawn(process.execPath, [cli, ...args], {stdio: ['ignore', 'ignore', 'pipe']});
	running.push(child);
	let stderr = '';
	child.stderr!.on('data', chunk => (stderr += chunk));
	return new Promise(resolve => child.once('exit', code => resolve({code, stderr})));
}

describe('several processes on one store', () => {
	test('N processes doing M updates each lose nothing', async () => {
		const file = path.join(tempDir(), 'store.json');
		await openStore(file);
		const processes = 6;
		const each = 20;
		const results = await Promise.all(Array.from({length: processes}, (_, tag) => run([file, 'increment', String(each), String(tag)])));
		for (const r of results) expect(r).toEqual({code: 0, stderr: ''});
		const doc = (await openStore(file)).document;
		expect(doc.clock).toBe(processes * each);
		expect(doc.revision).toBe(1 + processes * each);
		expect(new Set(doc.retiredWwns).size).toBe(processes * each);
		// Each process's own changes arrive in its own order.
		for (let tag = 0; tag < processes; tag++) {
			const mine = doc.retiredWwns.filter(w => w.startsWith(`5f${tag.toString(16).padStart(4, '0')}`));
			expect(mine).toEqual([...mine].sort());
		}
	});

	test('processes that all find the store missing create it once', async () => {
		const file = path.join(tempDir(), 'fresh', 'store.json');
		const results = await Promise.all(Array.from({length: 4}, (_, tag) => run([file, 'increment', '3', String(tag)])));
		for (const r of results) expect(r).toEqual({code: 0, stderr: ''});
		const doc = (await openStore(file)).document;
		expect(doc.clock).toBe(12);
		expect(doc.revision).toBe(13);
	});
});

/** Whether this machine lets us start a process in a pid namespace of its own (root on Linux, util-linux's unshare). */
const canUnshare = process.platform === 'linux' && spawnSync('unshare', ['--pid', '--fork', '--kill-child', 'true']).status === 0;

function isRunningHere(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function unusedPid(): number {
	for (let pid = 40; ; pid++) if (!isRunningHere(pid)) return pid;
}

describe('two containers on one store', () => {
	// The holder's pid is numbered in its own namespace: here it is another process's number, or
	// nobody's. Judging the lock by that pid would break a lock that is held.
	test.skipIf(!canUnshare)('a holder in another pid namespace is waited for, never judged by its pid', async () => {
		const file = path.join(tempDir(), 'store.json');
		await openStore(file);
		// Numbers are handed out in order in a new namespace: start enough processes first that the
		// holder gets a number nobody has here, which is what a pid-only lock would take for dead.
		const wanted = unusedPid();
		const script = `i=2; while [ $i -lt ${wanted} ]; do true & i=$((i+1)); done; wait; "${process.execPath}" "${cli}" "${file}" hold 700`;
		const child = spawn('unshare', ['--pid', '--fork', '--kill-child', 'sh', '-c', script], {stdio: ['ignore', 'pipe', 'inherit']});
		running.push(child);
		const innerPid = await new Promise<number>((resolve, reject) => {
			child.stdout!.once('data', chunk => resolve(Number(/held (\d+)/.exec(String(chunk))?.[1])));
			child.once('exit', code => reject(new Error(`holder exited early with ${code}`)));
		});
		const lock = JSON.parse(readFileSync(`${file}.lock`, 'utf8'));
		expect(lock.pid).toBe(innerPid);
		expect(isRunningHere(innerPid)).toBe(false);
		expect(lock.pidns).not.toBe(readlinkSync('/proc/self/ns/pid'));
		const started = Date.now();
		const saved = await (await openStore(file, {lockTimeoutMs: 10_000, onLockWait: null})).update(d => ({...d, clock: d.clock + 1}));
		expect(Date.now() - started).toBeGreaterThan(400);
		// Both changes, in order: the holder's, then ours after it let go.
		expect(saved.clock).toBe(101);
		expect(saved.revision).toBe(3);
	});
});

describe('a process killed while saving', () => {
	// Kill points spread over the save cycle; a save of this store takes a few milliseconds.
	const delays = [0, 3, 7, 12, 20, 31, 45, 70];

	test('never leaves a store that fails to read, nor a lock that blocks the next process', async () => {
		const file = path.join(tempDir(), 'store.json');
		let lastRevision = 0;
		for (const delay of delays) {
			const child = spawn(process.execPath, [cli, file, 'spin', 'big'], {stdio: ['ignore', 'pipe', 'inherit']});
			running.push(child);
			await new Promise<void>((resolve, reject) => {
				child.stdout!.once('data', () => resolve());
				child.once('exit', code => reject(new Error(`spinner exited early with ${code}`)));
			});
			await new Promise(resolve => setTimeout(resolve, delay));
			const exited = new Promise(resolve => child.once('exit', resolve));
			child.kill('SIGKILL');
			await exited;

			const text = readFileSync(file, 'utf8');
			const doc = decodeDocumentText(text, {file, kind: 'store'}).document;
			expect(doc.lab.hosts).toHaveLength(40);
			expect(doc.revision).toBeGreaterThan(lastRevision);
			lastRevision = doc.revision;

			// The killed process may have held the lock; the next writer must not be stuck behind it.
			const store = await openStore(file, {lockTimeoutMs: 5000});
			const saved = await store.update(d => ({...d, clock: d.clock + 1}));
			expect(saved.revision).toBe(doc.revision + 1);
			lastRevision = saved.revision;
		}
	});
});

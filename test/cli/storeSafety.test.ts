/** The built `npiv` on odd stores and odd global options: links, read-only files, folders, seeds, --record paths, locks. */
import {spawn} from 'node:child_process';
import {chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, afterEach, describe, expect, test} from 'vitest';
import {parseSeed, SEED_MAX} from '../../source/commands/cliArgs.js';
import {npiv, npivRaw, tempStore} from './runCli.js';

const made: string[] = [];
const children: {kill: (signal: NodeJS.Signals) => boolean; exitCode: number | null}[] = [];
afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
	for (const dir of made) rmSync(dir, {recursive: true, force: true});
});

function setup(): {state: string; dir: string} {
	const state = tempStore();
	made.push(path.dirname(state));
	return {state, dir: path.dirname(state)};
}

/** A change to the lab: one of the spare virtual ports of README's "What is in the lab". */
const CREATE = ['--no-server', 'fcadm', 'create-npiv-port', '-p', 'c0007d1c6d04a9b3', '-n', 'c0007d1c6d04a9b2', '2100001b32813c5a'];
const READ = ['--no-server', 'fcinfo', 'hba-port'];

describe('--state', () => {
	test('through a symbolic link changes the file it points to; the link stays a link', () => {
		const {dir} = setup();
		mkdirSync(path.join(dir, 'real'));
		const target = path.join(dir, 'real', 'store.json');
		const link = path.join(dir, 'store.json');
		symlinkSync('real/store.json', link);
		// A dangling link: the new store is made where it points.
		expect(npiv(link, READ).status).toBe(0);
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(existsSync(target)).toBe(true);
		const r = npiv(link, CREATE);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(readlinkSync(link)).toBe('real/store.json');
		expect(readFileSync(target, 'utf8')).toContain('c0007d1c6d04a9b3');
		// The one store, by either name.
		expect(npiv(target, ['--no-server', 'fcinfo', 'hba-port', '-l']).stdout).toBe(npiv(link, ['--no-server', 'fcinfo', 'hba-port', '-l']).stdout);
		expect(readdirSync(dir).sort()).toEqual(['real', 'store.json']);
		expect(readdirSync(path.join(dir, 'real'))).toEqual(['store.json']);
	});

	test('a read-only store is refused, left as it was, mode and all; reading it still works', () => {
		const {state} = setup();
		expect(npiv(state, READ).status).toBe(0);
		chmodSync(state, 0o444);
		const before = readFileSync(state);
		const r = npiv(state, CREATE);
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toBe(`npiv: store ${state} is read-only (mode r--r--r--): the change was refused and the file was left unchanged; make it writable (chmod u+w ${state}) to change its lab\n`);
		expect(readFileSync(state).equals(before)).toBe(true);
		expect(statSync(state).mode & 0o777).toBe(0o444);
		const read = npiv(state, READ);
		expect(read.status).toBe(0);
		expect(read.stdout).toContain('HBA Port WWN: 2100001b32813c5a');
	});

	test('a save keeps the store file its permissions', () => {
		const {state} = setup();
		expect(npiv(state, READ).status).toBe(0);
		chmodSync(state, 0o640);
		expect(npiv(state, CREATE).status).toBe(0);
		expect(readFileSync(state, 'utf8')).toContain('c0007d1c6d04a9b3');
		expect(statSync(state).mode & 0o777).toBe(0o640);
	});

	test("'' asks for a file (usage error, exit 2) and creates nothing", () => {
		const {dir} = setup();
		for (const args of [['--state', ''], ['--state=']]) {
			const r = npivRaw([...args, ...READ], {cwd: dir});
			expect(r.status).toBe(2);
			expect(r.stderr).toBe('npiv: --state needs a FILE: the store to use (such as ./state/store.json)\n');
			expect(r.stdout).toBe('');
		}
		expect(readdirSync(dir)).toEqual([]);
	});

	test('a folder is refused (exit 1), by --state or NPIV_STATE, and left empty', () => {
		const {dir} = setup();
		const says = `npiv: the store ${dir} is a folder, not a store file: name a file with --state or NPIV_STATE (such as ${path.join(dir, 'store.json')})\n`;
		for (const r of [npiv(dir, READ), npiv(dir, CREATE), npivRaw(READ, {env: {NPIV_STATE: dir}})]) {
			expect(r.stderr).toBe(says);
			expect(r.status).toBe(1);
		}
		expect(readdirSync(dir)).toEqual([]);
	});
});

describe('--seed', () => {
	test.each(['', '1e3', '0x10', '-1', '1.5', ' 7', '4294967296', '18446744073709551617'])("'%s' is refused with the range (exit 2), nothing created", seed => {
		const {state, dir} = setup();
		for (const args of [['--seed', seed], [`--seed=${seed}`]]) {
			const r = npiv(state, [...args, ...READ]);
			expect(r.status).toBe(2);
			expect(r.stderr).toBe(`npiv: --seed takes a whole number from 0 to 4294967295, not '${seed}'\n`);
		}
		expect(readdirSync(dir)).toEqual([]);
	});

	test('a whole number in range seeds the new store with exactly that number', () => {
		for (const [given, seed] of [
			['0', 0],
			['4294967295', 4294967295],
			['007', 7],
		] as const) {
			const {state} = setup();
			const r = npiv(state, ['--seed', given, '--json', 'scenario', 'show']);
			expect(r.status).toBe(0);
			expect(JSON.parse(r.stdout).seed).toBe(seed);
		}
	});

	test('any other text is refused, and every number in range reads as itself', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 12}), text => {
				const parsed = parseSeed(text);
				if (typeof parsed === 'number') {
					expect(text).toMatch(/^\d+$/);
					expect(parsed).toBe(Number(text));
					expect(parsed).toBeLessThanOrEqual(SEED_MAX);
				} else {
					expect(/^\d+$/.test(text) && Number(text) <= SEED_MAX).toBe(false);
				}
			}),
			{numRuns: 2000},
		);
		fc.assert(
			fc.property(fc.integer({min: 0, max: SEED_MAX}), n => {
				expect(parseSeed(String(n))).toBe(n);
			}),
		);
	});

	test('the usage states the range', () => {
		expect(npivRaw(['--help']).stdout).toContain('--seed N                seed for a new store\'s random numbers (0 to 4294967295)');
	});
});

describe('--record FILE is checked when the console starts', () => {
	test('a path it cannot be written to fails before the terminal is needed (exit 1), naming why', () => {
		const {state, dir} = setup();
		const cases: [string, string][] = [
			[path.join(dir, 'no', 'such', 'x.session'), `no such folder ${path.join(dir, 'no', 'such')}`],
			[dir, 'it is a folder'],
		];
		writeFileSync(path.join(dir, 'plain'), '');
		cases.push([path.join(dir, 'plain', 'x.session'), `${path.join(dir, 'plain')} is not a folder`]);
		for (const [file, why] of cases) {
			const r = npiv(state, ['--no-server', '--record', file]);
			expect(r.stderr).toBe(`npiv: --record ${file}: cannot write the session there: ${why}\n`);
			expect(r.status).toBe(1);
		}
		// Refused before the store was even opened.
		expect(readdirSync(dir)).toEqual(['plain']);
	});

	test('a writable path goes on to the console (which then needs a terminal) and writes nothing yet', () => {
		const {state, dir} = setup();
		const r = npiv(state, ['--no-server', '--record', path.join(dir, 'x.session')]);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('the console needs a terminal');
		expect(existsSync(path.join(dir, 'x.session'))).toBe(false);
	});
});

describe('the store lock, across processes', () => {
	function liveProcess(): Promise<number> {
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); process.stdout.write("up\\n")'], {stdio: ['ignore', 'pipe', 'inherit']});
		children.push(child);
		return new Promise(resolve => child.stdout!.once('data', () => resolve(child.pid!)));
	}

	test('a command waits for a live holder, says so once on stderr, then fails naming the lock file and its holder', async () => {
		const {state} = setup();
		expect(npiv(state, READ).status).toBe(0);
		const pid = await liveProcess();
		const lock = `${state}.lock`;
		writeFileSync(lock, `${JSON.stringify({pid, host: hostname(), since: '2026-03-04T05:06:07.000Z'})}\n`);
		const before = readFileSync(state, 'utf8');
		const started = Date.now();
		const r = npiv(state, CREATE, {env: {NPIV_LOCK_TIMEOUT: '0.6'}});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(r.status).toBe(1);
		const lines = r.stderr.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		const holder = `pid ${pid} on host ${hostname()}`;
		expect(lines[0]).toMatch(new RegExp(`^npiv: waiting for store ${state}: locked by ${holder}.* since 2026-03-04 05:06:07 UTC \\(\\d+ h ago\\) \\(lock file ${lock}\\); giving up in 0\\.\\d s$`));
		expect(lines[1]).toMatch(new RegExp(`^npiv: store ${state} is locked by ${holder}.* \\(lock file ${lock}\\); gave up after 0\\.6 s\\. .*If no npiv process is using this store, remove the lock file\\.$`));
		expect(readFileSync(state, 'utf8')).toBe(before);
	});

	test('a lock path that is a folder or a dangling link fails at once (exit 1), not a wait forever', () => {
		const {state, dir} = setup();
		expect(npiv(state, READ).status).toBe(0);
		const lock = `${state}.lock`;
		for (const [make, what] of [
			[() => mkdirSync(lock), 'a folder'],
			[() => symlinkSync(path.join(dir, 'nowhere'), lock), 'a symbolic link'],
		] as const) {
			rmSync(lock, {recursive: true, force: true});
			make();
			const started = Date.now();
			const r = npiv(state, CREATE);
			expect(Date.now() - started).toBeLessThan(5000);
			expect(r.stderr).toBe(`npiv: store ${state} cannot be locked: its lock file ${lock} is ${what}, which npiv never makes; remove it if no npiv process is using this store.\n`);
			expect(r.status).toBe(1);
		}
	});
});

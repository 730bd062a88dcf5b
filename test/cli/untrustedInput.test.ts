/** The built `npiv` with input an attacker might hand a user: files, names, sessions, signals. */
import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {CLI, ensureBuilt, npiv, tempStore} from './runCli.js';

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const made: string[] = [];
afterAll(() => {
	for (const dir of made) rmSync(dir, {recursive: true, force: true});
});

function setup(): {state: string; dir: string} {
	const state = tempStore();
	made.push(path.dirname(state));
	return {state, dir: path.dirname(state)};
}

describe('xm save and create with files', () => {
	test('xm save of an unknown domain exits 3 and leaves the file as it was', () => {
		const {state, dir} = setup();
		const f = path.join(dir, 'f');
		writeFileSync(f, 'data\n');
		const r = npiv(state, ['xm', 'save', 'nosuchdomain', f]);
		expect(r.status).toBe(3);
		expect(r.stderr).toBe("Error: Domain 'nosuchdomain' does not exist.\n");
		expect(readFileSync(f, 'utf8')).toBe('data\n');
	});

	test('xm save into a folder that does not exist fails before the domain is saved', () => {
		const {state, dir} = setup();
		const r = npiv(state, ['xm', 'save', 'web01', path.join(dir, 'no', 'web01.chk')]);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe(`Error: xm save: Unable to create file ${path.join(dir, 'no', 'web01.chk')}\n`);
		expect(npiv(state, ['xm', 'list', 'web01']).stdout).toMatch(/^web01 +1 /m);
	});

	test('xm save writes the image whole through a rename: no temporary file left', () => {
		const {state, dir} = setup();
		const f = path.join(dir, 'web01.chk');
		writeFileSync(f, 'old\n');
		const r = npiv(state, ['xm', 'save', '-c', 'web01', f]);
		expect(r.status).toBe(0);
		expect(readFileSync(f, 'utf8')).toMatch(/^LinuxGuestRecord\n/);
		expect(readdirSync(dir).filter(name => name.includes('.tmp'))).toEqual([]);
	});

	test('xm create of /etc/passwd prints no line of it', () => {
		const {state} = setup();
		const r = npiv(state, ['xm', 'create', '/etc/passwd']);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe('Error: Errors were found at line 1 while processing /etc/passwd\n');
		expect(r.stdout + r.stderr).not.toContain('root:');
	});

	test('a device, a FIFO and a huge file are refused at once, saying why', () => {
		const {state, dir} = setup();
		const fifo = path.join(dir, 'fifo');
		execFileSync('mkfifo', [fifo]);
		const huge = path.join(dir, 'huge.cfg');
		writeFileSync(huge, Buffer.alloc(2 * 1024 * 1024, 0x20));
		for (const [file, why] of [['/dev/zero', 'not a regular file'], [fifo, 'not a regular file'], [huge, 'larger than 1 MiB']] as const) {
			const started = performance.now();
			const r = npiv(state, ['xm', 'create', file]);
			expect(performance.now() - started).toBeLessThan(10_000);
			expect(r.status).toBe(1);
			expect(r.stderr).toBe(`Error: Cannot open config file "${file}": ${why}\n`);
		}
	});

	test('names come back escaped and cut: no control sequence reaches the terminal', () => {
		const {state} = setup();
		const evil = `\x1b]0;owned\x07\x1b[2J${'w'.repeat(1000)}`;
		const r = npiv(state, ['xm', 'save', evil, 'f']);
		expect(r.status).toBe(3);
		expect(r.stderr).not.toMatch(RAW_CONTROL);
		expect(r.stderr).toBe(`Error: Domain '\\e]0;owned\\x07\\e[2J${'w'.repeat(200 - 14)}…' does not exist.\n`);
	});
});

describe('errors of every family', () => {
	test('what the user typed never reaches the terminal as a control sequence', () => {
		const {state} = setup();
		for (const args of [
			['switch', 'alicreate', 'a\x1b[31m', '2100001b32813c5a'],
			['storage', 'lun', 'list', '--array', '\x1b]0;x\x07'],
			['fault', 'cable', 'pull', '\x1b[2Jhost/port'],
			['xm', '\x9b6n'],
		]) {
			const r = npiv(state, args);
			expect(r.status, args.join(' ')).not.toBe(0);
			expect(r.stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
		}
		expect(npiv(state, ['storage', 'lun', 'list', '--array', '\x1b]0;x\x07']).stderr).toBe("npiv storage: unknown array '\\e]0;x\\x07' (arrays: array-1, tape-1, jbod-1)\n");
	});
});

describe('session replays someone sent', () => {
	function sessionFolder(): {dir: string; victim: string; state: string} {
		const {state, dir} = setup();
		mkdirSync(path.join(dir, 'sessions'));
		const victim = path.join(dir, 'victim');
		writeFileSync(victim, 'data\n');
		return {dir: path.join(dir, 'sessions'), victim, state};
	}

	test('a step that would write outside the folder is refused with the line, exit 1, no stack', () => {
		const {dir, victim, state} = sessionFolder();
		const file = path.join(dir, 'wipe.tape');
		writeFileSync(file, `# npiv session v1\nstart scenario lab\n---\nrun xm save nosuchdomain ${victim}\n`);
		for (const args of [['session', 'check', file], ['session', 'replay', '--check', file], ['session', 'replay', '--headless', file]]) {
			const r = npiv(state, args);
			expect(r.status).toBe(1);
			expect(r.stderr).toMatch(new RegExp(`^npiv: .*wipe\\.tape:4: refused: may not write '`));
			expect(r.stderr).not.toMatch(/\n\s+at /);
			expect(readFileSync(victim, 'utf8')).toBe('data\n');
		}
	});

	test('SIGTERM and SIGINT end a replay cleanly, 143 and 130', async () => {
		ensureBuilt();
		const {dir} = sessionFolder();
		const file = path.join(dir, 'long.tape');
		const steps = Array.from({length: 20_000}, () => 'run fcinfo hba-port\nwait 1s').join('\n');
		writeFileSync(file, `# npiv session v1\nstart scenario lab\n---\n${steps}\n`);
		for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
			const child = spawn(process.execPath, [CLI, 'session', 'check', file], {env: {...process.env, NO_COLOR: '1'}});
			let err = '';
			child.stderr.on('data', chunk => void (err += String(chunk)));
			// once the replay runs (the lab is booted), not while Node starts
			await new Promise(resolve => setTimeout(resolve, 2500));
			child.kill(signal);
			const status = await new Promise<number | null>(resolve => child.on('close', resolve));
			expect(status).toBe(code);
			expect(err).toBe(`npiv: session check ${file}: stopped by ${signal}\n`);
		}
	});
});

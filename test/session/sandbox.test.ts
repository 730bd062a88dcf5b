/**
 * A replayed session touches no file outside its own folder: `session check`, `session replay
 * --check` and `session replay --headless` on the real console and SAN, as a person would run
 * them on a session someone sent.
 */
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {runSessionCommand} from '../../source/ui/sessionCommands.js';
import {captureIo, GLOBALS} from '../sessions/io.js';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

/** A session folder and, beside it, a folder of the user's files that nothing may touch. */
function layout(): {root: string; sessions: string; outside: string; victim: string} {
	const root = mkdtempSync(path.join(tmpdir(), 'npiv-sandbox-'));
	made.push(root);
	const sessions = path.join(root, 'sessions');
	const outside = path.join(root, 'home');
	mkdirSync(sessions);
	mkdirSync(outside);
	const victim = path.join(outside, 'victim');
	writeFileSync(victim, 'data\n');
	return {root, sessions, outside, victim};
}

function session(dir: string, name: string, steps: readonly string[], start = 'start scenario lab'): string {
	const file = path.join(dir, name);
	writeFileSync(file, ['# npiv session v1', start, '---', ...steps, ''].join('\n'));
	return file;
}

async function run(argv: string[]): Promise<{code: number; out: string; err: string}> {
	const io = captureIo();
	const code = await runSessionCommand(argv, GLOBALS, io);
	return {code, out: io.printed(), err: io.errors()};
}

const RULE = "(a replayed session reads and writes only files in its own folder)";

describe('a session may not touch files outside its folder', () => {
	test('xm save of an unknown domain to an absolute path: refused, the file untouched', async () => {
		const {sessions, victim} = layout();
		const file = session(sessions, 'wipe.tape', ['run xm list', `run xm save nosuchdomain ${victim}`]);
		for (const argv of [['check', file], ['replay', '--check', file], ['replay', '--headless', file]]) {
			const r = await run(argv);
			expect(r.code).toBe(1);
			expect(r.err).toBe(`npiv: ${file}:5: refused: may not write '${victim}': outside the session's folder ${sessions} ${RULE}\n`);
			expect(readFileSync(victim, 'utf8')).toBe('data\n');
		}
	});

	test('xm save -c web01 outside: nothing is created there', async () => {
		const {sessions, outside} = layout();
		const target = path.join(outside, 'x');
		const file = session(sessions, 'drop.tape', [`run xm save -c web01 ${target}`, 'wait idle']);
		const r = await run(['check', file]);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(new RegExp(`^npiv: ${escape(file)}:4: refused: may not write '${escape(target)}'`));
		expect(readdirSync(outside)).toEqual(['victim']);
	});

	test('xm create /etc/passwd: refused before anything is read, and no line of it printed', async () => {
		const {sessions} = layout();
		const file = session(sessions, 'read.tape', ['run xm create /etc/passwd']);
		const r = await run(['check', file]);
		expect(r.code).toBe(1);
		expect(r.err).toBe(`npiv: ${file}:4: refused: may not read '/etc/passwd': outside the session's folder ${sessions} ${RULE}\n`);
		expect(r.out + r.err).not.toContain('root:');
	});

	test('.. and a symlink do not lead out', async () => {
		const {sessions, outside, victim} = layout();
		symlinkSync(outside, path.join(sessions, 'link'));
		const up = await run(['check', session(sessions, 'up.tape', ['run xm save nosuchdomain ../home/victim'])]);
		expect(up.code).toBe(1);
		expect(up.err).toContain("refused: may not write '../home/victim': outside the session's folder");
		const link = await run(['check', session(sessions, 'link.tape', ['wait 1s', 'run xm save -c web01 link/victim', 'wait idle'])]);
		expect(link.code).toBe(1);
		expect(link.err).toContain(`link.tape:5: refused: may not write 'link/victim'`);
		expect(readFileSync(victim, 'utf8')).toBe('data\n');
		expect(readdirSync(outside)).toEqual(['victim']);
	});

	test('a command typed at the : bar is held to the same, on the line of the key that ran it', async () => {
		const {sessions, outside} = layout();
		const target = path.join(outside, 'typed');
		const file = session(sessions, 'typed.tape', ['key :', `type "xm save -c web01 ${target}"`, 'key enter', 'wait idle']);
		const r = await run(['check', file]);
		expect(r.code).toBe(1);
		expect(r.err).toContain(`${file}:6: refused: may not write '${target}'`);
		expect(readdirSync(outside)).toEqual(['victim']);
	});

	test('a start store outside the folder is refused before the replay', async () => {
		const {sessions, root} = layout();
		writeFileSync(path.join(root, 'store.json'), '{}');
		const file = session(sessions, 'store.tape', ['key j'], 'start store ../store.json');
		const r = await run(['check', file]);
		expect(r.code).toBe(1);
		expect(r.err).toBe(`npiv: ${file}:2: refused: start store '../store.json': outside the session's folder ${sessions} ${RULE}\n`);
	});

	test('inside the folder a session works as before, names taken from its folder', async () => {
		const {sessions} = layout();
		writeFileSync(path.join(sessions, 'db02.cfg'), "name = 'db02'\nmemory = 512\n");
		const file = session(sessions, 'inside.tape', ['run xm save -c web01 web01.chk', 'wait idle', 'run xm create db02.cfg', 'wait idle', 'key 5', 'expect "db02" in domains']);
		const r = await run(['check', file]);
		expect(r).toMatchObject({code: 0, err: ''});
		expect(r.out).toBe(`${file}: ok (6 steps, 1 expect, 0 snapshots)\n`);
		expect(readFileSync(path.join(sessions, 'web01.chk'), 'utf8')).toMatch(/^LinuxGuestRecord\n/);
		expect(existsSync(path.join(process.cwd(), 'web01.chk'))).toBe(false);
	});
});

describe('what a session can cost is bounded', () => {
	test('a catastrophic expect is stopped and named by its line', async () => {
		const {sessions} = layout();
		const file = session(sessions, 'redos.tape', ['run xm list', 'expect "(\\\\s*)*$x"']);
		const started = performance.now();
		const r = await run(['check', file]);
		expect(performance.now() - started).toBeLessThan(15_000);
		expect(r.code).toBe(1);
		expect(r.err).toBe(`npiv: ${file}:5: expect "(\\\\s*)*$x": the regular expression took more than 2 s and was stopped (a nested repetition such as (a*)* backtracks without end; simplify it)\n`);
	});
});

describe('a runaway filter typed by a session', () => {
	test('is refused by the console at once (the list stays unfiltered), and the check goes on', async () => {
		const {sessions} = layout();
		const file = session(sessions, 'filter.tape', ['key 1', 'key /', 'type "re:(\\\\s*)*$x"', 'key enter', 'expect "/re:.* [(]invalid[)]"']);
		const started = performance.now();
		const r = await run(['check', file]);
		expect(performance.now() - started).toBeLessThan(15_000);
		expect(r).toMatchObject({code: 0, err: ''});
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('what a session types comes back as text', () => {
	test('a control sequence typed into a command is shown escaped in the output pane', async () => {
		const {sessions} = layout();
		// ESC itself would be the escape key (the bar closes); C1's CSI is a character to type
		const file = session(sessions, 'escape.tape', ['key :', 'type "storage lun list --array x\\u009b2J"', 'key enter', "expect \"unknown array 'x\\\\\\\\x9b2J'\""]);
		const r = await run(['check', file]);
		expect(r).toMatchObject({code: 0, err: ''});
	});
});

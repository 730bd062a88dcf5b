/** The terminal contract of runConsole: TTY check, alternate screen in and out, crash handling. */
import {afterEach, expect, test, vi} from 'vitest';
import {HeadlessStdin, HeadlessStdout} from '../../source/ui/headless.js';
import {FakeConsoleSource} from '../../source/ui/model/FakeConsoleSource.js';
import {NEEDS_TTY, runConsole} from '../../source/ui/runConsole.js';
import {keySequence} from '../../source/ui/keys/keyNames.js';
import {KeyRegistry} from '../../source/ui/keys/KeyRegistry.js';

const ENTER_ALT = '\u001B[?1049h';
const LEAVE_ALT = '\u001B[?1049l';

function streams() {
	let out = '';
	let err = '';
	const stdout = new HeadlessStdout(100, 30, d => (out += d));
	const stderr = new HeadlessStdout(100, 30, d => (err += d));
	const stdin = new HeadlessStdin();
	return {stdout, stderr, stdin, out: () => out, err: () => err};
}

const keyOf = (id: Parameters<KeyRegistry['keysFor']>[0]) => keySequence(KeyRegistry.defaults().keysFor(id)[0]!);
const until = async (cond: () => boolean) => {
	for (let i = 0; i < 1000 && !cond(); i++) await new Promise(r => setTimeout(r, 0));
};

afterEach(() => vi.restoreAllMocks());

test('without a TTY it says so and returns 2', async () => {
	const s = streams();
	Object.defineProperty(s.stdout, 'isTTY', {value: false});
	const code = await runConsole(new FakeConsoleSource(), {stdin: s.stdin as never, stdout: s.stdout as never, stderr: s.stderr as never, noColor: false});
	expect(code).toBe(2);
	expect(s.err()).toBe(NEEDS_TTY + '\n');
	expect(NEEDS_TTY).toBe("npiv: the console needs a terminal (stdin and stdout must be a TTY); use a command such as 'npiv fcinfo hba-port' instead");
	expect(s.out()).toBe('');
});

test('enters the alternate screen and restores the terminal on q', async () => {
	const s = streams();
	const running = runConsole(new FakeConsoleSource(), {stdin: s.stdin as never, stdout: s.stdout as never, stderr: s.stderr as never, noColor: false, keysFile: '/nonexistent/keys.json'});
	await until(() => s.out().includes('Adapters (7)'));
	expect(s.out().startsWith(ENTER_ALT)).toBe(true);
	s.stdin.send(keyOf('app.quit'));
	await expect(running).resolves.toBe(0);
	expect(s.out().endsWith(LEAVE_ALT)).toBe(true);
	expect(s.out().lastIndexOf('\u001B[?25h')).toBeGreaterThan(s.out().lastIndexOf('\u001B[?25l'));
});

test('Ctrl-C restores the terminal and returns 130', async () => {
	const s = streams();
	const running = runConsole(new FakeConsoleSource(), {stdin: s.stdin as never, stdout: s.stdout as never, stderr: s.stderr as never, noColor: false, keysFile: '/nonexistent/keys.json'});
	await until(() => s.out().includes('Adapters (7)'));
	s.stdin.send(keyOf('app.interrupt'));
	await expect(running).resolves.toBe(130);
	expect(s.out().endsWith(LEAVE_ALT)).toBe(true);
});

test('a crash inside the app leaves the alternate screen, prints the error, returns 1', async () => {
	vi.spyOn(console, 'error').mockImplementation(() => {});
	const s = streams();
	const source = new FakeConsoleSource();
	source.detail = () => {
		throw new Error('detail exploded');
	};
	const running = runConsole(source, {stdin: s.stdin as never, stdout: s.stdout as never, stderr: s.stderr as never, noColor: false, keysFile: '/nonexistent/keys.json'});
	await until(() => s.out().includes('Adapters (7)'));
	s.stdin.send(keyOf('detail.toggle'));
	await expect(running).resolves.toBe(1);
	expect(s.out().endsWith(LEAVE_ALT)).toBe(true);
	expect(s.err()).toContain('npiv: the console stopped on an internal error: detail exploded');
});

test('a terminal that goes away (EIO) ends the console quietly', async () => {
	const s = streams();
	const running = runConsole(new FakeConsoleSource(), {stdin: s.stdin as never, stdout: s.stdout as never, stderr: s.stderr as never, noColor: false, keysFile: '/nonexistent/keys.json'});
	await until(() => s.out().includes('Adapters (7)'));
	const before = s.out().length;
	s.stdout.emit('error', Object.assign(new Error('write EIO'), {code: 'EIO'}));
	await expect(running).resolves.toBe(1);
	expect(s.err()).toBe('');
	expect(s.out().slice(before)).not.toContain(LEAVE_ALT);
});

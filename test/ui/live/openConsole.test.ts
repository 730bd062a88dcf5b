/** `npiv` with no command: the store first, then the terminal, then the console, then a clean exit. */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {HeadlessStdin, HeadlessStdout} from '../../../source/ui/headless.js';
import {openConsole, setConsoleRecorder, type ConsoleStreams} from '../../../source/ui/openConsole.js';
import {recordConsoleSession} from '../../../source/ui/session/ConsoleRecorder.js';
import {NEEDS_TTY} from '../../../source/ui/runConsole.js';
import {pollUntil, tempDir} from './helpers.js';

class Capture extends HeadlessStdout {
	text = '';
	constructor(isTty = true) {
		super(100, 30, data => {
			this.text += data;
		});
		if (!isTty) Object.defineProperty(this, 'isTTY', {value: false});
	}
}

function streams(opts: {tty?: boolean} = {}): ConsoleStreams & {stdout: Capture; stderr: Capture; stdin: HeadlessStdin} {
	const stdin = new HeadlessStdin();
	if (opts.tty === false) Object.defineProperty(stdin, 'isTTY', {value: false});
	return {stdin: stdin as never, stdout: new Capture(opts.tty !== false) as never, stderr: new Capture() as never} as never;
}

const globals = (statePath: string) => ({statePath, json: false, noColor: true});

describe('openConsole', () => {
	it('refuses a bad store with its message and exit 1, before touching the terminal', async () => {
		const file = path.join(tempDir(), 'store.json');
		writeFileSync(file, '{"version": 2, "revision": "nope"}');
		const io = streams();
		expect(await openConsole(globals(file), {args: []}, io)).toBe(1);
		expect(io.stderr.text).toMatch(new RegExp(`^npiv: store ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
		expect(io.stdout.text).toBe('');
		expect(readFileSync(file, 'utf8')).toBe('{"version": 2, "revision": "nope"}');
	});

	it('needs a terminal (exit 2), and takes no arguments (exit 2)', async () => {
		const file = path.join(tempDir(), 'store.json');
		const io = streams({tty: false});
		expect(await openConsole(globals(file), {args: []}, io)).toBe(2);
		expect(io.stderr.text).toBe(NEEDS_TTY + '\n');
		const io2 = streams();
		expect(await openConsole(globals(file), {args: ['extra']}, io2)).toBe(2);
		expect(io2.stderr.text).toBe("npiv ui: unexpected 'extra' (the console takes no arguments)\n");
	});

	it('runs the console on the store and quits with q, leaving the store saved', async () => {
		const file = path.join(tempDir(), 'store.json');
		const io = streams();
		const done = openConsole(globals(file), {args: []}, io);
		// opening the store is file-system work: wait for it on the wall clock, bounded
		await pollUntil(() => io.stdout.text.includes('Adapters (7)'), 'the console has drawn the Adapters pane', 20_000);
		io.stdin.send('q');
		expect(await done).toBe(0);
		const doc = JSON.parse(readFileSync(file, 'utf8')) as {revision: number; events: unknown[]};
		expect(doc.revision).toBe(2);
		expect(doc.events.length).toBeGreaterThan(0);
	});

	it(':session save works without --record (record: \'\', as cli.tsx passes), and quitting writes nothing else', async () => {
		const dir = tempDir();
		const file = path.join(dir, 'store.json');
		const saved = path.join(dir, 'so-far.tape');
		const io = streams();
		const done = openConsole(globals(file), {record: '', args: []}, io);
		await pollUntil(() => io.stdout.text.includes('Adapters (7)'), 'the console has drawn the Adapters pane', 20_000);
		io.stdin.send('j');
		io.stdin.send(':');
		io.stdin.send(`session save ${saved}`);
		io.stdin.send('\r');
		await pollUntil(() => existsSync(saved), 'the session file was written', 20_000);
		const text = readFileSync(saved, 'utf8');
		expect(text).toMatch(/^# npiv session v1\n/);
		expect(text).toContain('key j\n');
		io.stdin.send('q');
		expect(await done).toBe(0);
		expect(readFileSync(saved, 'utf8')).toBe(text);
	});

	it('opens without a recorder when no file is asked for; --record FILE is refused then', async () => {
		setConsoleRecorder(undefined);
		try {
			const file = path.join(tempDir(), 'store.json');
			const refused = streams();
			expect(await openConsole(globals(file), {record: 'x.tape', args: []}, refused)).toBe(2);
			expect(refused.stderr.text).toBe('npiv: --record is not available in this build\n');
			const io = streams();
			const done = openConsole(globals(file), {record: '', args: []}, io);
			await pollUntil(() => io.stdout.text.includes('Adapters (7)'), 'the console has drawn the Adapters pane', 20_000);
			io.stdin.send('q');
			expect(await done).toBe(0);
		} finally {
			setConsoleRecorder(recordConsoleSession);
		}
	});
});

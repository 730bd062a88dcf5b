/**
 * Drives the whole console headless, lazygit style: a pinned terminal size (columns AND rows),
 * Ink's real output fed through @xterm/headless so cursor moves and erases land where a
 * terminal would put them, keys pressed BY COMMAND ID through the console's own registry, and
 * waiting until the UI is idle (no timers, no sleeps).
 */
import xterm from '@xterm/headless';
import type {CommandId} from '../../source/ui/keys/defaultBindings.js';
import {keySequence, type KeyName} from '../../source/ui/keys/keyNames.js';
import type {KeyRegistry} from '../../source/ui/keys/KeyRegistry.js';
import {HeadlessStdin, HeadlessStdout} from '../../source/ui/headless.js';
import {FakeConsoleSource} from '../../source/ui/model/FakeConsoleSource.js';
import type {ConsoleSource} from '../../source/ui/model/ConsoleSource.js';
import {mountConsole, type ConsoleExit, type MountedConsole} from '../../source/ui/mount.js';
import type {UiState} from '../../source/ui/state/uiState.js';

const {Terminal} = xterm;

// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string) => text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

export interface HarnessOptions {
	readonly source?: ConsoleSource;
	readonly cols?: number;
	readonly rows?: number;
	readonly noColor?: boolean;
	/** keys.json to load; default: a path that does not exist (the default keys). */
	readonly keysFile?: string;
	/** The operator's settings file (read at mount, written by unmount, as a quitting console does). */
	readonly settingsFile?: string;
}

export interface Harness {
	readonly source: ConsoleSource;
	readonly registry: KeyRegistry;
	/** Presses the first key bound to a command, `times` times, waiting for idle after each. */
	press(id: CommandId, times?: number): Promise<void>;
	/** Types text as one chunk (as a paste or a fast typist would send it). */
	type(text: string): Promise<void>;
	/** The screen as text: exactly `rows` lines, trailing blanks trimmed. */
	screen(): string;
	lines(): string[];
	/** Attributes of a screen cell, for the few colour assertions. */
	cell(x: number, y: number): {char: string; inverse: boolean; fgColor: number; isFgDefault: boolean};
	/** How many lines the emulated terminal had to scroll (must stay 0: the frame fits). */
	readonly scrolled: number;
	/** Raw bytes Ink wrote so far. */
	raw(): string;
	/** The last whole frame Ink wrote (text after its last clear-screen), without styles. */
	lastFrame(): string;
	state(): UiState;
	resize(cols: number, rows: number): Promise<void>;
	waitIdle(): Promise<void>;
	/** Settles when the console asks to exit. */
	readonly exited: Promise<ConsoleExit>;
	/** Lets the status line's wall-clock time pass (its timers are the test's, not setTimeout's). */
	expireStatus(): Promise<void>;
	unmount(): void;
}

const turn = () => new Promise<void>(resolve => setImmediate(resolve));
const macrotask = () => new Promise<void>(resolve => setTimeout(resolve, 0));

export async function renderConsole(opts: HarnessOptions = {}): Promise<Harness> {
	const cols = opts.cols ?? 100;
	const rows = opts.rows ?? 30;
	const source = opts.source ?? new FakeConsoleSource();
	// A real tty turns \n into \r\n (onlcr); so must the emulator.
	const term = new Terminal({cols, rows, allowProposedApi: true, scrollback: 1000, convertEol: true});
	let scrolled = 0;
	term.onScroll(() => scrolled++);
	let pendingWrites = 0;
	let rawOut = '';
	let drained: (() => void) | undefined;
	const stdout = new HeadlessStdout(cols, rows, data => {
		rawOut += data;
		pendingWrites++;
		term.write(data, () => {
			pendingWrites--;
			if (pendingWrites === 0) drained?.();
		});
	});
	const stdin = new HeadlessStdin();
	// Status messages expire on the wall clock; here only when the test says the time has passed.
	const statusTimers = new Set<() => void>();
	const statusTimer = (fn: () => void) => {
		statusTimers.add(fn);
		return () => statusTimers.delete(fn);
	};
	const mounted: MountedConsole = mountConsole(source, {
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		noColor: opts.noColor ?? false,
		keysFile: opts.keysFile ?? '/nonexistent/npiv-console/keys.json',
		maxFps: 0,
		modelFrameMs: 0,
		statusTimer,
		...(opts.settingsFile ? {settingsFile: opts.settingsFile} : {}),
	});

	const waitIdle = async () => {
		// Idle: two quiet rounds (no new output) after promises, immediates and timers have run.
		let quiet = 0;
		for (let i = 0; i < 500 && quiet < 2; i++) {
			const before = stdout.writes;
			await turn();
			await macrotask();
			if (stdout.writes === before) quiet++;
			else quiet = 0;
		}
		if (pendingWrites > 0) await new Promise<void>(resolve => (drained = resolve));
		drained = undefined;
	};

	const send = async (name: KeyName) => {
		stdin.send(keySequence(name));
		await waitIdle();
	};

	const lines = () => {
		const buffer = term.buffer.active;
		const out: string[] = [];
		for (let y = 0; y < term.rows; y++) out.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
		return out;
	};

	await waitIdle();
	return {
		source,
		registry: mounted.registry,
		press: async (id, times = 1) => {
			const key = mounted.registry.keysFor(id)[0];
			if (key === undefined) throw new Error(`command ${id} has no key`);
			for (let i = 0; i < times; i++) await send(key);
		},
		type: async text => {
			stdin.send(text);
			await waitIdle();
		},
		screen: () => lines().join('\n'),
		lines,
		cell: (x, y) => {
			const c = term.buffer.active.getLine(term.buffer.active.baseY + y)!.getCell(x)!;
			return {char: c.getChars(), inverse: c.isInverse() !== 0, fgColor: c.getFgColor(), isFgDefault: c.isFgDefault()};
		},
		get scrolled() {
			return scrolled;
		},
		raw: () => rawOut,
		lastFrame: () => {
			const clear = '\u001B[2J\u001B[3J\u001B[H';
			const frame = rawOut.slice(rawOut.lastIndexOf(clear) + clear.length);
			return stripAnsi(frame.replace(/\u001B\[\?2026[hl]/g, ''));
		},
		state: () => mounted.store.getState(),
		resize: async (c, r) => {
			term.resize(c, r);
			stdout.resize(c, r);
			await waitIdle();
		},
		waitIdle,
		exited: mounted.exited,
		expireStatus: async () => {
			const due = [...statusTimers];
			statusTimers.clear();
			for (const fn of due) fn();
			await waitIdle();
		},
		unmount: () => {
			mounted.saveSettings();
			mounted.instance.unmount();
			mounted.controller.dispose();
			term.dispose();
		},
	};
}

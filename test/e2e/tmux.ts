/**
 * A small driver for the real console in a real terminal: tmux runs `npiv` in a detached session
 * of a given size, keys go in with `send-keys` (looked up by command id in the binding registry,
 * so a rebinding never breaks a test), and the screen comes back with `capture-pane`.
 *
 * Each console gets its own tmux server (`-L <socket>`), so a developer's own tmux sessions are
 * never touched, and killing it ends everything the console left behind.
 */
import {spawnSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import {KeyRegistry} from '../../source/ui/keys/KeyRegistry.js';
import type {CommandId} from '../../source/ui/keys/defaultBindings.js';
import type {KeyName} from '../../source/ui/keys/keyNames.js';

export const HAS_TMUX = spawnSync('tmux', ['-V'], {encoding: 'utf8'}).status === 0;

const registry = KeyRegistry.defaults();

/** tmux's names for the keys the registry spells its own way. */
const TMUX_NAMES: Readonly<Record<string, string>> = {
	enter: 'Enter',
	esc: 'Escape',
	tab: 'Tab',
	'shift+tab': 'BTab',
	space: 'Space',
	backspace: 'BSpace',
	up: 'Up',
	down: 'Down',
	left: 'Left',
	right: 'Right',
	pageup: 'PPage',
	pagedown: 'NPage',
	home: 'Home',
	end: 'End',
};

/** What to give `tmux send-keys` for a key: a key name, or (`literal`) a character to type. */
export function tmuxKey(name: KeyName): {readonly key: string; readonly literal: boolean} {
	const named = TMUX_NAMES[name];
	if (named) return {key: named, literal: false};
	if (name.startsWith('ctrl+')) return {key: `C-${name.slice(5)}`, literal: false};
	if (name.startsWith('alt+')) return {key: `M-${name.slice(4)}`, literal: false};
	// A printable character: typed literally, so that `;` or `#` are not read as tmux syntax.
	if ([...name].length === 1) return {key: name, literal: true};
	throw new Error(`no tmux key for '${name}'`);
}

/** The first key bound to a command in the default bindings. */
export function keyOf(id: CommandId): KeyName {
	const key = registry.keysFor(id)[0];
	if (key === undefined) throw new Error(`command ${id} has no key`);
	return key;
}

export interface TmuxStart {
	/** Shell command the session runs (it should print its exit status and linger, see exitStatus). */
	readonly command: string;
	readonly cwd: string;
	readonly cols: number;
	readonly rows: number;
	/** The whole environment of the session: nothing leaks in from the test runner. */
	readonly env: Readonly<Record<string, string>>;
}

let sessions = 0;

export class TmuxConsole {
	readonly socket: string;
	readonly session = 'npiv';
	private alive = true;
	/** The server's socket file, removed after kill-server (tmux leaves it behind). */
	private socketPath = '';

	private constructor(socket: string) {
		this.socket = socket;
	}

	static start(opts: TmuxStart): TmuxConsole {
		const t = new TmuxConsole(`npiv-e2e-${process.pid}-${++sessions}-${Date.now().toString(36)}`);
		// -f /dev/null: no ~/.tmux.conf (a user's prefix key or default-command would change things).
		const r = spawnSync(
			'tmux',
			['-L', t.socket, '-f', '/dev/null', 'new-session', '-d', '-s', t.session, '-x', String(opts.cols), '-y', String(opts.rows), '-c', opts.cwd, opts.command],
			{encoding: 'utf8', env: {...opts.env}},
		);
		if (r.status !== 0) throw new Error(`tmux new-session failed: ${r.stderr}`);
		t.socketPath = t.tmux(['display-message', '-p', '-t', t.session, '#{socket_path}']).trim();
		return t;
	}

	private tmux(args: readonly string[]): string {
		const r = spawnSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
		if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr.trim()}`);
		return r.stdout;
	}

	/** Presses the key bound to a command, `times` times. */
	press(id: CommandId, times = 1): void {
		const {key, literal} = tmuxKey(keyOf(id));
		for (let i = 0; i < times; i++) this.tmux(['send-keys', '-t', this.session, ...(literal ? ['-l'] : []), key]);
	}

	/** Types text as it is (no key names). */
	type(text: string): void {
		this.tmux(['send-keys', '-t', this.session, '-l', text]);
	}

	/** Resizes the terminal (the console gets SIGWINCH, as from a person dragging the window). */
	resize(cols: number, rows: number): void {
		this.tmux(['resize-window', '-t', this.session, '-x', String(cols), '-y', String(rows)]);
	}

	/** The screen as plain text, one line per row (trailing spaces trimmed by tmux). */
	screen(): string {
		return this.tmux(['capture-pane', '-p', '-t', this.session]);
	}

	/** The screen with its colours and attributes as ANSI escapes. */
	screenAnsi(): string {
		return this.tmux(['capture-pane', '-p', '-e', '-t', this.session]);
	}

	/**
	 * Polls the screen until `pattern` matches (every 100 ms, at most `timeoutMs`) and returns the
	 * screen; on timeout it throws with what the screen showed instead.
	 */
	async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		for (;;) {
			screen = this.screen();
			if (pattern.test(screen)) return screen;
			if (Date.now() >= deadline) break;
			await new Promise(resolve => setTimeout(resolve, 100));
		}
		throw new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} on the screen:\n${screen}`);
	}

	/** Ends the tmux server of this console (and so the console, if it still runs). */
	kill(): void {
		if (!this.alive) return;
		this.alive = false;
		spawnSync('tmux', ['-L', this.socket, 'kill-server'], {encoding: 'utf8'});
		if (this.socketPath.endsWith(this.socket)) rmSync(this.socketPath, {force: true});
	}
}

/** Single-quotes a word for the shell of the tmux session. */
export function shellQuote(word: string): string {
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The environment a person's terminal would give: no CI, colours allowed, a known TERM. */
export function terminalEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
	const env: Record<string, string> = {
		PATH: process.env['PATH'] ?? '/usr/bin:/bin',
		HOME: process.env['HOME'] ?? '/tmp',
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		...extra,
	};
	return env;
}

/**
 * A SessionDriver for any Ink console: it renders the console's element into an in-memory
 * terminal, types keys as the bytes a terminal sends, and reads frames off an emulated screen.
 *
 * Ink runs in debug mode here: every render writes the whole frame at once, with no frame-rate
 * throttle (whose trailing render would wait on the wall clock). idle() then only has to let the
 * event loop turn until nothing more is written, so a replay is fast and its frames exact.
 */
import {render, type Instance} from 'ink';
import type {ReactElement} from 'react';
import type {KeyName} from '../../session/KeyNames.js';
import {keySequence as xtermKeySequence} from '../../session/KeySequences.js';
import {ScreenEmulator} from '../../session/ScreenEmulator.js';
import type {DriverStart, Frame, SessionDriver} from '../../session/SessionDriver.js';
import type {TerminalSize} from '../../session/SessionFormat.js';
import {TerminalStdin, TerminalStdout} from './InkTerminal.js';

/** What the driver needs of one console built for a replay. */
export interface InkConsole {
	/** The console's root element; it reads the terminal size from Ink's stdout. */
	readonly element: ReactElement;
	/** Lets simulated time pass; in a replay the console must not follow the wall clock. */
	advance(ms: number): void | Promise<void>;
	/** Runs the SAN until nothing is pending; the simulated ms that passed (0 for a console without a SAN clock). */
	settle?(): number | Promise<number>;
	/**
	 * The keys a person presses to run a command at the ':' bar, e.g. ':', 'x', 'm', 'space',
	 * 'l', 'i', 's', 't', 'enter'; the driver presses them one by one.
	 */
	runKeys?(commandLine: string): readonly KeyName[];
	/** Runs a command another way, for consoles without runKeys. */
	run?(commandLine: string): void | Promise<void>;
	paneText(pane: string): string;
	/** Resolves when work the console started (a command, an action) has finished. */
	settled?(): Promise<void>;
	dispose?(): void | Promise<void>;
}

export type InkConsoleFactory = (start: DriverStart, seed: number, size: TerminalSize) => InkConsole | Promise<InkConsole>;

export interface InkDriverOptions {
	/** Bytes for a key; default the xterm sequences of session/KeySequences.ts. */
	readonly keySequence?: (key: KeyName) => string;
	/** Event-loop turns idle() allows before it gives up waiting for a quiet screen; default 50. */
	readonly maxIdleTurns?: number;
}

export class InkSessionDriver implements SessionDriver {
	private stdout: TerminalStdout | undefined;
	private stdin: TerminalStdin | undefined;
	private instance: Instance | undefined;
	private console: InkConsole | undefined;
	private screen: ScreenEmulator | undefined;
	private shown: {write: number; frame: Frame} | undefined;
	private readonly sequence: (key: KeyName) => string;
	private readonly maxIdleTurns: number;

	constructor(private readonly factory: InkConsoleFactory, options: InkDriverOptions = {}) {
		this.sequence = options.keySequence ?? xtermKeySequence;
		this.maxIdleTurns = options.maxIdleTurns ?? 50;
	}

	async reset(start: DriverStart, seed: number, size: TerminalSize): Promise<void> {
		await this.dispose();
		this.stdout = new TerminalStdout(size);
		this.stdin = new TerminalStdin();
		this.screen = new ScreenEmulator(size.cols, size.rows);
		this.console = await this.factory(start, seed, size);
		const stream = this.stdout as unknown as NodeJS.WriteStream;
		this.instance = render(this.console.element, {
			stdout: stream,
			stderr: stream,
			stdin: this.stdin as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
			kittyKeyboard: {mode: 'disabled'},
		});
	}

	press(key: KeyName): void {
		this.live().stdin.write(this.sequence(key));
	}

	async type(text: string): Promise<void> {
		// one key at a time, as a person types: a key may change what the next one does
		for (const ch of text) {
			this.live().stdin.write(ch);
			await this.idle();
		}
	}

	async run(commandLine: string): Promise<void> {
		const {console, stdin} = this.live();
		if (console.runKeys) {
			for (const key of console.runKeys(commandLine)) {
				stdin.write(this.sequence(key));
				await this.idle();
			}
		} else if (console.run) {
			await console.run(commandLine);
		} else {
			throw new Error('this console cannot run commands from a session (it has neither runKeys nor run)');
		}
	}

	advance(ms: number): void | Promise<void> {
		return this.live().console.advance(ms);
	}

	settle(): number | Promise<number> {
		return this.live().console.settle?.() ?? 0;
	}

	resize(cols: number, rows: number): void {
		const {stdout} = this.live();
		this.screen?.resize(cols, rows);
		stdout.resize({cols, rows});
	}

	async idle(): Promise<void> {
		const {stdout, console} = this.live();
		for (let turn = 0; turn < this.maxIdleTurns; turn++) {
			const before = stdout.writes;
			await console.settled?.();
			// two turns: Ink flushes a lone Escape on the next turn, React commits on the one after
			await nextTurn();
			await nextTurn();
			if (stdout.writes === before) return;
		}
	}

	frame(): Frame {
		const {stdout} = this.live();
		if (this.shown?.write === stdout.writes) return this.shown.frame;
		const screen = this.screen!;
		screen.writeSync('\x1b[0m\x1b[H\x1b[2J' + stdout.lastWrite);
		const frame = {text: screen.text(), ansi: stdout.lastWrite};
		this.shown = {write: stdout.writes, frame};
		return frame;
	}

	paneText(pane: string): string {
		return this.live().console.paneText(pane);
	}

	async dispose(): Promise<void> {
		this.instance?.unmount();
		this.instance?.cleanup();
		await this.console?.dispose?.();
		this.screen?.dispose();
		this.instance = undefined;
		this.console = undefined;
		this.screen = undefined;
		this.shown = undefined;
		this.stdout = undefined;
		this.stdin = undefined;
	}

	private live(): {stdout: TerminalStdout; stdin: TerminalStdin; console: InkConsole} {
		if (!this.stdout || !this.stdin || !this.console) throw new Error('the session driver has not been reset');
		return {stdout: this.stdout, stdin: this.stdin, console: this.console};
	}
}

function nextTurn(): Promise<void> {
	return new Promise(resolve => setImmediate(resolve));
}

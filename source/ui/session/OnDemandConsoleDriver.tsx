/**
 * The console as a SessionDriver that draws only when a frame is asked for. Keys go through
 * Ink's input parsing (KeyProbe) to the console's controller; the UI store and the source change
 * as they would live; and frame() mounts the console's component tree on an in-memory terminal,
 * takes the one frame Ink writes, and unmounts it. A headless replay that looks at few frames
 * then runs at the speed of the controller and the SAN, not of rendering.
 *
 * This is faithful because the console keeps all of its state in the UI store and the source
 * (no component state); the tests replay random sessions both ways and compare the frames.
 */
import React from 'react';
import {render} from 'ink';
import type {KeyName} from '../../session/KeyNames.js';
import {keySequence} from '../../session/KeySequences.js';
import {ScreenEmulator} from '../../session/ScreenEmulator.js';
import type {DriverStart, Frame, SessionDriver} from '../../session/SessionDriver.js';
import type {TerminalSize} from '../../session/SessionFormat.js';
import type {ConsoleSnapshot} from '../model/ConsoleSource.js';
import type {UiState} from '../state/uiState.js';
import {buildConsole, type ConsoleDriverOptions, type ConsoleUnderReplay, type ReplaySourceFactory} from './ReplayConsole.js';
import {TerminalStdin, TerminalStdout} from './InkTerminal.js';
import {KeyProbe} from './KeyProbe.js';

interface Drawn {
	readonly ui: UiState;
	readonly snapshot: ConsoleSnapshot;
	readonly size: TerminalSize;
	readonly frame: Frame;
}

export class OnDemandConsoleDriver implements SessionDriver {
	private current: ConsoleUnderReplay | undefined;
	private probe: KeyProbe | undefined;
	private size: TerminalSize = {cols: 80, rows: 24};
	private drawn: Drawn | undefined;

	constructor(
		private readonly createSource: ReplaySourceFactory,
		private readonly options: ConsoleDriverOptions = {},
	) {}

	async reset(start: DriverStart, seed: number, size: TerminalSize): Promise<void> {
		await this.dispose();
		this.size = size;
		const console = buildConsole(await this.createSource(start, seed, size), size, this.options);
		this.current = console;
		this.probe = new KeyProbe((input, key) => console.controller.handleInput(input, key));
	}

	press(key: KeyName): void {
		this.live().probe.send((this.options.keySequence ?? keySequence)(key));
	}

	async type(text: string): Promise<void> {
		for (const ch of text) {
			this.live().probe.send(ch);
			await this.idle();
		}
	}

	async run(commandLine: string): Promise<void> {
		for (const key of this.live().console.runKeys!(commandLine)) {
			this.press(key);
			await this.idle();
		}
	}

	advance(ms: number): void | Promise<void> {
		return this.live().console.advance(ms);
	}

	settle(): number | Promise<number> {
		return this.live().console.settle?.() ?? 0;
	}

	resize(cols: number, rows: number): void {
		// what the console's own resize listener does when the terminal changes size
		this.size = {cols, rows};
		this.live().console.store.dispatch({type: 'resize', cols, rows});
	}

	async idle(): Promise<void> {
		const {console} = this.live();
		for (let turn = 0; turn < (this.options.maxIdleTurns ?? 50); turn++) {
			const ui = console.store.getState();
			const snapshot = console.source.getSnapshot();
			await console.settled?.();
			await nextTurn();
			await nextTurn();
			if (console.store.getState() === ui && console.source.getSnapshot() === snapshot) return;
		}
	}

	frame(): Frame {
		const {console} = this.live();
		const ui = console.store.getState();
		const snapshot = console.source.getSnapshot();
		const size = this.size;
		const drawn = this.drawn;
		if (drawn && drawn.ui === ui && drawn.snapshot === snapshot && drawn.size === size) return drawn.frame;
		const stdout = new TerminalStdout(size);
		const stream = stdout as unknown as NodeJS.WriteStream;
		const instance = render(console.element, {
			stdout: stream,
			stderr: stream,
			stdin: new TerminalStdin() as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
			kittyKeyboard: {mode: 'disabled'},
		});
		// debug mode draws the first frame while mounting
		const ansi = stdout.lastWrite;
		instance.unmount();
		instance.cleanup();
		const screen = new ScreenEmulator(size.cols, size.rows);
		try {
			screen.writeSync(ansi);
			const frame = {text: screen.text(), ansi};
			this.drawn = {ui, snapshot, size, frame};
			return frame;
		} finally {
			screen.dispose();
		}
	}

	paneText(pane: string): string {
		return this.live().console.paneText(pane);
	}

	/** The console built by the last reset (its UI store, controller and source), for `npiv snapshot`. */
	get console(): ConsoleUnderReplay | undefined {
		return this.current;
	}

	async dispose(): Promise<void> {
		this.probe?.dispose();
		await this.current?.dispose?.();
		this.probe = undefined;
		this.current = undefined;
		this.drawn = undefined;
	}

	private live(): {console: ConsoleUnderReplay; probe: KeyProbe} {
		if (!this.current || !this.probe) throw new Error('the session driver has not been reset');
		return {console: this.current, probe: this.probe};
	}
}

function nextTurn(): Promise<void> {
	return new Promise(resolve => setImmediate(resolve));
}

/**
 * Ink's own reading of a key: a one-line Ink app whose only job is to hand on what useInput
 * reports for the bytes a terminal sends. The on-demand driver gives keys to the console this
 * way, so they arrive exactly as they would through a live Ink screen.
 */
import React from 'react';
import {render, Text, useInput, type Instance, type Key} from 'ink';
import {TerminalStdin, TerminalStdout} from './InkTerminal.js';

export type InputHandler = (input: string, key: Key) => void;

function Probe({onInput}: {readonly onInput: InputHandler}) {
	useInput(onInput);
	return <Text> </Text>;
}

export class KeyProbe {
	private readonly stdin = new TerminalStdin();
	private readonly instance: Instance;

	constructor(onInput: InputHandler) {
		const stdout = new TerminalStdout({cols: 80, rows: 24}) as unknown as NodeJS.WriteStream;
		this.instance = render(<Probe onInput={onInput} />, {
			stdout,
			stderr: stdout,
			stdin: this.stdin as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
			kittyKeyboard: {mode: 'disabled'},
		});
	}

	/** Bytes as a terminal sends them; a lone Escape reaches the handler on the next turn. */
	send(bytes: string): void {
		this.stdin.write(bytes);
	}

	dispose(): void {
		this.instance.unmount();
		this.instance.cleanup();
	}
}

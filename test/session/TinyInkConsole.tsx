/**
 * A tiny Ink console for the driver tests: a list with a selection, a ':' prompt, a clock that
 * only moves when the driver advances it, and the terminal size it was laid out for.
 */
import {Box, Text, useInput, useStdout} from 'ink';
import {useEffect, useState, useSyncExternalStore} from 'react';
import {Prng} from '../../source/sim/Prng.js';
import type {DriverStart} from '../../source/session/SessionDriver.js';
import type {InkConsole} from '../../source/ui/session/InkSessionDriver.js';

class TinyLab {
	time = 0;
	items: string[] = [];
	log: string[] = [];
	private listeners = new Set<() => void>();
	private version = 0;

	constructor(start: DriverStart, seed: number) {
		const prng = Prng.fromSeed(seed);
		const count = start.kind === 'document' ? (JSON.parse(start.document) as {count: number}).count : 4;
		for (let i = 0; i < count; i++) this.items.push(`port ${i} ${prng.nextUint32().toString(16).padStart(8, '0')}`);
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	snapshot = (): number => this.version;

	changed(): void {
		this.version++;
		for (const listener of this.listeners) listener();
	}

	advance(ms: number): void {
		this.time += ms;
		this.changed();
	}

	run(line: string): void {
		this.log.push(`ran ${line} at ${this.time}ms`);
		if (line.startsWith('add ')) this.items.push(line.slice(4));
		this.changed();
	}
}

function TinyApp({lab}: {lab: TinyLab}) {
	useSyncExternalStore(lab.subscribe, lab.snapshot);
	const {stdout} = useStdout();
	const [size, setSize] = useState({cols: stdout.columns, rows: stdout.rows});
	const [selected, setSelected] = useState(0);
	const [prompt, setPrompt] = useState<string | undefined>(undefined);
	const [status, setStatus] = useState('');
	useEffect(() => {
		const onResize = () => setSize({cols: stdout.columns, rows: stdout.rows});
		stdout.on('resize', onResize);
		return () => void stdout.off('resize', onResize);
	}, [stdout]);
	useInput((input, key) => {
		if (prompt !== undefined) {
			if (key.return) {
				lab.run(prompt);
				setPrompt(undefined);
			} else if (key.escape) setPrompt(undefined);
			else if (key.backspace || key.delete) setPrompt(prompt.slice(0, -1));
			else setPrompt(prompt + input);
			return;
		}
		if (input === ':') setPrompt('');
		else if (key.downArrow || input === 'j') setSelected(s => Math.min(lab.items.length - 1, s + 1));
		else if (key.upArrow || input === 'k') setSelected(s => Math.max(0, s - 1));
		else if (key.escape) setStatus('escape pressed');
		else if (key.tab && key.shift) setStatus('back tab');
		else setStatus(`key ${JSON.stringify(input)}`);
	});
	const body = size.rows - 3;
	return (
		<Box flexDirection="column" width={size.cols} height={size.rows}>
			<Text inverse>{`tiny console t=${lab.time}ms ${size.cols}x${size.rows}`.padEnd(size.cols)}</Text>
			<Box flexDirection="column" height={body}>
				{[...lab.items, ...lab.log].slice(0, body).map((item, i) => (
					<Text key={i} color={i === selected ? 'green' : undefined} bold={i === selected}>
						{`${i === selected ? '>' : ' '} ${item}`}
					</Text>
				))}
			</Box>
			<Text color="yellow">{status || ' '}</Text>
			<Text>{prompt === undefined ? 'j/k move  : command' : `:${prompt}`}</Text>
		</Box>
	);
}

export function tinyInkConsole(start: DriverStart, seed: number): InkConsole & {lab: TinyLab} {
	const lab = new TinyLab(start, seed);
	return {
		lab,
		element: <TinyApp lab={lab} />,
		advance: ms => lab.advance(ms),
		run: line => lab.run(line),
		paneText: pane => (pane === 'events' ? lab.log.join('\n') : lab.items.join('\n')),
	};
}

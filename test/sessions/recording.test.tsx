/**
 * Recording at the live console (`npiv --record FILE`, `:session save FILE`): what a person does
 * is recorded where Ink reads the terminal, and the recording replays to the same screens.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {render, type Instance} from 'ink';
import {afterEach, describe, expect, test} from 'vitest';
import {keyName, keySequence, parseSession, replay, ScreenEmulator, type TerminalSize} from '../../source/session/index.js';
import {loadEmbeddedLab, newDocument, type StoreDocument} from '../../source/store/index.js';
import {WorldConsoleSource} from '../../source/ui/live/WorldConsoleSource.js';
import {ConsoleSessionRecording} from '../../source/ui/session/ConsoleRecorder.js';
import {createConsoleSessionDriver, type DisposableSessionDriver} from '../../source/ui/session/ConsoleSessionDriver.js';
import {TerminalStdin, TerminalStdout} from '../../source/ui/session/InkTerminal.js';
import {buildConsole} from '../../source/ui/session/ReplayConsole.js';
import {worldReplaySourceFactory} from '../../source/ui/session/WorldReplaySource.js';

/** What the replay's header calls a recording's embedded start when the session is parsed from text. */
const REPLAY_LABEL = 'session (embedded store)';

type Input = {readonly kind: 'key'; readonly key: string; readonly gap: number} | {readonly kind: 'resize'; readonly cols: number; readonly rows: number; readonly gap: number};

/** The live console on an in-memory terminal, with the recorder tapping its stdin as openConsole does. */
class LiveConsole {
	readonly stdin = new TerminalStdin();
	readonly stdout: TerminalStdout;
	readonly source: WorldConsoleSource;
	readonly recording: ConsoleSessionRecording;
	private readonly instance: Instance;

	constructor(readonly document: StoreDocument, size: TerminalSize, file = '') {
		this.stdout = new TerminalStdout(size);
		// the wall clock is the test's: it moves the simulated clock between keys, as the ticker would
		this.source = new WorldConsoleSource({document, storeFile: REPLAY_LABEL, clock: 'manual'});
		this.recording = new ConsoleSessionRecording(file);
		const stdout = this.stdout as unknown as NodeJS.WriteStream;
		const {stdin} = this.recording.start({file, source: this.source, document, stdin: this.stdin as unknown as NodeJS.ReadStream, size, stdout});
		const console = buildConsole(this.source, size);
		this.instance = render(console.element, {stdin, stdout, stderr: stdout, debug: true, exitOnCtrlC: false, patchConsole: false, kittyKeyboard: {mode: 'disabled'}});
	}

	async key(name: string): Promise<void> {
		this.stdin.write(keySequence(keyName(name)));
		await this.idle();
	}

	async type(text: string): Promise<void> {
		for (const ch of text) await this.key(ch === ' ' ? 'space' : ch);
	}

	async idle(): Promise<void> {
		for (let turn = 0; turn < 50; turn++) {
			const before = this.stdout.writes;
			await new Promise(resolve => setImmediate(resolve));
			await new Promise(resolve => setImmediate(resolve));
			if (this.stdout.writes === before) return;
		}
	}

	screen(): string {
		const screen = new ScreenEmulator(this.stdout.columns, this.stdout.rows);
		try {
			screen.writeSync(this.stdout.lastWrite);
			return screen.text();
		} finally {
			screen.dispose();
		}
	}

	async close(): Promise<void> {
		this.instance.unmount();
		this.instance.cleanup();
		await this.recording.finish(0);
		this.source.dispose();
	}
}

const opened: {close(): Promise<void>}[] = [];
afterEach(async () => {
	for (const item of opened.splice(0)) await item.close();
});

function liveConsole(size: TerminalSize, file = ''): LiveConsole {
	const live = new LiveConsole(newDocument(loadEmbeddedLab(), 1), size, file);
	opened.push(live);
	return live;
}

function replayDriver(): DisposableSessionDriver {
	const driver = createConsoleSessionDriver(worldReplaySourceFactory(REPLAY_LABEL), {render: 'on-demand'});
	opened.push({close: async () => void (await driver.dispose())});
	return driver;
}

describe('recording the live console', () => {
	test('keys and the simulated time between them become key and wait steps; the start is the store as booted', async () => {
		const live = liveConsole({cols: 100, rows: 30});
		live.source.advance(1500);
		await live.key('2');
		await live.key('j');
		await live.key('j');
		live.source.advance(250);
		await live.key(':');
		await live.type('xm list');
		await live.key('enter');
		const text = live.recording.text();
		const steps = text.slice(text.indexOf('---\n'));
		expect(steps).toBe('---\nwait 1500ms\nkey 2\nkey j x2\nwait 250ms\nkey :\nkey x\nkey m\nkey space\nkey l\nkey i\nkey s\nkey t\nkey enter\n');
		const session = parseSession(text);
		expect(session.start.kind).toBe('embedded');
		expect(session.size).toEqual({cols: 100, rows: 30});
		expect(JSON.parse((session.start as {document: string}).document)).toEqual(JSON.parse(JSON.stringify(live.document)));
	});

	test('a resize is recorded; keys while the terminal is too small do nothing live and are left out', async () => {
		const live = liveConsole({cols: 100, rows: 30});
		live.stdout.resize({cols: 70, rows: 20});
		await live.idle();
		expect(live.screen()).toMatch(/too small|80x24/i);
		await live.key('2');
		live.stdout.resize({cols: 120, rows: 40});
		await live.idle();
		await live.key('3');
		const text = live.recording.text();
		expect(text.slice(text.indexOf('---\n'))).toBe('---\nresize 120x40\nkey 3\n');
	});

	test(':session save FILE writes the session so far; --record FILE writes it when the console exits', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'npiv-record-'));
		const recorded = path.join(dir, 'exit.tape');
		const live = liveConsole({cols: 100, rows: 30}, recorded);
		await live.key('5');
		live.source.advance(2000);
		await live.key(':');
		await live.type('session save mid.tape'.replace('mid.tape', path.join(dir, 'mid.tape')));
		await live.key('enter');
		expect(live.screen()).toContain(`Session saved to ${path.join(dir, 'mid.tape')}`);
		const mid = readFileSync(path.join(dir, 'mid.tape'), 'utf8');
		expect(mid).toMatch(/---\nkey 5\nwait 2s\nkey :\nkey s\n[^]*key enter\n$/);

		await live.key('escape');
		await live.key(':');
		await live.type('session load x');
		await live.key('enter');
		expect(live.screen()).toContain("npiv session: 'session load' runs from a shell; the console has 'session save FILE'");
		await live.close();
		opened.splice(opened.indexOf(live), 1);
		const atExit = readFileSync(recorded, 'utf8');
		expect(atExit.startsWith(mid)).toBe(true);
		expect(atExit.endsWith('key l\nkey o\nkey a\nkey d\nkey space\nkey x\nkey enter\n')).toBe(true);

		// replayed, the save shows what it showed live, and writes nothing
		const driver = replayDriver();
		const result = await replay(parseSession(mid), driver);
		expect(result.lastFrame.text).toContain(`Session saved to ${path.join(dir, 'mid.tape')}`);
	});

	const KEYS = ['1', '2', '3', '4', '5', '6', 'j', 'k', 'down', 'up', 'pagedown', 'g', 'G', 'tab', 'shift+tab', 'enter', 'escape', '/', ':', 'n', 'm', 'x', 'c', 'd', 'D', 'f', 't', ']', '.', 'space', '?', 'backspace', 'w', 'e', 'b', '0', 'l'];
	const gap = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({min: 1, max: 3000}));
	const input: fc.Arbitrary<Input> = fc.oneof(
		{weight: 20, arbitrary: fc.record({kind: fc.constant('key' as const), key: fc.constantFrom(...KEYS), gap})},
		{weight: 1, arbitrary: fc.record({kind: fc.constant('resize' as const), cols: fc.integer({min: 80, max: 140}), rows: fc.integer({min: 24, max: 45}), gap})},
	);

	test('random keys recorded at the live console over the real SAN replay to the same screens', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(input, {minLength: 1, maxLength: 30}), async inputs => {
				const live = liveConsole({cols: 100, rows: 30});
				const keyScreens: string[] = [];
				for (const event of inputs) {
					if (event.gap > 0) live.source.advance(event.gap);
					if (event.kind === 'key') {
						await live.key(event.key);
						keyScreens.push(live.screen());
					} else {
						live.stdout.resize({cols: event.cols, rows: event.rows});
						await live.idle();
					}
				}
				const lastScreen = live.screen();
				const session = parseSession(live.recording.text());

				const replayed: string[] = [];
				const result = await replay(session, replayDriver(), {
					onFrame: (frame, context) => {
						if (context.step?.kind === 'key') replayed.push(frame.text);
					},
				});
				expect(replayed).toEqual(keyScreens);
				expect(result.lastFrame.text).toBe(lastScreen);
			}),
			{
				numRuns: 6,
				examples: [
					// a clock step is not a wait; a lone Escape is handled a turn later than other keys
					[[{kind: 'key', key: '.', gap: 1}, {kind: 'key', key: '1', gap: 0}]],
					[[{kind: 'key', key: 'escape', gap: 1}, {kind: 'key', key: '1', gap: 1}, {kind: 'key', key: '1', gap: 0}]],
				],
			},
		);
	});
});

import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {keyName, parseSession, replay, SessionRecorder, type Frame, type SessionHeader} from '../../source/session/index.js';
import {TextConsoleDriver} from './TextConsoleDriver.js';

type Input = {readonly kind: 'key'; readonly key: string; readonly gap: number} | {readonly kind: 'resize'; readonly cols: number; readonly rows: number; readonly gap: number};

const KEYS = [':', 'c', 'r', 'e', 'a', 't', '-', 'v', 'p', 'o', '1', '2', '4', 'j', 'k', 'x', 'space', 'enter', 'escape', 'backspace', 'tab', 'shift+tab', 'down', 'up', 'pagedown', 'pageup', 'ctrl+l'];
const gap = fc.oneof(fc.constant(0), fc.integer({min: 1, max: 3000}));
const input: fc.Arbitrary<Input> = fc.oneof(
	{weight: 12, arbitrary: fc.record({kind: fc.constant('key' as const), key: fc.constantFrom(...KEYS), gap})},
	{weight: 1, arbitrary: fc.record({kind: fc.constant('resize' as const), cols: fc.integer({min: 80, max: 140}), rows: fc.integer({min: 24, max: 50}), gap})},
);
const header: fc.Arbitrary<SessionHeader> = fc.record({
	start: fc.constantFrom({kind: 'scenario' as const, name: 'lab'}, {kind: 'embedded' as const, document: '{"vports":["c0007d00000000aa"]}'}),
	seed: fc.integer({min: 0, max: 0xffff_ffff}),
	size: fc.record({cols: fc.integer({min: 80, max: 140}), rows: fc.integer({min: 24, max: 50})}),
	speed: fc.constant(1),
});

/** A person at the console: the live frames after each key, and what the recorder made of it. */
async function live(h: SessionHeader, inputs: readonly Input[], typeRuns: boolean): Promise<{keyFrames: Frame[]; last: Frame; panes: string[]; text: string}> {
	const driver = new TextConsoleDriver();
	const recorder = new SessionRecorder(h, {typeRuns});
	driver.reset(h.start.kind === 'embedded' ? {kind: 'document', document: h.start.document, origin: 'embedded'} : {kind: 'scenario', name: 'lab'}, h.seed, h.size);
	const keyFrames: Frame[] = [];
	for (const event of inputs) {
		if (event.gap > 0) driver.advance(event.gap);
		if (event.kind === 'key') {
			const prompt = driver.prompting;
			driver.press(keyName(event.key));
			recorder.key(event.key, event.gap, {prompt});
			keyFrames.push(driver.frame());
		} else {
			driver.resize(event.cols, event.rows);
			recorder.resize(event.cols, event.rows, event.gap);
		}
	}
	return {keyFrames, last: driver.frame(), panes: ['vports', 'events'].map(p => driver.paneText(p)), text: recorder.text()};
}

async function replayed(text: string): Promise<{keyFrames: Frame[]; last: Frame; panes: string[]}> {
	const driver = new TextConsoleDriver();
	const keyFrames: Frame[] = [];
	const result = await replay(parseSession(text), driver, {onFrame: (frame, context) => {
		if (context.step?.kind === 'key') keyFrames.push(frame);
	}});
	return {keyFrames, last: result.lastFrame, panes: ['vports', 'events'].map(p => driver.paneText(p))};
}

describe('recorded, then replayed', () => {
	test('every key leaves the screen as it was live (one step per key)', async () => {
		await fc.assert(
			fc.asyncProperty(header, fc.array(input, {maxLength: 60}), async (h, inputs) => {
				const person = await live(h, inputs, false);
				const again = await replayed(person.text);
				expect(again.keyFrames).toEqual(person.keyFrames);
				expect(again.last).toEqual(person.last);
				expect(again.panes).toEqual(person.panes);
			}),
			{numRuns: 150},
		);
	});

	test('with typing gathered into type steps, the end state is the same', async () => {
		await fc.assert(
			fc.asyncProperty(header, fc.array(input, {maxLength: 60}), async (h, inputs) => {
				const person = await live(h, inputs, true);
				const again = await replayed(person.text);
				expect(again.last).toEqual(person.last);
				expect(again.panes).toEqual(person.panes);
			}),
			{numRuns: 150},
		);
	});

	test('a typed command recorded in a prompt replays as one type step', async () => {
		const person = await live(
			{start: {kind: 'scenario', name: 'lab'}, seed: 1, size: {cols: 80, rows: 24}, speed: 1},
			[':', 'c', 'r', 'e', 'a', 't', 'e', '-', 'v', 'p', 'o', 'r', 't', 'enter'].map(key => ({kind: 'key' as const, key, gap: 200})),
			true,
		);
		expect(person.text.split('---\n')[1]).toBe('wait 200ms\nkey :\nwait 200ms\ntype "create-vport"\nwait 2400ms\nkey enter\n');
		expect((await replayed(person.text)).last).toEqual(person.last);
	});
});

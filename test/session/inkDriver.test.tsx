import fc from 'fast-check';
import {afterEach, describe, expect, test} from 'vitest';
import {check, FrameMemory, keyName, parseSession, replay, SessionRecorder, type Frame} from '../../source/session/index.js';
import {InkSessionDriver} from '../../source/ui/session/InkSessionDriver.js';
import {tinyInkConsole} from './TinyInkConsole.js';

const DRILL = `# npiv session v1
start scenario tiny
seed 11
size 80x24
---
key down x2
key escape
key :
type "add port 9 cafe"
key enter
wait 1500ms
run add port 10 beef
expect "port 10 beef" in vports
expect "ran add port 9 cafe at 0ms" in events
expect "escape pressed"
snapshot done
resize 100x30
key shift+tab
`;

const drivers: InkSessionDriver[] = [];
function driver(): InkSessionDriver {
	const d = new InkSessionDriver(tinyInkConsole);
	drivers.push(d);
	return d;
}
afterEach(async () => {
	for (const d of drivers.splice(0)) await d.dispose();
});

async function frames(text: string): Promise<Frame[]> {
	const all: Frame[] = [];
	await replay(parseSession(text), driver(), {onFrame: frame => void all.push(frame)});
	return all;
}

describe('an Ink console driven through the session driver', () => {
	test('keys, typed text, commands, waits and resizes reach the app and show on its screen', async () => {
		const all = await frames(DRILL);
		const text = (i: number) => all[i]!.text.split('\n').map(l => l.trimEnd());
		expect(text(0)[0]).toBe('tiny console t=0ms 80x24');
		expect(text(0)[1]).toMatch(/^> port 0 [0-9a-f]{8}$/);
		expect(text(2)[3]).toMatch(/^> port 2 /); // after key down x2
		expect(text(3)[22]).toBe('escape pressed'); // a lone Escape arrives
		expect(text(5)[23]).toBe(':add port 9 cafe');
		expect(text(6)).toContain('  ran add port 9 cafe at 0ms');
		expect(text(7)[0]).toBe('tiny console t=1500ms 80x24');
		expect(text(9)[0]).toBe('tiny console t=1500ms 100x30');
		expect(all[9]!.text.split('\n')).toHaveLength(30);
		expect(text(10)[28]).toBe('back tab');
		// colours come through: the selected row is green and bold
		expect(all[0]!.ansi).toMatch(/\x1b\[32m|\x1b\[1m/);
	});

	test('determinism: two replays give byte-identical frames', async () => {
		expect(await frames(DRILL)).toEqual(await frames(DRILL));
	});

	test('check passes over the Ink console, and fails at the changed line', async () => {
		const saved = new FrameMemory();
		expect((await check(parseSession(DRILL, {file: 'tiny.tape'}), driver(), {frames: saved, update: true})).ok).toBe(true);
		expect(saved.frames.get('done')).toContain('ran add port 10 beef at 1500ms');
		expect((await check(parseSession(DRILL, {file: 'tiny.tape'}), driver(), {frames: saved})).ok).toBe(true);
		const changed = await check(parseSession(DRILL.replace('wait 1500ms', 'wait 1600ms'), {file: 'tiny.tape'}), driver(), {frames: saved});
		expect(changed.failure?.message).toBe('tiny.tape:16: snapshot done differs from its saved frame (--update accepts the new one)');
		expect(changed.failure?.detail).toContain('-tiny console t=1500ms 80x24');
		expect(changed.failure?.detail).toContain('+tiny console t=1600ms 80x24');
	});

	test('random keys recorded live, then replayed, leave the same screen', async () => {
		const keys = ['j', 'k', 'down', 'up', ':', 'a', 'd', 'space', 'enter', 'escape', 'backspace', 'x', 'tab', 'shift+tab'];
		await fc.assert(
			fc.asyncProperty(fc.array(fc.record({key: fc.constantFrom(...keys), gap: fc.constantFrom(0, 0, 250, 1000)}), {maxLength: 25}), async inputs => {
				const header = {start: {kind: 'scenario' as const, name: 'tiny'}, seed: 3, size: {cols: 80, rows: 24}, speed: 1};
				const live = driver();
				await live.reset({kind: 'scenario', name: 'tiny'}, header.seed, header.size);
				await live.idle();
				const recorder = new SessionRecorder(header, {typeRuns: false});
				const liveFrames: Frame[] = [];
				for (const {key, gap} of inputs) {
					if (gap > 0) {
						await live.advance(gap);
						await live.idle();
					}
					live.press(keyName(key));
					await live.idle();
					recorder.key(key, gap);
					liveFrames.push(live.frame());
				}
				const replayed: Frame[] = [];
				await replay(parseSession(recorder.text()), driver(), {onFrame: (frame, context) => {
					if (context.step?.kind === 'key') replayed.push(frame);
				}});
				expect(replayed).toEqual(liveFrames);
			}),
			{numRuns: 20},
		);
	});
});

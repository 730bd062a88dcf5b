import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {measureReplaySpeed, parseSession, replay, ReplayError, type Frame, type StepContext} from '../../source/session/index.js';
import {TextConsoleDriver} from './TextConsoleDriver.js';

const DRILL = `# npiv session v1
start scenario lab
seed 7
size 100x30
---
key 2
key down x2
key :
type "create-vport c0007d0000000001"
key enter
wait 2500ms
run create-vport
resize 80x24
key tab
`;

async function frames(text: string, options: Parameters<typeof replay>[2] = {}): Promise<{frames: Frame[]; contexts: StepContext[]; driver: TextConsoleDriver}> {
	const driver = new TextConsoleDriver();
	const out: Frame[] = [];
	const contexts: StepContext[] = [];
	await replay(parseSession(text, {file: 'drill.tape'}), driver, {...options, onFrame: (frame, context) => {
		out.push(frame);
		contexts.push(context);
	}});
	return {frames: out, contexts, driver};
}

describe('replaying a session', () => {
	test('each step reaches the driver in order, and every change yields a frame', async () => {
		const {frames: all, contexts, driver} = await frames(DRILL);
		expect(driver.calls.filter(call => call !== 'frame')).toEqual([
			'reset scenario 7 100x30',
			'press 2',
			'press down',
			'press down',
			'press :',
			'type "create-vport c0007d0000000001"',
			'press enter',
			'advance 2500',
			'run create-vport',
			'resize 80x24',
			'press tab',
		]);
		expect(contexts.map(c => [c.index, c.line ?? null, c.timeMs])).toEqual([
			[-1, null, 0], [0, 6, 0], [1, 7, 0], [1, 7, 0], [2, 8, 0], [3, 9, 0], [4, 10, 0], [5, 11, 2500], [6, 12, 2500], [7, 13, 2500], [8, 14, 2500],
		]);
		expect(all).toHaveLength(11);
		expect(all[6]!.text).toContain('created c0007d0000000001');
		expect(all[7]!.text).toContain('t=2500ms');
	});

	test('frames are exactly the terminal size, before and after a resize', async () => {
		const {frames: all} = await frames(DRILL);
		for (const [i, frame] of all.entries()) {
			const lines = frame.text.split('\n');
			const [cols, rows] = i < 9 ? [100, 30] : [80, 24];
			expect(lines).toHaveLength(rows);
			for (const line of lines) expect(line).toHaveLength(cols);
		}
	});

	test('determinism: the same session replayed twice gives byte-identical frames', async () => {
		const first = await frames(DRILL);
		const second = await frames(DRILL);
		expect(second.frames).toEqual(first.frames);
		// and the seed is what varies them
		const reseeded = await frames(DRILL.replace('seed 7', 'seed 8'));
		expect(reseeded.frames.at(-1)!.text).not.toBe(first.frames.at(-1)!.text);
	});

	test('headless replay never waits on the wall clock; real time paces waits by the speed and shows ticks', async () => {
		const noSleep = async (): Promise<void> => {
			throw new Error('headless replay slept');
		};
		const headless = await frames(DRILL, {sleep: noSleep});
		const slept: number[] = [];
		const paced = await frames(DRILL, {realtime: true, speed: 2, tickMs: 500, sleep: async ms => void slept.push(ms)});
		expect(slept).toEqual([250, 250, 250, 250, 250]);
		expect(paced.frames).toHaveLength(headless.frames.length + 4);
		expect(paced.frames.at(-1)).toEqual(headless.frames.at(-1));
	});

	test('an abort signal stops between steps', async () => {
		const controller = new AbortController();
		const driver = new TextConsoleDriver();
		const result = await replay(parseSession(DRILL), driver, {onFrame: (_frame, context) => {
			if (context.index === 2) controller.abort();
		}, signal: controller.signal});
		expect(result.aborted).toBe(true);
		expect(result.steps).toBe(3);
		expect(driver.calls.filter(call => call !== 'frame').at(-1)).toBe('press :');
	});

	test('a headless replay asks the console for a frame only when one is looked at', async () => {
		const driver = new TextConsoleDriver();
		await replay(parseSession(DRILL), driver);
		expect(driver.calls.filter(call => call === 'frame')).toHaveLength(1);
		const checked = new TextConsoleDriver();
		await replay(parseSession(DRILL + 'expect "x" in vports\n'), checked);
		expect(checked.calls.filter(call => call === 'frame')).toHaveLength(1);
	});

	test('the result tells the steps, frames, simulated time and final size', async () => {
		const result = await replay(parseSession(DRILL), new TextConsoleDriver());
		expect(result).toMatchObject({steps: 9, frames: 11, timeMs: 2500, size: {cols: 80, rows: 24}, aborted: false});
		expect(result.lastFrame.text.split('\n')[0]).toMatch(/^npiv test console {2}t=2500ms {2}80x24/);
	});

	test('measureReplaySpeed counts each key press and reports steps per second', async () => {
		const speed = await measureReplaySpeed(parseSession(DRILL), new TextConsoleDriver());
		expect(speed.steps).toBe(10);
		expect(speed.stepsPerSecond).toBeGreaterThan(0);
	});
});

describe("a session never changes the user's store unless asked with apply", () => {
	function lab(): {dir: string; store: string; tape: string} {
		const dir = mkdtempSync(path.join(tmpdir(), 'npiv-session-'));
		const store = path.join(dir, 'drill-store.json');
		writeFileSync(store, JSON.stringify({vports: ['c0007d00000000aa']}));
		const tape = path.join(dir, 'drill.tape');
		writeFileSync(tape, '# npiv session v1\nstart store ./drill-store.json\n---\nrun create-vport c0007d00000000bb\n');
		return {dir, store, tape};
	}

	test('without apply the driver works on a copy and the file stays as it was', async () => {
		const {store, tape} = lab();
		const before = readFileSync(store, 'utf8');
		const driver = new TextConsoleDriver();
		const result = await replay(parseSession(readFileSync(tape, 'utf8'), {file: tape}), driver);
		expect(driver.starts).toEqual([{kind: 'document', document: before, origin: store}]);
		expect(result.lastFrame.text).toContain('created c0007d00000000bb');
		expect(readFileSync(store, 'utf8')).toBe(before);
	});

	test('with apply the driver opens the file itself and its changes are kept', async () => {
		const {store, tape} = lab();
		const driver = new TextConsoleDriver();
		await replay(parseSession(readFileSync(tape, 'utf8'), {file: tape}), driver, {apply: true});
		expect(driver.starts).toEqual([{kind: 'store', path: store}]);
		expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual({vports: ['c0007d00000000aa', 'c0007d00000000bb']});
	});

	test('apply on a session that does not start from a store is refused before anything runs', async () => {
		const driver = new TextConsoleDriver();
		await expect(replay(parseSession(DRILL), driver, {apply: true})).rejects.toThrow(
			new ReplayError("--apply changes the store a session starts from, and this session starts from scenario lab; use 'start store FILE'"),
		);
		expect(driver.calls).toEqual([]);
	});

	test('a missing store file is named in the message', async () => {
		const {dir} = lab();
		const tape = path.join(dir, 'other.tape');
		const session = parseSession('# npiv session v1\nstart store missing.json\n---\n', {file: tape});
		await expect(replay(session, new TextConsoleDriver())).rejects.toThrow(`cannot read the session's store missing.json (${path.join(dir, 'missing.json')}): no such file`);
	});
});

/**
 * Sessions over the real console (ConsoleApp and its controller) with the fake SAN behind it,
 * shared by the live and the on-demand test files (two files, so they run in parallel).
 */
import fc from 'fast-check';
import {afterEach, describe, expect, test} from 'vitest';
import {check, exportSvgSnapshots, FrameMemory, keyName, parseSession, replay, SessionRecorder, type Frame} from '../../source/session/index.js';
import {FakeConsoleSource} from '../../source/ui/model/FakeConsoleSource.js';
import {createConsoleSessionDriver} from '../../source/ui/session/ConsoleSessionDriver.js';
import type {DisposableSessionDriver} from '../../source/ui/session/ConsoleSessionDriver.js';

const DRILL = `# npiv session v1
start scenario lab
seed 1
size 100x30
---
key 2
key down
expect "  1 Adapters  \\\\[2 Virtual ports\\\\]"
expect "c0007d1a2b3c4e71 +c0007d1a2b3c4e70 +2101001b32a12345" in vports
expect not "c0007d1a2b3c4e71" in adapters
snapshot vports
run fcinfo hba-port
expect "Max NPIV Ports: 127"
key escape
wait 5s
expect "sim 00:00:47\\\\.180"
resize 80x24
snapshot small
`;

export type Mode = 'live' | 'on-demand';
export const drivers: DisposableSessionDriver[] = [];
export function driverIn(render: Mode): DisposableSessionDriver {
	const d = createConsoleSessionDriver((_start, seed) => new FakeConsoleSource({seed}), {render});
	drivers.push(d);
	return d;
}
afterEach(async () => {
	for (const d of drivers.splice(0)) await d.dispose();
});

export function defineConsoleSessionTests(mode: Mode): void {
	describe(`sessions over the real console, drawn ${mode}`, () => {
		const driver = () => driverIn(mode);

		test('check: keys, a command from the : bar, a wait and a resize, with expects and saved frames', async () => {
			const frames = new FrameMemory();
			const first = await check(parseSession(DRILL, {file: 'drill.tape'}), driver(), {frames, update: true});
			expect(first.failure).toBeUndefined();
			expect(first).toMatchObject({ok: true, expects: 5});
			const vports = frames.frames.get('vports')!.split('\n');
			expect(vports[2]).toContain('[2 Virtual ports]');
			expect(vports.find(line => line.includes('> c0007d1a2b3c4e71'))).toBeDefined();
			const small = frames.frames.get('small')!.split('\n');
			expect(small[0]).toContain('sim 00:00:47.180');
			expect(Math.max(...small.map(line => line.length))).toBeLessThanOrEqual(80);

			const again = await check(parseSession(DRILL, {file: 'drill.tape'}), driver(), {frames});
			expect(again.ok).toBe(true);
			expect(again.snapshots.map(s => s.status)).toEqual(['matched', 'matched']);
		});

		test('a failing expect names its line', async () => {
			const result = await check(parseSession(DRILL.replace('Max NPIV Ports: 127', 'Max NPIV Ports: 255'), {file: 'drill.tape'}), driver(), {frames: new FrameMemory(), update: true});
			expect(result.failure?.message).toBe('drill.tape:13: expect "Max NPIV Ports: 255": no match on the screen');
			expect(result.failure?.detail).toContain('HBA Port WWN: 2100001b32812345');
		});

		test('determinism: two replays of the console give byte-identical frames', async () => {
			const run = async () => {
				const all: Frame[] = [];
				await replay(parseSession(DRILL), driver(), {onFrame: frame => void all.push(frame)});
				return all;
			};
			const a = await run();
			expect(a.length).toBe(7);
			expect(await run()).toEqual(a);
		});

		test('pane text lists every row with column titles; the fabric pane holds its three lists', async () => {
			const d = driver();
			await replay(parseSession(DRILL), d);
			expect(d.paneText('vports').split('\n')[0]).toMatch(/^PORT WWN +NODE WWN +PHYSICAL PORT +HOST/);
			expect(d.paneText('vports').split('\n')).toHaveLength(7);
			expect(d.paneText('fabric')).toMatch(/^\[ports\]\nSWITCH/);
			expect(d.paneText('fabric')).toContain('\n[nameserver]\nFABRIC');
			expect(d.paneText('fabric')).toContain('\n[zoning]\nFABRIC');
			expect(() => d.paneText('nowhere')).toThrow("unknown pane 'nowhere'; the panes are: adapters, vports, luns, events, domains, fabric");
		});

		test('SVG snapshots of the console carry its text and colours', async () => {
			const pictures = await exportSvgSnapshots(parseSession(DRILL), driver());
			expect(pictures.map(p => p.name)).toEqual(['vports', 'small']);
			expect(pictures[0]!.svg).toContain('Virtual ports');
			expect(pictures[0]!.svg).toMatch(/fill="#(?!1e1e1e|cccccc)[0-9a-f]{6}"/);
		});

		test('random keys at the console, recorded then replayed, give the same frames', async () => {
			const keys = ['1', '2', '3', '4', '5', '6', 'j', 'k', 'down', 'up', 'pagedown', 'tab', 'shift+tab', 'enter', 'escape', '/', 'c', '0', '?', 'g', 'G', 'space'];
			await fc.assert(
				fc.asyncProperty(fc.array(fc.record({key: fc.constantFrom(...keys), gap: fc.constantFrom(0, 0, 500, 2000)}), {minLength: 1, maxLength: 12}), async inputs => {
					const header = {start: {kind: 'scenario' as const, name: 'lab'}, seed: 1, size: {cols: 100, rows: 30}, speed: 1};
					const live = driver();
					await live.reset({kind: 'scenario', name: 'lab'}, header.seed, header.size);
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
					expect(replayed.map(f => f.text)).toEqual(liveFrames.map(f => f.text));
					expect(replayed).toEqual(liveFrames);
				}),
				{numRuns: 8},
			);
		});
	});
}

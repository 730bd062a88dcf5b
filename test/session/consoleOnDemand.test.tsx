import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {parseSession, replay, type Frame} from '../../source/session/index.js';
import {FakeConsoleSource} from '../../source/ui/model/FakeConsoleSource.js';
import {createConsoleSessionDriver} from '../../source/ui/session/ConsoleSessionDriver.js';
import {defineConsoleSessionTests, driverIn, drivers, type Mode} from './consoleSessions.js';

defineConsoleSessionTests('on-demand');

describe('drawing on demand', () => {
	const KEYS = ['1', '2', '3', '4', '5', '6', 'j', 'k', 'down', 'pagedown', 'tab', 'shift+tab', 'enter', 'escape', '/', ':', 'x', 'm', 'space', 'backspace', '?', 'G', 'n', 'd'];
	const step = fc.oneof(
		{weight: 8, arbitrary: fc.constantFrom(...KEYS).map(key => `key ${key}`)},
		{weight: 1, arbitrary: fc.constantFrom('wait 500ms', 'wait 3s')},
		{weight: 1, arbitrary: fc.constantFrom('resize 80x24', 'resize 120x40', 'run xm list', 'type "web"')},
	);

	test('gives the same frame after every step as the live console', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, {minLength: 1, maxLength: 15}), async steps => {
				const session = parseSession(`# npiv session v1\nstart scenario lab\nsize 100x30\n---\n${steps.join('\n')}\n`);
				const frames = async (render: Mode): Promise<Frame[]> => {
					const all: Frame[] = [];
					await replay(session, driverIn(render), {onFrame: frame => void all.push(frame)});
					return all;
				};
				const live = await frames('live');
				const onDemand = await frames('on-demand');
				expect(onDemand.map(f => f.text)).toEqual(live.map(f => f.text));
				expect(onDemand).toEqual(live);
			}),
			{numRuns: 10},
		);
	});

	test('a headless replay that looks at no frame draws only the last one', async () => {
		let mounts = 0;
		const d = createConsoleSessionDriver((_start, seed) => {
			mounts++;
			return new FakeConsoleSource({seed});
		}, {render: 'on-demand'});
		drivers.push(d);
		const frameCalls: number[] = [];
		const original = d.frame.bind(d);
		d.frame = () => {
			frameCalls.push(1);
			return original();
		};
		const session = parseSession(`# npiv session v1\nstart scenario lab\n---\n${'key j\nkey k\n'.repeat(50)}key 2\nexpect "c0007d1a2b3c4d5f" in vports\n`);
		const result = await replay(session, d);
		expect(result.steps).toBe(102);
		expect(frameCalls).toHaveLength(1);
		expect(mounts).toBe(1);
		expect(result.lastFrame.text).toContain('[2 Virtual ports]');
	});
});

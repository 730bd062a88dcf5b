/**
 * The console figures: keypress-to-frame latency with 100,000 virtual ports listed, and the
 * speed of a headless replay (on-demand rendering: frames are drawn only when looked at).
 *
 * Both run over FakeConsoleSource, the console's in-memory model (a small lab plus generated
 * virtual ports), not over a booted SAN: they measure the console (controller, UI store, list
 * views, Ink) and say so in their labels.
 */
import {parseSession} from '../source/session/index.js';
import {measureReplaySpeed, type ReplaySpeed} from '../source/session/ReplaySpeed.js';
import {measureKeypressToFrame, type KeypressBenchResult} from '../source/ui/bench.js';
import {FakeConsoleSource} from '../source/ui/model/FakeConsoleSource.js';
import {createConsoleSessionDriver} from '../source/ui/session/ConsoleSessionDriver.js';

export interface ConsoleFigures {
	readonly keypress: KeypressBenchResult & {readonly source: string};
	readonly replay: ReplaySpeed & {readonly source: string};
}

export async function runConsoleBench(): Promise<ConsoleFigures> {
	process.env['NODE_ENV'] ??= 'production'; // as cli.tsx does for the console
	const large = FakeConsoleSource.large(100_000);
	const keypress = await measureKeypressToFrame(large, 'list.down', 200);

	// Moves through the panes and lists, opens and leaves the filter and the help: keys a person
	// presses, each of which changes what the console would show.
	const steps = [
		'key 2',
		'key j x400',
		'key pagedown x50',
		'key k x400',
		'key G',
		'key g',
		'key 1',
		'key j x100',
		'key 3',
		'key j x100',
		'key 4',
		'key tab x20',
		'key 2',
		'key ?',
		'key escape',
		'expect "Virtual ports" ',
	];
	const session = parseSession(`# npiv session v1\nstart scenario lab\nsize 120x40\n---\n${steps.join('\n')}\n`);
	const driver = createConsoleSessionDriver((_start, seed) => FakeConsoleSource.large(100_000, {seed}), {render: 'on-demand'});
	try {
		const replay = await measureReplaySpeed(session, driver);
		return {
			keypress: {...keypress, source: 'FakeConsoleSource, 100,000 generated vports, 120x40'},
			replay: {...replay, source: 'console (on-demand render) over FakeConsoleSource with 100,000 vports'},
		};
	} finally {
		await driver.dispose();
	}
}

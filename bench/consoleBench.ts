/**
 * The console figures: keypress-to-frame latency with 100,000 virtual ports listed, and the
 * speed of a headless replay (on-demand rendering: frames are drawn only when looked at).
 *
 * Keypresses go to the console over the booted 100,000-vport SAN (createBenchSource: the world in
 * memory, the simulated clock running at 1x as in an operator's console, the Virtual ports pane
 * built), and once more with the clock paused; for comparison the same keys over
 * FakeConsoleSource, the console's in-memory model with 100,000 generated rows. The replay runs a
 * session of keys, commands and waits over the default lab, booted as `npiv session check` does.
 */
import {decodeDocumentText, encodeDocument, generateDocument} from '../source/store/index.js';
import {measureKeypressToFrame, type KeypressBenchResult} from '../source/ui/bench.js';
import {createBenchSource} from '../source/ui/live/index.js';
import {FakeConsoleSource} from '../source/ui/model/FakeConsoleSource.js';
import {measureWorldReplaySpeed, type WorldReplaySpeed} from '../source/ui/session/WorldReplaySpeed.js';
import {BENCH_SCENARIO} from './sanBench.js';
import type {ScenarioOptions} from '../source/store/index.js';

export interface ConsoleFigures {
	readonly keypress: KeypressBenchResult & {readonly source: string; readonly vports: number};
	readonly keypressPaused: KeypressBenchResult;
	readonly keypressFake: KeypressBenchResult & {readonly source: string};
	readonly replay: WorldReplaySpeed;
}

export async function runConsoleBench(options: ScenarioOptions = BENCH_SCENARIO): Promise<ConsoleFigures> {
	const text = encodeDocument(generateDocument(options));
	const doc = decodeDocumentText(text, {file: 'bench store', kind: 'store'}).document;
	const live = createBenchSource(doc, {clockRunning: true});
	const vports = live.getSnapshot().vports.length;
	const keypress = await measureKeypressToFrame(live, 'list.down', 200);
	live.dispose?.();
	const paused = createBenchSource(doc);
	const keypressPaused = await measureKeypressToFrame(paused, 'list.down', 200);
	paused.dispose?.();
	const keypressFake = await measureKeypressToFrame(FakeConsoleSource.large(100_000), 'list.down', 200);
	const replay = await measureWorldReplaySpeed(20);
	return {
		keypress: {...keypress, vports, source: `the booted SAN (createBenchSource), clock running at 1x, ${vports.toLocaleString('en-US')} vport rows, 120x40`},
		keypressPaused,
		keypressFake: {...keypressFake, source: 'FakeConsoleSource with 100,000 generated vports, 120x40'},
		replay,
	};
}

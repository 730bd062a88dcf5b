/** The console over the real simulated SAN (see WorldConsoleSource). */
import type {WorldDocument} from '../../world/WorldDocument.js';
import {WorldConsoleSource} from './WorldConsoleSource.js';

export {WorldConsoleSource, IDLE_STEP_MS, type WorldSourceOptions} from './WorldConsoleSource.js';
export {parseConsoleLine, type ConsoleLine} from './CommandLine.js';
export {completeLine} from './Completion.js';
export {rscnPages, pageText, pageWordText} from './RscnPages.js';

/**
 * The benchmark's source: `doc` booted in memory, the clock paused and driven by nobody (so that
 * only keys cause frames), and the Virtual ports pane already built, as it is in a console that
 * has been open for a moment (its idle-time warm-up).
 */
export function createBenchSource(doc: WorldDocument): WorldConsoleSource {
	const source = new WorldConsoleSource({document: doc, clock: 'manual', running: false});
	void source.getSnapshot().vports;
	return source;
}

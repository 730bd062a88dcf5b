/** The console over the real simulated SAN (see WorldConsoleSource). */
import type {WorldDocument} from '../../world/WorldDocument.js';
import {WorldConsoleSource} from './WorldConsoleSource.js';

export {WorldConsoleSource, IDLE_STEP_MS, type WorldSourceOptions} from './WorldConsoleSource.js';
export {parseConsoleLine, type ConsoleLine} from './CommandLine.js';
export {completeLine} from './Completion.js';
export {rscnPages, pageText, pageWordText} from './RscnPages.js';

/**
 * The benchmark's source: `doc` booted in memory and the Virtual ports pane already built, as it
 * is in a console that has been open for a moment (its idle-time warm-up). With `clockRunning`
 * the simulated clock follows the wall clock at 1x, as an operator's console does, and its ticks
 * draw frames of their own between the keys; without, only keys cause frames.
 */
export function createBenchSource(doc: WorldDocument, options: {readonly clockRunning?: boolean} = {}): WorldConsoleSource {
	const source = new WorldConsoleSource({document: doc, clock: options.clockRunning ? 'wall' : 'manual', running: options.clockRunning ?? false});
	void source.getSnapshot().vports;
	return source;
}

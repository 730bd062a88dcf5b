/** Headless replay throughput for `npm run bench` (budget: at least 1,000 steps a second). */
import {performance} from 'node:perf_hooks';
import {replay} from './Replayer.js';
import type {SessionDriver} from './SessionDriver.js';
import type {Session} from './SessionFormat.js';

export interface ReplaySpeed {
	/** Steps run, counting each press of a `key … xN` (the unit a person would count). */
	readonly steps: number;
	readonly elapsedMs: number;
	readonly stepsPerSecond: number;
}

export async function measureReplaySpeed(session: Session, driver: SessionDriver): Promise<ReplaySpeed> {
	const steps = session.steps.reduce((sum, step) => sum + (step.kind === 'key' ? step.times : 1), 0);
	const started = performance.now();
	await replay(session, driver);
	const elapsedMs = performance.now() - started;
	return {steps, elapsedMs, stepsPerSecond: elapsedMs > 0 ? (steps * 1000) / elapsedMs : Infinity};
}

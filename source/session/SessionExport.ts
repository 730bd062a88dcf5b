/**
 * `npiv session export`: replay headless and keep what the README's media need, an asciicast of
 * every frame and an SVG picture of every `snapshot` step. The caller writes the files.
 */
import {asciicastFromFrames, type AsciicastOptions, type CastFrame} from './Asciicast.js';
import {runSession, type ReplayOptions} from './Replayer.js';
import type {SessionDriver} from './SessionDriver.js';
import type {Session} from './SessionFormat.js';
import {renderFrameToSvg, type SvgOptions} from './SvgFrame.js';

export interface CastExportOptions extends AsciicastOptions, Pick<ReplayOptions, 'apply' | 'baseDir' | 'signal' | 'refusals'> {
	/**
	 * Presentation time added before every frame that a key, text, command or resize made, in
	 * milliseconds, so a player shows each key; default 0 (pure simulated time, where a burst of
	 * keys shares one instant).
	 */
	readonly keyDelayMs?: number;
	/**
	 * A frame every this many simulated milliseconds of a `wait` (a migration's progress moving),
	 * instead of one frame at its end; default none.
	 */
	readonly waitTickMs?: number;
}

export async function exportAsciicast(session: Session, driver: SessionDriver, options: CastExportOptions = {}): Promise<string> {
	const frames: CastFrame[] = [];
	const keyDelay = options.keyDelayMs ?? 0;
	let shift = 0;
	// ticked waits run as a real-time replay whose wall clock never waits
	const ticks = options.waitTickMs === undefined ? {} : {realtime: true, tickMs: options.waitTickMs, sleep: () => Promise.resolve()};
	await runSession(session, driver, {...replayOptions(options), ...ticks, onFrame: (frame, context) => {
		if (context.step && context.step.kind !== 'wait' && context.step.kind !== 'settle') shift += keyDelay;
		frames.push({timeMs: context.timeMs + shift, ansi: frame.ansi, size: context.size});
	}}, undefined);
	return asciicastFromFrames(frames, options);
}

export interface SvgSnapshot {
	readonly name: string;
	readonly line?: number;
	readonly svg: string;
	/** The frame's text, as `check` saves it. */
	readonly text: string;
}

export interface SvgExportOptions extends SvgOptions, Pick<ReplayOptions, 'apply' | 'baseDir' | 'signal' | 'refusals'> {}

export async function exportSvgSnapshots(session: Session, driver: SessionDriver, options: SvgExportOptions = {}): Promise<SvgSnapshot[]> {
	const pictures: SvgSnapshot[] = [];
	await runSession(session, driver, replayOptions(options), (step, screen, context) => {
		if (step.kind !== 'snapshot') return undefined;
		const frame = screen();
		const svg = renderFrameToSvg(frame.ansi, context.size.cols, context.size.rows, {...options, title: options.title ?? step.name});
		pictures.push({name: step.name, svg, text: frame.text, ...(context.line === undefined ? {} : {line: context.line})});
		return undefined;
	});
	return pictures;
}

function replayOptions(options: Pick<ReplayOptions, 'apply' | 'baseDir' | 'signal' | 'refusals'>): ReplayOptions {
	return {
		...(options.apply === undefined ? {} : {apply: options.apply}),
		...(options.baseDir === undefined ? {} : {baseDir: options.baseDir}),
		...(options.signal === undefined ? {} : {signal: options.signal}),
		...(options.refusals === undefined ? {} : {refusals: options.refusals}),
	};
}

/**
 * Drives a SessionDriver through a session's steps. Headless by default: simulated time moves
 * only by `wait` steps, nothing waits on the wall clock, and the frames depend only on the start,
 * the seed and the steps. `realtime` paces the waits on the wall clock (divided by the speed) for
 * a person watching, and shows the screen between ticks; the final state is the same.
 */
import path from 'node:path';
import {driverStart} from './DriverStartFile.js';
import {fitFrameText} from './FrameText.js';
import {ReplayError} from './SessionError.js';
import type {Frame, SessionDriver} from './SessionDriver.js';
import {isParsedSession, MAX_SPEED, type Session, type Step, type TerminalSize} from './SessionFormat.js';
import type {RefusalSource} from './SessionSandbox.js';

export interface StepContext {
	/** Index of the step in session.steps; -1 for the frame right after reset. */
	readonly index: number;
	readonly step?: Step;
	/** Line of the step in the session file, when the session was parsed from one. */
	readonly line?: number;
	/** Simulated milliseconds since the start. */
	readonly timeMs: number;
	readonly size: TerminalSize;
}

export interface ReplayOptions {
	/** Every new frame: the one after reset, then one after each key press, text, command, wait (or tick) and resize. */
	readonly onFrame?: (frame: Frame, context: StepContext) => void | Promise<void>;
	/** Overrides the session's speed for a real-time replay. */
	readonly speed?: number;
	/** Pace `wait` steps on the wall clock; default false (headless, as fast as possible). */
	readonly realtime?: boolean;
	/** Simulated milliseconds between frames during a real-time wait; default 100. */
	readonly tickMs?: number;
	/** Let the driver change the session's start store (see DriverStartFile.ts); default false, a copy. */
	readonly apply?: boolean;
	/** Folder for relative store paths; default: the session file's folder, else the working directory. */
	readonly baseDir?: string;
	readonly signal?: AbortSignal;
	/**
	 * The sandbox of the files the session's commands touch (SessionSandbox): a step whose command
	 * was refused a file stops the replay with a ReplayError that names the file and the line.
	 */
	readonly refusals?: RefusalSource;
	/**
	 * The wall-clock pause of a real-time replay (required with `realtime`): the terminal replay
	 * in ui/ sleeps on a timer, tests and exports pass their own. Nothing below ui/ reads the clock.
	 */
	readonly sleep?: (ms: number) => Promise<void>;
}

export interface ReplayResult {
	/** Steps run (a `key x5` is one step). */
	readonly steps: number;
	readonly frames: number;
	readonly timeMs: number;
	readonly size: TerminalSize;
	readonly lastFrame: Frame;
	/** True when the signal stopped the replay early. */
	readonly aborted: boolean;
}

/**
 * Looks at the screen at an `expect` or `snapshot` step (`screen()` draws it on first use); a
 * returned value stops the replay (check uses this to stop at the first failure).
 */
export type StepInspector<T> = (
	step: Extract<Step, {kind: 'expect' | 'snapshot'}>,
	screen: () => Frame,
	context: StepContext,
	driver: SessionDriver,
) => T | undefined | Promise<T | undefined>;

export async function replay(session: Session, driver: SessionDriver, options: ReplayOptions = {}): Promise<ReplayResult> {
	return (await runSession(session, driver, options, undefined)).result;
}

export async function runSession<T>(
	session: Session,
	driver: SessionDriver,
	options: ReplayOptions,
	inspect: StepInspector<T> | undefined,
): Promise<{result: ReplayResult; stoppedBy?: T}> {
	const speed = options.speed ?? session.speed;
	if (!(speed > 0 && speed <= MAX_SPEED)) throw new ReplayError(`speed ${speed} is out of range (greater than 0, at most ${MAX_SPEED})`);
	const baseDir = options.baseDir ?? (isParsedSession(session) ? path.dirname(session.file) : '.');
	const start = driverStart(session.start, {apply: options.apply ?? false, baseDir});
	const lines = isParsedSession(session) ? session.stepLines : undefined;
	const sleep = options.sleep;
	if (options.realtime && !sleep) throw new Error('a real-time replay needs options.sleep (the wall-clock pause)');
	const tickMs = options.tickMs ?? 100;

	let size: TerminalSize = session.size;
	let timeMs = 0;
	let frames = 0;
	let steps = 0;

	await driver.reset(start, session.seed, size);
	await driver.idle();
	// A frame is read from the driver only when someone looks at it: a headless replay without
	// onFrame, expects or snapshots never asks the console to draw.
	let frame: Frame | undefined;
	const screen = (): Frame => (frame ??= capture(driver, size));
	const emit = async (context: StepContext): Promise<void> => {
		frame = undefined;
		frames++;
		if (options.onFrame) await options.onFrame(screen(), context);
	};
	const finish = (aborted: boolean): ReplayResult => ({steps, frames, timeMs, size, lastFrame: screen(), aborted});
	await emit({index: -1, timeMs, size});

	for (let index = 0; index < session.steps.length; index++) {
		// A signal is delivered on a turn of the event loop, which a headless replay of resolved
		// promises would never take: give it one between steps, so SIGINT stops a long session.
		if (options.signal) await new Promise(resolve => setImmediate(resolve));
		if (options.signal?.aborted) return {result: finish(true)};
		const step = session.steps[index]!;
		const line = lines?.[index];
		const context = (): StepContext => (line === undefined ? {index, step, timeMs, size} : {index, step, line, timeMs, size});
		steps++;
		switch (step.kind) {
			case 'key':
				for (let n = 0; n < step.times; n++) {
					await driver.press(step.key);
					await driver.idle();
					await emit(context());
				}
				break;
			case 'type':
				await driver.type(step.text);
				await driver.idle();
				await emit(context());
				break;
			case 'run':
				await driver.run(step.command);
				await driver.idle();
				await emit(context());
				break;
			case 'wait':
				if (options.realtime) {
					for (let left = step.ms; left > 0; ) {
						const tick = Math.min(tickMs, left);
						await sleep!(tick / speed);
						await driver.advance(tick);
						await driver.idle();
						timeMs += tick;
						left -= tick;
						await emit(context());
						if (options.signal?.aborted) break;
					}
				} else {
					await driver.advance(step.ms);
					await driver.idle();
					timeMs += step.ms;
					await emit(context());
				}
				break;
			case 'settle':
				timeMs += await driver.settle();
				await driver.idle();
				await emit(context());
				break;
			case 'resize':
				size = step.size;
				await driver.resize(size.cols, size.rows);
				await driver.idle();
				await emit(context());
				break;
			case 'expect':
			case 'snapshot':
				if (inspect) {
					const stop = await inspect(step, screen, context(), driver);
					if (stop !== undefined) return {result: finish(false), stoppedBy: stop};
				}
				break;
		}
		const refused = options.refusals?.takeRefusal();
		if (refused !== undefined) throw new ReplayError(`${where(session, line, index)}: refused: ${refused}`);
	}
	return {result: finish(false)};
}

/** `drill.tape:7` for a step of a session file, else `step 3`. */
export function where(session: Session, line: number | undefined, index: number): string {
	return isParsedSession(session) && line !== undefined ? `${session.file}:${line}` : `step ${index + 1}`;
}

function capture(driver: SessionDriver, size: TerminalSize): Frame {
	const raw = driver.frame();
	return {text: fitFrameText(raw.text, size), ansi: raw.ansi};
}

/**
 * Keypress-to-frame latency of the console, headless at 120x40: the time from a key arriving on
 * stdin until Ink has written the frame that shows its effect. Measured with the console's real
 * frame-rate settings, one key per idle frame (as a person types).
 */
import {performance} from 'node:perf_hooks';
import type {CommandId} from './keys/defaultBindings.js';
import {keySequence} from './keys/keyNames.js';
import {KeyRegistry} from './keys/KeyRegistry.js';
import type {ConsoleSource, PaneId} from './model/ConsoleSource.js';
import {HeadlessStdin, HeadlessStdout} from './headless.js';
import {mountConsole} from './mount.js';

export interface KeypressBenchResult {
	readonly samples: number;
	readonly meanMs: number;
	readonly p95Ms: number;
	readonly maxMs: number;
}

export interface KeypressBenchOptions {
	/** Pane to focus first (default: virtual ports, the 100,000-row list). */
	readonly pane?: PaneId;
	readonly cols?: number;
	readonly rows?: number;
}

const pause = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

export async function measureKeypressToFrame(source: ConsoleSource, key: CommandId = 'list.down', n = 200, opts: KeypressBenchOptions = {}): Promise<KeypressBenchResult> {
	const registry = KeyRegistry.defaults();
	let wrote = 0;
	const stdout = new HeadlessStdout(opts.cols ?? 120, opts.rows ?? 40, () => {
		wrote = performance.now();
	});
	const stdin = new HeadlessStdin();
	const mounted = mountConsole(source, {stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, noColor: false, registry});
	const frameGap = 1000 / 60 + 4;
	try {
		await pause(50);
		stdin.send(keySequence(registry.keysFor(`pane.${opts.pane ?? 'vports'}`)[0]!));
		await pause(50);
		const seq = keySequence(registry.keysFor(key)[0]!);
		const samples: number[] = [];
		for (let i = 0; i < n; i++) {
			wrote = 0;
			const start = performance.now();
			stdin.send(seq);
			// Leading-edge renders are written synchronously; a throttled one lands within a frame.
			if (wrote === 0) await pause(frameGap);
			if (wrote > 0) samples.push(wrote - start);
			await pause(frameGap);
		}
		samples.sort((a, b) => a - b);
		const mean = samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length);
		return {
			samples: samples.length,
			meanMs: round(mean),
			p95Ms: round(samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))] ?? 0),
			maxMs: round(samples.at(-1) ?? 0),
		};
	} finally {
		mounted.instance.unmount();
	}
}

const round = (x: number) => Math.round(x * 100) / 100;

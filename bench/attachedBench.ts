/**
 * A console attached to a served 100,000-vport lab, as a second operator gets it: the serving
 * console runs in a real terminal (tmux) with its clock at 1x, and this process attaches to it
 * (reads the store, replays the server's journal) and takes keys while the server's operations
 * keep arriving. Figures: how long the attach takes, and keypress-to-frame latency.
 */
import {spawnSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import {findServer} from '../source/lab/serve/LabClient.js';
import {measureKeypressToFrame, type KeypressBenchResult} from '../source/ui/bench.js';
import {AttachedConsole} from '../source/ui/live/AttachedConsole.js';

export type AttachedFigures =
	| {readonly skipped: string}
	| {readonly attachMs: number; readonly keypress: KeypressBenchResult; readonly keypressPaused: KeypressBenchResult; readonly vports: number; readonly opsSeen: number; readonly eventsSeen: number};

const pause = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

export async function runAttachedBench(cli: string, store: string): Promise<AttachedFigures> {
	if (spawnSync('tmux', ['-V']).status !== 0) return {skipped: 'tmux is not installed'};
	const socket = `npiv-bench-${process.pid}`;
	const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	tmux('new-session', '-d', '-x', '120', '-y', '40', `${process.execPath} ${cli} --state ${store}`);
	try {
		// The serving console boots the big lab with itself on screen, then serves it.
		let found = await findServer(store);
		for (let i = 0; i < 600 && found.kind !== 'server'; i++) {
			await pause(100);
			found = await findServer(store);
		}
		if (found.kind !== 'server') return {skipped: 'the serving console did not start serving within 60 s'};
		const t0 = performance.now();
		const attached = await AttachedConsole.open({statePath: store, json: false, noColor: false}, found, store);
		if ('error' in attached) return {skipped: `cannot attach: ${attached.error}`};
		const attachMs = performance.now() - t0;
		try {
			const source = attached.console;
			const before = source.currentWorld.sim.now;
			const seq = source.currentWorld.log.lastSeq;
			const vports = source.getSnapshot().vports.length;
			const keypress = await measureKeypressToFrame(source, 'list.down', 200);
			// The serving clock moved the replica all along: simulated ms seen while keys were pressed.
			const opsSeen = Math.round(source.currentWorld.sim.now - before);
			const eventsSeen = source.currentWorld.log.lastSeq - seq;
			// The same with the serving console's clock paused (a space from this console): no operations arrive.
			await attached.clock('pause');
			const keypressPaused = await measureKeypressToFrame(source, 'list.down', 200);
			return {attachMs, keypress, keypressPaused, vports, opsSeen, eventsSeen};
		} finally {
			attached.close();
		}
	} finally {
		tmux('kill-server');
	}
}

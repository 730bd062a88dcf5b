/**
 * The one-shot budget: `npiv fcinfo hba-port` on the default lab, as a whole process, against
 * `node -e 0` (the cost of starting Node at all on this machine). The store is created by a first
 * run that is not counted, as an operator's first command creates it.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

export interface OneShotFigures {
	readonly runs: number;
	readonly nodeMedianMs: number;
	readonly cliMedianMs: number;
	readonly ratio: number;
	readonly cliExit: number;
	readonly cliLines: number;
}

function timed(args: readonly string[]): {ms: number; status: number; stdout: string; stderr: string} {
	const t = performance.now();
	const r = spawnSync(process.execPath, args, {encoding: 'utf8', env: {...process.env, NODE_OPTIONS: ''}});
	return {ms: performance.now() - t, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr};
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function runOneShotBench(cliPath: string, runs = 15): OneShotFigures {
	const dir = mkdtempSync(path.join(tmpdir(), 'npiv-bench-'));
	const state = path.join(dir, 'store.json');
	try {
		const cli = [cliPath, '--state', state, 'fcinfo', 'hba-port'];
		const first = timed(cli); // creates the store from the embedded lab
		if (first.status !== 0) throw new Error(`npiv fcinfo hba-port failed (${first.status}): ${first.stderr.trim()}`);
		const node: number[] = [];
		const npiv: number[] = [];
		let last = first;
		// Interleaved, so that a busy spell on the machine hits both sides alike.
		for (let i = 0; i < runs; i++) {
			node.push(timed(['-e', '0']).ms);
			last = timed(cli);
			npiv.push(last.ms);
		}
		const nodeMedianMs = median(node);
		const cliMedianMs = median(npiv);
		return {runs, nodeMedianMs, cliMedianMs, ratio: cliMedianMs / nodeMedianMs, cliExit: last.status, cliLines: last.stdout.split('\n').length - 1};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

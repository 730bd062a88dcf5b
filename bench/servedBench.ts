/**
 * A served lab, as users get it: `npiv lab serve` on the 100,000-vport store that `npiv scenario
 * generate` writes, and whole `npiv` processes sending it `fcinfo hba-port`, `xm list` and
 * `switch switchshow`, timed side by side with `node -e 0` (interleaved, so a busy spell on the
 * machine hits both alike). Then 6 clients sending 50 changes each at once to a served default
 * lab: how many were lost or ran twice, and whether every client's output is what in-process runs
 * of the same commands print in the order the server ran them.
 */
import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {runOneShotOutput} from '../source/lab/OneShot.js';
import type {AttachedFigures} from './attachedBench.js';

export interface ServedFigures {
	readonly vports: number;
	readonly nodeMedianMs: number;
	readonly commands: readonly {readonly words: string; readonly medianMs: number; readonly ratio: number; readonly exitCode: number}[];
	readonly runs: number;
	readonly clients: number;
	readonly each: number;
	readonly lost: number;
	readonly duplicated: number;
	readonly mismatched: number;
	/** The first output that differed, in-process against served, when one did. */
	readonly firstMismatch?: string;
	readonly concurrentMs: number;
	readonly attached: AttachedFigures;
}

const median = (xs: readonly number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function timed(args: readonly string[]): {ms: number; status: number; stdout: string; stderr: string} {
	const t = performance.now();
	const r = spawnSync(process.execPath, args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: {...process.env, NODE_OPTIONS: '', NPIV_SERVE: ''}});
	return {ms: performance.now() - t, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr};
}

function npivAsync(cli: string, state: string, args: readonly string[]): Promise<{stdout: string; stderr: string; status: number}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [cli, '--state', state, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NPIV_SERVE: ''}});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.once('close', status => resolve({stdout, stderr, status: status ?? -1}));
	});
}

async function served<T>(cli: string, state: string, work: () => Promise<T>): Promise<T> {
	const r = timed([cli, '--state', state, 'lab', 'serve', '--detach']);
	if (r.status !== 0) throw new Error(`lab serve --detach failed: ${r.stderr || r.stdout}`);
	try {
		return await work();
	} finally {
		timed([cli, '--state', state, 'lab', 'stop']);
	}
}

export async function runServedBench(cli: string, hosts = 500): Promise<ServedFigures> {
	const dir = mkdtempSync(path.join(tmpdir(), 'npiv-served-bench-'));
	try {
		const big = path.join(dir, 'big.json');
		const gen = timed([cli, '--json', 'scenario', 'generate', '--hosts', String(hosts), '--ports-per-host', '2', '--vports-per-port', '100', '--arrays', '2', '--switches', '8', '--seed', '42', '--out', big]);
		if (gen.status !== 0) throw new Error(`scenario generate failed: ${gen.stderr}`);
		const vports = (JSON.parse(gen.stdout) as {vports: number}).vports;
		const RUNS = 7;
		const words = [['fcinfo', 'hba-port'], ['xm', 'list'], ['switch', 'switchshow']];
		const node: number[] = [];
		const times = words.map(() => [] as number[]);
		const exits = words.map(() => 0);
		await served(cli, big, async () => {
			for (let i = 0; i < RUNS; i++) {
				node.push(timed(['-e', '0']).ms);
				words.forEach((w, k) => {
					const r = timed([cli, '--state', big, ...w]);
					times[k]!.push(r.ms);
					exits[k] = r.status;
				});
			}
		});
		const nodeMedianMs = median(node);
		// React reads NODE_ENV when it loads: production, as cli.tsx sets it for the console.
		process.env['NODE_ENV'] ??= 'production';
		const {runAttachedBench} = await import('./attachedBench.js');
		const attached = await runAttachedBench(cli, big);

		const lab = path.join(dir, 'lab.json');
		const initial = path.join(dir, 'initial.json');
		timed([cli, '--state', lab, 'xm', 'list']);
		copyFileSync(lab, initial);
		const CLIENTS = 6;
		const EACH = 50;
		const started = performance.now();
		const outputs = await served(cli, lab, () =>
			Promise.all(
				Array.from({length: CLIENTS}, async (_, c) => {
					const mine: {args: string[]; stdout: string; stderr: string; status: number}[] = [];
					for (let i = 0; i < EACH; i++) {
						const args = ['storage', 'lun', 'create', '--array', 'array-1', '--size', '1G', '--name', `c${c}-${i}`];
						mine.push({args, ...(await npivAsync(cli, lab, args))});
					}
					return mine;
				}),
			),
		);
		const concurrentMs = performance.now() - started;
		const all = outputs.flat();
		const ids = all.map(o => Number(/^Created LUN (\d+) /.exec(o.stdout)?.[1] ?? NaN));
		const good = ids.filter(id => Number.isInteger(id));
		const lost = CLIENTS * EACH - good.length;
		const duplicated = good.length - new Set(good).size;
		// In-process, in the server's order (the LUN id each got), on a copy of the store as it was.
		const inOrder = all.map((o, i) => ({...o, id: ids[i]!})).filter(o => Number.isInteger(o.id)).sort((a, b) => a.id - b.id);
		let mismatched = 0;
		let firstMismatch: string | undefined;
		for (const o of inOrder) {
			const local = await runOneShotOutput('storage', o.args.slice(1), {json: false, statePath: initial, noColor: true});
			if (local.stdout !== o.stdout || local.stderr !== o.stderr || local.exitCode !== o.status) {
				mismatched++;
				firstMismatch ??= JSON.stringify({served: [o.stdout, o.stderr, o.status], local: [local.stdout, local.stderr, local.exitCode]});
			}
		}
		return {
			vports,
			nodeMedianMs,
			commands: words.map((w, k) => ({words: w.join(' '), medianMs: median(times[k]!), ratio: median(times[k]!) / nodeMedianMs, exitCode: exits[k]!})),
			runs: RUNS,
			clients: CLIENTS,
			each: EACH,
			lost,
			duplicated,
			mismatched,
			...(firstMismatch === undefined ? {} : {firstMismatch}),
			concurrentMs,
			attached,
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

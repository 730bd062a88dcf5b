/**
 * The live lab at scale, as users meet it: a 100,000-vport store written by `npiv scenario
 * generate`, then whole `npiv` processes on it, each restoring the lab the previous one saved:
 * a read (`fcinfo hba-port`), a change (`fcadm create-npiv-port`, with given WWNs and with random
 * ones), and the store's size once a change with many events (a target port offline: an RSCN
 * storm, recorded) has filled the event log.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

export interface LiveFigures {
	readonly vports: number;
	readonly generateMs: number;
	readonly nodeMedianMs: number;
	readonly readMedianMs: number;
	readonly readRuns: number;
	readonly createMedianMs: number;
	readonly createRuns: number;
	readonly createRandomMedianMs: number;
	readonly stormMs: number;
	readonly storeBytes: number;
	readonly bytesPerVport: number;
	readonly events: number;
}

const HOSTS = 500;

function run(args: readonly string[]): {ms: number; status: number; stdout: string; stderr: string} {
	const t = performance.now();
	const r = spawnSync(process.execPath, args, {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: {...process.env, NODE_OPTIONS: ''}});
	return {ms: performance.now() - t, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr};
}

const median = (xs: readonly number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function must(r: ReturnType<typeof run>, what: string): ReturnType<typeof run> {
	if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 400)}`);
	return r;
}

export function runLiveBench(cli: string, hosts = HOSTS): LiveFigures {
	const dir = mkdtempSync(path.join(tmpdir(), 'npiv-live-bench-'));
	const state = path.join(dir, 'big.json');
	try {
		const gen = must(run([cli, '--json', 'scenario', 'generate', '--hosts', String(hosts), '--ports-per-host', '2', '--vports-per-port', '100', '--arrays', '2', '--switches', '8', '--seed', '42', '--out', state]), 'scenario generate');
		const facts = JSON.parse(gen.stdout) as {vports: number};
		const npiv = (...words: string[]) => run([cli, '--state', state, ...words]);
		const node: number[] = [];
		const read: number[] = [];
		// Interleaved with `node -e 0`, so that a busy spell on the machine hits both alike.
		for (let i = 0; i < 7; i++) {
			node.push(run(['-e', '0']).ms);
			read.push(must(npiv('fcinfo', 'hba-port'), 'fcinfo hba-port').ms);
		}
		const create: number[] = [];
		for (let i = 0; i < 5; i++) {
			const n = (0x100 + i).toString(16).padStart(4, '0');
			create.push(must(npiv('fcadm', 'create-npiv-port', '-p', `c0007e000000${n}`, '-n', `c0007e00000f${n}`, '2100001b32000001'), 'fcadm create-npiv-port').ms);
		}
		const random: number[] = [];
		for (let i = 0; i < 3; i++) random.push(must(npiv('fcadm', 'create-npiv-port', '2101001b32000001'), 'fcadm create-npiv-port (random WWNs)').ms);
		const storm = must(npiv('fault', 'target', 'offline', 'array-01/ctl-A'), 'fault target offline');
		const events = JSON.parse(must(npiv('--json', 'events', '--limit', '100000'), 'events').stdout) as unknown[] | {events?: unknown[]};
		const storeBytes = statSync(state).size;
		return {
			vports: facts.vports,
			generateMs: gen.ms,
			nodeMedianMs: median(node),
			readMedianMs: median(read),
			readRuns: read.length,
			createMedianMs: median(create),
			createRuns: create.length,
			createRandomMedianMs: median(random),
			stormMs: storm.ms,
			storeBytes,
			bytesPerVport: storeBytes / facts.vports,
			events: Array.isArray(events) ? events.length : (events.events?.length ?? 0),
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

/**
 * `npm run bench`: the performance budgets of DESIGN.md, each figure printed next to its budget.
 * Figures, not assertions: nothing here fails a build.
 *
 * Each part runs in a child process of its own (`dist/bench.js --part NAME`), so that the SAN's
 * peak memory is its own and one part's garbage does not slow the next.
 *
 *   node --expose-gc dist/bench.js                    every part
 *   node --expose-gc dist/bench.js --part san         one part, its figures as JSON
 *   node --expose-gc dist/bench.js --only san,oneshot some parts
 *   ... --hosts 50                                    a smaller SAN (hosts x 2 ports x 100 vports)
 */
import {spawnSync} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type {ConsoleFigures} from './consoleBench.js';
import {runLiveBench, type LiveFigures} from './liveBench.js';
import {runOneShotBench, type OneShotFigures} from './oneShotBench.js';
import {runServedBench, type ServedFigures} from './servedBench.js';
import {BENCH_SCENARIO, runSanBench, type SanFigures} from './sanBench.js';

const PARTS = ['san', 'live', 'served', 'oneshot', 'console'] as const;
type Part = (typeof PARTS)[number];
const MARK = '@@bench-json@@';

function option(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

const self = process.argv[1]!;
const hosts = option('hosts') === undefined ? BENCH_SCENARIO.hosts : Number(option('hosts'));

async function runPart(part: Part): Promise<unknown> {
	switch (part) {
		case 'san':
			return runSanBench({...BENCH_SCENARIO, hosts});
		case 'oneshot':
			return runOneShotBench(path.join(path.dirname(self), 'cli.js'));
		case 'live':
			return runLiveBench(path.join(path.dirname(self), 'cli.js'), hosts);
		case 'served':
			return runServedBench(path.join(path.dirname(self), 'cli.js'), hosts);
		case 'console': {
			// React reads NODE_ENV when it loads: production, as cli.tsx sets it for the console.
			process.env['NODE_ENV'] ??= 'production';
			const {runConsoleBench} = await import('./consoleBench.js');
			return runConsoleBench({...BENCH_SCENARIO, hosts});
		}
	}
}

function inChild(part: Part): {value?: unknown; error?: string} {
	const args = ['--expose-gc', self, '--part', part, ...(option('hosts') ? ['--hosts', option('hosts')!] : [])];
	const r = spawnSync(process.execPath, args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
	const line = r.stdout.split('\n').find(l => l.startsWith(MARK));
	if (r.status !== 0 || !line) return {error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-6).join('\n')};
	return {value: JSON.parse(line.slice(MARK.length))};
}

// ---- printing -----------------------------------------------------------------------------------

const rows: string[] = [];
const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits});
const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER');

function budget(what: string, figure: string, limit: string, ok: boolean | undefined): void {
	rows.push(`  ${what.padEnd(58)} ${figure.padStart(14)}   budget ${limit.padEnd(12)} ${ok === undefined ? '-' : verdict(ok)}`);
}

function note(text: string): void {
	rows.push(`      ${text}`);
}

function printSan(s: SanFigures): void {
	budget(`boot ${fmt(s.physicalPorts)} ports x ${fmt(s.vports / s.physicalPorts)} vports to quiescence`, `${fmt(s.totalBootMs / 1000, 2)} s`, '<= 2 s', s.totalBootMs <= 2000);
	budget('  peak memory (RSS, whole process)', `${fmt(s.peakRssMiB)} MiB`, '<= 1 GiB', s.peakRssMiB <= 1024);
	note(`${s.scenario}`);
	note(`new World ${fmt(s.buildMs)} ms + boot ${fmt(s.bootMs)} ms: ${fmt(s.bootEvents)} sim events, ${fmt(s.simMsAtQuiescence, 1)} simulated ms (not counted: generating the document ${fmt(s.generateMs)} ms, reading it back from store text ${fmt(s.loadMs)} ms)`);
	const g = s.bootGc;
	note(`of which garbage collection: ${g.minorCount} scavenges ${fmt(g.minorMs)} ms, ${g.majorCount} mark-compact/incremental ${fmt(g.majorMs)} ms`);
	note(`after boot: heap ${fmt(s.heapAfterBootMiB)} MiB (after GC), RSS ${fmt(s.rssAfterBootMiB)} MiB; ${fmt(s.onlineVports)} vports online, ${fmt(s.vportsWithLuns)} with LUNs`);
	for (const st of s.storms) {
		const all = st.vportsSawRscn >= s.vports;
		budget(`RSCN storm: ${st.what}`.slice(0, 58), `${fmt(st.ms)} ms`, '<= 1 s', all ? st.ms <= 1000 : undefined);
		note(`${fmt(st.vportsSawRscn)} vports saw the RSCN, ${fmt(st.vportsLostTarget)} lost the target; ${fmt(st.rscnsSent)} RSCNs sent, ${fmt(st.events)} sim events` + (all ? ' (a target port per fabric: every vport is zoned with one)' : ' (one fabric: half the vports; the budget line is the next)'));
	}
}

function printLive(l: LiveFigures): void {
	budget(`one-shot \`fcinfo hba-port\`, ${fmt(l.vports)}-vport store, whole process`, `${fmt(l.readMedianMs / 1000, 2)} s`, '<= 0.8 s', l.readMedianMs <= 800);
	note(`median of ${l.readRuns} (node -e 0: ${fmt(l.nodeMedianMs)} ms); the store was written by \`npiv scenario generate\` in ${fmt(l.generateMs / 1000, 1)} s`);
	budget(`one-shot \`fcadm create-npiv-port -p -n\`, ${fmt(l.vports)}-vport store`, `${fmt(l.createMedianMs / 1000, 2)} s`, '<= 1.2 s', l.createMedianMs <= 1200);
	note(`median of ${l.createRuns}; with random WWNs (no -p/-n): ${fmt(l.createRandomMedianMs / 1000, 2)} s`);
	budget('store size per virtual port, live state and full event log', `${fmt(l.bytesPerVport, 1)} B`, '<= 400 B', l.bytesPerVport <= 400);
	note(`${fmt(l.storeBytes)} bytes, ${fmt(l.events)} events kept, after \`fault target offline\` (an RSCN storm, recorded: ${fmt(l.stormMs / 1000, 2)} s whole process)`);
}

function printOneShot(o: OneShotFigures): void {
	budget('one-shot `npiv fcinfo hba-port`, default lab, whole process', `${fmt(o.ratio, 2)}x`, '<= 3x', o.ratio <= 3);
	note(`median of ${o.runs}: npiv ${fmt(o.cliMedianMs)} ms, node -e 0 ${fmt(o.nodeMedianMs)} ms (exit ${o.cliExit}, ${o.cliLines} lines)`);
}

function printServed(s: ServedFigures): void {
	for (const c of s.commands) {
		budget(`\`npiv ${c.words}\` through a served ${fmt(s.vports)}-vport lab`, `${fmt(c.ratio, 2)}x`, '<= 3x', c.ratio <= 3);
		note(`median of ${s.runs}: ${fmt(c.medianMs)} ms, node -e 0 ${fmt(s.nodeMedianMs)} ms, whole processes side by side (exit ${c.exitCode})`);
	}
	const clean = s.lost === 0 && s.duplicated === 0 && s.mismatched === 0;
	// (the budget line says lost and twice; a differing output fails it too)
	budget(`${s.clients} clients x ${s.each} changes to one server`, `${s.lost} lost, ${s.duplicated} twice`, '0 lost, 0 twice', clean);
	note(`${s.mismatched} outputs differing from in-process runs in the server's order; ${fmt(s.concurrentMs)} ms in all (\`storage lun create\`, each a whole process)`);
	if (s.firstMismatch) note(`first difference: ${s.firstMismatch}`);
	const a = s.attached;
	if ('skipped' in a) {
		budget('attached console keypress to frame, serving clock running', 'skipped', '<= 30 ms', undefined);
		note(a.skipped);
		return;
	}
	budget(`attached console keypress to frame, ${fmt(a.vports)} vports (p95)`, `${fmt(a.keypress.p95Ms, 1)} ms`, '<= 30 ms', a.keypress.p95Ms <= 30);
	note(`the serving console in tmux, clock at 1x: mean ${fmt(a.keypress.meanMs, 1)} ms, max ${fmt(a.keypress.maxMs, 1)} ms, ${a.keypress.samples} samples; ${fmt(a.opsSeen)} simulated ms and ${fmt(a.eventsSeen)} events replayed meanwhile`);
	note(`the serving clock paused (no operations arriving): p95 ${fmt(a.keypressPaused.p95Ms, 1)} ms, mean ${fmt(a.keypressPaused.meanMs, 1)} ms`);
	note(`attach (read the store, replay the journal): ${fmt(a.attachMs)} ms`);
}

function printConsole(c: ConsoleFigures): void {
	budget('console keypress to frame, 100,000 vports, clock running (p95)', `${fmt(c.keypress.p95Ms, 1)} ms`, '<= 30 ms', c.keypress.p95Ms <= 30);
	note(`over ${c.keypress.source}: mean ${fmt(c.keypress.meanMs, 1)} ms, max ${fmt(c.keypress.maxMs, 1)} ms, ${c.keypress.samples} samples (key j, one per frame)`);
	note(`the same with the clock paused: p95 ${fmt(c.keypressPaused.p95Ms, 1)} ms, mean ${fmt(c.keypressPaused.meanMs, 1)} ms`);
	note(`over ${c.keypressFake.source}: p95 ${fmt(c.keypressFake.p95Ms, 1)} ms, mean ${fmt(c.keypressFake.meanMs, 1)} ms`);
	budget('headless replay', `${fmt(c.replay.stepsPerSecond)} steps/s`, '>= 1,000/s', c.replay.stepsPerSecond >= 1000);
	note(`${c.replay.source}: ${fmt(c.replay.steps)} steps in ${fmt(c.replay.elapsedMs)} ms`);
}

async function main(): Promise<void> {
	const part = option('part');
	if (part) {
		if (!PARTS.includes(part as Part)) throw new Error(`unknown part '${part}' (${PARTS.join(', ')})`);
		const value = await runPart(part as Part);
		process.stdout.write(`${MARK}${JSON.stringify(value)}\n`);
		return;
	}
	const only = option('only')?.split(',') ?? [...PARTS];
	const started = Date.now();
	const load = os.loadavg()[0]!.toFixed(2);
	console.log(`npiv-console bench (node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs, load average ${load} at start)`);
	for (const p of PARTS) {
		if (!only.includes(p)) continue;
		const r = inChild(p);
		if (r.error !== undefined) {
			rows.push(`  ${p}: FAILED\n${r.error.replace(/^/gm, '      ')}`);
		} else if (p === 'san') printSan(r.value as SanFigures);
		else if (p === 'oneshot') printOneShot(r.value as OneShotFigures);
		else if (p === 'live') printLive(r.value as LiveFigures);
		else if (p === 'served') printServed(r.value as ServedFigures);
		else printConsole(r.value as ConsoleFigures);
		console.log(rows.splice(0).join('\n'));
	}
	console.log(`(${fmt((Date.now() - started) / 1000, 1)} s in all)`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);

/**
 * Several consoles, one lab: a console serving its store on the real socket, consoles attached to
 * it, and one-shot commands through it. Whatever runs where (the serving console's command bar,
 * an attached console's, a one-shot command, the serving console's clock), every attached console
 * shows exactly the serving console's lab: the same events, clock, PRNG, configuration and live
 * state, checked after every step; and a console attaching late catches up from the store and
 * the server's journal.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import {Lab} from '../../../source/lab/Lab.js';
import {runOneShotOutput} from '../../../source/lab/OneShot.js';
import {HeadlessLab} from '../../../source/lab/serve/HeadlessLab.js';
import {findServer, runThroughServer} from '../../../source/lab/serve/LabClient.js';
import {LabServer} from '../../../source/lab/serve/LabServer.js';
import {serveFilesFor} from '../../../source/lab/serve/ServeFiles.js';
import {encodeDocument, finaliseDocument} from '../../../source/store/DocumentCodec.js';
import {loadEmbeddedLab, newDocument, openStore} from '../../../source/store/index.js';
import {AttachedConsole} from '../../../source/ui/live/AttachedConsole.js';
import {ConsoleServedLab} from '../../../source/ui/live/ConsoleServedLab.js';
import {WorldConsoleSource} from '../../../source/ui/live/WorldConsoleSource.js';
import type {World} from '../../../source/world/World.js';
import type {Wwn} from '../../../source/sim/Wwn.js';
import {commandLine, type Line} from '../../lab/commandGrammar.js';

const bootedText = (() => {
	const lab = Lab.open(newDocument(loadEmbeddedLab(), 11));
	return encodeDocument(finaliseDocument(lab.nextDocument()!, 1));
})();

/**
 * Everything a console shows comes from these: the lab as it would be saved, with its clock and
 * log (a busy SAN's live state cannot be saved: then the rest, and the whole once it is idle).
 */
function labState(world: World): Record<string, string> {
	const busy = world.sim.pending > 0;
	const live = busy ? undefined : world.saveLive();
	return {
		lab: JSON.stringify(world.exportLab()),
		...(live ? {media: live.media.text, fabrics: live.fabrics.map(f => f.text).join('\n'), hosts: live.hosts.map(h => h.text).join('\n'), xen: live.xen.text} : {}),
		clock: `${world.sim.now} pending ${world.sim.pending} next ${world.sim.nextDue()}`,
		prng: world.prng.state.join(','),
		events: world.log.entries().map(e => JSON.stringify(e)).join('\n'),
	};
}

const quote = (w: string): string => (/^[\w./:=@,+-]+$/.test(w) ? w : `'${w}'`);
const lineText = (l: Line): string => [...(l.host ? ['--host', l.host] : []), l.family, ...l.argv].map(quote).join(' ');

interface Rig {
	readonly store: string;
	readonly serving: WorldConsoleSource;
	readonly server: LabServer;
	readonly attached: AttachedConsole[];
}

const rigs: Rig[] = [];
afterEach(async () => {
	for (const rig of rigs.splice(0)) {
		for (const a of rig.attached) a.close();
		await rig.server.close();
		await rig.serving.close();
	}
});

async function servingConsole(): Promise<Rig> {
	const store = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-attach-')), 'store.json');
	writeFileSync(store, bootedText);
	const opened = await openStore(store);
	const serving = new WorldConsoleSource({document: opened.document, store: opened, clock: 'manual', watch: false});
	const server = await LabServer.listen(serveFilesFor(store), new ConsoleServedLab(serving), {
		onClients: clients => serving.setServing({role: 'serving', by: 'console', pid: process.pid, clients}),
	});
	const rig: Rig = {store, serving, server, attached: []};
	rigs.push(rig);
	return rig;
}

async function attach(rig: Rig): Promise<AttachedConsole> {
	const found = await findServer(rig.store);
	if (found.kind !== 'server') throw new Error(`no server: ${found.kind}`);
	const attached = await AttachedConsole.open({statePath: rig.store, json: false, noColor: true}, found, 'store.json');
	if ('error' in attached) throw new Error(attached.error);
	rig.attached.push(attached);
	return attached;
}

type Step =
	| {readonly where: 'serving' | 'attached' | 'one-shot'; readonly line: Line}
	| {readonly where: 'clock'; readonly ms: number}
	| {readonly where: 'step'}
	| {readonly where: 'late-attach'};

const step: fc.Arbitrary<Step> = fc.oneof(
	{arbitrary: fc.record({where: fc.constant('serving' as const), line: commandLine}), weight: 3},
	{arbitrary: fc.record({where: fc.constant('attached' as const), line: commandLine}), weight: 3},
	{arbitrary: fc.record({where: fc.constant('one-shot' as const), line: commandLine}), weight: 2},
	{arbitrary: fc.record({where: fc.constant('clock' as const), ms: fc.integer({min: 1, max: 40_000})}), weight: 3},
	{arbitrary: fc.constant({where: 'step' as const}), weight: 1},
	{arbitrary: fc.constant({where: 'late-attach' as const}), weight: 1},
);

async function runStep(rig: Rig, s: Step): Promise<void> {
	switch (s.where) {
		case 'serving':
			await rig.serving.actions.runCommand(lineText(s.line));
			return;
		case 'attached':
			await rig.attached[0]!.console.actions.runCommand(lineText(s.line));
			return;
		case 'one-shot':
			await runThroughServer(s.line.family, s.line.argv, {statePath: rig.store, json: false, noColor: true, ...(s.line.host ? {host: s.line.host} : {})}, {out: () => undefined, err: () => undefined});
			return;
		case 'clock':
			rig.serving.advance(s.ms);
			return;
		case 'step':
			rig.serving.actions.clock.step();
			return;
		case 'late-attach':
			if (rig.attached.length < 3) await attach(rig);
	}
}

describe('consoles attached to a serving console', () => {
	it('show exactly the serving console lab after every step, wherever the step ran', {timeout: 240_000}, async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, {minLength: 4, maxLength: 14}), async steps => {
				const rig = await servingConsole();
				try {
					await attach(rig);
					for (const s of steps) {
						await runStep(rig, s);
						await rig.serving.settled();
						for (const a of rig.attached) {
							await a.sync();
							expect(labState(a.console.currentWorld), `after ${JSON.stringify(s)}`).toEqual(labState(rig.serving.currentWorld));
						}
					}
					// Whatever is still under way, run to its end: the whole lab compared.
					rig.serving.runUntilIdle();
					await rig.serving.settled();
					for (const a of rig.attached) {
						await a.sync();
						expect(labState(a.console.currentWorld)).toEqual(labState(rig.serving.currentWorld));
						expect(a.resyncs).toBe(0);
					}
				} finally {
					for (const a of rig.attached.splice(0)) a.close();
				}
			}),
			{numRuns: Number(process.env['NPIV_PROPERTY_RUNS'] ?? 12), seed: Number(process.env['NPIV_PROPERTY_SEED'] ?? 7)},
		);
	});

	it('an attached console sees a migration move on the serving console clock, and its header says who serves', async () => {
		const rig = await servingConsole();
		const a = await attach(rig);
		await a.sync();
		expect(a.console.getSnapshot().header.serving).toEqual({role: 'attached', by: 'console', pid: process.pid, clients: 1});
		expect(rig.serving.getSnapshot().header.serving).toEqual({role: 'serving', by: 'console', pid: process.pid, clients: 1});
		const said = await a.console.actions.runCommand('--host dom0-a xm migrate --live web01 dom0-b');
		expect(said.exitCode).toBe(0);
		// Started by the attached console, carried on by the serving console's clock.
		expect(a.console.getSnapshot().busy?.label).toMatch(/^migrating web01 dom0-a -> dom0-b/);
		for (let i = 0; i < 200 && rig.serving.getSnapshot().busy; i++) rig.serving.advance(250);
		await rig.serving.settled();
		await a.sync();
		expect(a.console.getSnapshot().busy).toBeNull();
		expect(a.console.getSnapshot().domains.find(d => d.name === 'web01')?.host).toBe('dom0-b');
		expect(labState(a.console.currentWorld)).toEqual(labState(rig.serving.currentWorld));
		// The serving console saved the migration: a process opening the store sees web01 on dom0-b.
		const saved = await openStore(rig.store);
		expect(saved.document.lab.domains.find(d => d.name === 'web01')?.host).toBe('dom0-b');
	});
});

describe('actions from an attached console', () => {
	it('create and delete a virtual port, create and pause a domain, pull a cable: each reported as on the serving console, and seen there', async () => {
		const rig = await servingConsole();
		const a = await attach(rig);
		const act = a.console.actions;
		const created = await act.createVirtualPort({host: 'dom0-a', physicalWwn: '2100001b32813c5a' as Wwn, portWwn: 'c0007d1c6d04a9b3' as Wwn, nodeWwn: 'c0007d1c6d04a9b2' as Wwn});
		expect(created).toEqual({ok: true, message: 'Created virtual port c0007d1c6d04a9b3 (node c0007d1c6d04a9b2, index 2) on 2100001b32813c5a of dom0-a'});
		rig.serving.runUntilIdle();
		await a.sync();
		expect(rig.serving.getSnapshot().vports.map(v => v.key)).toContain('c0007d1c6d04a9b3');
		expect(a.console.getSnapshot().vports.map(v => v.key)).toContain('c0007d1c6d04a9b3');
		const config = ['name = "app01"', 'memory = 512', 'vcpus = 1', "npiv = ['c0007d7e25f3d018:c0007d7e25f3d019:1:10000000c96b2e10']"].join('\n');
		const started = await act.domain.create({configText: config});
		expect(started.ok, started.message).toBe(true);
		rig.serving.runUntilIdle();
		await a.sync();
		expect(rig.serving.getSnapshot().domains.find(d => d.name === 'app01')?.host).toBe('dom0-b');
		expect((await act.domain.pause('app01')).ok).toBe(true);
		expect((await act.deleteVirtualPort('c0007d1c6d04a9b3')).message).toBe('Deleted virtual port c0007d1c6d04a9b3 from 2100001b32813c5a of dom0-a');
		expect((await act.fabric.cablePull({pane: 'adapters', key: '10000000c96b2e11'})).ok).toBe(true);
		rig.serving.runUntilIdle();
		await rig.serving.settled();
		await a.sync();
		expect(labState(a.console.currentWorld)).toEqual(labState(rig.serving.currentWorld));
		expect(a.console.getSnapshot().domains.find(d => d.name === 'app01')?.state).toMatch(/p/);
	});
});

describe('events --follow through a serving console', () => {
	it('prints the log, then each event as the console logs it, whoever caused it', async () => {
		const rig = await servingConsole();
		const found = await findServer(rig.store);
		if (found.kind !== 'server') throw new Error('no server');
		let printed = '';
		let heard!: () => void;
		let wanted = /x/;
		const following = found.connection.stream({type: 'follow', id: 1, argv: ['--follow', '--limit', '2', '--type', 'fabric.logo'], json: false}, reply => {
			if (reply.type === 'output') printed += reply.stdout;
			if (wanted.test(printed)) heard();
		});
		const next = (pattern: RegExp) =>
			new Promise<void>(resolve => {
				wanted = pattern;
				heard = resolve;
				if (wanted.test(printed)) resolve();
			});
		// The console's own action: the cable pull logs the port out.
		await rig.serving.actions.runCommand('fault cable pull dom0-a/2100001b32813c5a');
		rig.serving.advance(1000);
		await next(/LOGO 21:00:00:1b:32:81:3c:5a 010000/);
		// Another process's command, through the console's server.
		await runThroughServer('fault', ['cable', 'pull', 'dom0-b/10000000c96b2e10'], {statePath: rig.store, json: false, noColor: true}, {out: () => undefined, err: () => undefined});
		await next(/LOGO 10:00:00:00:c9:6b:2e:10 010100/);
		const lines = printed.trimEnd().split('\n');
		expect(lines.every(l => / fabric\.logo /.test(l))).toBe(true);
		expect(new Set(lines).size).toBe(lines.length);
		found.connection.close();
		await following.catch(() => undefined);
	});
});

describe('consoles attached to a headless server (npiv lab serve)', () => {
	type HeadlessStep = {readonly where: 'attached' | 'one-shot' | 'beside'; readonly line: Line} | {readonly where: 'step'};
	const headlessStep: fc.Arbitrary<HeadlessStep> = fc.oneof(
		{arbitrary: fc.record({where: fc.constant('attached' as const), line: commandLine}), weight: 3},
		{arbitrary: fc.record({where: fc.constant('one-shot' as const), line: commandLine}), weight: 2},
		// --no-server: a process writes the store itself; the server takes it in before its next request.
		{arbitrary: fc.record({where: fc.constant('beside' as const), line: commandLine}), weight: 1},
		{arbitrary: fc.constant({where: 'step' as const}), weight: 1},
	);

	it('show exactly the server lab after every request, also after another process wrote the store', {timeout: 240_000}, async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(headlessStep, {minLength: 3, maxLength: 10}), async steps => {
				const store = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-attach-h-')), 'store.json');
				writeFileSync(store, bootedText);
				const lab = await HeadlessLab.open(store);
				const server = await LabServer.listen(serveFilesFor(store), lab);
				const found = await findServer(store);
				if (found.kind !== 'server') throw new Error('no server');
				const a = await AttachedConsole.open({statePath: store, json: false, noColor: true}, found, 'store.json');
				if ('error' in a) throw new Error(a.error);
				const quiet = {out: () => undefined, err: () => undefined};
				try {
					expect(a.console.getSnapshot().header.clockMode).toBe('commands');
					for (const s of steps) {
						const globals = {statePath: store, json: false, noColor: true, ...(s.where !== 'step' && s.line.host ? {host: s.line.host} : {})};
						if (s.where === 'attached') await a.console.actions.runCommand(lineText(s.line));
						else if (s.where === 'one-shot') await runThroughServer(s.line.family, s.line.argv, globals, quiet);
						else if (s.where === 'beside') {
							await runOneShotOutput(s.line.family, s.line.argv, globals);
							await runThroughServer('events', ['--limit', '1'], globals, quiet);
						} else a.console.actions.clock.step();
						await a.sync();
						expect(labState(a.console.currentWorld), `after ${JSON.stringify(s)}`).toEqual(labState(lab.currentLab.world));
					}
				} finally {
					a.close();
					await server.close();
					await lab.close();
				}
			}),
			{numRuns: Number(process.env['NPIV_PROPERTY_RUNS'] ?? 8), seed: Number(process.env['NPIV_PROPERTY_SEED'] ?? 7)},
		);
	});
});

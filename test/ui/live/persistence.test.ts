/**
 * The console saves like the CLI and sees what other processes save (a real store in a real
 * temporary folder; the watcher is real fs.watch, waited for with a bounded poll).
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runOneShotOutput as runFamilyOutput} from '../../../source/lab/OneShot.js';
import {openStore, type StoreDocument} from '../../../source/store/index.js';
import {WorldConsoleSource} from '../../../source/ui/live/WorldConsoleSource.js';
import {pollUntil, SOLC_A, SPARE, tempDir, WEB01_VPORT} from './helpers.js';

const sources: WorldConsoleSource[] = [];
afterEach(async () => {
	for (const s of sources.splice(0)) await s.close();
});

async function liveOnStore(opts: {watch?: boolean} = {}): Promise<{file: string; source: WorldConsoleSource}> {
	const file = path.join(tempDir(), 'store.json');
	const store = await openStore(file);
	const source = new WorldConsoleSource({document: store.document, store, storeFile: 'store.json', clock: 'manual', ...opts});
	sources.push(source);
	await source.flush();
	return {file, source};
}

const onDisk = (file: string): StoreDocument => JSON.parse(readFileSync(file, 'utf8')) as StoreDocument;
const globals = (file: string, host?: string) => ({statePath: file, json: false, noColor: true, ...(host ? {host} : {})});

describe('saving', () => {
	it('records and saves the first boot of a new store, as the CLI does', async () => {
		const {file, source} = await liveOnStore();
		const doc = onDisk(file);
		expect(doc.revision).toBe(2);
		expect(doc.events.length).toBeGreaterThan(50);
		expect(source.storeRevision).toBe(2);
		expect(source.getSnapshot().header.storeFile).toBe('store.json');
	});

	it('saves an action that changed the SAN once the SAN is idle again, and not one that did not', async () => {
		const {file, source} = await liveOnStore();
		const r = await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		expect(r.ok).toBe(true);
		// The new port is still logging in and discovering: the console holds the store meanwhile.
		expect(source.holdingStore).toBe(true);
		await idle(source);
		expect(source.holdingStore).toBe(false);
		let doc = onDisk(file);
		expect(doc.revision).toBe(3);
		expect(doc.lab.hosts.find(h => h.name === 'sol-c')!.npivPorts).toEqual([`${SOLC_A}:${SPARE.portWwn.toUpperCase()}:${SPARE.nodeWwn.toUpperCase()}:1`]);
		// a read changes nothing: nothing is written
		await source.actions.runCommand('fcinfo hba-port');
		await idle(source);
		expect(onDisk(file).revision).toBe(3);
		await source.actions.runCommand('fault port disable fab-a1/1');
		await idle(source);
		doc = onDisk(file);
		expect(doc.revision).toBe(4);
		expect(doc.lab.switches.find(s => s.name === 'fab-a1')!.ports!.find(p => p.index === 1)!.disabled).toBe(true);
		// a switch shell command is an administrative change of the fabric
		await source.actions.runCommand('switch --switch fab-a1 portenable 1');
		await idle(source);
		expect(onDisk(file).revision).toBe(5);
	});

	it('the next process continues what the console saved, without a boot', async () => {
		const {file, source} = await liveOnStore();
		await source.actions.runCommand('fault cable pull dom0-a/2100001b32813c5a');
		await idle(source);
		await source.actions.runCommand('fault cable plug dom0-a/2100001b32813c5a');
		await idle(source);
		const list = await runFamilyOutput('xm', ['list', 'web01'], globals(file));
		expect(list.stdout).toMatch(/^web01 +1 +1024 +2 +-b----/m);
		expect(list.stderr).toBe('');
		const before = onDisk(file).revision;
		// a read in another process writes nothing
		expect((await runFamilyOutput('switch', ['nsshow'], globals(file))).exitCode).toBe(0);
		expect(onDisk(file).revision).toBe(before);
	});

	it('saves where a domain ends up when its migration completes on the clock', async () => {
		const {file, source} = await liveOnStore();
		await source.actions.domain.migrate('web01', {host: 'dom0-b', live: true});
		expect(onDisk(file).lab.domains.find(d => d.name === 'web01')!.host).toBe('dom0-a');
		for (let i = 0; i < 600 && source.getSnapshot().busy; i++) source.advance(100);
		await source.flush();
		expect(onDisk(file).lab.domains.find(d => d.name === 'web01')).toMatchObject({host: 'dom0-b', state: 'running'});
	});
});

describe('other processes', () => {
	it('shows a change another process saved, once the watcher sees the file: restored, not booted', async () => {
		const {file, source} = await liveOnStore();
		source.advance(5000);
		const clock = source.getSnapshot().header.clock;
		const events = source.getSnapshot().events.length;
		const flogis = source.getSnapshot().events.filter(e => e.type === 'fabric.flogi').length;
		const selected = source.getSnapshot().vports.find(v => v.portWwn === WEB01_VPORT)!;
		const out = await runFamilyOutput('fcadm', ['create-npiv-port', '-p', SPARE.portWwn, '-n', SPARE.nodeWwn, SOLC_A], globals(file, 'sol-c'));
		expect(out.exitCode).toBe(0);
		await pollUntil(() => source.getSnapshot().vports.some(v => v.portWwn === SPARE.portWwn), 'the console shows the virtual port the CLI created');
		const snap = source.getSnapshot();
		expect(source.storeRevision).toBe(onDisk(file).revision);
		expect(snap.notice?.text).toMatch(/^another process saved the store \(revision \d+\): showing it$/);
		// Restored, not booted: the log carries on from the CLI's events, no logins again, and the
		// console's clock does not go back.
		expect(snap.events.length).toBeGreaterThan(events);
		expect(snap.events.filter(e => e.type === 'fabric.flogi').length).toBe(flogis);
		expect(snap.header.clock).toBeGreaterThanOrEqual(clock);
		// rows keep their keys across the reload, so the console keeps its selection
		expect(snap.vports.find(v => v.portWwn === WEB01_VPORT)!.key).toBe(selected.key);
		expect(snap.vports.find(v => v.portWwn === SPARE.portWwn)!.state).toBe('online');
	});

	it("does not take its own saves for someone else's", async () => {
		const {source} = await liveOnStore();
		await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		await idle(source);
		await source.checkStore();
		expect(source.getSnapshot().notice?.text ?? '').not.toMatch(/another process/);
	});

	it("runs its change on top of another process's save, losing neither", async () => {
		// no watcher: the other process's save is found when the console takes the store for its change
		const {file, source} = await liveOnStore({watch: false});
		const other = await runFamilyOutput('fault', ['port', 'disable', 'fab-b1/1'], globals(file));
		expect(other.exitCode).toBe(0);
		const r = await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		expect(r.ok).toBe(true);
		await idle(source);
		const doc = onDisk(file);
		expect(doc.lab.switches.find(s => s.name === 'fab-b1')!.ports!.find(p => p.index === 1)!.disabled).toBe(true);
		expect(doc.lab.hosts.find(h => h.name === 'sol-c')!.npivPorts).toHaveLength(1);
		expect(source.getSnapshot().fabric.ports.find(p => p.key === 'port:fab-b1/1')!.state).toBe('Disabled');
		expect(source.getSnapshot().vports.some(v => v.portWwn === SPARE.portWwn)).toBe(true);
	});

	it('a change that the newer store refuses fails as the command does, and changes nothing', async () => {
		const {file, source} = await liveOnStore({watch: false});
		// the other process takes the spare WWNs first
		await runFamilyOutput('fcadm', ['create-npiv-port', '-p', SPARE.portWwn, '-n', SPARE.nodeWwn, SOLC_A], globals(file, 'sol-c'));
		const revision = onDisk(file).revision;
		const out = await source.actions.runCommand(`--host sol-c fcadm create-npiv-port -p ${SPARE.portWwn} -n ${SPARE.nodeWwn} ${SOLC_A}`);
		expect(out.exitCode).toBe(1);
		expect(out.stderr).toBe('Error: failed to create a npiv port\n');
		await idle(source);
		expect(onDisk(file).lab.hosts.find(h => h.name === 'sol-c')!.npivPorts).toHaveLength(1);
		expect(onDisk(file).revision).toBe(revision + 1); // the refused FDISC is an event in the log
	});

	it('a one-shot writer waits while the console finishes its change, then runs on what the console saved', async () => {
		const {file, source} = await liveOnStore();
		await source.actions.domain.migrate('web01', {host: 'dom0-b', live: true});
		expect(source.holdingStore).toBe(true);
		let cliDone = false;
		const cli = runFamilyOutput('fault', ['port', 'disable', 'fab-b1/1'], globals(file)).then(out => {
			cliDone = true;
			return out;
		});
		await new Promise(r => setTimeout(r, 200));
		expect(cliDone).toBe(false);
		await idle(source);
		const out = await cli;
		expect(out.exitCode).toBe(0);
		const doc = onDisk(file);
		expect(doc.lab.domains.find(d => d.name === 'web01')).toMatchObject({host: 'dom0-b', state: 'running'});
		expect(doc.lab.switches.find(s => s.name === 'fab-b1')!.ports!.find(p => p.index === 1)!.disabled).toBe(true);
	});
});

/** Runs the console's clock until the SAN is idle, then waits for its save. */
async function idle(source: WorldConsoleSource): Promise<void> {
	for (let i = 0; i < 2000 && source.currentWorld.sim.pending > 0; i++) source.advance(100);
	await source.flush();
}

/**
 * The status line over the real SAN: a message goes when its time is up (simulated time here, as
 * in a replay, where the test drives the clock) or when the work it describes ends; an error
 * stays until the next key.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {STATUS_MS} from '../../../source/ui/controller/ConsoleController.js';
import type {WorldConsoleSource} from '../../../source/ui/live/WorldConsoleSource.js';
import {renderConsole, type Harness} from '../harness.js';
import {labSource} from './helpers.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

const statusLine = (c: Harness) => c.lines().at(-1)!;

async function migrateWeb01(): Promise<{c: Harness; source: WorldConsoleSource}> {
	const source = labSource();
	const c = (h = await renderConsole({source, cols: 100, rows: 30}));
	await c.press('pane.domains');
	while (!/^│> web01 /.test(c.lines().find(l => l.startsWith('│> ')) ?? '')) await c.press('list.down');
	await c.press('domain.migrate');
	expect(c.screen()).toContain('Migrate web01');
	await c.press('dialog.confirm');
	return {c, source};
}

async function advance(c: Harness, source: WorldConsoleSource, ms: number): Promise<void> {
	source.advance(ms);
	await c.waitIdle();
}

describe('status line', () => {
	test('a migration started says so, the message goes after a few seconds, and its end is told', async () => {
		const {c, source} = await migrateWeb01();
		expect(statusLine(c)).toContain('web01: live migration to dom0-b started');
		await advance(c, source, STATUS_MS - 1000);
		expect(statusLine(c)).toContain('live migration to dom0-b started');
		await advance(c, source, 1000);
		expect(statusLine(c)).not.toContain('started');
		expect(statusLine(c)).toContain('migrating web01 dom0-a -> dom0-b');
		await advance(c, source, 20_000);
		expect(statusLine(c)).toMatch(/^ web01 migrated to dom0-b in \d+\.\d s/);
		// An information: it goes as the others do.
		await advance(c, source, STATUS_MS);
		expect(statusLine(c).trim()).toBe('');
	});

	test('a failed migration is told as an error, which stays until the next key', async () => {
		const source = labSource();
		await source.actions.runCommand('fault npiv off fab-a1/1');
		const c = (h = await renderConsole({source, cols: 100, rows: 30}));
		await c.press('pane.domains');
		while (!/^│> web01 /.test(c.lines().find(l => l.startsWith('│> ')) ?? '')) await c.press('list.down');
		await c.press('domain.migrate');
		await c.press('dialog.confirm');
		await advance(c, source, 30_000);
		expect(statusLine(c)).toContain('Migration of web01 to dom0-b failed at step 5');
		await advance(c, source, 60_000);
		expect(statusLine(c)).toContain('Migration of web01 to dom0-b failed at step 5');
		await c.press('list.up');
		expect(statusLine(c)).not.toContain('failed');
	});
});

describe('header', () => {
	test('says replay when the clock is driven (a session replay), not running', async () => {
		const source = labSource();
		const c = (h = await renderConsole({source, cols: 100, rows: 30}));
		expect(source.getSnapshot().header.running).toBe(true);
		expect(c.lines()[0]).toMatch(/ sim 00:00:\d\d\.\d{3} x1 replay$/);
		// The pause key changes nothing that the header could claim: the replay moves the clock.
		await c.press('clock.pause');
		expect(c.lines()[0]).toMatch(/ x1 replay$/);
	});

	test('says running or PAUSED when the wall clock drives it', async () => {
		const source = labSource({clock: 'wall'});
		try {
			const c = (h = await renderConsole({source, cols: 100, rows: 30}));
			expect(c.lines()[0]).toMatch(/ x1 running$/);
			await c.press('clock.pause');
			expect(c.lines()[0]).toMatch(/ x1 PAUSED$/);
		} finally {
			await source.close();
		}
	});

	test('says who serves the lab and how many consoles are attached; a long store path gives way first', async () => {
		const storeFile = '/home/operator/labs/customer-rehearsals/2026-12/fabric-a-b/store.json';
		const source = labSource({storeFile});
		const c = (h = await renderConsole({source, cols: 100, rows: 30}));
		expect(c.lines()[0]).toMatch(/^ npiv-console {2}…\S*\/fabric-a-b\/store\.json +sim /);
		source.setServing({role: 'serving', by: 'console', pid: 4242, clients: 0});
		await c.waitIdle();
		expect(c.lines()[0]).toMatch(/^ npiv-console {2}…\S*\/fabric-a-b\/store\.json {2}\(serving\) +sim 00:00:\d\d\.\d{3} x1 replay$/);
		source.setServing({role: 'serving', by: 'console', pid: 4242, clients: 2});
		await c.waitIdle();
		expect(c.lines()[0]).toMatch(/ {2}\(serving, 2 attached\) +sim /);
		source.setServing({role: 'attached', by: 'headless', pid: 4711, clients: 1});
		await c.waitIdle();
		expect(c.lines()[0]).toMatch(/^ npiv-console {2}…\S*\/store\.json {2}\(attached: lab serve pid 4711, 1 console\) +sim /);
		expect(c.lines()[0]!.length).toBeLessThanOrEqual(100);
		source.setServing({role: 'lost', by: 'headless', pid: 4711, clients: 0});
		await c.waitIdle();
		expect(c.lines()[0]).toContain('(lab server gone: reconnecting)');
	});
});


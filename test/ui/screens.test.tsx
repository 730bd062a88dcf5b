/**
 * Screen snapshots of every pane, the detail panel, every dialog, the help, the command bar and
 * its output, the filter and the too-small notice, at 100x30 and 80x24 on the fake lab. Each
 * snapshot is a plain-text file under __screens__/ (read them: they are what a person sees).
 */
import {afterEach, describe, expect, test} from 'vitest';
import type {CommandId} from '../../source/ui/keys/defaultBindings.js';
import {renderConsole, type Harness} from './harness.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

async function shot(harness: Harness, file: string): Promise<void> {
	const lines = harness.lines();
	// The frame fills the terminal exactly: header first, status line last, nothing scrolled off.
	expect(harness.scrolled).toBe(0);
	expect(lines[0]).toMatch(/^ npiv-console/);
	await expect(lines.join('\n') + '\n').toMatchFileSnapshot(`__screens__/${file}.txt`);
}

async function at(cols: number, rows: number, keys: readonly CommandId[] = []): Promise<Harness> {
	h = await renderConsole({cols, rows});
	for (const k of keys) await h.press(k);
	return h;
}

describe.each([
	[100, 30],
	[80, 24],
] as const)('%ix%i', (cols, rows) => {
	const size = `${cols}x${rows}`;

	test.each([
		['adapters', ['pane.adapters']],
		['vports', ['pane.vports']],
		['luns', ['pane.luns']],
		['events', ['pane.events']],
		['domains', ['pane.domains']],
		['fabric-ports', ['pane.fabric']],
		['fabric-nameserver', ['pane.fabric', 'fabric.viewNext']],
		['fabric-zoning', ['pane.fabric', 'fabric.viewNext', 'fabric.viewNext']],
	] as const)('pane %s', async (name, keys) => {
		await shot(await at(cols, rows, keys), `${size}/pane-${name}`);
	});

	test('detail panel (Enter) of an adapter and of a domain', async () => {
		const c = await at(cols, rows, ['pane.adapters', 'detail.toggle']);
		await shot(c, `${size}/detail-adapter`);
		await c.press('pane.domains');
		await c.press('list.down');
		await shot(c, `${size}/detail-domain`);
	});

	test.each([
		['vport-create', ['pane.vports', 'vport.create']],
		['vport-delete', ['pane.vports', 'vport.delete']],
		['domain-migrate', ['pane.domains', 'list.down', 'domain.migrate']],
		['domain-npiv-attach', ['pane.domains', 'list.down', 'domain.npivAttach']],
		['domain-npiv-detach', ['pane.domains', 'list.down', 'domain.npivDetach']],
		['domain-shutdown', ['pane.domains', 'list.down', 'domain.shutdown']],
		['domain-destroy', ['pane.domains', 'list.down', 'domain.destroy']],
		['domain-reboot', ['pane.domains', 'list.down', 'domain.reboot']],
		['domain-create', ['pane.domains', 'domain.create']],
		['port-disable', ['pane.adapters', 'port.disable']],
		['cable-pull', ['pane.fabric', 'cable.pull']],
	] as const)('dialog %s', async (name, keys) => {
		await shot(await at(cols, rows, keys), `${size}/dialog-${name}`);
	});

	test('quit asks while a migration runs, and the domain row shows its progress', async () => {
		const c = await at(cols, rows, ['pane.domains', 'list.down', 'domain.migrate', 'dialog.confirm', 'clock.step', 'clock.step']);
		await shot(c, `${size}/domains-migrating`);
		await c.press('app.quit');
		await shot(c, `${size}/dialog-quit-migrating`);
	});

	test('help overlay', async () => {
		await shot(await at(cols, rows, ['pane.vports', 'help.toggle']), `${size}/help`);
	});

	test('command bar with completion, then its output', async () => {
		const c = await at(cols, rows, ['prompt.command']);
		await c.type('f');
		await c.press('prompt.complete');
		await shot(c, `${size}/command-bar`);
		await c.press('edit.clear');
		await c.type('fcinfo hba-port 2100001b32812345 10000000c9612345 2100001b3281ffff');
		await c.press('prompt.submit');
		await shot(c, `${size}/command-output`);
	});

	test('filter narrows the list', async () => {
		const c = await at(cols, rows, ['pane.luns', 'prompt.filter']);
		await c.type('db01');
		await shot(c, `${size}/filter-typing`);
		await c.press('prompt.submit');
		await shot(c, `${size}/filter-applied`);
	});
});

test('side detail panel at 120x36', async () => {
	await shot(await at(120, 36, ['pane.vports', 'list.down']), '120x36/pane-vports-side-detail');
});

test('too-small notice below 80x24', async () => {
	h = await renderConsole({cols: 79, rows: 24});
	const text = h.screen();
	expect(text).toContain('Terminal too small: 79x24.');
	await expect(text + '\n').toMatchFileSnapshot('__screens__/too-small-79x24.txt');
	await h.resize(100, 30);
	expect(h.lines()[0]).toMatch(/^ npiv-console/);
	await h.resize(80, 20);
	expect(h.screen()).toContain('Terminal too small: 80x20.');
});

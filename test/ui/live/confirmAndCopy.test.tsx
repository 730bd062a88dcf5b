/**
 * Two keys an operator expects from k9s and lazygit, on the real lab: `y`/`n` answer a
 * confirmation (and are plain letters in a text field), and `y` on a row copies its WWN to the
 * terminal's clipboard through OSC 52.
 */
import {afterEach, describe, expect, test} from 'vitest';
import type {WorldConsoleSource} from '../../../source/ui/live/WorldConsoleSource.js';
import {renderConsole, type Harness} from '../harness.js';
import {labSource} from './helpers.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

const selectedRow = (c: Harness) => c.lines().find(l => l.startsWith('│> ')) ?? '';
const statusLine = (c: Harness) => c.lines().at(-1)!;

async function adapters(): Promise<{c: Harness; source: WorldConsoleSource}> {
	const source = labSource();
	const c = (h = await renderConsole({source, cols: 120, rows: 36}));
	expect(selectedRow(c)).toMatch(/^│> dom0-a +2100001b32813c5a .*online/);
	return {c, source};
}

describe('y and n in a confirmation', () => {
	test('y carries it out whatever button has the focus', async () => {
		const {c, source} = await adapters();
		await c.press('cable.pull');
		expect(c.screen()).toContain('Pull the cable of HBA port 2100001b32813c5a');
		expect(c.lines().at(-2)).toContain('yes: y | no: n');
		await c.press('dialog.yes');
		await source.settled();
		source.advance(1000);
		await c.waitIdle();
		expect(c.screen()).not.toContain('Pull the cable of HBA port');
		expect(selectedRow(c)).toMatch(/^│> dom0-a +2100001b32813c5a .*offline/);
	});

	test('n closes it and nothing happens', async () => {
		const {c, source} = await adapters();
		await c.press('cable.pull');
		await c.press('dialog.no');
		await source.settled();
		source.advance(1000);
		await c.waitIdle();
		expect(c.screen()).not.toContain('Pull the cable of HBA port');
		expect(selectedRow(c)).toMatch(/^│> dom0-a +2100001b32813c5a .*online/);
		expect(source.currentWorld.log.entries().some(e => e.type === 'world.cable.pull')).toBe(false);
	});

	test('in a form, y and n are letters of the field being typed', async () => {
		const {c} = await adapters();
		await c.press('pane.domains');
		await c.press('domain.create');
		expect(c.lines().at(-2)).not.toContain('yes: y');
		await c.press('dialog.yes');
		await c.press('dialog.no');
		expect(c.screen()).toMatch(/> Name: +yn /);
	});
});

describe('y on a row', () => {
	test('copies the selected WWN to the clipboard with OSC 52 and says so', async () => {
		const {c} = await adapters();
		const before = c.raw().length;
		await c.press('row.copy');
		const osc = `\u001B]52;c;${Buffer.from('2100001b32813c5a').toString('base64')}\u0007`;
		expect(c.raw().slice(before)).toContain(osc);
		expect(statusLine(c)).toContain('Copied 2100001b32813c5a');
		await c.press('pane.vports');
		await c.press('row.copy');
		expect(c.raw()).toContain(`\u001B]52;c;${Buffer.from('c0007d5a3e81c241').toString('base64')}\u0007`);
	});
});

describe('domain actions xend would refuse are not offered', () => {
	async function domains(): Promise<Harness> {
		const source = labSource();
		const c = (h = await renderConsole({source, cols: 120, rows: 36}));
		await c.press('pane.domains');
		return c;
	}
	async function select(c: Harness, name: RegExp): Promise<void> {
		for (let i = 0; i < 10 && !name.test(selectedRow(c)); i++) await c.press('list.down');
		expect(selectedRow(c)).toMatch(name);
	}

	test('Domain-0: destroy, shutdown, reboot, migrate and pause say why at once, with no dialog', async () => {
		const c = await domains();
		await select(c, /^│> Domain-0 .* dom0-a/);
		for (const [key, words] of [
			['domain.destroy', 'Cannot destroy privileged domain Domain-0'],
			['domain.shutdown', 'Cannot shutdown privileged domain Domain-0'],
			['domain.reboot', 'Cannot shutdown privileged domain Domain-0'],
			['domain.migrate', 'Cannot migrate privileged domain Domain-0'],
			['domain.pause', 'Cannot pause privileged domain Domain-0'],
		] as const) {
			await c.press(key);
			expect(c.screen(), key).not.toMatch(/╭─ (Destroy|Shut down|Reboot|Migrate)/);
			expect(statusLine(c), key).toContain(`Domain-0: ${words}`);
		}
	});

	test('a halted domain: migrate and shutdown are refused with xm’s words; destroy still asks', async () => {
		const c = await domains();
		await select(c, /^│> db01 /);
		await c.press('domain.migrate');
		expect(statusLine(c)).toContain('db01: Domain is not running');
		await c.press('domain.shutdown');
		expect(statusLine(c)).toContain("db01: Domain 'db01' is not started");
		await c.press('domain.destroy');
		expect(c.screen()).toContain('Destroy');
		expect(c.lines().at(-2)).toContain('yes: y | no: n');
	});
});

/**
 * Column widths over the real lab at the two sizes people use most: values that identify things
 * (WWNs, models, configuration names, event types) are never cut.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {renderConsole, type Harness} from '../harness.js';
import {labSource, SOLC_A, SPARE} from './helpers.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

const PANES = ['pane.adapters', 'pane.vports', 'pane.luns', 'pane.events', 'pane.domains', 'pane.fabric'] as const;

async function lab(cols: number, rows: number): Promise<Harness> {
	const source = labSource();
	await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
	source.advance(5000);
	return (h = await renderConsole({source, cols, rows}));
}

/** Every screen of every pane (the fabric pane's three views). */
async function everyPane(c: Harness): Promise<string[]> {
	const screens: string[] = [];
	for (const pane of PANES) {
		await c.press(pane);
		screens.push(c.screen());
	}
	for (let i = 0; i < 2; i++) {
		await c.press('fabric.viewNext');
		screens.push(c.screen());
	}
	return screens;
}

describe.each([
	[100, 30],
	[80, 24],
])('at %ix%i', (cols, rows) => {
	test('no WWN is cut in any pane', async () => {
		const c = await lab(cols, rows);
		const screens = await everyPane(c);
		// (The Events pane has no WWN column; its summaries are cut anywhere, WWNs in them too.)
		screens.splice(PANES.indexOf('pane.events'), 1);
		for (const screen of screens) expect(screen).not.toMatch(/(?<![0-9a-f])[0-9a-f]{6,15}…/);
		expect(screens.join('\n')).toContain('c0007dc84b19e6ab');
	});

	test('adapter models are whole (LPe11002-M4, the longest)', async () => {
		const c = await lab(cols, rows);
		await c.press('pane.adapters');
		const models = c.lines().filter(l => /^│[> ] (dom0|sol)/.test(l)).map(l => l.split(/ +/)[3]);
		expect(models).toEqual(['QLE2462', 'QLE2462', 'LPe11002-M4', 'LPe11002-M4', 'QLE2562', 'QLA2342', 'LP10000']);
	});

	test('zoning configuration names and event types are whole', async () => {
		const c = await lab(cols, rows);
		await c.press('pane.fabric');
		await c.press('fabric.viewNext', 2);
		expect(c.screen()).toMatch(/│> A +cfg_fabric_a z_dom0a_p0 /);
		await c.press('pane.events');
		expect(c.screen()).toContain('driver.sysevent.device_online');
		await c.press('pane.luns');
		// A device path too long for its column keeps its controller and its LUN and slice.
		expect(c.screen()).toMatch(cols === 100 ? / \/dev\/rdsk\/c2t…d0s2 / : / c2t…d0s2 /);
	});
});

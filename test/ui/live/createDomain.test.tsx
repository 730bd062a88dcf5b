/**
 * The Create domain dialog with an NPIV port, on the real lab: with the WWNs left empty xm create
 * has the HBA-API pick a random `c0007d` pair (the specification's "let the library select a
 * WWN"), kept in the domain's configuration; with typed WWNs (a zoned spare pair) the domain's
 * virtual port comes up with its LUNs.
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

async function createDomain(name: string, wwns?: {port: string; node: string}): Promise<{c: Harness; source: WorldConsoleSource}> {
	const source = labSource();
	const c = (h = await renderConsole({source, cols: 120, rows: 36}));
	await c.press('pane.domains');
	await c.press('domain.create');
	await c.type(name);
	await c.press('dialog.next', 3);
	// NPIV port on: the first Xen HBA port that can do NPIV (dom0-a's 2100001b32813c5a).
	await c.press('dialog.optionNext');
	expect(c.screen()).toMatch(/NPIV port on: +‹ 2100001b32813c5a  dom0-a ›/);
	if (wwns) {
		await c.press('dialog.next');
		await c.type(wwns.port);
		await c.press('dialog.next');
		await c.type(wwns.node);
	}
	await c.press('dialog.next', wwns ? 3 : 5);
	expect(c.screen()).toMatch(/\[ Create \]|‹ Create ›|> Create|Create/);
	await c.press('dialog.confirm');
	await source.settled();
	source.runUntilIdle();
	await source.settled();
	await c.waitIdle();
	return {c, source};
}

describe('create domain with an NPIV port', () => {
	test('empty WWNs: a random c0007d pair, kept in the domain configuration', async () => {
		const {c, source} = await createDomain('app01');
		expect(c.lines().at(-1)).not.toContain('Invalid npiv specifier');
		const spec = source.currentWorld.exportLab().domains.find(d => d.name === 'app01');
		expect(spec?.npiv).toEqual([expect.stringMatching(/^c0007d[0-9a-f]{10}:c0007d[0-9a-f]{10}:1:2100001b32813c5a$/)]);
		expect(c.screen()).toMatch(/app01 +\d+ +512 .*dom0-a +1/);
	});

	test('typed WWNs: the zoned spare pair, whose LUNs the domain gets', async () => {
		const {c, source} = await createDomain('app02', {port: 'c0007d1c6d04a9b3', node: 'c0007d1c6d04a9b2'});
		const spec = source.currentWorld.exportLab().domains.find(d => d.name === 'app02');
		expect(spec?.npiv).toEqual(['c0007d1c6d04a9b3:c0007d1c6d04a9b2:1:2100001b32813c5a']);
		expect(c.screen()).toMatch(/app02 +\d+ +512 .*dom0-a +1/);
		await c.press('pane.vports');
		expect(c.screen()).toMatch(/c0007d1c6d04a9b3 .*app02/);
	});
});

/**
 * Sorting a list by any column, on the real lab: `o` walks the columns (past the last: the SAN's
 * own order), `O` flips the order, the header marks the column, the selection stays on its row,
 * and each pane keeps its own sort.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {renderConsole, type Harness} from '../harness.js';
import {labSource, listRows} from './helpers.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

const rows = listRows;
const header = (c: Harness) => c.lines()[4]!;
const statusLine = (c: Harness) => c.lines().at(-1)!;
const column = (c: Harness, at: number) => rows(c).map(l => l.slice(2).trim().split(/\s+/)[at]!);

describe('sort', () => {
	test('o sorts by each column in turn, O flips it, and a further o past the last column unsorts', async () => {
		const c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36}));
		const unsorted = rows(c);
		await c.press('list.sort');
		expect(header(c)).toMatch(/│ {2}HOST▲ +PORT WWN /);
		expect(statusLine(c)).toContain('Sorted by HOST, ascending');
		await c.press('list.sort');
		expect(header(c)).toMatch(/PORT WWN▲/);
		const wwns = column(c, 1);
		expect(wwns).toEqual([...wwns].sort());
		await c.press('list.sortFlip');
		expect(header(c)).toMatch(/PORT WWN▼/);
		expect(column(c, 1)).toEqual([...wwns].sort().reverse());
		for (let i = 0; i < 8 && /[▲▼]/.test(header(c)); i++) await c.press('list.sort');
		expect(header(c)).not.toMatch(/[▲▼]/);
		expect(statusLine(c)).toContain('Unsorted');
		expect(rows(c)).toEqual(unsorted);
	});

	test('FCIDs sort by value, the selection stays on its port, and each pane keeps its sort', async () => {
		const c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36}));
		await c.press('list.down', 2);
		const selected = rows(c).find(l => l.startsWith('│> '))!.split(/\s+/)[2];
		for (let i = 0; i < 10 && !/FCID▲/.test(header(c)); i++) await c.press('list.sort');
		expect(column(c, 3)).toEqual(['000001', '010000', '010100', '020000', '030000', '030100', '0a0000']);
		expect(rows(c).find(l => l.startsWith('│> '))!.split(/\s+/)[2]).toBe(selected);
		await c.press('pane.vports');
		expect(header(c)).not.toMatch(/[▲▼]/);
		await c.press('pane.adapters');
		expect(header(c)).toMatch(/FCID▲/);
	});
});

describe('status line', () => {
	test('clears when another pane is chosen', async () => {
		const c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36}));
		await c.press('list.sort');
		expect(statusLine(c)).toContain('Sorted by HOST');
		await c.press('pane.adapters');
		expect(statusLine(c)).toContain('Sorted by HOST');
		await c.press('pane.vports');
		expect(statusLine(c).trim()).toBe('');
	});
});

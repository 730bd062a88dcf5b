/**
 * The console keeps what the operator set, per store: the next console on the same store opens
 * on the same pane with the same sorts, filters, follow mode and detail panel; another store
 * starts fresh; a broken settings file is the defaults.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {settingsFileFor} from '../../../source/ui/state/OperatorSettings.js';
import {renderConsole, type Harness} from '../harness.js';
import {labSource} from './helpers.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

const header = (c: Harness) => c.lines()[4]!;

describe('operator settings', () => {
	test('live in XDG_STATE_HOME, one file per store', () => {
		const env = {XDG_STATE_HOME: '/var/tmp/state'};
		const a = settingsFileFor('/labs/a/store.json', env);
		expect(a).toMatch(/^\/var\/tmp\/state\/npiv-console\/[0-9a-f]{16}\.json$/);
		expect(settingsFileFor('/labs/b/store.json', env)).not.toBe(a);
		expect(settingsFileFor('/labs/a/../a/store.json', env)).toBe(a);
	});

	test('the next console opens as the last one was left: pane, sort, filter, follow, detail', async () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-settings-')), 'settings.json');
		let c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36, settingsFile: file}));
		await c.press('pane.vports');
		await c.press('pane.adapters');
		await c.press('list.sort', 2);
		await c.press('prompt.filter');
		await c.type('dom0');
		await c.press('prompt.submit');
		await c.press('pane.events');
		await c.press('events.follow');
		await c.press('pane.domains');
		await c.press('detail.toggle');
		const before = c.screen();
		h.unmount();
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({pane: 'domains', follow: false, detail: 'closed', lists: {adapters: {filter: 'dom0', sort: {column: 'portWwn', desc: false}}}});

		c = h = await renderConsole({source: labSource(), cols: 120, rows: 36, settingsFile: file});
		expect(c.screen().split('\n').slice(2, 4)).toEqual(before.split('\n').slice(2, 4));
		await c.press('pane.adapters');
		expect(header(c)).toMatch(/PORT WWN▲/);
		expect(c.lines()[3]).toContain('/dom0');
		await c.press('pane.events');
		expect(c.lines()[3]).toContain('follow off');
	});

	test('a broken settings file is the defaults, and the next quit writes it right', async () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-settings-')), 'settings.json');
		writeFileSync(file, '{"pane": "nowhere", ');
		const c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36, settingsFile: file}));
		expect(c.lines()[2]).toContain('[1 Adapters]');
		h.unmount();
		h = undefined;
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({pane: 'adapters'});
	});
});

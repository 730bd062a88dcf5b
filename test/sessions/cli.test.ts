/** The built binary: `npiv session …`, `npiv snapshot …` and `--record` reach their commands with the usual exit codes. */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {npiv, npivRaw, tempStore} from '../cli/runCli.js';

const TOUR = path.join(import.meta.dirname, 'tour.tape');

describe('npiv session and snapshot from the shell', () => {
	test('session check of the tour passes; the store named by --state is neither read nor created', () => {
		const state = tempStore();
		const r = npiv(state, ['session', 'check', TOUR]);
		expect(r).toMatchObject({status: 0, stderr: ''});
		expect(r.stdout).toMatch(/tour\.tape: ok \(\d+ steps, \d+ expects, snapshots: 9 matched\)\n$/);
		expect(existsSync(state)).toBe(false);
	});

	test('snapshot draws a pane of the store, in colour when asked for ansi even under NO_COLOR', () => {
		const state = tempStore();
		const text = npiv(state, ['snapshot', '--pane', 'domains', '--cols', '80', '--rows', '24']);
		expect(text.status).toBe(0);
		expect(text.stdout.split('\n')[2]).toBe('  1 Adapters   2 Virtual ports   3 LUNs   4 Events  [5 Domains]  6 Fabric');
		const ansi = npiv(state, ['snapshot', '--pane', 'domains', '--format', 'ansi']);
		expect(ansi.stdout).toContain('\x1b[');
		expect(npiv(state, ['snapshot', '--pane', 'nope']).status).toBe(2);
		expect(readFileSync(state, 'utf8')).toContain('"revision": 1');
	});

	test('usage errors exit 2; --record goes with the console only', () => {
		expect(npivRaw(['session']).status).toBe(2);
		const r = npivRaw(['--record', 'x.tape', 'fcinfo', 'hba-port']);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain("npiv: --record FILE records the console; it does not go with 'fcinfo'");
		expect(npivRaw(['--record=', 'ui']).stderr).toContain('npiv: --record needs a FILE');
	});
});

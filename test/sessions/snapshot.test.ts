/** `npiv snapshot`: one pane of the current store, drawn headless, for people's own snapshot tests. */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {runOneShotOutput as runFamilyOutput} from '../../source/lab/OneShot.js';
import {runSnapshotCommand} from '../../source/ui/snapshotCommand.js';
import {captureIo, GLOBALS} from './io.js';

function store(): string {
	return path.join(mkdtempSync(path.join(tmpdir(), 'npiv-snapshot-')), 'store.json');
}

async function snapshot(statePath: string, argv: string[]) {
	const io = captureIo();
	const code = await runSnapshotCommand(argv, {...GLOBALS, statePath}, io);
	return {code, out: io.printed(), err: io.errors()};
}

describe('npiv snapshot', () => {
	test('draws the pane of the current store, 100x30 text by default, and saves nothing', async () => {
		const state = store();
		const first = await snapshot(state, ['--pane', 'vports']);
		expect(first.code).toBe(0);
		expect(first.err).toBe('');
		const lines = first.out.split('\n');
		expect(lines).toHaveLength(31);
		expect(lines[2]).toBe('  1 Adapters  [2 Virtual ports]  3 LUNs   4 Events   5 Domains   6 Fabric');
		expect(first.out).toContain('│> c0007d5a3e81c241 c0007d5a3e81c240 2100001b32813c5a dom0-a     010001 online    web01           5│');
		expect(Math.max(...lines.map(line => line.length))).toBe(100);
		const saved = readFileSync(state, 'utf8');
		expect(await snapshot(state, ['--pane', 'vports'])).toEqual(first);
		expect(readFileSync(state, 'utf8')).toBe(saved);
	});

	test('shows what the store holds now: a port created by a one-shot command', async () => {
		const state = store();
		const created = await runFamilyOutput('fcadm', ['create-npiv-port', '-p', 'c0007d1c6d04a9b3', '-n', 'c0007d1c6d04a9b2', '2100001b32813c5a'], {...GLOBALS, statePath: state});
		expect(created.exitCode).toBe(0);
		// the lab carries on from the one-shot command: the new port is the newest, listed first
		const r = await snapshot(state, ['--pane', 'vports', '--select', '1', '--detail', '--cols', '120', '--rows', '40']);
		expect(r.code).toBe(0);
		const lines = r.out.split('\n');
		expect(lines).toHaveLength(41);
		expect(r.out).toMatch(/│> c0007d1c6d04a9b3 +2100001b32813c5a +dom0-a +010002 +online +- +4│/);
		expect(r.out).toContain('╭─ Virtual port c0007d1c6d04a9b3 (dom0-a) ─╮');
	});

	test('--select picks a row, in any pane; ansi and svg formats', async () => {
		const state = store();
		const third = await snapshot(state, ['--pane', 'adapters', '--select', '3']);
		expect(third.out).toMatch(/│> dom0-b +10000000c96b2e10 /);
		const ansi = await snapshot(state, ['--pane', 'adapters', '--format', 'ansi']);
		expect(ansi.code).toBe(0);
		expect(ansi.out).toContain('\x1b[36m');
		expect(ansi.out.replace(/\x1b\[[0-9;]*m/g, '').split('\n')[3]).toBe(`╭─ Adapters (7) ${'─'.repeat(83)}╮`);
		const svg = await snapshot(state, ['--pane', 'domains', '--format', 'svg', '--cols', '80', '--rows', '24']);
		expect(svg.out).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="740" height="452"/);
		expect(svg.out).toContain('<title>npiv snapshot --pane domains</title>');
		expect(svg.out).toMatch(/<text [^>]*>[^<]*web01 +1 +1024/);
	});

	test('bad requests: unknown pane or format, sizes below 80x24 (exit 2); a row that is not there (exit 1)', async () => {
		const state = store();
		const cases: [string[], number, string][] = [
			[[], 2, 'npiv snapshot: --pane NAME is required'],
			[['--pane', 'routers'], 2, "npiv snapshot: unknown pane 'routers'; the panes are: adapters, vports, luns, events, domains, fabric"],
			[['--pane', 'luns', '--format', 'png'], 2, "npiv snapshot: unknown format 'png'; the formats are: text, ansi, svg"],
			[['--pane', 'luns', '--cols', '79'], 2, 'npiv snapshot: terminal size 79x30 is below the smallest the console supports, 80x24'],
			[['--pane', 'luns', '--rows', '23'], 2, 'npiv snapshot: terminal size 100x23 is below the smallest the console supports, 80x24'],
			[['--pane', 'luns', '--cols', 'wide'], 2, "npiv snapshot: --cols takes a whole number, at most 500; got 'wide'"],
			[['--pane', 'luns', '--select', '0'], 2, "npiv snapshot: --select takes a row number, 1 for the first row; got '0'"],
			[['--pane', 'luns', '--zoom'], 2, "npiv snapshot: Unknown option '--zoom'"],
			[['--pane', 'domains', '--select', '9'], 1, 'npiv snapshot: the domains pane has 4 rows; --select 9 is past the last'],
		];
		for (const [argv, code, message] of cases) {
			const r = await snapshot(state, argv);
			expect({argv, code: r.code, first: r.err.split('\n')[0], out: r.out}).toEqual({argv, code, first: message, out: ''});
		}
	});

	test('an invalid store is refused, naming the file', async () => {
		const state = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-snapshot-')), 'store.json');
		(await import('node:fs')).writeFileSync(state, '{"version": 2}\n');
		const r = await snapshot(state, ['--pane', 'vports']);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(new RegExp(`^npiv: store ${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid \\(the file was left unchanged\\)`));
	});
});

/**
 * Two consoles on one store, in two real terminals (tmux, 120x36), and commands from a shell:
 * the first console serves the lab, the second attaches; a cable pulled from the second console
 * shows in the first, a cable plugged from the shell shows in both; quitting the serving console
 * hands the lab to a headless server, which the second console follows; `npiv lab stop` ends it.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {CLI, ensureBuilt, npiv} from '../cli/runCli.js';
import {HAS_TMUX, shellQuote, terminalEnv, TmuxConsole} from './tmux.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PHYSICAL = '2100001b32813c5a';

const consoles: TmuxConsole[] = [];
let dir: string | undefined;

afterEach(() => {
	if (dir) npiv(path.join(dir, 'store.json'), ['lab', 'stop']);
	for (const t of consoles.splice(0)) t.kill();
	if (dir) rmSync(dir, {recursive: true, force: true});
	dir = undefined;
});

function startConsole(store: string, stderrFile: string): TmuxConsole {
	const command = `${shellQuote(process.execPath)} ${shellQuote(CLI)} --state ${shellQuote(store)} 2>${shellQuote(stderrFile)}; echo EXIT=$?; sleep 30`;
	const t = TmuxConsole.start({command, cwd: ROOT, cols: 120, rows: 36, env: terminalEnv({XDG_CONFIG_HOME: dir!, XDG_STATE_HOME: dir!})});
	consoles.push(t);
	return t;
}

/** Types a line into the console's command bar and runs it. */
async function command(t: TmuxConsole, line: string): Promise<void> {
	t.press('prompt.command');
	await t.waitFor(/^:/m);
	t.type(line);
	t.press('dialog.confirm');
}

describe('two consoles on one store', () => {
	beforeAll(() => {
		if (HAS_TMUX) ensureBuilt();
	});

	const title = 'the second attaches, both see every change, and quitting the first hands the lab over';
	it.skipIf(!HAS_TMUX)(HAS_TMUX ? title : `${title} (SKIPPED: tmux is not installed)`, {timeout: 90_000}, async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'npiv-e2e-shared-'));
		const store = path.join(dir, 'store.json');
		expect(npiv(store, ['xm', 'list']).status).toBe(0);

		const first = startConsole(store, path.join(dir, 'first.err'));
		await first.waitFor(/npiv-console +\S*store\.json +\(serving\)/);
		const second = startConsole(store, path.join(dir, 'second.err'));
		const attached = await second.waitFor(/\(attached: console pid (\d+), 1 console\)/);
		const servingPid = /attached: console pid (\d+)/.exec(attached)![1];
		await first.waitFor(/\(serving, 1 attached\)/);
		expect(npiv(store, ['lab', 'status']).stdout).toContain(`is served by a console (pid ${servingPid}`);

		// A cable pulled from the attached console: the serving console shows the port offline.
		await command(second, `fault cable pull dom0-a/${PHYSICAL}`);
		await second.waitFor(/cable pulled: dom0-a\/21:00:00:1b:32:81:3c:5a <-> fab-a1\/0/);
		await first.waitFor(new RegExp(`dom0-a +${PHYSICAL} +offline`));

		// Plugged from a shell, through the serving console: both consoles show it online again.
		const plugged = npiv(store, ['fault', 'cable', 'plug', `dom0-a/${PHYSICAL}`]);
		expect(plugged.stdout).toBe('cable plugged: dom0-a/21:00:00:1b:32:81:3c:5a <-> fab-a1/0\n');
		expect(plugged.stderr).toBe('');
		second.press('dialog.cancel');
		await first.waitFor(new RegExp(`dom0-a +${PHYSICAL} +online +010000`));
		await second.waitFor(new RegExp(`dom0-a +${PHYSICAL} +online +010000`));

		// The serving console quits: a headless server takes the lab over, and the second console follows it.
		first.press('app.quit');
		const left = await first.waitFor(/EXIT=\d+/);
		expect(left).toMatch(/EXIT=0\b/);
		expect(readFileSync(path.join(dir, 'first.err'), 'utf8')).toMatch(/^npiv: 1 console is still attached: the lab goes on in a headless server \(pid \d+\); 'npiv lab stop' ends it\n$/);
		await second.waitFor(/\(attached: lab serve pid \d+, 1 console\) +sim [\d:.]+ x1 stepped/);
		expect(npiv(store, ['lab', 'status']).stdout).toContain('is served by npiv lab serve');
		// Still one lab: the attached console's change goes to the new server and shows.
		await command(second, `fault cable pull dom0-a/${PHYSICAL}`);
		await second.waitFor(/cable pulled/);
		second.press('dialog.cancel');
		await second.waitFor(new RegExp(`dom0-a +${PHYSICAL} +offline`));
		expect(npiv(store, ['fcinfo', 'hba-port', PHYSICAL]).stdout).toMatch(/Port ID: 0\n/);

		// Stopped: the second console says its server is gone; it quits cleanly.
		expect(npiv(store, ['lab', 'stop']).status).toBe(0);
		await second.waitFor(/\(lab server gone: reconnecting\)/);
		second.press('app.quit');
		expect(await second.waitFor(/EXIT=\d+/)).toMatch(/EXIT=0\b/);
		expect(readFileSync(path.join(dir, 'second.err'), 'utf8')).toBe('');
		expect(npiv(store, ['lab', 'status']).status).toBe(1);
	});
});

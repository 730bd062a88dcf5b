/**
 * `npiv session replay FILE` on a real terminal (tmux), ended by SIGTERM or SIGINT from outside
 * (a `kill`, not the q key): the replay stops, the alternate screen is left (its last frame and
 * the summary stay on the normal screen), and the exit status is 143 or 130.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {CLI, ensureBuilt} from '../cli/runCli.js';
import {HAS_TMUX, shellQuote, terminalEnv, TmuxConsole} from './tmux.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

let tmux: TmuxConsole | undefined;
let dir: string | undefined;

afterEach(() => {
	tmux?.kill();
	tmux = undefined;
	if (dir) rmSync(dir, {recursive: true, force: true});
	dir = undefined;
});

/** The pid of the replay whose command line starts with `prefix` (the shell around it is not it). */
function replayPid(prefix: string): number | undefined {
	const ps = spawnSync('ps', ['-eo', 'pid=,args='], {encoding: 'utf8'}).stdout;
	for (const line of ps.split('\n')) {
		const m = /^\s*(\d+)\s+(.*)$/.exec(line);
		if (m && m[2]!.startsWith(prefix)) return Number(m[1]);
	}
	return undefined;
}

describe('a replay on the terminal ended by a signal', () => {
	beforeAll(() => {
		if (HAS_TMUX) ensureBuilt();
	});

	for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
		const title = `${signal}: stops, gives the terminal back, exits ${code}`;
		it.skipIf(!HAS_TMUX)(HAS_TMUX ? title : `${title} (SKIPPED: tmux is not installed)`, {timeout: 60_000}, async () => {
			dir = mkdtempSync(path.join(tmpdir(), 'npiv-e2e-signal-'));
			const file = path.join(dir, 'long.tape');
			const steps = Array.from({length: 2000}, () => 'run fcinfo hba-port\nwait 1s').join('\n');
			writeFileSync(file, `# npiv session v1\nstart scenario lab\n---\n${steps}\n`);
			const replay = `${process.execPath} ${CLI} session replay --speed 1 ${file}`;
			const command = `${shellQuote(process.execPath)} ${shellQuote(CLI)} session replay --speed 1 ${shellQuote(file)}; echo EXIT=$?; sleep 30`;
			const t = (tmux = TmuxConsole.start({command, cwd: ROOT, cols: 120, rows: 40, env: terminalEnv({XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir})}));
			await t.waitFor(/HBA Port WWN:/);
			const pid = replayPid(replay);
			expect(pid).toBeDefined();
			process.kill(pid!, signal);
			const screen = await t.waitFor(/EXIT=\d+/);
			expect(screen).toContain(`EXIT=${code}`);
			expect(screen).toMatch(new RegExp(`stopped ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ of 4000 steps`));
			// the terminal as it was: the alternate screen left, the cursor shown again
			const mode = spawnSync('tmux', ['-L', t.socket, 'display-message', '-p', '-t', t.session, '#{alternate_on} #{cursor_flag}'], {encoding: 'utf8'}).stdout.trim();
			expect(mode).toBe('0 1');
		});
	}
});

/** Runs the built `npiv` binary as a user would, on a store in a temporary folder. */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

let built = false;
/** `npm test` builds first; a bare `npx vitest` may not have, so build once when dist is missing or stale. */
export function ensureBuilt(): void {
	if (built) return;
	const stale = !existsSync(CLI) || statSync(CLI).mtimeMs < statSync(path.join(ROOT, 'cli.tsx')).mtimeMs;
	if (stale) {
		const r = spawnSync(process.execPath, ['scripts/build.mjs'], {cwd: ROOT, encoding: 'utf8'});
		if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
	}
	built = true;
}

export function tempStore(): string {
	return path.join(mkdtempSync(path.join(tmpdir(), 'npiv-cli-')), 'store.json');
}

export interface CliRun {
	readonly stdout: string;
	readonly stderr: string;
	readonly status: number | null;
}

export function npiv(state: string, args: readonly string[], options: {argv0?: string; env?: Record<string, string>} = {}): CliRun {
	ensureBuilt();
	const env: Record<string, string | undefined> = {...process.env, NO_COLOR: '1', ...options.env};
	delete env['NPIV_STATE'];
	const r = spawnSync(process.execPath, [options.argv0 ?? CLI, '--state', state, ...args], {encoding: 'utf8', env});
	return {stdout: r.stdout, stderr: r.stderr, status: r.status};
}

/** Runs without --state (for NPIV_STATE and argv0 tests). */
export function npivRaw(args: readonly string[], options: {cwd?: string; env?: Record<string, string>; script?: string} = {}): CliRun {
	ensureBuilt();
	const env = {...process.env, NO_COLOR: '1', ...options.env};
	const r = spawnSync(process.execPath, [options.script ?? CLI, ...args], {encoding: 'utf8', env, cwd: options.cwd});
	return {stdout: r.stdout, stderr: r.stderr, status: r.status};
}

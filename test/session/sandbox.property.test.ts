/**
 * Random sessions, as someone might send them, checked on the real console and SAN: whatever
 * their steps (files in and out of the session's folder, through `..`, links, absolute paths,
 * devices, typed at the `:` bar or run; slow regular expressions), no file outside the folder
 * changes, every run ends within its budget, and what is printed has no raw control character
 * and no internal error. NPIV_PROPERTY_RUNS=N runs more (each run boots the lab).
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, expect, test} from 'vitest';
import {runSessionCommand} from '../../source/ui/sessionCommands.js';
import {captureIo, GLOBALS} from '../sessions/io.js';

const RUNS = Number(process.env['NPIV_PROPERTY_RUNS'] ?? 8);
/** Wall-clock budget of one run: a lab boot, a few dozen steps, at most one 2 s regex budget. */
const BUDGET_MS = 20_000;

const root = mkdtempSync(path.join(tmpdir(), 'npiv-sandbox-prop-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));
const outside = path.join(root, 'home');
mkdirSync(outside);
writeFileSync(path.join(outside, 'victim'), 'data\n');
writeFileSync(path.join(outside, 'web.cfg'), "name = 'evil'\nmemory = 256\n");

/** Every file under `dir` with its bytes: what must be the same after a run. */
function snapshot(dir: string): Record<string, string> {
	const files: Record<string, string> = {};
	const walk = (at: string): void => {
		for (const name of readdirSync(at).sort()) {
			const file = path.join(at, name);
			if (statSync(file).isDirectory()) walk(file);
			else files[path.relative(dir, file)] = readFileSync(file, 'latin1');
		}
	};
	walk(dir);
	return files;
}

const OUT_PATHS = [path.join(outside, 'victim'), path.join(outside, 'new'), '../home/victim', '../home/new', 'link/victim', 'link/new', 'sub/../../home/victim', `${outside}/../home/victim`];
const IN_PATHS = ['a.chk', './b.chk', 'sub/c.chk', 'nosub/d.chk', '.', 'sub'];
const READ_PATHS = ['/etc/passwd', '/dev/zero', '../home/web.cfg', 'link/web.cfg', 'in.cfg', 'a.chk', 'fifo', 'sub', '/proc/self/environ'];
const path$ = fc.constantFrom(...OUT_PATHS, ...IN_PATHS);
const domain = fc.constantFrom('web01', 'db01', 'nosuchdomain', 'web01\u001b[2J');

const command = fc.oneof(
	fc.tuple(fc.boolean(), domain, path$).map(([c, d, p]) => `xm save ${c ? '-c ' : ''}${d} ${p}`),
	fc.constantFrom(...READ_PATHS).map(p => `xm create ${p}`),
	fc.constantFrom(...READ_PATHS).map(p => `xm restore ${p}`),
	fc.constant('xm list'),
);

const step = fc.oneof(
	{weight: 6, arbitrary: command.map(c => [`run ${c}`])},
	{weight: 2, arbitrary: command.map(c => ['key :', `type ${JSON.stringify(c)}`, 'key enter'])},
	{weight: 3, arbitrary: fc.constantFrom(['wait 1s'], ['wait idle'], ['key 5'], ['key escape'])},
	{weight: 2, arbitrary: fc.constantFrom(['expect "web01"'], ['expect not "no such thing"'], ['expect "[a-z]+\\\\d"'])},
	{weight: 1, arbitrary: fc.constant(['expect "(\\\\s*)*$x"'])},
	{weight: 1, arbitrary: fc.constant(['key /', 'type "re:(\\\\s*)*$x"', 'key enter'])},
);

test('random sessions touch nothing outside their folder and end within their budget', async () => {
	let n = 0;
	await fc.assert(
		fc.asyncProperty(fc.array(step, {minLength: 1, maxLength: 12}), fc.constantFrom('check', 'replay'), async (steps, verb) => {
			const folder = path.join(root, `s${n++}`);
			mkdirSync(path.join(folder, 'sub'), {recursive: true});
			symlinkSync(outside, path.join(folder, 'link'));
			writeFileSync(path.join(folder, 'in.cfg'), "name = 'inside'\nmemory = 256\n");
			execFileSync('mkfifo', [path.join(folder, 'fifo')]);
			const file = path.join(folder, 'random.tape');
			writeFileSync(file, ['# npiv session v1', 'start scenario lab', '---', ...steps.flat(), ''].join('\n'));
			const before = snapshot(outside);
			const io = captureIo();
			const started = performance.now();
			const code = await runSessionCommand(verb === 'check' ? ['check', file] : ['replay', '--headless', file], GLOBALS, io);
			const took = performance.now() - started;
			expect(snapshot(outside)).toEqual(before);
			expect(took).toBeLessThan(BUDGET_MS);
			expect([0, 1]).toContain(code);
			const printed = io.printed() + io.errors();
			expect(printed).not.toMatch(/internal error/);
			// Frames (replay's last screen) are text; errors are one line each: no ESC, NUL or other control but newline.
			expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
			if (code === 1 && verb === 'replay') expect(io.errors()).toMatch(new RegExp(`^(npiv: )?${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
		}),
		{numRuns: RUNS, ...(process.env['NPIV_PROPERTY_SEED'] ? {seed: Number(process.env['NPIV_PROPERTY_SEED'])} : {})},
	);
}, 60_000 + RUNS * BUDGET_MS);

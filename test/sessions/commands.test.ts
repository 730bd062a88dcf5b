/** `npiv session replay|check|export` as a person runs them: their output, files and exit codes. */
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {parseAsciicast} from '../../source/session/index.js';
import {openStore} from '../../source/store/index.js';
import {FakeConsoleSource} from '../../source/ui/model/FakeConsoleSource.js';
import {runSessionCommand} from '../../source/ui/sessionCommands.js';
import {captureIo, GLOBALS} from './io.js';

function folder(): string {
	return mkdtempSync(path.join(tmpdir(), 'npiv-sessions-'));
}

function tape(dir: string, name: string, text: string): string {
	const file = path.join(dir, name);
	writeFileSync(file, text);
	return file;
}

async function run(argv: string[], deps = {}) {
	const io = captureIo();
	const code = await runSessionCommand(argv, GLOBALS, io, deps);
	return {code, out: io.printed(), err: io.errors()};
}

/** A source factory that counts what it builds: a session refused before it runs builds nothing. */
function countingFake() {
	const built = {count: 0};
	return {built, deps: {sourceFactory: () => () => (built.count++, new FakeConsoleSource())}};
}

const CREATE_VPORT = `# npiv session v1
start scenario lab
---
run fcadm create-npiv-port -p c0007d1c6d04a9b3 -n c0007d1c6d04a9b2 2100001b32813c5a
key escape
wait 2s
key 2
expect "c0007d1c6d04a9b3 .* online" in vports
snapshot vports
`;

describe('bad input is reported before anything runs', () => {
	test('every malformed line, with the file, its line and what was expected', async () => {
		const dir = folder();
		const file = tape(dir, 'bad.tape', '# npiv session v1\nstart scenario lab\nsize 60x20\n---\nkey j\nkey hyperspace\nexpect "x" in nowhere\nwait soon\nexpect "("\n');
		const {built, deps} = countingFake();
		const r = await run(['check', file], deps);
		expect(r.code).toBe(1);
		expect(r.out).toBe('');
		expect(r.err).toBe(
			[
				`${file}:3: terminal size 60x20 is below the smallest the console supports, 80x24`,
				`${file}:6: unknown key 'hyperspace'; expected a single character or one of: enter, escape, tab, space, backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12`,
				`${file}:7: unknown pane 'nowhere'; the panes are: adapters, vports, luns, events, domains, fabric`,
				`${file}:8: expected a duration such as '500ms', '2s', '1.5s', '3m', or 'idle', got 'soon'`,
				`${file}:9: invalid regular expression "(": Unterminated group`,
				'',
			].join('\n'),
		);
		expect(built.count).toBe(0);
	});

	test('a missing session file', async () => {
		const r = await run(['replay', '--headless', path.join(folder(), 'nope.tape')]);
		expect(r).toMatchObject({code: 1, out: ''});
		expect(r.err).toMatch(/^npiv: .*nope\.tape: cannot read the session: no such file\n$/);
	});

	test('a session whose starting store is invalid is refused like any invalid store, naming the file', async () => {
		const dir = folder();
		writeFileSync(path.join(dir, 'broken.json'), '{"version": 2, "lab": {}}\n');
		const {built, deps} = countingFake();
		const fromFile = await run(['check', tape(dir, 'a.tape', '# npiv session v1\nstart store broken.json\n---\nkey j\n')], deps);
		expect(fromFile.code).toBe(1);
		expect(fromFile.err).toMatch(/^npiv: store broken\.json is invalid \(the file was left unchanged\):\n {2}revision: is missing/);
		const embedded = await run(['check', tape(dir, 'b.tape', '# npiv session v1\nstart embedded\n| {"version": 99}\n---\nkey j\n')], deps);
		expect(embedded.code).toBe(1);
		expect(embedded.err).toMatch(/^npiv: store b\.tape \(embedded store\): was written by a newer npiv-console/);
		const missing = await run(['check', tape(dir, 'c.tape', '# npiv session v1\nstart store ./gone.json\n---\nkey j\n')], deps);
		expect(missing.code).toBe(1);
		expect(missing.err).toContain("npiv: cannot read the session's store ./gone.json");
		const scenario = await run(['check', tape(dir, 'd.tape', '# npiv session v1\nstart scenario moon-base\n---\nkey j\n')], deps);
		expect(scenario).toMatchObject({code: 1, err: "npiv: unknown scenario 'moon-base'; the scenarios are: lab\n"});
		expect(built.count).toBe(0);
		expect(readFileSync(path.join(dir, 'broken.json'), 'utf8')).toBe('{"version": 2, "lab": {}}\n');
	});

	test('usage errors exit 2 with the synopsis', async () => {
		const dir = folder();
		const file = tape(dir, 'a.tape', CREATE_VPORT);
		const cases: [string[], string][] = [
			[[], 'npiv session: expected replay, check or export'],
			[['rewind', file], "npiv session: unknown subcommand 'rewind'"],
			[['check'], 'npiv session check: expected a session FILE'],
			[['check', '--fast', file], "npiv session check: Unknown option '--fast'"],
			[['replay', file, file, '--headless'], `npiv session replay: expected one session FILE, got 2: ${file} ${file}`],
			[['replay', '--headless', '--speed', '0', file], "npiv session replay: --speed takes a number greater than 0 and at most 1000, got '0'"],
			[['replay', '--frames', dir, file], 'npiv session replay: --frames DIR goes with --headless'],
			[['replay', file], 'npiv session replay: playing a session needs a terminal; add --headless to replay without one'],
			[['replay', '--headless', '--apply', file], `npiv session: --apply saves to the store a session starts from, and ${file} starts from scenario lab; --apply needs 'start store FILE'`],
			[['export', file], 'npiv session export: say what to export: --cast OUT.cast, --svg DIR, or both'],
			[['export', '--cast', 'x.cast', '--key-delay', 'soon', file], "npiv session: --key-delay takes a whole number from 0 to 60000, got 'soon'"],
		];
		for (const [argv, message] of cases) {
			const r = await run(argv);
			expect({argv, code: r.code, first: r.err.split('\n')[0]}).toEqual({argv, code: 2, first: message});
			expect(r.err).toContain('Usage: npiv session replay FILE');
			expect(r.out).toBe('');
		}
	});

	test('help prints the usage and the file format', async () => {
		const r = await run(['help']);
		expect(r.code).toBe(0);
		expect(r.out).toContain('npiv session check FILE... [--update]');
		expect(r.out).toContain('# npiv session v1');
		expect(r.out).toContain('snapshot after-create');
	});
});

describe('replay, check and export over the real SAN', () => {
	test('check --update saves the frames; check compares them and shows a difference with file:line', async () => {
		const dir = folder();
		const file = tape(dir, 'drill.tape', CREATE_VPORT);
		const missing = await run(['check', file]);
		expect(missing.code).toBe(1);
		expect(missing.err).toContain(`${file}:9: snapshot vports has no saved frame (${file}.frames/vports.txt); run check with --update to save it`);

		const update = await run(['check', '--update', file]);
		expect(update).toMatchObject({code: 0, err: '', out: `${file}: ok (6 steps, 1 expect, snapshots: 1 written)\n`});
		const saved = readFileSync(`${file}.frames/vports.txt`, 'utf8');
		expect(saved).toContain('> c0007d1c6d04a9b3 c0007d1c6d04a9b2 2100001b32813c5a dom0-a     010002 online');

		expect(await run(['check', file])).toMatchObject({code: 0, out: `${file}: ok (6 steps, 1 expect, snapshots: 1 matched)\n`});
		expect(await run(['replay', '--check', file])).toMatchObject({code: 0});

		writeFileSync(`${file}.frames/vports.txt`, saved.replace('010002 online', '010002 offline'));
		const differs = await run(['check', file]);
		expect(differs.code).toBe(1);
		expect(differs.err).toContain(`${file}:9: snapshot vports differs from its saved frame (--update accepts the new one)`);
		expect(differs.err).toContain('-│> c0007d1c6d04a9b3 c0007d1c6d04a9b2 2100001b32813c5a dom0-a     010002 offline');
		expect(differs.err).toContain('+│> c0007d1c6d04a9b3 c0007d1c6d04a9b2 2100001b32813c5a dom0-a     010002 online ');
		expect(differs.err.trimEnd().split('\n').at(-1)).toBe(`FAILED ${file}:9: snapshot vports differs from its saved frame (--update accepts the new one)`);

		const failing = tape(dir, 'fail.tape', CREATE_VPORT.replace('expect "c0007d1c6d04a9b3 .* online" in vports', 'expect not "c0007d1c6d04a9b3" in vports'));
		const expectation = await run(['check', '--update', failing]);
		expect(expectation.code).toBe(1);
		expect(expectation.err).toContain(`${failing}:8: expect not "c0007d1c6d04a9b3" in vports: matched 'c0007d1c6d04a9b3' in pane vports`);
		expect(existsSync(`${failing}.frames`)).toBe(false);
	});

	test('check takes several files and fails when one does', async () => {
		const dir = folder();
		const good = tape(dir, 'good.tape', '# npiv session v1\nstart scenario lab\n---\nexpect "Adapters"\n');
		const bad = tape(dir, 'bad.tape', '# npiv session v1\nstart scenario lab\n---\nexpect "Bananas"\n');
		const r = await run(['check', good, bad]);
		expect(r.code).toBe(1);
		expect(r.out).toBe(`${good}: ok (1 step, 1 expect, 0 snapshots)\n`);
		expect(r.err).toContain(`FAILED ${bad}:4: expect "Bananas": no match on the screen`);
	});

	test('replay --headless prints the last frame, or writes every frame with --frames', async () => {
		const dir = folder();
		const file = tape(dir, 'drill.tape', CREATE_VPORT);
		const last = await run(['replay', '--headless', file]);
		expect(last.code).toBe(0);
		const lines = last.out.split('\n');
		expect(lines[0]).toMatch(/^ npiv-console {2}scenario lab +sim 00:00:02\.363 x1 replay$/);
		expect(last.out).toContain('[2 Virtual ports]');

		const frames = path.join(dir, 'frames');
		const all = await run(['replay', '--headless', '--frames', frames, file]);
		// the start, the command (its keys count as one step), escape, the wait, the key 2
		expect(all).toMatchObject({code: 0, out: `5 frames written to ${frames}\n`});
		expect(readdirSync(frames).sort()).toEqual(['0000.ans', '0000.txt', '0001.ans', '0001.txt', '0002.ans', '0002.txt', '0003.ans', '0003.txt', '0004.ans', '0004.txt']);
		expect(readFileSync(path.join(frames, '0001.txt'), 'utf8')).toContain('$ npiv fcadm create-npiv-port -p c0007d1c6d04a9b3');
		expect(readFileSync(path.join(frames, '0004.ans'), 'utf8')).toContain('\x1b[');
	});

	test('nothing a session does changes the store it starts from, unless it is replayed with --apply', async () => {
		const dir = folder();
		const store = path.join(dir, 'lab-store.json');
		await openStore(store);
		const before = readFileSync(store, 'utf8');
		const file = tape(dir, 'on-store.tape', CREATE_VPORT.replace('start scenario lab', 'start store lab-store.json'));

		expect((await run(['replay', '--headless', file])).code).toBe(0);
		expect((await run(['check', '--update', file])).code).toBe(0);
		expect(readFileSync(store, 'utf8')).toBe(before);
		expect(readdirSync(dir).sort()).toEqual(['lab-store.json', 'on-store.tape', 'on-store.tape.frames']);

		const applied = await run(['replay', '--headless', '--apply', file]);
		expect(applied.code).toBe(0);
		const after = JSON.parse(readFileSync(store, 'utf8'));
		expect(after.revision).toBeGreaterThan(JSON.parse(before).revision);
		expect(after.lab.hosts[0].npivPorts).toEqual(['2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:2']);
	});

	test('export: an asciicast of every frame in simulated time, and an SVG per snapshot; the same bytes every time', async () => {
		const dir = folder();
		const file = tape(dir, 'drill.tape', CREATE_VPORT);
		const cast = path.join(dir, 'drill.cast');
		const svg = path.join(dir, 'svg');
		const r = await run(['export', file, '--cast', cast, '--svg', svg]);
		expect(r.code).toBe(0);
		expect(r.out).toBe(`${cast}: asciicast v2, 5 events\n${path.join(svg, 'vports.svg')}\n`);
		const {header, events} = parseAsciicast(readFileSync(cast, 'utf8'));
		expect(header).toMatchObject({version: 2, width: 100, height: 30, title: 'drill.tape'});
		expect(events.map(e => [e[0], e[1]])).toEqual([[0, 'o'], [0, 'o'], [0, 'o'], [2, 'o'], [2, 'o']]);
		const picture = readFileSync(path.join(svg, 'vports.svg'), 'utf8');
		expect(picture).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="920" height="560"/);
		expect(picture).toContain('c0007d1c6d04a9b3');

		const again = path.join(dir, 'again');
		mkdirSync(again);
		expect((await run(['export', file, '--cast', path.join(again, 'drill.cast'), '--svg', again, '--key-delay', '0'])).code).toBe(0);
		expect(readFileSync(path.join(again, 'drill.cast'), 'utf8')).toBe(readFileSync(cast, 'utf8'));
		expect(readFileSync(path.join(again, 'vports.svg'), 'utf8')).toBe(picture);

		const timed = await run(['export', file, '--cast', path.join(again, 'timed.cast'), '--key-delay', '500']);
		expect(timed.code).toBe(0);
		const times = parseAsciicast(readFileSync(path.join(again, 'timed.cast'), 'utf8')).events.map(e => e[0]);
		expect(times).toEqual([0, 0.5, 1, 3, 3.5]);

		// --tick: the 2 s wait drawn every half second (the header's clock moves each time)
		const ticked = await run(['export', file, '--cast', path.join(again, 'ticked.cast'), '--tick', '500']);
		expect(ticked.code).toBe(0);
		expect(parseAsciicast(readFileSync(path.join(again, 'ticked.cast'), 'utf8')).events.map(e => e[0])).toEqual([0, 0, 0, 0.5, 1, 1.5, 2, 2]);
		expect((await run(['export', file, '--cast', 'x.cast', '--tick', '0'])).code).toBe(2);
	});

	test('export --svg of a session without snapshots is refused', async () => {
		const file = tape(folder(), 'plain.tape', '# npiv session v1\nstart scenario lab\n---\nkey 2\n');
		const r = await run(['export', file, '--svg', path.join(folder(), 'x')]);
		expect(r).toMatchObject({code: 1, err: `npiv: ${file} has no snapshot steps: nothing to draw for --svg\n`});
	});
});

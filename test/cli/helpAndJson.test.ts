/**
 * What a Node CLI user expects of npiv's own families, through the built binary: --help and -h
 * on every family and subcommand; --json as one object at the top level, errors as
 * {"error": {"code", "message"}} on stdout with nothing on stderr; simulated times in JSON to
 * the microsecond. The mirrored tools (fcinfo, fcadm, xm, switch) keep their own help and JSON.
 */
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {npiv, tempStore} from './runCli.js';

const made: string[] = [];
afterAll(() => {
	for (const dir of made) rmSync(dir, {recursive: true, force: true});
});

function store(): string {
	const file = tempStore();
	made.push(path.dirname(file));
	// the first command creates the store and boots its lab: the runs under test find it as they leave it
	expect(npiv(file, ['fcinfo', 'hba-port']).status).toBe(0);
	return file;
}

/** Every family of npiv's own and each of its subcommands, as the words after `npiv`. */
const COMMANDS: readonly (readonly string[])[] = [
	['help'],
	['storage'],
	['storage', 'lun'],
	['storage', 'lun', 'list'],
	['storage', 'lun', 'create'],
	['storage', 'lun', 'delete'],
	['storage', 'hostgroup'],
	['storage', 'hostgroup', 'list'],
	['storage', 'hostgroup', 'add'],
	['storage', 'hostgroup', 'remove'],
	['storage', 'port'],
	['storage', 'port', 'list'],
	['storage', 'port', 'offline'],
	['storage', 'port', 'online'],
	['fault'],
	['fault', 'cable'],
	['fault', 'cable', 'pull'],
	['fault', 'cable', 'plug'],
	['fault', 'port'],
	['fault', 'target'],
	['fault', 'npiv'],
	['fault', 'list'],
	['link'],
	['link', 'pull'],
	['link', 'plug'],
	['events'],
	['scenario'],
	['scenario', 'show'],
	['scenario', 'reset'],
	['scenario', 'load'],
	['scenario', 'generate'],
	['session'],
	['session', 'replay'],
	['session', 'check'],
	['session', 'export'],
	['snapshot'],
	['lab'],
	['lab', 'serve'],
	['lab', 'status'],
	['lab', 'stop'],
	['ui'],
];

describe('--help and -h on every family and subcommand', () => {
	let state: string;
	beforeAll(() => {
		state = store();
	});

	const runs = COMMANDS.flatMap(words => [[...words, '--help'], [...words, '-h']]).map(words => ({line: words.join(' '), words}));
	it.each(runs)('npiv $line', ({words}) => {
		const before = readFileSync(state, 'utf8');
		const r = npiv(state, words);
		expect({status: r.status, stderr: r.stderr}).toEqual({status: 0, stderr: ''});
		expect(r.stdout).toMatch(/^Usage: npiv /);
		// asking for help does nothing else: `scenario reset --help` resets nothing, `lab serve --help` serves nothing
		expect(readFileSync(state, 'utf8')).toBe(before);
	});

	it('npiv --help and -h print the global usage, with other global options too', () => {
		for (const words of [['--help'], ['-h'], ['--no-color', '--help'], ['-h', 'fault']]) {
			const r = npiv(state, words);
			expect({words, status: r.status, stderr: r.stderr}).toEqual({words, status: 0, stderr: ''});
			expect(r.stdout).toContain('Usage: npiv [global options] [command] [arguments]');
		}
	});

	it('with --json, the usage as {"usage": TEXT}', () => {
		for (const words of [['fault', '--help'], ['link', '-h'], ['snapshot', '--help'], ['ui', '--help'], ['lab', 'serve', '--help'], ['session', 'check', '-h']]) {
			const r = npiv(state, ['--json', ...words]);
			expect({words, status: r.status, stderr: r.stderr}).toEqual({words, status: 0, stderr: ''});
			expect(JSON.parse(r.stdout).usage).toMatch(/^Usage: npiv /);
		}
	});

	it('leaves the mirrored tools their own help and exit codes', () => {
		expect(npiv(state, ['fcinfo', '--help']).stdout).toMatch(/^Usage:\tfcinfo /);
		expect(npiv(state, ['xm', '--help']).status).toBe(0);
		// the Brocade shell has no --help: FOS's restricted shell says so
		const sw = npiv(state, ['switch', '--help']);
		expect({status: sw.status, stderr: sw.stderr}).toEqual({status: 1, stderr: 'rbash: --help: command not found\n'});
	});
});

/** One run of a family with --json: the words, and the exit status it has with and without --json. */
type JsonCase = readonly [words: readonly string[], status: number];

const SESSION_TAPE = '# npiv session v1\nstart scenario lab\n---\nkey 2\nexpect "web01" in vports\n';

function jsonCases(dir: string): JsonCase[] {
	const tape = path.join(dir, 'a.tape');
	writeFileSync(tape, SESSION_TAPE);
	return [
		[['storage', 'lun', 'list'], 0],
		[['storage', 'port', 'list', '--array', 'array-1'], 0],
		[['storage', 'hostgroup', 'list'], 0],
		[['storage', 'frob'], 2],
		[['storage', 'lun', 'delete', '--array', 'nosuch', '1'], 1],
		[['fault', 'list'], 0],
		[['fault', 'port', 'disable', 'fab-a1/0'], 0],
		[['fault', 'port', 'enable', 'fab-a1/0'], 0],
		[['fault', 'port', 'enable', 'fab-a1/0'], 1],
		[['fault', 'frob'], 2],
		[['fault'], 2],
		[['fault', 'cable', 'pull', 'nosuch/1'], 1],
		[['link', 'pull', 'fab-a1/0'], 0],
		[['link', 'plug', 'fab-a1/0'], 0],
		[['link', 'plug', 'fab-a1/0'], 1],
		[['link'], 2],
		[['events', '--limit', '3'], 0],
		[['events', '--type', 'no.such.type'], 0],
		[['events', '--since', 'soon'], 2],
		[['scenario', 'show'], 0],
		[['scenario', 'frob'], 2],
		[['scenario', 'load', path.join(dir, 'missing.json')], 1],
		[['scenario', 'generate', '--hosts', 'x'], 2],
		[['session', 'check', tape], 0],
		[['session', 'check', path.join(dir, 'missing.tape')], 1],
		[['session', 'frob'], 2],
		[['session', 'replay', tape], 2],
		[['snapshot', '--pane', 'vports', '--cols', '80', '--rows', '24'], 0],
		[['snapshot', '--pane', 'nowhere'], 2],
		[['snapshot', '--pane', 'vports', '--select', '99'], 1],
		[['lab', 'stop'], 1],
		[['lab', 'frob'], 2],
		[['frob'], 2],
		[['help'], 0],
		// the mirrored tools keep their JSON, which is an object too
		[['fcinfo', 'hba-port'], 0],
		[['fcadm', 'hba-port'], 0],
		[['xm', 'list'], 0],
		[['switch', 'switchshow'], 0],
	];
}

/** npiv's own families: the ones whose errors are {"error": {"code", "message"}}. */
const OWN = new Set(['storage', 'fault', 'link', 'events', 'scenario', 'session', 'snapshot', 'lab', 'frob', 'help']);

describe('--json on every family', () => {
	it('prints one JSON object; an error of npiv’s own is {"error": {code, message}} on stdout, with the same exit status and nothing on stderr', () => {
		const state = store();
		const dir = path.dirname(state);
		for (const [words, status] of jsonCases(dir)) {
			const r = npiv(state, ['--json', ...words]);
			const label = words.join(' ');
			expect({label, status: r.status}).toEqual({label, status});
			let value: unknown;
			expect(() => (value = JSON.parse(r.stdout)), `${label}: ${r.stdout} ${r.stderr}`).not.toThrow();
			expect(typeof value === 'object' && value !== null && !Array.isArray(value), label).toBe(true);
			if (!OWN.has(words[0]!)) continue;
			expect({label, stderr: r.stderr}).toEqual({label, stderr: ''});
			const error = (value as {error?: unknown}).error;
			if (status === 0) {
				expect(error, label).toBeUndefined();
				continue;
			}
			expect({label, error}).toEqual({label, error: expect.objectContaining({code: status === 2 ? 'usageError' : 'commandError', message: expect.any(String)})});
			expect((error as {message: string}).message, label).not.toMatch(/\n$|\nUsage: /);
		}
	});

	it('gives the same exit status and the same complaint as without --json', () => {
		const state = store();
		for (const words of [['fault', 'frob'], ['storage', 'lun', 'delete', '--array', 'nosuch', '1'], ['events', '--since', 'soon'], ['lab', 'frob']]) {
			const text = npiv(state, words);
			const asJson = npiv(state, [...words, '--json']);
			expect(asJson.status).toBe(text.status);
			expect(text.stderr.startsWith(JSON.parse(asJson.stdout).error.message)).toBe(true);
		}
	});

	it('answers with facts: a fault, a list under its name, a session check', () => {
		const state = store();
		expect(JSON.parse(npiv(state, ['--json', 'fault', 'target', 'offline', 'array-1/A-1']).stdout)).toEqual({fault: 'target', action: 'offline', target: 'array-1/A-1'});
		expect(JSON.parse(npiv(state, ['--json', 'fault', 'list']).stdout).offlineTargets).toEqual(['array-1/A-1']);
		expect(JSON.parse(npiv(state, ['storage', 'port', 'list', '--json']).stdout).ports.length).toBeGreaterThan(0);
		const tape = path.join(path.dirname(state), 'b.tape');
		writeFileSync(tape, SESSION_TAPE);
		expect(JSON.parse(npiv(state, ['--json', 'session', 'check', tape]).stdout)).toEqual({
			sessions: [{file: tape, ok: true, steps: 2, expects: 1, snapshots: {matched: 0, written: 0, updated: 0}}],
		});
		const failing = path.join(path.dirname(state), 'c.tape');
		writeFileSync(failing, SESSION_TAPE.replace('web01', 'Nothing like this'));
		const r = npiv(state, ['--json', 'session', 'check', failing]);
		expect({status: r.status, stderr: r.stderr}).toEqual({status: 1, stderr: ''});
		const {error} = JSON.parse(r.stdout);
		expect(error.code).toBe('commandError');
		expect(error.message).toMatch(/^FAILED .*c\.tape:5: expect/);
		expect(error.sessions[0]).toMatchObject({file: failing, ok: false, failure: {kind: 'expect', line: 5}});
	});
});

describe('simulated times in JSON', () => {
	/** At most three decimals: milliseconds to the microsecond. */
	const fixed = (x: unknown): boolean => typeof x === 'number' && /^-?\d+(\.\d{1,3})?$/.test(String(x));

	it('are milliseconds to the microsecond: events t and durations, a migration, the clock', () => {
		const state = store();
		const migrate = npiv(state, ['--json', 'xm', 'migrate', '--live', 'web01', 'dom0-b']);
		expect(migrate.status).toBe(0);
		expect(npiv(state, ['fault', 'port', 'disable', 'fab-a1/0']).status).toBe(0);
		expect(npiv(state, ['fault', 'port', 'enable', 'fab-a1/0']).status).toBe(0);
		// then a cable plugged back in: logins at times such as 50769.299999999996
		expect(npiv(state, ['link', 'pull', 'fab-a1/0']).status).toBe(0);
		expect(npiv(state, ['link', 'plug', 'fab-a1/0']).status).toBe(0);
		// the store keeps the clock's own doubles: the case under test is there
		const raw = JSON.parse(readFileSync(state, 'utf8')) as {events: {t: number}[]};
		expect(raw.events.some(e => !fixed(e.t))).toBe(true);

		const {events} = JSON.parse(npiv(state, ['--json', 'events']).stdout) as {events: {t: number; data: Record<string, unknown>}[]};
		expect(events.length).toBe(raw.events.length);
		for (const e of events) {
			expect(fixed(e.t), String(e.t)).toBe(true);
			for (const [key, value] of Object.entries(e.data)) if (key === 'ms' || key.endsWith('Ms')) expect(fixed(value), `${key} ${String(value)}`).toBe(true);
		}
		// rounding, not truncation: each is its raw time to the nearest microsecond
		expect(events.map(e => e.t)).toEqual(raw.events.map(e => Math.round(e.t * 1000) / 1000));

		const report = JSON.parse(migrate.stdout) as {durationMs: number; timeline: {t: number}[]; rounds: {ms: number}[]};
		expect(fixed(report.durationMs)).toBe(true);
		expect(report.timeline.every(x => fixed(x.t))).toBe(true);
		expect(report.rounds.length).toBeGreaterThan(0);
		expect(report.rounds.every(r => fixed(r.ms))).toBe(true);
		expect(fixed(JSON.parse(npiv(state, ['--json', 'scenario', 'show']).stdout).clock)).toBe(true);
	});
});

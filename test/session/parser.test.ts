import {describe, expect, test} from 'vitest';
import {parseSession, PANE_NAMES, SESSION_FORMAT_HELP, SessionSyntaxError} from '../../source/session/index.js';

const HEADER = `# npiv session v1
start scenario lab
seed 1
size 100x30
speed 1
---
`;

const EXAMPLE = `${HEADER}key 2
key ctrl+c
key shift+tab
key down
key pagedown
key escape
key enter
type "c0007d1a2b3c4d5e"
run fcadm create-npiv-port 2100001b32812345
wait 2s
expect "Virtual Port1" in vports
snapshot after-create
resize 80x24
`;

/** The messages a session's text is refused with, as the user sees them. */
function problems(text: string, options: {panes?: readonly string[]} = {}): string[] {
	try {
		parseSession(text, {file: 'drill.tape', ...options});
	} catch (error) {
		expect(error).toBeInstanceOf(SessionSyntaxError);
		return (error as Error).message.split('\n');
	}
	throw new Error('the session was accepted');
}

function steps(lines: string): unknown[] {
	return [...parseSession(HEADER + lines, {file: 'drill.tape'}).steps];
}

describe('reading a session', () => {
	test('the issue example reads step by step, with the line of each step', () => {
		const session = parseSession(EXAMPLE, {file: 'drill.tape'});
		expect(session.start).toEqual({kind: 'scenario', name: 'lab'});
		expect(session.seed).toBe(1);
		expect(session.size).toEqual({cols: 100, rows: 30});
		expect(session.speed).toBe(1);
		expect(session.steps).toEqual([
			{kind: 'key', key: '2', times: 1},
			{kind: 'key', key: 'ctrl+c', times: 1},
			{kind: 'key', key: 'shift+tab', times: 1},
			{kind: 'key', key: 'down', times: 1},
			{kind: 'key', key: 'pagedown', times: 1},
			{kind: 'key', key: 'escape', times: 1},
			{kind: 'key', key: 'enter', times: 1},
			{kind: 'type', text: 'c0007d1a2b3c4d5e'},
			{kind: 'run', command: 'fcadm create-npiv-port 2100001b32812345'},
			{kind: 'wait', ms: 2000},
			{kind: 'expect', pattern: 'Virtual Port1', pane: 'vports', negate: false},
			{kind: 'snapshot', name: 'after-create'},
			{kind: 'resize', size: {cols: 80, rows: 24}},
		]);
		expect(session.stepLines).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
		expect(session.file).toBe('drill.tape');
	});

	test("'wait idle' is a step of its own: run the SAN until nothing is pending", () => {
		const session = parseSession('# npiv session v1\nstart scenario lab\n---\nrun xm migrate --live web01 dom0-b\nwait idle\nwait 1s\n', {file: 'x'});
		expect(session.steps).toEqual([{kind: 'run', command: 'xm migrate --live web01 dom0-b'}, {kind: 'settle'}, {kind: 'wait', ms: 1000}]);
		expect(() => parseSession('# npiv session v1\nstart scenario lab\n---\nwait idly\n', {file: 'x'})).toThrow(/x:4: expected a duration such as '500ms', '2s', '1.5s', '3m', or 'idle', got 'idly'/);
	});

	test('comments, blank lines and CRLF line ends are accepted; defaults fill the header', () => {
		const session = parseSession('# npiv session v1\r\n# a drill\r\n\r\nstart store ./drill store.json\r\n---\r\n  # indented comment\r\nkey #\r\n', {file: 'x'});
		expect(session.start).toEqual({kind: 'store', path: './drill store.json'});
		expect(session).toMatchObject({seed: 1, size: {cols: 100, rows: 30}, speed: 1});
		expect(session.steps).toEqual([{kind: 'key', key: '#', times: 1}]);
		expect(session.stepLines).toEqual([7]);
	});

	test('keys are normalised: aliases, case of named keys, shifted letters, ctrl letters, repeats', () => {
		expect(steps('key Esc\nkey RETURN\nkey shift+a\nkey ctrl+C\nkey ctrl+shift+x\nkey space\nkey pgdn x3\nkey meta+f\nkey +\nkey ctrl++\n')).toEqual([
			{kind: 'key', key: 'escape', times: 1},
			{kind: 'key', key: 'enter', times: 1},
			{kind: 'key', key: 'A', times: 1},
			{kind: 'key', key: 'ctrl+c', times: 1},
			{kind: 'key', key: 'ctrl+x', times: 1},
			{kind: 'key', key: 'space', times: 1},
			{kind: 'key', key: 'pagedown', times: 3},
			{kind: 'key', key: 'alt+f', times: 1},
			{kind: 'key', key: '+', times: 1},
			{kind: 'key', key: 'ctrl++', times: 1},
		]);
	});

	test('typed text and patterns use JSON string escapes', () => {
		expect(steps('type "say \\"hi\\"\\tnow"\nexpect not "Err(or)?\\\\d"\nexpect "^ *Virtual Port1$" in vports\n')).toEqual([
			{kind: 'type', text: 'say "hi"\tnow'},
			{kind: 'expect', pattern: 'Err(or)?\\d', negate: true},
			{kind: 'expect', pattern: '^ *Virtual Port1$', pane: 'vports', negate: false},
		]);
	});

	test('durations in every unit', () => {
		expect(steps('wait 250ms\nwait 1.5s\nwait 3m\nwait 1h\nwait 00:01:02.500\n')).toEqual([
			{kind: 'wait', ms: 250},
			{kind: 'wait', ms: 1500},
			{kind: 'wait', ms: 180_000},
			{kind: 'wait', ms: 3_600_000},
			{kind: 'wait', ms: 62_500},
		]);
	});

	test('an embedded store document, as base64 or as a | block', () => {
		const document = '{\n  "version": 1,\n\n  "hosts": []\n}';
		const base64 = Buffer.from(document).toString('base64');
		const a = parseSession(`# npiv session v1\nstart embedded ${base64}\n---\n`);
		const b = parseSession(`# npiv session v1\nstart embedded\n| {\n|   "version": 1,\n|\n|   "hosts": []\n| }\nseed 7\n---\nkey q\n`);
		expect(a.start).toEqual({kind: 'embedded', document});
		expect(b.start).toEqual({kind: 'embedded', document});
		expect(b.seed).toBe(7);
		expect(b.stepLines).toEqual([10]);
	});

	test('a caller with more panes can extend the list', () => {
		expect(() => parseSession(HEADER + 'expect "x" in zoning\n')).toThrow(/unknown pane 'zoning'/);
		expect(parseSession(HEADER + 'expect "x" in zoning\n', {panes: [...PANE_NAMES, 'zoning']}).steps[0]).toEqual({kind: 'expect', pattern: 'x', pane: 'zoning', negate: false});
	});

	test('the format help documents every step and header word', () => {
		for (const word of ['start scenario', 'start store', 'start embedded', 'seed', 'size', 'speed', '---', 'key', 'type', 'run', 'wait', 'expect', 'snapshot', 'resize', '--apply']) {
			expect(SESSION_FORMAT_HELP).toContain(word);
		}
	});
});

describe('refusing a session, with the file, the line and what was expected', () => {
	test("a half-written key: drill.tape:7: expected a key name such as 'enter', 'ctrl+c', 'j', got 'ctrl+'", () => {
		expect(problems(HEADER + 'key ctrl+\n')).toEqual(["drill.tape:7: expected a key name such as 'enter', 'ctrl+c', 'j', got 'ctrl+'"]);
	});

	test('each bad step, every one reported at once', () => {
		const text = `${HEADER}key fnord
key
key shift+1
key down x0
type hello
type "unterminated
type "bad \\q escape"
type ""
run
wait 2 seconds
wait 100
expect Virtual
expect "(" in vports
expect "x" in nowhere
expect "x" vports
snapshot ../escape
snapshot one
snapshot one
resize 79x24
resize 80x23
resize 501x30
resize huge
jump 3
`;
		expect(problems(text)).toEqual([
			"drill.tape:7: unknown key 'fnord'; expected a single character or one of: enter, escape, tab, space, backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12",
			"drill.tape:8: expected a key name such as 'enter', 'ctrl+c', 'j' after 'key'",
			"drill.tape:9: 'shift+1': shift+ goes with a letter or a named key; write the character itself",
			"drill.tape:10: expected a repeat count such as 'x5' (1 to 1000) after the key, got 'x0'",
			"drill.tape:11: expected a quoted string such as \"text\" after 'type', got 'hello'",
			'drill.tape:12: unterminated string "unterminated (the closing " is missing)',
			'drill.tape:13: invalid escape \'\\q\' in "bad \\q escape" (escapes are JSON\'s: \\" \\\\ \\n \\t \\uXXXX)',
			'drill.tape:14: expected some text to type, got ""',
			"drill.tape:15: expected a command line after 'run', such as 'run fcinfo hba-port'",
			"drill.tape:16: expected a duration such as '500ms', '2s', '1.5s', '3m', or 'idle', got '2 seconds'",
			"drill.tape:17: expected a duration such as '500ms', '2s', '1.5s', '3m', or 'idle', got '100'",
			"drill.tape:18: expected a quoted regular expression after 'expect', such as expect \"Virtual Port1\" in vports; got 'Virtual'",
			'drill.tape:19: invalid regular expression "(": Unterminated group',
			"drill.tape:20: unknown pane 'nowhere'; the panes are: adapters, vports, luns, events, domains, fabric",
			"drill.tape:21: expected 'in PANE' or nothing after the pattern, got 'vports'",
			"drill.tape:22: expected a snapshot name (letters, digits, '.', '_', '-') after 'snapshot', got '../escape'",
			"drill.tape:24: snapshot name 'one' is already used on line 23",
			'drill.tape:25: terminal size 79x24 is below the smallest the console supports, 80x24',
			'drill.tape:26: terminal size 80x23 is below the smallest the console supports, 80x24',
			'drill.tape:27: terminal size 501x30 is above the largest accepted, 500x500',
			"drill.tape:28: expected a terminal size such as '100x30' (columns x rows), got 'huge'",
			'drill.tape:29: expected a step (key, type, run, wait, expect, snapshot, resize), got \'jump 3\'',
		]);
	});

	test('a bad header', () => {
		const text = `# npiv session v1
start scenario lab
start scenario other
seed -1
size 100x30
speed 0
colour yes
key enter
---
`;
		expect(problems(text)).toEqual([
			"drill.tape:3: 'start' is already given on line 2",
			'drill.tape:4: expected a seed: a whole number from 0 to 4294967295, got \'-1\'',
			'drill.tape:6: expected a speed: a number greater than 0 and at most 1000, got \'0\'',
			"drill.tape:7: expected a header line (start, seed, size, speed) or '---', got 'colour yes'",
			"drill.tape:8: expected '---' to end the header before the first step 'key'",
		]);
	});

	test('impossible header sizes are reported before anything runs', () => {
		expect(problems('# npiv session v1\nstart scenario lab\nsize 600x40\n---\n')).toEqual(['drill.tape:3: terminal size 600x40 is above the largest accepted, 500x500']);
		expect(problems('# npiv session v1\nstart scenario lab\nsize 40x10\n---\n')).toEqual(['drill.tape:3: terminal size 40x10 is below the smallest the console supports, 80x24']);
	});

	test('starts that cannot be used', () => {
		expect(problems('# npiv session v1\n---\n')).toEqual([
			"drill.tape:2: the header has no start line; expected 'start scenario NAME', 'start store FILE' or 'start embedded'",
		]);
		expect(problems('# npiv session v1\nstart somewhere\n---\n')).toEqual([
			"drill.tape:2: expected 'start scenario NAME', 'start store FILE' or 'start embedded', got 'start somewhere'",
		]);
		expect(problems('# npiv session v1\nstart embedded !!!\n---\n')[0]).toMatch(/^drill\.tape:2: expected the store document in base64 after 'start embedded'/);
		expect(problems('# npiv session v1\nstart embedded\n| {"open": \n---\n')[0]).toMatch(/^drill\.tape:2: the embedded store document is not JSON: /);
		expect(problems('# npiv session v1\nstart embedded\n---\n')).toEqual([
			"drill.tape:2: expected the store document after 'start embedded': base64 on the same line, or lines beginning with '| '",
		]);
	});

	test('not a session at all, or another version', () => {
		expect(problems('Output demo.gif\nType "hello"\n')).toEqual(["drill.tape:1: expected '# npiv session v1' on the first line, got 'Output demo.gif'"]);
		expect(problems('# npiv session v2\n')).toEqual(['drill.tape:1: this is a v2 session; this npiv reads v1 sessions']);
		expect(problems('# npiv session v1\nstart scenario lab\n')).toEqual(["drill.tape:2: expected '---' after the header (start, seed, size, speed)"]);
	});

	test('the error carries each problem as data for tools', () => {
		try {
			parseSession(HEADER + 'key ctrl+\nwait soon\n', {file: 'a.tape'});
			expect.unreachable();
		} catch (error) {
			expect((error as SessionSyntaxError).problems.map(p => [p.file, p.line])).toEqual([['a.tape', 7], ['a.tape', 8]]);
		}
	});
});

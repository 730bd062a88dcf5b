import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {
	formatDuration, keyName, NAMED_KEYS, PANE_NAMES, parseSession, regexProblem, writeSession,
	type Session, type SessionStart, type Step,
} from '../../source/session/index.js';

const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
const size = fc.record({cols: fc.integer({min: 80, max: 500}), rows: fc.integer({min: 24, max: 500})});
// characters that trip line splitting, trimming, quoting and comments, mixed with any others
const tricky = fc.constantFrom('\u2028', '\u2029', '\u0085', '\u00a0', '\ufeff', '"', '\\', '#', '|', '\t', ' ', '\r', '\n', '\ud800');
const oneLine = fc.string({unit: fc.oneof(tricky, fc.string({unit: 'binary', minLength: 1, maxLength: 1})), minLength: 1, maxLength: 40});

const jsonDocument = fc.tuple(fc.jsonValue(), fc.boolean(), fc.boolean()).map(([value, pretty, crlf]) => {
	const text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
	return crlf ? text.replace(/\n/g, '\r\n') : text;
});

const start: fc.Arbitrary<SessionStart> = fc.oneof(
	name.map(n => ({kind: 'scenario' as const, name: n})),
	oneLine.map(path => ({kind: 'store' as const, path})),
	jsonDocument.map(document => ({kind: 'embedded' as const, document})),
);

const key = fc
	.tuple(
		fc.oneof(fc.constantFrom(...NAMED_KEYS), fc.string({unit: 'grapheme-ascii', minLength: 1, maxLength: 1}), fc.constantFrom('é', 'Ж', '→')),
		fc.subarray(['ctrl', 'alt', 'shift']),
	)
	.map(([base, mods]) => {
		try {
			return keyName([...mods.map(mod => `${mod}+`), base].join(''));
		} catch {
			return keyName(base === ' ' ? 'space' : base);
		}
	});

const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({kind: fc.constant('key' as const), key, times: fc.integer({min: 1, max: 1000})}),
	fc.record({kind: fc.constant('type' as const), text: oneLine}),
	fc.record({
		kind: fc.constant('run' as const),
		// typed at the ':' bar key by key: printable characters only
		command: oneLine.map(s => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim()).filter(s => s !== ''),
	}),
	fc.record({kind: fc.constant('wait' as const), ms: fc.integer({min: 0, max: 1e9})}),
	fc.constant({kind: 'settle' as const}),
	fc
		.record({pattern: fc.string({maxLength: 20}), pane: fc.option(fc.constantFrom(...PANE_NAMES), {nil: undefined}), negate: fc.boolean()})
		.filter(e => regexProblem(e.pattern) === undefined)
		.map(e => ({kind: 'expect' as const, pattern: e.pattern, negate: e.negate, ...(e.pane === undefined ? {} : {pane: e.pane})})),
	name.map(n => ({kind: 'snapshot' as const, name: n})),
	size.map(s => ({kind: 'resize' as const, size: s})),
);

const session: fc.Arbitrary<Session> = fc
	.record({
		start,
		seed: fc.integer({min: 0, max: 0xffff_ffff}),
		size,
		speed: fc.double({min: Number.MIN_VALUE, max: 1000, noNaN: true}),
		steps: fc.array(step, {maxLength: 30}),
	})
	.map(s => {
		// snapshot names are unique within a session
		const seen = new Set<string>();
		return {...s, steps: s.steps.filter(st => st.kind !== 'snapshot' || (!seen.has(st.name) && Boolean(seen.add(st.name))))};
	});

describe('writing a session', () => {
	test('round trip: parse(write(s)) is s', () => {
		fc.assert(
			fc.property(session, s => {
				const {file, stepLines, ...plain} = parseSession(writeSession(s));
				expect(plain).toEqual(s);
				expect(stepLines).toHaveLength(s.steps.length);
			}),
			{numRuns: 500},
		);
	});

	test('the written text is the readable form a person would write', () => {
		const s: Session = {
			start: {kind: 'scenario', name: 'lab'},
			seed: 1,
			size: {cols: 100, rows: 30},
			speed: 1,
			steps: [
				{kind: 'key', key: keyName('2'), times: 1},
				{kind: 'key', key: keyName('down'), times: 4},
				{kind: 'type', text: 'c0007d1a2b3c4d5e'},
				{kind: 'run', command: 'fcadm create-npiv-port 2100001b32812345'},
				{kind: 'wait', ms: 2000},
				{kind: 'wait', ms: 1250},
				{kind: 'expect', pattern: 'Virtual Port1', pane: 'vports', negate: false},
				{kind: 'expect', pattern: 'error', negate: true},
				{kind: 'snapshot', name: 'after-create'},
				{kind: 'resize', size: {cols: 80, rows: 24}},
			],
		};
		expect(writeSession(s)).toBe(`# npiv session v1
start scenario lab
seed 1
size 100x30
speed 1
---
key 2
key down x4
type "c0007d1a2b3c4d5e"
run fcadm create-npiv-port 2100001b32812345
wait 2s
wait 1250ms
expect "Virtual Port1" in vports
expect not "error"
snapshot after-create
resize 80x24
`);
	});

	test('an embedded document is written as a readable | block, or base64 when it holds carriage returns', () => {
		const block = writeSession({start: {kind: 'embedded', document: '{\n  "a": 1\n\n}'}, seed: 1, size: {cols: 80, rows: 24}, speed: 1, steps: []});
		expect(block).toContain('start embedded\n| {\n|   "a": 1\n|\n| }\nseed 1\n');
		const crlf = writeSession({start: {kind: 'embedded', document: '{\r\n}'}, seed: 1, size: {cols: 80, rows: 24}, speed: 1, steps: []});
		expect(crlf).toContain(`start embedded ${Buffer.from('{\r\n}').toString('base64')}\n`);
	});

	test('a store path that would not survive unquoted is quoted', () => {
		expect(writeSession({start: {kind: 'store', path: ' lead.json'}, seed: 1, size: {cols: 80, rows: 24}, speed: 1, steps: []})).toContain('start store " lead.json"\n');
		expect(writeSession({start: {kind: 'store', path: 'my lab.json'}, seed: 1, size: {cols: 80, rows: 24}, speed: 1, steps: []})).toContain('start store my lab.json\n');
	});

	test('durations use the largest exact unit', () => {
		expect([0, 1, 999, 1000, 1500, 60_000, 90_000, 3_600_000, 7_200_000].map(formatDuration)).toEqual(['0ms', '1ms', '999ms', '1s', '1500ms', '1m', '90s', '1h', '2h']);
	});
});

import {describe, expect, test} from 'vitest';
import {parseSession, SessionRecorder, type SessionHeader} from '../../source/session/index.js';

const header: SessionHeader = {start: {kind: 'scenario', name: 'lab'}, seed: 42, size: {cols: 100, rows: 30}, speed: 1};

describe('recording a session', () => {
	test('keys with the simulated time between them become key and wait steps', () => {
		const recorder = new SessionRecorder(header);
		recorder.key('2', 1500);
		recorder.key('down', 0);
		recorder.key('down', 0);
		recorder.key('down', 250);
		recorder.key('Enter', 2000);
		expect(recorder.text()).toBe(`# npiv session v1
start scenario lab
seed 42
size 100x30
speed 1
---
wait 1500ms
key 2
key down x2
wait 250ms
key down
wait 2s
key enter
`);
	});

	test('typing into a prompt becomes one type step; the time spent typing follows it', () => {
		const recorder = new SessionRecorder(header);
		recorder.key(':', 1000);
		for (const [ch, gap] of [['f', 300], ['c', 200], ['i', 100], [' ', 100], ['x', 100]] as const) recorder.key(ch, gap, {prompt: true});
		recorder.key('enter', 400, {prompt: true});
		recorder.key('j', 0);
		expect(recorder.session().steps).toEqual([
			{kind: 'wait', ms: 1000},
			{kind: 'key', key: ':', times: 1},
			{kind: 'wait', ms: 300},
			{kind: 'type', text: 'fci x'},
			{kind: 'wait', ms: 900},
			{kind: 'key', key: 'enter', times: 1},
			{kind: 'key', key: 'j', times: 1},
		]);
	});

	test('type runs can be turned off; then every key is its own step', () => {
		const recorder = new SessionRecorder(header, {typeRuns: false, repeats: false});
		recorder.key('a', 0, {prompt: true});
		recorder.key('a', 0, {prompt: true});
		expect(recorder.session().steps).toEqual([
			{kind: 'key', key: 'a', times: 1},
			{kind: 'key', key: 'a', times: 1},
		]);
	});

	test('keys outside a prompt are never typed text, even printable ones', () => {
		const recorder = new SessionRecorder(header);
		recorder.key('j');
		recorder.key('k');
		expect(recorder.session().steps).toEqual([
			{kind: 'key', key: 'j', times: 1},
			{kind: 'key', key: 'k', times: 1},
		]);
	});

	test('a text typed at the end is kept; time after the last event is not', () => {
		const recorder = new SessionRecorder(header);
		recorder.key('/', 0);
		recorder.key('c', 100, {prompt: true});
		recorder.key('0', 100, {prompt: true});
		recorder.wait(5000);
		expect(recorder.session().steps).toEqual([
			{kind: 'key', key: '/', times: 1},
			{kind: 'wait', ms: 100},
			{kind: 'type', text: 'c0'},
			{kind: 'wait', ms: 100},
		]);
		recorder.snapshot('filtered');
		expect(recorder.session().steps.slice(-2)).toEqual([
			{kind: 'wait', ms: 5100},
			{kind: 'snapshot', name: 'filtered'},
		]);
	});

	test('resizes while dragging a window keep only where the drag ended', () => {
		const recorder = new SessionRecorder(header);
		recorder.resize(90, 30, 10);
		recorder.resize(85, 28);
		recorder.resize(80, 24);
		recorder.run('fcinfo hba-port', 500);
		recorder.expect('HBA Port WWN', {pane: 'adapters'});
		expect(recorder.session().steps).toEqual([
			{kind: 'wait', ms: 10},
			{kind: 'resize', size: {cols: 80, rows: 24}},
			{kind: 'wait', ms: 500},
			{kind: 'run', command: 'fcinfo hba-port'},
			{kind: 'expect', pattern: 'HBA Port WWN', pane: 'adapters', negate: false},
		]);
	});

	test('what the recorder writes, the parser reads back', () => {
		const recorder = new SessionRecorder({...header, start: {kind: 'store', path: './drill-store.json'}});
		recorder.key('tab', 12);
		recorder.key(':', 3);
		recorder.key('"', 5, {prompt: true});
		recorder.key('\\', 5, {prompt: true});
		recorder.key('enter', 5, {prompt: true});
		recorder.snapshot('end');
		const {file, stepLines, ...parsed} = parseSession(recorder.text());
		expect(parsed).toEqual(recorder.session());
	});

	test('bad input to the recorder is refused with the reason', () => {
		const recorder = new SessionRecorder(header);
		expect(() => recorder.key('ctrl+')).toThrow("expected a key name such as 'enter', 'ctrl+c', 'j', got 'ctrl+'");
		expect(() => recorder.key('a', -1)).toThrow('the time between events must be a finite number of milliseconds >= 0, got -1');
		expect(() => recorder.resize(40, 10)).toThrow('terminal size 40x10 is below the smallest the console supports, 80x24');
		expect(() => recorder.snapshot('a/b')).toThrow("expected a snapshot name (letters, digits, '.', '_', '-'), got 'a/b'");
		recorder.snapshot('x');
		expect(() => recorder.snapshot('x')).toThrow("snapshot name 'x' is already used");
		expect(() => recorder.run('a\nb')).toThrow('a recorded command must be one non-empty line');
		expect(() => recorder.expect('(')).toThrow('invalid regular expression "(": Unterminated group');
	});
});

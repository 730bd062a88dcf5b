import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	check, formatCheckFailure, frameFolderWriter, FrameMemory, parseSession, readSessionFile, replay, SessionRecorder, unifiedDiff, writeSessionFile,
} from '../../source/session/index.js';
import {TextConsoleDriver} from './TextConsoleDriver.js';

const DRILL = `# npiv session v1
start scenario lab
seed 3
size 80x24
---
key 2
run create-vport c0007d0000000001
expect "Virtual Port4 +c0007d0000000001" in vports
expect "created c0007d0000000001"
expect not "error"
snapshot after-create
wait 3s
key 4
snapshot events
`;

function sessionFile(text = DRILL): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'npiv-check-'));
	const file = path.join(dir, 'drill.tape');
	writeFileSync(file, text);
	return file;
}

describe('checking a session', () => {
	test('--update saves each snapshot beside the session, then check passes', async () => {
		const file = sessionFile();
		const first = await check(readSessionFile(file), new TextConsoleDriver(), {update: true});
		expect(first.ok).toBe(true);
		expect(first.snapshots).toEqual([
			{name: 'after-create', line: 11, status: 'written'},
			{name: 'events', line: 14, status: 'written'},
		]);
		const saved = readFileSync(`${file}.frames/after-create.txt`, 'utf8');
		expect(saved.split('\n')[0]).toBe('npiv test console  t=0ms  80x24');
		expect(saved).toContain('> Virtual Port1');
		expect(saved).not.toMatch(/ \n/);

		const second = await check(readSessionFile(file), new TextConsoleDriver());
		expect(second).toMatchObject({ok: true, expects: 3});
		expect(second.snapshots.map(s => s.status)).toEqual(['matched', 'matched']);
	});

	test('a failed expect stops the check at its line, naming the pane and showing what was searched', async () => {
		const file = sessionFile(DRILL.replace('c0007d0000000001" in vports', 'c0007d0000000009" in vports'));
		const driver = new TextConsoleDriver();
		const result = await check(readSessionFile(file), driver, {update: true});
		expect(result.ok).toBe(false);
		expect(result.failure).toMatchObject({kind: 'expect', index: 2, line: 8});
		expect(result.failure!.message).toBe(`${file}:8: expect "Virtual Port4 +c0007d0000000009" in vports: no match in pane vports`);
		expect(result.failure!.detail).toContain('Virtual Port4  c0007d0000000001');
		// nothing after the failure ran, and no frame was written
		expect(driver.calls.filter(call => call !== 'frame').at(-1)).toBe('run create-vport c0007d0000000001');
		expect(existsSync(`${file}.frames`)).toBe(false);
	});

	test('expect not fails when the pattern is on the screen, quoting the match', async () => {
		const file = sessionFile(DRILL.replace('expect not "error"', 'expect not "Port\\\\d"'));
		const result = await check(readSessionFile(file), new TextConsoleDriver(), {update: true});
		expect(result.failure!.message).toBe(`${file}:10: expect not "Port\\\\d": matched 'Port1' on the screen`);
	});

	test('a snapshot that differs fails at its line with a unified diff of the frames', async () => {
		const file = sessionFile();
		await check(readSessionFile(file), new TextConsoleDriver(), {update: true});
		// the replay now creates a different port than the one saved
		writeFileSync(file, DRILL.replaceAll('c0007d0000000001', 'c0007d0000000002').replace('expect "created', '# expect "created'));
		const result = await check(readSessionFile(file), new TextConsoleDriver());
		expect(result.ok).toBe(false);
		expect(result.failure).toMatchObject({kind: 'snapshot-differs', line: 11});
		expect(result.failure!.message).toBe(`${file}:11: snapshot after-create differs from its saved frame (--update accepts the new one)`);
		const diff = result.failure!.detail.split('\n');
		expect(diff[0]).toBe(`--- saved    ${file}.frames/after-create.txt`);
		expect(diff[1]).toBe(`+++ replayed ${file}:11`);
		expect(diff).toContain('-  Virtual Port4  c0007d0000000001');
		expect(diff).toContain('+  Virtual Port4  c0007d0000000002');
		expect(diff).toContain('-created c0007d0000000001');
		expect(diff).toContain('+created c0007d0000000002');
		expect(diff.filter(line => line.startsWith('@@'))).toEqual(['@@ -3,7 +3,7 @@', '@@ -20,5 +20,5 @@']);
		expect(formatCheckFailure(result.failure!)).toBe(`${result.failure!.message}\n${result.failure!.detail}`);
	});

	test('--update rewrites a frame that differs; the next check passes', async () => {
		const file = sessionFile();
		await check(readSessionFile(file), new TextConsoleDriver(), {update: true});
		writeFileSync(`${file}.frames/events.txt`, 'an old screen\n');
		const updated = await check(readSessionFile(file), new TextConsoleDriver(), {update: true});
		expect(updated.snapshots).toEqual([
			{name: 'after-create', line: 11, status: 'matched'},
			{name: 'events', line: 14, status: 'updated'},
		]);
		expect(readFileSync(`${file}.frames/events.txt`, 'utf8')).toContain('t=3s heartbeat');
		expect((await check(readSessionFile(file), new TextConsoleDriver())).ok).toBe(true);
	});

	test('a snapshot with no saved frame fails and says how to save it', async () => {
		const file = sessionFile();
		const result = await check(readSessionFile(file), new TextConsoleDriver());
		expect(result.failure).toMatchObject({kind: 'snapshot-missing', line: 11});
		expect(result.failure!.message).toBe(`${file}:11: snapshot after-create has no saved frame (${file}.frames/after-create.txt); run check with --update to save it`);
	});

	test('saved frames survive editors that strip trailing spaces and blank lines', async () => {
		const file = sessionFile();
		await check(readSessionFile(file), new TextConsoleDriver(), {update: true});
		const framePath = `${file}.frames/events.txt`;
		writeFileSync(framePath, readFileSync(framePath, 'utf8').replace(/\n+$/, '').replace(/\n/g, '\r\n'));
		expect((await check(readSessionFile(file), new TextConsoleDriver())).ok).toBe(true);
	});

	test('frames can live elsewhere (in memory here)', async () => {
		const frames = new FrameMemory();
		const file = sessionFile();
		await check(readSessionFile(file), new TextConsoleDriver(), {frames, update: true});
		expect([...frames.frames.keys()]).toEqual(['after-create', 'events']);
		expect(existsSync(`${file}.frames`)).toBe(false);
	});
});

describe('frame diffs', () => {
	test('unified format with context and line ranges', () => {
		const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n');
		const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11', '12', '13'].join('\n');
		expect(unifiedDiff(a, b, {before: 'a', after: 'b'})).toBe(`--- a
+++ b
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
@@ -10,3 +10,4 @@
 10
 11
 12
+13
`);
		expect(unifiedDiff(a, a, {before: 'a', after: 'b'})).toBe('');
	});

	test('changes close together share one hunk', () => {
		expect(unifiedDiff('a\nb\nc\nd', 'A\nb\nc\nD', {before: 'x', after: 'y'}, 1)).toBe('--- x\n+++ y\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n-d\n+D\n');
	});
});

describe('session files', () => {
	test('--frames DIR: every frame of a replay, numbered, as text and with colours', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'npiv-frames-'));
		await replay(parseSession(DRILL), new TextConsoleDriver(), {onFrame: frameFolderWriter(dir)});
		expect(readdirSync(dir).filter(f => f.endsWith('.txt'))).toEqual(['0000.txt', '0001.txt', '0002.txt', '0003.txt', '0004.txt']);
		expect(readFileSync(path.join(dir, '0002.txt'), 'utf8')).toContain('created c0007d0000000001');
		expect(readFileSync(path.join(dir, '0002.ans'), 'utf8')).toContain('\x1b[');
	});

	test('reading a session file that is missing names it like a bad line', () => {
		expect(() => readSessionFile('/nonexistent/drill.tape')).toThrow('/nonexistent/drill.tape:0: cannot read the session: no such file');
	});

	test('a recorded session saved with writeSessionFile reads back the same', () => {
		const recorder = new SessionRecorder({start: {kind: 'scenario', name: 'lab'}, seed: 9, size: {cols: 80, rows: 24}, speed: 1});
		recorder.key('tab', 100);
		recorder.snapshot('here');
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-save-')), 'sub', 'saved.tape');
		writeSessionFile(file, recorder.text());
		const {file: name, stepLines, ...session} = readSessionFile(file);
		expect(name).toBe(file);
		expect(session).toEqual(recorder.session());
	});
});

/** Files a command reads or writes because the operator (or a session) named them: whole or nothing, capped, never blocking. */
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {INPUT_FILE_CAP, InputFileError, readInputFile} from '../../source/store/InputFile.js';
import {canCreateOutputFile, replaceOutputFile, writeOutputFile} from '../../source/store/OutputFile.js';

const made: string[] = [];
function folder(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'npiv-files-'));
	made.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function refusal(read: () => unknown): {reason: string; code: string} {
	try {
		read();
	} catch (error) {
		expect(error).toBeInstanceOf(InputFileError);
		return {reason: (error as InputFileError).reason, code: (error as InputFileError).code};
	}
	throw new Error('expected a refusal');
}

describe('writing an output file', () => {
	test('replaces the file whole and leaves no temporary file behind', () => {
		const dir = folder();
		const file = path.join(dir, 'web01.chk');
		writeFileSync(file, 'old');
		chmodSync(file, 0o640);
		expect(writeOutputFile(file, 'new image')).toBe(true);
		expect(readFileSync(file, 'utf8')).toBe('new image');
		expect(statSync(file).mode & 0o777).toBe(0o640);
		expect(readdirSync(dir)).toEqual(['web01.chk']);
	});

	test('a write that cannot happen changes nothing: no folder, a folder in the way', () => {
		const dir = folder();
		expect(writeOutputFile(path.join(dir, 'missing', 'x'), 'image')).toBe(false);
		mkdirSync(path.join(dir, 'sub'));
		expect(writeOutputFile(path.join(dir, 'sub'), 'image')).toBe(false);
		expect(() => replaceOutputFile(path.join(dir, 'sub'), 'image')).toThrow(/folder/);
		expect(readdirSync(dir)).toEqual(['sub']);
		expect(readdirSync(path.join(dir, 'sub'))).toEqual([]);
	});

	test('whether a file can be created is asked without creating or truncating it', () => {
		const dir = folder();
		const file = path.join(dir, 'keep');
		writeFileSync(file, 'data\n');
		expect(canCreateOutputFile(file)).toBe(true);
		expect(canCreateOutputFile(path.join(dir, 'new'))).toBe(true);
		expect(canCreateOutputFile(path.join(dir, 'no', 'such'))).toBe(false);
		expect(canCreateOutputFile(dir)).toBe(false);
		expect(canCreateOutputFile('')).toBe(false);
		expect(readFileSync(file, 'utf8')).toBe('data\n');
		expect(readdirSync(dir)).toEqual(['keep']);
	});
});

describe('reading a file a command names', () => {
	test('a regular file is read', () => {
		const file = path.join(folder(), 'web01.cfg');
		writeFileSync(file, 'name = "web01"\n');
		expect(readInputFile(file)).toBe('name = "web01"\n');
	});

	test('a device, a folder, a FIFO and a missing file are refused at once, saying why', () => {
		const dir = folder();
		expect(refusal(() => readInputFile('/dev/zero'))).toEqual({reason: 'not a regular file', code: 'ENOTREG'});
		expect(refusal(() => readInputFile(dir)).reason).toBe('it is a folder');
		expect(refusal(() => readInputFile(path.join(dir, 'gone')))).toEqual({reason: 'no such file', code: 'ENOENT'});
		const fifo = path.join(dir, 'fifo');
		execFileSync('mkfifo', [fifo]);
		const started = performance.now();
		expect(refusal(() => readInputFile(fifo))).toEqual({reason: 'not a regular file', code: 'ENOTREG'});
		expect(performance.now() - started).toBeLessThan(1000);
	});

	test('a file over the cap is refused without being read', () => {
		const file = path.join(folder(), 'huge.cfg');
		writeFileSync(file, Buffer.alloc(INPUT_FILE_CAP + 1, 0x61));
		expect(refusal(() => readInputFile(file))).toEqual({reason: 'larger than 1 MiB', code: 'EFBIG'});
		writeFileSync(file, Buffer.alloc(INPUT_FILE_CAP, 0x61));
		expect(readInputFile(file)).toHaveLength(INPUT_FILE_CAP);
	});
});

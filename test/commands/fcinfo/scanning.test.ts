import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {getoptLong} from '../../../source/commands/fcinfo/Getopt.js';
import {isValidWwnText, scanWwn} from '../../../source/commands/fcinfo/ScanWwn.js';

const hex16 = fc.stringMatching(/^[0-9a-fA-F]{16}$/);

describe('scanWwn: sscanf("%016llx")', () => {
	test('16 hex digits in either case read as the lowercase WWN', () => {
		fc.assert(fc.property(hex16, text => scanWwn(text) === text.toLowerCase()));
	});

	test('whatever follows the first 16 characters is ignored', () => {
		fc.assert(fc.property(hex16, fc.string(), (text, tail) => scanWwn(text + tail) === text.toLowerCase()));
	});

	test('reading stops at the first non-hex character', () => {
		expect(scanWwn('21:00:00:1b:32:81:23:45')).toBe('0000000000000021');
		expect(scanWwn('  ff')).toBe('00000000000000ff');
		expect(scanWwn('0x10')).toBe('0000000000000010');
		expect(scanWwn('-1')).toBe('ffffffffffffffff');
		expect(scanWwn('wwn')).toBeUndefined();
		expect(scanWwn('')).toBeUndefined();
	});

	test('isValidWWN accepts exactly 16 hex digits', () => {
		fc.assert(fc.property(hex16, text => isValidWwnText(text)));
		fc.assert(fc.property(fc.string(), text => isValidWwnText(text) === /^[0-9a-fA-F]{16}$/.test(text)));
		expect(isValidWwnText('0x00007d00000011')).toBe(false);
	});
});

describe('getoptLong', () => {
	const long = [
		{name: 'help', hasArg: false, val: '?'},
		{name: 'scsi-target', hasArg: false, val: 's'},
		{name: 'scsi-lun', hasArg: true, val: 'u'},
	];
	const run = (...args: string[]) => {
		const r = getoptLong(['sub', ...args], '?su:', long, false);
		return {steps: [...r.steps], operands: r.operands()};
	};

	test('two partial matches are ambiguous', () => {
		expect(run('--scsi').steps).toEqual([{kind: 'error', optopt: '', message: 'sub: ambiguous option -- scsi'}]);
		expect(run('--scsi-t').steps).toEqual([{kind: 'option', val: 's'}]);
	});

	test('operands keep their order around options; -- ends options', () => {
		expect(run('a', '-s', 'b', '-uX', 'c', '--', '-s')).toEqual({
			steps: [{kind: 'option', val: 's'}, {kind: 'option', val: 'u', arg: 'X'}],
			operands: ['a', 'b', 'c', '-s'],
		});
	});

	test('an option argument is the next word even when it looks like an option', () => {
		expect(run('-u', '-s').steps).toEqual([{kind: 'option', val: 'u', arg: '-s'}]);
		expect(run('--scsi-lun=', 'x').steps).toEqual([{kind: 'option', val: 'u', arg: ''}]);
	});

	test('posix mode stops at the first operand', () => {
		const r = getoptLong(['fcinfo', 'hba-port', '-V'], '?V', [], true);
		expect([...r.steps]).toEqual([]);
		expect(r.operands()).toEqual(['hba-port', '-V']);
	});
});

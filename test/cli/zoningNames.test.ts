/** One name rule for zoning objects, across processes: what the FOS shell takes, the store keeps. */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {npiv, tempStore} from './runCli.js';

const SPARE_VP = 'c0007d7e25f3d018';

describe('npiv switch alicreate and the store', () => {
	it('a name FOS refuses is refused by the shell (exit 1), and the store is left as it was', () => {
		const state = tempStore();
		expect(npiv(state, ['switch', 'alishow']).status).toBe(0);
		const before = readFileSync(state, 'utf8');
		const r = npiv(state, ['switch', 'alicreate', 'a$1', SPARE_VP]);
		expect(r).toEqual({
			status: 1,
			stdout: '',
			stderr: 'alicreate: invalid name "a$1": a name must start with a letter and hold only letters, digits and underscores (at most 64 characters)\n',
		});
		expect(readFileSync(state, 'utf8')).toBe(before);
	});

	it('a name FOS takes is saved, and the next process reads the store back and shows it', () => {
		const state = tempStore();
		expect(npiv(state, ['switch', 'alicreate', 'spare_a1,', SPARE_VP])).toMatchObject({status: 0, stderr: ''});
		const next = npiv(state, ['switch', 'alishow', 'spare_a1']);
		expect(next).toMatchObject({status: 0, stderr: ''});
		expect(next.stdout).toBe(' alias:\tspare_a1\tc0:00:7d:7e:25:f3:d0:18\n');
	});
});

describe('npiv storage hostgroup names and the store', () => {
	it("a name the array takes ('web02@dom0-b') is saved, and the next process shows it", () => {
		const state = tempStore();
		const r = npiv(state, ['storage', 'hostgroup', 'add', '--array', 'array-1', '--group', 'web02@dom0-b', '--initiator', 'c0007d0000000777', '--lun', '3']);
		expect(r).toMatchObject({status: 0, stderr: ''});
		expect(npiv(state, ['storage', 'hostgroup', 'list', '--array', 'array-1']).stdout).toMatch(/^array-1 +web02@dom0-b +all +c0007d0000000777 +3:0$/m);
	});

	it("a name the array refuses ('bad name') is refused by the array, with its rule, and nothing is saved", () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const before = readFileSync(state, 'utf8');
		const r = npiv(state, ['storage', 'hostgroup', 'add', '--array', 'array-1', '--group', 'bad name', '--initiator', 'c0007d0000000778', '--lun', '3']);
		expect(r).toEqual({status: 1, stdout: '', stderr: "npiv storage: bad host group name 'bad name': letters, digits, _ . : @ + -, at most 32, starting with a letter or digit\n"});
		expect(readFileSync(state, 'utf8')).toBe(before);
	});
});

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

/** xm save, create and restore with files an operator (or someone else's session) names. */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {makeXmLab} from './xmlab.js';

describe('xm save writes its file only once the save worked', () => {
	it('an unknown domain leaves the file as it was (exit 3)', () => {
		const lab = makeXmLab();
		lab.files.set('/tmp/keep', 'data\n');
		const r = lab.xm('save nosuchdomain /tmp/keep');
		expect(r.exitCode).toBe(3);
		expect(r.stderr).toBe("Error: Domain 'nosuchdomain' does not exist.\n");
		expect(lab.files.get('/tmp/keep')).toBe('data\n');
	});

	it('a file that cannot be created fails before the domain is touched', () => {
		const lab = makeXmLab();
		const r = lab.xm('save web01 /readonly/web01.chk');
		expect(r).toMatchObject({exitCode: 1, changed: false, stderr: 'Error: xm save: Unable to create file /readonly/web01.chk\n'});
		expect(lab.xm('list web01').stdout).toMatch(/^web01 +1 /m);
		expect(lab.files.has('/readonly/web01.chk')).toBe(false);
	});

	it('a domain that cannot be saved leaves the file as it was', () => {
		const lab = makeXmLab();
		lab.files.set('/tmp/keep', 'data\n');
		lab.xm('destroy web01');
		expect(lab.xm('save web01 /tmp/keep').stderr).toMatch(/^Error: Domain is not running\n/);
		expect(lab.files.get('/tmp/keep')).toBe('data\n');
	});
});

describe('names a user gave come back escaped and cut', () => {
	it('a domain name with escape sequences', () => {
		const lab = makeXmLab();
		const r = lab.xm('save \x1b]0;pwned\x07web\x1b[2J f');
		expect(r.exitCode).toBe(3);
		expect(r.stderr).toBe("Error: Domain '\\e]0;pwned\\x07web\\e[2J' does not exist.\n");
		expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
	});

	it('a very long file name is cut at 200 characters', () => {
		const lab = makeXmLab();
		const name = `/tmp/${'n'.repeat(5000)}`;
		const r = lab.xm(`restore ${name}`);
		expect(r.stderr).toBe(`Error: xm restore: Unable to read file ${name.slice(0, 200)}…\n`);
	});

	it('a config file that is not one says why, and never shows its lines', () => {
		const lab = makeXmLab();
		lab.files.set('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n');
		const r = lab.xm('create /etc/passwd');
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe('Error: Errors were found at line 1 while processing /etc/passwd\n');
		expect(r.stdout + r.stderr).not.toContain('root:');
	});
});

describe('any words, as a fuzzer or a hostile session would type them', () => {
	it('a refused xm command changes no file, and its error holds no control character', () => {
		const verbs = fc.constantFrom('save', 'save -c', 'create', 'new', 'restore', 'list', 'start', 'bogus', 'migrate', 'npiv-list');
		const word = fc.oneof(fc.constantFrom('web01', 'db01', '/tmp/keep', '/readonly/x', 'keep.cfg', '-c'), fc.string({unit: 'binary', minLength: 1, maxLength: 40}).filter(w => !/\s/.test(w)));
		fc.assert(
			fc.property(verbs, fc.array(word, {maxLength: 3}), (verb, words) => {
				const lab = makeXmLab();
				lab.files.set('/tmp/keep', 'data\n');
				lab.files.set('keep.cfg', "name = 'kept'\nmemory = 256\n");
				const before = new Map(lab.files);
				const r = lab.xm([verb, ...words].join(' '));
				expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
				if (r.exitCode !== 0) expect(new Map(lab.files)).toEqual(before);
			}),
			{numRuns: Number(process.env['NPIV_PROPERTY_RUNS'] ?? 150)},
		);
	});
});

/**
 * Every test run gets one temporary folder of its own, removed when the run ends: the tests make
 * stores, sessions and sockets in `os.tmpdir()` (and the processes they start inherit TMPDIR), so
 * nothing of a run is left in the machine's temporary directory afterwards.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export default function setup(): () => void {
	const run = mkdtempSync(join(tmpdir(), 'npiv-test-run-'));
	const previous = process.env['TMPDIR'];
	process.env['TMPDIR'] = run;
	return () => {
		if (previous === undefined) delete process.env['TMPDIR'];
		else process.env['TMPDIR'] = previous;
		rmSync(run, {recursive: true, force: true});
	};
}

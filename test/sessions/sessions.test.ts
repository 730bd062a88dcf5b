/**
 * The project's own sessions, checked as `npiv session check FILE` checks them: every expect
 * holds and every snapshot equals its saved frame (FILE.frames/NAME.txt, reviewed and committed).
 * After a change that is meant to alter the screens: `node dist/cli.js session check --update FILE`,
 * then read the new frames before committing them.
 */
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {runSessionCommand} from '../../source/ui/sessionCommands.js';
import {captureIo, GLOBALS} from './io.js';

const HERE = import.meta.dirname;
const TAPES = readdirSync(HERE).filter(name => name.endsWith('.tape')).sort();

describe('the project sessions', () => {
	test('are all here', () => {
		expect(TAPES).toEqual(expect.arrayContaining(['error-path.tape', 'failed-migration.tape', 'tour.tape', 'zoning-rscn.tape']));
	});

	test.each(TAPES)('%s replays with every expect holding and every snapshot as saved', async tape => {
		const io = captureIo();
		const code = await runSessionCommand(['check', path.join(HERE, tape)], GLOBALS, io);
		expect(io.errors()).toBe('');
		expect(code).toBe(0);
		expect(io.printed()).toMatch(/: ok \(\d+ steps, \d+ expects, snapshots: \d+ matched\)\n$/);
	});
});

import fc from 'fast-check';
import meow from 'meow';
import {describe, expect, it} from 'vitest';
import {plainGlobalFlags, splitGlobalArgs, USAGE} from '../../source/commands/cliArgs.js';

/** What cli.tsx asks meow for. */
function meowFlags(globals: string[]): Record<string, unknown> {
	const cli = meow(USAGE, {
		importMeta: import.meta,
		pkg: {name: 'npiv-console', version: '0.0.0'},
		argv: globals,
		allowUnknownFlags: false,
		autoHelp: false,
		autoVersion: false,
		flags: {
			host: {type: 'string'},
			state: {type: 'string'},
			json: {type: 'boolean', default: false},
			seed: {type: 'number'},
			color: {type: 'boolean', default: true},
			record: {type: 'string'},
		},
	});
	return Object.fromEntries(Object.entries(cli.flags).filter(([, v]) => v !== undefined));
}

describe('global options without meow', () => {
	it('reads what meow reads whenever it reads them at all', () => {
		const value = fc.constantFrom('sol-a', 'x.json', '12', '007', '', '-x', 'a=b', 'two words');
		const option = fc.oneof(
			fc.tuple(fc.constantFrom('--host', '--state', '--seed', '--record'), value).map(([n, v]) => [n, v]),
			fc.tuple(fc.constantFrom('--host', '--state', '--seed', '--record'), value).map(([n, v]) => [`${n}=${v}`]),
			fc.constantFrom(['--json'], ['--color'], ['--no-color']),
		);
		let plain = 0;
		fc.assert(
			fc.property(fc.array(option, {maxLength: 5}), options => {
				const split = splitGlobalArgs([...options.flat(), 'fcinfo']);
				if ('error' in split) return;
				const flags = plainGlobalFlags(split.globals);
				if (flags === undefined) return;
				plain++;
				expect(flags).toEqual(meowFlags(split.globals));
			}),
			{numRuns: 600},
		);
		expect(plain).toBeGreaterThan(100);
	});

	it('leaves --help, --version, repeated options and odd values to meow', () => {
		for (const globals of [['--help'], ['-v'], ['--host', 'a', '--host', 'b'], ['--color', '--no-color'], ['--seed', '1e3'], ['--state='], ['--json=false']]) {
			expect(plainGlobalFlags(globals)).toBeUndefined();
		}
		expect(plainGlobalFlags(['--state', 's.json', '--no-color', '--seed=42'])).toEqual({state: 's.json', color: false, json: false, seed: 42});
	});
});

/** `npiv scenario generate` as a user runs it: the file it writes, its progress, its refusals. */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {npiv, tempStore} from './runCli.js';

const SMALL = ['--hosts', '3', '--ports-per-host', '2', '--vports-per-port', '4'];

describe('npiv scenario generate', () => {
	it('writes a booted store: the next command restores it (no boot note) and sees every virtual port online', () => {
		const out = tempStore();
		const r = npiv(tempStore(), ['scenario', 'generate', ...SMALL, '--out', out]);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: lab generated and booted: 3 hosts, 6 HBA ports, 24 virtual ports, 2 switches in 2 fabrics, 1 array \\([\\d,]+ bytes, [\\d.]+ s\\)\\n$`));
		// Not a terminal: progress as plain lines, ending with the save.
		expect(r.stderr.split('\n').filter(Boolean)).toEqual(['generating the lab...', 'booting: plugging cables...', 'booting: re-creating the virtual ports (npiv_config)...', 'booting: starting domains...', 'booted', 'saving...']);
		expect(r.stderr).toMatch(/booting: re-creating the virtual ports \(npiv_config\)/);
		const listed = npiv(out, ['--host', 'h001', 'fcinfo', 'hba-port', '2100001b32000001']);
		expect(listed.stderr).toBe('');
		expect(listed.stdout.match(/\t\tPort WWN: /g)).toHaveLength(4);
		const remote = npiv(out, ['--host', 'h001', 'fcinfo', 'remote-port', '-p', listed.stdout.match(/\t\tPort WWN: (\w+)/)![1]!]);
		expect(remote.stdout).toMatch(/Remote Port WWN: /);
	});

	it('--json: the figures on stdout, no progress at all', () => {
		const out = tempStore();
		const r = npiv(tempStore(), ['--json', 'scenario', 'generate', ...SMALL, '--seed', '7', '--out', out]);
		expect(r.status).toBe(0);
		expect(r.stderr).toBe('');
		const facts = JSON.parse(r.stdout) as Record<string, unknown>;
		expect(facts).toMatchObject({out, hosts: 3, physicalPorts: 6, vports: 24, fabrics: 2, switches: 2, arrays: 1, luns: 8, seed: 7});
		expect(facts['bytes']).toBe(readFileSync(out).length);
	});

	it('the same options and seed write the same lab', () => {
		const a = tempStore();
		const b = tempStore();
		expect(npiv(tempStore(), ['scenario', 'generate', ...SMALL, '--seed', '3', '--out', a]).status).toBe(0);
		expect(npiv(tempStore(), ['scenario', 'generate', ...SMALL, '--seed', '3', '--out', b]).status).toBe(0);
		expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
	});

	it('refuses to overwrite a file without --force, and leaves it as it was', () => {
		const out = tempStore();
		writeFileSync(out, 'precious\n');
		const r = npiv(tempStore(), ['scenario', 'generate', ...SMALL, '--out', out]);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/already exists.*--force/);
		expect(readFileSync(out, 'utf8')).toBe('precious\n');
		expect(npiv(tempStore(), ['scenario', 'generate', ...SMALL, '--out', out, '--force']).status).toBe(0);
		expect(readFileSync(out, 'utf8')).toMatch(/^\{/);
	});

	it('bad options: every problem named, the usage, exit 2, nothing written; the working store is not created', () => {
		const state = tempStore();
		const out = path.join(path.dirname(state), 'out.json');
		const r = npiv(state, ['scenario', 'generate', '--hosts', 'many', '--vports-per-port', '300', '--out', out]);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain("--hosts takes a whole number from 0 to 100000 (got 'many')");
		expect(r.stderr).toContain('--ports-per-host is required');
		expect(r.stderr).toContain("--vports-per-port takes a whole number from 0 to 254 (got '300')");
		expect(r.stderr).toContain('Usage: npiv scenario generate');
		expect(existsSync(out)).toBe(false);
		expect(existsSync(state)).toBe(false);
	});
});

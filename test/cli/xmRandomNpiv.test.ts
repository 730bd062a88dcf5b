/**
 * `xm create` with an NPIV entry that leaves both WWNs empty (`::1:PPWWN`): the HBA-API picks a
 * random `c0007d` pair (the specification lets the library select the WWNs), the domain keeps it,
 * and the next process sees the same pair.
 */
import {describe, expect, it} from 'vitest';
import {npiv, tempStore} from './runCli.js';

describe('xm create with library-chosen WWNs', () => {
	it('creates the virtual port with a random pair that the next command sees unchanged', () => {
		const state = tempStore();
		const created = npiv(state, ['--host', 'dom0-a', 'xm', 'create', 'name=app03', 'memory=256', 'npiv=::1:2100001b32813c5a']);
		expect(created.stderr).toBe('');
		expect(created.status).toBe(0);
		const first = npiv(state, ['--host', 'dom0-a', 'xm', 'npiv-list', 'app03']);
		const wwn = /c0007d[0-9a-f]{10}/.exec(first.stdout)?.[0];
		expect(wwn, first.stdout).toBeDefined();
		const again = npiv(state, ['--host', 'dom0-a', 'xm', 'npiv-list', 'app03']);
		expect(again.stdout).toBe(first.stdout);
		expect(npiv(state, ['--host', 'dom0-a', 'fcinfo', 'hba-port', '2100001b32813c5a']).stdout).toContain(`Port WWN: ${wwn}`);
	});

	it('a physical port the host does not have: one line, exit 1, nothing created', () => {
		const state = tempStore();
		const r = npiv(state, ['--host', 'dom0-a', 'xm', 'create', 'name=app04', 'npiv=::1:10000000c96b2e10']);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe('Error: Fail to get Random WWN\n');
		expect(npiv(state, ['--host', 'dom0-a', 'xm', 'list']).stdout).not.toContain('app04');
	});
});

/**
 * One rule in one place, seen from a shell: fcadm refuses to delete a virtual port that a Xen
 * domain's configuration holds, and the next process finds the port where it was.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {npiv, tempStore} from './runCli.js';

const DOM0_A_P0 = '2100001b32813c5a';
const WEB01_VPORT = 'c0007d5a3e81c241';
const REFUSAL = `Error: NPIV port ${WEB01_VPORT} belongs to domain web01 on dom0-a; detach it with: xm npiv-detach web01 ${WEB01_VPORT}\n`;

describe('fcadm delete-npiv-port of a domain-owned virtual port, across processes', () => {
	it('is refused (exit 1, the xm command to use), and the port is still there for the next command', () => {
		const state = tempStore();
		expect(npiv(state, ['fcinfo', 'hba-port', DOM0_A_P0]).stdout).toContain(`\t\tPort WWN: ${WEB01_VPORT}\n`);
		const before = readFileSync(state, 'utf8');

		const refused = npiv(state, ['fcadm', 'delete-npiv-port', '-p', WEB01_VPORT, DOM0_A_P0]);
		expect(refused).toEqual({status: 1, stdout: '', stderr: REFUSAL});
		// nothing to save: the store is the same file, events and the SMF port list included
		expect(readFileSync(state, 'utf8')).toBe(before);

		const after = npiv(state, ['fcinfo', 'hba-port', DOM0_A_P0]);
		expect(after.status).toBe(0);
		expect(after.stdout).toContain(`\tNPIV port list:\n\t  Virtual Port1:\n\t\tNode WWN: c0007d5a3e81c240\n\t\tPort WWN: ${WEB01_VPORT}\n`);
		expect(npiv(state, ['xm', 'npiv-list', 'web01']).stdout).toMatch(new RegExp(`${WEB01_VPORT}.*connected`));
	});

	it('--json: the error and who owns the port', () => {
		const state = tempStore();
		const r = npiv(state, ['--json', 'fcadm', 'delete-npiv-port', '-p', WEB01_VPORT, DOM0_A_P0]);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe('');
		expect(JSON.parse(r.stdout)).toEqual({npivPortOwner: {portWWN: WEB01_VPORT, domain: 'web01', host: 'dom0-a'}, error: REFUSAL.trimEnd()});
	});
});

import {readFileSync, symlinkSync, writeFileSync, mkdtempSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI, npiv, npivRaw, tempStore} from './runCli.js';

const DOM0_A_P0 = '2100001b32813c5a';
const SPARE_VP = 'c0007d1c6d04a9b3';
const SPARE_VN = 'c0007d1c6d04a9b2';

describe('npiv one-shot commands', () => {
	it('creates the store from the embedded lab on first use and records the first boot', () => {
		const state = tempStore();
		const r = npiv(state, ['fcinfo', 'hba-port']);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain(`HBA Port WWN: ${DOM0_A_P0}\n\tPort Mode: Initiator\n`);
		expect(existsSync(state)).toBe(true);
		const events = npiv(state, ['events', '--type', 'fabric.flogi']);
		expect(events.status).toBe(0);
		expect(events.stdout).toMatch(/fabric\.flogi/);
	});

	it('creates a virtual port with fcadm, keeps it in the SMF list, and shows it with fcinfo', () => {
		const state = tempStore();
		const c = npiv(state, ['fcadm', 'create-npiv-port', '-p', SPARE_VP, '-n', SPARE_VN, DOM0_A_P0]);
		expect(c).toMatchObject({status: 0, stdout: '', stderr: ''});
		const doc = JSON.parse(readFileSync(state, 'utf8'));
		const host = doc.lab.hosts.find((h: {name: string}) => h.name === 'dom0-a');
		// index 1 is web01's virtual port (xennpivd created it at boot): the lowest free is 2
		expect(host.npivPorts).toEqual([`${DOM0_A_P0}:${SPARE_VP.toUpperCase()}:${SPARE_VN.toUpperCase()}:2`]);
		const list = npiv(state, ['fcinfo', 'hba-port', DOM0_A_P0]);
		// The next process continues the same lab: the kernel lists the newest virtual port first.
		expect(list.stdout).toContain(`\tNPIV port list:\n\t  Virtual Port1:\n\t\tNode WWN: ${SPARE_VN}\n\t\tPort WWN: ${SPARE_VP}\n\t  Virtual Port2:\n\t\tNode WWN: c0007d5a3e81c240\n`);
		const lu = npiv(state, ['fcinfo', 'lu']);
		expect(lu.status).toBe(0);
		const d = npiv(state, ['fcadm', 'delete-npiv-port', '-p', SPARE_VP, DOM0_A_P0]);
		expect(d.status).toBe(0);
		expect(npiv(state, ['fcinfo', 'hba-port', DOM0_A_P0]).stdout).not.toContain(SPARE_VP);
	});

	it('fcinfo shows what one virtual port sees: remote-port -p VPORT, hba-port VPORT (NPIV Not Supported)', () => {
		const state = tempStore();
		const web01Vport = 'c0007d5a3e81c241';
		const remote = npiv(state, ['fcinfo', 'remote-port', '-p', web01Vport, '-s']);
		expect(remote.status).toBe(0);
		expect(remote.stdout).toContain('Remote Port WWN: 500a0b810029edf4\n\tActive FC4 Types: SCSI\n\tSCSI Target: yes\n');
		expect(remote.stdout).toMatch(/\tLUN: 0\n\t {2}Vendor: SUN {5}\n/);
		const port = npiv(state, ['fcinfo', 'hba-port', web01Vport]);
		expect(port.stdout).toContain(`HBA Port WWN: ${web01Vport}\n`);
		expect(port.stdout).toContain('\tNode WWN: c0007d5a3e81c240\n\tNPIV Not Supported\n');
		const create = npiv(state, ['fcadm', 'create-npiv-port', web01Vport]);
		expect(create).toMatchObject({status: 1, stderr: 'Error: NPIV not Supported\n'});
	});

	it('refuses a broken store with a message naming the file, and leaves it as it was', () => {
		const state = tempStore();
		writeFileSync(state, '{"version": 2, "lab": ');
		const before = readFileSync(state);
		const r = npiv(state, ['fcinfo', 'hba-port']);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain(state);
		expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
		expect(readFileSync(state).equals(before)).toBe(true);
	});

	it('reports usage errors with exit 2', () => {
		const state = tempStore();
		expect(npiv(state, ['frobnicate']).status).toBe(2);
		expect(npiv(state, ['frobnicate']).stderr).toContain("unknown command 'frobnicate'");
		const bad = npivRaw(['--bogus', 'fcinfo']);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain("unknown global option '--bogus'");
		expect(npivRaw(['--state']).status).toBe(2);
	});

	it('honours NPIV_STATE and behaves as fcinfo/fcadm when invoked through a link of that name', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'npiv-link-'));
		const state = path.join(dir, 'via-env.json');
		const link = path.join(dir, 'fcinfo');
		symlinkSync(CLI, link);
		const r = npivRaw(['hba-port', DOM0_A_P0], {script: link, env: {NPIV_STATE: state}});
		expect(r.status).toBe(0);
		expect(r.stdout.startsWith(`HBA Port WWN: ${DOM0_A_P0}\n`)).toBe(true);
		expect(existsSync(state)).toBe(true);
		const v = npivRaw(['-V'], {script: link, env: {NPIV_STATE: state}});
		expect(v.stdout).toBe('fcinfo: Version 1.0\n');
	});

	it('--host picks the host whose stack runs the command', () => {
		const state = tempStore();
		const r = npiv(state, []);
		void r;
		const sol = npivRaw(['--state', state, '--host', 'sol-c', 'fcinfo', 'hba-port']);
		expect(sol.status).toBe(0);
		expect(sol.stdout).toContain('Model: QLA2342');
		expect(sol.stdout).toContain('\tNPIV Not Supported\n');
		const nohost = npivRaw(['--state', state, '--host', 'nope', 'fcinfo', 'hba-port']);
		expect(nohost.status).toBe(1);
		expect(nohost.stderr).toContain("no host 'nope'");
	});
});

describe('fault injection, switch shell, storage, events, scenario', () => {
	it('pulling a target cable makes LUNs vanish and plugging it back brings them back, with RSCNs logged', () => {
		const state = tempStore();
		const before = npiv(state, ['fcinfo', 'lu']).stdout.split('\n').filter(Boolean).length;
		expect(before).toBeGreaterThan(0);
		const pull = npiv(state, ['fault', 'cable', 'pull', 'array-1/A-1']);
		expect(pull.status).toBe(0);
		expect(pull.stdout).toContain('cable pulled');
		const during = npiv(state, ['fcinfo', 'lu']).stdout.split('\n').filter(Boolean).length;
		expect(during).toBeLessThan(before);
		expect(npiv(state, ['fault', 'list']).stdout).toContain('cable pulled');
		expect(npiv(state, ['fault', 'cable', 'pull', 'array-1/A-1']).status).toBe(1);
		expect(npiv(state, ['fault', 'cable', 'plug', 'array-1/A-1']).status).toBe(0);
		expect(npiv(state, ['fcinfo', 'lu']).stdout.split('\n').filter(Boolean).length).toBe(before);
		const rscn = npiv(state, ['events', '--type', 'fabric.rscn']);
		expect(rscn.stdout).toMatch(/rscn/i);
		expect(npiv(state, ['fault', 'cable', 'pull', 'nowhere/9']).status).toBe(1);
		expect(npiv(state, ['fault', 'bogus', 'x', 'y']).status).toBe(2);
	});

	it('fault list shows the NPIV faults injected, from one process to the next, and not the lab\'s own NPIV-off switch', () => {
		const state = tempStore();
		expect(npiv(state, ['fault', 'list']).stdout).toBe('No faults.\n');
		expect(npiv(state, ['fault', 'npiv', 'off', 'fab-a1']).status).toBe(0);
		expect(npiv(state, ['fault', 'npiv', 'off', 'fab-a2/3']).status).toBe(0);
		expect(npiv(state, ['fault', 'port', 'disable', 'fab-b1/5']).status).toBe(0);
		expect(npiv(state, ['fault', 'list']).stdout).toBe('port disabled     fab-b1/5\nNPIV off          fab-a1\nNPIV off          fab-a2/3\n');
		expect(JSON.parse(npiv(state, ['fault', 'list', '--json']).stdout)).toEqual({
			pulledCables: [],
			disabledPorts: ['fab-b1/5'],
			offlineTargets: [],
			npivOff: ['fab-a1', 'fab-a2/3'],
		});
		// turned back on by hand on the switch: no longer in force
		expect(npiv(state, ['switch', '--switch', 'fab-a2', 'portcfgnpivport', '3', '1']).status).toBe(0);
		expect(npiv(state, ['fault', 'npiv', 'on', 'fab-a1']).status).toBe(0);
		expect(npiv(state, ['fault', 'port', 'enable', 'fab-b1/5']).status).toBe(0);
		expect(npiv(state, ['fault', 'list']).stdout).toBe('No faults.\n');
		expect(JSON.parse(readFileSync(state, 'utf8')).lab.faults).toEqual({npivOff: ['fab-a2/3']});
	});

	it('runs the switch shell on the chosen switch and persists zoning changes', () => {
		const state = tempStore();
		const show = npiv(state, ['switch', '--switch', 'fab-a2', 'switchshow']);
		expect(show.status).toBe(0);
		expect(show.stdout).toContain('switchName:\tfab-a2');
		const create = npiv(state, ['switch', 'alicreate', 'spare_alias', 'c0:00:7d:7e:25:f3:d0:19']);
		expect(create.status).toBe(0);
		expect(npiv(state, ['switch', 'alishow']).stdout).toContain('spare_alias');
		expect(npiv(state, ['switch', '--switch', 'nope', 'switchshow']).status).toBe(1);
	});

	it('a zone edit after cfgenable stays out of the effective configuration across reloads until cfgenable', () => {
		const state = tempStore();
		expect(npiv(state, ['switch', 'zoneadd', 'z_solc_p0', 'tape1_p0']).status).toBe(0);
		const effective = (): string => npiv(state, ['switch', 'cfgactvshow']).stdout;
		const zoneLine = (text: string): string => {
			const at = text.indexOf('zone:\tz_solc_p0');
			expect(at).toBeGreaterThanOrEqual(0);
			const next = text.indexOf('zone:', at + 5);
			return text.slice(at, next < 0 ? undefined : next);
		};
		expect(zoneLine(npiv(state, ['switch', 'cfgshow']).stdout)).toContain('tape1_p0');
		expect(zoneLine(effective())).not.toContain('50:01:43:80:02:5e:6a:11');
		expect(npiv(state, ['switch', 'cfgenable', 'cfg_fabric_a']).status).toBe(0);
		expect(zoneLine(effective())).toContain('50:01:43:80:02:5e:6a:11');
	});

	it('storage commands change masking and the change is saved', () => {
		const state = tempStore();
		const list = npiv(state, ['storage', 'lun', 'list', '--array', 'array-1']);
		expect(list.status).toBe(0);
		const create = npiv(state, ['storage', 'lun', 'create', '--array', 'array-1', '--size', '5G', '--name', 'scratch']);
		expect(create.status).toBe(0);
		expect(npiv(state, ['storage', 'lun', 'list', '--array', 'array-1']).stdout).toContain('scratch');
		expect(npiv(state, ['storage', 'lun', 'delete', '--array', 'nope', '1']).status).toBe(1);
	});

	it('scenario show summarises, reset restores the default lab, load refuses a bad file', () => {
		const state = tempStore();
		const show = npiv(state, ['scenario', 'show']);
		expect(show.status).toBe(0);
		expect(show.stdout).toMatch(/hosts/i);
		npiv(state, ['fault', 'cable', 'pull', 'array-1/A-1']);
		expect(npiv(state, ['scenario', 'reset']).status).toBe(0);
		// the pulled cable is gone with the reset; legacy-1's NPIV off is the lab's design, not a fault
		expect(npiv(state, ['fault', 'list']).stdout).toBe('No faults.\n');
		const bad = path.join(path.dirname(state), 'bad.json');
		writeFileSync(bad, '{"name": 3}');
		const load = npiv(state, ['scenario', 'load', bad]);
		expect(load.status).toBe(1);
		expect(load.stderr).toContain(bad);
	});

	it('events filters by type and time and gives JSON', () => {
		const state = tempStore();
		npiv(state, ['fcinfo', 'hba-port']);
		// an object at the top level since --json answers are told from errors by their key
		const all = JSON.parse(npiv(state, ['--json', 'events']).stdout).events;
		expect(all.length).toBeGreaterThan(10);
		const flogi = JSON.parse(npiv(state, ['events', '--type', 'fabric.flogi', '--json']).stdout).events;
		expect(flogi.length).toBeGreaterThan(0);
		expect(flogi.every((e: {type: string}) => e.type.startsWith('fabric.flogi'))).toBe(true);
		expect(npiv(state, ['events', '--since', 'soon']).status).toBe(2);
	});
});

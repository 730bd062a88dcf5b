import {describe, expect, it} from 'vitest';
import {runStorageCommand} from '../../source/storage/index.js';
import {HOST_A, lab, login} from './fixtures.js';

function setup() {
	const l = lab();
	login(l.array.port('ct0')!, HOST_A);
	const run = (line: string, json = false) => runStorageCommand(l.arrays, line.split(' ').filter(Boolean), {json});
	return {...l, run};
}

describe('npiv storage: text output', () => {
	it('lun list', () => {
		const {run} = setup();
		expect(run('lun list')).toEqual({
			stdout: [
				'ARRAY    LUN  NAME      TYPE            SIZE  VENDOR  PRODUCT   REV   SERIAL         MAPPED TO (GROUP:HOSTLUN)',
				'array-1    0  web-data  disk             10G  SUN     CSM200_R  0660  00029F1A00000  web01:0',
				'array-1    1  -         disk             20G  SUN     CSM200_R  0660  SV71234567     db01:0',
				'array-1    7  library   medium-changer     -  STK     L180      0315  00029F1A00007  db01:5',
				'',
			].join('\n'),
			stderr: '',
			exitCode: 0,
		});
	});

	it('hostgroup list runs initiators and LUN maps down the rows', () => {
		const {run} = setup();
		expect(run('hostgroup list --array array-1').stdout).toBe(
			[
				'ARRAY    GROUP  PORTS  INITIATORS        LUNS (ID:HOSTLUN)',
				'array-1  web01  all    2100001b32812345  0:0',
				'                       c0007d0000000001',
				'array-1  db01   ct1    2100001b32812346  1:0',
				'                                         7:5',
				'',
			].join('\n'),
		);
	});

	it('port list', () => {
		const {run} = setup();
		expect(run('port list').stdout).toBe(
			[
				'ARRAY    PORT  WWPN              ADMIN   STATE  PORT ID  TOPOLOGY  SPEED  SESSIONS',
				'array-1  ct0   201400a0b829f1a0  online  ready  010400   fabric       4G         1',
				'array-1  ct1   201500a0b829f1a0  online  ready  010500   fabric       4G         0',
				'',
			].join('\n'),
		);
	});

	it('lun create and delete', () => {
		const {run, array} = setup();
		expect(run('lun create --array array-1 --size 1.5G --name scratch').stdout).toBe(
			"Created LUN 2 on array-1: 1.5G disk 'scratch', serial 00029F1A00002.\n",
		);
		expect(run('lun create --array=array-1 --size 2T --type tape --id 40').stdout).toBe('Created LUN 40 on array-1: 2T tape, serial 00029F1A00028.\n');
		expect(array.lun(40)).toMatchObject({sizeMiB: 2 * 1024 * 1024, type: 'tape', product: '6140'});
		expect(run('lun delete --array array-1 0').stdout).toBe(
			[
				'Deleted LUN 0 on array-1.',
				'Unmapped from host groups: web01 (host LUN 0).',
				'Unit attention posted on 1 I_T nexus(es); N_Port-detected RSCN from ct0, ct1.',
				'',
			].join('\n'),
		);
		expect(run('lun delete --array array-1 2').stdout).toBe('Deleted LUN 2 on array-1.\n');
	});

	it('hostgroup add creates the group, adds members and maps LUNs', () => {
		const {run, array} = setup();
		expect(run('hostgroup add --array array-1 --group vm01 --initiator C0:00:7D:00:00:00:00:09 --lun 1 --lun 7:3 --port ct0').stdout).toBe(
			[
				'Created host group vm01 on array-1.',
				'vm01 now applies to port(s) ct0.',
				'Added initiator c0007d0000000009 to vm01.',
				'Mapped LUN 1 to vm01 as host LUN 0.',
				'Mapped LUN 7 to vm01 as host LUN 3.',
				'N_Port-detected RSCN from ct0.',
				'',
			].join('\n'),
		);
		expect(array.hostGroup('vm01')!.toConfig()).toStrictEqual({
			name: 'vm01',
			initiators: ['c0007d0000000009'],
			luns: [{lun: 1, hostLun: 0}, {lun: 7, hostLun: 3}],
			ports: ['ct0'],
		});
		expect(run('hostgroup add --array array-1 --group vm01 --all-ports').stdout).toBe(
			'vm01 now applies to all ports.\nN_Port-detected RSCN from ct1.\n',
		);
	});

	it('hostgroup remove takes members out, or deletes the group', () => {
		const {run, array} = setup();
		expect(run('hostgroup remove --array array-1 --group web01 --initiator 2100001b32812345 --lun 0').stdout).toBe(
			[
				'Removed initiator 2100001b32812345 from web01.',
				'Unmapped LUN 0 (host LUN 0) from web01.',
				'Unit attention posted on 1 I_T nexus(es); N_Port-detected RSCN from ct0, ct1.',
				'',
			].join('\n'),
		);
		expect(run('hostgroup remove --array array-1 --group db01').stdout).toBe(
			'Deleted host group db01 on array-1.\nN_Port-detected RSCN from ct1.\n',
		);
		expect(array.hostGroups().map(g => g.name)).toEqual(['web01']);
	});

	it('port offline and online', () => {
		const {run, sim, array} = setup();
		expect(run('port offline --array array-1 ct0').stdout).toBe('Port ct0 on array-1 is now offline.\n');
		expect(run('port offline --array array-1 201400a0b829f1a0').stdout).toBe('Port ct0 on array-1 is already offline.\n');
		expect(run('port list --array array-1').stdout).toContain('array-1  ct0   201400a0b829f1a0  offline  offline  -        fabric       4G         0\n');
		expect(run('port online --array array-1 ct0').stdout).toBe('Port ct0 on array-1 is now online.\n');
		sim.runUntilIdle();
		expect(array.port('ct0')!.state).toBe('ready');
	});

	it('says so when there is nothing to list', () => {
		const {run} = setup();
		run('hostgroup remove --array array-1 --group web01');
		run('hostgroup remove --array array-1 --group db01');
		expect(run('hostgroup list').stdout).toBe('No host groups.\n');
		expect(runStorageCommand([], ['lun', 'list'], {json: false}).stdout).toBe('No LUNs.\n');
		expect(runStorageCommand([], ['port', 'list'], {json: false}).stdout).toBe('No target ports.\n');
	});
});

describe('npiv storage: --json', () => {
	it('lists the same facts as the tables', () => {
		const {run} = setup();
		const luns = JSON.parse(run('lun list', true).stdout);
		expect(luns[0]).toEqual({
			array: 'array-1',
			id: 0,
			name: 'web-data',
			type: 'disk',
			sizeMiB: 10240,
			size: '10G',
			vendor: 'SUN',
			product: 'CSM200_R',
			revision: '0660',
			serial: '00029F1A00000',
			luid: '600a0b800029f1a00000000000000000',
			mappings: [{group: 'web01', hostLun: 0}],
		});
		expect(JSON.parse(run('hostgroup list --json').stdout)[1]).toEqual({
			array: 'array-1',
			name: 'db01',
			ports: ['ct1'],
			initiators: ['2100001b32812346'],
			luns: [{lun: 1, hostLun: 0}, {lun: 7, hostLun: 5}],
		});
		expect(JSON.parse(run('port list', true).stdout)[0]).toEqual({
			array: 'array-1',
			name: 'ct0',
			wwpn: '201400a0b829f1a0',
			wwnn: '200400a0b829f1a0',
			adminState: 'online',
			state: 'ready',
			fcid: '010400',
			topology: 'fabric',
			speedGbps: 4,
			sessions: [{initiator: '2100001b32812345', fcid: '010200'}],
		});
	});

	it('describes what a change did', () => {
		const {run} = setup();
		expect(JSON.parse(run('hostgroup add --array array-1 --group web01 --lun 1', true).stdout)).toEqual({
			array: 'array-1',
			group: 'web01',
			created: false,
			addedInitiators: [],
			removedInitiators: [],
			mapped: [{lun: 1, hostLun: 1}],
			unmapped: [],
			unitAttentions: 1,
			rscnPorts: ['ct0', 'ct1'],
		});
		expect(JSON.parse(run('lun create --array array-1 --size 100M --json').stdout)).toMatchObject({id: 2, sizeMiB: 100, size: '100M'});
		expect(JSON.parse(run('port offline --array array-1 ct1', true).stdout)).toEqual({
			array: 'array-1',
			port: 'ct1',
			adminState: 'offline',
			changed: true,
		});
	});
});

describe('npiv storage: errors', () => {
	const commandErrors: [string, string][] = [
		['lun list --array nope', "npiv storage: unknown array 'nope' (arrays: array-1)\n"],
		['lun create --array array-1 --size 10X', "npiv storage: bad size '10X': use a number with M, G or T (e.g. 500M, 10G, 2T)\n"],
		['lun create --array array-1 --size 0G', "npiv storage: bad size '0G': use a number with M, G or T (e.g. 500M, 10G, 2T)\n"],
		['lun create --array array-1 --size 1G --type floppy', "npiv storage: bad type 'floppy' (disk, tape, medium-changer, cdrom, enclosure, raid-controller)\n"],
		['lun create --array array-1 --size 1G --id 7', 'npiv storage: LUN 7 already exists on array-1\n'],
		['lun delete --array array-1 9', 'npiv storage: unknown LUN 9 on array-1\n'],
		['lun delete --array array-1 x', "npiv storage: bad LUN id 'x': not a number\n"],
		['hostgroup add --array array-1 --group web01', "npiv storage: host group 'web01' already exists on array-1\n"],
		['hostgroup add --array array-1 --group web01 --initiator 21:00', "npiv storage: bad initiator WWPN '21:00': 16 hex digits, with or without colons\n"],
		['hostgroup add --array array-1 --group web01 --lun 1:x', "npiv storage: bad LUN '1:x': use ID or ID:HOSTLUN (e.g. 3 or 3:0)\n"],
		['hostgroup add --array array-1 --group web01 --lun 9', 'npiv storage: unknown LUN 9 on array-1\n'],
		['hostgroup add --array array-1 --group web01 --port ct7', "npiv storage: unknown port 'ct7' on array-1\n"],
		['hostgroup remove --array array-1 --group nope', "npiv storage: unknown host group 'nope' on array-1\n"],
		['hostgroup remove --array array-1 --group web01 --lun 0:0', "npiv storage: bad LUN '0:0': hostgroup remove takes the array LUN id only\n"],
		['port offline --array array-1 ct9', "npiv storage: unknown port 'ct9' on array-1\n"],
	];
	it.each(commandErrors)('%s -> exit 1', (line, stderr) => {
		const {run, array} = setup();
		const before = array.toConfig();
		expect(run(line)).toEqual({stdout: '', stderr, exitCode: 1});
		expect(array.toConfig()).toStrictEqual(before);
	});

	const usageErrors: [string, string][] = [
		['frob', "npiv storage: unknown command 'frob'\nUsage: npiv storage <command> [--json]\n"],
		['', 'npiv storage: missing command\nUsage: npiv storage <command> [--json]\n'],
		[
			'lun',
			"npiv storage: lun: missing subcommand (list, create, delete)\nUsage: npiv storage lun list [--array A]\n       npiv storage lun create --array A --size SIZE [--name N] [--type TYPE] [--id N]\n       npiv storage lun delete --array A ID\n",
		],
		['port reboot', "npiv storage: port: unknown subcommand 'reboot' (list, offline, online)\nUsage: npiv storage port list [--array A]\n"],
		['lun create --array array-1', 'npiv storage: missing required option --size\nUsage: npiv storage lun create --array A --size SIZE [--name N] [--type TYPE] [--id N]\n'],
		['lun create --size 1G --array nope --array again', 'npiv storage: option --array given more than once\n'],
		['lun delete --array array-1', 'npiv storage: missing LUN id\nUsage: npiv storage lun delete --array A ID\n'],
		['hostgroup add --array array-1 --initiator 2100001b32812345', 'npiv storage: missing required option --group\n'],
		['hostgroup add --array array-1 --group g --bogus 1', 'npiv storage: unknown option --bogus\n'],
		['hostgroup add --array array-1 --group g --port ct0 --all-ports', 'npiv storage: --all-ports and --port exclude each other\n'],
		['port online ct0', 'npiv storage: missing required option --array\nUsage: npiv storage port online --array A PORT\n'],
		['port online --array array-1', 'npiv storage: missing PORT\n'],
		['lun list extra', "npiv storage: unexpected operand 'extra'\n"],
		['lun create --array array-1 --size', 'npiv storage: option --size needs a value\n'],
	];
	it.each(usageErrors)('%s -> exit 2', (line, stderrStart) => {
		const {run} = setup();
		const r = run(line);
		expect(r.exitCode).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.startsWith(stderrStart)).toBe(true);
	});

	it('help goes to stdout with exit 0', () => {
		const {run} = setup();
		expect(run('help')).toMatchObject({exitCode: 0, stderr: ''});
		expect(run('help').stdout).toContain('  hostgroup remove --array A --group G [--initiator WWPN]... [--lun ID]... [--port P]...\n');
		expect(run('hostgroup --help').stdout).toBe(
			[
				'Usage: npiv storage hostgroup list [--array A]',
				'       npiv storage hostgroup add --array A --group G [--initiator WWPN]... [--lun ID[:HOSTLUN]]... [--port P]... [--all-ports]',
				'       npiv storage hostgroup remove --array A --group G [--initiator WWPN]... [--lun ID]... [--port P]...',
				'',
			].join('\n'),
		);
	});
});

/**
 * Layouts xm 3.4.4 prints that xend's own code decides: the State column of a domain without a
 * domid, PrettyPrint's line breaking in `xm list -l`, and migrate.py's option help
 * (huddy1985/xen-3.4.4 tools/python/xen/xm/main.py, migrate.py, opts.py; xend/PrettyPrint.py,
 * sxp.py, XendConfig.py).
 */
import {describe, expect, it} from 'vitest';
import {prettyprint} from '../../../source/commands/xm/XmSxp.js';
import {makeXmLab} from './xmlab.js';
import {A2, DB_VP} from '../../xvm/lab.js';

const DB01_CFG = `name = "db01"
memory = 2048
vcpus = 2
npiv = [ '${DB_VP}:c0007d0000000200:1:${A2}' ]
`;

const MIGRATE_HELP = [
	'Usage: xm migrate <Domain> <Host>',
	'',
	'Migrate a domain to another machine.',
	'',
	'Options:',
	'',
	'-h, --help           Print this help.',
	'-l, --live           Use live migration.',
	'-p=portnum, --port=portnum',
	'                     Use specified port for migration.',
	'-n=nodenum, --node=nodenum',
	'                     Use specified NUMA node on target.',
	'-s, --ssl            Use ssl connection for migration.',
	'',
	'',
].join('\n');

describe('xend PrettyPrint (width 80), as xm list -l and create -n print', () => {
	it('keeps a short list on one line', () => {
		expect(prettyprint(['vm', ['name', 'x'], ['memory', 64]])).toBe('(vm (name x) (memory 64))');
	});

	it('breaks a list that does not fit where it starts: one element a line, `)` under its `(`', () => {
		const device = ['device', ['vfc', ['port-wwn', 'c0007d5a3e81c241'], ['node-wwn', 'c0007d5a3e81c240'], ['phys-port-wwn', '2100001b32813c5a'], ['autoattach', 1]]];
		const vif = ['device', ['vif', ['mac', '00:16:3e:5a:01:01'], ['bridge', 'e1000g0']]];
		const args = ['image', ['linux', ['args', 'a very long argument string with spaces that goes on and on and on to exceed width']]];
		// the same bytes as xend's PrettyPrint.prettyprint gives for this list
		expect(prettyprint(['domain', ['domid', 1], vif, device, args])).toBe(
			[
				'(domain',
				'    (domid 1)',
				'    (device (vif (mac 00:16:3e:5a:01:01) (bridge e1000g0)))',
				'    (device',
				'        (vfc',
				'            (port-wwn c0007d5a3e81c241)',
				'            (node-wwn c0007d5a3e81c240)',
				'            (phys-port-wwn 2100001b32813c5a)',
				'            (autoattach 1)',
				'        )',
				'    )',
				'    (image',
				'        (linux',
				'            (args',
				"                'a very long argument string with spaces that goes on and on and on to exceed width'",
				'            )',
				'        )',
				'    )',
				')',
			].join('\n'),
		);
	});

	it('writes atoms as sxp.show does: repr() for anything but letters, digits and .-_:/~', () => {
		expect(prettyprint(['vm', ['name', "it's"], ['x', 'a,b'], ['e', '']])).toBe(`(vm (name "it's") (x 'a,b') (e ))`);
	});
});

describe('xm list of a managed domain that is not running', () => {
	it('has an empty State column and no state or domid in list -l', () => {
		const lab = makeXmLab();
		lab.files.set('db01.cfg', DB01_CFG);
		expect(lab.xm('new db01.cfg').exitCode).toBe(0);
		expect(lab.xm('list db01').stdout).toBe(
			`${'Name'.padEnd(40)}    ID   Mem VCPUs      State   Time(s)\n${'db01'.padEnd(40)}        2048     2                 0.0\n`,
		);
		const long = lab.xm('list -l db01').stdout;
		expect(long).toMatch(/^\(domain\n {4}\(uuid [0-9a-f-]+\)\n {4}\(vcpus 2\)\n {4}\(cpu_time 0\.0\)\n {4}\(name db01\)\n/);
		expect(long).not.toContain('(state');
		expect(long).not.toContain('(domid');
		expect(long).toContain('\n    (status 0)\n');
	});

	it('a running domain keeps its flags', () => {
		expect(makeXmLab().xm('list -l web01').stdout).toContain('\n    (state -b----)\n');
	});
});

describe('xm migrate parses with migrate.py (Xen 3.4.4)', () => {
	it('a missing argument: the message, then the option help of migrate.py and an empty line', () => {
		const r = makeXmLab().xm('migrate web01');
		expect(r).toMatchObject({exitCode: 1, stderr: 'Error: Invalid number of arguments\n'});
		expect(r.stdout).toBe(`${MIGRATE_HELP}\n`);
	});

	it('an option 3.4.4 does not have (--change_home_server is Xen 4.0): getopt words, the help, then migrate.py usage', () => {
		const r = makeXmLab().xm('migrate -c web01 dom0-b');
		expect(r).toMatchObject({exitCode: 1, stderr: 'Error: option -c not recognized\n'});
		expect(r.stdout).toBe(`${MIGRATE_HELP}[options] DOM HOST\n\nMigrate domain DOM to host HOST.\nXend must be running on the local host and on HOST.\n\n`);
		expect(makeXmLab().xm('migrate --change_home_server web01 dom0-b').stderr).toBe('Error: option --change_home_server not recognized\n');
	});

	it('a port that is not a number: set_int refuses it alone, without usage', () => {
		expect(makeXmLab().xm('migrate -p x web01 dom0-b')).toMatchObject({exitCode: 1, stdout: '', stderr: 'Error: Invalid value: x\n'});
		expect(makeXmLab().xm('migrate --node=two web01 dom0-b')).toMatchObject({exitCode: 1, stdout: '', stderr: 'Error: Invalid value: two\n'});
	});

	it('-h anywhere: main() prints the usage and exits 1', () => {
		expect(makeXmLab().xm('migrate web01 -h')).toMatchObject({exitCode: 1, stdout: MIGRATE_HELP, stderr: ''});
	});

	it('a halted domain is not running: xend fault, then the usage', () => {
		const lab = makeXmLab();
		expect(lab.xm('destroy web01')).toMatchObject({exitCode: 0, stdout: '', stderr: ''});
		// destroying it again is a quiet no-op, as XendDomainInfo.destroy() returns when there is no domid
		expect(lab.xm('destroy web01')).toMatchObject({exitCode: 0, stdout: '', stderr: ''});
		const r = lab.xm('migrate web01 dom0-b');
		expect(r).toMatchObject({exitCode: 1, stderr: 'Error: Domain is not running\n', stdout: MIGRATE_HELP});
	});
});

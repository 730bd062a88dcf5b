import {describe, expect, it} from 'vitest';
import {makeXmLab} from './xmlab.js';
import {DB_VP, WEB_VP, A2, B1, TARGET2} from '../../xvm/lab.js';

const DB01_CFG = `# db01 guest
name = "db01"
memory = 2048
vcpus = 2
disk = [ 'phy:/dev/dsk/c0t1d0s0,xvda,w',
         'file:/xvm/db01-data.img,xvdb,w' ]
vif = [ 'bridge=xenbr0,mac=00:16:3e:00:00:02' ]
npiv = [ '${DB_VP}:c0007d0000000200:1:${A2}' ]
on_crash = 'preserve'
`;

describe('xm list', () => {
	it('prints the xend columns, Domain-0 first, state letters and CPU time', () => {
		const lab = makeXmLab();
		const r = lab.xm('list');
		expect(r.exitCode).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout).toBe(
			'Name                                        ID   Mem VCPUs      State   Time(s)\n' +
				'Domain-0                                     0  2048     8     r-----      0.0\n' +
				'web01                                        1  1024     2     -b----      0.2\n',
		);
	});

	it('shows a managed domain that is not running with an empty ID and an empty State (xend sends no state without a domid)', () => {
		const lab = makeXmLab();
		lab.files.set('db01.cfg', DB01_CFG);
		expect(lab.xm('new db01.cfg').stdout).toBe('Using config file "db01.cfg".\n');
		expect(lab.xm('list db01').stdout.split('\n')[1]).toBe(`${'db01'.padEnd(40)}        2048     2                 0.0`);
		expect(lab.xm('domid db01').stdout).toBe('None\n');
	});

	it('names domains; unknown ones are an xend fault with exit code 3', () => {
		const lab = makeXmLab();
		expect(lab.xm('list web01').stdout.split('\n')).toHaveLength(3);
		const r = lab.xm('list web01 nosuch');
		expect(r.exitCode).toBe(3);
		expect(r.stderr).toBe("Error: Domain 'nosuch' does not exist.\n");
		expect(r.stdout).toBe('');
	});

	it('filters by state, and refuses a state together with names', () => {
		const lab = makeXmLab();
		lab.files.set('db01.cfg', DB01_CFG);
		lab.xm('new db01.cfg');
		expect(lab.xm('list --state=halted').stdout).toContain('db01');
		expect(lab.xm('list --state=halted').stdout).not.toContain('web01');
		expect(lab.xm('list --state=running').stdout).toContain('web01');
		const r = lab.xm('list --state=running web01');
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe('Error: You may specify either a state or a particular VM, but not both\n');
		expect(r.stdout).toMatch(/^Usage: xm list \[options\] \[Domain, \.\.\.\]\n\nList information about all\/some domains\.\n  -l, --long /);
	});

	it('has a --json form', () => {
		const lab = makeXmLab();
		const r = lab.xm('list', {json: true});
		const doc = JSON.parse(r.stdout);
		expect(doc.host).toBe('dom0-a');
		expect(doc.domains.map((d: {name: string; state: string; vmState: string}) => [d.name, d.state, d.vmState])).toEqual([
			['Domain-0', 'r-----', 'running'],
			['web01', '-b----', 'running'],
		]);
		expect(doc.domains[1].npiv).toEqual([{portWwn: WEB_VP, nodeWwn: 'c0007d0000000100', physPortWwn: '2100001b32a00001', autoattach: true}]);
		const bad = lab.xm('pause nosuch', {json: true});
		expect(bad.exitCode).toBe(3);
		expect(JSON.parse(bad.stdout)).toEqual({error: "Domain 'nosuch' does not exist.", exitCode: 3});
	});
});

describe('xm dispatch and errors', () => {
	it('xm alone prints the short help and exits 1', () => {
		const lab = makeXmLab();
		const r = lab.xm('');
		expect(r.exitCode).toBe(1);
		const lines = r.stdout.split('\n');
		expect(lines.slice(0, 6)).toEqual(['Usage: xm <subcommand> [args]', '', 'Control, list, and manipulate Xen guest instances.', '', "Common 'xm' commands:", '']);
		expect(lines[6]).toBe(" console              Attach to <Domain>'s console.                     ");
		expect(r.stdout).toContain(' vcpu-set             Set the number of active VCPUs for allowed for    \n                      the domain.\n');
		expect(r.stdout.endsWith("man page.\n\nFor a complete list of subcommands run 'xm help'.\n")).toBe(true);
	});

	it('xm help lists every group, the NPIV verbs included, and exits 0', () => {
		const lab = makeXmLab();
		const r = lab.xm('help');
		expect(r.exitCode).toBe(0);
		expect(r.stdout).toContain('xm full list of subcommands:');
		expect(r.stdout).toContain(' npiv-attach          Create a virtual FC port for a domain.');
		expect(lab.xm('--help').stdout).toBe(r.stdout);
	});

	it('reports an unknown subcommand', () => {
		const r = makeXmLab().xm('frobnicate');
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe('Error: Subcommand frobnicate not found!\n');
		expect(r.stdout.startsWith('Usage: xm <subcommand> [args]')).toBe(true);
	});

	it('runs a unique prefix and refuses an ambiguous one', () => {
		const lab = makeXmLab();
		expect(lab.xm('li').stdout).toBe(lab.xm('list').stdout);
		expect(lab.xm('unp web01').stderr).toBe('');
		expect(lab.xm('sh web01').stderr).toBe('Error: Subcommand sh not found!\n');
		expect(lab.xm('l').stderr).toBe('Error: Subcommand l not found!\n');
	});

	it('warns on deprecated aliases and runs the new command', () => {
		const lab = makeXmLab();
		const r = lab.xm('vbd-list web01');
		expect(r.stderr).toBe('Command vbd-list is deprecated.  Please use xm block-list instead.\n');
		expect(r.stdout).toBe(lab.xm('block-list web01').stdout);
	});

	it('counts arguments as main.py arg_check does', () => {
		const lab = makeXmLab();
		let r = lab.xm('pause');
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe("Error: 'xm pause' requires 1 argument.\n\n");
		expect(r.stdout).toBe('Usage: xm pause <Domain>\n\nPause execution of a domain.\n');
		r = lab.xm('rename web01');
		expect(r.stderr).toBe("Error: 'xm rename' requires 2 arguments.\n\n");
		r = lab.xm('save web01');
		expect(r.stderr).toBe("Error: 'xm save' requires between 2 and 3 arguments.\n\n");
		expect(r.stdout).toBe(
			'Usage: xm save [-c] <Domain> <CheckpointFile>\n\nSave a domain state to restore later.\n' +
				'  -c, --checkpoint               Leave domain running after creating        \n' +
				'                                 snapshot\n\n',
		);
	});

	it('prints xend faults with the usage', () => {
		const lab = makeXmLab();
		const r = lab.xm('pause Domain-0');
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe('Error: Cannot pause privileged domain Domain-0\n');
		expect(r.stdout).toBe('Usage: xm pause <Domain>\n\nPause execution of a domain.\n');
		expect(lab.xm('pause 0').stderr).toBe('Error: Cannot pause privileged domain Domain-0\n');
	});

	it('refuses a host without xend', () => {
		const lab = makeXmLab();
		const r = lab.xm('list', {host: 'sol-d'});
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe('Error: Unable to connect to xend: No such file or directory. Is xend running?\n');
		expect(lab.xm('list', {host: 'dom0-b'}).stdout.split('\n')).toHaveLength(3);
	});

	it('says so for xm subcommands it does not emulate', () => {
		const r = makeXmLab().xm('console web01');
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe("Error: 'xm console' is not available in npiv-console.\n");
	});
});

describe('xm create, new, start, delete', () => {
	it('creates from a config file, with its NPIV LUNs attached', () => {
		const lab = makeXmLab();
		lab.files.set('db01.cfg', DB01_CFG);
		const r = lab.xm('create db01.cfg');
		expect(r.exitCode).toBe(0);
		expect(r.stdout).toBe('Using config file "db01.cfg".\nStarted domain db01 (id=2)\n');
		expect(r.changed).toBe(true);
		expect(lab.xm('block-list db01').stdout).toBe(
			'Vdev  BE handle state evt-ch ring-ref BE-path\n' +
				'51712  0    0     4      9      8     /local/domain/0/backend/vbd/2/51712  \n' +
				'51728  0    0     4      10     9     /local/domain/0/backend/vbd/2/51728  \n' +
				'51744  0    0     4      12     11    /local/domain/0/backend/vbd/2/51744  \n',
		);
		const npiv = lab.xm('npiv-list db01').stdout;
		expect(npiv).toContain(`0   ${DB_VP}  c0007d0000000200  ${A2}  1    connected  1\n`);
		expect(npiv).toContain(`    xvdc    target ${TARGET2} LUN 0    /dev/rdsk/c5t500A098000000002d0s2\n`);
		const exported = lab.xen.exportDomains().find(d => d.name === 'db01')!;
		expect(exported).toMatchObject({host: 'dom0-a', managed: false, state: 'running', memoryMiB: 2048, onCrash: 'preserve'});
		expect(exported.disk).toEqual(['phy:/dev/dsk/c0t1d0s0,xvda,w', 'file:/xvm/db01-data.img,xvdb,w']);
	});

	it('creates from key=value words, which also override the file', () => {
		const lab = makeXmLab();
		let r = lab.xm('create name=tiny memory=256 vif=bridge=xenbr0');
		expect(r.stdout).toBe('Started domain tiny (id=2)\n');
		lab.files.set('db01.cfg', DB01_CFG);
		r = lab.xm('create db01.cfg memory=1024 name=db02 npiv=c0007d0000000301:c0007d0000000300:0:2100001b32a00002');
		expect(r.stdout).toBe('Using config file "db01.cfg".\nStarted domain db02 (id=3)\n');
		const db02 = lab.xen.host('dom0-a')!.xend.lookup('db02')!;
		expect(db02.spec.memoryMiB).toBe(1024);
		expect(db02.spec.npiv.map(n => [n.vpwwn, n.autoattach])).toEqual([['c0007d0000000301', false]]);
	});

	it('explains configuration errors', () => {
		const lab = makeXmLab();
		const cases: [string, string, string][] = [
			['bad.cfg', 'name = "x"\nmemory = [1,\n', 'Error: Errors were found at line 3 while processing bad.cfg\n'],
			['bad2.cfg', 'name = "x"\nmemory 512\n', 'Error: Errors were found at line 2 while processing bad2.cfg\n'],
			['bad3.cfg', 'name = "x"\nmemory = lots\n', "Error: name 'lots' is not defined\n"],
			['bad4.cfg', 'name = "x"\nmemory = "lots"\n', 'Error: Invalid value: lots\n'],
			['bad5.cfg', "name = 'x'\ndisk = ['phy:/dev/dsk/c0t0d0s0']\n", 'Error: Invalid disk specifier: phy:/dev/dsk/c0t0d0s0\n'],
			['bad6.cfg', "name = 'x'\nnpiv = ['c0007d0000000301:c0007d0000000300:2:2100001b32a00002']\n", 'Error: Invalid npiv specifier: c0007d0000000301:c0007d0000000300:2:2100001b32a00002\n'],
			['bad7.cfg', "name = 'x'\nvif = ['bridge=xenbr0,colour=blue']\n", 'Error: Invalid vif option: colour\n'],
			['bad8.cfg', "name = 'x'\non_crash = 'explode'\n", 'Error: Invalid restart event: on_crash = explode\n'],
			// xend itself would take these; the lab store could not keep them, so xm says no first
			['bad9.cfg', 'name = "a@b"\n', "Error: Invalid VM name 'a@b'\n"],
			['bad10.cfg', 'name = "_web"\n', "Error: Invalid VM name '_web'\n"],
			['bad11.cfg', `name = "w${'x'.repeat(64)}"\n`, `Error: Invalid VM name 'w${'x'.repeat(64)}'\n`],
		];
		for (const [file, text, err] of cases) {
			lab.files.set(file, text);
			const r = lab.xm(`create ${file}`);
			expect(r.stderr, file).toBe(err);
			expect(r.exitCode, file).toBe(1);
		}
		expect(lab.xm('create missing.cfg').stderr).toBe('Error: Cannot open config file "missing.cfg"\n');
		expect(lab.xm('create').stderr).toBe('Error: Cannot open config file "xmdefconfig"\n');
		expect(lab.xm('create name=web01').stderr).toBe('Error: VM name \'web01\' already exists as domain 1\n');
		expect(lab.xen.host('dom0-a')!.xend.guests().map(d => d.name)).toEqual(['web01']);
	});

	it('fails create when the virtual port cannot be created, naming why', () => {
		const lab = makeXmLab();
		lab.san.apis.get('dom0-a')!.port(A2).maxVports = 0;
		lab.files.set('db01.cfg', DB01_CFG);
		const r = lab.xm('create db01.cfg');
		expect(r.exitCode).toBe(1);
		expect(r.stdout).toBe('Using config file "db01.cfg".\n');
		expect(r.stderr).toBe(`Error: Device 0 (vfc) could not be connected. NPIV port ${DB_VP}: HBA port ${A2} does not support NPIV\n`);
		expect(lab.xen.host('dom0-a')!.xend.lookup('db01')).toBeUndefined();
		expect(lab.san.hostsWith(DB_VP)).toEqual([]);
	});

	it('refuses a virtual port WWN another domain already has', () => {
		const lab = makeXmLab();
		const r = lab.xm(`create name=thief npiv=${WEB_VP}:c0007d0000000100:1:${A2}`, {host: 'dom0-b'});
		expect(r.stderr).toBe(`Error: NPIV port ${WEB_VP} is already assigned to domain 'web01' on dom0-a\n`);
	});

	it('new, start, shutdown -w, delete', () => {
		const lab = makeXmLab();
		lab.files.set('db01.cfg', DB01_CFG);
		lab.xm('new db01.cfg');
		expect(lab.xm('start db01').exitCode).toBe(0);
		expect(lab.xm('list db01').stdout).toContain('db01                                         2  2048     2     -b----');
		expect(lab.xm('start db01').stderr).toBe('Error: Domain is already running\n');
		expect(lab.xm('delete db01').stderr).toBe('Error: Domain is not halted.\n');
		const r = lab.xm('shutdown -w db01');
		expect(r.stdout).toBe('Domain db01 terminated\nAll domains terminated\n');
		expect(lab.xm('list db01').stdout).toContain(`${'db01'.padEnd(40)}        2048     2                 0.0`);
		expect(lab.san.hostsWith(DB_VP)).toEqual([]);
		expect(lab.xm('block-list db01').stdout).toBe(
			'Vdev  BE handle state evt-ch ring-ref BE-path\n0      -1   0     -1     -1     -1    ??                              \n1      -1   0     -1     -1     -1    ??                              \n',
		);
		expect(lab.xm('delete db01').exitCode).toBe(0);
		expect(lab.xm('list db01').exitCode).toBe(3);
	});

	it('an unmanaged domain vanishes on shutdown; reboot gives a new domid', () => {
		const lab = makeXmLab();
		lab.files.set('db01.cfg', DB01_CFG);
		lab.xm('create db01.cfg');
		expect(lab.xm('reboot -w db01').stdout).toBe('Domain db01 rebooted\nAll domains rebooted\n');
		expect(lab.xm('domid db01').stdout).toBe('3\n');
		expect(lab.xm('npiv-list db01').stdout).toContain('connected  1');
		lab.xm('shutdown db01');
		expect(lab.xm('list db01').exitCode).toBe(3);
		expect(lab.xen.exportDomains().map(d => d.name)).toEqual(['web01']);
	});

	it('shutdown -w on a paused domain does not pretend it terminated', () => {
		const lab = makeXmLab();
		lab.xm('pause web01');
		const r = lab.xm('shutdown -w web01');
		expect(r.exitCode).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toBe('Error: Domain web01 (paused) did not shut down\n');
		lab.xm('unpause web01');
		expect(lab.xm('list web01').exitCode).toBe(0);
		expect(lab.xen.host('dom0-a')!.xend.lookup('web01')!.power).toBe('halted');
	});
});

describe('xm pause, destroy, save, restore, suspend, resume, rename, vcpu-set, mem-set', () => {
	it('pause and unpause change the flags', () => {
		const lab = makeXmLab();
		lab.xm('pause web01');
		expect(lab.xm('list web01').stdout).toContain('--p---');
		lab.xm('unpause web01');
		expect(lab.xm('list web01').stdout).toContain('-b----');
	});

	it('destroy deletes the virtual port and leaves a managed domain halted', () => {
		const lab = makeXmLab();
		expect(lab.xm('destroy web01').exitCode).toBe(0);
		expect(lab.san.hostsWith(WEB_VP)).toEqual([]);
		// halted: no domid, so an empty ID and an empty State column
		const row = lab.xm('list web01').stdout.split('\n')[1]!;
		expect(row.slice(40, 47)).toBe(' '.repeat(7));
		expect(row.slice(58, 70)).toBe(' '.repeat(12));
		expect(lab.xm('pause web01').stderr).toBe("Error: Domain 'web01' is not started\n");
	});

	it('save and restore through files', () => {
		const lab = makeXmLab();
		expect(lab.xm('save web01 /readonly/web01.chk').stderr).toBe('Error: xm save: Unable to create file /readonly/web01.chk\n');
		expect(lab.xm('save web01 /tmp/web01.chk').exitCode).toBe(0);
		expect(lab.files.get('/tmp/web01.chk')).toMatch(/^LinuxGuestRecord\n# cpu_time /);
		expect(lab.san.hostsWith(WEB_VP)).toEqual([]);
		expect(lab.xm('restore /tmp/nothing').stderr).toBe('Error: xm restore: Unable to read file /tmp/nothing\n');
		const r = lab.xm('restore /tmp/web01.chk');
		expect(r.stderr).toBe("Error: Domain 'web01' already exists with ID ''\n");
		lab.xm('delete web01');
		expect(lab.xm('restore /tmp/web01.chk').exitCode).toBe(0);
		expect(lab.xm('list web01').stdout).toContain('-b----');
		expect(lab.xm('npiv-list web01').stdout).toContain('connected  2');
	});

	it('suspend and resume a managed domain', () => {
		const lab = makeXmLab();
		expect(lab.xm('suspend web01').exitCode).toBe(0);
		expect(lab.xen.host('dom0-a')!.xend.lookup('web01')!.vmState).toBe('suspended');
		expect(lab.xen.exportDomains()[0]!.state).toBe('suspended');
		expect(lab.xm('resume web01').exitCode).toBe(0);
		expect(lab.xm('list web01').stdout).toContain('-b----');
		expect(lab.xm('resume web01').stderr).toBe('Error: Cannot resume domain that is not suspended.\n');
	});

	it('rename, vcpu-set, mem-set', () => {
		const lab = makeXmLab();
		expect(lab.xm('vcpu-set web01 4').stderr).toBe('Error: Cannot set vcpus greater than max vcpus on running domain\n');
		expect(lab.xm('vcpu-set web01 x').stderr).toBe('Error: Invalid argument.\n');
		lab.xm('vcpu-set web01 1');
		expect(lab.xm('vcpu-list web01').stdout).toContain('web01                                1     1     -   --p');
		expect(lab.xm('mem-set web01 2g').stderr).toBe('Error: memory_dynamic_max must be less than or equal to memory_static_max\n');
		lab.xm('mem-set web01 512m');
		expect(lab.xm('rename web01 web:1')).toMatchObject({exitCode: 1, stderr: "Error: Invalid VM name 'web:1'\n"});
		lab.xm('rename web01 www');
		expect(lab.xm('list www').stdout).toContain('www                                          1   512     1     -b----');
		expect(lab.xm('domname 1').stdout).toBe('www\n');
		expect(lab.xen.exportDomains()[0]).toMatchObject({name: 'www', memoryMiB: 512, vcpus: 2});
	});
});

describe('xm NPIV verbs', () => {
	it('npiv-attach on a running domain brings its LUNs; npiv-detach removes them', () => {
		const lab = makeXmLab();
		lab.san.present('c0007d0000000401', [{target: TARGET2, lun: 3}]);
		let r = lab.xm(`npiv-attach web01 ${A2} -p c0007d0000000401 -n c0007d0000000400`);
		expect(r.exitCode).toBe(0);
		expect(r.stdout).toBe(`NPIV port c0007d0000000401 (node c0007d0000000400) on ${A2} attached to web01\n`);
		const list = lab.xm('npiv-list web01').stdout;
		expect(list).toBe(
			'Idx Port WWN          Node WWN          Phys Port WWN     Auto State      LUNs\n' +
				`0   ${WEB_VP}  c0007d0000000100  2100001b32a00001  1    connected  2\n` +
				'    xvdb    target 500a098000000001 LUN 0    /dev/rdsk/c5t500A098000000001d0s2\n' +
				'    xvdc    target 500a098000000001 LUN 1    /dev/rdsk/c5t500A098000000001d1s2\n' +
				`1   c0007d0000000401  c0007d0000000400  ${A2}  1    connected  1\n` +
				'    xvdd    target 500a098000000002 LUN 3    /dev/rdsk/c5t500A098000000002d3s2\n',
		);
		expect(lab.xm('block-list web01').stdout.split('\n').filter(Boolean)).toHaveLength(5);
		expect(lab.xen.exportDomains()[0]!.npiv).toHaveLength(2);
		r = lab.xm('npiv-detach web01 c0007d0000000401');
		expect(r.exitCode).toBe(0);
		expect(lab.san.hostsWith('c0007d0000000401' as never)).toEqual([]);
		expect(lab.xm('block-list web01').stdout).not.toContain('51760');
		expect(lab.xen.exportDomains()[0]!.npiv).toHaveLength(1);
		expect(lab.xm('npiv-detach web01 c0007d0000000401').stderr).toBe("Error: NPIV port c0007d0000000401 is not assigned to domain 'web01'\n");
	});

	it('npiv-attach makes random WWNs through the HBA-API and validates its arguments', () => {
		const lab = makeXmLab();
		const r = lab.xm(`npiv-attach web01 ${A2} --no-autoattach`, {json: true});
		const doc = JSON.parse(r.stdout);
		expect(doc.portWwn).toMatch(/^c0007d[0-9a-f]{10}$/);
		expect(doc.autoattach).toBe(false);
		expect(lab.xm(`npiv-attach web01 ${A2} -p c0007d0000000401`).stderr).toBe('Error: -p and -n must be given together\n');
		expect(lab.xm('npiv-attach web01 21:00').stderr).toBe('Error: Invalid physical port WWN: 21:00\n');
		expect(lab.xm('npiv-attach web01').stderr).toBe("Error: 'xm npiv-attach' requires 2 arguments.\n\n");
		expect(lab.xm('npiv-attach web01 2100001b32ffffff').stderr).toBe('Error: HBA port 2100001b32ffffff: not found\n');
	});

	it('npiv-attach fails clearly when the adapter has no free virtual ports', () => {
		const lab = makeXmLab();
		lab.san.apis.get('dom0-a')!.port(A2).maxVports = 0;
		const r = lab.xm(`npiv-attach web01 ${A2} -p c0007d0000000401 -n c0007d0000000400`);
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe(`Error: Device 1 (vfc) could not be connected. NPIV port c0007d0000000401: HBA port ${A2} does not support NPIV\n`);
		expect(lab.xen.exportDomains()[0]!.npiv).toHaveLength(1);
	});
});

describe('xm migrate', () => {
	it('live migration prints nothing and moves the domain', () => {
		const lab = makeXmLab();
		const r = lab.xm('migrate --live web01 dom0-b');
		expect(r).toMatchObject({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(lab.xm('list web01').exitCode).toBe(3);
		expect(lab.xm('list web01', {host: 'dom0-b'}).stdout).toContain('-b----');
		expect(lab.xm('npiv-list web01', {host: 'dom0-b'}).stdout).toContain(`${B1}  1    connected  2`);
	});

	it('--json reports the phases', () => {
		const lab = makeXmLab();
		const doc = JSON.parse(lab.xm('migrate -l web01 dom0-b', {json: true}).stdout);
		expect(doc.ok).toBe(true);
		expect(doc.timeline.map((x: {phase: string}) => x.phase)).toEqual(['t0', 't0', 't0-t1', 't1-t2', 't2', 't2-t3', 't3-t4', 't4']);
	});

	it('a failed migration is an error naming the step, and the domain still runs here', () => {
		const lab = makeXmLab();
		lab.san.apis.get('dom0-b')!.port(B1).maxVports = 0;
		const r = lab.xm('migrate --live web01 dom0-b');
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe(
			`Error: Migration of web01 to dom0-b failed at step 5 (t2-t3, destination creates the virtual ports and their block devices): Device 0 (vfc) could not be connected. NPIV port ${WEB_VP}: HBA port ${B1} does not support NPIV; web01 is running on dom0-a\n`,
		);
		expect(r.stdout.startsWith('Usage: xm migrate <Domain> <Host>')).toBe(true);
		expect(lab.xm('list web01').stdout).toContain('-b----');
	});

	it('refusals', () => {
		const lab = makeXmLab();
		expect(lab.xm('migrate web01').stderr).toBe('Error: Invalid number of arguments\n');
		expect(lab.xm('migrate web01 nowhere').stderr).toBe("Error: can't connect: (-2, 'Name or service not known')\n");
		expect(lab.xm('migrate Domain-0 dom0-b').stderr).toBe('Error: Cannot migrate privileged domain Domain-0\n');
		expect(lab.xm('migrate ghost dom0-b').exitCode).toBe(3);
		lab.xm('pause web01');
		expect(lab.xm('migrate web01 dom0-b').stderr).toBe('Error: Domain is not running\n');
	});
});

describe('xm device and misc subcommands', () => {
	it('block-attach and block-detach a disk on a running domain', () => {
		const lab = makeXmLab();
		expect(lab.xm('block-attach web01 phy:/dev/dsk/c0t3d0s0 xvdf w').exitCode).toBe(0);
		expect(lab.xm('block-list web01').stdout).toContain('51792  0    0     4  ');
		expect(lab.xm('block-attach web01 phy:/dev/dsk/c0t3d0s0 xvdf w').stderr).toBe('Error: Device 51792 (vbd) is already connected.\n');
		expect(lab.xm('block-detach web01 xvdf').exitCode).toBe(0);
		expect(lab.xm('block-list web01').stdout).not.toContain('51792');
		expect(lab.xm('block-detach web01 xvdq').stderr).toBe('Error: Device xvdq not connected\n');
		const r = lab.xm('block-list');
		expect(r.exitCode).toBe(1);
		expect(r.stdout.startsWith('No domain parameter given\nUsage: xm block-list <Domain> [--long]\n')).toBe(true);
	});

	it('list -v is the deprecated vcpu-list; create -n prints the configuration without creating', () => {
		const lab = makeXmLab();
		const v = lab.xm('list -v web01');
		expect(v.stderr).toBe('xm list -v is deprecated.  Please use xm vcpu-list.\n');
		expect(v.stdout).toBe(lab.xm('vcpu-list web01').stdout);
		const n = lab.xm(`create -n name=x memory=64 npiv=c0007d0000000301:c0007d0000000300:1:${A2}`);
		expect(n.stdout).toContain(`(npiv c0007d0000000301:c0007d0000000300:1:${A2})`);
		expect(lab.xm('list x').exitCode).toBe(3);
	});

	it('uptime lists every domain; log shows this host only', () => {
		const lab = makeXmLab();
		lab.sim.runFor(3_725_000);
		expect(lab.xm('uptime').stdout).toBe(`${'Name'.padEnd(33)}   ID Uptime \n${'Domain-0'.padEnd(32)}     0  1:02:06\n${'web01'.padEnd(32)}     1  1:02:06\n`);
		const log = lab.xm('log').stdout;
		expect(log).toContain('INFO (xennpivd) web01: created NPIV port c0007d0000000101');
		expect(lab.xm('log', {host: 'dom0-b'}).stdout).toBe('\n');
	});
});

describe('store round trip', () => {
	it('exportDomains feeds a new boot that exports the same again, running domains running again', () => {
		const lab = makeXmLab();
		lab.files.set('db01.cfg', DB01_CFG);
		lab.xm('create db01.cfg');
		lab.xm('new name=spare memory=256');
		lab.xm('npiv-attach web01 2100001b32a00002 -p c0007d0000000401 -n c0007d0000000400 --no-autoattach');
		lab.xm('migrate --live web01 dom0-b');
		lab.xm('pause db01');
		const exported = lab.xen.exportDomains();
		expect(exported.map(d => [d.name, d.host, d.state, d.managed])).toEqual([
			['db01', 'dom0-a', 'paused', false],
			['spare', 'dom0-a', 'halted', true],
			['web01', 'dom0-b', 'running', true],
		]);
		const again = makeXmLab(exported);
		expect(again.xen.exportDomains()).toEqual(exported);
		expect(again.xm('list', {host: 'dom0-b'}).stdout).toContain('web01                                        1  1024     2     -b----');
		expect(again.xm('npiv-list web01', {host: 'dom0-b'}).stdout).toContain(`${B1}  1    connected  2`);
	});

	it('shutdown -a stops every guest of the host', () => {
		const lab = makeXmLab();
		lab.xm('create name=tiny memory=256');
		expect(lab.xm('shutdown -a -w').stdout).toBe('Domain tiny terminated\nDomain web01 terminated\nAll domains terminated\n');
		expect(lab.xm('list').stdout.split('\n').filter(Boolean)).toHaveLength(3);
	});
});

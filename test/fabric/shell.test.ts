import {describe, expect, it} from 'vitest';
import {runSwitchCommand} from '../../source/fabric/index.js';
import {makeLab, switchConfig, wwpnOf} from './helpers.js';

function shellLab() {
	const lab = makeLab({
		switches: [switchConfig('sw-a1', 'fab-a', 1, {portCount: 8}), switchConfig('sw-a2', 'fab-a', 2, {portCount: 8})],
		isls: [{a: {switch: 'sw-a1', port: 7}, b: {switch: 'sw-a2', port: 7}}],
	});
	const h = lab.nport('host-a/qlc0', 1, {autoFlogi: true, fc4: true, scr: 'full'});
	const t = lab.nport('array-1/ct0', 4, {autoFlogi: true, fc4: true, role: 'target', scr: 'full'});
	const q = lab.nport('host-b/qlc0', 5);
	lab.set.plugIntoSwitch(h, 'sw-a1', 2);
	lab.set.plugIntoSwitch(t, 'sw-a1', 4);
	lab.set.plugIntoSwitch(q, 'sw-a1', 5); // light, no login
	lab.set.requireSwitch('sw-a1').disablePort(6);
	lab.run();
	h.fdisc(wwpnOf(0x101));
	h.fdisc(wwpnOf(0x102));
	const sw = lab.set.requireSwitch('sw-a1');
	const run = (...argv: string[]) => runSwitchCommand(sw, argv);
	return {lab, sw, run, h, t};
}

describe('switch shell', () => {
	it('switchshow', () => {
		const {run} = shellLab();
		const r = run('switchshow');
		expect(r).toMatchObject({exitCode: 0, stderr: '', changed: false});
		expect(r.stdout).toBe(
			[
				'switchName:\tsw-a1',
				'switchType:\t66.1',
				'switchState:\tOnline   ',
				'switchMode:\tNative',
				'switchRole:\tPrincipal',
				'switchDomain:\t1',
				'switchId:\tfffc01',
				'switchWwn:\t10:00:00:05:1e:00:00:01',
				'zoning:\t\tOFF',
				'switchBeacon:\tOFF',
				'FC Router:\tOFF',
				'Allow XISL Use:\tOFF',
				'LS Attributes:\t[FID: 128, Base Switch: No, Default Switch: Yes, Address Mode 0]',
				'',
				'Index Port Address Media Speed State     Proto',
				'==============================================',
				'  0   0   010000   id    N8   No_Light    FC  ',
				'  1   1   010100   id    N8   No_Light    FC  ',
				'  2   2   010200   id    N8   Online      FC  F-Port  1 N Port + 2 NPIV public ',
				'  3   3   010300   id    N8   No_Light    FC  ',
				'  4   4   010400   id    N8   Online      FC  F-Port  21:00:00:00:00:00:00:04 ',
				'  5   5   010500   id    N8   In_Sync     FC  ',
				'  6   6   010600   id    N8   No_Light    FC  Disabled ',
				'  7   7   010700   id    N8   Online      FC  E-Port  10:00:00:05:1e:00:00:02 "sw-a2" (downstream) ',
				'',
			].join('\n'),
		);
	});

	it('nsshow', () => {
		const {run} = shellLab();
		const entry = (pid: string, wwpn: string, wwnn: string, type: string) => [
			` N    ${pid};      3;${wwpn};${wwnn}; na`,
			'    FC4s: FCP ',
			`    Fabric Port Name: 20:${pid.slice(2, 4)}:00:05:1e:00:00:01 `,
			`    Permanent Port Name: ${pid.startsWith('0102') ? '21:00:00:00:00:00:00:01' : wwpn}`,
			`    Device type: ${type}`,
			`    Port Index: ${Number.parseInt(pid.slice(2, 4), 16)}`,
			'    Share Area: No',
			'    Device Shared in Other AD: No',
			'    Redirect: No ',
			'    Partial: No',
			'    LSAN: No',
		];
		expect(run('nsshow').stdout).toBe(
			[
				'{',
				' Type Pid    COS     PortName                NodeName                 TTL(sec)',
				...entry('010200', '21:00:00:00:00:00:00:01', '20:00:00:00:00:00:00:01', 'Physical Initiator'),
				...entry('010201', '21:00:00:00:00:00:01:01', '21:00:00:00:00:00:01:01', 'NPIV Initiator'),
				...entry('010202', '21:00:00:00:00:00:01:02', '21:00:00:00:00:00:01:02', 'NPIV Initiator'),
				...entry('010400', '21:00:00:00:00:00:00:04', '20:00:00:00:00:00:00:04', 'Physical Target'),
				'The Local Name Server has 4 entries }',
				'',
			].join('\n'),
		);
		const other = runSwitchCommand(shellLabSwitch2(), ['nsshow']).stdout;
		expect(other).toBe('{\n Type Pid    COS     PortName                NodeName                 TTL(sec)\nThe Local Name Server has 0 entries }\n');
	});

	it('zoning: FOS-quoted arguments, cfgshow, cfgenable without a prompt', () => {
		const {run, lab} = shellLab();
		// ["zonecreate", "z1,", "a; b"] is what the user's shell makes of zonecreate "z1", "a; b"
		expect(run('alicreate', 'array1,', '21:00:00:00:00:00:00:04')).toMatchObject({exitCode: 0, stdout: '', changed: true});
		expect(run('zonecreate', 'z_host_a,', '21:00:00:00:00:00:00:01; array1').exitCode).toBe(0);
		expect(run('zonecreate', '"z_vport",', '"21:00:00:00:00:00:01:01;', '1,4"').exitCode).toBe(0);
		expect(run('zonecreate', 'z_port', '1,', '2', 'array1').exitCode).toBe(0);
		expect(run('cfgcreate', 'cfg_a,', 'z_host_a; z_vport').exitCode).toBe(0);
		expect(run('cfgshow').stdout).toBe(
			[
				'Defined configuration:',
				' cfg:\tcfg_a\tz_host_a; z_vport',
				' zone:\tz_host_a',
				'\t\t21:00:00:00:00:00:00:01; array1',
				' zone:\tz_port',
				'\t\t1,2; array1',
				' zone:\tz_vport',
				'\t\t21:00:00:00:00:00:01:01; 1,4',
				' alias:\tarray1\t21:00:00:00:00:00:00:04',
				'',
				'Effective configuration:',
				' no configuration in effect',
				'',
			].join('\n'),
		);
		const en = run('cfgenable', 'cfg_a');
		expect(en.exitCode).toBe(0);
		expect(en.stdout).toContain("Do you want to enable 'cfg_a' configuration  (yes, y, no, n): [no] yes (not prompted: one-shot command)\n");
		expect(en.stdout).toContain('zone config "cfg_a" is in effect\nUpdating flash ...\n');
		expect(run('cfgactvshow').stdout).toBe(
			[
				'Effective configuration:',
				' cfg:\tcfg_a',
				' zone:\tz_host_a',
				'\t\t21:00:00:00:00:00:00:01',
				'\t\t21:00:00:00:00:00:00:04',
				' zone:\tz_vport',
				'\t\t21:00:00:00:00:00:01:01',
				'\t\t1,4',
				'',
			].join('\n'),
		);
		expect(run('switchshow').stdout).toContain('zoning:\t\tON (cfg_a)\n');
		expect(run('cfgsave').stdout).toBe('Nothing changed: nothing to save, returning ...\n');
		expect(run('zoneshow', 'z_p*').stdout).toBe(' zone:\tz_port\n\t\t1,2; array1\n');
		expect(run('alishow').stdout).toBe(' alias:\tarray1\t21:00:00:00:00:00:00:04\n');
		// the caller persists what changed
		const exported = lab.set.exportConfig().fabrics[0]!.zoning;
		expect(exported.effective).toBe('cfg_a');
		expect(exported.zones.map(z => z.name)).toEqual(['z_host_a', 'z_vport', 'z_port']);
	});

	it('long member lists wrap onto tab-indented lines', () => {
		const {run} = shellLab();
		const members = [1, 2, 3, 4].map(n => `21:00:00:00:00:00:00:0${n}`).join('; ');
		run('zonecreate', 'big,', members);
		expect(run('zoneshow', 'big').stdout).toBe(
			' zone:\tbig\n\t\t21:00:00:00:00:00:00:01; 21:00:00:00:00:00:00:02;\n\t\t21:00:00:00:00:00:00:03; 21:00:00:00:00:00:00:04\n',
		);
	});

	it('defzone, portdisable/portenable, portcfgnpivport, portshow', () => {
		const {run, sw, h} = shellLab();
		expect(run('defzone', '--show').stdout).toBe('Default Zone Access Mode: All Access\n');
		expect(run('defzone', '--noaccess')).toMatchObject({exitCode: 0, changed: true});
		expect(run('defzone', '--show').stdout).toBe('Default Zone Access Mode: No Access\n');
		expect(run('portdisable', '2')).toMatchObject({exitCode: 0, stdout: '', changed: true});
		expect(sw.ports[2]!.state).toBe('disabled');
		expect(run('portenable', '2').exitCode).toBe(0);
		expect(run('portcfgnpivport', '3', '0')).toMatchObject({exitCode: 0, stdout: 'NPIV capability is disabled on port 3\n'});
		expect(sw.ports[3]!.npiv).toBe(false);
		expect(run('portcfgnpivport', '--enable', '3').exitCode).toBe(0);
		expect(run('portcfgnpivport', '--setloginlimit', '3', '64').stdout).toBe('NPIV Limit Set to 64 for Port 3\n');
		expect(run('portcfgshow', '3').stdout).toContain('NPIV PP Limit:            64\n');
		void h;
		const ps = run('portshow', '4').stdout;
		expect(ps).toContain('portId:    010400\n');
		expect(ps).toContain('portWwn:   20:04:00:05:1e:00:00:01\n');
		expect(ps).toContain('portWwn of device(s) connected:\n\t21:00:00:00:00:00:00:04\n');
		expect(ps).toContain('portState: 1\tOnline   \n');
	});

	it('errors: unknown command exit 1, usage exit 2, FOS-like messages', () => {
		const {run} = shellLab();
		expect(run('frobnicate')).toEqual({stdout: '', stderr: 'rbash: frobnicate: command not found\n', exitCode: 1, changed: false});
		expect(run('portshow')).toMatchObject({exitCode: 2, stderr: 'Usage: portshow [slot/]port\n'});
		expect(run('portshow', '99')).toMatchObject({exitCode: 1, stderr: 'portshow: Port 99 is out of range (0-7)\n'});
		expect(run('zonecreate', 'z1')).toMatchObject({exitCode: 2, stderr: 'Usage: zonecreate "zonename", "member[; member...]"\n'});
		expect(run('zonecreate', 'z1,', 'not-a-member!')).toMatchObject({exitCode: 1, stderr: 'zonecreate: invalid member "not-a-member!"\n'});
		expect(run('cfgenable', 'nope')).toMatchObject({exitCode: 1, stderr: 'cfgenable: "nope" is not a zone configuration\n'});
		expect(run('zoneshow', 'nothing*')).toMatchObject({exitCode: 1, stderr: 'zoneshow: "nothing*" does not exist.\n'});
		expect(run('portcfgnpivport', '3', 'maybe').exitCode).toBe(2);
		expect(run('defzone')).toMatchObject({exitCode: 2});
		expect(run()).toMatchObject({exitCode: 2});
		expect(run('SwitchShow').exitCode).toBe(0); // FOS commands are case-insensitive
	});

	it("names FOS 8.0 refuses: FOS-like text, exit 1, nothing changes (no transaction, no event)", () => {
		const {run, lab, sw} = shellLab();
		const seq = lab.log.lastSeq;
		const rule = 'a name must start with a letter and hold only letters, digits and underscores (at most 64 characters)';
		// `npiv switch alicreate 'a$1' ...`: the user's shell has taken the quotes
		expect(run('alicreate', 'a$1', '21:00:00:00:00:00:00:04')).toEqual({stdout: '', stderr: `alicreate: invalid name "a$1": ${rule}\n`, exitCode: 1, changed: false});
		expect(run('zonecreate', 'zone-1,', '1,4')).toEqual({stdout: '', stderr: `zonecreate: invalid name "zone-1": ${rule}\n`, exitCode: 1, changed: false});
		expect(run('alicreate', `a${'b'.repeat(64)},`, '1,4')).toMatchObject({exitCode: 1, stderr: `alicreate: invalid name "a${'b'.repeat(64)}": ${rule}\n`});
		expect(run('alicreate', 'c0007d7e25f3d018,', '1,4')).toMatchObject({exitCode: 1, stderr: 'alicreate: invalid name "c0007d7e25f3d018": a name must not be 16 hex digits: it would read as a WWN in a member list\n'});
		expect(sw.fabric.zoning.transactionOpen).toBe(false);
		expect(lab.log.lastSeq).toBe(seq);
		expect(run('alishow').stdout).toBe('');
		// the longest name FOS takes, and an underscore
		expect(run('alicreate', `A_${'9'.repeat(62)},`, '1,4').exitCode).toBe(0);
	});

	it('--json gives the same facts', () => {
		const {sw} = shellLab();
		const ss = JSON.parse(runSwitchCommand(sw, ['switchshow'], {json: true}).stdout);
		expect(ss).toMatchObject({name: 'sw-a1', domainId: 1, role: 'Principal', zoning: {on: false, cfg: null}});
		expect(ss.ports[2]).toMatchObject({address: '010200', state: 'online', npivLogins: 2, attached: {kind: 'nport', device: 'host-a/qlc0'}});
		const ns = JSON.parse(runSwitchCommand(sw, ['nsshow'], {json: true}).stdout);
		expect(ns.entries.map((e: {fcid: string}) => e.fcid)).toEqual(['010200', '010201', '010202', '010400']);
		expect(ns.entries[1]).toMatchObject({npiv: true, permanentPortName: '2100000000000001', deviceType: 'NPIV Initiator'});
		const fs = JSON.parse(runSwitchCommand(sw, ['fabricshow'], {json: true}).stdout);
		expect(fs).toMatchObject({name: 'fab-a', fabricName: '100000051e000001', principal: 'sw-a1'});
		const cfg = JSON.parse(runSwitchCommand(sw, ['cfgshow'], {json: true}).stdout);
		expect(cfg).toEqual({defined: {configs: [], zones: [], aliases: []}, effective: null, defaultZone: 'all-access', transactionOpen: false});
	});

	it('fabricshow', () => {
		const {run} = shellLab();
		expect(run('fabricshow').stdout).toBe(
			[
				' Switch ID   Worldwide Name           Enet IP Addr    FC IP Addr      Name',
				'-------------------------------------------------------------------------',
				'  1: fffc01 10:00:00:05:1e:00:00:01 0.0.0.0         0.0.0.0        >"sw-a1"',
				'  2: fffc02 10:00:00:05:1e:00:00:02 0.0.0.0         0.0.0.0         "sw-a2"',
				'',
				'The Fabric has 2 switches',
				'Fabric Name: fab-a',
				'',
			].join('\n'),
		);
	});
});

function shellLabSwitch2() {
	return shellLab().lab.set.requireSwitch('sw-a2');
}

describe('FOS layouts of a Brocade 300 (switchshow, nsshow, portshow)', () => {
	function brocade300(mode = '') {
		const lab = makeLab({switches: [switchConfig('fab-x1', 'fab-a', 1, {model: '71.2', portCount: 4})]});
		const h = lab.nport('host-a/qlc0', 1, {autoFlogi: true, fc4: true, scr: 'full'});
		const t = lab.nport('array-1/A-1', 4, {autoFlogi: true, fc4: true, role: 'target', scr: 'full'});
		const q = lab.nport('host-b/qlc0', 5, {autoFlogi: true});
		// What an array answers a switch's probe of LUN 0 (storage/FcpResponder.probe).
		t.responder = {
			plogi: () => ({accepted: false, reason: 0x09, explanation: 0x00}),
			prli: () => ({accepted: false, reason: 0x09, explanation: 0x00}),
			logo: () => undefined,
			scsi: () => ({status: 'no-connection'}),
			probe: () => ({
				peripheralQualifier: 0,
				deviceType: 0,
				removable: false,
				vendor: 'SUN',
				product: 'CSM200_R',
				revision: '0660',
				serial: 'SP0294710',
				luid: '600a0b800029edf4000000000000000',
			}),
		};
		lab.set.plugIntoSwitch(h, 'fab-x1', 0);
		lab.set.plugIntoSwitch(t, 'fab-x1', 1);
		lab.set.plugIntoSwitch(q, 'fab-x1', 2);
		lab.run();
		const sw = lab.set.requireSwitch('fab-x1');
		sw.disablePort(2);
		lab.run();
		return (...argv: string[]) => runSwitchCommand(sw, argv, {json: mode === '--json'}).stdout;
	}

	it('switchshow: no Virtual Fabrics lines, the 46-character rule, a disabled port with light is No_Sync', () => {
		expect(brocade300()('switchshow')).toBe(
			[
				'switchName:\tfab-x1',
				'switchType:\t71.2',
				'switchState:\tOnline   ',
				'switchMode:\tNative',
				'switchRole:\tPrincipal',
				'switchDomain:\t1',
				'switchId:\tfffc01',
				'switchWwn:\t10:00:00:05:1e:00:00:01',
				'zoning:\t\tOFF',
				'switchBeacon:\tOFF',
				'',
				'Index Port Address Media Speed State     Proto',
				'==============================================',
				'  0   0   010000   id    N8   Online      FC  F-Port  21:00:00:00:00:00:00:01 ',
				'  1   1   010100   id    N8   Online      FC  F-Port  21:00:00:00:00:00:00:04 ',
				'  2   2   010200   id    N8   No_Sync     FC  Disabled ',
				'  3   3   010300   id    N8   No_Light    FC  ',
				'',
			].join('\n'),
		);
		expect(JSON.parse(brocade300('--json')('switchshow')).ports[2]).toMatchObject({phys: 'No_Sync', state: 'disabled'});
	});

	it("nsshow: a target's INQUIRY identity after FC4s, padded 8/16/4; an initiator's FC4s ends in a space", () => {
		const out = brocade300()('nsshow');
		expect(out).toContain(' N    010000;      3;21:00:00:00:00:00:00:01;20:00:00:00:00:00:00:01; na\n    FC4s: FCP \n');
		expect(out).toContain(' N    010100;      3;21:00:00:00:00:00:00:04;20:00:00:00:00:00:00:04; na\n    FC4s: FCP [SUN     CSM200_R        0660]\n');
		const {entries} = JSON.parse(brocade300('--json')('nsshow'));
		expect(entries.map((e: {inquiry: unknown}) => e.inquiry)).toEqual([null, {vendor: 'SUN     ', product: 'CSM200_R        ', revision: '0660'}]);
	});

	it('portshow: flags in hex with their names, tabs and the whole counter block', () => {
		const run = brocade300();
		const counters = [
			'Interrupts:        0          Link_failure: 0          Frjt:         0          ',
			'Unknown:           0          Loss_of_sync: 0          Fbsy:         0          ',
			'Lli:               0          Loss_of_sig:  0          ',
			'Proc_rqrd:         0          Protocol_err: 0          ',
			'Timed_out:         0          Invalid_word: 0          ',
			'Rx_flushed:        0          Invalid_crc:  0          ',
			'Tx_unavail:        0          Delim_err:    0          ',
			'Free_buffer:       0          Address_err:  0          ',
			'Overrun:           0          Lr_in:        0          ',
			'Suspended:         0          Lr_out:       0          ',
			'Parity_err:        0          Ols_in:       0          ',
			'2_parity_err:      0          Ols_out:      0          ',
			'CMI_bus_err:       0          ',
			'',
			'Port part of other ADs: No',
			'',
		];
		expect(run('portshow', '1')).toBe(
			[
				'portIndex:   1',
				'portName: ',
				'portHealth: HEALTHY',
				'',
				'Authentication: None',
				'portDisableReason: None',
				'portCFlags: 0x1',
				'portFlags: 0x24b03\t PRESENT ACTIVE F_PORT G_PORT U_PORT LOGICAL_ONLINE LOGIN NOELP LED ACCEPT FLOGI',
				'LocalSwcFlags: 0x0',
				'portType:  18.0',
				'POD Port: Port is licensed',
				'portState: 1\tOnline   ',
				'Protocol: FC',
				'portPhys:  6\tIn_Sync  \tportScn:   32\tF_Port    ',
				'port generation number:    1',
				'state transition count:    1          ',
				'',
				'portId:    010100',
				'portIfId:    43020001',
				'portWwn:   20:01:00:05:1e:00:00:01',
				'portWwn of device(s) connected:',
				'\t21:00:00:00:00:00:00:04',
				'Distance:  normal',
				'portSpeed: N8Gbps',
				'',
				'LE domain: 0',
				'FC Fastwrite: OFF',
				...counters,
			].join('\n'),
		);
		const dark = run('portshow', '3');
		expect(dark).toContain('portFlags: 0x4001\t PRESENT U_PORT LED\n');
		expect(dark).toContain('portState: 2\tOffline\n');
		expect(dark).toContain('portPhys:  4\tNo_Light \tportScn:   0\n');
		expect(dark).toContain('portWwn of device(s) connected:\n\nDistance:  normal\n');
		const disabled = run('portshow', '2');
		expect(disabled).toContain('portFlags: 0x4021\t PRESENT DISABLED U_PORT LED\n');
		expect(disabled).toContain('portPhys:  5\tNo_Sync  \tportScn:   2\tOffline   \n');
	});
});

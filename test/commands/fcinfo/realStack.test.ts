/**
 * fcinfo and fcadm over the real HBA-API and driver (createHbaApi over a HostFcStack), cabled to
 * the driver tests' fake switch and array: the same commands a user types, end to end.
 */
import {describe, expect, test} from 'vitest';
import {HostFcStack} from '../../../source/driver/HostFcStack.js';
import {createHbaApi, MemoryWwnRegistry} from '../../../source/hbaapi/index.js';
import {EventLog} from '../../../source/sim/EventLog.js';
import {Prng} from '../../../source/sim/Prng.js';
import {Simulator} from '../../../source/sim/Simulator.js';
import {wwn} from '../../../source/sim/Wwn.js';
import {MemoryNpivPortList, runFcTool} from '../../../source/commands/fcinfo/index.js';
import {printed} from './harness.js';
import type {FcaModelName} from '../../../source/world/LabConfig.js';
import {FakeSwitch, FakeTarget} from '../../driver/fakeMedium.js';
import {HBA_A0, hostConfig, TARGET_1, VPORT_1} from '../../driver/lab.js';
import {lines} from './harness.js';

function host(options: {model?: FcaModelName; switchNpiv?: boolean; portList?: string[]} = {}) {
	const sim = new Simulator();
	const log = new EventLog(sim, 100_000);
	const sw = new FakeSwitch(sim);
	sw.npiv = options.switchNpiv ?? true;
	const stack = new HostFcStack({host: hostConfig(options.model), sim, log});
	const target = new FakeTarget(TARGET_1, wwn('50060e8005123400'), 'array-1');
	target.addLun(0).addLun(1).addLun(2);
	target.mask(HBA_A0, [0, 1]);
	target.mask(VPORT_1.wwpn, [2]);
	sw.connect(target);
	sw.connect(stack.ports[0]!);
	sim.runUntilIdle();
	const api = createHbaApi(stack, {sim, wwnRegistry: new MemoryWwnRegistry(), prng: Prng.fromSeed(7)});
	const smf = new MemoryNpivPortList(options.portList ?? []);
	/** One command, then the SAN settles (logins and discovery take simulated time). */
	const run = (tool: 'fcinfo' | 'fcadm', ...argv: string[]) => {
		const result = printed(runFcTool(tool, argv, {api, json: false, smf, ownerOf: () => undefined}));
		sim.runUntilIdle();
		return result;
	};
	return {
		smf,
		stack,
		fcinfo: (...argv: string[]) => run('fcinfo', ...argv),
		fcadm: (...argv: string[]) => run('fcadm', ...argv),
	};
}

const NPIV_EMPTY = lines('\tMax NPIV Ports: 127', '\tNPIV port list:');
const NPIV_VPORT1 = lines('\tMax NPIV Ports: 127', '\tNPIV port list:', '\t  Virtual Port1:', '\t\tNode WWN: c0007d1a2b3c4d5e', '\t\tPort WWN: c0007d1a2b3c4d5f');

describe('over the real HBA-API', () => {
	test('hba-port: both physical ports, each with its NPIV block', () => {
		const h = host();
		const r = h.fcinfo('hba-port');
		expect(r.exitCode).toBe(0);
		expect(r.stderr).toBe('');
		const blocks = r.stdout.split(/^(?=HBA Port WWN: )/m);
		expect(blocks.map(b => b.split('\n')[0])).toEqual(['HBA Port WWN: 2100001b32812345', 'HBA Port WWN: 2101001b32812345']);
		expect(blocks[0]).toMatch(/^HBA Port WWN: 2100001b32812345\n\tPort Mode: Initiator\n\tPort ID: [0-9a-f]+\n\tOS Device Name: \/dev\/cfg\/c\d+\n/);
		// qlc's option-ROM string starts with a space: two after the colon
		expect(blocks[0]).toContain('\tFirmware Version: 05.03.02\n\tFCode/BIOS Version:  BIOS: 2.02; fcode: 2.01; EFI: 2.00;\n');
		expect(blocks[0]).toContain('\tState: online\n\tSupported Speeds: 1Gb 2Gb 4Gb \n\tCurrent Speed: 4Gb \n\tNode WWN: 2000001b32812345\n');
		expect(blocks[0]!.endsWith(NPIV_EMPTY)).toBe(true);
		// the uncabled port
		expect(blocks[1]).toContain('\tCurrent Speed: not established \n');
		expect(blocks[1]!.endsWith(NPIV_EMPTY)).toBe(true);
		expect(h.fcinfo('hba-port', '-l', '2100001b32812345').stdout).toContain(lines('\tLink Error Statistics:', '\t\tLink Failure Count: 0'));
	});

	test('remote-port -s and lu: the array, its LUNs and their OS paths', () => {
		const h = host();
		const r = h.fcinfo('remote-port', '-s', '-p', '2100001b32812345');
		expect(r.exitCode).toBe(0);
		expect(r.stdout).toMatch(
			/^Remote Port WWN: 50060e8005123401\n\tActive FC4 Types: SCSI\n\tSCSI Target: yes\n\tPort Symbolic Name: .*\n\tNode WWN: 50060e8005123400\n\tLUN: 0\n\t {2}Vendor: .{8}\n\t {2}Product: .{16}\n\t {2}OS Device Name: (\/dev\/rdsk\/c\d+t50060E8005123401d0s2)\n\tLUN: 1\n/,
		);
		const paths = [...r.stdout.matchAll(/OS Device Name: (\S+)/g)].map(m => m[1]!);
		expect(paths).toHaveLength(2);
		// newest discovery first
		expect(h.fcinfo('lu').stdout).toBe(lines(...paths.reverse().map(p => `OS Device Name: ${p}`)));
		expect(h.fcinfo('lu', '-v', paths[0]!).stdout).toContain('\tHBA Port WWN: 2100001b32812345\n\t\tRemote Port WWN: 50060e8005123401\n\tLUN: 1\n');
	});

	test('create-npiv-port then delete-npiv-port', () => {
		const h = host();
		expect(h.fcadm('create-npiv-port', '-p', 'c0007d1a2b3c4d5f', '-n', 'c0007d1a2b3c4d5e', '2100001B32812345')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(h.smf.get()).toEqual(['2100001B32812345:C0007D1A2B3C4D5F:C0007D1A2B3C4D5E:1']);
		expect(h.fcinfo('hba-port', '2100001b32812345').stdout.endsWith(NPIV_VPORT1)).toBe(true);

		// the same WWN again: the kernel refuses, fcadm says only this, nothing changes
		expect(h.fcadm('create-npiv-port', '-p', 'c0007d1a2b3c4d5f', '-n', 'c0007d1a2b3c4d5e', '2100001b32812345')).toEqual({
			stdout: '',
			stderr: 'Error: failed to create a npiv port\n',
			exitCode: 1,
			changed: false,
		});
		expect(h.smf.get()).toHaveLength(1);

		expect(h.fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001B32812345')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(h.smf.get()).toEqual([]);
		expect(h.fcinfo('hba-port', '2100001b32812345').stdout.endsWith(NPIV_EMPTY)).toBe(true);
		expect(h.fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001b32812345').stderr).toBe('Error: failed to delete a npiv port\n');
	});

	test('random WWNs from the library: c0007d form, port = node with the low bit flipped', () => {
		const h = host();
		expect(h.fcadm('create-npiv-port', '2100001b32812345').exitCode).toBe(0);
		const [value] = h.smf.get();
		const [physical, port, node, index] = value!.split(':');
		expect(physical).toBe('2100001b32812345');
		expect(node).toMatch(/^C0007D[0-9A-F]{10}$/);
		expect(BigInt('0x' + port!)).toBe(BigInt('0x' + node!) ^ 1n);
		expect(index).toBe('1');
		expect(h.fcinfo('hba-port', '2100001b32812345').stdout).toContain(`\t\tNode WWN: ${node!.toLowerCase()}\n\t\tPort WWN: ${port!.toLowerCase()}\n`);
	});

	test('NPIV refused by the FCA, the topology or the switch', () => {
		expect(host({model: 'LP10000'}).fcadm('create-npiv-port', '2100001b32812345').stderr).toBe('Error: NPIV not Supported\n');
		expect(host({model: 'LP10000'}).fcinfo('hba-port', '2100001b32812345').stdout).toMatch(/\tNode WWN: 2000001b32812345\n\tNPIV Not Supported\n$/);
		// port 1 has no link
		const h = host();
		expect(h.fcadm('create-npiv-port', '2101001b32812345').stderr).toBe('Error: failed to create a npiv port\n');
		expect(h.smf.get()).toEqual([]);
		const noNpivSwitch = host({switchNpiv: false});
		expect(noNpivSwitch.fcadm('create-npiv-port', '2100001b32812345').stderr).toBe('Error: failed to create a npiv port\n');
		expect(noNpivSwitch.smf.get()).toEqual([]);
	});

	test('create-port-list re-creates the saved ports with their saved index', () => {
		const h = host({portList: ['2100001b32812345:C0007D1A2B3C4D5F:C0007D1A2B3C4D5E:5']});
		expect(h.fcadm('create-port-list')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(h.stack.localPort(VPORT_1.wwpn)?.vportIndex).toBe(5);
		expect(h.fcinfo('hba-port', '2100001b32812345').stdout.endsWith(NPIV_VPORT1)).toBe(true);
	});

	test('force-lip', () => {
		const h = host();
		expect(h.fcadm('force-lip', '2100001b32812345')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(h.fcadm('force-lip', '2100001b328123ff').stderr).toBe('Error: HBA 2100001b328123ff not found\n');
	});
});

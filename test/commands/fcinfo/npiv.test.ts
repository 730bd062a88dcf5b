import {describe, expect, test} from 'vitest';
import {HBA_STATUS} from '../../../source/hbaapi/types.js';
import type {HBA_STATUS as Status} from '../../../source/hbaapi/types.js';
import {W} from './FakeHbaApi.js';
import {bench} from './harness.js';
import type {Bench} from './harness.js';

const EXISTING = '2100001b32812345:C0007D1A2B3C4D5F:C0007D1A2B3C4D5E:1';

/** What a failure must leave alone: the vport rings and the SMF list. */
function snapshot(b: Bench): string {
	return JSON.stringify({smf: b.smf.get(), vports: b.api.adapters.map(a => a.ports.map(p => p.vports.map(v => [v.attrs.PortWWN, v.vindex])))});
}

function expectFailure(b: Bench, argv: string[], stderr: string): void {
	const before = snapshot(b);
	const r = b.fcadm(...argv);
	expect(r).toEqual({stdout: '', stderr, exitCode: 1, changed: false});
	expect(snapshot(b)).toBe(before);
	expect(b.api.open.size).toBe(0);
	expect(b.api.libraryLoads).toBe(0);
}

describe('create-npiv-port', () => {
	test('with -p and -n: prints nothing, creates the port, appends the SMF value', () => {
		const b = bench({portList: [EXISTING]});
		const r = b.fcadm('create-npiv-port', '-p', 'C0007D0000000011', '-n', 'c0007d0000000010', '2100001B32812345');
		expect(r).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(b.api.port(W.qlc0)!.vports.map(v => [v.attrs.PortWWN, v.attrs.NodeWWN, v.vindex])).toEqual([
			['c0007d0000000011', 'c0007d0000000010', 2],
			[W.vport1, W.vport1Node, 1],
		]);
		// physical WWN as typed, virtual WWNs upper case, port before node, the kernel's index
		expect(b.smf.get()).toEqual([EXISTING, '2100001B32812345:C0007D0000000011:C0007D0000000010:2']);
		expect(b.api.open.size).toBe(0);
		expect(b.api.libraryLoads).toBe(0);
	});

	test('without both WWNs: random ones of the c0007d form, port = node with the low bit flipped', () => {
		const b = bench();
		expect(b.fcadm('create-npiv-port', '2101001b32a12345').exitCode).toBe(0);
		const [vport] = b.api.port(W.qlc1)!.vports;
		expect(vport!.attrs.NodeWWN).toMatch(/^c0007d[0-9a-f]{10}$/);
		const node = BigInt('0x' + vport!.attrs.NodeWWN);
		expect(BigInt('0x' + vport!.attrs.PortWWN)).toBe(node ^ 1n);
		expect(b.smf.get()).toEqual([`2101001b32a12345:${vport!.attrs.PortWWN.toUpperCase()}:${vport!.attrs.NodeWWN.toUpperCase()}:1`]);
	});

	test('a lone -p or -n is dropped: both WWNs are random', () => {
		const b = bench();
		expect(b.fcadm('create-npiv-port', '-p', 'c0007d0000000011', '2101001b32a12345').exitCode).toBe(0);
		expect(b.fcadm('create-npiv-port', '-n', 'c0007d0000000020', '2101001b32a12345').exitCode).toBe(0);
		const vports = b.api.port(W.qlc1)!.vports.map(v => v.attrs.PortWWN);
		expect(vports).not.toContain('c0007d0000000011');
		expect(b.api.count('Sun_HBA_AdapterCreateWWN')).toBe(2);
		expect(b.smf.get().map(v => v.split(':')[3])).toEqual(['1', '2']);
	});

	test('BUSY and TRY_AGAIN are retried, up to 20 times', () => {
		const b = bench();
		b.api.failNext('Sun_HBA_CreateNPIVPort', ...Array<Status>(20).fill(HBA_STATUS.ERROR_TRY_AGAIN));
		expect(b.fcadm('create-npiv-port', '-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '2101001b32a12345').exitCode).toBe(0);
		expect(b.api.count('Sun_HBA_CreateNPIVPort')).toBe(21);

		const c = bench();
		c.api.failNext('Sun_HBA_CreateNPIVPort', ...Array<Status>(21).fill(HBA_STATUS.ERROR_BUSY));
		expectFailure(c, ['create-npiv-port', '-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '2101001b32a12345'], 'Error: failed to create a npiv port\n');
	});

	test('--json gives what was created', () => {
		const b = bench();
		const {result, value} = b.json('fcadm', 'create-npiv-port', '--port=c0007d0000000011', '--node', 'c0007d0000000010', '2101001B32A12345');
		expect(result.exitCode).toBe(0);
		expect(result.changed).toBe(true);
		expect(value).toEqual({
			npivPort: {
				physicalPortWWN: '2101001b32a12345',
				portWWN: 'c0007d0000000011',
				nodeWWN: 'c0007d0000000010',
				vindex: 1,
				portListValue: '2101001B32A12345:C0007D0000000011:C0007D0000000010:1',
			},
		});
	});
});

describe('create-npiv-port failures change nothing', () => {
	test.each([
		[['-p', 'c0007d000000001', '-n', 'c0007d0000000010', '2100001b32812345'], 'Invalid Port WWN\n'],
		[['-p', '0xc0007d00000011', '-n', 'c0007d0000000010', '2100001b32812345'], 'Invalid Port WWN\n'],
		[['-n', 'c0:00:7d:00:00:00:00:10', '-p', 'c0007d0000000011', '2100001b32812345'], 'Invalid Node WWN\n'],
		[['-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '2100001b3281234g'], 'Invalid Physical Port WWN\n'],
		[['-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '21:00:00:1b:32:81:23:45'], 'Invalid Physical Port WWN\n'],
		[['-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '2100001b328123ff'], 'Error: HBA port 2100001b328123ff: not found\n'],
		[['-p', 'c0007d0000000010', '-n', 'C0007D0000000010', '2100001b32812345'], 'Error: Port WWN is same as Node WWN\n'],
		[['-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '10000000c9512345'], 'Error: NPIV not Supported\n'],
		// the WWN of the existing virtual port: the kernel refuses, fcadm says only this
		[['-p', 'c0007d1a2b3c4d5f', '-n', 'c0007d0000000010', '2100001b32812345'], 'Error: failed to create a npiv port\n'],
		// a virtual port is not a physical port: its Max is 0
		[['-p', 'c0007d0000000011', '-n', 'c0007d0000000010', 'c0007d1a2b3c4d5f'], 'Error: NPIV not Supported\n'],
	])('create-npiv-port %j', (args, stderr) => {
		expectFailure(bench({portList: [EXISTING]}), ['create-npiv-port', ...args], stderr);
	});

	test('the option checks come in command-line order, before the operand check', () => {
		expectFailure(bench(), ['create-npiv-port', '-n', 'bad', '-p', 'bad', 'bad'], 'Invalid Node WWN\n');
		expectFailure(bench(), ['create-npiv-port', '-p', 'bad', '-n', 'bad', 'bad'], 'Invalid Port WWN\n');
	});

	test('Max reached: Can not create more NPIV port', () => {
		const b = bench();
		b.api.port(W.qlc0)!.npivMax = 1;
		expectFailure(b, ['create-npiv-port', '-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '2100001b32812345'], 'Error: Can not create more NPIV port\n');
	});

	test('an FCA without NPIV, and the library failing at each step', () => {
		const args = ['create-npiv-port', '2100001b32812345'];
		let b = bench();
		b.api.port(W.qlc0)!.npivMax = 0;
		expectFailure(b, args, 'Error: NPIV not Supported\n');

		b = bench();
		b.api.failNext('Sun_HBA_AdapterCreateWWN', HBA_STATUS.ERROR);
		expectFailure(b, args, 'Error: Fail to get Random WWN\n');

		b = bench();
		b.api.failNext('Sun_HBA_GetPortNPIVAttributes', HBA_STATUS.ERROR_STALE_DATA);
		expectFailure(b, args, 'Error: failed to get port NPIV attributes\n');

		b = bench();
		b.api.port(W.qlc0)!.npivMax = null;
		expectFailure(b, args, 'Error: failed to get port NPIV attributes\n');

		b = bench();
		b.api.failNext('HBA_GetAdapterPortAttributes', HBA_STATUS.ERROR);
		expectFailure(b, args, 'Error: failed to get port NPIV attributes\n');

		b = bench();
		b.api.loadStatus = HBA_STATUS.ERROR;
		expectFailure(b, args, 'Failed to load FC-HBA common library\nERROR\n');
	});

	test('--json failure: {error}, exit 1', () => {
		const {result, value} = bench().json('fcadm', 'create-npiv-port', '10000000c9512345');
		expect(result.exitCode).toBe(1);
		expect(value).toEqual({error: 'Error: NPIV not Supported'});
	});
});

describe('delete-npiv-port', () => {
	test('deletes the port and drops its SMF value silently', () => {
		const b = bench({portList: [EXISTING, '2101001b32a12345:C0007D0000000011:C0007D0000000010:1']});
		const r = b.fcadm('delete-npiv-port', '-p', 'C0007D1A2B3C4D5F', '2100001b32812345');
		expect(r).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(b.api.port(W.qlc0)!.vports).toEqual([]);
		expect(b.smf.get()).toEqual(['2101001b32a12345:C0007D0000000011:C0007D0000000010:1']);
	});

	test('the SMF value is matched on the physical WWN as typed: another case leaves it behind', () => {
		const b = bench({portList: [EXISTING]});
		expect(b.fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001B32812345').exitCode).toBe(0);
		expect(b.api.port(W.qlc0)!.vports).toEqual([]);
		expect(b.smf.get()).toEqual([EXISTING]);
	});

	test('create then delete round trip', () => {
		const b = bench();
		expect(b.fcadm('create-npiv-port', '-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '2101001b32a12345').exitCode).toBe(0);
		expect(b.fcadm('delete-npiv-port', '-p', 'c0007d0000000011', '2101001b32a12345').exitCode).toBe(0);
		expect(b.smf.get()).toEqual([]);
		expect(b.api.port(W.qlc1)!.vports).toEqual([]);
	});

	test.each([
		[['-p', 'c0007d0000000099', '2100001b32812345'], 'Error: failed to delete a npiv port\n'],
		[['-p', 'c0007d1a2b3c4d5', '2100001b32812345'], 'Invalid Port WWN\n'],
		[['-p', 'c0007d1a2b3c4d5f', '2100001b3281234'], 'Invalid Physical Port WWN\n'],
		[['-p', 'c0007d1a2b3c4d5f', '2100001b328123ff'], 'Error: HBA port 2100001b328123ff: not found\n'],
		[['-p', 'c0007d1a2b3c4d5f', '10000000c9512345'], 'Error: NPIV not Supported\n'],
	])('delete-npiv-port %j', (args, stderr) => {
		expectFailure(bench({portList: [EXISTING]}), ['delete-npiv-port', ...args], stderr);
	});

	test('no Max == Number check on delete, but Max == 0 is refused', () => {
		const full = bench({portList: [EXISTING]});
		full.api.port(W.qlc0)!.npivMax = 1;
		expect(full.fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001b32812345').exitCode).toBe(0);

		const none = bench({portList: [EXISTING]});
		none.api.port(W.qlc0)!.npivMax = 0;
		expectFailure(none, ['delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001b32812345'], 'Error: NPIV not Supported\n');
	});

	test('NPIV attributes unreadable', () => {
		const b = bench({portList: [EXISTING]});
		b.api.failNext('Sun_HBA_GetPortNPIVAttributes', HBA_STATUS.ERROR);
		expectFailure(b, ['delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001b32812345'], 'Error: failed to get port NPIV attributes\n');
	});

	test('BUSY is retried', () => {
		const b = bench({portList: [EXISTING]});
		b.api.failNext('Sun_HBA_DeleteNPIVPort', HBA_STATUS.ERROR_BUSY, HBA_STATUS.ERROR_BUSY);
		expect(b.fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001b32812345').exitCode).toBe(0);
		expect(b.api.count('Sun_HBA_DeleteNPIVPort')).toBe(3);
	});
});

describe('delete-npiv-port of a port a Xen domain holds', () => {
	const owned = (): Bench => {
		const b = bench({portList: [EXISTING]});
		b.owners.set(W.vport1, {domain: 'web01', host: 'dom0-a'});
		return b;
	};
	const MESSAGE = 'Error: NPIV port c0007d1a2b3c4d5f belongs to domain web01 on dom0-a; detach it with: xm npiv-detach web01 c0007d1a2b3c4d5f\n';

	test('is refused with the domain, its host and the xm command; nothing changes', () => {
		const b = owned();
		// -p typed in upper case: the rule is on the WWN, not on how it was typed
		const before = snapshot(b);
		expect(b.fcadm('delete-npiv-port', '-p', 'C0007D1A2B3C4D5F', '2100001b32812345')).toMatchObject({stdout: '', stderr: MESSAGE, exitCode: 1, changed: false});
		expect(snapshot(b)).toBe(before);
		// the adapter was opened to find the port, and is closed again like on every other error
		expect(b.api.open.size).toBe(0);
		expect(b.api.libraryLoads).toBe(0);
		expect(b.api.count('Sun_HBA_DeleteNPIVPort')).toBe(0);
		expect(b.api.port(W.qlc0)!.vports.map(v => v.attrs.PortWWN)).toEqual([W.vport1]);
		expect(b.smf.get()).toEqual([EXISTING]);
	});

	test('--json: the owner as a fact beside the error, exit 1', () => {
		const {result, value} = owned().json('fcadm', 'delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001b32812345');
		expect(result).toMatchObject({exitCode: 1, stderr: '', changed: false});
		expect(value).toEqual({npivPortOwner: {portWWN: 'c0007d1a2b3c4d5f', domain: 'web01', host: 'dom0-a'}, error: MESSAGE.trimEnd()});
	});

	test("fcadm's own checks come first: a bad operand or an unknown physical port is said as before", () => {
		expect(owned().fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5', '2100001b32812345')).toMatchObject({stderr: 'Invalid Port WWN\n', exitCode: 1});
		expect(owned().fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001b328123ff')).toMatchObject({stderr: 'Error: HBA port 2100001b328123ff: not found\n', exitCode: 1});
	});

	test('a port no domain holds is deleted as before', () => {
		const b = owned();
		b.owners.clear();
		expect(b.fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '2100001b32812345')).toMatchObject({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(b.smf.get()).toEqual([]);
	});
});

describe('create-port-list', () => {
	test('replays each saved value with its saved index, prints nothing, exit 0', () => {
		const saved = ['2101001B32A12345:C0007D0000000011:C0007D0000000010:7', '2101001b32a12345:C0007D0000000021:C0007D0000000020:3'];
		const b = bench({portList: saved});
		const r = b.fcadm('create-port-list');
		expect(r).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(b.api.port(W.qlc1)!.vports.map(v => [v.attrs.PortWWN, v.attrs.NodeWWN, v.vindex])).toEqual([
			['c0007d0000000021', 'c0007d0000000020', 3],
			['c0007d0000000011', 'c0007d0000000010', 7],
		]);
		expect(b.smf.get()).toEqual(saved);
	});

	test('skips a port whose Max is 0 or reached, ignores every error, still exit 0', () => {
		const b = bench({
			portList: [
				'10000000c9512345:C0007D0000000031:C0007D0000000030:1', // no NPIV: Max 0, skipped
				'2100001b32812345:C0007D1A2B3C4D5F:C0007D1A2B3C4D5E:1', // already there: the kernel refuses
				'2222222222222222:C0007D0000000041:C0007D0000000040:2', // no such HBA port
				'garbage',
				'2101001b32a12345:C0007D0000000051:C0007D0000000050:4',
			],
		});
		b.api.port(W.qlc0)!.npivMax = 1;
		const r = b.fcadm('create-port-list');
		expect(r).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(b.api.port(W.qlc0)!.vports.length).toBe(1);
		expect(b.api.port(W.qlc1)!.vports.map(v => v.vindex)).toEqual([4]);
		// Max == Number skips before asking the kernel
		expect(b.api.count('Sun_HBA_CreateNPIVPort')).toBe(1);
		expect(b.api.open.size).toBe(0);
	});

	test('a value fcadm would not have written is not replayed; --json says why', () => {
		const lower = '2101001b32a12345:c0007d0000000011:C0007D0000000010:2';
		const b = bench({portList: ['garbage', lower]});
		const {result, value} = b.json('fcadm', 'create-port-list');
		expect(result.exitCode).toBe(0);
		expect(value).toEqual({
			portList: [
				{value: 'garbage', result: 'failed', problem: expect.stringContaining("'garbage' is not an NPIV port list entry")},
				{value: lower, result: 'failed', problem: `in '${lower}': the virtual port WWN 'c0007d0000000011' must be in upper case, as fcadm writes it`},
			],
		});
		expect(b.api.count('Sun_HBA_CreateNPIVPort')).toBe(0);
	});

	test('--json tells what happened to each value', () => {
		const b = bench({portList: [EXISTING, '2101001b32a12345:C0007D0000000011:C0007D0000000010:9']});
		const {result, value} = b.json('fcadm', 'create-port-list');
		expect(result.exitCode).toBe(0);
		expect(value).toEqual({
			portList: [
				{value: EXISTING, result: 'failed'},
				{value: '2101001b32a12345:C0007D0000000011:C0007D0000000010:9', result: 'created', vindex: 9},
			],
		});
	});

	test('nothing saved, or no library: nothing happens, exit 0', () => {
		expect(bench().fcadm('create-port-list')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: false});
		const b = bench({portList: [EXISTING]});
		b.api.loadStatus = HBA_STATUS.ERROR;
		expect(b.fcadm('create-port-list')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: false});
	});
});

describe('force-lip', () => {
	test('success prints nothing', () => {
		const b = bench();
		expect(b.fcadm('force-lip', '2100001b32812345')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: true});
		expect(b.api.count('Sun_HBA_ForceLip')).toBe(1);
		expect(b.api.open.size).toBe(0);
	});

	test('target mode is tried first', () => {
		const b = bench({targetMode: true});
		expect(b.fcadm('force-lip', '2100001b32770000').exitCode).toBe(0);
		expect(b.api.calls.filter(c => c.includes('Open'))).toEqual(['Sun_HBA_OpenTgtAdapterByWWN']);
	});

	test('an unknown HBA is reported, exit 0', () => {
		expect(bench().fcadm('force-lip', '2100001b328123ff')).toEqual({stdout: '', stderr: 'Error: HBA 2100001b328123ff not found\n', exitCode: 0, changed: false});
		expect(bench().fcadm('force-lip', 'qlc0').stderr).toBe('Error: HBA qlc0 not found\n');
	});

	test('the link not reinitialised, by status or by rval: reported, exit 0', () => {
		let b = bench();
		b.api.failNext('Sun_HBA_ForceLip', HBA_STATUS.ERROR);
		expect(b.fcadm('force-lip', '2100001b32812345')).toEqual({stdout: '', stderr: 'Error: Failed to reinitialize the link of HBA 2100001b32812345\n', exitCode: 0, changed: false});
		b = bench();
		b.api.forceLipRval = 5;
		expect(b.fcadm('force-lip', '2100001B32812345').stderr).toBe('Error: Failed to reinitialize the link of HBA 2100001B32812345\n');
	});

	test('only a library that does not load makes it exit 1', () => {
		const b = bench();
		b.api.loadStatus = HBA_STATUS.ERROR_UNAVAILABLE;
		expect(b.fcadm('force-lip', '2100001b32812345')).toEqual({stdout: '', stderr: 'Failed to load FC-HBA library\nUNAVAILABLE\n', exitCode: 1, changed: false});
	});
});

describe('FCoE: this lab has no FCoE ports and no Ethernet links', () => {
	test('list-fcoe-ports', () => {
		expect(bench().fcadm('list-fcoe-ports')).toEqual({stdout: 'No FCoE Ports Found!\n', stderr: '', exitCode: 0, changed: false});
		expect(bench().fcadm('list-fcoe-ports', '-t').stdout).toBe('No FCoE Ports Found!\n');
		expect(bench().json('fcadm', 'list-fcoe-ports').value).toEqual({fcoePorts: []});
	});

	test('create-fcoe-port', () => {
		expect(bench().fcadm('create-fcoe-port', 'e1000g0')).toEqual({stdout: '', stderr: 'Error: Failed to open the specified MAC link\n', exitCode: 1, changed: false});
		expect(bench().fcadm('create-fcoe-port', '-i', '-t', 'e1000g0').stderr).toBe('Error: Option -i and -t should not be both specified\n');
		expect(bench().fcadm('create-fcoe-port', '-p', '1234', 'e1000g0').stderr).toBe('Error: Invalid Port WWN\n');
		expect(bench().fcadm('create-fcoe-port', '-n', 'xyz', 'e1000g0').stderr).toBe('Error: Invalid Node WWN\n');
		expect(bench().fcadm('create-fcoe-port', 'a'.repeat(32)).stderr).toBe('Error: MAC name exceeds maximum length\n');
	});

	test('delete-fcoe-port', () => {
		expect(bench().fcadm('delete-fcoe-port', 'e1000g0')).toEqual({stdout: '', stderr: 'Error: FCoE port not found on the specified MAC link\n', exitCode: 1, changed: false});
		expect(bench().fcadm('delete-fcoe-port', 'a'.repeat(40)).stderr).toBe('Failed: MAC name exceeds maximum length 32\n');
	});
});

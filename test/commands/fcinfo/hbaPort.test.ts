import {describe, expect, test} from 'vitest';
import {HBA_STATUS} from '../../../source/hbaapi/types.js';
import {W} from './FakeHbaApi.js';
import {bench, lines} from './harness.js';

const QLC0 = lines(
	'HBA Port WWN: 2100001b32812345',
	'\tPort Mode: Initiator',
	'\tPort ID: 10300',
	'\tOS Device Name: /dev/cfg/c5',
	'\tManufacturer: QLogic Corp.',
	'\tModel: QLE2462',
	'\tFirmware Version: 05.03.02',
	'\tFCode/BIOS Version: BIOS: 2.02; fcode: 2.01; EFI: 2.00;',
	'\tSerial Number: RFC0817L12345',
	'\tDriver Name: qlc',
	'\tDriver Version: 20100301-3.00',
	'\tType: N-port',
	'\tState: online',
	'\tSupported Speeds: 1Gb 2Gb 4Gb ',
	'\tCurrent Speed: 4Gb ',
	'\tNode WWN: 2000001b32812345',
);
const QLC0_LINKSTAT = lines(
	'\tLink Error Statistics:',
	'\t\tLink Failure Count: 0',
	'\t\tLoss of Sync Count: 2',
	'\t\tLoss of Signal Count: 0',
	'\t\tPrimitive Seq Protocol Error Count: 0',
	'\t\tInvalid Tx Word Count: 7',
	'\t\tInvalid CRC Count: 0',
);
const QLC0_NPIV = lines('\tMax NPIV Ports: 63', '\tNPIV port list:', '\t  Virtual Port1:', '\t\tNode WWN: c0007d1a2b3c4d5e', '\t\tPort WWN: c0007d1a2b3c4d5f');

const QLC1 = lines(
	'HBA Port WWN: 2101001b32a12345',
	'\tPort Mode: Initiator',
	'\tPort ID: 0',
	'\tOS Device Name: /devices/pci@0,0/pci10de,5d@e/pci1077,138@0,1/fp@0,0:fc',
	'\tManufacturer: QLogic Corp.',
	'\tModel: QLE2462',
	'\tFirmware Version: 05.03.02',
	'\tFCode/BIOS Version: BIOS: 2.02; fcode: 2.01; EFI: 2.00;',
	'\tSerial Number: RFC0817L12345',
	'\tDriver Name: qlc',
	'\tDriver Version: 20100301-3.00',
	'\tType: unknown',
	'\tState: link down',
	'\tSupported Speeds: 1Gb 2Gb 4Gb ',
	'\tCurrent Speed: not established ',
	'\tNode WWN: 2001001b32a12345',
);
const QLC1_LINKSTAT = lines(
	'\tLink Error Statistics:',
	'\t\tLink Failure Count: 4',
	'\t\tLoss of Sync Count: 0',
	'\t\tLoss of Signal Count: 12',
	'\t\tPrimitive Seq Protocol Error Count: 0',
	'\t\tInvalid Tx Word Count: 0',
	'\t\tInvalid CRC Count: 0',
);
const QLC1_NPIV = lines('\tMax NPIV Ports: 63', '\tNPIV port list:');

const EMLX0 = lines(
	'HBA Port WWN: 10000000c9512345',
	'\tPort Mode: Initiator',
	'\tPort ID: ef',
	'\tOS Device Name: /dev/cfg/c6',
	'\tManufacturer: Emulex',
	'\tModel: LP10000',
	'\tFirmware Version: 1.92a1 (T2D1.92A1)',
	'\tFCode/BIOS Version: Boot:5.02a1 Fcode:1.50a9',
	'\tSerial Number: not available',
	'\tDriver Name: emlxs',
	'\tDriver Version: not available',
	'\tType: NL-port',
	'\tState: online',
	'\tSupported Speeds: 1Gb 2Gb ',
	'\tCurrent Speed: 2Gb ',
	'\tNode WWN: 20000000c9512345',
);
const ZERO_LINKSTAT = lines(
	'\tLink Error Statistics:',
	'\t\tLink Failure Count: 0',
	'\t\tLoss of Sync Count: 0',
	'\t\tLoss of Signal Count: 0',
	'\t\tPrimitive Seq Protocol Error Count: 0',
	'\t\tInvalid Tx Word Count: 0',
	'\t\tInvalid CRC Count: 0',
);
const NOT_SUPPORTED = '\tNPIV Not Supported\n';

const VPORT1 = lines(
	'HBA Port WWN: c0007d1a2b3c4d5f',
	'\tPort Mode: Initiator',
	'\tPort ID: 10301',
	'\tOS Device Name: /dev/cfg/c7',
	'\tManufacturer: QLogic Corp.',
	'\tModel: QLE2462',
	'\tFirmware Version: 05.03.02',
	'\tFCode/BIOS Version: BIOS: 2.02; fcode: 2.01; EFI: 2.00;',
	'\tSerial Number: RFC0817L12345',
	'\tDriver Name: qlc',
	'\tDriver Version: 20100301-3.00',
	'\tType: N-port',
	'\tState: online',
	'\tSupported Speeds: 1Gb 2Gb 4Gb ',
	'\tCurrent Speed: 4Gb ',
	'\tNode WWN: c0007d1a2b3c4d5e',
);

const TARGET = lines(
	'HBA Port WWN: 2100001b32770000',
	'\tPort Mode: Target',
	'\tPort ID: 10700',
	'\tOS Device Name: Not Applicable',
	'\tManufacturer: QLogic Corp.',
	'\tModel: QLE2462',
	'\tFirmware Version: 05.03.02',
	'\tFCode/BIOS Version: BIOS: 2.02;',
	'\tSerial Number: RFC0817L77777',
	'\tDriver Name: qlt',
	'\tDriver Version: 20100301-3.00',
	'\tType: N-port',
	'\tState: online',
	'\tSupported Speeds: 1Gb 2Gb 4Gb ',
	'\tCurrent Speed: 4Gb ',
	'\tNode WWN: 2000001b32770000',
);

describe('hba-port, every adapter', () => {
	test('each physical port with its NPIV block; virtual ports only inside it', () => {
		const b = bench();
		const r = b.fcinfo('hba-port');
		expect(r.stdout).toBe(QLC0 + QLC0_NPIV + QLC1 + QLC1_NPIV + EMLX0 + NOT_SUPPORTED);
		expect(r.stderr).toBe('');
		expect(r.exitCode).toBe(0);
		expect(r.changed).toBe(false);
		expect(b.api.open.size).toBe(0);
		expect(b.api.libraryLoads).toBe(0);
	});

	test('-l adds the link error statistics of each port (RLS to itself) before the NPIV block', () => {
		const b = bench();
		expect(b.fcinfo('hba-port', '-l').stdout).toBe(QLC0 + QLC0_LINKSTAT + QLC0_NPIV + QLC1 + QLC1_LINKSTAT + QLC1_NPIV + EMLX0 + ZERO_LINKSTAT + NOT_SUPPORTED);
		expect(b.fcadm('hba-port', '--linkstat').stdout).toBe(b.fcinfo('hba-port', '-l').stdout);
	});

	test('a failed RLS is reported and the listing goes on', () => {
		const b = bench();
		b.api.failNext('HBA_SendRLS', HBA_STATUS.ERROR_ELS_REJECT);
		const r = b.fcinfo('hba-port', '-l');
		expect(r.stdout).toBe(QLC0 + QLC0_NPIV + QLC1 + QLC1_LINKSTAT + QLC1_NPIV + EMLX0 + ZERO_LINKSTAT + NOT_SUPPORTED);
		expect(r.stderr).toBe('Error: SendRLS failed for 2100001b32812345\n');
		expect(r.exitCode).toBe(0);
	});

	test('newest virtual port first, numbered from 1', () => {
		const b = bench();
		expect(b.fcadm('create-npiv-port', '-p', 'c0007d0000000011', '-n', 'c0007d0000000010', '2100001b32812345').exitCode).toBe(0);
		expect(b.fcinfo('hba-port', '2100001b32812345').stdout).toBe(
			QLC0 +
				lines(
					'\tMax NPIV Ports: 63',
					'\tNPIV port list:',
					'\t  Virtual Port1:',
					'\t\tNode WWN: c0007d0000000010',
					'\t\tPort WWN: c0007d0000000011',
					'\t  Virtual Port2:',
					'\t\tNode WWN: c0007d1a2b3c4d5e',
					'\t\tPort WWN: c0007d1a2b3c4d5f',
				),
		);
	});

	test('-i lists initiators only; -t alone finds no target adapters here', () => {
		const b = bench();
		expect(b.fcinfo('hba-port', '-i').stdout).toBe(QLC0 + QLC0_NPIV + QLC1 + QLC1_NPIV + EMLX0 + NOT_SUPPORTED);
		const t = b.fcinfo('hba-port', '-t');
		expect(t.stdout).toBe('No Adapters Found.\n');
		expect(t.exitCode).toBe(0);
	});

	test('a target-mode adapter prints in Target mode, without an NPIV block', () => {
		const b = bench({targetMode: true});
		expect(b.fcinfo('hba-port', '-t').stdout).toBe(TARGET);
		expect(b.fcinfo('hba-port').stdout).toBe(QLC0 + QLC0_NPIV + QLC1 + QLC1_NPIV + EMLX0 + NOT_SUPPORTED + TARGET);
		expect(b.fcinfo('hba-port', '2100001b32770000').stdout).toBe(TARGET + NOT_SUPPORTED);
		expect(b.api.open.size).toBe(0);
	});

	test('-e keeps FCoE adapters only: none in this lab', () => {
		const r = bench().fcinfo('hba-port', '-e');
		expect(r).toEqual({stdout: '', stderr: '', exitCode: 0, changed: false});
		expect(bench().fcinfo('hba-port', '-e', '2100001b32812345').stdout).toBe('');
	});

	test('No Adapters Found. on a host without HBAs', () => {
		const b = bench();
		b.api.adapters.length = 0;
		expect(b.fcinfo('hba-port').stdout).toBe('No Adapters Found.\n');
		expect(b.fcinfo('hba-port', '-i').stdout).toBe('No Adapters Found.\n');
		// the C test for -i only passes when -i is the only flag
		expect(b.fcinfo('hba-port', '-i', '-l').stdout).toBe('');
	});
});

describe('hba-port with operands', () => {
	test('physical ports in operand order, WWNs read leniently as hex', () => {
		const b = bench();
		expect(b.fcinfo('hba-port', '10000000C9512345', '2100001b32812345').stdout).toBe(EMLX0 + NOT_SUPPORTED + QLC0 + QLC0_NPIV);
		expect(b.fcinfo('hba-port', ' 2101001b32a12345').stdout).toBe(QLC1 + QLC1_NPIV);
		// more than 16 digits: the first 16 are read
		expect(b.fcinfo('hba-port', '2101001b32a12345ff').stdout).toBe(QLC1 + QLC1_NPIV);
		// the 0x counts towards the 16 characters read: 0x2101001b32a123 is not a port here
		expect(b.fcinfo('hba-port', '0x2101001b32a12345').stderr).toBe('Error: HBA port 0x2101001b32a12345: not found\n');
	});

	test('a virtual port asked for directly reports Max 0: NPIV Not Supported', () => {
		expect(bench().fcinfo('hba-port', 'c0007d1a2b3c4d5f').stdout).toBe(VPORT1 + NOT_SUPPORTED);
	});

	test('one port not found', () => {
		const b = bench();
		const r = b.fcinfo('hba-port', '2100001b328123ff');
		expect(r.stdout).toBe('');
		expect(r.stderr).toBe('Error: HBA port 2100001b328123ff: not found\n');
		expect(r.exitCode).toBe(1);
		expect(b.api.open.size).toBe(0);
	});

	test('some of several not found: the ones found print, exit 1', () => {
		const r = bench().fcinfo('hba-port', '2100001b32812345', '21:00:00:1b:32:81:23:45');
		expect(r.stdout).toBe(QLC0 + QLC0_NPIV);
		expect(r.stderr).toBe(lines('Error: HBA port 21:00:00:1b:32:81:23:45: not found', 'Error: Some of specified HBA ports are not found'));
		expect(r.exitCode).toBe(1);
	});

	test('all of several not found', () => {
		const r = bench().fcadm('hba-port', '1111111111111111', '2222222222222222');
		expect(r.stdout).toBe('');
		expect(r.stderr).toBe(
			lines('Error: HBA port 1111111111111111: not found', 'Error: HBA port 2222222222222222: not found', 'Error: All specified HBA ports are not found'),
		);
		expect(r.exitCode).toBe(1);
	});

	test('an operand with no hex digits reuses the previous value, as sscanf leaves it', () => {
		const r = bench().fcinfo('hba-port', '10000000c9512345', 'port0');
		expect(r.stdout).toBe(EMLX0 + NOT_SUPPORTED + EMLX0 + NOT_SUPPORTED);
		expect(bench().fcinfo('hba-port', 'port0').stderr).toBe('Error: HBA port port0: not found\n');
	});

	test('-t with an initiator WWN: only target mode is tried', () => {
		const r = bench().fcinfo('hba-port', '-t', '2100001b32812345');
		expect(r.stderr).toBe('Error: HBA port 2100001b32812345: not found\n');
		expect(r.exitCode).toBe(1);
	});

	test('opening retries while the library is busy', () => {
		const b = bench();
		b.api.failNext('HBA_OpenAdapterByWWN', HBA_STATUS.ERROR_BUSY, HBA_STATUS.ERROR_TRY_AGAIN, HBA_STATUS.ERROR_BUSY);
		expect(b.fcinfo('hba-port', '2101001b32a12345').stdout).toBe(QLC1 + QLC1_NPIV);
		expect(b.api.count('HBA_OpenAdapterByWWN')).toBe(4);
	});
});

describe('hba-port failures', () => {
	test('the library does not load', () => {
		const b = bench();
		b.api.loadStatus = HBA_STATUS.ERROR;
		const r = b.fcinfo('hba-port');
		expect(r).toEqual({stdout: '', stderr: 'Failed to load FC-HBA common library\nERROR\n', exitCode: 1, changed: false});
	});

	test('NPIV attributes unreadable: the error is counted, the exit is 1', () => {
		const b = bench();
		b.api.failNext('Sun_HBA_GetPortNPIVAttributes', HBA_STATUS.ERROR_STALE_DATA);
		const r = b.fcinfo('hba-port');
		expect(r.stdout).toBe(QLC0 + QLC1 + QLC1_NPIV + EMLX0 + NOT_SUPPORTED);
		expect(r.stderr).toBe('Error: Failed to get port (0) npiv attributes reason: STALE DATA\n');
		expect(r.exitCode).toBe(1);
	});

	test('an unreadable virtual port stops that list', () => {
		const b = bench();
		b.api.failNext('Sun_HBA_GetNPIVPortInfo', HBA_STATUS.ERROR_ILLEGAL_INDEX);
		const r = b.fcinfo('hba-port', '2100001b32812345');
		expect(r.stdout).toBe(QLC0 + lines('\tMax NPIV Ports: 63', '\tNPIV port list:'));
		expect(r.stderr).toBe('Error: Failed to get npiv port (0) attributes reason: ILLEGAL INDEX\n');
		expect(r.exitCode).toBe(1);
	});

	test('BUSY on the NPIV attributes is asked again, up to 22 more times', () => {
		const b = bench();
		b.api.failNext('Sun_HBA_GetPortNPIVAttributes', ...Array<typeof HBA_STATUS.ERROR_BUSY>(22).fill(HBA_STATUS.ERROR_BUSY));
		expect(b.fcinfo('hba-port', '2100001b32812345').stdout).toBe(QLC0 + QLC0_NPIV);
		b.api.failNext('Sun_HBA_GetPortNPIVAttributes', ...Array<typeof HBA_STATUS.ERROR_BUSY>(23).fill(HBA_STATUS.ERROR_BUSY));
		const r = b.fcinfo('hba-port', '2100001b32812345');
		expect(r.stderr).toBe('Error: Failed to get port (0) npiv attributes reason: BUSY\n');
	});

	test('adapter-level failures are reported and skipped without changing the exit', () => {
		const b = bench();
		b.api.failNext('HBA_GetAdapterName', HBA_STATUS.ERROR_UNAVAILABLE);
		let r = b.fcinfo('hba-port');
		expect(r.stdout).toBe(EMLX0 + NOT_SUPPORTED);
		expect(r.stderr).toBe('failed to get adapter 0. Reason: UNAVAILABLE\n');
		expect(r.exitCode).toBe(0);

		b.api.failNext('HBA_OpenAdapter', HBA_STATUS.ERROR);
		r = b.fcinfo('hba-port');
		expect(r.stderr).toBe('Failed to open adapter QLogic Corp.-QLE2462-0.\n');

		b.api.failNext('Sun_HBA_NPIVGetAdapterAttributes', HBA_STATUS.ERROR_INCAPABLE);
		r = b.fcinfo('hba-port');
		expect(r.stderr).toMatch(/^Failed to get adapter attributes handle\(\d+\) Reason: Undefined error code {2}29\n$/);
		expect(r.stdout).toBe(EMLX0 + NOT_SUPPORTED);

		b.api.failNext('HBA_GetAdapterPortAttributes', HBA_STATUS.ERROR);
		r = b.fcinfo('hba-port');
		expect(r.stdout).toBe(QLC1 + QLC1_NPIV + EMLX0 + NOT_SUPPORTED);
		expect(r.stderr).toBe('Error: Failed to get port (0) attributes reason: ERROR\n');
		expect(b.api.open.size).toBe(0);
	});

	test('with an operand, unreadable adapter attributes skip the port silently as to the exit status', () => {
		const b = bench();
		b.api.failNext('HBA_GetAdapterAttributes', HBA_STATUS.ERROR);
		const r = b.fcinfo('hba-port', '2100001b32812345');
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^Failed to get adapter attributes handle\(\d+\) Reason: ERROR\n$/);
		expect(r.exitCode).toBe(0);
	});
});

describe('hba-port --json', () => {
	test('the same facts as structured data', () => {
		const {result, value} = bench().json('fcinfo', 'hba-port', '-l', '2100001b32812345', '10000000c9512345');
		expect(result.exitCode).toBe(0);
		expect(result.stderr).toBe('');
		const ports = value['hbaPorts'] as Record<string, unknown>[];
		expect(ports.map(p => p['portWWN'])).toEqual([W.qlc0, W.emlx0]);
		expect(ports[0]).toEqual({
			portWWN: '2100001b32812345',
			mode: 'Initiator',
			portId: '10300',
			osDeviceName: '/dev/cfg/c5',
			manufacturer: 'QLogic Corp.',
			model: 'QLE2462',
			firmwareVersion: '05.03.02',
			fcodeBiosVersion: 'BIOS: 2.02; fcode: 2.01; EFI: 2.00;',
			serialNumber: 'RFC0817L12345',
			driverName: 'qlc',
			driverVersion: '20100301-3.00',
			type: 'N-port',
			state: 'online',
			supportedSpeeds: ['1Gb', '2Gb', '4Gb'],
			currentSpeed: ['4Gb'],
			nodeWWN: '2000001b32812345',
			linkErrorStatistics: {
				linkFailureCount: 0,
				lossOfSyncCount: 2,
				lossOfSignalCount: 0,
				primitiveSeqProtocolErrorCount: 0,
				invalidTxWordCount: 7,
				invalidCrcCount: 0,
			},
			npiv: {supported: true, max: 63, ports: [{nodeWWN: 'c0007d1a2b3c4d5e', portWWN: 'c0007d1a2b3c4d5f'}]},
		});
		expect(ports[1]!['npiv']).toEqual({supported: false});
	});

	test('errors as {error} with the same exit code', () => {
		const {result, value} = bench().json('fcinfo', 'hba-port', '2100001b32812345', '1111111111111111');
		expect(result.exitCode).toBe(1);
		expect((value['hbaPorts'] as unknown[]).length).toBe(1);
		expect(value['error']).toBe('Error: HBA port 1111111111111111: not found\nError: Some of specified HBA ports are not found');
		expect(bench().json('fcinfo', 'hba-port', '-e').value).toEqual({hbaPorts: []});
	});
});

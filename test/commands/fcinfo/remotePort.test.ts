import {describe, expect, test} from 'vitest';
import {HBA_STATUS} from '../../../source/hbaapi/types.js';
import {bench, lines} from './harness.js';

const ARRAY_A = lines(
	'Remote Port WWN: 50060e8005123400',
	'\tActive FC4 Types: SCSI',
	'\tSCSI Target: yes',
	'\tPort Symbolic Name: HITACHI DF600F 0000 CL1A',
	'\tNode WWN: 50060e8005123401',
);
const ARRAY_A_LINKSTAT = lines(
	'\tLink Error Statistics:',
	'\t\tLink Failure Count: 0',
	'\t\tLoss of Sync Count: 0',
	'\t\tLoss of Signal Count: 0',
	'\t\tPrimitive Seq Protocol Error Count: 0',
	'\t\tInvalid Tx Word Count: 0',
	'\t\tInvalid CRC Count: 3',
);
/** Vendor and product keep the target's blank padding: 8 and 16 characters. */
const ARRAY_A_LUNS = lines(
	'\tLUN: 0',
	'\t  Vendor: HITACHI ',
	'\t  Product: OPEN-V          ',
	'\t  OS Device Name: /dev/rdsk/c5t50060E8005123400d0s2',
	'\tLUN: 1',
	'\t  Vendor: HITACHI ',
	'\t  Product: OPEN-V          ',
	'\t  OS Device Name: /dev/rdsk/c5t50060E8005123400d1s2',
	'\tLUN: 5',
	'\t  Vendor: HITACHI ',
	'\t  Product: DISK-SUBSYSTEM  ',
	'\t  OS Device Name: Unknown',
);
const OTHER_HOST = lines(
	'Remote Port WWN: 2100001b32899999',
	'\tActive FC4 Types: SCSI,IP',
	'\tSCSI Target: no',
	'\tPort Symbolic Name: sol-b qlc(0)',
	'\tNode WWN: 2000001b32899999',
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

describe('remote-port', () => {
	test('every discovered port of the HBA port, in discovery order', () => {
		const b = bench();
		const r = b.fcinfo('remote-port', '-p', '2100001b32812345');
		expect(r).toEqual({stdout: ARRAY_A + OTHER_HOST, stderr: '', exitCode: 0, changed: false});
		expect(b.fcadm('remote-port', '-p', '2100001b32812345').stdout).toBe(ARRAY_A + OTHER_HOST);
		expect(b.api.open.size).toBe(0);
		expect(b.api.libraryLoads).toBe(0);
	});

	test('-s lists the LUNs of SCSI targets; unmapped LUNs show Unknown and their SAM number', () => {
		expect(bench().fcinfo('remote-port', '-s', '-p', '2100001b32812345').stdout).toBe(ARRAY_A + ARRAY_A_LUNS + OTHER_HOST);
	});

	test('-l adds RLS statistics of each remote port, before the LUNs', () => {
		expect(bench().fcinfo('remote-port', '-p', '2100001b32812345', '-l', '-s').stdout).toBe(
			ARRAY_A + ARRAY_A_LINKSTAT + ARRAY_A_LUNS + OTHER_HOST + ZERO_LINKSTAT,
		);
	});

	test('a virtual port sees its own targets and LUN paths', () => {
		expect(bench().fcinfo('remote-port', '-s', '-p', 'c0007d1a2b3c4d5f').stdout).toBe(
			lines(
				'Remote Port WWN: 50060e8005123410',
				'\tActive FC4 Types: SCSI',
				'\tSCSI Target: yes',
				'\tPort Symbolic Name: HITACHI DF600F 0000 CL2A',
				'\tNode WWN: 50060e8005123401',
				'\tLUN: 2',
				'\t  Vendor: HITACHI ',
				'\t  Product: OPEN-V          ',
				'\t  OS Device Name: /dev/rdsk/c7t50060E8005123410d2s2',
			),
		);
	});

	test('a port with nothing discovered prints nothing', () => {
		expect(bench().fcinfo('remote-port', '-p', '2101001b32a12345')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: false});
	});

	test('remote WWN operands select ports, in operand order', () => {
		const b = bench();
		expect(b.fcinfo('remote-port', '-p', '2100001b32812345', '2100001b32899999', '50060E8005123400').stdout).toBe(OTHER_HOST + ARRAY_A);
	});

	test('an unknown remote WWN is reported, but the exit stays 0', () => {
		const r = bench().fcinfo('remote-port', '-p', '2100001b32812345', '5006016041e00000', '50060e8005123400');
		expect(r.stdout).toBe(ARRAY_A);
		expect(r.stderr).toBe('HBA_GetPortAttributesByWWN failed: reason: ILLEGAL WWN\n');
		expect(r.exitCode).toBe(0);
	});
});

describe('remote-port errors', () => {
	test('an HBA port that is neither initiator nor target', () => {
		const b = bench();
		const r = b.fcinfo('remote-port', '-p', '2100001b328123ff');
		expect(r).toEqual({stdout: '', stderr: 'Error: Failed to open adapter port. Reason ILLEGAL WWN\n', exitCode: 1, changed: false});
		expect(b.api.libraryLoads).toBe(0);
	});

	test('-p 0 counts as no -p at all', () => {
		expect(bench().fcinfo('remote-port', '-p', '0').stderr).toBe('Error: -p option was not specified.\n');
		expect(bench().fcinfo('remote-port', '-p', 'none').exitCode).toBe(1);
	});

	test('-s on a target-mode port', () => {
		const b = bench({targetMode: true});
		const r = b.fcinfo('remote-port', '-s', '-p', '2100001b32770000');
		expect(r.stderr).toBe('Error: Unsupported option for target mode: s.\n');
		expect(r.exitCode).toBe(1);
		expect(b.api.open.size).toBe(0);
	});

	test('a discovered port that cannot be read is skipped', () => {
		const b = bench();
		b.api.failNext('HBA_GetDiscoveredPortAttributes', HBA_STATUS.ERROR_STALE_DATA);
		const r = b.fcinfo('remote-port', '-p', '2100001b32812345');
		expect(r.stdout).toBe(OTHER_HOST);
		expect(r.stderr).toBe('Failed to get discovered port (0) attributes reason :STALE DATA\n');
		expect(r.exitCode).toBe(0);
	});

	test('REPORT LUNS failing makes the target unknown and its LUNs unlisted', () => {
		const b = bench();
		b.api.failNext('HBA_ScsiReportLUNsV2', HBA_STATUS.ERROR_TRY_AGAIN, HBA_STATUS.ERROR);
		const r = b.fcinfo('remote-port', '-s', '-p', '2100001b32812345', '50060e8005123400');
		expect(r.stdout).toBe(ARRAY_A.replace('SCSI Target: yes', 'SCSI Target: unknown'));
		expect(r.stderr).toBe('Error has occured. HBA_ScsiReportLUNsV2 failed.  reason ERROR\n');
	});

	test('INQUIRY failing: Unknown vendor and product, the reason on stderr', () => {
		const b = bench();
		b.api.failNext('HBA_ScsiInquiryV2', HBA_STATUS.SCSI_CHECK_CONDITION);
		const r = b.fcinfo('remote-port', '-s', '-p', '2100001b32812345', '50060e8005123400');
		expect(r.stdout).toBe(
			ARRAY_A +
				lines('\tLUN: 0', '\t  Vendor: Unknown', '\t  Product: Unknown', '\t  OS Device Name: /dev/rdsk/c5t50060E8005123400d0s2') +
				ARRAY_A_LUNS.split('\n').slice(4).join('\n'),
		);
		expect(r.stderr).toBe('Not able to issue Inquiry.\nSCSI CHECK CONDITION\n');
	});

	test('no target mapping: every LUN path is Unknown', () => {
		const b = bench();
		b.api.failNext('HBA_GetFcpTargetMappingV2', HBA_STATUS.ERROR_NOT_SUPPORTED);
		const r = b.fcinfo('remote-port', '-s', '-p', '2100001b32812345', '50060e8005123400');
		expect(r.stdout).toBe(ARRAY_A + ARRAY_A_LUNS.replace(/OS Device Name: \/dev\/rdsk\/\S+/g, 'OS Device Name: Unknown'));
		expect(r.stderr).toBe('Error: Unable to get Target Mapping\nNOT SUPPORTED\n');
	});

	test('RLS to a remote port that rejects it', () => {
		const b = bench();
		b.api.failNext('HBA_SendRLS', HBA_STATUS.ERROR_ELS_REJECT);
		const r = b.fcinfo('remote-port', '-l', '-p', '2100001b32812345');
		expect(r.stdout).toBe(ARRAY_A + OTHER_HOST + ZERO_LINKSTAT);
		expect(r.stderr).toBe('Error: SendRLS failed for 50060e8005123400\n');
	});
});

describe('remote-port --json', () => {
	test('remote ports with their LUNs', () => {
		const {result, value} = bench().json('fcinfo', 'remote-port', '-s', '-p', '2100001b32812345');
		expect(result.exitCode).toBe(0);
		expect(value).toEqual({
			remotePorts: [
				{
					portWWN: '50060e8005123400',
					activeFc4Types: ['SCSI'],
					scsiTarget: 'yes',
					portSymbolicName: 'HITACHI DF600F 0000 CL1A',
					nodeWWN: '50060e8005123401',
					luns: [
						{lun: 0, vendor: 'HITACHI ', product: 'OPEN-V          ', osDeviceName: '/dev/rdsk/c5t50060E8005123400d0s2'},
						{lun: 1, vendor: 'HITACHI ', product: 'OPEN-V          ', osDeviceName: '/dev/rdsk/c5t50060E8005123400d1s2'},
						{lun: 5, vendor: 'HITACHI ', product: 'DISK-SUBSYSTEM  ', osDeviceName: 'Unknown'},
					],
				},
				{portWWN: '2100001b32899999', activeFc4Types: ['SCSI', 'IP'], scsiTarget: 'no', portSymbolicName: 'sol-b qlc(0)', nodeWWN: '2000001b32899999'},
			],
		});
	});

	test('a failure is {error} with exit 1', () => {
		const {result, value} = bench().json('fcadm', 'remote-port', '-p', '1111111111111111');
		expect(result.exitCode).toBe(1);
		expect(value).toEqual({remotePorts: [], error: 'Error: Failed to open adapter port. Reason ILLEGAL WWN'});
	});
});

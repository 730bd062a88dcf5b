import {describe, expect, test} from 'vitest';
import {HBA_STATUS} from '../../../source/hbaapi/types.js';
import {disk, fcpLun} from './FakeHbaApi.js';
import {bench, lines} from './harness.js';

const C7D2 = '/dev/rdsk/c7t50060E8005123410d2s2';
const C5D1 = '/dev/rdsk/c5t50060E8005123400d1s2';
const C5D0 = '/dev/rdsk/c5t50060E8005123400d0s2';

const C7D2_VERBOSE = lines(
	`OS Device Name: ${C7D2}`,
	'\tHBA Port WWN: c0007d1a2b3c4d5f',
	'\t\tRemote Port WWN: 50060e8005123410',
	'\tLUN: 2',
	'\tVendor: HITACHI ',
	'\tProduct: OPEN-V          ',
	'\tDevice Type: Disk Device',
);
const C5D1_VERBOSE = lines(
	`OS Device Name: ${C5D1}`,
	'\tHBA Port WWN: 2100001b32812345',
	'\t\tRemote Port WWN: 50060e8005123400',
	'\tLUN: 1',
	'\tVendor: HITACHI ',
	'\tProduct: OPEN-V          ',
	'\tDevice Type: Disk Device',
);
/** Seen through two HBA ports: one device, the port found last listed first, its LUN once after the port lines (Solaris 11). */
const C5D0_VERBOSE = lines(
	`OS Device Name: ${C5D0}`,
	'\tHBA Port WWN: 10000000c9512345',
	'\t\tRemote Port WWN: 50060e8005123400',
	'\tHBA Port WWN: 2100001b32812345',
	'\t\tRemote Port WWN: 50060e8005123400',
	'\tLUN: 0',
	'\tVendor: HITACHI ',
	'\tProduct: OPEN-V          ',
	'\tDevice Type: Disk Device',
);

describe('logical-unit', () => {
	test('one OS Device Name line per path, newest discovery first, duplicates merged', () => {
		const b = bench();
		const r = b.fcinfo('logical-unit');
		expect(r).toEqual({stdout: lines(`OS Device Name: ${C7D2}`, `OS Device Name: ${C5D1}`, `OS Device Name: ${C5D0}`), stderr: '', exitCode: 0, changed: false});
		expect(b.fcinfo('lu').stdout).toBe(r.stdout);
		expect(b.api.open.size).toBe(0);
	});

	test('-v adds the paths, vendor, product and device type', () => {
		expect(bench().fcinfo('lu', '-v').stdout).toBe(C7D2_VERBOSE + C5D1_VERBOSE + C5D0_VERBOSE);
	});

	test('paths given as operands print in operand order', () => {
		expect(bench().fcinfo('lu', C5D0, C7D2).stdout).toBe(lines(`OS Device Name: ${C5D0}`, `OS Device Name: ${C7D2}`));
		expect(bench().fcinfo('lu', '-v', C5D1).stdout).toBe(C5D1_VERBOSE);
	});

	test('paths that match nothing are reported first; the rest still print; exit 1', () => {
		const r = bench().fcinfo('lu', '/dev/rdsk/c9t0d0s2', C5D1, '/dev/rdsk/c5t50060e8005123400d1s2');
		expect(r.stderr).toBe(lines('/dev/rdsk/c9t0d0s2: no such path', '/dev/rdsk/c5t50060e8005123400d1s2: no such path'));
		expect(r.stdout).toBe(lines(`OS Device Name: ${C5D1}`));
		expect(r.exitCode).toBe(1);
	});

	test('a host without adapters lists nothing and succeeds, operands or not', () => {
		const b = bench();
		b.api.adapters.length = 0;
		expect(b.fcinfo('lu', '-v')).toEqual({stdout: '', stderr: '', exitCode: 0, changed: false});
		expect(b.fcinfo('lu', C5D0).exitCode).toBe(0);
	});
});

describe('logical-unit device details', () => {
	test.each([
		[0x01, 'Tape Device'],
		[0x05, 'CD/DVD Device'],
		[0x08, 'Medium Changer Device'],
		[0x0c, 'Storage Array Controller Device'],
		[0x0d, 'Enclosure Services Device'],
		[0x1e, 'Well Known Logical Unit'],
		[0x1f, 'Unknown Device'],
		[0x0a, 'Undefined'],
		[0x13, 'Undefined'],
	])('peripheral device type %i prints as %s', (dtype, name) => {
		const b = bench();
		b.api.port(b.api.adapters[0]!.ports[0]!.vports[0]!.attrs.PortWWN)!.discovered[0]!.luns![0]!.inquiry = disk('HP      ', 'Ultrium 4-SCSI  ', dtype);
		expect(b.fcinfo('lu', '-v', C7D2).stdout).toBe(
			C7D2_VERBOSE.replace('HITACHI ', 'HP      ').replace('OPEN-V          ', 'Ultrium 4-SCSI  ').replace('Disk Device', name),
		);
	});

	test('only printable characters of vendor and product are printed', () => {
		const b = bench();
		const remote = b.api.adapters[0]!.ports[0]!.vports[0]!.discovered[0]!;
		remote.luns![0]!.inquiry = disk('SUN\u0000\u0000\u0000\u0000\u0000', 'T3\tB\u007f           ');
		const r = b.fcinfo('lu', '-v', C7D2);
		expect(r.stdout).toContain('\tVendor: SUN\n\tProduct: T3B           \n');
	});

	test('INQUIRY failing: Unknown vendor, product and device type', () => {
		const b = bench();
		// inquiries run in discovery order: qlc0 LUN 0, qlc0 LUN 1, then the virtual port's LUN 2
		b.api.failNext('HBA_ScsiInquiryV2', HBA_STATUS.OK, HBA_STATUS.OK, HBA_STATUS.ERROR_TARGET_LUN);
		const r = b.fcinfo('lu', '-v', C7D2);
		expect(r.stdout).toBe(lines(`OS Device Name: ${C7D2}`, '\tHBA Port WWN: c0007d1a2b3c4d5f', '\t\tRemote Port WWN: 50060e8005123410', '\tLUN: 2', '\tVendor: Unknown', '\tProduct: Unknown', '\tDevice Type: Unknown Device'));
		expect(r.stderr).toBe('');
		expect(r.exitCode).toBe(0);
	});

	test('a device whose first INQUIRY failed is asked again through its next path', () => {
		const b = bench();
		// qlc0's LUN 0 is asked first; emlx0 sees the same path later
		b.api.failNext('HBA_ScsiInquiryV2', HBA_STATUS.ERROR);
		expect(b.fcinfo('lu', '-v', C5D0).stdout).toBe(C5D0_VERBOSE);
	});

	test('a path of the same device with another LUN gets its own port lines and LUN line', () => {
		const b = bench();
		const qlc0 = b.api.adapters[0]!.ports[0]!;
		qlc0.mappings.push({...qlc0.mappings[0]!, FcpId: {...qlc0.mappings[0]!.FcpId, FcpLun: fcpLun(0)}, ScsiId: {...qlc0.mappings[0]!.ScsiId, ScsiOSLun: 9}});
		expect(b.fcinfo('lu', '-v', C5D0).stdout).toBe(
			lines(
				`OS Device Name: ${C5D0}`,
				'\tHBA Port WWN: 10000000c9512345',
				'\t\tRemote Port WWN: 50060e8005123400',
				'\tHBA Port WWN: 2100001b32812345',
				'\t\tRemote Port WWN: 50060e8005123400',
				'\tLUN: 0',
				'\tHBA Port WWN: 2100001b32812345',
				'\t\tRemote Port WWN: 50060e8005123400',
				'\tLUN: 9',
				'\tVendor: HITACHI ',
				'\tProduct: OPEN-V          ',
				'\tDevice Type: Disk Device',
			),
		);
	});
});

describe('logical-unit failures', () => {
	test('each failure is reported and counted: exit 1', () => {
		const b = bench();
		b.api.failNext('HBA_GetAdapterName', HBA_STATUS.ERROR);
		let r = b.fcinfo('lu');
		expect(r.stderr).toBe('Failed to get adapter 0. Reason: ERROR\n');
		expect(r.stdout).toBe(lines(`OS Device Name: ${C5D0}`));
		expect(r.exitCode).toBe(1);

		b.api.failNext('HBA_OpenAdapter', HBA_STATUS.ERROR);
		r = b.fcinfo('lu');
		expect(r.stderr).toBe('Failed to open adapter QLogic Corp.-QLE2462-0\n');
		expect(r.exitCode).toBe(1);

		b.api.failNext('HBA_GetAdapterPortAttributes', HBA_STATUS.ERROR_ILLEGAL_INDEX);
		r = b.fcinfo('lu');
		expect(r.stderr).toBe('Failed to get port (0) attributes reason: ILLEGAL INDEX\n');
		expect(r.stdout).toBe(lines(`OS Device Name: ${C5D0}`, `OS Device Name: ${C7D2}`));
		expect(r.exitCode).toBe(1);
		expect(b.api.open.size).toBe(0);
	});

	test('a port without target mapping is reported but not counted', () => {
		const b = bench();
		b.api.failNext('HBA_GetFcpTargetMappingV2', HBA_STATUS.ERROR_UNAVAILABLE);
		const r = b.fcinfo('lu');
		expect(r.stderr).toBe('Error: Unable to get Target Mapping\nUNAVAILABLE\n');
		expect(r.stdout).toBe(lines(`OS Device Name: ${C5D0}`, `OS Device Name: ${C7D2}`));
		expect(r.exitCode).toBe(0);
	});

	test('the library does not load', () => {
		const b = bench();
		b.api.loadStatus = HBA_STATUS.ERROR_INCOMPATIBLE;
		expect(b.fcinfo('lu')).toEqual({stdout: '', stderr: 'Failed to load FC-HBA common library\nUndefined error code  15\n', exitCode: 1, changed: false});
	});
});

describe('logical-unit --json', () => {
	test('verbose facts', () => {
		const {value} = bench().json('fcinfo', 'lu', '-v', C5D0);
		expect(value).toEqual({
			logicalUnits: [
				{
					osDeviceName: C5D0,
					hbaPorts: [
						{portWWN: '10000000c9512345', remotePorts: [{portWWN: '50060e8005123400', lun: 0}]},
						{portWWN: '2100001b32812345', remotePorts: [{portWWN: '50060e8005123400', lun: 0}]},
					],
					vendor: 'HITACHI ',
					product: 'OPEN-V          ',
					deviceType: 'Disk Device',
				},
			],
		});
	});

	test('paths only, and a missing path as error', () => {
		const {result, value} = bench().json('fcinfo', 'lu', C5D1, '/dev/rdsk/c0t0d0s2');
		expect(result.exitCode).toBe(1);
		expect(value).toEqual({logicalUnits: [{osDeviceName: C5D1}], error: '/dev/rdsk/c0t0d0s2: no such path'});
	});
});

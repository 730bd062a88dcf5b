import {describe, expect, test} from 'vitest';
import {HBA_STATUS} from '../../source/hbaapi/index.js';
import {decodeFcpLun, encodeFcpLun} from '../../source/driver/RemotePort.js';
import {wwn} from '../../source/sim/Wwn.js';
import {HBA_A0, TARGET_1, VPORT_1} from '../driver/lab.js';
import {apiLab} from './api.js';

describe('target mapping and SCSI pass-through', () => {
	test('FcpTargetMappingV2 lists each LUN path with its OS device name and a 64-bit FCP LUN', () => {
		const {api, open, stack, target, settle} = apiLab();
		stack.createVirtualPort(HBA_A0, VPORT_1);
		target.mask(HBA_A0, [0]);
		target.mask(VPORT_1.wwpn, [1, 2]);
		settle();
		const h = open();
		const vp = stack.localPort(VPORT_1.wwpn)!;
		const map = api.HBA_GetFcpTargetMappingV2(h, VPORT_1.wwpn);
		expect(map.status).toBe(0);
		if (map.status !== 0) return;
		expect(map.value.NumberOfEntries).toBe(2);
		expect(map.value.entry.map(e => [e.ScsiId.OSDeviceName, e.ScsiId.ScsiOSLun, e.FcpId.PortWWN, e.FcpId.FcpLun])).toEqual([
			[`/dev/rdsk/c${vp.controller}t50060E8005123401d1s2`, 1, TARGET_1, 1n << 48n],
			[`/dev/rdsk/c${vp.controller}t50060E8005123401d2s2`, 2, TARGET_1, 2n << 48n],
		]);
		expect(map.value.entry[0]!.FcpId.FcId).toBe(0x010100);
		expect(map.value.entry[0]!.LUID).toMatch(/^600a0b80/);
		const phys = api.HBA_GetFcpTargetMappingV2(h, HBA_A0);
		expect(phys.status === 0 && phys.value.entry.map(e => e.ScsiId.ScsiOSLun)).toEqual([0]);
		expect(api.HBA_GetFcpTargetMappingV2(h, wwn('2100000000000099')).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
	});

	test('ReportLUNsV2: OK from a target, NOT_A_TARGET from an initiator, ILLEGAL_WWN from a stranger', () => {
		const {api, open, stack, target, settle} = apiLab();
		stack.createVirtualPort(HBA_A0, VPORT_1);
		target.mask(HBA_A0, [0, 2]);
		settle();
		const h = open();
		const r = api.HBA_ScsiReportLUNsV2(h, HBA_A0, TARGET_1);
		expect(r).toEqual({status: 0, value: {luns: [0n, 2n << 48n], scsi: {ScsiStatus: 0}}});
		// the physical port discovered its own virtual port (open zoning): an initiator
		expect(api.HBA_ScsiReportLUNsV2(h, HBA_A0, VPORT_1.wwpn).status).toBe(HBA_STATUS.ERROR_NOT_A_TARGET);
		expect(api.HBA_ScsiReportLUNsV2(h, HBA_A0, wwn('5000000000000009')).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
	});

	test('a REPORT LUNS answered with UNIT ATTENTION is SCSI_CHECK_CONDITION with the sense', () => {
		const {api, open, target, settle} = apiLab();
		target.mask(HBA_A0, [0]);
		settle();
		target.setUnitAttention(HBA_A0);
		const r = api.HBA_ScsiReportLUNsV2(open(), HBA_A0, TARGET_1);
		expect(r).toMatchObject({status: HBA_STATUS.SCSI_CHECK_CONDITION, scsi: {ScsiStatus: 2, Sense: {key: 6, asc: 0x3f, ascq: 0x0e}}});
	});

	test('INQUIRY and READ CAPACITY by 64-bit LUN', () => {
		const {api, open, target, settle} = apiLab();
		target.mask(HBA_A0, [2]);
		settle();
		const h = open();
		expect(api.HBA_ScsiInquiryV2(h, HBA_A0, TARGET_1, encodeFcpLun(2), 0, 0)).toMatchObject({
			status: 0,
			value: {inquiry: {PeripheralQualifier: 0, PeripheralDeviceType: 0, VendorIdentification: 'SUN     ', ProductIdentification: 'StorEdge 3510   '}},
		});
		expect(api.HBA_ScsiReadCapacityV2(h, HBA_A0, TARGET_1, encodeFcpLun(2))).toMatchObject({status: 0, value: {blocks: 4194304n, blockSize: 512}});
		expect(api.HBA_ScsiInquiryV2(h, HBA_A0, TARGET_1, encodeFcpLun(1), 0, 0)).toMatchObject({status: HBA_STATUS.SCSI_CHECK_CONDITION, scsi: {Sense: {key: 5, asc: 0x25}}});
	});

	test('FCP LUN encoding: peripheral below 256, flat space above; decoding as fcinfo does', () => {
		expect(encodeFcpLun(5)).toBe(5n << 48n);
		expect(encodeFcpLun(300)).toBe(0x412cn << 48n);
		for (const n of [0, 1, 255, 256, 300, 16383]) expect(decodeFcpLun(encodeFcpLun(n))).toBe(n);
	});
});

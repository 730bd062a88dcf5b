import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {HBA_STATUS} from '../../source/hbaapi/index.js';
import {wwn} from '../../source/sim/Wwn.js';
import {HBA_A0, TARGET_1, VPORT_1, VPORT_2, VPORT_3} from '../driver/lab.js';
import {apiLab} from './api.js';

describe('NPIV attributes', () => {
	test('Max is the model maximum, Number the ring size; the list is newest first', () => {
		const {api, open, stack} = apiLab();
		for (const v of [VPORT_1, VPORT_2, VPORT_3]) stack.createVirtualPort(HBA_A0, v);
		const h = open();
		expect(api.Sun_HBA_GetPortNPIVAttributes(h, 0)).toEqual({
			status: 0,
			value: {npivflag: 1, NodeWWN: '2000001b32812345', PortWWN: HBA_A0, MaxNumberOfNPIVPorts: 127, NumberOfNPIVPorts: 3},
		});
		const list = [0, 1, 2].map(i => api.Sun_HBA_GetNPIVPortInfo(h, 0, i));
		expect(list.map(r => r.status === 0 && r.value.PortWWN)).toEqual([VPORT_3.wwpn, VPORT_2.wwpn, VPORT_1.wwpn]);
		expect(list.map(r => r.status === 0 && r.value.NodeWWN)).toEqual([VPORT_3.wwnn, VPORT_2.wwnn, VPORT_1.wwnn]);
		expect(api.Sun_HBA_GetNPIVPortInfo(h, 0, 3).status).toBe(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		expect(api.Sun_HBA_GetPortNPIVAttributes(h, 1)).toMatchObject({status: 0, value: {MaxNumberOfNPIVPorts: 127, NumberOfNPIVPorts: 0}});
	});

	test('a model without NPIV reports Max 0', () => {
		const {api, open} = apiLab({model: 'LP10000'});
		expect(api.Sun_HBA_GetPortNPIVAttributes(open(), 0)).toMatchObject({status: 0, value: {npivflag: 0, MaxNumberOfNPIVPorts: 0, NumberOfNPIVPorts: 0}});
	});

	test('a virtual port\'s own attributes and discovered ports (emulation extension)', () => {
		const {api, open, stack, target, settle} = apiLab();
		stack.createVirtualPort(HBA_A0, VPORT_1);
		target.mask(VPORT_1.wwpn, [1]);
		settle();
		const h = open();
		const vp = stack.localPort(VPORT_1.wwpn)!;
		expect(api.Sun_HBA_GetNPIVPortAttributes(h, 0, 0)).toMatchObject({
			status: 0,
			value: {PortWWN: VPORT_1.wwpn, NodeWWN: VPORT_1.wwnn, PortFcId: vp.fcid, PortState: 2, PortType: 5, OSDeviceName: vp.osDeviceName, PortSupportedFc4Types: [8]},
		});
		const remotes = vp.remotePorts.map((_, i) => api.Sun_HBA_GetNPIVDiscoveredPortAttributes(h, 0, 0, i));
		expect(remotes.map(r => r.status === 0 && r.value.PortWWN)).toContain(TARGET_1);
		expect(api.Sun_HBA_GetNPIVDiscoveredPortAttributes(h, 0, 0, 99).status).toBe(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		expect(api.HBA_GetPortAttributesByWWN(h, VPORT_1.wwpn)).toMatchObject({status: 0, value: {PortWWN: VPORT_1.wwpn}});
	});
});

describe('create and delete', () => {
	test('vindex 0 takes any index and returns it; a requested one is honoured', () => {
		const {api, open, stack, settle} = apiLab();
		const h = open();
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwnn, VPORT_1.wwpn, 0)).toEqual({status: 0, value: 1});
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_2.wwnn, VPORT_2.wwpn, 17)).toEqual({status: 0, value: 17});
		settle();
		expect(stack.localPort(VPORT_2.wwpn)?.devfsPath).toMatch(/\/fp@11,0$/);
		expect(stack.localPort(VPORT_2.wwpn)?.state).toBe('online');
	});

	test('kernel failures are ERROR with the reason in detail; bad WWNs are ILLEGAL_WWN', () => {
		const {api, open, sw} = apiLab();
		const h = open();
		sw.npivLimit = 0;
		const r = api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwnn, VPORT_1.wwpn, 0);
		expect(r.status).toBe(HBA_STATUS.ERROR);
		expect(r.status !== 0 && r.detail).toMatch(/^FC_NPIV_FDISC_FAILED: no fabric resources/);
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwnn, HBA_A0, 0)).toMatchObject({status: HBA_STATUS.ERROR, detail: expect.stringMatching(/^WWN_IN_USE/)});
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwnn, VPORT_1.wwpn, 300)).toMatchObject({status: HBA_STATUS.ERROR, detail: expect.stringMatching(/^NO_VALID_INDEX/)});
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwpn, VPORT_1.wwpn, 0).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, wwn('0000000000000000'), VPORT_1.wwpn, 0).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, 'nonsense' as never, VPORT_1.wwpn, 0).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
		expect(api.Sun_HBA_CreateNPIVPort(h, 5, VPORT_1.wwnn, VPORT_1.wwpn, 0).status).toBe(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		expect(api.Sun_HBA_CreateNPIVPort(0x10999, 0, VPORT_1.wwnn, VPORT_1.wwpn, 0).status).toBe(HBA_STATUS.ERROR_INVALID_HANDLE);
	});

	test('no NPIV on the model: ERROR (FC_NPIV_NOT_SUPPORTED)', () => {
		const {api, open} = apiLab({model: 'QLA2342'});
		expect(api.Sun_HBA_CreateNPIVPort(open(), 0, VPORT_1.wwnn, VPORT_1.wwpn, 0)).toMatchObject({status: HBA_STATUS.ERROR, detail: expect.stringMatching(/^FC_NPIV_NOT_SUPPORTED/)});
	});

	test('delete: OK for a vport of that port, ERROR otherwise', () => {
		const {api, open, stack} = apiLab({cableBoth: true});
		const h = open();
		api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwnn, VPORT_1.wwpn, 0);
		expect(api.Sun_HBA_DeleteNPIVPort(h, 1, VPORT_1.wwpn)).toBe(HBA_STATUS.ERROR);
		expect(api.Sun_HBA_DeleteNPIVPort(h, 0, VPORT_2.wwpn)).toBe(HBA_STATUS.ERROR);
		expect(api.Sun_HBA_DeleteNPIVPort(h, 0, VPORT_1.wwpn)).toBe(HBA_STATUS.OK);
		expect(api.Sun_HBA_DeleteNPIVPort(h, 0, VPORT_1.wwpn)).toBe(HBA_STATUS.ERROR);
		expect(stack.localPort(VPORT_1.wwpn)).toBeUndefined();
	});

	test('random fcadm-style create/delete sequences never take Number above Max', () => {
		const {api, open} = apiLab();
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(80)), {maxLength: 150}), steps => {
				const h = open();
				for (const [create, n] of steps) {
					api.HBA_RefreshInformation(h);
					const attrs = api.Sun_HBA_GetPortNPIVAttributes(h, 0);
					if (attrs.status !== 0) throw new Error('attributes');
					const {MaxNumberOfNPIVPorts: max, NumberOfNPIVPorts: number} = attrs.value;
					expect(number).toBeLessThanOrEqual(max);
					const hex = n.toString(16).padStart(4, '0');
					const pwwn = wwn(`c0007d0000${hex}01`);
					if (create) {
						const r = api.Sun_HBA_CreateNPIVPort(h, 0, wwn(`c0007d0000${hex}00`), pwwn, 0);
						if (number === max) expect(r.status).toBe(HBA_STATUS.ERROR);
					} else {
						api.Sun_HBA_DeleteNPIVPort(h, 0, pwwn);
					}
				}
				api.HBA_RefreshInformation(h);
				const end = api.Sun_HBA_GetPortNPIVAttributes(h, 0);
				expect(end.status === 0 && end.value.NumberOfNPIVPorts <= end.value.MaxNumberOfNPIVPorts).toBe(true);
				// clean up for the next run
				const list = Array.from({length: end.status === 0 ? end.value.NumberOfNPIVPorts : 0}, (_, i) => api.Sun_HBA_GetNPIVPortInfo(h, 0, i));
				for (const e of list) if (e.status === 0) api.Sun_HBA_DeleteNPIVPort(h, 0, e.value.PortWWN);
				api.HBA_CloseAdapter(h);
			}),
			{numRuns: 40},
		);
	});
});

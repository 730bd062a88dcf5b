import {describe, expect, test} from 'vitest';
import {HostFcStack} from '../../source/driver/HostFcStack.js';
import {MemoryWwnRegistry} from '../../source/driver/WwnRegistry.js';
import {createHbaApi, HBA_PORTSPEED, HBA_PORTSTATE, HBA_PORTTYPE, HBA_STATUS} from '../../source/hbaapi/index.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {Prng} from '../../source/sim/Prng.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn} from '../../source/sim/Wwn.js';
import {FakeLoop, FakeSwitch} from '../driver/fakeMedium.js';
import {HBA_A0, HBA_A1, TARGET_1, VPORT_1, hostConfig} from '../driver/lab.js';
import {apiLab} from './api.js';

describe('adapters', () => {
	test('one adapter per card, named <Manufacturer>-<Model>-<index>; opened by name, port or node WWN', () => {
		const {api} = apiLab();
		expect(api.HBA_GetVersion()).toBe(2);
		expect(api.HBA_GetNumberOfAdapters()).toBe(1);
		const name = api.HBA_GetAdapterName(0);
		expect(name).toEqual({status: HBA_STATUS.OK, value: 'QLogic Corp.-QLE2462-0'});
		expect(api.HBA_GetAdapterName(1).status).toBe(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		const h = api.HBA_OpenAdapter('QLogic Corp.-QLE2462-0');
		expect(h >> 16).toBe(1);
		expect(h & 0xffff).toBeGreaterThan(0);
		expect(api.HBA_OpenAdapter('QLogic Corp.-QLE2462-3')).toBe(0);
		expect(api.HBA_OpenAdapterByWWN(HBA_A1).status).toBe(HBA_STATUS.OK);
		expect(api.HBA_OpenAdapterByWWN(wwn('2001001b32812345')).status).toBe(HBA_STATUS.OK);
		expect(api.HBA_OpenAdapterByWWN(wwn('2100000000000099')).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
		const second = api.HBA_OpenAdapterByWWN(HBA_A0);
		expect(second.status === 0 && second.value).toBe(h + 3);
	});

	test('a virtual port is never an adapter', () => {
		const {api, stack, settle} = apiLab();
		stack.createVirtualPort(HBA_A0, VPORT_1);
		settle();
		expect(api.HBA_GetNumberOfAdapters()).toBe(1);
		const h = api.HBA_OpenAdapter('QLogic Corp.-QLE2462-0');
		const attrs = api.Sun_HBA_NPIVGetAdapterAttributes(h);
		expect(attrs.status === 0 && attrs.value.NumberOfPorts).toBe(2);
	});

	test('a virtual port opens by its WWN as a one-port view that reports no NPIV of its own', () => {
		const {api, stack, settle} = apiLab();
		stack.createVirtualPort(HBA_A0, VPORT_1);
		settle();
		const opened = api.HBA_OpenAdapterByWWN(VPORT_1.wwpn);
		expect(opened.status).toBe(HBA_STATUS.OK);
		const h = opened.value!;
		expect(api.HBA_GetAdapterAttributes(h).value?.NumberOfPorts).toBe(1);
		expect(api.HBA_GetAdapterPortAttributes(h, 0).value?.PortWWN).toBe(VPORT_1.wwpn);
		expect(api.HBA_GetAdapterPortAttributes(h, 1).status).toBe(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		expect(api.Sun_HBA_GetPortNPIVAttributes(h, 0).value?.MaxNumberOfNPIVPorts).toBe(0);
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwnn, VPORT_1.wwpn, 0).status).toBe(HBA_STATUS.ERROR_NOT_SUPPORTED);
	});

	test('adapter attributes come from the model and the configuration', () => {
		const {api, open} = apiLab();
		const a = api.HBA_GetAdapterAttributes(open());
		expect(a).toMatchObject({
			status: 0,
			value: {
				Manufacturer: 'QLogic Corp.',
				Model: 'QLE2462',
				SerialNumber: 'RFC0820K12345',
				NodeWWN: '2000001b32812345',
				DriverName: 'qlc',
				DriverVersion: '20100301-3.00',
				FirmwareVersion: '05.03.02',
				NumberOfPorts: 2,
				NodeSymbolicName: 'dom0-a:qlc0',
			},
		});
		expect(api.HBA_GetAdapterAttributes(0x10999).status).toBe(HBA_STATUS.ERROR_INVALID_HANDLE);
	});
});

describe('port attributes', () => {
	test('an online fabric port: N_Port, online, 4Gb as bit 8, supported 1|2|4Gb, fabric name, /dev/cfg name', () => {
		const {api, open, stack} = apiLab();
		const a = api.HBA_GetAdapterPortAttributes(open(), 0);
		expect(a.status).toBe(0);
		if (a.status !== 0) return;
		expect(a.value).toMatchObject({
			PortWWN: HBA_A0,
			NodeWWN: '2000001b32812345',
			PortFcId: 0x010200,
			PortType: HBA_PORTTYPE.NPORT,
			PortState: HBA_PORTSTATE.ONLINE,
			PortSpeed: HBA_PORTSPEED['4GBIT'],
			PortSupportedSpeed: HBA_PORTSPEED['1GBIT'] | HBA_PORTSPEED['2GBIT'] | HBA_PORTSPEED['4GBIT'],
			FabricName: '100000051e000001',
			OSDeviceName: stack.ports[0]!.physical.osDeviceName,
			NumberofDiscoveredPorts: 1,
		});
		expect(a.value.PortSpeed).toBe(8);
	});

	test('an uncabled port: type unknown, offline, speed not established', () => {
		const {api, open} = apiLab();
		const a = api.HBA_GetAdapterPortAttributes(open(), 1);
		expect(a).toMatchObject({status: 0, value: {PortType: HBA_PORTTYPE.UNKNOWN, PortState: HBA_PORTSTATE.OFFLINE, PortSpeed: 0, PortFcId: 0, FabricName: '0000000000000000'}});
		expect(api.HBA_GetAdapterPortAttributes(open(), 2).status).toBe(HBA_STATUS.ERROR_ILLEGAL_INDEX);
	});

	test('a QLE2562 on an 8Gb switch port reports bit 16, a QLE2462 on it runs at 4Gb (bit 8)', () => {
		for (const [model, bit] of [
			['QLE2562', HBA_PORTSPEED['8GBIT']],
			['QLE2462', HBA_PORTSPEED['4GBIT']],
		] as const) {
			const sim = new Simulator();
			const stack = new HostFcStack({host: hostConfig(model), sim, log: new EventLog(sim)});
			new FakeSwitch(sim).connect(stack.ports[0]!, {speedGbps: 8});
			sim.runUntilIdle();
			const lib = createHbaApi(stack, {sim, wwnRegistry: new MemoryWwnRegistry(), prng: Prng.fromSeed(1)});
			const a = lib.HBA_GetAdapterPortAttributes(lib.HBA_OpenAdapterByWWN(HBA_A0).value!, 0);
			expect(a).toMatchObject({status: 0, value: {PortSpeed: bit}});
		}
	});

	test('on a private loop the type is L_Port, on a point-to-point link PTP', () => {
		for (const [topology, type] of [
			['private-loop', HBA_PORTTYPE.LPORT],
			['point-to-point', HBA_PORTTYPE.PTP],
		] as const) {
			const sim = new Simulator();
			const stack = new HostFcStack({host: hostConfig('QLE2562'), sim, log: new EventLog(sim)});
			new FakeLoop(sim, topology).connect(stack.ports[0]!);
			sim.runUntilIdle();
			const lib = createHbaApi(stack, {sim, wwnRegistry: new MemoryWwnRegistry(), prng: Prng.fromSeed(1)});
			const a = lib.HBA_GetAdapterPortAttributes(lib.HBA_OpenAdapter('QLogic Corp.-QLE2562-0'), 0);
			expect(a).toMatchObject({status: 0, value: {PortType: type, PortState: HBA_PORTSTATE.ONLINE, PortSpeed: HBA_PORTSPEED['2GBIT'], PortSupportedSpeed: 2 | 8 | 16}});
		}
	});

	test('discovered ports, by index and by WWN', () => {
		const {api, open, target, settle} = apiLab();
		target.mask(HBA_A0, [0]);
		settle();
		const h = open();
		const d = api.HBA_GetDiscoveredPortAttributes(h, 0, 0);
		expect(d).toMatchObject({status: 0, value: {PortWWN: TARGET_1, NodeWWN: '50060e8005123400', PortType: HBA_PORTTYPE.NPORT, PortState: HBA_PORTSTATE.ONLINE, PortActiveFc4Types: [8], PortSymbolicName: 'array-1 port'}});
		expect(api.HBA_GetDiscoveredPortAttributes(h, 0, 1).status).toBe(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		expect(api.HBA_GetPortAttributesByWWN(h, TARGET_1)).toMatchObject({status: 0, value: {PortWWN: TARGET_1}});
		expect(api.HBA_GetPortAttributesByWWN(h, HBA_A0)).toMatchObject({status: 0, value: {PortWWN: HBA_A0, NumberofDiscoveredPorts: 1}});
		expect(api.HBA_GetPortAttributesByWWN(h, wwn('5000000000000001')).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
	});

	test('STALE_DATA once the port changed since the handle first looked, until RefreshInformation', () => {
		const {api, open, stack, settle} = apiLab();
		const h = open();
		expect(api.HBA_GetAdapterPortAttributes(h, 0).status).toBe(0);
		expect(api.Sun_HBA_GetPortNPIVAttributes(h, 0).status).toBe(0);
		stack.createVirtualPort(HBA_A0, VPORT_1);
		settle();
		expect(api.HBA_GetAdapterPortAttributes(h, 0).status).toBe(HBA_STATUS.ERROR_STALE_DATA);
		expect(api.Sun_HBA_GetPortNPIVAttributes(h, 0).status).toBe(HBA_STATUS.ERROR_STALE_DATA);
		// WWN-based calls are not validated
		expect(api.HBA_GetPortAttributesByWWN(h, HBA_A0).status).toBe(0);
		// port 1 did not change
		expect(api.HBA_GetAdapterPortAttributes(h, 1).status).toBe(0);
		api.HBA_RefreshInformation(h);
		expect(api.Sun_HBA_GetPortNPIVAttributes(h, 0)).toMatchObject({status: 0, value: {NumberOfNPIVPorts: 1}});
		// a fresh handle sees the new state at once
		expect(api.HBA_GetAdapterPortAttributes(open(), 0).status).toBe(0);
	});
});

describe('statistics and RLS', () => {
	test('RLS to the port itself returns its link error status, which moves on a link loss', () => {
		const {api, open, sw, settle} = apiLab();
		const h = open();
		expect(api.HBA_SendRLS(h, HBA_A0, HBA_A0)).toMatchObject({status: 0, value: {LinkFailureCount: 0, LossOfSignalCount: 0}});
		const p = sw.loginByWwpn(HBA_A0)!.port;
		p.unplug();
		settle();
		p.plug();
		settle();
		expect(api.HBA_SendRLS(h, HBA_A0, HBA_A0)).toMatchObject({status: 0, value: {LinkFailureCount: 1, LossOfSyncCount: 1, LossOfSignalCount: 1, PrimitiveSeqProtocolErrCount: 0, InvalidTxWordCount: 0, InvalidCRCCount: 0}});
		expect(api.HBA_SendRLS(h, HBA_A0, TARGET_1)).toMatchObject({status: 0, value: {LinkFailureCount: 0}});
		expect(api.HBA_SendRLS(h, wwn('2100000000000099'), HBA_A0).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
		const stats = api.HBA_GetPortStatistics(h, 0);
		expect(stats.status === 0 && stats.value.LinkFailureCount).toBe(1);
		expect(stats.status === 0 && stats.value.TxFrames).toBeGreaterThan(0);
		expect(api.HBA_ResetStatistics(h, 0)).toBe(0);
		expect(api.HBA_GetPortStatistics(h, 0)).toMatchObject({status: 0, value: {LinkFailureCount: 0, TxFrames: 0}});
	});

	test('ForceLip resets port 0 of the adapter and counts a LIP', () => {
		const {api, open, stack, settle} = apiLab();
		const h = open();
		expect(api.Sun_HBA_ForceLip(h)).toEqual({status: 0, value: 0});
		settle();
		expect(stack.ports[0]!.stats.lipCount).toBe(1);
		expect(stack.ports[0]!.physical.state).toBe('online');
	});

	test('ForceLip with no link reports a non-zero rval', () => {
		const sim = new Simulator();
		const stack = new HostFcStack({host: hostConfig(), sim, log: new EventLog(sim)});
		const api = createHbaApi(stack, {sim, wwnRegistry: new MemoryWwnRegistry(), prng: Prng.fromSeed(1)});
		const r = api.Sun_HBA_ForceLip(api.HBA_OpenAdapter('QLogic Corp.-QLE2462-0'));
		expect(r.status === 0 && r.value).not.toBe(0);
	});
});

import {describe, expect, expectTypeOf, test} from 'vitest';
import {FCA_MODELS} from '../../source/driver/FcaModel.js';
import type {FcaModelName, HostFcConfig} from '../../source/driver/HostFcConfig.js';
import type {FcaModelName as LabFcaModelName, HostConfig} from '../../source/world/LabConfig.js';
import {HostFcStack} from '../../source/driver/HostFcStack.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn} from '../../source/sim/Wwn.js';
import {FakeLoop} from './fakeMedium.js';
import {HBA_A0, VPORT_1, VPORT_2, hostConfig, lab} from './lab.js';

describe('virtual port create failures', () => {
	test.each(['LP10000', 'QLA2342'] as const)('%s has no NPIV: FC_NPIV_NOT_SUPPORTED, nothing sent', model => {
		const l = lab({model});
		const fdiscs = () => l.sw.els.filter(e => e.op === 'FDISC').length;
		const r = l.stack.createVirtualPort(HBA_A0, VPORT_1);
		expect(r).toMatchObject({ok: false, errno: 'EFAULT', reason: 'FC_NPIV_NOT_SUPPORTED'});
		expect(fdiscs()).toBe(0);
		expect(l.stack.ports[0]!.vports).toHaveLength(0);
	});

	test.each(['private-loop', 'point-to-point'] as const)('on a %s: FC_NPIV_WRONG_TOPOLOGY', topology => {
		const sim = new Simulator();
		const stack = new HostFcStack({host: hostConfig(), sim, log: new EventLog(sim)});
		new FakeLoop(sim, topology).connect(stack.ports[0]!);
		sim.runUntilIdle();
		expect(stack.ports[0]!.physical.state).toBe('online');
		expect(stack.createVirtualPort(HBA_A0, VPORT_1)).toMatchObject({ok: false, reason: 'FC_NPIV_WRONG_TOPOLOGY'});
	});

	test('switch without NPIV: FC_NPIV_FDISC_FAILED without an FDISC on the wire', () => {
		const l = lab();
		l.sw.npiv = false;
		l.stack.forceLip(HBA_A0); // the FLOGI ACC now says no NPIV
		l.settle();
		const r = l.stack.createVirtualPort(HBA_A0, VPORT_1);
		expect(r).toMatchObject({ok: false, reason: 'FC_NPIV_FDISC_FAILED'});
		expect(!r.ok && r.message).toMatch(/no fabric support/);
		expect(l.sw.els.filter(e => e.op === 'FDISC')).toHaveLength(0);
	});

	test('switch out of logins: FDISC rejected 09/29, reported as FC_NPIV_FDISC_FAILED', () => {
		const l = lab();
		l.sw.npivLimit = 1;
		expect(l.stack.createVirtualPort(HBA_A0, VPORT_1).ok).toBe(true);
		const r = l.stack.createVirtualPort(HBA_A0, VPORT_2);
		expect(r).toMatchObject({ok: false, reason: 'FC_NPIV_FDISC_FAILED', reject: {reason: 0x09, explanation: 0x29}});
		expect(!r.ok && r.message).toMatch(/login limit/);
		expect(l.stack.ports[0]!.pickIndex(0)).toBe(2); // the failed create took no index
	});

	test('WWN already logged in elsewhere: the FDISC is rejected and the existing login is not disturbed', () => {
		const l = lab();
		const otherSim = l.sim;
		const other = new HostFcStack({host: hostConfig('QLE2462', 'dom0-b', {hbas: [{model: 'QLE2462', serial: 'X', ports: [{wwpn: '2100001b32899999', wwnn: '2000001b32899999'}]}]}), sim: otherSim, log: l.log});
		l.sw.connect(other.ports[0]!);
		l.settle();
		expect(other.createVirtualPort(wwn('2100001b32899999'), VPORT_1).ok).toBe(true);
		l.settle();
		const before = other.localPort(VPORT_1.wwpn)!;
		const fcidBefore = before.fcid;

		const r = l.stack.createVirtualPort(HBA_A0, VPORT_1);
		expect(r).toMatchObject({ok: false, reason: 'FC_NPIV_FDISC_FAILED', reject: {reason: 0x03, explanation: 0x0d}});
		l.settle();
		expect(before.state).toBe('online');
		expect(before.fcid).toBe(fcidBefore);
		expect(l.sw.loginByWwpn(VPORT_1.wwpn)?.fcid).toBe(fcidBefore);
		expect(l.stack.localPort(VPORT_1.wwpn)).toBeUndefined();
	});

	test('physical link down: refused like a failed FDISC', () => {
		const sim = new Simulator();
		const stack = new HostFcStack({host: hostConfig(), sim, log: new EventLog(sim)});
		const r = stack.createVirtualPort(HBA_A0, VPORT_1);
		expect(r).toMatchObject({ok: false, reason: 'FC_NPIV_FDISC_FAILED'});
		expect(!r.ok && r.message).toMatch(/link down/);
	});

	test('node WWN equal to port WWN, or zeros: BAD_WWN', () => {
		const l = lab();
		expect(l.stack.createVirtualPort(HBA_A0, {wwpn: VPORT_1.wwpn, wwnn: VPORT_1.wwpn})).toMatchObject({ok: false, reason: 'BAD_WWN'});
		expect(l.stack.createVirtualPort(HBA_A0, {wwpn: wwn('0000000000000000'), wwnn: VPORT_1.wwnn})).toMatchObject({ok: false, reason: 'BAD_WWN'});
	});

	test('every failure is logged with its reason', () => {
		const l = lab({model: 'LP10000'});
		l.stack.createVirtualPort(HBA_A0, VPORT_1);
		const e = l.log.entries().find(x => x.type === 'driver.vport.create');
		expect(e?.data).toMatchObject({ok: false, reason: 'FC_NPIV_NOT_SUPPORTED', wwpn: VPORT_1.wwpn, physical: HBA_A0});
	});
});

describe('host configuration errors', () => {
	test('a bad WWN in the configuration is a clear error', () => {
		const sim = new Simulator();
		const host = hostConfig('QLE2462', 'h', {hbas: [{model: 'QLE2462', serial: 's', ports: [{wwpn: 'zz', wwnn: '2000001b32812345'}]}]});
		expect(() => new HostFcStack({host, sim, log: new EventLog(sim)})).toThrow("host h: HBA 0 port 0 WWPN 'zz' is not a WWN (16 hex digits)");
	});

	test('an unknown model is a clear error', () => {
		const sim = new Simulator();
		const host = hostConfig('QLE9999' as never);
		expect(() => new HostFcStack({host, sim, log: new EventLog(sim)})).toThrow(/unknown FCA model 'QLE9999'/);
	});

	test('the same WWPN twice is refused', () => {
		const sim = new Simulator();
		const host = hostConfig('QLE2462', 'h', {hbas: [{model: 'QLE2462', serial: 's', ports: [{wwpn: HBA_A0, wwnn: '2000001b32812345'}, {wwpn: HBA_A0, wwnn: '2001001b32812345'}]}]});
		expect(() => new HostFcStack({host, sim, log: new EventLog(sim)})).toThrow(/appears twice/);
	});
});


describe('configuration shape', () => {
	test('world/LabConfig HostConfig and FcaModelName stay assignable to the driver\'s mirror types', () => {
		expectTypeOf<HostConfig>().toExtend<HostFcConfig>();
		expectTypeOf<LabFcaModelName>().toEqualTypeOf<FcaModelName>();
		expect(Object.keys(FCA_MODELS).sort()).toEqual(['LP10000', 'LPe11002', 'QLA2342', 'QLE2462', 'QLE2562']);
	});
});

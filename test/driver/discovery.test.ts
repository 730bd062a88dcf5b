import {describe, expect, test} from 'vitest';
import {DeviceType} from '../../source/fabric/Fcp.js';
import {HostFcStack} from '../../source/driver/HostFcStack.js';
import {Timing} from '../../source/driver/Timing.js';
import type {FpPort} from '../../source/driver/FpPort.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn} from '../../source/sim/Wwn.js';
import {FakeLoop, FakeTarget} from './fakeMedium.js';
import {HBA_A0, TARGET_1, TARGET_2, VPORT_1, VPORT_2, VPORT_3, hostConfig, lab} from './lab.js';

const lunsOf = (fp: FpPort | undefined) => (fp ? fp.lunPaths().map(l => l.osDeviceName) : []);
const targetsOf = (fp: FpPort | undefined) => (fp ? fp.remotePorts.filter(r => r.target).map(r => r.wwpn) : []);

function vport(l: ReturnType<typeof lab>, v: {wwpn: typeof VPORT_1.wwpn; wwnn: typeof VPORT_1.wwnn}): FpPort {
	const r = l.stack.createVirtualPort(HBA_A0, v);
	if (!r.ok) throw new Error(r.message);
	return r.port;
}

describe('login and registration', () => {
	test('each instance does its own login, name-server registrations and SCR', () => {
		const l = lab();
		const vp = vport(l, VPORT_1);
		l.settle();
		const phys = l.stack.ports[0]!.physical;
		for (const fp of [phys, vp]) {
			const ops = l.sw.els.filter(e => e.sid === fp.fcid).map(e => e.op);
			expect(ops.slice(0, 7)).toEqual(['PLOGI', 'RNN_ID', 'RSNN_NN', 'RSPN_ID', 'RFT_ID', 'RFF_ID', 'SCR']);
			const ns = l.sw.loginByWwpn(fp.wwpn)!;
			expect(ns.symbolicNodeName).toBe('dom0-a:qlc0');
			expect(ns.symbolicPortName).toBe(fp.devfsPath);
			expect(ns.fc4Types).toEqual([8]);
			expect(ns.fc4Features).toEqual({8: 0x02});
			expect(ns.scr).toBe('full');
		}
		expect(l.sw.loginByWwpn(VPORT_1.wwpn)?.npiv).toBe(true);
		expect(vp.fcid).not.toBe(phys.fcid);
	});
});

describe('per-port discovery', () => {
	test('a virtual port sees a target only when zoned with it, and a LUN only when masked to it', () => {
		const l = lab();
		l.sw.setZones([[HBA_A0, TARGET_1]]);
		l.target.mask(HBA_A0, [0, 1]);
		l.target.mask(VPORT_1.wwpn, [2]);
		l.settle();
		const phys = l.stack.ports[0]!.physical;
		const vp = vport(l, VPORT_1);
		l.settle();
		expect(targetsOf(phys)).toEqual([TARGET_1]);
		expect(targetsOf(vp)).toEqual([]);

		l.sw.setZones([[HBA_A0, TARGET_1], [VPORT_1.wwpn, TARGET_1]]);
		l.settle();
		expect(targetsOf(vp)).toEqual([TARGET_1]);
		expect(lunsOf(vp)).toEqual([`/dev/rdsk/c${vp.controller}t50060E8005123401d2s2`]);
		expect(lunsOf(phys)).toEqual([0, 1].map(n => `/dev/rdsk/c${phys.controller}t50060E8005123401d${n}s2`));
		const lun = vp.lunPaths()[0]!;
		expect(lun).toMatchObject({lun: 2, fcpLun: 2n << 48n, deviceType: 0, vendor: 'SUN     ', blocks: 4194304n, blockSize: 512, sizeBytes: 2147483648n, state: 'online'});
	});

	test('masking changes reach the port through an N_Port-detected RSCN (UNIT ATTENTION retried)', () => {
		const l = lab();
		const vp = vport(l, VPORT_1);
		l.settle();
		expect(lunsOf(vp)).toEqual([]);
		l.target.mask(VPORT_1.wwpn, [0, 2]);
		l.settle();
		expect(vp.lunPaths().map(x => x.lun)).toEqual([0, 2]);
		l.target.mask(VPORT_1.wwpn, [2]);
		l.settle();
		expect(vp.lunPaths().map(x => x.lun)).toEqual([2]);
		const types = l.log.entries().filter(e => e.source === vp.label).map(e => e.type);
		expect(types.filter(t => t === 'driver.sysevent.device_online')).toHaveLength(2);
		expect(types.filter(t => t === 'driver.sysevent.device_offline')).toHaveLength(1);
	});

	test('every affected virtual port reconfigures on an RSCN: target gone takes its LUNs, target back brings them back', () => {
		const l = lab();
		const vps = [VPORT_1, VPORT_2, VPORT_3].map(v => vport(l, v));
		for (const v of [VPORT_1, VPORT_2, VPORT_3]) l.target.mask(v.wwpn, [0, 1]);
		l.target.mask(HBA_A0, [2]);
		l.settle();
		const all = [l.stack.ports[0]!.physical, ...vps];
		expect(all.map(fp => fp.lunPaths().length)).toEqual([1, 2, 2, 2]);

		const targetPort = l.sw.loginByWwpn(TARGET_1)!.port;
		targetPort.unplug();
		l.settle();
		expect(all.map(targetsOf)).toEqual([[], [], [], []]);
		expect(all.map(fp => fp.lunPaths().length)).toEqual([0, 0, 0, 0]);
		for (const fp of all) {
			const mine = l.log.entries().filter(e => e.source === fp.label);
			expect(mine.some(e => e.type === 'driver.sysevent.port_rscn')).toBe(true);
			expect(mine.filter(e => e.type === 'driver.sysevent.target_remove').map(e => e.data['targetPortWwn'])).toEqual([TARGET_1]);
		}

		targetPort.plug();
		l.settle();
		expect(all.map(targetsOf)).toEqual([[TARGET_1], [TARGET_1], [TARGET_1], [TARGET_1]]);
		expect(all.map(fp => fp.lunPaths().length)).toEqual([1, 2, 2, 2]);
	});

	test('an RSCN reaches only the ports zoned with the change', () => {
		const l = lab();
		const [a, b] = [vport(l, VPORT_1), vport(l, VPORT_2)];
		l.sw.setZones([[VPORT_1.wwpn, TARGET_1]]);
		l.settle();
		const rscns = (fp: FpPort) => fp.rscnCount;
		const before = [rscns(a), rscns(b)];
		l.sw.loginByWwpn(TARGET_1)!.port.unplug();
		l.settle();
		expect(rscns(a) - before[0]!).toBe(1);
		expect(rscns(b) - before[1]!).toBe(0);
	});

	test('a second target joining is discovered by a GPN_ID of its page only', () => {
		const l = lab();
		l.target.mask(HBA_A0, [0]);
		l.settle();
		const t2 = new FakeTarget(TARGET_2, wwn('50060e8005123400'), 'array-2').addLun(7, {type: DeviceType.tape, vendor: 'HP', product: 'Ultrium 4-SCSI'});
		t2.mask(HBA_A0, [7]);
		const mark = l.sw.els.length;
		l.sw.connect(t2);
		l.settle();
		const phys = l.stack.ports[0]!.physical;
		expect(targetsOf(phys)).toEqual([TARGET_1, TARGET_2]);
		const ops = l.sw.els.slice(mark).filter(e => e.sid === phys.fcid).map(e => e.op);
		expect(ops).toContain('GPN_ID');
		expect(ops).not.toContain('GPN_FT');
		expect(lunsOf(phys)).toEqual([`/dev/rdsk/c${phys.controller}t50060E8005123401d0s2`, '/dev/rmt/0n']);
	});

	test('a zoning change (fabric-format RSCN) runs a full rediscovery', () => {
		const l = lab();
		l.settle();
		const phys = l.stack.ports[0]!.physical;
		const mark = l.sw.els.length;
		l.sw.setZones([[HBA_A0]]);
		l.settle();
		expect(l.sw.els.slice(mark).filter(e => e.sid === phys.fcid).map(e => e.op)).toContain('GPN_FT');
		expect(phys.remotePorts).toHaveLength(0);
	});
});

describe('link down and up', () => {
	test('physical and virtual ports go offline, LUNs stay offline, then all log in again (vports re-FDISC)', () => {
		const l = lab();
		const vp = vport(l, VPORT_1);
		l.target.mask(VPORT_1.wwpn, [0]);
		l.settle();
		const phys = l.stack.ports[0]!.physical;
		const hostPort = l.sw.loginByWwpn(HBA_A0)!.port;
		hostPort.unplug();
		l.sim.runFor(5);
		expect([phys.state, vp.state]).toEqual(['offline', 'offline']);
		expect(vp.lunPaths().map(x => x.state)).toEqual(['offline']);
		expect(vp.fcid).toBeUndefined();

		const fdiscs = l.sw.els.filter(e => e.op === 'FDISC').length;
		hostPort.plug();
		l.settle();
		expect([phys.state, vp.state]).toEqual(['online', 'online']);
		expect(l.sw.els.filter(e => e.op === 'FDISC').length).toBe(fdiscs + 1);
		expect(vp.lunPaths().map(x => x.state)).toEqual(['online']);
		// the LUN never went away: no device_offline, no second device_online
		const vpEvents = l.log.entries().filter(e => e.source === vp.label).map(e => e.type);
		expect(vpEvents.filter(t => t === 'driver.sysevent.device_online')).toHaveLength(1);
		expect(vpEvents.filter(t => t === 'driver.sysevent.device_offline')).toHaveLength(0);
		expect(vpEvents.filter(t => t === 'driver.sysevent.port_offline')).toHaveLength(1);
	});

	test('a link that stays down removes remote ports and LUNs after the offline timeout', () => {
		const l = lab();
		const vp = vport(l, VPORT_1);
		l.target.mask(VPORT_1.wwpn, [0]);
		l.settle();
		l.sw.loginByWwpn(HBA_A0)!.port.unplug();
		l.sim.runFor(Timing.offlineTimeout / 2);
		expect(vp.lunPaths()).toHaveLength(1);
		l.settle();
		expect(vp.lunPaths()).toHaveLength(0);
		expect(vp.remotePorts).toHaveLength(0);
	});

	test('link statistics move on faults: link loss and LIP', () => {
		const l = lab();
		const port = l.stack.ports[0]!;
		expect(port.stats.errorStatus()).toMatchObject({linkFailureCount: 0, lossOfSignalCount: 0});
		const hostPort = l.sw.loginByWwpn(HBA_A0)!.port;
		hostPort.unplug();
		l.settle();
		hostPort.plug();
		l.settle();
		expect(port.stats.errorStatus()).toMatchObject({linkFailureCount: 1, lossOfSignalCount: 1, lossOfSyncCount: 1});
		expect(l.stack.forceLip(HBA_A0)).toBe(true);
		l.settle();
		expect(port.stats.lipCount).toBe(1);
		expect(port.stats.errorStatus()).toMatchObject({linkFailureCount: 1, lossOfSyncCount: 2});
		expect(port.physical.state).toBe('online');
		expect(l.stack.forceLip(wwn('2100000000000000'))).toBe(false);
	});
});

describe('loop topology', () => {
	test('the physical port takes its AL_PA and logs in to the loop members without a name server', () => {
		const sim = new Simulator();
		const stack = new HostFcStack({host: hostConfig(), sim, log: new EventLog(sim)});
		const loop = new FakeLoop(sim);
		const t = new FakeTarget(TARGET_1, wwn('50060e8005123400')).addLun(0).addLun(3, {type: DeviceType.mediumChanger});
		t.mask(HBA_A0, [0, 3]);
		loop.connect(t);
		loop.connect(stack.ports[0]!);
		sim.runUntilIdle();
		const phys = stack.ports[0]!.physical;
		expect(phys.state).toBe('online');
		expect(phys.fcid).toBe(0xe8);
		expect(phys.topology).toBe('private-loop');
		expect(targetsOf(phys)).toEqual([TARGET_1]);
		expect(lunsOf(phys)).toEqual([`/dev/rdsk/c${phys.controller}t50060E8005123401d0s2`, `/dev/scsi/changer/c${phys.controller}t50060E8005123401d3`]);
	});
});

describe('determinism', () => {
	test('the same inputs give the same event log', () => {
		const run = () => {
			const l = lab();
			vport(l, VPORT_1);
			vport(l, VPORT_2);
			l.target.mask(VPORT_1.wwpn, [0, 1]);
			l.settle();
			l.sw.loginByWwpn(TARGET_1)!.port.unplug();
			l.settle();
			return l.log.entries().map(e => `${e.t} ${e.source} ${e.type} ${e.summary}`);
		};
		expect(run()).toEqual(run());
	});
});

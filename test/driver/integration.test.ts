/**
 * The host stack against the real fabric (fabric/) and a real array (storage/): logins, zoning,
 * LUN masking, RSCNs and the HBA-API, end to end.
 */
import {describe, expect, test} from 'vitest';
import {HostFcStack} from '../../source/driver/HostFcStack.js';
import {MemoryWwnRegistry} from '../../source/driver/WwnRegistry.js';
import {buildFabrics} from '../../source/fabric/index.js';
import {createHbaApi, HBA_CREATE_WWN_RANDOM, HBA_STATUS} from '../../source/hbaapi/index.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {Prng} from '../../source/sim/Prng.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn} from '../../source/sim/Wwn.js';
import {buildArrays} from '../../source/storage/index.js';
import type {ZoningConfig} from '../../source/world/LabConfig.js';
import {HBA_A0, VPORT_1, VPORT_2, hostConfig} from './lab.js';

const ARRAY_PORT = wwn('201400a0b829f1a0');

function zoning(zones: Record<string, string[]>): ZoningConfig {
	const names = Object.keys(zones);
	return {aliases: [], zones: names.map(name => ({name, members: zones[name]!})), configs: [{name: 'cfg', zones: names}], effective: 'cfg', defaultZone: 'no-access'};
}

function build(zones: Record<string, string[]>) {
	const sim = new Simulator();
	const log = new EventLog(sim, 100_000);
	const fabrics = buildFabrics(
		{
			fabrics: [{name: 'fab-a', zoning: zoning(zones)}],
			switches: [{name: 'sw-a1', fabric: 'fab-a', domainId: 1, wwn: '10:00:00:05:1e:00:00:01', portCount: 16, maxSpeedGbps: 4, npiv: true}],
			isls: [],
			loops: [],
		},
		sim,
		log,
	);
	const [array] = buildArrays(
		[
			{
				name: 'array-1',
				vendor: 'SUN',
				model: '6140',
				ports: [{name: 'ct0', wwpn: ARRAY_PORT, wwnn: '200400a0b829f1a0'}],
				luns: [
					{id: 0, sizeMiB: 10240, type: 'disk', vendor: 'SUN', product: 'CSM200_R', revision: '0660'},
					{id: 1, sizeMiB: 20480, type: 'disk', vendor: 'SUN', product: 'CSM200_R', revision: '0660'},
					{id: 2, sizeMiB: 512, type: 'disk', vendor: 'SUN', product: 'CSM200_R', revision: '0660'},
				],
				hostGroups: [
					{name: 'dom0-a', initiators: [HBA_A0], luns: [{lun: 0, hostLun: 0}]},
					{name: 'guest', initiators: [VPORT_1.wwpn], luns: [{lun: 1, hostLun: 3}]},
				],
			},
		],
		sim,
		log,
	);
	const stack = new HostFcStack({host: hostConfig(), sim, log});
	fabrics.plugIntoSwitch(array!.ports[0]!, 'sw-a1', 1);
	fabrics.plugIntoSwitch(stack.ports[0]!, 'sw-a1', 2);
	const api = createHbaApi(stack, {sim, wwnRegistry: new MemoryWwnRegistry(), prng: Prng.fromSeed(3)});
	const settle = () => void sim.runUntilIdle();
	settle();
	return {sim, log, fabrics, array: array!, stack, api, settle};
}

describe('host stack on the real fabric and array', () => {
	test('the physical port and a virtual port each see their own zoned target and masked LUNs', () => {
		const lab = build({host: [HBA_A0, ARRAY_PORT], guest: [VPORT_1.wwpn, ARRAY_PORT]});
		const phys = lab.stack.ports[0]!.physical;
		expect(phys.state).toBe('online');
		expect(phys.remotePorts.map(r => [r.wwpn, r.target])).toEqual([[ARRAY_PORT, true]]);
		expect(phys.lunPaths().map(l => l.osDeviceName)).toEqual([`/dev/rdsk/c${phys.controller}t201400A0B829F1A0d0s2`]);

		const h = lab.api.HBA_OpenAdapterByWWN(HBA_A0).value!;
		expect(lab.api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwnn, VPORT_1.wwpn, 0)).toEqual({status: 0, value: 1});
		lab.settle();
		const vp = lab.stack.localPort(VPORT_1.wwpn)!;
		expect(vp.state).toBe('online');
		expect(vp.lunPaths().map(l => [l.lun, l.vendor.trim(), l.product.trim()])).toEqual([[3, 'SUN', 'CSM200_R']]);
		const map = lab.api.HBA_GetFcpTargetMappingV2(h, VPORT_1.wwpn);
		expect(map.status === 0 && map.value.entry.map(e => [e.ScsiId.OSDeviceName, e.FcpId.FcpLun])).toEqual([[`/dev/rdsk/c${vp.controller}t201400A0B829F1A0d3s2`, 3n << 48n]]);
		expect(lab.api.HBA_ScsiReportLUNsV2(h, VPORT_1.wwpn, ARRAY_PORT)).toMatchObject({status: 0, value: {luns: [3n << 48n]}});

		// an unzoned virtual port logs in but sees nothing
		expect(lab.api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_2.wwnn, VPORT_2.wwpn, 0).status).toBe(0);
		lab.settle();
		expect(lab.stack.localPort(VPORT_2.wwpn)!.remotePorts).toEqual([]);
	});

	test('masking and port changes on the array reach every affected port', () => {
		const lab = build({host: [HBA_A0, ARRAY_PORT], guest: [VPORT_1.wwpn, ARRAY_PORT]});
		const vp = (() => {
			const r = lab.stack.createVirtualPort(HBA_A0, VPORT_1);
			if (!r.ok) throw new Error(r.message);
			return r.port;
		})();
		lab.settle();
		lab.array.editHostGroup('guest', {mapLuns: [{lun: 2, hostLun: 4}]});
		lab.settle();
		expect(vp.lunPaths().map(l => l.lun)).toEqual([3, 4]);

		const phys = lab.stack.ports[0]!.physical;
		lab.array.setPortOnline('ct0', false);
		lab.settle();
		expect([phys.remotePorts.length, vp.remotePorts.length]).toEqual([0, 0]);
		lab.array.setPortOnline('ct0', true);
		lab.settle();
		expect(phys.lunPaths().map(l => l.lun)).toEqual([0]);
		expect(vp.lunPaths().map(l => l.lun)).toEqual([3, 4]);
	});

	test('a WWN logged in from another host is refused; the existing login is untouched', () => {
		const lab = build({host: [HBA_A0, ARRAY_PORT], guest: [VPORT_1.wwpn, ARRAY_PORT]});
		const other = new HostFcStack({
			host: hostConfig('QLE2462', 'dom0-b', {hbas: [{model: 'QLE2462', serial: 'B', ports: [{wwpn: '2100001b32899999', wwnn: '2000001b32899999'}]}]}),
			sim: lab.sim,
			log: lab.log,
		});
		lab.fabrics.plugIntoSwitch(other.ports[0]!, 'sw-a1', 3);
		lab.settle();
		expect(lab.stack.createVirtualPort(HBA_A0, VPORT_1).ok).toBe(true);
		lab.settle();
		const vp = lab.stack.localPort(VPORT_1.wwpn)!;
		const before = [vp.state, vp.fcid, vp.lunPaths().length];
		const r = other.createVirtualPort(wwn('2100001b32899999'), VPORT_1);
		expect(r).toMatchObject({ok: false, reason: 'FC_NPIV_FDISC_FAILED'});
		lab.settle();
		expect([vp.state, vp.fcid, vp.lunPaths().length]).toEqual(before);
	});

	test('a random WWN from the HBA-API makes a working virtual port; pulling the cable takes it offline and back', () => {
		const lab = build({host: [HBA_A0, ARRAY_PORT]});
		const h = lab.api.HBA_OpenAdapterByWWN(HBA_A0).value!;
		const pair = lab.api.Sun_HBA_AdapterCreateWWN(h, 0, null, HBA_CREATE_WWN_RANDOM);
		if (pair.status !== 0) throw new Error('random WWN');
		expect(lab.api.Sun_HBA_CreateNPIVPort(h, 0, pair.value.nwwn, pair.value.pwwn, 0).status).toBe(HBA_STATUS.OK);
		lab.settle();
		const vp = lab.stack.localPort(pair.value.pwwn)!;
		expect(vp.state).toBe('online');
		lab.fabrics.unplug(lab.stack.ports[0]!);
		lab.settle();
		expect(vp.state).toBe('offline');
		lab.fabrics.plugIntoSwitch(lab.stack.ports[0]!, 'sw-a1', 2);
		lab.settle();
		expect([lab.stack.ports[0]!.physical.state, vp.state]).toEqual(['online', 'online']);
		expect(lab.stack.ports[0]!.stats.linkFailureCount).toBe(1);
	});

	test('on a private loop and on a point-to-point cable the port finds the array without a name server', () => {
		for (const topology of ['loop', 'p2p'] as const) {
			const sim = new Simulator();
			const log = new EventLog(sim, 10_000);
			const fabrics = buildFabrics({fabrics: [], switches: [], isls: [], loops: [{name: 'loop-1'}]}, sim, log);
			const [jbod] = buildArrays(
				[
					{
						name: 'jbod-1',
						vendor: 'SEAGATE',
						model: 'JBOD',
						ports: [{name: 'a', wwpn: '2200002037e5a0b1', wwnn: '2000002037e5a0b1'}],
						luns: [{id: 0, sizeMiB: 70006, type: 'disk', vendor: 'SEAGATE', product: 'ST373207FC', revision: '0005'}],
						hostGroups: [{name: 'h', initiators: [HBA_A0], luns: [{lun: 0, hostLun: 0}]}],
					},
				],
				sim,
				log,
			);
			const stack = new HostFcStack({host: hostConfig(), sim, log});
			if (topology === 'loop') {
				fabrics.plugIntoLoop(jbod!.ports[0]!, 'loop-1');
				fabrics.plugIntoLoop(stack.ports[0]!, 'loop-1');
			} else {
				fabrics.connectPointToPoint(stack.ports[0]!, jbod!.ports[0]!);
			}
			sim.runUntilIdle();
			const phys = stack.ports[0]!.physical;
			expect(phys.state).toBe('online');
			expect(phys.topology).toBe(topology === 'loop' ? 'private-loop' : 'point-to-point');
			expect(phys.remotePorts.map(r => r.wwpn)).toEqual(['2200002037e5a0b1']);
			expect(phys.lunPaths().map(l => l.osDeviceName)).toEqual([`/dev/rdsk/c${phys.controller}t2200002037E5A0B1d0s2`]);
			expect(stack.createVirtualPort(HBA_A0, VPORT_1)).toMatchObject({ok: false, reason: 'FC_NPIV_WRONG_TOPOLOGY'});
		}
	});

	test('a member joining the loop is a LIP: it is found, and the LIP is counted as such, not as a link failure', () => {
		const sim = new Simulator();
		const log = new EventLog(sim, 10_000);
		const fabrics = buildFabrics({fabrics: [], switches: [], isls: [], loops: [{name: 'loop-1'}]}, sim, log);
		const disk = (n: number) => ({
			name: `jbod-${n}`,
			vendor: 'SEAGATE',
			model: 'JBOD',
			ports: [{name: 'a', wwpn: `2200002037e5a0b${n}`, wwnn: `2000002037e5a0b${n}`}],
			luns: [{id: 0, sizeMiB: 70006, type: 'disk' as const, vendor: 'SEAGATE', product: 'ST373207FC', revision: '0005'}],
			hostGroups: [{name: 'h', initiators: [HBA_A0], luns: [{lun: 0, hostLun: 0}]}],
		});
		const [j1, j2] = buildArrays([disk(1), disk(2)], sim, log);
		const stack = new HostFcStack({host: hostConfig(), sim, log});
		fabrics.plugIntoLoop(stack.ports[0]!, 'loop-1');
		fabrics.plugIntoLoop(j1!.ports[0]!, 'loop-1');
		sim.runUntilIdle();
		const port = stack.ports[0]!;
		expect(port.physical.remotePorts.map(r => r.wwpn)).toEqual(['2200002037e5a0b1']);
		const lips = port.stats.lipCount;
		fabrics.plugIntoLoop(j2!.ports[0]!, 'loop-1');
		sim.runUntilIdle();
		expect(port.physical.remotePorts.map(r => r.wwpn).sort()).toEqual(['2200002037e5a0b1', '2200002037e5a0b2']);
		expect(port.stats.lipCount).toBe(lips + 1);
		expect(port.stats.linkFailureCount).toBe(0);
	});
});

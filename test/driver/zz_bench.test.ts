import {test} from 'vitest';
import {HostFcStack} from '../../source/driver/HostFcStack.js';
import {buildFabrics} from '../../source/fabric/index.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn} from '../../source/sim/Wwn.js';
import {buildArrays} from '../../source/storage/index.js';
import type {HostConfig} from '../../source/world/LabConfig.js';
test('bench', () => {
	const HOSTS = Number(process.env['HOSTS'] ?? 50), VP = Number(process.env['VP'] ?? 100);
	const sim = new Simulator();
	const log = new EventLog(sim, 5000);
	const ARRAY_PORT = wwn('201400a0b829f1a0');
	const zones: {name: string; members: string[]}[] = [];
	const hosts: HostConfig[] = [];
	const inits: string[] = [];
	for (let h = 0; h < HOSTS; h++) {
		const p = `2100001b32${h.toString(16).padStart(6, '0')}`;
		hosts.push({name: `h${h}`, kind: 'solaris', cpus: 1, memoryMiB: 1, hbas: [{model: 'QLE2562', serial: 's', ports: [{wwpn: p, wwnn: `2000001b32${h.toString(16).padStart(6, '0')}`}]}], npivPorts: []});
		zones.push({name: `z${h}`, members: [p, ARRAY_PORT]});
		inits.push(p);
		for (let v = 0; v < VP; v++) {
			const w = `c0007d${h.toString(16).padStart(4, '0')}${v.toString(16).padStart(4, '0')}01`;
			zones.push({name: `z${h}_${v}`, members: [w, ARRAY_PORT]});
			inits.push(w);
		}
	}
	const fabrics = buildFabrics({fabrics: [{name: 'fab-a', zoning: {aliases: [], zones, configs: [{name: 'cfg', zones: zones.map(z => z.name)}], effective: 'cfg', defaultZone: 'no-access'}}],
		switches: [{name: 'sw-a1', fabric: 'fab-a', domainId: 1, wwn: '10:00:00:05:1e:00:00:01', portCount: 256, maxSpeedGbps: 8, npiv: true, ports: Array.from({length: 256}, (_, i) => ({index: i, npivLimit: 255}))}], isls: [], loops: []}, sim, log);
	const [array] = buildArrays([{name: 'array-1', vendor: 'SUN', model: '6140', ports: [{name: 'ct0', wwpn: ARRAY_PORT, wwnn: '200400a0b829f1a0'}],
		luns: [{id: 0, sizeMiB: 10240, type: 'disk', vendor: 'SUN', product: 'CSM200_R', revision: '0660'}, {id: 1, sizeMiB: 10240, type: 'disk', vendor: 'SUN', product: 'CSM200_R', revision: '0660'}],
		hostGroups: [{name: 'g', initiators: inits, luns: [{lun: 0, hostLun: 0}, {lun: 1, hostLun: 1}]}]}], sim, log);
	let t0 = performance.now();
	const stacks = hosts.map(host => new HostFcStack({host, sim, log}));
	fabrics.plugIntoSwitch(array!.ports[0]!, 'sw-a1', 0);
	stacks.forEach((s, i) => fabrics.plugIntoSwitch(s.ports[0]!, 'sw-a1', i + 1));
	let n = sim.runUntilIdle();
	console.log('physical boot', (performance.now() - t0).toFixed(0), 'ms events', n);
	t0 = performance.now();
	for (let h = 0; h < HOSTS; h++) for (let v = 0; v < VP; v++) {
		const w = `c0007d${h.toString(16).padStart(4, '0')}${v.toString(16).padStart(4, '0')}`;
		const r = stacks[h]!.createVirtualPort(stacks[h]!.ports[0]!.wwpn, {wwpn: wwn(w + '01'), wwnn: wwn(w + '00')});
		if (!r.ok) throw new Error(r.message);
	}
	console.log('create', (performance.now() - t0).toFixed(0), 'ms');
	t0 = performance.now();
	n = sim.runUntilIdle();
	console.log('vport settle', (performance.now() - t0).toFixed(0), 'ms events', n, 'sim', sim.now.toFixed(1));
	let luns = 0; for (const s of stacks) for (const fp of s.fpPorts()) luns += fp.lunPaths().length;
	console.log('luns', luns);
	t0 = performance.now();
	array!.setPortOnline('ct0', false);
	n = sim.runUntilIdle();
	console.log('storm', (performance.now() - t0).toFixed(0), 'ms events', n);
	console.log(process.memoryUsage().heapUsed / 1e6, 'MB');
});

/** A small two-fabric Xen lab on the fake SAN, shared by the xvm and xm tests. */
import {Simulator} from '../../source/sim/Simulator.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {Prng} from '../../source/sim/Prng.js';
import {wwn, type Wwn} from '../../source/sim/Wwn.js';
import type {DomainConfig, HostConfig} from '../../source/world/LabConfig.js';
import {XenWorld, type XenWorldOptions} from '../../source/xvm/XenWorld.js';
import {FakeSan, type FakeAdapterConfig} from './FakeSan.js';

export const A1 = wwn('2100001b32a00001'); // dom0-a port on fab-a
export const A2 = wwn('2100001b32a00002'); // dom0-a port on fab-b
export const B1 = wwn('2100001b32b00001'); // dom0-b port on fab-a
export const B2 = wwn('2100001b32b00002'); // dom0-b port on fab-b
export const C1 = wwn('2100001b32c00001'); // dom0-c port on fab-c only
export const TARGET = wwn('500a098000000001');
export const TARGET2 = wwn('500a098000000002');
export const WEB_VP = wwn('c0007d0000000101');
export const WEB_VN = wwn('c0007d0000000100');
export const DB_VP = wwn('c0007d0000000201');
export const DB_VN = wwn('c0007d0000000200');

export const HOSTS: HostConfig[] = [
	{name: 'dom0-a', kind: 'xen', cpus: 8, memoryMiB: 16384, hbas: [], npivPorts: []},
	{name: 'dom0-b', kind: 'xen', cpus: 8, memoryMiB: 16384, hbas: [], npivPorts: []},
	{name: 'dom0-c', kind: 'xen', cpus: 4, memoryMiB: 8192, hbas: [], npivPorts: []},
	{name: 'sol-d', kind: 'solaris', cpus: 4, memoryMiB: 8192, hbas: [], npivPorts: []},
];

export const ADAPTERS: Record<string, FakeAdapterConfig[]> = {
	'dom0-a': [{ports: [{wwpn: A1, fabric: 'fab-a'}, {wwpn: A2, fabric: 'fab-b'}]}],
	'dom0-b': [{ports: [{wwpn: B1, fabric: 'fab-a'}, {wwpn: B2, fabric: 'fab-b'}]}],
	'dom0-c': [{ports: [{wwpn: C1, fabric: 'fab-c'}]}],
};

export const WEB01: DomainConfig = {
	name: 'web01',
	host: 'dom0-a',
	memoryMiB: 1024,
	vcpus: 2,
	disk: ['phy:/dev/zvol/dsk/rpool/web01,xvda,w'],
	vif: ['bridge=xenbr0'],
	npiv: [`${WEB_VP}:${WEB_VN}:1:${A1}`],
	state: 'running',
	managed: true,
};

export interface Lab {
	sim: Simulator;
	log: EventLog;
	san: FakeSan;
	xen: XenWorld;
	/** Event types in order, optionally filtered by prefix. */
	types(prefix?: string): string[];
	settle(): void;
}

export function makeLab(domains: DomainConfig[] = [WEB01], opts: Partial<XenWorldOptions> = {}, seed = 7): Lab {
	const sim = new Simulator();
	const log = new EventLog(sim, 100_000);
	const san = new FakeSan(sim);
	for (const [host, adapters] of Object.entries(ADAPTERS)) san.host(host, adapters);
	san.present(WEB_VP, [
		{target: TARGET, lun: 0},
		{target: TARGET, lun: 1},
	]);
	san.present(DB_VP, [{target: TARGET2, lun: 0}]);
	const xen = new XenWorld(
		{
			sim,
			log,
			prng: Prng.fromSeed(seed),
			hbaApiOf: name => san.apis.get(name) ?? san.host(name, []),
			fabricOf: (w: Wwn) => san.fabricOf(w),
			...opts,
		},
		HOSTS,
		domains,
	);
	xen.boot();
	sim.runUntilIdle();
	return {
		sim,
		log,
		san,
		xen,
		types: prefix => log.entries().map(e => e.type).filter(t => !prefix || t.startsWith(prefix)),
		settle: () => {
			sim.runUntilIdle();
		},
	};
}

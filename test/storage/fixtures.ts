import type {Initiator} from '../../source/fabric/Fcp.js';
import {EventLog} from '../../source/sim/EventLog.js';
import type {FcId} from '../../source/sim/FcId.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn} from '../../source/sim/Wwn.js';
import {buildArrays} from '../../source/storage/ArrayBuilder.js';
import type {StorageArray} from '../../source/storage/StorageArray.js';
import type {StorageArrayConfig} from '../../source/storage/StorageConfig.js';
import type {TargetPort} from '../../source/storage/TargetPort.js';
import {FakeLink} from './FakeLink.js';

/** A small array: two ports, three LUs, a group on every port and a group restricted to ct1. */
export const ARRAY_1: StorageArrayConfig = {
	name: 'array-1',
	vendor: 'SUN',
	model: '6140',
	ports: [
		{name: 'ct0', wwpn: '20:14:00:a0:b8:29:f1:a0', wwnn: '20:04:00:a0:b8:29:f1:a0'},
		{name: 'ct1', wwpn: '201500a0b829f1a0', wwnn: '200400a0b829f1a0'},
	],
	luns: [
		{id: 0, name: 'web-data', sizeMiB: 10240, type: 'disk', vendor: 'SUN', product: 'CSM200_R', revision: '0660'},
		{id: 1, sizeMiB: 20480, type: 'disk', vendor: 'SUN', product: 'CSM200_R', revision: '0660', serial: 'SV71234567'},
		{id: 7, name: 'library', sizeMiB: 0, type: 'medium-changer', vendor: 'STK', product: 'L180', revision: '0315'},
	],
	hostGroups: [
		{name: 'web01', initiators: ['2100001b32812345', 'c0007d0000000001'], luns: [{lun: 0, hostLun: 0}]},
		{name: 'db01', initiators: ['21:00:00:1B:32:81:23:46'], luns: [{lun: 1, hostLun: 0}, {lun: 7, hostLun: 5}], ports: ['ct1']},
	],
};

/** A JBOD on a private loop: no fabric, one port. */
export const JBOD: StorageArrayConfig = {
	name: 'jbod-1',
	vendor: 'SEAGATE',
	model: 'JBOD',
	ports: [{name: 'a', wwpn: '2200002037e5a0b1', wwnn: '2000002037e5a0b1'}],
	luns: [{id: 0, sizeMiB: 70006, type: 'disk', vendor: 'SEAGATE', product: 'ST373207FC', revision: '0005'}],
	hostGroups: [{name: 'loop-hosts', initiators: ['210000e08b000001'], luns: [{lun: 0, hostLun: 0}]}],
};

export const HOST_A = initiator('2100001b32812345', 0x010200);
/** An NPIV virtual port on HOST_A's HBA: its own nexus. */
export const VPORT_A = initiator('c0007d0000000001', 0x010201);
export const HOST_B = initiator('2100001b32812346', 0x010300);
export const STRANGER = initiator('2100001b32899999', 0x010500);

export function initiator(w: string, fcid: number): Initiator {
	const wwpn = wwn(w);
	return {wwpn, wwnn: wwn(`20${w.slice(2)}`), fcid: fcid as FcId};
}

export interface Lab {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly arrays: StorageArray[];
	readonly array: StorageArray;
	readonly links: Map<TargetPort, FakeLink>;
}

/** Builds arrays and, unless told otherwise, cables every port to its own fake fabric link and boots. */
export function lab(configs: readonly StorageArrayConfig[] = [ARRAY_1], options: {cable?: boolean} = {}): Lab {
	const sim = new Simulator();
	const log = new EventLog(sim, 10_000);
	const arrays = buildArrays(configs, sim, log);
	const links = new Map<TargetPort, FakeLink>();
	if (options.cable ?? true) {
		let area = 4;
		for (const a of arrays) {
			for (const p of a.ports) {
				const link = new FakeLink(sim, 'fabric', (0x010000 | (area++ << 8)) as FcId);
				links.set(p, link);
				link.plug(p);
			}
		}
		sim.runUntilIdle();
	}
	return {sim, log, arrays, array: arrays[0]!, links};
}

/** PLOGI + PRLI, as an initiator's rport login does. */
export function login(port: TargetPort, who: Initiator): void {
	const plogi = port.responder.plogi(who, port.fcid!);
	if (!plogi.accepted) throw new Error(`PLOGI rejected ${plogi.reason}/${plogi.explanation}`);
	const prli = port.responder.prli(who, port.fcid!);
	if (!prli.accepted) throw new Error('PRLI rejected');
}

export function reportLuns(port: TargetPort, who: Initiator): readonly number[] | string {
	const reply = port.responder.scsi(who, port.fcid!, {op: 'report-luns'});
	if (reply.status !== 'good' || !('luns' in reply)) return JSON.stringify(reply);
	return reply.luns;
}

export function eventTypes(log: EventLog, prefix = 'storage.'): string[] {
	return log.entries().filter(e => e.type.startsWith(prefix)).map(e => `${e.source} ${e.type}`);
}

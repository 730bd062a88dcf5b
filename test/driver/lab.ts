/** Builders shared by the driver and HBA-API tests: a host, a switch, arrays. */
import {EventLog} from '../../source/sim/EventLog.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn, type Wwn} from '../../source/sim/Wwn.js';
import {HostFcStack} from '../../source/driver/HostFcStack.js';
import type {FcaModelName, HostConfig} from '../../source/world/LabConfig.js';
import {FakeSwitch, FakeTarget} from './fakeMedium.js';

export const HBA_A0 = wwn('2100001b32812345');
export const HBA_A1 = wwn('2101001b32812345');
export const TARGET_1 = wwn('50060e8005123401');
export const TARGET_2 = wwn('50060e8005123402');
export const VPORT_1 = {wwpn: wwn('c0007d1a2b3c4d5f'), wwnn: wwn('c0007d1a2b3c4d5e')};
export const VPORT_2 = {wwpn: wwn('c0007d0000000101'), wwnn: wwn('c0007d0000000100')};
export const VPORT_3 = {wwpn: wwn('c0007d0000000201'), wwnn: wwn('c0007d0000000200')};

export function hostConfig(model: FcaModelName = 'QLE2462', name = 'dom0-a', extra: Partial<HostConfig> = {}): HostConfig {
	return {
		name,
		kind: 'xen',
		cpus: 4,
		memoryMiB: 8192,
		hbas: [
			{
				model,
				serial: 'RFC0820K12345',
				ports: [
					{wwpn: HBA_A0, wwnn: '2000001b32812345'},
					{wwpn: HBA_A1, wwnn: '2001001b32812345'},
				],
			},
		],
		npivPorts: [],
		...extra,
	};
}

export interface Lab {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly sw: FakeSwitch;
	readonly stack: HostFcStack;
	readonly target: FakeTarget;
	/** Runs the simulation to quiescence. */
	settle(): void;
}

/** One host (port 0 cabled to the switch) and one array with LUNs 0-2 on the same switch. */
export function lab(options: {model?: FcaModelName; zoned?: boolean; cableBoth?: boolean} = {}): Lab {
	const sim = new Simulator();
	const log = new EventLog(sim, 100_000);
	const sw = new FakeSwitch(sim);
	const stack = new HostFcStack({host: hostConfig(options.model), sim, log});
	const target = new FakeTarget(TARGET_1, wwn('50060e8005123400'), 'array-1');
	target.addLun(0).addLun(1).addLun(2, {blocks: 4194304n});
	sw.connect(target);
	sw.connect(stack.ports[0]!);
	if (options.cableBoth) sw.connect(stack.ports[1]!);
	const l: Lab = {sim, log, sw, stack, target, settle: () => void sim.runUntilIdle()};
	l.settle();
	return l;
}

export function wwns(list: readonly {readonly wwpn: Wwn}[]): Wwn[] {
	return list.map(p => p.wwpn);
}

import type {EventLog} from '../sim/EventLog.js';
import type {Simulator} from '../sim/Simulator.js';
import {StorageArray} from './StorageArray.js';
import type {StorageArrayConfig} from './StorageConfig.js';
import {StorageError} from './StorageError.js';

/**
 * Builds the arrays of a lab. Ports start cabled to nothing: the world cables each TargetPort
 * (an NPortEndpoint) to its switch port or loop, and the medium calls linkUp. Throws a
 * StorageError naming the array and the item when the configuration is inconsistent.
 */
export function buildArrays(configs: readonly StorageArrayConfig[], sim: Simulator, log: EventLog, options: {readonly restoring?: boolean} = {}): StorageArray[] {
	const arrays: StorageArray[] = [];
	const owners = new Map<string, string>();
	for (const config of configs) {
		if (arrays.some(a => a.name === config.name)) throw new StorageError(`duplicate array name '${config.name}'`);
		const array = new StorageArray(config, sim, log, options);
		for (const port of array.ports) {
			const other = owners.get(port.wwpn);
			if (other) throw new StorageError(`port WWPN ${port.wwpn} of ${port.label} is also used by ${other}`);
			owners.set(port.wwpn, port.label);
		}
		arrays.push(array);
	}
	return arrays;
}

/** The arrays as configuration, with every change made by commands (LUNs, host groups, port state). */
export function exportArrays(arrays: readonly StorageArray[]): StorageArrayConfig[] {
	return arrays.map(a => a.toConfig());
}

export function findArray(arrays: readonly StorageArray[], name: string): StorageArray | undefined {
	return arrays.find(a => a.name === name);
}

/** A lab with the HBA-API loaded over its host. */
import {MemoryWwnRegistry} from '../../source/driver/WwnRegistry.js';
import {createHbaApi} from '../../source/hbaapi/index.js';
import {Prng} from '../../source/sim/Prng.js';
import {lab, type Lab} from '../driver/lab.js';

export function apiLab(options: Parameters<typeof lab>[0] = {}, seed = 7) {
	const l: Lab = lab(options);
	const registry = new MemoryWwnRegistry();
	const api = createHbaApi(l.stack, {sim: l.sim, wwnRegistry: registry, prng: Prng.fromSeed(seed)});
	const open = (): number => {
		const r = api.HBA_OpenAdapterByWWN(l.stack.ports[0]!.wwpn);
		if (r.status !== 0) throw new Error(`open failed ${r.status}`);
		return r.value;
	};
	return {...l, api, registry, open};
}

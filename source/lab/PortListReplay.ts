/**
 * svc:/network/npiv_config at boot: for every host with a saved port list, the SMF method runs
 * `fcadm create-port-list`, which re-creates each virtual port with its saved index (so it gets
 * its old `fp@<idx>,0` unit address). The command prints nothing and always exits 0; what it did
 * comes back as facts, and a value it skipped or could not create is logged the way the service
 * would leave it in its log.
 */
import {dispatchFamily} from '../commands/families/dispatchFamily.js';
import type {ReplayedPortFacts} from '../commands/fcinfo/index.js';
import type {PortListReplay, World} from '../world/World.js';

export function portListService(world: World): PortListReplay {
	return host => {
		const output = dispatchFamily('fcadm', ['create-port-list'], {
			world,
			globals: {host, json: false, statePath: '', noColor: true},
			readFile: () => '',
			writeFile: () => false,
			settle: false,
		});
		const source = `npiv_config@${host}`;
		const replayed = (output.facts?.['portList'] ?? []) as readonly ReplayedPortFacts[];
		for (const port of replayed) {
			if (port.result === 'skipped') world.log.emit(source, 'world.npiv_config.skip', `'${port.value}' not created: its port has no NPIV or no free virtual ports`, {value: port.value});
			else if (port.result === 'failed') world.log.emit(source, 'world.npiv_config.fail', `'${port.value}' not created${port.problem ? `: ${port.problem}` : ''}`, {value: port.value});
		}
	};
}

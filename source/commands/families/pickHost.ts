import {commandError, type CommandOutput} from '../CommandOutput.js';
import type {WorldHost} from '../../world/World.js';
import type {FamilyContext} from './FamilyContext.js';

/** The host named by --host, or the first host that fits. */
export function pickHost(ctx: FamilyContext, fits: (h: WorldHost) => boolean): WorldHost | CommandOutput {
	const {world, globals} = ctx;
	if (globals.host !== undefined) {
		const host = world.host(globals.host);
		if (!host) return commandError(`npiv: no host '${globals.host}' (hosts: ${world.hosts.map(h => h.config.name).join(', ')})`);
		return host;
	}
	const host = world.hosts.find(fits);
	if (!host) return commandError('npiv: the lab has no host for this command');
	return host;
}

import {commandError, type CommandOutput} from '../CommandOutput.js';
import type {HostConfig} from '../../world/LabConfig.js';
import type {WorldHost} from '../../world/World.js';
import type {FamilyContext} from './FamilyContext.js';

/**
 * The host named by --host, or the first host whose configuration fits. Only that host is
 * touched: a command about one host of 500 never brings up the other 499.
 */
export function pickHost(ctx: FamilyContext, fits: (h: HostConfig) => boolean): WorldHost | CommandOutput {
	const {world, globals} = ctx;
	if (globals.host !== undefined) {
		const host = world.host(globals.host);
		if (!host) return commandError(`npiv: no host '${globals.host}' (hosts: ${world.hostNames.join(', ')})`);
		return host;
	}
	const name = world.hostNames.find(n => fits(world.hostConfig(n)!));
	const host = name === undefined ? undefined : world.host(name);
	if (!host) return commandError('npiv: the lab has no host for this command');
	return host;
}

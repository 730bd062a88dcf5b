/** Where each N_Port of the world is cabled: the switch port or loop at the other end. */
import type {Wwn} from '../../sim/Wwn.js';
import type {Cable} from '../../world/Cabling.js';
import type {World} from '../../world/World.js';

export interface CableFacts {
	readonly cable: Cable;
	/** The N_Port end as `fault cable` names it (HOST/WWPN, ARRAY/PORT). */
	readonly end: string;
	readonly switchName: string | null;
	readonly switchPort: number | null;
	readonly loop: string | null;
	/** The N_Port at the other end of a point-to-point cable. */
	readonly peer: string | null;
}

const cache = new WeakMap<World, Map<Wwn, CableFacts>>();

/** Cables never change within one world (a pull keeps the cable), so this is computed once. */
export function cablesByWwpn(world: World): Map<Wwn, CableFacts> {
	let map = cache.get(world);
	if (map) return map;
	map = new Map();
	for (const cable of world.cables) {
		for (const [near, far] of [
			[cable.a, cable.b],
			[cable.b, cable.a],
		] as const) {
			if (near.kind !== 'nport') continue;
			map.set(near.endpoint.wwpn, {
				cable,
				end: near.text,
				switchName: far.kind === 'switch' ? far.switch : null,
				switchPort: far.kind === 'switch' ? far.port : null,
				loop: far.kind === 'loop' ? far.loop : null,
				peer: far.kind === 'nport' ? far.text : null,
			});
		}
	}
	cache.set(world, map);
	return map;
}

/** The fabric a switch belongs to. */
export function fabricOfSwitch(world: World, switchName: string): string | null {
	return world.fabrics.switch(switchName)?.fabric.name ?? null;
}

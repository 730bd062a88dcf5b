/**
 * Names for WWNs, for an operator who thinks in hosts and domains: the zoning alias of a port in
 * the fabric it is on, else its owner (`dom0-a/qlc0` for an HBA port, the domain a virtual port
 * is bound to, `array-1/A-1` for an array port). Only what the lab itself holds: the fabrics'
 * zoning databases, the hosts' FCA ports, the arrays' target ports and the domains' `npiv =`.
 *
 * Made once per zoning state (the world's administrative changes count every alicreate,
 * zonecreate and cfgenable) and shared by every row builder, so that 100,000 virtual ports cost
 * a map lookup each when their rows are rebuilt, and nothing when they are not.
 */
import type {Wwn} from '../../sim/Wwn.js';
import type {Fabric} from '../../fabric/Fabric.js';
import type {World} from '../../world/World.js';
import {cablesByWwpn, fabricOfSwitch} from './Cabling.js';

/** Both names of a WWN: the detail panel shows them side by side. */
export interface WwnNames {
	/** The zoning alias and the fabric whose zoning has it, or null. */
	readonly alias: {readonly name: string; readonly fabric: string} | null;
	readonly owner: string | null;
}

interface Owners {
	/** Physical HBA ports and their node WWNs: `host/qlc0`. */
	readonly hba: Map<Wwn, string>;
	/** Array target ports (`array-1/A-1`) and array node WWNs (`array-1`). */
	readonly arrays: Map<Wwn, string>;
	/** The fabric each cabled port (HBA or array) is on, by port WWN; null on a loop or a point-to-point cable. */
	readonly fabricOf: Map<Wwn, string | null>;
}

// Hosts, adapters, arrays and cables do not change within one world.
const ownersCache = new WeakMap<World, Owners>();

function ownersOf(world: World): Owners {
	let owners = ownersCache.get(world);
	if (owners) return owners;
	const hba = new Map<Wwn, string>();
	const arrays = new Map<Wwn, string>();
	const fabricOf = new Map<Wwn, string | null>();
	for (const host of world.hosts) {
		for (const port of host.stack.ports) {
			hba.set(port.wwpn, port.label);
			if (!hba.has(port.wwnn)) hba.set(port.wwnn, port.label);
		}
	}
	for (const array of world.arrays) {
		for (const port of array.ports) {
			arrays.set(port.wwpn, port.label);
			// One node name for the whole array (a 6140's controllers share it).
			if (!arrays.has(port.wwnn)) arrays.set(port.wwnn, array.name);
		}
	}
	for (const [wwpn, cable] of cablesByWwpn(world)) fabricOf.set(wwpn, cable.switchName !== null ? fabricOfSwitch(world, cable.switchName) : null);
	owners = {hba, arrays, fabricOf};
	ownersCache.set(world, owners);
	return owners;
}

/**
 * The aliases of one fabric by WWN. Where several aliases hold a WWN, the one through which the
 * effective configuration zones it wins (that is the name the fabric acts on), then any defined
 * alias (alishow lists it even before the next cfgenable); ties go to the first by name.
 */
function fabricAliases(fabric: Fabric): Map<Wwn, string> {
	const db = fabric.zoning;
	const effective = new Set<string>();
	for (const zone of db.effective?.zones ?? []) {
		const members = new Set(zone.members);
		for (const m of db.zones.get(zone.name) ?? []) {
			for (const w of db.aliases.get(m) ?? []) if (members.has(w)) effective.add(`${m}\n${w}`);
		}
	}
	const names = [...db.aliases.keys()].sort();
	const out = new Map<Wwn, string>();
	for (const pass of [true, false]) {
		for (const name of names) {
			for (const member of db.aliases.get(name)!) {
				// Alias members are canonical: a WWPN as 16 lowercase hex digits, or `d,i`.
				if (member.includes(',') || out.has(member as Wwn)) continue;
				if (!pass || effective.has(`${name}\n${member}`)) out.set(member as Wwn, name);
			}
		}
	}
	return out;
}

export class PortNames {
	private readonly owners: Owners;
	private readonly aliases = new Map<string, Map<Wwn, string>>();

	/** `stamp` tells rows built with another PortNames apart (see HbaPanes). */
	constructor(
		readonly world: World,
		readonly stamp: string,
	) {
		this.owners = ownersOf(world);
		for (const fabric of world.fabrics.fabrics) this.aliases.set(fabric.name, fabricAliases(fabric));
	}

	/** The fabric a physical HBA port or an array port is cabled to (null: a loop, a cable to a port, or unknown). */
	fabricOf(portWwn: Wwn): string | null {
		return this.owners.fabricOf.get(portWwn) ?? null;
	}

	/** The alias of `wwn` in `fabric`'s zoning database. */
	alias(wwn: Wwn, fabric: string | null): string | null {
		return fabric === null ? null : (this.aliases.get(fabric)?.get(wwn) ?? null);
	}

	/**
	 * Who a WWN belongs to: `domain` when given (the domain a virtual port is bound to), else the
	 * HBA port or array port (or node) that has it. A row builder asks with a virtual port's
	 * physical WWN, which it has at hand: nothing here searches 100,000 ports.
	 */
	owner(wwn: Wwn, domain: string | null = null): string | null {
		if (domain !== null) return domain;
		return this.owners.hba.get(wwn) ?? this.owners.arrays.get(wwn) ?? null;
	}

	/** What a list shows for a WWN in place of the number: the alias, else the owner; undefined when neither. */
	label(wwn: Wwn, fabric: string | null, domain: string | null = null): string | undefined {
		return this.alias(wwn, fabric) ?? this.owner(wwn, domain) ?? undefined;
	}

	/** Both names of `wwn` in `fabric`, for the detail panel. */
	of(wwn: Wwn, fabric: string | null, domain: string | null = null): WwnNames {
		const alias = this.alias(wwn, fabric);
		return {alias: alias === null ? null : {name: alias, fabric: fabric!}, owner: this.owner(wwn, domain)};
	}

	/**
	 * Both names of a port looked up by its WWN alone (the detail panel: one port, so a search of
	 * the hosts is fine), in the fabric its cable goes to: an HBA or array port, or a virtual port
	 * (owned by `domain`, else by the physical port it was created on).
	 */
	ofPort(wwn: Wwn, domain: string | null): WwnNames {
		let physical = wwn;
		if (!this.owners.hba.has(wwn)) {
			for (const host of this.world.hosts) {
				const fp = host.stack.localPort(wwn);
				if (fp) {
					physical = fp.physicalWwpn;
					break;
				}
			}
		}
		const fabric = this.fabricOf(physical);
		const alias = this.alias(wwn, fabric);
		return {alias: alias === null ? null : {name: alias, fabric: fabric!}, owner: this.owner(physical, domain)};
	}
}

/**
 * `wwn (alias, owner)` for a line of the detail panel: the number and every name it has, so
 * that the operator never has to toggle to learn either.
 */
export function wwnWithNames(wwn: Wwn, names: WwnNames): string {
	const said = [names.alias?.name, names.owner].filter((n): n is string => n !== null && n !== undefined);
	const unique = said.filter((n, i) => said.indexOf(n) === i);
	return unique.length === 0 ? wwn : `${wwn} (${unique.join(', ')})`;
}

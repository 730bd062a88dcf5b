/**
 * The checks a lab needs beyond the shape of each field: names are unique, every reference points
 * at something that exists, a switch port carries at most one cable, and the NPIV strings are what
 * fcadm and xm would have written. Run on a lab whose fields already have the right types.
 */
import {canonicalMember, isAliasMember, portMemberRangeProblem} from '../fabric/ZoneMember.js';
import {zoneObjectNameProblem} from '../fabric/ZoneObjectName.js';
import type {Wwn} from '../sim/Wwn.js';
import type {CableEnd, LabConfig, ZoningConfig} from '../world/LabConfig.js';
import {parseDomainNpivEntry, parseNpivPortEntry, storeWwn} from './FieldFormats.js';
import type {IssuePath, StoreIssue} from './IssueText.js';
import {isKnownValid} from './ValidLabParts.js';

type Add = (path: IssuePath, message: string) => void;

export function checkLab(lab: LabConfig): StoreIssue[] {
	const issues: StoreIssue[] = [];
	const add: Add = (path, message) => issues.push({path, message});

	const fabrics = uniqueNames(lab.fabrics, 'fabrics', 'fabric', add);
	lab.fabrics.forEach((fabric, i) => {
		if (!isKnownValid(fabric)) checkZoning(fabric.zoning, ['fabrics', i, 'zoning'], add);
	});

	// Burned-in WWNs (switches, HBA ports, array ports) identify hardware: one owner each.
	const physical = new Map<Wwn, string>();
	const claimPhysical = (text: string, owner: string, path: IssuePath) => {
		const w = storeWwn(text);
		if (!w) return;
		const previous = physical.get(w);
		if (previous) add(path, `WWN ${text} is already used by ${previous}`);
		else physical.set(w, owner);
	};

	const switches = uniqueNames(lab.switches, 'switches', 'switch', add);
	const domainsByFabric = new Map<string, Map<number, string>>();
	lab.switches.forEach((sw, i) => {
		const at = ['switches', i];
		if (!fabrics.has(sw.fabric)) add([...at, 'fabric'], `fabric ${JSON.stringify(sw.fabric)} is not in the fabrics list`);
		const ids = domainsByFabric.get(sw.fabric) ?? new Map<number, string>();
		domainsByFabric.set(sw.fabric, ids);
		const holder = ids.get(sw.domainId);
		if (holder !== undefined) add([...at, 'domainId'], `domain ID ${sw.domainId} is already used by switch ${holder} in fabric ${sw.fabric}`);
		else ids.set(sw.domainId, sw.name);
		claimPhysical(sw.wwn, `switch ${sw.name}`, [...at, 'wwn']);
		const seen = new Set<number>();
		(sw.ports ?? []).forEach((port, j) => {
			if (port.index >= sw.portCount) add([...at, 'ports', j, 'index'], `port ${port.index} does not exist: switch ${sw.name} has ports 0 to ${sw.portCount - 1}`);
			if (seen.has(port.index)) add([...at, 'ports', j, 'index'], `port ${port.index} is listed twice`);
			seen.add(port.index);
			if (port.speedGbps !== undefined && port.speedGbps > sw.maxSpeedGbps) {
				add([...at, 'ports', j, 'speedGbps'], `${port.speedGbps} Gb/s is faster than the switch's ${sw.maxSpeedGbps} Gb/s`);
			}
		});
	});

	// Every switch port carries at most one link, ISL or cable.
	const switchPortUse = new Map<string, string>();
	const useSwitchPort = (name: string, port: number, what: string, path: IssuePath): void => {
		const sw = switches.get(name);
		if (!sw) {
			add(path, `switch ${JSON.stringify(name)} does not exist`);
			return;
		}
		if (port >= sw.portCount) {
			add(path, `port ${port} does not exist: switch ${name} has ports 0 to ${sw.portCount - 1}`);
			return;
		}
		const key = `${name}\u0000${port}`;
		const previous = switchPortUse.get(key);
		if (previous) add(path, `port ${port} of switch ${name} is already used by ${previous}`);
		else switchPortUse.set(key, what);
	};

	const adjacency = new Map<string, string[]>();
	lab.isls.forEach((isl, i) => {
		const at = ['isls', i];
		useSwitchPort(isl.a.switch, isl.a.port, `ISL ${i}`, [...at, 'a']);
		useSwitchPort(isl.b.switch, isl.b.port, `ISL ${i}`, [...at, 'b']);
		const a = switches.get(isl.a.switch);
		const b = switches.get(isl.b.switch);
		if (a && b) {
			if (a === b) add(at, `an ISL joins switch ${a.name} to itself`);
			else if (a.fabric !== b.fabric) add(at, `an ISL joins ${a.name} (fabric ${a.fabric}) to ${b.name} (fabric ${b.fabric}): it would merge two fabrics`);
			else {
				adjacency.set(a.name, [...(adjacency.get(a.name) ?? []), b.name]);
				adjacency.set(b.name, [...(adjacency.get(b.name) ?? []), a.name]);
			}
		}
	});
	checkFabricsJoined(lab, adjacency, add);

	const loops = uniqueNames(lab.loops, 'loops', 'loop', add);

	const hosts = uniqueNames(lab.hosts, 'hosts', 'host', add);
	const hostPorts = new Map<string, Map<Wwn, string>>();
	const xenPhysicalPorts = new Set<Wwn>();
	lab.hosts.forEach((host, i) => {
		const at = ['hosts', i];
		const ports = new Map<Wwn, string>();
		hostPorts.set(host.name, ports);
		host.hbas.forEach((hba, h) => {
			hba.ports.forEach((port, p) => {
				claimPhysical(port.wwpn, `host ${host.name} HBA ${h} port ${p}`, [...at, 'hbas', h, 'ports', p, 'wwpn']);
				const w = storeWwn(port.wwpn);
				if (w) {
					ports.set(w, port.wwpn);
					if (host.kind === 'xen') xenPhysicalPorts.add(w);
				}
			});
		});
		if (!isKnownValid(host)) checkHostNpivPorts(host.name, host.npivPorts, ports, [...at, 'npivPorts'], add);
	});

	const arrays = uniqueNames(lab.arrays, 'arrays', 'array', add);
	lab.arrays.forEach((array, i) => {
		const at = ['arrays', i];
		const portNames = uniqueNames(array.ports, [...at, 'ports'], 'target port', add);
		array.ports.forEach((port, p) => claimPhysical(port.wwpn, `array ${array.name} port ${port.name}`, [...at, 'ports', p, 'wwpn']));
		// An array's LUs, host groups and masking refer only to the array itself.
		if (isKnownValid(array)) return;
		const luIds = new Set<number>();
		array.luns.forEach((lu, l) => {
			if (luIds.has(lu.id)) add([...at, 'luns', l, 'id'], `LU ${lu.id} is defined twice in array ${array.name}`);
			luIds.add(lu.id);
		});
		uniqueNames(array.hostGroups, [...at, 'hostGroups'], 'host group', add);
		array.hostGroups.forEach((group, g) => {
			const gAt = [...at, 'hostGroups', g];
			const hostLuns = new Set<number>();
			group.luns.forEach((map, m) => {
				if (!luIds.has(map.lun)) add([...gAt, 'luns', m, 'lun'], `LU ${map.lun} does not exist in array ${array.name}`);
				if (hostLuns.has(map.hostLun)) add([...gAt, 'luns', m, 'hostLun'], `host LUN ${map.hostLun} is mapped twice in host group ${group.name}`);
				hostLuns.add(map.hostLun);
			});
			(group.ports ?? []).forEach((name, p) => {
				if (!portNames.has(name)) add([...gAt, 'ports', p], `array ${array.name} has no target port ${JSON.stringify(name)}`);
			});
			const initiators = new Set<Wwn>();
			group.initiators.forEach((text, n) => {
				const w = storeWwn(text);
				if (w && initiators.has(w)) add([...gAt, 'initiators', n], `initiator ${text} is listed twice`);
				if (w) initiators.add(w);
			});
		});
	});

	// Cables: every end exists, and a port end carries one cable.
	const endUse = new Map<string, number>();
	lab.cables.forEach((cable, i) => {
		const at = ['cables', i];
		const kindA = endKind(cable.a);
		const kindB = endKind(cable.b);
		if (kindA === 'switch' && kindB === 'switch') add(at, 'a cable joins two switches: list switch-to-switch links under isls');
		if (kindA === 'loop' && kindB === 'loop') add(at, 'a cable joins two loops');
		for (const side of ['a', 'b'] as const) {
			const end = cable[side];
			const path = [...at, side];
			if ('switch' in end) {
				useSwitchPort(end.switch, end.port, `cable ${i}`, path);
			} else if ('host' in end) {
				const ports = hostPorts.get(end.host);
				const w = storeWwn(end.wwpn);
				if (!hosts.has(end.host)) add(path, `host ${JSON.stringify(end.host)} does not exist`);
				else if (w && !ports?.has(w)) add(path, `host ${end.host} has no HBA port ${end.wwpn}`);
				else if (w) claimEnd(`host\u0000${w}`, i, `HBA port ${end.wwpn} of host ${end.host}`, path);
			} else if ('array' in end) {
				const array = arrays.get(end.array);
				if (!array) add(path, `array ${JSON.stringify(end.array)} does not exist`);
				else if (!array.ports.some(p => p.name === end.port)) add(path, `array ${end.array} has no target port ${JSON.stringify(end.port)}`);
				else claimEnd(`array\u0000${end.array}\u0000${end.port}`, i, `target port ${end.port} of array ${end.array}`, path);
			} else if (!loops.has(end.loop)) {
				add(path, `loop ${JSON.stringify(end.loop)} does not exist`);
			}
		}
	});
	function claimEnd(key: string, cable: number, what: string, path: IssuePath): void {
		const previous = endUse.get(key);
		if (previous !== undefined) add(path, `${what} is already cabled (cable ${previous})`);
		else endUse.set(key, cable);
	}

	uniqueNames(lab.domains, 'domains', 'domain', add);
	lab.domains.forEach((domain, i) => {
		const at = ['domains', i];
		const host = hosts.get(domain.host);
		if (!host) add([...at, 'host'], `host ${JSON.stringify(domain.host)} does not exist`);
		else if (host.kind !== 'xen') add([...at, 'host'], `host ${domain.host} is a ${host.kind} host; domains run on a xen host`);
		const vports = new Set<Wwn>();
		(domain.npiv ?? []).forEach((text, n) => {
			const parsed = parseDomainNpivEntry(text);
			if (parsed.problem !== undefined) {
				add([...at, 'npiv', n], parsed.problem);
				return;
			}
			const entry = parsed.value;
			if (vports.has(entry.portWwn)) add([...at, 'npiv', n], `virtual port WWN ${entry.portWwn} is listed twice`);
			vports.add(entry.portWwn);
			if (!xenPhysicalPorts.has(entry.physicalWwn)) add([...at, 'npiv', n], `physical port ${entry.physicalWwn} is not an HBA port of a xen host`);
		});
	});

	return issues;
}

function uniqueNames<T extends {readonly name: string}>(items: readonly T[], where: string | IssuePath, what: string, add: Add): Map<string, T> {
	const base = typeof where === 'string' ? [where] : where;
	const byName = new Map<string, T>();
	items.forEach((item, i) => {
		if (byName.has(item.name)) add([...base, i, 'name'], `${what} name ${JSON.stringify(item.name)} is used twice`);
		else byName.set(item.name, item);
	});
	return byName;
}

function endKind(end: CableEnd): 'switch' | 'host' | 'array' | 'loop' {
	if ('switch' in end) return 'switch';
	if ('host' in end) return 'host';
	if ('array' in end) return 'array';
	return 'loop';
}

/** Switches of one fabric must form one connected graph, or they are two fabrics in disguise. */
function checkFabricsJoined(lab: LabConfig, adjacency: ReadonlyMap<string, readonly string[]>, add: Add): void {
	const byFabric = new Map<string, string[]>();
	for (const sw of lab.switches) byFabric.set(sw.fabric, [...(byFabric.get(sw.fabric) ?? []), sw.name]);
	for (const [fabric, members] of byFabric) {
		const reached = new Set<string>([members[0]!]);
		const queue = [members[0]!];
		while (queue.length > 0) {
			for (const next of adjacency.get(queue.pop()!) ?? []) {
				if (!reached.has(next)) {
					reached.add(next);
					queue.push(next);
				}
			}
		}
		const cut = members.find(m => !reached.has(m));
		if (cut !== undefined) {
			const index = lab.switches.findIndex(s => s.name === cut);
			add(['switches', index, 'fabric'], `switch ${cut} is in fabric ${fabric} but no ISL path joins it to ${members[0]}`);
		}
	}
}

function checkHostNpivPorts(host: string, entries: readonly string[], physical: ReadonlyMap<Wwn, string>, at: IssuePath, add: Add): void {
	const vports = new Set<Wwn>();
	// Per physical port, the indexes in use (kernel indexes are below 256).
	const ordinal = new Map<Wwn, number>([...physical.keys()].map((w, i) => [w, i]));
	const indexes = new Set<number>();
	entries.forEach((text, i) => {
		const parsed = parseNpivPortEntry(text);
		if (parsed.problem !== undefined) {
			add([...at, i], parsed.problem);
			return;
		}
		const e = parsed.value;
		const port = ordinal.get(e.physicalWwn);
		if (port === undefined) add([...at, i], `host ${host} has no HBA port ${e.physicalText}`);
		if (physical.has(e.portWwn)) add([...at, i], `virtual port WWN ${e.portWwn} is the WWN of a physical port of host ${host}`);
		if (vports.has(e.portWwn)) add([...at, i], `virtual port WWN ${e.portWwn} is already a virtual port of host ${host}`);
		vports.add(e.portWwn);
		if (port !== undefined) {
			const key = port * 256 + e.index;
			if (indexes.has(key)) add([...at, i], `index ${e.index} is already used on physical port ${e.physicalText}`);
			indexes.add(key);
		}
	});
}

function checkZoning(zoning: ZoningConfig, at: IssuePath, add: Add): void {
	// Brocade keeps aliases, zones and configurations in one name space.
	const names = new Map<string, string>();
	const claim = (name: string, kind: string, path: IssuePath) => {
		// the fabric's own rule (FOS naming), so the store keeps exactly what the switch shell accepts
		const problem = zoneObjectNameProblem(name);
		if (problem !== undefined) add(path, `${kind} name ${JSON.stringify(name)} ${problem}`);
		const previous = names.get(name);
		if (previous) add(path, `${kind} name ${JSON.stringify(name)} is already used by ${previous === kind ? 'another' : 'an'} ${previous}`);
		else names.set(name, kind);
	};
	zoning.aliases.forEach((alias, i) => {
		claim(alias.name, 'alias', [...at, 'aliases', i, 'name']);
		alias.members.forEach((member, m) => {
			const problem = memberProblem(member, false);
			if (problem) add([...at, 'aliases', i, 'members', m], problem);
		});
	});
	const aliasNames = new Set(zoning.aliases.map(a => a.name));
	zoning.zones.forEach((zone, i) => {
		claim(zone.name, 'zone', [...at, 'zones', i, 'name']);
		zone.members.forEach((member, m) => {
			if (aliasNames.has(member)) return;
			const problem = memberProblem(member, true);
			if (problem) add([...at, 'zones', i, 'members', m], problem);
		});
	});
	const zoneNames = new Set(zoning.zones.map(z => z.name));
	zoning.configs.forEach((config, i) => {
		claim(config.name, 'configuration', [...at, 'configs', i, 'name']);
		config.zones.forEach((zone, z) => {
			if (!zoneNames.has(zone)) add([...at, 'configs', i, 'zones', z], `zone ${JSON.stringify(zone)} is not defined`);
		});
	});
	if (zoning.effective !== null && !zoning.configs.some(c => c.name === zoning.effective)) {
		add([...at, 'effective'], `configuration ${JSON.stringify(zoning.effective)} is not defined`);
	}
}

/** A member the fabric takes (ZoneMember.canonicalMember): a WWN or `domain,index`; aliases are checked by the caller. */
function memberProblem(member: string, aliasAllowed: boolean): string | undefined {
	const canonical = canonicalMember(member);
	if (canonical !== undefined && !isAliasMember(canonical)) return undefined;
	const range = portMemberRangeProblem(member);
	if (range !== undefined) return `member ${JSON.stringify(member)}: ${range}`;
	return aliasAllowed
		? `member ${JSON.stringify(member)} is not a WWN, a domain,port pair or a defined alias`
		: `member ${JSON.stringify(member)} is not a WWN or a domain,port pair`;
}

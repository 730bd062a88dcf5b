/**
 * Generated labs for scale work (`npiv scenario generate`, the bench): Solaris hosts with QLE2562
 * ports spread over two (or more) fabrics, every physical port carrying pre-created virtual ports,
 * disk arrays with one target port per fabric, and masking that gives every virtual WWPN a LUN
 * or two. Zoning uses `domain,port` members, so one zone per initiator port covers the port and
 * all its NPIV logins: the store grows by the npiv_config entry and one host-group WWPN per vport.
 * Each of those zones is a FOS peer zone with the fabric's targets as principals: the vports of a
 * port see the targets and not one another (100 vports that each logged in to their 99 siblings
 * would make discovery grow with the square of the vports per port).
 *
 * Same options, same lab, byte for byte: physical WWNs are sequential, virtual WWNs come from a
 * Prng seeded with `seed`.
 */
import {peerPropertyMember} from '../fabric/ZoneMember.js';
import {Prng} from '../sim/Prng.js';
import {wwnFlipLowBit, wwnFromBytes, type Wwn} from '../sim/Wwn.js';
import type {ArrayConfig, CableConfig, FabricConfig, HostConfig, IslConfig, LabConfig, SwitchConfig} from '../world/LabConfig.js';
import {encodeDocument} from './DocumentCodec.js';
import {newDocument} from './EmbeddedLab.js';
import {formatNpivPortEntry, VPORT_INDEX_MAX} from './FieldFormats.js';
import type {StoreDocument} from './schema.js';

export interface ScenarioOptions {
	/** Switches in all, split as evenly as possible over the fabrics (at least one per fabric). */
	readonly switches: number;
	readonly fabrics?: number;
	readonly hosts: number;
	/** Physical initiator ports per host (QLE2562 cards of two ports each); port i goes to fabric i mod fabrics. */
	readonly portsPerHost: number;
	/** Virtual ports pre-created on every physical port (kept in the hosts' npivPorts). */
	readonly vportsPerPort: number;
	/** Array target ports in all; array k owns ports k*fabrics ... (one per fabric). */
	readonly targets: number;
	readonly lunsPerTarget: number;
	readonly seed: number;
}

/** Brocade's default per-port NPIV login limit; above it the generator raises the port's limit. */
const DEFAULT_NPIV_LIMIT = 126;
const MAX_PORTS_PER_SWITCH = 256;
const FABRIC_LETTERS = 'ABCDEFGH';
/** Peer zone property member: one principal (the targets alias) follows it. */
const TARGETS_PRINCIPAL = peerPropertyMember(1);

export function generateScenario(options: ScenarioOptions): LabConfig {
	return generate(options).lab;
}

/**
 * A store document around a generated lab. Its PRNG carries on from where the generator stopped:
 * starting it at the generator's seed again would draw the generated virtual WWNs one after the
 * other, and the HBA-API's random WWN would find every draw taken.
 */
export function generateDocument(options: ScenarioOptions): StoreDocument {
	const {lab, prng} = generate(options);
	return {...newDocument(lab, options.seed), prng: prng.state};
}

function generate(options: ScenarioOptions): {lab: LabConfig; prng: Prng} {
	const fabricCount = options.fabrics ?? 2;
	checkOptions(options, fabricCount);
	const prng = Prng.fromSeed(options.seed);
	const fabricNames = Array.from({length: fabricCount}, (_, f) => FABRIC_LETTERS[f]!);
	const hostDigits = Math.max(3, String(options.hosts).length);
	const hostName = (h: number) => `h${String(h + 1).padStart(hostDigits, '0')}`;

	// Where each device lands: targets first on each fabric's first (core) switch, then
	// initiator ports in contiguous blocks over all switches of the fabric.
	const switchesPerFabric = fabricNames.map((_, f) => Math.floor(options.switches / fabricCount) + (f < options.switches % fabricCount ? 1 : 0));
	const initiatorsOnFabric = fabricNames.map((_, f) => countWhere(options.portsPerHost, p => p % fabricCount === f) * options.hosts);

	interface Placement {
		readonly sw: number; // index into switches
		readonly port: number;
	}
	const switches: {name: string; fabric: number; domainId: number; wwn: Wwn; nextPort: number; islPorts: number}[] = [];
	let domainId = 0;
	fabricNames.forEach((letter, f) => {
		for (let s = 0; s < switchesPerFabric[f]!; s++) {
			domainId++;
			switches.push({
				name: `sw-${letter.toLowerCase()}${s + 1}`,
				fabric: f,
				domainId,
				wwn: wwnFromBytes([0x10, 0, 0, 0x05, 0x1e, 0xfa, 0, domainId]),
				nextPort: 0,
				islPorts: 0,
			});
		}
	});
	const fabricSwitches = fabricNames.map((_, f) => switches.filter(s => s.fabric === f));

	// Core-edge: every other switch of the fabric has one ISL to the first.
	const isls: IslConfig[] = [];
	const islPlacements: [Placement, Placement][] = [];
	for (const members of fabricSwitches) {
		const core = members[0]!;
		for (const edge of members.slice(1)) {
			const a = {sw: switches.indexOf(core), port: core.nextPort++};
			const b = {sw: switches.indexOf(edge), port: edge.nextPort++};
			islPlacements.push([a, b]);
		}
	}

	const place = (f: number, ordinal: number, total: number): Placement => {
		const members = fabricSwitches[f]!;
		const block = Math.ceil(total / members.length);
		const sw = members[Math.min(Math.floor(ordinal / block), members.length - 1)]!;
		return {sw: switches.indexOf(sw), port: sw.nextPort++};
	};

	// Arrays: one target port per fabric, same LUNs behind each (multipath).
	const arrayCount = Math.ceil(options.targets / fabricCount);
	const arrays: {name: string; ports: {name: string; wwpn: Wwn; wwnn: Wwn; fabric: number; at: Placement}[]}[] = [];
	for (let k = 0; k < arrayCount; k++) {
		const ports = [];
		for (let f = 0; f < fabricCount && k * fabricCount + f < options.targets; f++) {
			const at = place(f, 0, 1); // all targets on the core switch
			ports.push({
				name: `ctl-${fabricNames[f]}`,
				wwpn: arrayWwn(k, f + 1),
				wwnn: arrayWwn(k, 0),
				fabric: f,
				at,
			});
		}
		arrays.push({name: `array-${String(k + 1).padStart(2, '0')}`, ports});
	}

	// Hosts, their ports and the virtual ports on each.
	const taken = new Set<Wwn>();
	const hosts: HostConfig[] = [];
	const initiatorOrdinal = fabricNames.map(() => 0);
	const hostCables: CableConfig[] = [];
	const initiatorPorts: {host: string; index: number; wwpn: Wwn; fabric: number; at: Placement; vports: Wwn[]; ordinal: number}[] = [];
	let card = 0;
	for (let h = 0; h < options.hosts; h++) {
		const name = hostName(h);
		const hbas: {model: 'QLE2562'; serial: string; ports: {wwpn: string; wwnn: string}[]}[] = [];
		const npivPorts: string[] = [];
		for (let p = 0; p < options.portsPerHost; p++) {
			if (p % 2 === 0) {
				card++;
				hbas.push({model: 'QLE2562', serial: `RFE${String(card).padStart(8, '0')}`, ports: []});
			}
			const wwpn = qlogicWwn(0x21, p % 2, card);
			const wwnn = qlogicWwn(0x20, p % 2, card);
			hbas.at(-1)!.ports.push({wwpn, wwnn});
			const fabric = p % fabricCount;
			const ordinal = initiatorOrdinal[fabric]!++;
			const at = place(fabric, ordinal, initiatorsOnFabric[fabric]!);
			const vports: Wwn[] = [];
			for (let v = 1; v <= options.vportsPerPort; v++) {
				const node = sunRandomNodeWwn(prng, taken);
				const port = wwnFlipLowBit(node);
				taken.add(node);
				taken.add(port);
				vports.push(port);
				npivPorts.push(formatNpivPortEntry({physicalText: wwpn, portWwn: port, nodeWwn: node, index: v}));
			}
			initiatorPorts.push({host: name, index: p, wwpn, fabric, at, vports, ordinal: initiatorPorts.length});
			hostCables.push({a: {host: name, wwpn}, b: {switch: switches[at.sw]!.name, port: at.port}});
		}
		hosts.push({name, kind: 'solaris', cpus: 16, memoryMiB: 65536, hbas, npivPorts});
	}

	const switchConfigs: SwitchConfig[] = switches.map(sw => {
		const portCount = Math.min(MAX_PORTS_PER_SWITCH, Math.max(16, Math.ceil(sw.nextPort / 16) * 16));
		const raised = options.vportsPerPort >= DEFAULT_NPIV_LIMIT;
		return {
			name: sw.name,
			fabric: fabricNames[sw.fabric]!,
			domainId: sw.domainId,
			wwn: sw.wwn,
			model: '62.3', // DCX: a director, so one switch can take a few hundred ports
			portCount,
			maxSpeedGbps: 8,
			npiv: true,
			// Brocade's per-port default (126) would refuse the vports; raise only the ports that need it.
			...(raised ? {ports: initiatorPorts.filter(ip => ip.at.sw === switches.indexOf(sw)).map(ip => ({index: ip.at.port, npivLimit: 255}))} : {}),
		};
	});
	for (const [a, b] of islPlacements) isls.push({a: {switch: switches[a.sw]!.name, port: a.port}, b: {switch: switches[b.sw]!.name, port: b.port}});

	const lunCount = options.lunsPerTarget;
	const arrayConfigs: ArrayConfig[] = arrays.map((array, k) => {
		// Each initiator port (with all its vports) is masked on one array reachable from its fabric.
		const groups = initiatorPorts.filter(ip => homeArray(ip, arrays) === k);
		return {
			name: array.name,
			vendor: 'HITACHI',
			model: 'USP-V',
			ports: array.ports.map(p => ({name: p.name, wwpn: p.wwpn, wwnn: p.wwnn})),
			luns: Array.from({length: lunCount}, (_, id) => ({
				id,
				sizeMiB: 10240 * (1 + (id % 4)),
				type: 'disk' as const,
				vendor: 'HITACHI',
				product: 'OPEN-V',
				revision: '6008',
			})),
			hostGroups:
				lunCount === 0
					? []
					: groups.map(ip => ({
							name: `${ip.host}-p${ip.index}`,
							initiators: [ip.wwpn, ...ip.vports],
							luns: maskedLuns(ip.ordinal, lunCount),
						})),
		};
	});

	const fabrics: FabricConfig[] = fabricNames.map((letter, f) => {
		const targets = arrays.flatMap(a => a.ports.filter(p => p.fabric === f)).map(p => domainPort(switches, p.at));
		const initiators = initiatorPorts.filter(ip => ip.fabric === f);
		const targetAlias = `targets_${letter}`;
		const zones = targets.length === 0 ? [] : initiators.map(ip => ({name: `z_${ip.host}_p${ip.index}`, members: [TARGETS_PRINCIPAL, targetAlias, domainPort(switches, ip.at)]}));
		return {
			name: letter,
			zoning: {
				aliases: targets.length === 0 ? [] : [{name: targetAlias, members: targets}],
				zones,
				configs: zones.length === 0 ? [] : [{name: `cfg_${letter}`, zones: zones.map(z => z.name)}],
				effective: zones.length === 0 ? null : `cfg_${letter}`,
				defaultZone: 'no-access',
			},
		};
	});

	const targetCables: CableConfig[] = arrays.flatMap(a => a.ports.map(p => ({a: {array: a.name, port: p.name}, b: {switch: switches[p.at.sw]!.name, port: p.at.port}})));

	const lab: LabConfig = {
		name: `generated-${options.hosts}x${options.portsPerHost}x${options.vportsPerPort}`,
		description: `${options.hosts} hosts x ${options.portsPerHost} ports x ${options.vportsPerPort} vports, ${options.targets} target ports, ${options.switches} switches in ${fabricCount} fabrics, seed ${options.seed}`,
		fabrics,
		switches: switchConfigs,
		isls,
		loops: [],
		hosts,
		arrays: arrayConfigs,
		cables: [...hostCables, ...targetCables],
		domains: [],
	};
	return {lab, prng};
}

function checkOptions(o: ScenarioOptions, fabrics: number): void {
	const whole = (value: number, name: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
		if (!Number.isInteger(value) || value < min || value > max) {
			throw new RangeError(`${name} must be a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any' : max} (got ${value})`);
		}
	};
	whole(fabrics, 'fabrics', 1, FABRIC_LETTERS.length);
	whole(o.switches, 'switches', fabrics, 239);
	whole(o.hosts, 'hosts', 0);
	whole(o.portsPerHost, 'portsPerHost', 1, 64);
	whole(o.vportsPerPort, 'vportsPerPort', 0, VPORT_INDEX_MAX);
	whole(o.targets, 'targets', 0);
	whole(o.lunsPerTarget, 'lunsPerTarget', 0, 65536);
	whole(o.seed, 'seed', Number.MIN_SAFE_INTEGER);
	// Capacity: each switch holds its share of initiators, the core also the targets and ISLs.
	for (let f = 0; f < fabrics; f++) {
		const switches = Math.floor(o.switches / fabrics) + (f < o.switches % fabrics ? 1 : 0);
		const initiators = countWhere(o.portsPerHost, p => p % fabrics === f) * o.hosts;
		const targets = countWhere(o.targets, i => i % fabrics === f);
		const perSwitch = Math.ceil(initiators / switches);
		const core = perSwitch + targets + (switches - 1);
		if (core > MAX_PORTS_PER_SWITCH) {
			throw new RangeError(`fabric ${FABRIC_LETTERS[f]} needs ${core} ports on its core switch (${perSwitch} initiators, ${targets} targets, ${switches - 1} ISLs), more than ${MAX_PORTS_PER_SWITCH}: use more switches`);
		}
	}
}

function countWhere(n: number, test: (i: number) => boolean): number {
	let c = 0;
	for (let i = 0; i < n; i++) if (test(i)) c++;
	return c;
}

/** QLogic-style: 21:0p:00:1b:32:xx:xx:xx (port) / 20:0p:... (node), xx = card number. */
function qlogicWwn(naa: number, port: number, card: number): Wwn {
	return wwnFromBytes([naa, port, 0x00, 0x1b, 0x32, (card >>> 16) & 0xff, (card >>> 8) & 0xff, card & 0xff]);
}

/** NAA 5 with Hitachi's OUI (00:60:e8): 50:06:0e:80:0k:kk:kk:pp. */
function arrayWwn(array: number, port: number): Wwn {
	return wwnFromBytes([0x50, 0x06, 0x0e, 0x80, (array >>> 16) & 0x0f, (array >>> 8) & 0xff, array & 0xff, port]);
}

/** Sun_fcAdapterCreateWWN's form: c0:00:7d then five random bytes; unique within the lab. */
function sunRandomNodeWwn(prng: Prng, taken: ReadonlySet<Wwn>): Wwn {
	for (;;) {
		const random = prng.bytes(5);
		const node = wwnFromBytes([0xc0, 0x00, 0x7d, ...random]);
		if (!taken.has(node) && !taken.has(wwnFlipLowBit(node))) return node;
	}
}

function domainPort(switches: readonly {domainId: number}[], at: {sw: number; port: number}): string {
	return `${switches[at.sw]!.domainId},${at.port}`;
}

function homeArray(ip: {fabric: number; ordinal: number}, arrays: readonly {ports: readonly {fabric: number}[]}[]): number {
	const reachable = arrays.map((a, k) => (a.ports.some(p => p.fabric === ip.fabric) ? k : -1)).filter(k => k >= 0);
	const pool = reachable.length > 0 ? reachable : arrays.map((_, k) => k);
	return pool[ip.ordinal % pool.length]!;
}

function maskedLuns(ordinal: number, lunCount: number): {lun: number; hostLun: number}[] {
	const first = ordinal % lunCount;
	if (lunCount === 1) return [{lun: first, hostLun: 0}];
	return [
		{lun: first, hostLun: 0},
		{lun: (first + 1) % lunCount, hostLun: 1},
	];
}

export interface StoreSize {
	readonly bytes: number;
	readonly vports: number;
	/** bytes / vports (the DESIGN budget: at most 100); Infinity when there are no vports. */
	readonly bytesPerVport: number;
}

/** Size of the document as the store writes it, per virtual port (hosts' npiv_config entries). */
export function measureStoreSize(document: StoreDocument): StoreSize {
	const bytes = Buffer.byteLength(encodeDocument(document));
	const vports = document.lab.hosts.reduce((n, h) => n + h.npivPorts.length, 0);
	return {bytes, vports, bytesPerVport: vports === 0 ? Infinity : bytes / vports};
}

/** generateScenario wrapped as a fresh store document (seeded with the same seed). */

/**
 * The fake SAN behind FakeConsoleSource: three hosts, two fabrics, one array, a handful of
 * virtual ports and domains, as plain mutable records. `deriveRows` turns them into the
 * console's rows the way the real world would (logins, FCIDs, name server, LUN paths).
 */
import {Prng} from '../../sim/Prng.js';
import {wwn, wwnFlipLowBit, type Wwn} from '../../sim/Wwn.js';
import {fcid, formatFcId, type FcId} from '../../sim/FcId.js';
import type {
	AdapterRow,
	DomainRow,
	HostRow,
	LunRow,
	MigrationView,
	NameServerRow,
	SwitchPortRow,
	SwitchRow,
	VportRow,
	ZoneRow,
	ZoningSummary,
} from './ConsoleSource.js';

export interface Cable {
	readonly switchName: string;
	readonly port: number;
}

export interface FakeHost {
	name: string;
	kind: 'xen' | 'solaris';
	online: boolean;
}

export interface FakeAdapter {
	host: string;
	portWwn: Wwn;
	nodeWwn: Wwn;
	model: string;
	manufacturer: string;
	driver: string;
	driverVersion: string;
	firmware: string;
	fcode: string;
	serial: string;
	supportedGb: readonly number[];
	maxNpiv: number;
	cable: Cable | null;
	plugged: boolean;
	/** /dev/cfg/cN */
	controller: number;
}

export interface FakeVport {
	portWwn: Wwn;
	nodeWwn: Wwn;
	physicalWwn: Wwn;
	domain: string | null;
	/** LUN numbers of the array this port is masked to see. */
	luns: number[];
	controller: number;
}

export interface FakeLun {
	lun: number;
	sizeBytes: number;
	product: string;
}

export interface FakeTarget {
	wwn: Wwn;
	nodeWwn: Wwn;
	array: string;
	cable: Cable;
	vendor: string;
	luns: FakeLun[];
}

export interface FakeSwitch {
	name: string;
	fabric: string;
	domainId: number;
	portCount: number;
	npiv: boolean;
	disabled: Set<number>;
}

export interface FakeMigration {
	to: string;
	live: boolean;
	/** Simulated ms since the migration started. */
	elapsed: number;
}

export interface FakeDomain {
	name: string;
	host: string;
	id: number | null;
	memMiB: number;
	vcpus: number;
	state: string;
	cpuTime: number;
	migration: FakeMigration | null;
}

export interface FakeZone {
	fabric: string;
	config: string;
	zone: string;
	members: string[];
}

export interface FakeLab {
	storeFile: string;
	hosts: FakeHost[];
	adapters: FakeAdapter[];
	vports: FakeVport[];
	targets: FakeTarget[];
	switches: FakeSwitch[];
	domains: FakeDomain[];
	zones: FakeZone[];
	effectiveConfigs: Map<string, string | null>;
	prng: Prng;
	nextDomId: number;
	nextController: number;
}

/** One phase per simulated second: t0 start, t1 memory copied (paused), t2 source logout, t3 destination FDISC, t4 unpause. */
export const MIGRATION_PHASE_MS = 1000;
export const MIGRATION_TOTAL_MS = 5 * MIGRATION_PHASE_MS;

const GiB = 1024 ** 3;

/** Sun's random form: `c0007d` + 10 random hex digits; the port WWN is the node WWN with bit 0 flipped. */
export function randomWwnPair(prng: Prng): {nodeWwn: Wwn; portWwn: Wwn} {
	const bytes = prng.bytes(5);
	const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
	const nodeWwn = wwn(`c0007d${hex}`);
	return {nodeWwn, portWwn: wwnFlipLowBit(nodeWwn)};
}

// Max NPIV ports and option-ROM strings as the driver models report them (source/driver/FcaModel.ts).
function qlogic(host: string, port: Wwn, node: Wwn, model: string, cable: Cable | null, controller: number, maxNpiv = model === 'QLE2562' ? 254 : 127): FakeAdapter {
	return {
		host,
		portWwn: port,
		nodeWwn: node,
		model,
		manufacturer: 'QLogic Corp.',
		driver: 'qlc',
		driverVersion: '20100301-3.00',
		firmware: model === 'QLE2562' ? '05.03.01' : '05.03.02',
		fcode: model === 'QLE2562' ? ' BIOS: 2.16; fcode: 2.03; EFI: 2.05;' : ' BIOS: 2.02; fcode: 2.01; EFI: 2.00;',
		serial: `RFC0${controller}4${port.slice(10, 14).toUpperCase()}`,
		supportedGb: model === 'QLE2562' ? [2, 4, 8] : model === 'QLA2342' ? [1, 2] : [1, 2, 4],
		maxNpiv,
		cable,
		plugged: true,
		controller,
	};
}

function emulex(host: string, port: Wwn, node: Wwn, cable: Cable | null, controller: number): FakeAdapter {
	return {
		host,
		portWwn: port,
		nodeWwn: node,
		model: 'LPe11002',
		manufacturer: 'Emulex',
		driver: 'emlxs',
		driverVersion: '2.50o (2010.01.08.09.45)',
		firmware: '2.82a4 (Z3D2.82A4)',
		fcode: 'Boot:5.03a0 Fcode:3.01a1',
		serial: `VM8190${controller}1${port.slice(12).toUpperCase()}`,
		supportedGb: [1, 2, 4],
		maxNpiv: 100,
		cable,
		plugged: true,
		controller,
	};
}

/** The default demo lab. */
export function createFakeLab(seed = 7): FakeLab {
	const prng = Prng.fromSeed(seed);
	const cable = (switchName: string, port: number): Cable => ({switchName, port});
	const adapters: FakeAdapter[] = [
		qlogic('dom0-a', wwn('2100001b32812345'), wwn('2000001b32812345'), 'QLE2462', cable('fab-a1', 0), 5),
		qlogic('dom0-a', wwn('2101001b32a12345'), wwn('2001001b32a12345'), 'QLE2462', cable('fab-b1', 0), 6),
		qlogic('dom0-b', wwn('2100001b328abcde'), wwn('2000001b328abcde'), 'QLE2562', cable('fab-a1', 1), 5),
		qlogic('dom0-b', wwn('2101001b32aabcde'), wwn('2001001b32aabcde'), 'QLE2562', cable('fab-b1', 1), 6),
		emulex('sol-c', wwn('10000000c9612345'), wwn('20000000c9612345'), cable('fab-a1', 2), 3),
		emulex('sol-c', wwn('10000000c9612346'), wwn('20000000c9612346'), cable('fab-b1', 2), 4),
		qlogic('sol-c', wwn('210000e08b012345'), wwn('200000e08b012345'), 'QLA2342', null, 2, 0),
	];
	const vport = (port: string, node: string, phys: string, domain: string | null, luns: number[], controller: number): FakeVport => ({
		portWwn: wwn(port),
		nodeWwn: wwn(node),
		physicalWwn: wwn(phys),
		domain,
		luns,
		controller,
	});
	const vports: FakeVport[] = [
		vport('c0007d1a2b3c4d5f', 'c0007d1a2b3c4d5e', '2100001b32812345', 'web01', [1, 2], 10),
		vport('c0007d1a2b3c4e71', 'c0007d1a2b3c4e70', '2101001b32a12345', 'web01', [1, 2], 11),
		vport('c0007d5e6f708193', 'c0007d5e6f708192', '2100001b32812345', 'db01', [3, 4, 5], 12),
		vport('c0007d5e6f7081a5', 'c0007d5e6f7081a4', '2101001b32a12345', 'db01', [3, 4, 5], 13),
		vport('c0007d9abcdef013', 'c0007d9abcdef012', '2100001b328abcde', 'app01', [6], 10),
		vport('c0007d0badc0ffef', 'c0007d0badc0ffee', '10000000c9612345', null, [7], 9),
	];
	const lun = (n: number, gib: number, product = 'CSM200_R'): FakeLun => ({lun: n, sizeBytes: gib * GiB, product});
	const luns = [lun(0, 36), lun(1, 100), lun(2, 100), lun(3, 500), lun(4, 500), lun(5, 250), lun(6, 200), lun(7, 50)];
	const targets: FakeTarget[] = [
		{wwn: wwn('50060e8005123400'), nodeWwn: wwn('50060e8005123401'), array: 'array-1', cable: cable('fab-a1', 8), vendor: 'SUN', luns},
		{wwn: wwn('50060e8005123410'), nodeWwn: wwn('50060e8005123401'), array: 'array-1', cable: cable('fab-b1', 8), vendor: 'SUN', luns},
	];
	const switches: FakeSwitch[] = [
		{name: 'fab-a1', fabric: 'fab-a', domainId: 1, portCount: 16, npiv: true, disabled: new Set()},
		{name: 'fab-b1', fabric: 'fab-b', domainId: 2, portCount: 16, npiv: true, disabled: new Set()},
	];
	const domains: FakeDomain[] = [
		{name: 'Domain-0', host: 'dom0-a', id: 0, memMiB: 2048, vcpus: 4, state: 'r-----', cpuTime: 1823.4, migration: null},
		{name: 'web01', host: 'dom0-a', id: 3, memMiB: 1024, vcpus: 2, state: '-b----', cpuTime: 312.8, migration: null},
		{name: 'db01', host: 'dom0-a', id: 4, memMiB: 4096, vcpus: 4, state: 'r-----', cpuTime: 2211.0, migration: null},
		{name: 'Domain-0', host: 'dom0-b', id: 0, memMiB: 2048, vcpus: 4, state: 'r-----', cpuTime: 1604.9, migration: null},
		{name: 'app01', host: 'dom0-b', id: 2, memMiB: 2048, vcpus: 2, state: '-b----', cpuTime: 95.3, migration: null},
		{name: 'test01', host: 'dom0-b', id: null, memMiB: 512, vcpus: 1, state: '------', cpuTime: 0, migration: null},
	];
	const zones: FakeZone[] = [
		{fabric: 'fab-a', config: 'cfg_a', zone: 'z_web01_a', members: ['c0007d1a2b3c4d5f', '50060e8005123400']},
		{fabric: 'fab-a', config: 'cfg_a', zone: 'z_db01_a', members: ['c0007d5e6f708193', '50060e8005123400']},
		{fabric: 'fab-a', config: 'cfg_a', zone: 'z_app01_a', members: ['c0007d9abcdef013', '50060e8005123400']},
		{fabric: 'fab-a', config: 'cfg_a', zone: 'z_hosts_a', members: ['2100001b32812345', '2100001b328abcde', '10000000c9612345', '50060e8005123400']},
		{fabric: 'fab-a', config: 'cfg_a', zone: 'z_solc_a', members: ['c0007d0badc0ffef', '50060e8005123400']},
		{fabric: 'fab-a', config: '', zone: 'z_spare_a', members: ['1,12', '1,13']},
		{fabric: 'fab-b', config: 'cfg_b', zone: 'z_web01_b', members: ['c0007d1a2b3c4e71', '50060e8005123410']},
		{fabric: 'fab-b', config: 'cfg_b', zone: 'z_db01_b', members: ['c0007d5e6f7081a5', '50060e8005123410']},
		{fabric: 'fab-b', config: 'cfg_b', zone: 'z_hosts_b', members: ['2101001b32a12345', '2101001b32aabcde', '10000000c9612346', '50060e8005123410']},
	];
	return {
		storeFile: 'state/store.json',
		hosts: [
			{name: 'dom0-a', kind: 'xen', online: true},
			{name: 'dom0-b', kind: 'xen', online: true},
			{name: 'sol-c', kind: 'solaris', online: true},
		],
		adapters,
		vports,
		targets,
		switches,
		domains,
		zones,
		effectiveConfigs: new Map([
			['fab-a', 'cfg_a'],
			['fab-b', 'cfg_b'],
		]),
		prng,
		nextDomId: 5,
		nextController: 14,
	};
}

/**
 * Adds `count` virtual ports spread over generated hosts with one dual-port adapter each,
 * 100 vports per physical port (the design's 1,000 x 100 benchmark shape).
 */
export function addGeneratedVports(lab: FakeLab, count: number, perPort = 100): void {
	const ports = Math.ceil(count / perPort);
	const switchPorts = 256;
	for (let s = 0; s < Math.ceil(ports / switchPorts); s++) {
		const fabric = s % 2 === 0 ? 'big-a' : 'big-b';
		lab.switches.push({name: `${fabric}${Math.floor(s / 2) + 1}`, fabric, domainId: 10 + s, portCount: switchPorts, npiv: true, disabled: new Set()});
	}
	const firstSwitch = lab.switches.length - Math.ceil(ports / switchPorts);
	for (let p = 0; p < ports; p++) {
		const host = `host-${String(Math.floor(p / 2)).padStart(4, '0')}`;
		if (p % 2 === 0) lab.hosts.push({name: host, kind: 'solaris', online: true});
		const serial = (0x100000 + p).toString(16);
		const portWwn = wwn(`2100001b32${serial}`);
		const sw = lab.switches[firstSwitch + Math.floor(p / switchPorts)]!;
		lab.adapters.push(qlogic(host, portWwn, wwn(`2000001b32${serial}`), 'QLE2562', {switchName: sw.name, port: p % switchPorts}, 5 + (p % 2)));
		const inPort = Math.min(perPort, count - p * perPort);
		for (let v = 0; v < inPort; v++) {
			const n = p * perPort + v;
			const node = wwn(`c0007d${(0x1000000000 + n * 2).toString(16).slice(-10)}`);
			lab.vports.push({portWwn: wwnFlipLowBit(node), nodeWwn: node, physicalWwn: portWwn, domain: null, luns: [], controller: 20 + v});
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Derivation: what the console shows, computed from the records.

export interface DerivedRows {
	hosts: HostRow[];
	adapters: AdapterRow[];
	vports: VportRow[];
	luns: LunRow[];
	domains: DomainRow[];
	switches: SwitchRow[];
	ports: SwitchPortRow[];
	nameServer: NameServerRow[];
	zones: ZoneRow[];
	zoning: ZoningSummary[];
}

export function switchOf(lab: FakeLab, name: string): FakeSwitch | undefined {
	return lab.switches.find(s => s.name === name);
}

export function adapterOnline(lab: FakeLab, a: FakeAdapter, hostKnownOnline = false): boolean {
	if (!a.cable || !a.plugged) return false;
	if (!hostKnownOnline && !lab.hosts.find(h => h.name === a.host)?.online) return false;
	const sw = switchOf(lab, a.cable.switchName);
	return !!sw && !sw.disabled.has(a.cable.port);
}

export function adapterFcId(lab: FakeLab, a: FakeAdapter): FcId | null {
	if (!adapterOnline(lab, a)) return null;
	const sw = switchOf(lab, a.cable!.switchName)!;
	return fcid(sw.domainId, a.cable!.port, 0);
}

export function vportsOf(lab: FakeLab, physicalWwn: Wwn): FakeVport[] {
	return lab.vports.filter(v => v.physicalWwn === physicalWwn);
}

function speedText(a: FakeAdapter, online: boolean): string {
	return online ? `${Math.max(...a.supportedGb)}Gb` : 'not established';
}

export function migrationView(d: FakeDomain): MigrationView | null {
	if (!d.migration) return null;
	const progress = Math.min(1, d.migration.elapsed / MIGRATION_TOTAL_MS);
	const phase = `t${Math.min(4, Math.floor(d.migration.elapsed / MIGRATION_PHASE_MS))}` as MigrationView['phase'];
	return {phase, progress, from: d.host, to: d.migration.to, live: d.migration.live};
}

export function domainKey(d: FakeDomain): string {
	return d.name === 'Domain-0' ? `${d.host}/Domain-0` : d.name;
}

export function deriveRows(lab: FakeLab): DerivedRows {
	const adapterByWwn = new Map(lab.adapters.map(a => [a.portWwn, a]));
	const hostOnline = new Map(lab.hosts.map(h => [h.name, h.online]));
	const onlineByWwn = new Map(lab.adapters.map(a => [a.portWwn, hostOnline.get(a.host) === true && adapterOnline(lab, a, true)]));
	const vportsByPhys = new Map<Wwn, FakeVport[]>();
	for (const v of lab.vports) {
		let list = vportsByPhys.get(v.physicalWwn);
		if (!list) vportsByPhys.set(v.physicalWwn, (list = []));
		list.push(v);
	}
	const adapters: AdapterRow[] = lab.adapters.map(a => {
		const online = onlineByWwn.get(a.portWwn)!;
		const sw = a.cable ? switchOf(lab, a.cable.switchName) : undefined;
		const fabric = a.cable ? (switchOf(lab, a.cable.switchName)?.fabric ?? null) : null;
		return {
			key: a.portWwn,
			host: a.host,
			portWwn: a.portWwn,
			nodeWwn: a.nodeWwn,
			model: a.model,
			state: online ? 'online' : 'link down',
			speed: speedText(a, online),
			fcid: online ? fcid(sw!.domainId, a.cable!.port, 0) : null,
			fabric,
			vportsUsed: vportsByPhys.get(a.portWwn)?.length ?? 0,
			vportsMax: a.maxNpiv,
		};
	});
	const vportFcid = new Map<Wwn, FcId | null>();
	for (const [phys, list] of vportsByPhys) {
		const a = adapterByWwn.get(phys)!;
		const base = onlineByWwn.get(phys) ? fcid(switchOf(lab, a.cable!.switchName)!.domainId, a.cable!.port, 0) : null;
		list.forEach((v, i) => vportFcid.set(v.portWwn, base === null ? null : ((base + i + 1) as FcId)));
	}
	const vports: VportRow[] = lab.vports.map(v => ({
		key: v.portWwn,
		portWwn: v.portWwn,
		nodeWwn: v.nodeWwn,
		physicalWwn: v.physicalWwn,
		host: adapterByWwn.get(v.physicalWwn)?.host ?? '?',
		fcid: vportFcid.get(v.portWwn) ?? null,
		state: vportFcid.get(v.portWwn) === null ? 'offline' : 'online',
		domain: v.domain,
		lunCount: v.luns.length === 0 || vportFcid.get(v.portWwn) === null ? 0 : v.luns.length * targetsSeen(lab, v.physicalWwn).length,
	}));
	const luns = deriveLuns(lab, adapterByWwn, onlineByWwn, vportFcid);
	const domains = deriveDomains(lab, luns);
	const {ports, nameServer} = deriveFabric(lab, vportsByPhys, onlineByWwn, vportFcid);
	return {
		hosts: lab.hosts.map(h => ({key: h.name, name: h.name, kind: h.kind, online: h.online})),
		adapters,
		vports,
		luns,
		domains,
		switches: lab.switches.map(s => ({key: s.name, name: s.name, fabric: s.fabric, domainId: s.domainId, npiv: s.npiv})),
		ports,
		nameServer,
		zones: lab.zones.map(z => ({
			key: `zone:${z.fabric}/${z.zone}`,
			fabric: z.fabric,
			config: z.config,
			zone: z.zone,
			members: z.members,
			effective: z.config !== '' && lab.effectiveConfigs.get(z.fabric) === z.config,
		})),
		zoning: [...new Set(lab.switches.map(s => s.fabric))].map(fabric => ({
			fabric,
			definedConfigs: [...new Set(lab.zones.filter(z => z.fabric === fabric && z.config).map(z => z.config))],
			effectiveConfig: lab.effectiveConfigs.get(fabric) ?? null,
			defaultZone: 'no-access' as const,
		})),
	};
}

export function deriveDomains(lab: FakeLab, luns: readonly LunRow[]): DomainRow[] {
	return lab.domains.map(d => {
		const ports = d.name === 'Domain-0' ? [] : lab.vports.filter(v => v.domain === d.name);
		return {
			key: domainKey(d),
			name: d.name,
			id: d.id,
			memMiB: d.memMiB,
			vcpus: d.vcpus,
			state: d.state,
			cpuTime: d.cpuTime,
			host: d.host,
			vports: ports.map(v => v.portWwn),
			lunCount: luns.filter(l => l.domain === d.name).length,
			migration: migrationView(d),
		};
	});
}

/** Targets on the same fabric as a physical port (every zone here pairs initiators with the array). */
function targetsSeen(lab: FakeLab, physicalWwn: Wwn): FakeTarget[] {
	const a = lab.adapters.find(x => x.portWwn === physicalWwn);
	if (!a?.cable) return [];
	const fabric = switchOf(lab, a.cable.switchName)?.fabric;
	return lab.targets.filter(t => switchOf(lab, t.cable.switchName)?.fabric === fabric && !switchOf(lab, t.cable.switchName)!.disabled.has(t.cable.port));
}

function deriveLuns(lab: FakeLab, adapterByWwn: Map<Wwn, FakeAdapter>, online: Map<Wwn, boolean>, vportFcid: Map<Wwn, FcId | null>): LunRow[] {
	const rows: LunRow[] = [];
	const push = (host: string, port: Wwn, kind: 'physical' | 'virtual', controller: number, t: FakeTarget, l: FakeLun, domain: string | null) =>
		rows.push({
			key: `${port}/${t.wwn}/${l.lun}`,
			host,
			portWwn: port,
			portKind: kind,
			targetWwn: t.wwn,
			lun: l.lun,
			vendor: t.vendor.padEnd(8),
			product: l.product.padEnd(16),
			deviceType: 'Disk Device',
			sizeBytes: l.sizeBytes,
			osDevice: `/dev/rdsk/c${controller}t${t.wwn.toUpperCase()}d${l.lun}s2`,
			domain,
		});
	for (const a of lab.adapters) {
		if (!online.get(a.portWwn) || a.host.startsWith('host-')) continue;
		for (const t of targetsSeen(lab, a.portWwn)) push(a.host, a.portWwn, 'physical', a.controller, t, t.luns[0]!, null);
	}
	for (const v of lab.vports) {
		if (vportFcid.get(v.portWwn) == null || v.luns.length === 0) continue;
		const host = adapterByWwn.get(v.physicalWwn)?.host ?? '?';
		for (const t of targetsSeen(lab, v.physicalWwn)) for (const n of v.luns) push(host, v.portWwn, 'virtual', v.controller, t, t.luns.find(l => l.lun === n)!, v.domain);
	}
	return rows;
}

function deriveFabric(lab: FakeLab, vportsByPhys: Map<Wwn, FakeVport[]>, online: Map<Wwn, boolean>, vportFcid: Map<Wwn, FcId | null>): {ports: SwitchPortRow[]; nameServer: NameServerRow[]} {
	const attached = new Map<string, {wwn: Wwn; kind: 'adapter' | 'target'; adapter?: FakeAdapter; target?: FakeTarget}>();
	for (const a of lab.adapters) if (a.cable) attached.set(`${a.cable.switchName}/${a.cable.port}`, {wwn: a.portWwn, kind: 'adapter', adapter: a});
	for (const t of lab.targets) attached.set(`${t.cable.switchName}/${t.cable.port}`, {wwn: t.wwn, kind: 'target', target: t});
	const ports: SwitchPortRow[] = [];
	for (const sw of lab.switches) {
		for (let i = 0; i < sw.portCount; i++) {
			const at = attached.get(`${sw.name}/${i}`);
			const disabled = sw.disabled.has(i);
			const up = !disabled && !!at && (at.kind === 'target' || online.get(at.wwn) === true);
			const npiv = up && at?.adapter ? (vportsByPhys.get(at.wwn)?.length ?? 0) : 0;
			ports.push({
				key: `port:${sw.name}/${i}`,
				switchName: sw.name,
				fabric: sw.fabric,
				index: i,
				state: disabled ? 'Disabled' : up ? 'Online' : 'No_Light',
				speed: up ? (at!.kind === 'target' ? 'N4' : `N${Math.max(...at!.adapter!.supportedGb)}`) : 'N8',
				portType: up ? 'F-Port' : '',
				attachedWwn: up ? at!.wwn : null,
				logins: up ? 1 + npiv : 0,
				npivLogins: npiv,
			});
		}
	}
	const nameServer: NameServerRow[] = [];
	const ns = (fabric: string, id: FcId, port: Wwn, node: Wwn, symbolic: string, virtual: boolean) =>
		nameServer.push({key: `ns:${fabric}/${formatFcId(id)}`, fabric, fcid: id, portWwn: port, nodeWwn: node, portType: 'N', fc4Types: 'FCP', symbolicName: symbolic, virtual});
	for (const a of lab.adapters) {
		if (!online.get(a.portWwn)) continue;
		const sw = switchOf(lab, a.cable!.switchName)!;
		const base = fcid(sw.domainId, a.cable!.port, 0);
		ns(sw.fabric, base, a.portWwn, a.nodeWwn, `${a.model} FW:v${a.firmware} DVR:${a.driver} ${a.host}`, false);
		for (const v of vportsByPhys.get(a.portWwn) ?? []) {
			const id = vportFcid.get(v.portWwn);
			if (id != null) ns(sw.fabric, id, v.portWwn, v.nodeWwn, `NPIV ${a.host}${v.domain ? ' ' + v.domain : ''}`, true);
		}
	}
	for (const t of lab.targets) {
		const sw = switchOf(lab, t.cable.switchName)!;
		if (sw.disabled.has(t.cable.port)) continue;
		ns(sw.fabric, fcid(sw.domainId, t.cable.port, 0), t.wwn, t.nodeWwn, `SUN StorageTek 6140 ${t.array}`, false);
	}
	return {ports, nameServer};
}

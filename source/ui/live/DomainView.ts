/**
 * The Domains pane and what the HBA panes need from the xVM side, read from the Xen hosts the
 * way `xm list` reads xend: one row per guest (a guest in migration once, with its migration),
 * plus each host's Domain-0.
 */
import type {Wwn} from '../../sim/Wwn.js';
import type {World} from '../../world/World.js';
import type {XenWorld as XvmWorld} from '../../xvm/XenWorld.js';
import type {XenHost} from '../../xvm/XenHost.js';
import type {XenDomain} from '../../xvm/XenDomain.js';
import type {Migration} from '../../xvm/Migration.js';
import type {DetailView, DomainRow, MigrationPhase, MigrationView} from '../model/ConsoleSource.js';
import {formatDisk} from '../../xvm/DomainSpec.js';
import {NO_XEN, type XenFacts} from './XenFacts.js';
import {wwnWithNames, type PortNames} from './PortNames.js';

/** The world's xVM side. */
export function xvmOf(world: World): XvmWorld | undefined {
	return world.xen;
}

export function dom0Key(host: string): string {
	return `${host}/Domain-0`;
}

interface Placed {
	readonly host: XenHost;
	readonly domain: XenDomain;
}

/** The guest incarnation a row stands for: the source while migrating, otherwise the only one. */
function guests(xen: XvmWorld): Map<string, Placed> {
	const out = new Map<string, Placed>();
	for (const host of xen.hosts) {
		for (const domain of host.xend.guests()) {
			const name = domain.spec.name;
			const known = out.get(name);
			if (!known || (known.domain.migrationRole === 'destination' && domain.migrationRole !== 'destination')) out.set(name, {host, domain});
		}
	}
	return out;
}

export function xenFacts(world: World): XenFacts {
	const xen = xvmOf(world);
	if (!xen) return NO_XEN;
	const vports = new Map<Wwn, string>();
	const luns = new Map<string, string>();
	for (const {host, domain} of guests(xen).values()) {
		for (const n of domain.spec.npiv) vports.set(n.vpwwn, domain.spec.name);
		for (const dev of host.xend.lunDevices(domain)) luns.set(dev.key, domain.spec.name);
	}
	// The destination incarnation holds the LUNs from t3 on.
	for (const host of xen.hosts) {
		for (const domain of host.xend.guests()) {
			if (domain.migrationRole !== 'destination') continue;
			for (const dev of host.xend.lunDevices(domain)) luns.set(dev.key, domain.spec.name);
		}
	}
	return {
		stamp: JSON.stringify([[...vports], [...luns]]),
		vportDomain: w => vports.get(w) ?? null,
		lunDomain: (port, target, lun) => luns.get(`${port}/${target}/${lun}`) ?? null,
	};
}

const PHASES: Readonly<Record<string, MigrationPhase>> = {
	t0: 't0',
	't0-t1': 't0',
	't1-t2': 't1',
	t2: 't2',
	't2-t3': 't2',
	't3-t4': 't3',
	t4: 't4',
	done: 't4',
	rollback: 't2',
	failed: 't4',
};

export function migrationView(m: Migration): MigrationView {
	return {phase: PHASES[m.phase] ?? 't0', progress: m.progress, from: m.source.name, to: m.destination.name, live: m.live};
}

export function activeMigrations(world: World): Migration[] {
	return xvmOf(world)?.activeMigrations() ?? [];
}

/** Guest domains (Domain-0 not counted), or undefined when the world has no xVM side yet. */
export function domainCount(world: World): number | undefined {
	const xen = xvmOf(world);
	return xen ? guests(xen).size : undefined;
}

export function domainRows(world: World): DomainRow[] {
	const xen = xvmOf(world);
	if (!xen) return [];
	const now = world.sim.now;
	const migrations = new Map(xen.activeMigrations().map(m => [m.domain, m]));
	const rows: DomainRow[] = [];
	for (const host of xen.hosts) {
		const d = host.dom0;
		rows.push({key: dom0Key(host.name), name: 'Domain-0', id: 0, memMiB: d.spec.memoryMiB, vcpus: d.onlineVcpus, state: d.flags, cpuTime: round1(d.cpuTime(now)), host: host.name, vports: [], lunCount: 0, migration: null});
	}
	const placed = [...guests(xen).values()].sort((a, b) => (a.domain.spec.name < b.domain.spec.name ? -1 : a.domain.spec.name > b.domain.spec.name ? 1 : 0));
	for (const {host, domain: d} of placed) {
		const m = migrations.get(d.spec.name);
		rows.push({
			key: d.spec.name,
			name: d.name,
			id: d.domid ?? null,
			memMiB: d.spec.memoryMiB,
			vcpus: d.active ? d.onlineVcpus : d.spec.vcpus,
			state: d.flags,
			cpuTime: round1(d.cpuTime(now)),
			host: host.name,
			vports: d.spec.npiv.map(n => n.vpwwn),
			lunCount: host.xend.lunDevices(d).length,
			migration: m ? migrationView(m) : null,
		});
	}
	return rows;
}

/** xm list shows one decimal of CPU time; finer changes would rebuild the row every tick. */
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The host a domain row runs on (the host its xm commands go to). */
export function domainHost(world: World, key: string): {host: string; name: string; dom0: boolean} | undefined {
	const xen = xvmOf(world);
	if (!xen) return undefined;
	const dom0 = /^(.*)\/Domain-0$/.exec(key);
	if (dom0) return xen.host(dom0[1]!) ? {host: dom0[1]!, name: 'Domain-0', dom0: true} : undefined;
	const p = guests(xen).get(key);
	return p ? {host: p.host.name, name: p.domain.spec.name, dom0: false} : undefined;
}

type Line = readonly [string, string];

export function domainDetail(world: World, key: string, names: PortNames): DetailView | null {
	const xen = xvmOf(world);
	if (!xen) return null;
	const where = domainHost(world, key);
	if (!where) return null;
	const host = xen.host(where.host)!;
	const d = where.dom0 ? host.dom0 : guests(xen).get(key)!.domain;
	const now = world.sim.now;
	const s = d.spec;
	const lines: Line[] = [
		['name', d.name],
		['domid', d.domid === undefined ? '-' : String(d.domid)],
		['host', host.name],
		['uuid', d.uuid],
		['state', `${d.flags} (${d.xendState})`],
		['memory', `${s.memoryMiB} MiB`],
		['maxmem', `${s.maxmemMiB} MiB`],
		['vcpus', String(d.active ? d.onlineVcpus : s.vcpus)],
		['cpu_time', `${d.cpuTime(now).toFixed(1)} s`],
		['managed', d.managed ? 'yes' : 'no'],
		['on_poweroff', s.onPoweroff],
		['on_reboot', s.onReboot],
		['on_crash', s.onCrash],
	];
	if (!where.dom0) {
		lines.push(['NPIV ports', s.npiv.length === 0 ? 'none' : '']);
		for (const n of s.npiv) {
			// The domain owns its ports: what else names them is the zoning alias, and the HBA port under them.
			const fabric = names.fabricOf(n.ppwwn);
			const alias = names.alias(n.vpwwn, fabric);
			const physical = wwnWithNames(n.ppwwn, names.of(n.ppwwn, fabric));
			lines.push([`  ${n.vpwwn}`, `${alias ? `alias ${alias}, ` : ''}node ${n.vnwwn} on ${physical}${n.autoattach ? ', autoattach' : ''}`]);
		}
		const devs = host.xend.lunDevices(d);
		lines.push(['block devices', s.disk.length + devs.length === 0 ? 'none' : '']);
		for (const disk of s.disk) lines.push([`  ${disk.dev}`, formatDisk(disk)]);
		for (const dev of devs) lines.push([`  ${dev.dev || `devid ${dev.devid}`}`, `LUN ${dev.key}${dev.connected ? '' : ' (connecting)'}`]);
		for (const vif of s.vif) lines.push(['vif', vif === '' ? '(default)' : vif]);
		const m = xen.activeMigrations().find(x => x.domain === s.name);
		if (m) {
			const v = migrationView(m);
			lines.push(['migration', `${v.live ? 'live ' : ''}${v.from} -> ${v.to}`], ['  phase', `${m.phase} (${Math.round(v.progress * 100)}%)`]);
		}
	}
	return {title: `Domain ${d.name} on ${host.name}`, lines};
}

/**
 * The Fabric pane: switches, switch ports (switchshow), the name server (nsshow) and zoning
 * (cfgshow), from the switches' own read models. Ports and logins are read from the switch
 * objects directly rather than through portView, which would copy every login of a port: the
 * detail of one port uses portView.
 */
import {formatFcId} from '../../sim/FcId.js';
import type {Fabric} from '../../fabric/Fabric.js';
import type {FabricLogin} from '../../fabric/FabricLogin.js';
import type {SwitchPort} from '../../fabric/SwitchPort.js';
import {fc4Names, zoningView} from '../../fabric/views.js';
import type {World} from '../../world/World.js';
import type {NameServerRow, SwitchPortRow, SwitchRow, ZoneRow, ZoningSummary} from '../model/ConsoleSource.js';
import type {PortNames} from './PortNames.js';
import type {XenFacts} from './XenFacts.js';

export function switchRows(world: World): SwitchRow[] {
	return world.fabrics.switches.map(sw => ({key: sw.name, name: sw.name, fabric: sw.fabric.name, domainId: sw.domainId, npiv: sw.npiv}));
}

export function switchPortKey(switchName: string, index: number): string {
	return `port:${switchName}/${index}`;
}

/** switchshow's State column; `Disabled` for an administratively disabled port. */
function portStateWord(p: SwitchPort): string {
	if (p.adminDisabled) return 'Disabled';
	const att = p.attachment;
	if (!att) return 'No_Light';
	if (att.kind === 'isl') return 'Online';
	return p.base ? 'Online' : 'In_Sync';
}

function portTypeWord(p: SwitchPort): string {
	if (p.adminDisabled) return '';
	const att = p.attachment;
	if (att?.kind === 'isl') return 'E-Port';
	return p.base ? 'F-Port' : '';
}

export function switchPortRows(world: World, names: PortNames): SwitchPortRow[] {
	const rows: SwitchPortRow[] = [];
	for (const sw of world.fabrics.switches) {
		for (const p of sw.ports) {
			const attached = p.base?.wwpn ?? null;
			rows.push({
				key: switchPortKey(sw.name, p.index),
				switchName: sw.name,
				fabric: sw.fabric.name,
				index: p.index,
				state: portStateWord(p),
				speed: p.fixedSpeedGbps !== undefined ? `${p.fixedSpeedGbps}G` : p.attachment ? `N${p.speedGbps}` : '--',
				portType: portTypeWord(p),
				attachedWwn: attached,
				attachedLabel: attached === null ? undefined : names.label(attached, sw.fabric.name),
				logins: p.logins.size,
				npivLogins: p.npivCount,
			});
		}
	}
	return rows;
}

export function nameServerKey(fabric: string, fcid: number): string {
	return `ns:${fabric}/${formatFcId(fcid as never)}`;
}

/**
 * nsshow rows of every fabric. A row is made again only when its login's registrations changed,
 * so 100,000 logins that did not move cost a walk, not 100,000 new rows.
 */
export class NameServerRows {
	/** `stamp`: the names (zoning, domain bindings) the row's labels were made with. */
	private readonly cache = new WeakMap<FabricLogin, {row: NameServerRow; fc4: readonly number[]; stamp: string}>();
	private readonly fc4Texts = new Map<readonly number[], string>();
	private previous: NameServerRow[] = [];

	/** The rows: the previous array when no row changed, else a new one reusing unchanged rows. */
	build(world: World, names: PortNames, xen: XenFacts): NameServerRow[] {
		const rows: NameServerRow[] = [];
		const stamp = `${xen.stamp}\n${names.stamp}`;
		let same = true;
		for (const fabric of world.fabrics.fabrics) {
			for (const l of fabric.sortedLogins()) {
				const symbolicName = l.symbolicPortName || l.symbolicNodeName;
				const known = this.cache.get(l);
				const unchanged = known !== undefined && known.fc4 === l.fc4Types && known.row.symbolicName === symbolicName && known.row.nodeWwn === l.wwnn;
				let labels: {portLabel: string | undefined; nodeLabel: string | undefined} | undefined;
				if (unchanged && known.stamp !== stamp) {
					labels = loginLabels(names, xen, fabric.name, l);
					if (labels.portLabel === known.row.portLabel && labels.nodeLabel === known.row.nodeLabel) known.stamp = stamp;
				}
				if (unchanged && known.stamp === stamp) {
					if (same && this.previous[rows.length] !== known.row) same = false;
					rows.push(known.row);
					continue;
				}
				same = false;
				let fc4 = this.fc4Texts.get(l.fc4Types);
				if (fc4 === undefined) this.fc4Texts.set(l.fc4Types, (fc4 = fc4Names(l.fc4Types).join(' ')));
				const row: NameServerRow = {
					key: nameServerKey(fabric.name, l.fcid),
					fabric: fabric.name,
					fcid: l.fcid,
					portWwn: l.wwpn,
					nodeWwn: l.wwnn,
					...(labels ?? loginLabels(names, xen, fabric.name, l)),
					portType: 'N',
					fc4Types: fc4,
					symbolicName,
					virtual: l.npiv,
				};
				this.cache.set(l, {row, fc4: l.fc4Types, stamp});
				rows.push(row);
			}
		}
		if (same && rows.length === this.previous.length) return this.previous;
		this.previous = rows;
		return rows;
	}
}

/**
 * A login's names. An NPIV login belongs to its domain, else to the physical N_Port under it (the
 * login's permanent port name); a node belongs to whoever its port does, unless it has its own.
 */
function loginLabels(names: PortNames, xen: XenFacts, fabric: string, l: FabricLogin): {portLabel: string | undefined; nodeLabel: string | undefined} {
	const owner = l.npiv ? names.owner(l.permanentPortName, xen.vportDomain(l.wwpn)) : names.owner(l.wwpn);
	return {
		portLabel: names.alias(l.wwpn, fabric) ?? owner ?? undefined,
		nodeLabel: names.alias(l.wwnn, fabric) ?? (l.npiv ? owner : names.owner(l.wwnn)) ?? owner ?? undefined,
	};
}

export function zoneKey(fabric: string, config: string, zone: string): string {
	return `zone:${fabric}/${config}/${zone}`;
}

export function zoneRows(world: World): ZoneRow[] {
	const rows: ZoneRow[] = [];
	for (const fabric of world.fabrics.fabrics) rows.push(...fabricZoneRows(fabric));
	return rows;
}

function fabricZoneRows(fabric: Fabric): ZoneRow[] {
	const view = zoningView(fabric.zoning);
	const effective = new Set(view.effective?.zones.map(z => z.name) ?? []);
	const effectiveCfg = view.effective?.name ?? null;
	const members = new Map(view.defined.zones.map(z => [z.name, z.members]));
	const rows: ZoneRow[] = [];
	const placed = new Set<string>();
	for (const cfg of view.defined.configs) {
		for (const zone of cfg.zones) {
			placed.add(zone);
			rows.push({
				key: zoneKey(fabric.name, cfg.name, zone),
				fabric: fabric.name,
				config: cfg.name,
				zone,
				members: members.get(zone) ?? view.effective?.zones.find(z => z.name === zone)?.members ?? [],
				effective: cfg.name === effectiveCfg && effective.has(zone),
			});
		}
	}
	for (const z of view.defined.zones) {
		if (placed.has(z.name)) continue;
		rows.push({key: zoneKey(fabric.name, '', z.name), fabric: fabric.name, config: '', zone: z.name, members: z.members, effective: false});
	}
	return rows;
}

export function zoningSummaries(world: World): ZoningSummary[] {
	return world.fabrics.fabrics.map(fabric => {
		const db = fabric.zoning;
		return {
			fabric: fabric.name,
			definedConfigs: [...db.configs.keys()].sort(),
			effectiveConfig: db.effective?.name ?? null,
			defaultZone: db.defaultZone,
		};
	});
}

/**
 * The Adapters, Virtual ports and LUNs panes, read through each host's HBA-API: adapter and port
 * attributes, the NPIV port lists and the virtual ports' own attributes, and the FCP target
 * mapping of every physical and virtual port.
 *
 * The LUN facts that fcinfo gets by sending INQUIRY and READ CAPACITY (vendor, product, type,
 * size) come from what the driver cached at discovery, looked up by the mapping entry: a SCSI
 * command sent only to draw a screen would change the SAN (it consumes a pending unit attention
 * and counts frames), and the console must not disturb what it shows.
 */
import {HBA_PORTSTATE, HBA_STATUS, type HBA_FCPSCSIENTRYV2, type HBA_PORTATTRIBUTES} from '../../hbaapi/types.js';
import {deviceTypeName, portStateName, speedWords} from '../../commands/fcinfo/AttributeText.js';
import type {FcId} from '../../sim/FcId.js';
import type {Wwn} from '../../sim/Wwn.js';
import type {LunPathView} from '../../driver/Views.js';
import type {World, WorldHost} from '../../world/World.js';
import type {AdapterRow, LunRow, PortState, VportRow} from '../model/ConsoleSource.js';
import {cablesByWwpn, fabricOfSwitch} from './Cabling.js';
import {forEachHbaPort, forEachVport, withHbaPort, type HbaPortVisit} from './HbaWalk.js';
import type {PortNames} from './PortNames.js';
import {sameRow} from './RowList.js';
import {NO_XEN, type XenFacts} from './XenFacts.js';

const PORT_STATES: ReadonlySet<string> = new Set(['unknown', 'online', 'offline', 'bypassed', 'diagnostics', 'link down', 'error', 'loopback']);

export function portState(attrs: HBA_PORTATTRIBUTES): PortState {
	const name = portStateName(attrs.PortState);
	return (PORT_STATES.has(name) ? name : 'unknown') as PortState;
}

export function portFcId(attrs: HBA_PORTATTRIBUTES): FcId | null {
	return attrs.PortState === HBA_PORTSTATE.ONLINE ? attrs.PortFcId : null;
}

export function speedOf(attrs: HBA_PORTATTRIBUTES): string {
	return speedWords(attrs.PortSpeed).join(' ');
}

// Labels (names in place of WWNs): each made by one function, for a new row and for a row whose
// zoning changed (relabelled without reading the HBA-API again). The zoning that names a port is
// the one of the fabric its physical port is cabled to, pulled or not.

function adapterLabels(names: PortNames, wwpn: Wwn, wwnn: Wwn): Pick<AdapterRow, 'portLabel' | 'nodeLabel'> {
	const on = names.fabricOf(wwpn);
	return {portLabel: names.label(wwpn, on), nodeLabel: names.label(wwnn, on)};
}

/** A virtual port and its node belong to its domain, else to the physical port it was made on. */
function vportLabels(names: PortNames, physical: Wwn, wwpn: Wwn, wwnn: Wwn, domain: string | null): Pick<VportRow, 'portLabel' | 'nodeLabel' | 'physicalLabel'> {
	const on = names.fabricOf(physical);
	const owner = names.owner(physical, domain) ?? undefined;
	return {portLabel: names.alias(wwpn, on) ?? owner, nodeLabel: names.alias(wwnn, on) ?? owner, physicalLabel: names.label(physical, on)};
}

/** A target is seen through the initiator's fabric: the zoning that names both is that one. */
function lunLabels(names: PortNames, xen: XenFacts, physical: Wwn, portWwn: Wwn, targetWwn: Wwn): Pick<LunRow, 'portLabel' | 'targetLabel'> {
	const on = names.fabricOf(physical);
	const portLabel = portWwn === physical ? names.label(portWwn, on) : (names.alias(portWwn, on) ?? names.owner(physical, xen.vportDomain(portWwn)) ?? undefined);
	return {portLabel, targetLabel: names.label(targetWwn, on)};
}

/** `row` with labels made again: the same object when none changed. */
function relabelled<R extends object>(row: R, labels: Partial<R>): R {
	for (const k in labels) if (labels[k] !== row[k]) return {...row, ...labels};
	return row;
}

function adapterRow(v: HbaPortVisit, world: World, names: PortNames): AdapterRow {
	const wwpn = v.port.PortWWN;
	const cable = cablesByWwpn(world).get(wwpn);
	const plugged = cable !== undefined && cable.cable.connected;
	return {
		key: wwpn,
		host: v.host.config.name,
		portWwn: wwpn,
		nodeWwn: v.port.NodeWWN,
		...adapterLabels(names, wwpn, v.port.NodeWWN),
		model: v.adapter.Model,
		state: portState(v.port),
		speed: speedOf(v.port),
		fcid: portFcId(v.port),
		fabric: plugged && cable.switchName ? fabricOfSwitch(world, cable.switchName) : null,
		vportsUsed: v.npiv?.NumberOfNPIVPorts ?? 0,
		vportsMax: v.npiv && v.npiv.npivflag !== 0 ? v.npiv.MaxNumberOfNPIVPorts : 0,
	};
}

export function adapterRows(world: World, names: PortNames): AdapterRow[] {
	const rows: AdapterRow[] = [];
	forEachHbaPort(world, v => rows.push(adapterRow(v, world, names)));
	return rows;
}

function mapping(v: HbaPortVisit, wwpn: Wwn): readonly HBA_FCPSCSIENTRYV2[] {
	const m = v.api.HBA_GetFcpTargetMappingV2(v.handle, wwpn);
	return m.status === HBA_STATUS.OK ? m.value.entry.slice(0, m.value.NumberOfEntries) : [];
}

/** The discovery-time facts of one LUN path (see the header comment). */
export function lunPath(host: WorldHost, portWwn: Wwn, targetWwn: Wwn, lun: number): LunPathView | undefined {
	return host.stack.localPort(portWwn)?.remotePort(targetWwn)?.lunPath(lun);
}

export function lunRowKey(portWwn: Wwn, targetWwn: Wwn, lun: number): string {
	return `${portWwn}/${targetWwn}/${lun}`;
}

/** Null when the device has no capacity (only disks answer READ CAPACITY). */
export function lunSizeBytes(path: LunPathView | undefined): number | null {
	// Exact below 2^53 bytes (8 PiB), which every LUN of a lab is.
	return path?.blocks !== undefined && path.blockSize !== undefined ? Number(path.blocks) * path.blockSize : null;
}

function portVportRows(v: HbaPortVisit, xen: XenFacts, names: PortNames, out: VportRow[]): void {
	const physical = v.port.PortWWN;
	forEachVport(v, vp => {
		const wwpn = vp.info.PortWWN;
		const domain = xen.vportDomain(wwpn);
		out.push({
			key: wwpn,
			portWwn: wwpn,
			nodeWwn: vp.info.NodeWWN,
			physicalWwn: physical,
			...vportLabels(names, physical, wwpn, vp.info.NodeWWN, domain),
			host: v.host.config.name,
			fcid: portFcId(vp.attrs),
			state: portState(vp.attrs),
			domain,
			lunCount: vp.attrs.NumberofDiscoveredPorts === 0 ? 0 : mapping(v, wwpn).length,
		});
	});
}

/** A LUN row per LUN path object: a path that did not change gives back the same row. */
type LunRowCache = WeakMap<LunPathView, LunRow>;

function portLunRows(v: HbaPortVisit, xen: XenFacts, names: PortNames, out: LunRow[], cache: LunRowCache): void {
	const host = v.host.config.name;
	const physical = v.port.PortWWN;
	const add = (portWwn: Wwn, kind: LunRow['portKind']): void => {
		let labels: Pick<LunRow, 'portLabel' | 'targetLabel'> | undefined;
		let labelled: Wwn | undefined;
		for (const e of mapping(v, portWwn)) {
			const target = e.FcpId.PortWWN;
			const lun = e.ScsiId.ScsiOSLun;
			const path = lunPath(v.host, portWwn, target, lun);
			const osDevice = e.ScsiId.OSDeviceName || 'Unknown';
			const domain = xen.lunDomain(portWwn, target, lun);
			// A port's LUNs come target by target: one lookup per target.
			if (labelled !== target) {
				labels = lunLabels(names, xen, physical, portWwn, target);
				labelled = target;
			}
			const {portLabel, targetLabel} = labels!;
			const known = path ? cache.get(path) : undefined;
			if (known && known.osDevice === osDevice && known.domain === domain && known.portWwn === portWwn && known.portLabel === portLabel && known.targetLabel === targetLabel) {
				out.push(known);
				continue;
			}
			const row: LunRow = {
				key: lunRowKey(portWwn, target, lun),
				host,
				portWwn,
				portKind: kind,
				targetWwn: target,
				portLabel,
				targetLabel,
				lun,
				vendor: path?.vendor.trim() ?? '',
				product: path?.product.trim() ?? '',
				deviceType: path ? deviceTypeName(path.deviceType) : 'Unknown Device',
				sizeBytes: lunSizeBytes(path),
				osDevice,
				domain,
			};
			if (path) cache.set(path, row);
			out.push(row);
		}
	};
	if (v.port.NumberofDiscoveredPorts > 0) add(v.port.PortWWN, 'physical');
	forEachVport(v, vp => {
		if (vp.attrs.NumberofDiscoveredPorts > 0) add(vp.info.PortWWN, 'virtual');
	});
}

type HbaPane = 'adapters' | 'vports' | 'luns';

interface PaneSlices<R> {
	/** Rows of each physical port (by WWPN), in the HBA-API's order. */
	readonly slices: Map<Wwn, R[]>;
	readonly dirty: Set<Wwn>;
	all: boolean;
	/** Domain bindings the slices were built with: a change reads every port again. */
	xenStamp: string;
	/** The names the slices' labels were made with: a change (zoning) only relabels them. */
	names: PortNames | undefined;
	rows: R[] | undefined;
}

/**
 * The Adapters, Virtual ports and LUNs panes of a big SAN, rebuilt only where something changed:
 * each physical port's rows (the port, its virtual ports, its and their LUNs) are kept, and read
 * again through the HBA-API only after a sysevent from one of its fp instances (port online or
 * offline, attach, detach, target and device add or remove: the EC_sunfc channel libsun_fc itself
 * listens to). The sysevents only say where to look; what the rows show comes from the HBA-API.
 */
export class HbaPanes {
	private readonly state: {[P in HbaPane]: PaneSlices<unknown>} = {adapters: slices(), vports: slices(), luns: slices()};
	private readonly lunCache: LunRowCache = new WeakMap();
	private readonly unsubscribe: (() => void)[] = [];

	constructor(private readonly world: World) {
		for (const host of world.hosts) {
			this.unsubscribe.push(
				host.stack.subscribe(e => {
					// An RSCN changes nothing by itself; what rediscovery finds raises its own sysevents.
					if (e.subclass === 'port_rscn') return;
					// A new virtual port raises port_attach before the stack lists it: look on the rings.
					const physical = host.stack.localPort(e.portWwn)?.physicalWwpn ?? host.stack.ports.find(p => p.wwpn === e.portWwn || p.vport(e.portWwn))?.wwpn;
					for (const pane of Object.values(this.state)) {
						if (physical) pane.dirty.add(physical);
						else pane.all = true;
					}
				}),
			);
		}
	}

	dispose(): void {
		for (const u of this.unsubscribe) u();
		this.unsubscribe.length = 0;
	}

	/** A cable moved: the adapter rows show whether each port is plugged. */
	cablesChanged(): void {
		this.state.adapters.all = true;
	}

	/**
	 * The pane's rows: the same array while nothing changed, and otherwise a new one that holds the
	 * previous row objects wherever a row did not change. `xen.stamp` moves when domain bindings do;
	 * another `names` (the zoning changed) relabels the rows kept, without reading them again.
	 */
	adapters(names: PortNames): AdapterRow[] {
		return this.rows<AdapterRow>('adapters', '', names, this.builder('adapters', NO_XEN, names) as Build<AdapterRow>, this.relabeller('adapters', NO_XEN, names) as Relabel<AdapterRow>);
	}

	vports(xen: XenFacts, names: PortNames): VportRow[] {
		return this.rows<VportRow>('vports', xen.stamp, names, this.builder('vports', xen, names) as Build<VportRow>, this.relabeller('vports', xen, names) as Relabel<VportRow>);
	}

	luns(xen: XenFacts, names: PortNames): LunRow[] {
		return this.rows<LunRow>('luns', xen.stamp, names, this.builder('luns', xen, names) as Build<LunRow>, this.relabeller('luns', xen, names) as Relabel<LunRow>);
	}

	/**
	 * Builds stale slices of a pane for up to `budgetMs` (wall clock `now`), without assembling the
	 * pane: a big SAN's panes are prepared in idle time so that opening one is quick. True when
	 * nothing is left to build.
	 */
	warm(pane: HbaPane, xen: XenFacts, names: PortNames, budgetMs: number, now: () => number): boolean {
		const st = this.state[pane];
		this.checkStamp(st, pane === 'adapters' ? '' : xen.stamp);
		this.relabel(st, names, this.relabeller(pane, xen, names));
		const build = this.builder(pane, xen, names);
		const start = now();
		for (const host of this.world.hosts) {
			for (const port of host.stack.ports) {
				if (st.slices.has(port.wwpn) && !st.all && !st.dirty.has(port.wwpn)) continue;
				if (now() - start > budgetMs) return false;
				this.rebuildSlice(st, host, port.wwpn, build);
			}
		}
		return true;
	}

	private builder(pane: HbaPane, xen: XenFacts, names: PortNames): Build<unknown> {
		if (pane === 'adapters') return (v, out) => out.push(adapterRow(v, this.world, names));
		if (pane === 'vports') return (v, out) => portVportRows(v, xen, names, out as VportRow[]);
		return (v, out) => portLunRows(v, xen, names, out as LunRow[], this.lunCache);
	}

	private relabeller(pane: HbaPane, xen: XenFacts, names: PortNames): Relabel<unknown> {
		if (pane === 'adapters') return r => relabelled(r as AdapterRow, adapterLabels(names, (r as AdapterRow).portWwn, (r as AdapterRow).nodeWwn));
		if (pane === 'vports') return r => relabelled(r as VportRow, vportLabels(names, (r as VportRow).physicalWwn, (r as VportRow).portWwn, (r as VportRow).nodeWwn, (r as VportRow).domain));
		return (r, physical) => relabelled(r as LunRow, lunLabels(names, xen, physical, (r as LunRow).portWwn, (r as LunRow).targetWwn));
	}

	/**
	 * Labels of the slices kept, made again with `names` when they were made with others (an
	 * alicreate at 100,000 virtual ports costs a pass over the rows, not a read of every port).
	 */
	private relabel<R>(st: PaneSlices<R>, names: PortNames, relabel: Relabel<R>): void {
		if (st.names === names) return;
		st.names = names;
		for (const [wwpn, rows] of st.slices) {
			if (st.dirty.has(wwpn)) continue;
			let next: R[] | undefined;
			for (let i = 0; i < rows.length; i++) {
				const row = relabel(rows[i]!, wwpn);
				if (row === rows[i]) continue;
				next ??= [...rows];
				next[i] = row;
			}
			if (next) {
				st.slices.set(wwpn, next);
				st.rows = undefined;
			}
		}
	}

	private checkStamp(st: PaneSlices<unknown>, stamp: string): void {
		if (st.xenStamp !== stamp) {
			st.xenStamp = stamp;
			st.all = true;
		}
		// Once every slice is stale, forget them one by one instead.
		if (st.all) {
			st.all = false;
			for (const w of st.slices.keys()) st.dirty.add(w);
			if (st.slices.size === 0) st.rows = undefined;
		}
	}

	private rebuildSlice<R>(st: PaneSlices<R>, host: WorldHost, wwpn: Wwn, build: (v: HbaPortVisit, out: R[]) => void): void {
		const before = st.slices.get(wwpn);
		const fresh: R[] = [];
		withHbaPort(host, wwpn, v => build(v, fresh));
		st.slices.set(wwpn, before ? (reuseRows(before as {key: string}[], fresh as {key: string}[]) as R[]) : fresh);
		st.dirty.delete(wwpn);
		if (st.slices.get(wwpn) !== before) st.rows = undefined;
	}

	private rows<R>(pane: HbaPane, stamp: string, names: PortNames, build: Build<R>, relabel: Relabel<R>): R[] {
		const st = this.state[pane] as PaneSlices<R>;
		this.checkStamp(st as PaneSlices<unknown>, stamp);
		this.relabel(st, names, relabel);
		const order = this.portOrder();
		for (const [host, wwpn] of order) {
			if (!st.slices.has(wwpn) || st.dirty.has(wwpn)) this.rebuildSlice(st, host, wwpn, build);
		}
		st.dirty.clear();
		if (st.slices.size !== order.length) {
			const live = new Set(order.map(([, w]) => w));
			for (const w of st.slices.keys()) if (!live.has(w)) st.slices.delete(w);
			st.rows = undefined;
		}
		if (st.rows) return st.rows;
		const out: R[] = [];
		for (const [, wwpn] of order) for (const r of st.slices.get(wwpn)!) out.push(r);
		st.rows = out;
		return out;
	}

	private order: [WorldHost, Wwn][] | undefined;

	private portOrder(): [WorldHost, Wwn][] {
		return (this.order ??= this.world.hosts.flatMap(host => host.stack.ports.map(p => [host, p.wwpn] as [WorldHost, Wwn])));
	}
}

/** `fresh` with each row equal to one of `before` replaced by it; `before` itself when nothing changed. */
function reuseRows<R extends {key: string}>(before: R[], fresh: R[]): R[] {
	let byKey: Map<string, R> | undefined;
	let same = fresh.length === before.length;
	for (let i = 0; i < fresh.length; i++) {
		const row = fresh[i]!;
		if (row === before[i]) continue;
		byKey ??= new Map(before.map(r => [r.key, r]));
		const old = byKey.get(row.key);
		if (old && old !== row && sameRow(old, row)) fresh[i] = old;
		if (fresh[i] !== before[i]) same = false;
	}
	return same ? before : fresh;
}

type Build<R> = (v: HbaPortVisit, out: R[]) => void;
/** A row with its labels made again (the same row when they did not change); `physical`: its slice's port. */
type Relabel<R> = (row: R, physical: Wwn) => R;

function slices<R>(): PaneSlices<R> {
	return {slices: new Map(), dirty: new Set(), all: true, xenStamp: '', names: undefined, rows: undefined};
}

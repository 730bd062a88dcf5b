/**
 * The detail panel of one item, worded like the tool that shows it: an HBA port as `fcinfo
 * hba-port` prints it, a virtual port with its WWNs, N_Port_ID, state and remote ports, a LUN as
 * `fcinfo lu -v`, an event with all its data, a switch port with its logins (nsshow fields).
 */
import {hbaPortFacts} from '../../commands/fcinfo/HbaPortBlock.js';
import {deviceTypeName, portStateName, portTypeName, speedText, speedWords} from '../../commands/fcinfo/AttributeText.js';
import {HBA_STATUS, type HBA_PORTATTRIBUTES} from '../../hbaapi/types.js';
import {portView, loginView, switchView, zoningView} from '../../fabric/views.js';
import {formatFcId} from '../../sim/FcId.js';
import {parseWwn, type Wwn} from '../../sim/Wwn.js';
import {formatSimTime} from '../../world/SimClockText.js';
import type {World, WorldHost} from '../../world/World.js';
import type {DetailView, RowKey} from '../model/ConsoleSource.js';
import {cablesByWwpn, fabricOfSwitch} from './Cabling.js';
import type {EventRows} from './EventRows.js';
import {forEachVport, withHbaPort, type HbaPortVisit} from './HbaWalk.js';
import {lunPath} from './HbaRows.js';
import {wwnWithNames, type PortNames, type WwnNames} from './PortNames.js';
import {rscnPages} from './RscnPages.js';
import type {XenFacts} from './XenFacts.js';

type Line = readonly [string, string];

/** Long lists in a detail panel stop here, with a count of the rest. */
const LIST_CAP = 64;

function capped<T>(items: readonly T[], line: (item: T, i: number) => Line[]): Line[] {
	const out = items.slice(0, LIST_CAP).flatMap(line);
	if (items.length > LIST_CAP) out.push([`  … ${items.length - LIST_CAP} more`, '']);
	return out;
}

const ZERO_WWN = /^0+$/;

/**
 * The two lines that name the item's own WWN, whatever the list shows (`w`): the zoning alias
 * (and the fabric whose zoning has it) and the owner. Lines that mirror a tool (fcinfo) keep the
 * tool's bare WWN: these come after them or between the console's own lines.
 */
function nameLines(names: WwnNames): Line[] {
	return [
		['Zoning alias', names.alias ? `${names.alias.name} (fabric ${names.alias.fabric})` : 'none'],
		['Owner', names.owner ?? '-'],
	];
}

/** One line's worth of a WWN's names: `alias array1_a1 (fabric A), owner array-1/A-1`. */
function namesText(names: WwnNames): string {
	const said = [...(names.alias ? [`alias ${names.alias.name} (fabric ${names.alias.fabric})`] : []), ...(names.owner ? [`owner ${names.owner}`] : [])];
	return said.join(', ') || 'none';
}

/** Both names of a port of a host, virtual or physical, in the fabric its cable goes to. */
function portNames(names: PortNames, xen: XenFacts, wwn: Wwn): WwnNames {
	return names.ofPort(wwn, xen.vportDomain(wwn));
}

/** The host whose stack has the port (physical or virtual) `wwpn`. */
export function hostOfPort(world: World, wwpn: Wwn): WorldHost | undefined {
	return world.hosts.find(h => h.stack.localPort(wwpn) !== undefined);
}

function cableLine(world: World, wwpn: Wwn): Line {
	const c = cablesByWwpn(world).get(wwpn);
	if (!c) return ['Cable', 'none'];
	const far = c.switchName !== null ? `${c.switchName} port ${c.switchPort} (fabric ${fabricOfSwitch(world, c.switchName) ?? '?'})` : c.loop !== null ? `loop ${c.loop}` : (c.peer ?? '?');
	return ['Cable', `${far}${c.cable.connected ? '' : ' (pulled)'}`];
}

export function adapterDetail(world: World, key: RowKey, names: PortNames, xen: XenFacts): DetailView | null {
	const wwpn = parseWwn(key);
	const host = wwpn ? world.hosts.find(h => h.stack.portByWwpn(wwpn)) : undefined;
	if (!wwpn || !host) return null;
	return (
		withHbaPort(host, wwpn, v => {
			const f = hbaPortFacts(v.port, v.adapter, 'Initiator');
			const lines: Line[] = [
				['HBA Port WWN', f.portWWN],
				['Port Mode', f.mode],
				['Port ID', f.portId],
				['OS Device Name', f.osDeviceName],
				['Manufacturer', f.manufacturer],
				['Model', f.model],
				['Firmware Version', f.firmwareVersion],
				['FCode/BIOS Version', f.fcodeBiosVersion],
				['Serial Number', f.serialNumber],
				['Driver Name', f.driverName],
				['Driver Version', f.driverVersion],
				['Type', f.type],
				['State', f.state],
				['Supported Speeds', speedText(f.supportedSpeeds).trimEnd()],
				['Current Speed', speedText(f.currentSpeed).trimEnd()],
				['Node WWN', f.nodeWWN],
			];
			// The console's lines go before the NPIV port list, which can run to 64 entries.
			const own: Line[] = [['Host', host.config.name], cableLine(world, wwpn), ...nameLines(portNames(names, xen, wwpn))];
			if (!v.npiv || v.npiv.npivflag === 0 || v.npiv.MaxNumberOfNPIVPorts === 0) lines.push(['NPIV Not Supported', ''], ...own);
			else {
				lines.push(['Max NPIV Ports', String(v.npiv.MaxNumberOfNPIVPorts)], ...own, ['NPIV port list:', '']);
				const vports: {node: Wwn; port: Wwn}[] = [];
				forEachVport(v, vp => vports.push({node: vp.info.NodeWWN, port: vp.info.PortWWN}));
				lines.push(...capped(vports, (p, i) => [[`  Virtual Port${i + 1}:`, ''], ['    Node WWN', p.node], ['    Port WWN', p.port]]));
			}
			return {title: `HBA port ${wwpn} (${host.config.name})`, lines};
		}) ?? null
	);
}

function remoteLines(v: HbaPortVisit, vportIndex: number, attrs: HBA_PORTATTRIBUTES, named: (wwn: Wwn) => WwnNames): Line[] {
	const remotes: HBA_PORTATTRIBUTES[] = [];
	for (let i = 0; i < attrs.NumberofDiscoveredPorts; i++) {
		const r = v.api.Sun_HBA_GetNPIVDiscoveredPortAttributes(v.handle, v.portIndex, vportIndex, i);
		if (r.status === HBA_STATUS.OK) remotes.push(r.value);
	}
	return [
		['Remote ports', String(remotes.length)],
		...capped(remotes, r => {
			// The device's symbolic name already says whose it is (`array-1 A-1`): the zoning's name is what it adds.
			const n = named(r.PortWWN);
			const said = n.alias ? ` (alias ${n.alias.name})` : !r.PortSymbolicName && n.owner ? ` (${n.owner})` : '';
			return [[`  ${r.PortWWN}`, `${formatFcId(r.PortFcId)} ${portStateName(r.PortState)}${r.PortSymbolicName ? ` ${r.PortSymbolicName}` : ''}${said}`] as Line];
		}),
	];
}

export function vportDetail(world: World, key: RowKey, xen: XenFacts, names: PortNames): DetailView | null {
	const wwpn = parseWwn(key);
	const host = wwpn ? hostOfPort(world, wwpn) : undefined;
	const fp = wwpn && host ? host.stack.localPort(wwpn) : undefined;
	if (!wwpn || !host || !fp || !fp.virtual) return null;
	return (
		withHbaPort(host, fp.physicalWwpn, v => {
			let found: DetailView | null = null;
			forEachVport(v, vp => {
				if (vp.info.PortWWN !== wwpn) return;
				const a = vp.attrs;
				const map = v.api.HBA_GetFcpTargetMappingV2(v.handle, wwpn);
				const entries = map.status === HBA_STATUS.OK ? map.value.entry : [];
				const fabric = names.fabricOf(v.port.PortWWN);
				const lines: Line[] = [
					['Port WWN', a.PortWWN],
					...nameLines(portNames(names, xen, wwpn)),
					['Node WWN', a.NodeWWN],
					['Port ID', (a.PortFcId >>> 0).toString(16)],
					['State', portStateName(a.PortState)],
					['Type', portTypeName(a.PortType)],
					['Current Speed', speedWords(a.PortSpeed).join(' ')],
					['OS Device Name', a.OSDeviceName],
					['Symbolic Name', a.PortSymbolicName],
					['Fabric Name', ZERO_WWN.test(a.FabricName) ? '-' : a.FabricName],
					['Physical Port WWN', wwnWithNames(v.port.PortWWN, portNames(names, xen, v.port.PortWWN))],
					['Host', host.config.name],
					['Bound domain', xen.vportDomain(wwpn) ?? '-'],
				];
				if (fp.lastLoginError && a.PortState !== 2) lines.push(['Last login error', fp.lastLoginError]);
				lines.push(...remoteLines(v, vp.index, a, w => names.of(w, fabric)));
				lines.push(['LUNs', String(entries.length)]);
				// Label by what an operator looks for (target and LUN); the device path is the value, so
				// a narrow panel wraps the path rather than cutting the label.
				lines.push(...capped(entries, e => [[`  …${e.FcpId.PortWWN.slice(-6)} LUN ${e.ScsiId.ScsiOSLun}`, e.ScsiId.OSDeviceName || 'Unknown'] as Line]));
				found = {title: `Virtual port ${wwpn} (${host.config.name})`, lines};
			});
			return found;
		}) ?? null
	);
}

export function lunDetail(world: World, key: RowKey, xen: XenFacts, names: PortNames): DetailView | null {
	const [portText, targetText, lunText] = key.split('/');
	const port = parseWwn(portText ?? '');
	const target = parseWwn(targetText ?? '');
	const lun = Number(lunText);
	const host = port ? hostOfPort(world, port) : undefined;
	if (!port || !target || !host || !Number.isInteger(lun)) return null;
	const fp = host.stack.localPort(port)!;
	const map = withHbaPort(host, fp.physicalWwpn, v => v.api.HBA_GetFcpTargetMappingV2(v.handle, port));
	const entry = map?.status === HBA_STATUS.OK ? map.value.entry.find(e => e.FcpId.PortWWN === target && e.ScsiId.ScsiOSLun === lun) : undefined;
	if (!entry) return null;
	const path = lunPath(host, port, target, lun);
	const size = path?.blocks !== undefined && path.blockSize !== undefined ? path.blocks * BigInt(path.blockSize) : undefined;
	// The target is reached through the initiator's fabric: its zoning names both.
	const fabric = names.fabricOf(fp.physicalWwpn);
	const lines: Line[] = [
		['OS Device Name', entry.ScsiId.OSDeviceName || 'Unknown'],
		['HBA Port WWN', port],
		['Remote Port WWN', target],
		['LUN', String(lun)],
		['Vendor', path?.vendor ?? ''],
		['Product', path?.product ?? ''],
		['Device Type', path ? deviceTypeName(path.deviceType) : 'Unknown Device'],
		['Revision', path?.revision.trim() ?? ''],
		['Serial Number', path?.serial.trim() ?? ''],
		['LUID', entry.LUID],
		// Tapes and medium changers answer no READ CAPACITY: a size would be made up.
		['Size', size === undefined ? 'not applicable' : `${size} bytes (${Number(size / 1048576n)} MiB)`],
		['Path state', path?.state ?? '-'],
		['Port kind', fp.virtual ? `virtual (on ${fp.physicalWwpn})` : 'physical'],
		['Host', host.config.name],
		['Domain', xen.lunDomain(port, target, lun) ?? '-'],
		['HBA port names', namesText(portNames(names, xen, port))],
		['Remote port names', namesText(names.of(target, fabric))],
	];
	return {title: `LUN ${lun} of ${target} via ${port}`, lines};
}

export function eventDetail(events: EventRows, key: RowKey): DetailView | null {
	const e = events.event(key);
	if (!e) return null;
	const lines: Line[] = [
		['Seq', String(e.seq)],
		['Time', formatSimTime(e.t)],
		['Source', e.source],
		['Type', e.type],
		['Summary', e.summary],
	];
	for (const [k, value] of Object.entries(e.data)) lines.push([k, Array.isArray(value) ? value.join(', ') : String(value)]);
	const pages = rscnPages(e);
	if (pages) {
		lines.push(['RSCN pages', String(pages.length)]);
		pages.forEach((p, i) => lines.push([`  page ${i + 1}`, p]));
	}
	return {title: `Event ${e.seq}: ${e.type}`, lines};
}

export function fabricDetail(world: World, key: RowKey, names: PortNames, xen: XenFacts): DetailView | null {
	const port = /^port:(.+)\/(\d+)$/.exec(key);
	if (port) {
		const sw = world.fabrics.switch(port[1]!);
		const p = sw?.port(Number(port[2]));
		if (!sw || !p) return null;
		const v = portView(p);
		const att = v.attached;
		const fabric = sw.fabric.name;
		const named = (wwn: Wwn): string => wwnWithNames(wwn, portNames(names, xen, wwn));
		const lines: Line[] = [
			['Switch', `${sw.name} (domain ${sw.domainId}, fabric ${sw.fabric.name})`],
			['Port', String(v.index)],
			['Address', v.address],
			['Port WWN', v.portWwn],
			['State', `${v.phys} (${v.state})`],
			['Speed', v.fixedSpeed ? `${v.speedGbps}G (fixed)` : `N${v.speedGbps}`],
			['NPIV', v.npivEnabled ? `on (limit ${v.npivLimit})` : v.npiv ? 'off (switch)' : 'off'],
			['Attached', !att ? 'nothing' : att.kind === 'nport' ? `${att.device} ${wwnWithNames(att.wwpn, {alias: names.of(att.wwpn, fabric).alias, owner: null})}` : `ISL to ${att.switch} port ${att.port}`],
			['Logins', `${v.logins.length} (${v.npivLogins} NPIV)`],
			...capped(v.logins, l => [[`  ${l.fcid}`, `${named(l.wwpn)} ${l.npiv ? 'FDISC' : 'FLOGI'} ${l.deviceType}${l.symbolicPortName ? ` ${l.symbolicPortName}` : ''}`] as Line]),
		];
		return {title: `${sw.name} port ${v.index}`, lines};
	}
	const ns = /^ns:(.+)\/([0-9a-f]{6})$/.exec(key);
	if (ns) {
		const fabric = world.fabrics.fabric(ns[1]!);
		const login = fabric?.loginById(parseInt(ns[2]!, 16) as never);
		if (!fabric || !login) return null;
		const l = loginView(login);
		const domain = login.npiv ? xen.vportDomain(login.wwpn) : null;
		const lines: Line[] = [
			['Type', 'N'],
			['Port ID', l.fcid],
			['Port Name', l.wwpn],
			// An NPIV login's owner is the physical N_Port under it (its permanent port name) unless a domain has it.
			...nameLines({alias: names.of(login.wwpn, fabric.name).alias, owner: names.owner(login.npiv ? login.permanentPortName : login.wwpn, domain)}),
			['Node Name', l.wwnn],
			['FC4s', l.fc4Types.join(' ') || 'none'],
			['PortSymb', l.symbolicPortName],
			['NodeSymb', l.symbolicNodeName],
			['Fabric Port Name', l.fabricPortName],
			['Permanent Port Name', l.permanentPortName],
			['Device type', l.deviceType],
			['SCR', l.scr ?? 'none'],
			['Switch port', `${l.switch} port ${l.port}`],
			['Device', l.device],
		];
		return {title: `Name server entry ${l.fcid} (fabric ${fabric.name})`, lines};
	}
	const zone = /^zone:([^/]+)\/([^/]*)\/(.+)$/.exec(key);
	if (zone) {
		const fabric = world.fabrics.fabric(zone[1]!);
		if (!fabric) return null;
		const view = zoningView(fabric.zoning);
		const name = zone[3]!;
		const defined = view.defined.zones.find(z => z.name === name);
		const effective = view.effective?.zones.find(z => z.name === name);
		const members = defined?.members ?? effective?.members;
		if (!members) return null;
		const lines: Line[] = [
			['Fabric', fabric.name],
			['Zone', name],
			['Configuration', zone[2] || '(none)'],
			['Effective', effective && view.effective?.name === zone[2] ? `yes (${view.effective.name})` : 'no'],
			['Members', String(members.length)],
			...capped(members, m => [[`  ${m}`, ''] as Line]),
		];
		return {title: `Zone ${name} (fabric ${fabric.name})`, lines};
	}
	const sw = world.fabrics.switch(key);
	if (!sw) return null;
	const v = switchView(sw);
	return {
		title: `Switch ${v.name}`,
		lines: [
			['Fabric', v.fabric],
			['Domain', String(v.domainId)],
			['Switch WWN', v.wwn],
			['Model', v.model],
			['Role', v.role],
			['NPIV', v.npiv ? 'on' : 'off'],
			['Logins', v.loginLimit === null ? String(v.loginCount) : `${v.loginCount} of ${v.loginLimit}`],
			['Duplicate WWPN', v.duplicateWwpnPolicy],
			['Zoning', v.zoning.on ? `ON (${v.zoning.cfg})` : 'OFF'],
			['Ports', String(v.ports.length)],
		],
	};
}

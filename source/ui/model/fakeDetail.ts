/** fcinfo-style detail of one item of the fake lab. */
import {formatFcId, formatFcIdShort} from '../../sim/FcId.js';
import {formatSimTime} from '../../world/SimClockText.js';
import {formatBytes} from '../text.js';
import type {DetailView, EventRow, PaneId, RowKey} from './ConsoleSource.js';
import {domainKey, switchOf, type DerivedRows, type FakeLab} from './fakeLab.js';

type Line = readonly [string, string];

/** Key -> row per rows array, so a detail over 100,000 rows is a lookup, not a scan. */
const indexes = new WeakMap<readonly {key: string}[], Map<string, unknown>>();
function byKey<R extends {key: string}>(rows: readonly R[], key: string): R | undefined {
	let index = indexes.get(rows);
	if (!index) indexes.set(rows, (index = new Map(rows.map(r => [r.key, r]))));
	return index.get(key) as R | undefined;
}

const STATE_LETTERS: readonly [string, string][] = [
	['r', 'running'],
	['b', 'blocked'],
	['p', 'paused'],
	['s', 'shutdown'],
	['c', 'crashed'],
	['d', 'dying'],
];

export function fakeDetail(lab: FakeLab, rows: DerivedRows, events: readonly EventRow[], pane: PaneId, key: RowKey): DetailView | null {
	switch (pane) {
		case 'adapters': {
			const row = byKey(rows.adapters, key);
			const a = row ? lab.adapters.find(x => x.portWwn === key) : undefined;
			if (!row || !a) return null;
			const lines: Line[] = [
				['HBA Port WWN', a.portWwn],
				['Port Mode', 'Initiator'],
				['Port ID', row.fcid === null ? '0' : formatFcIdShort(row.fcid)],
				['OS Device Name', `/dev/cfg/c${a.controller}`],
				['Manufacturer', a.manufacturer],
				['Model', a.model],
				['Firmware Version', a.firmware],
				['FCode/BIOS Version', a.fcode],
				['Serial Number', a.serial],
				['Driver Name', a.driver],
				['Driver Version', a.driverVersion],
				['Type', row.state === 'online' ? 'N-port' : 'unknown'],
				['State', row.state],
				['Supported Speeds', a.supportedGb.map(g => `${g}Gb`).join(' ')],
				['Current Speed', row.speed],
				['Node WWN', a.nodeWwn],
			];
			if (a.maxNpiv === 0) lines.push(['NPIV Not Supported', '']);
			else {
				lines.push(['Max NPIV Ports', String(a.maxNpiv)], ['NPIV port list:', '']);
				const vps = lab.vports.filter(v => v.physicalWwn === a.portWwn).reverse();
				vps.slice(0, 50).forEach((v, i) => lines.push([`  Virtual Port${i + 1}:`, ''], ['    Node WWN', v.nodeWwn], ['    Port WWN', v.portWwn]));
				if (vps.length > 50) lines.push([`  … ${vps.length - 50} more`, '']);
			}
			lines.push(['Host', a.host], ['Cabled to', a.cable ? `${a.cable.switchName} port ${a.cable.port}${a.plugged ? '' : ' (unplugged)'}` : 'nothing']);
			return {title: `HBA port ${a.portWwn}`, lines};
		}
		case 'vports': {
			const v = byKey(rows.vports, key);
			if (!v) return null;
			const fab = byKey(rows.adapters, v.physicalWwn)?.fabric ?? '-';
			const luns = v.lunCount === 0 ? [] : rows.luns.filter(l => l.portWwn === v.portWwn);
			const lines: Line[] = [
				['Port WWN', v.portWwn],
				['Node WWN', v.nodeWwn],
				['Physical Port WWN', v.physicalWwn],
				['Host', v.host],
				['Port ID', v.fcid === null ? '-' : formatFcIdShort(v.fcid)],
				['State', v.state],
				['Fabric', fab],
				['Bound domain', v.domain ?? '-'],
				['LUNs', String(luns.length)],
				...luns.slice(0, 20).map(l => [`  LUN ${l.lun}`, l.sizeBytes === null ? l.targetWwn : `${l.targetWwn} ${formatBytes(l.sizeBytes)}`] as Line),
			];
			return {title: `Virtual port ${v.portWwn}`, lines};
		}
		case 'luns': {
			const l = byKey(rows.luns, key);
			if (!l) return null;
			return {
				title: `LUN ${l.lun} via ${l.portWwn}`,
				lines: [
					['OS Device Name', l.osDevice],
					['HBA Port WWN', l.portWwn],
					['Port kind', l.portKind],
					['Remote Port WWN', l.targetWwn],
					['LUN', String(l.lun)],
					['Vendor', l.vendor],
					['Product', l.product],
					['Device Type', l.deviceType],
					['Size', l.sizeBytes === null ? 'not applicable' : formatBytes(l.sizeBytes)],
					['Host', l.host],
					['Attached to domain', l.domain ?? '-'],
				],
			};
		}
		case 'events': {
			const e = byKey(events, key);
			if (!e) return null;
			const lines: Line[] = [
				['Seq', String(e.seq)],
				['Time', formatSimTime(e.t)],
				['Source', e.source],
				['Type', e.type],
				['Summary', e.summary],
			];
			if (e.rscnPages) {
				lines.push(['RSCN pages', String(e.rscnPages.length)]);
				e.rscnPages.forEach((p, i) => lines.push([`  Page ${i + 1}`, p]));
			}
			return {title: `Event ${e.seq}`, lines};
		}
		case 'domains': {
			const d = byKey(rows.domains, key);
			const fd = lab.domains.find(x => domainKey(x) === key);
			if (!d || !fd) return null;
			const letters = STATE_LETTERS.filter(([ch], i) => d.state[i] === ch).map(([, w]) => w);
			const lines: Line[] = [
				['Name', d.name],
				['ID', d.id === null ? '(not running)' : String(d.id)],
				['Host', d.host],
				['Memory', `${d.memMiB} MiB`],
				['VCPUs', String(d.vcpus)],
				['State', `${d.state} ${letters.length > 0 ? letters.join(', ') : 'halted'}`],
				['CPU time', `${d.cpuTime.toFixed(1)} s`],
				['NPIV ports', String(d.vports.length)],
			];
			for (const w of d.vports) {
				const v = lab.vports.find(x => x.portWwn === w)!;
				lines.push(['  npiv', `${v.portWwn}:${v.nodeWwn}:1:${v.physicalWwn}`]);
			}
			lines.push(['LUNs attached', String(d.lunCount)]);
			if (d.migration) {
				const m = d.migration;
				lines.push(
					['Migration', `${m.live ? 'live ' : ''}${m.from} -> ${m.to}`],
					['  Phase', `${m.phase} (${Math.round(m.progress * 100)}%)`],
					['  t0', 'start, memory pre-copy'],
					['  t1', 'memory copied, domain paused'],
					['  t2', 'source logs the virtual ports out'],
					['  t3', 'destination creates the virtual ports (FDISC)'],
					['  t4', 'devices connected, domain unpaused'],
				);
			}
			return {title: `Domain ${d.name}`, lines};
		}
		case 'fabric': {
			const port = byKey(rows.ports, key);
			if (port) {
				const sw = switchOf(lab, port.switchName)!;
				const logins = rows.nameServer.filter(n => Math.floor(n.fcid / 256) === sw.domainId * 256 + port.index);
				return {
					title: `${port.switchName} port ${port.index}`,
					lines: [
						['Switch', `${sw.name} (domain ${sw.domainId}, NPIV ${sw.npiv ? 'on' : 'off'})`],
						['Fabric', sw.fabric],
						['Port', String(port.index)],
						['State', port.state],
						['Speed', port.speed],
						['Type', port.portType || '-'],
						['Attached WWN', port.attachedWwn ?? '-'],
						['Logins', `${port.logins} (${port.npivLogins} NPIV)`],
						...logins.slice(0, 30).map(n => [`  ${formatFcId(n.fcid)}`, `${n.portWwn}${n.virtual ? ' (FDISC)' : ' (FLOGI)'}`] as Line),
					],
				};
			}
			const ns = byKey(rows.nameServer, key);
			if (ns) {
				return {
					title: `Name server entry ${formatFcId(ns.fcid)}`,
					lines: [
						['Fabric', ns.fabric],
						['Port ID', formatFcId(ns.fcid)],
						['Port WWN', ns.portWwn],
						['Node WWN', ns.nodeWwn],
						['Port type', ns.portType],
						['FC4 types', ns.fc4Types],
						['Symbolic name', ns.symbolicName],
						['Login', ns.virtual ? 'FDISC (NPIV)' : 'FLOGI'],
					],
				};
			}
			const z = byKey(rows.zones, key);
			if (z) {
				const summary = rows.zoning.find(s => s.fabric === z.fabric);
				return {
					title: `Zone ${z.zone}`,
					lines: [
						['Fabric', z.fabric],
						['Zone', z.zone],
						['Configuration', z.config || '(none)'],
						['Effective', z.effective ? 'yes' : 'no'],
						['Effective cfg', summary?.effectiveConfig ?? '(none)'],
						['Defined cfgs', summary?.definedConfigs.join(', ') ?? ''],
						['Members', String(z.members.length)],
						...z.members.map(m => ['  member', m] as Line),
					],
				};
			}
			return null;
		}
	}
}

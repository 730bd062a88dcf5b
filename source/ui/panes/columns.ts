/**
 * The columns of every list: title, ideal and minimum width, and priority (higher is kept longer
 * when the terminal is narrow). WWN columns never shrink: a cut WWN is worse than a missing column.
 * With names on (`w`), a WWN column shows the row's label for it instead (zoning alias, else
 * owner) at the same width, so that the layout does not jump; a longer name is cut in the middle.
 */
import type {
	AdapterRow,
	DomainRow,
	EventRow,
	LunRow,
	NameServerRow,
	SwitchPortRow,
	VportRow,
	ZoneRow,
} from '../model/ConsoleSource.js';
import {formatFcId, type FcId} from '../../sim/FcId.js';
import {formatSimTime} from '../../world/SimClockText.js';
import {stateTone, type Tone} from '../theme.js';
import {bar, formatBytes, truncateMiddle} from '../text.js';
import type {ListId} from '../state/uiState.js';

export interface Column<R> {
	readonly id: string;
	readonly title: string;
	readonly ideal: number;
	readonly min: number;
	readonly priority: number;
	readonly align?: 'left' | 'right';
	/** Takes the width left over. */
	readonly grow?: boolean;
	text(row: R, width: number): string;
	tone?(row: R): Tone | undefined;
	/** What the column sorts by when its text does not order right (an FCID is hex). */
	sortValue?(row: R): number;
	/** A WWN column: its title with names on, and the name of the row's WWN (undefined: none). */
	readonly named?: {readonly title: string; label(row: R): string | undefined};
}

const fcidText = (id: FcId | null): string => (id === null ? '-' : formatFcId(id));

function col<R>(
	id: string,
	title: string,
	ideal: number,
	min: number,
	priority: number,
	text: (row: R, width: number) => string,
	extra: Partial<Pick<Column<R>, 'align' | 'grow' | 'tone' | 'sortValue'>> = {},
): Column<R> {
	return {id, title, ideal, min, priority, text, ...extra};
}

/** A WWN column (16 wide, never narrower) and what it shows with names on. */
function wwnCol<R>(id: string, title: string, namedTitle: string, priority: number, wwn: (row: R) => string, label: (row: R) => string | undefined): Column<R> {
	return {...col<R>(id, title, 16, 16, priority, wwn), named: {title: namedTitle, label}};
}

/** The column as it is with names on: the label in place of the WWN, the WWN where there is none. */
export function namedColumn<R>(column: Column<R>): Column<R> {
	const named = column.named;
	if (!named) return column;
	return {...column, title: named.title, text: (row, width) => truncateMiddle(named.label(row) ?? column.text(row, width), width)};
}

const stateCol = <R extends {state: string}>(ideal = 9, min = 7): Column<R> =>
	col<R>('state', 'STATE', ideal, min, 95, r => r.state, {tone: r => stateTone(r.state)});

export const ADAPTER_COLUMNS: readonly Column<AdapterRow>[] = [
	col('host', 'HOST', 10, 6, 90, r => r.host),
	wwnCol('portWwn', 'PORT WWN', 'PORT', 100, r => r.portWwn, r => r.portLabel),
	// fcinfo's Model is up to 11 characters (LPe11002-M4); narrower, the board's variant goes first.
	col('model', 'MODEL', 11, 8, 40, (r, width) => (r.model.length <= width ? r.model : r.model.replace(/-[^-]*$/, ''))),
	stateCol(),
	col('speed', 'SPEED', 5, 5, 30, r => (r.speed === 'not established' ? '-' : r.speed)),
	col('fcid', 'FCID', 6, 6, 70, r => fcidText(r.fcid), {sortValue: r => r.fcid ?? -1}),
	col('fabric', 'FABRIC', 8, 5, 60, r => r.fabric ?? '-'),
	col('vports', 'VPORTS', 7, 6, 80, r => (r.vportsMax === 0 ? 'n/a' : `${r.vportsUsed}/${r.vportsMax}`), {align: 'right'}),
	wwnCol('nodeWwn', 'NODE WWN', 'NODE', 20, r => r.nodeWwn, r => r.nodeLabel),
];

export const VPORT_COLUMNS: readonly Column<VportRow>[] = [
	wwnCol('portWwn', 'PORT WWN', 'PORT', 100, r => r.portWwn, r => r.portLabel),
	wwnCol('nodeWwn', 'NODE WWN', 'NODE', 30, r => r.nodeWwn, r => r.nodeLabel),
	wwnCol('physicalWwn', 'PHYSICAL PORT', 'PHYSICAL', 60, r => r.physicalWwn, r => r.physicalLabel),
	col('host', 'HOST', 10, 6, 90, r => r.host),
	col('fcid', 'FCID', 6, 6, 70, r => fcidText(r.fcid), {sortValue: r => r.fcid ?? -1}),
	stateCol(),
	col('domain', 'DOMAIN', 10, 6, 85, r => r.domain ?? '-'),
	col('luns', 'LUNS', 4, 4, 50, r => String(r.lunCount), {align: 'right'}),
];

export const LUN_COLUMNS: readonly Column<LunRow>[] = [
	col('host', 'HOST', 8, 6, 80, r => r.host),
	wwnCol('portWwn', 'PORT WWN', 'PORT', 100, r => r.portWwn, r => r.portLabel),
	col('kind', 'P/V', 3, 3, 50, r => (r.portKind === 'virtual' ? 'V' : 'P')),
	wwnCol('targetWwn', 'TARGET WWN', 'TARGET', 90, r => r.targetWwn, r => r.targetLabel),
	col('lun', 'LUN', 4, 3, 95, r => String(r.lun), {align: 'right'}),
	col('product', 'VENDOR/PRODUCT', 20, 10, 40, r => `${r.vendor.trim()} ${r.product.trim()}`),
	col('type', 'TYPE', 12, 4, 20, r => r.deviceType),
	col('size', 'SIZE', 9, 8, 60, r => (r.sizeBytes === null ? '-' : formatBytes(r.sizeBytes)), {align: 'right'}),
	col('device', 'DEVICE', 24, 10, 55, (r, width) => deviceText(r.osDevice, width), {grow: true}),
	col('domain', 'DOMAIN', 9, 6, 85, r => r.domain ?? '-'),
];

/**
 * A device path that does not fit: the controller (c2) and the LUN and slice (d0s2) tell devices
 * apart, while the target WWN in the middle is the TARGET WWN column's; it goes first, then
 * `/dev/`, then the folders (`/dev/rdsk/c2t…d0s2`, `rdsk/c2t…d0s2`, `c2t…d0s2`).
 */
function deviceText(path: string, width: number): string {
	const short = path.replace(/t[0-9A-Fa-f]{16}(?=d\d)/, 't…');
	const tries = [path, short, short.replace(/^\/dev\//, ''), short.slice(short.lastIndexOf('/') + 1)];
	return tries.find(t => t.length <= width) ?? truncateMiddle(path, width);
}

export const EVENT_COLUMNS: readonly Column<EventRow>[] = [
	col('seq', 'SEQ', 7, 5, 60, r => String(r.seq), {align: 'right'}),
	col('time', 'TIME', 12, 12, 90, r => formatSimTime(r.t)),
	col('source', 'SOURCE', 14, 9, 70, r => r.source),
	// Types are what the `t` key and filters select by: the longest (driver.sysevent.device_online) whole.
	col('type', 'TYPE', 29, 12, 80, r => r.type, {tone: r => eventTone(r.type)}),
	// Long summaries are cut at any width (the detail has them whole): it gives way before the type.
	col('summary', 'SUMMARY', 24, 12, 75, r => r.summary, {grow: true}),
];

function eventTone(type: string): Tone | undefined {
	if (/(fail|error|offline|reject|lost|down|pull)/.test(type)) return 'bad';
	if (/rscn/.test(type)) return 'info';
	if (/migrat/.test(type)) return 'warn';
	return undefined;
}

export const DOMAIN_COLUMNS: readonly Column<DomainRow>[] = [
	col('name', 'NAME', 12, 6, 100, r => r.name),
	col('id', 'ID', 4, 3, 60, r => (r.id === null ? '' : String(r.id)), {align: 'right'}),
	col('mem', 'MEM', 6, 5, 50, r => String(r.memMiB), {align: 'right'}),
	col('vcpus', 'VCPUS', 5, 5, 40, r => String(r.vcpus), {align: 'right'}),
	stateCol<DomainRow>(6, 6),
	col('time', 'TIME(S)', 8, 7, 30, r => r.cpuTime.toFixed(1), {align: 'right'}),
	col('host', 'HOST', 10, 6, 90, r => r.host),
	col('vports', 'VPORTS', 6, 6, 70, r => String(r.vports.length), {align: 'right'}),
	col('luns', 'LUNS', 4, 4, 45, r => String(r.lunCount), {align: 'right'}),
	col('migration', 'MIGRATION', 26, 14, 85, migrationText, {grow: true, tone: r => (r.migration ? 'warn' : undefined)}),
];

function migrationText(r: DomainRow, width: number): string {
	const m = r.migration;
	if (!m) return '';
	const pct = `${Math.round(m.progress * 100)}%`.padStart(4);
	const dest = ` ->${m.to}`;
	const barWidth = Math.max(4, Math.min(12, width - 3 - pct.length - 1 - dest.length));
	return `${m.phase} ${bar(m.progress, barWidth)} ${pct}${dest}`;
}

export const SWITCH_PORT_COLUMNS: readonly Column<SwitchPortRow>[] = [
	col('switch', 'SWITCH', 10, 6, 90, r => r.switchName),
	col('index', 'PORT', 4, 4, 100, r => String(r.index), {align: 'right'}),
	col('state', 'STATE', 9, 7, 95, r => r.state, {tone: r => stateTone(r.state)}),
	col('speed', 'SPEED', 5, 5, 40, r => r.speed),
	col('type', 'TYPE', 6, 6, 50, r => r.portType),
	wwnCol('wwn', 'ATTACHED WWN', 'ATTACHED', 80, r => r.attachedWwn ?? '-', r => r.attachedLabel),
	col('logins', 'LOGINS', 6, 6, 70, r => String(r.logins), {align: 'right'}),
	col('npiv', 'NPIV', 4, 4, 75, r => String(r.npivLogins), {align: 'right'}),
	col('fabric', 'FABRIC', 8, 5, 60, r => r.fabric),
];

export const NAME_SERVER_COLUMNS: readonly Column<NameServerRow>[] = [
	col('fabric', 'FABRIC', 8, 5, 70, r => r.fabric),
	col('fcid', 'FCID', 6, 6, 100, r => formatFcId(r.fcid), {sortValue: r => r.fcid}),
	wwnCol('portWwn', 'PORT WWN', 'PORT', 95, r => r.portWwn, r => r.portLabel),
	wwnCol('nodeWwn', 'NODE WWN', 'NODE', 50, r => r.nodeWwn, r => r.nodeLabel),
	col('type', 'TYPE', 4, 4, 40, r => r.portType),
	col('fc4', 'FC4', 6, 3, 30, r => r.fc4Types),
	col('virtual', 'NPIV', 4, 4, 60, r => (r.virtual ? 'yes' : '')),
	col('symbolic', 'SYMBOLIC NAME', 24, 8, 20, r => r.symbolicName, {grow: true}),
];

export const ZONE_COLUMNS: readonly Column<ZoneRow>[] = [
	col('fabric', 'FABRIC', 8, 5, 80, r => r.fabric),
	col('config', 'CONFIG', 12, 6, 70, r => r.config || '-'),
	col('zone', 'ZONE', 14, 6, 100, r => r.zone),
	col('effective', 'EFFECTIVE', 9, 9, 60, r => (r.effective ? 'yes' : 'no'), {tone: r => (r.effective ? 'ok' : 'dim')}),
	// Grows into whatever is left; an ideal of 28 keeps configuration names whole at 80 columns.
	col('members', 'MEMBERS', 28, 10, 90, r => r.members.join('; '), {grow: true}),
];

export const LIST_COLUMNS: Readonly<Record<ListId, readonly Column<{readonly key: string}>[]>> = {
	adapters: ADAPTER_COLUMNS,
	vports: VPORT_COLUMNS,
	luns: LUN_COLUMNS,
	events: EVENT_COLUMNS,
	domains: DOMAIN_COLUMNS,
	'fabric.ports': SWITCH_PORT_COLUMNS,
	'fabric.nameserver': NAME_SERVER_COLUMNS,
	'fabric.zoning': ZONE_COLUMNS,
};

/** Columns below this priority are dropped rather than squeezed. */
const MINOR_PRIORITY = 50;

export interface FittedColumn<R> {
	readonly column: Column<R>;
	readonly width: number;
}

/** Columns that fit `total` cells with one space between them: drop, then shrink, then grow. */
export function fitColumns<R>(columns: readonly Column<R>[], total: number): FittedColumn<R>[] {
	const kept = [...columns];
	const need = (cols: readonly Column<R>[], w: (c: Column<R>) => number) => cols.reduce((s, c) => s + w(c), 0) + Math.max(0, cols.length - 1);
	const lowest = () => kept.reduce((lo, c) => (c.priority < lo.priority ? c : lo));
	// Minor columns go before anything has to be cut; then whatever is needed to fit at all.
	while (kept.length > 1 && need(kept, c => c.ideal) > total && lowest().priority < MINOR_PRIORITY) kept.splice(kept.indexOf(lowest()), 1);
	while (kept.length > 1 && need(kept, c => c.min) > total) kept.splice(kept.indexOf(lowest()), 1);
	const widths = new Map(kept.map(c => [c, c.ideal]));
	let over = need(kept, c => widths.get(c)!) - total;
	const byPriority = [...kept].sort((a, b) => a.priority - b.priority);
	for (const c of byPriority) {
		if (over <= 0) break;
		const cut = Math.min(over, widths.get(c)! - c.min);
		widths.set(c, widths.get(c)! - cut);
		over -= cut;
	}
	if (over > 0) {
		// Still too wide (a single huge column): cut the last one.
		const last = kept.at(-1)!;
		widths.set(last, Math.max(1, widths.get(last)! - over));
	} else if (over < 0) {
		const grow = kept.find(c => c.grow) ?? kept.at(-1)!;
		widths.set(grow, widths.get(grow)! - over);
	}
	return kept.map(c => ({column: c, width: widths.get(c)!}));
}

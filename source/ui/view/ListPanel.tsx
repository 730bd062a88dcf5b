/**
 * The focused pane's list: a windowed table that renders only the rows that fit, with the
 * selection marked (`>` and inverse) and columns fitted to the width.
 */
import React, {memo, useMemo} from 'react';
import {Text} from 'ink';
import {fitColumns, type FittedColumn} from '../panes/columns.js';
import {columnsOf, windowTop, type AnyRow} from '../state/listViews.js';
import {FABRIC_VIEWS, listOf, type FabricViewId, type ListId} from '../state/uiState.js';
import {fit, truncate} from '../text.js';
import type {Theme} from '../theme.js';
import {PANE_TITLES} from './Header.js';
import {Panel} from './Panel.js';
import {useUIState} from './contexts.js';

const FABRIC_VIEW_TITLES: Readonly<Record<FabricViewId, string>> = {ports: 'switch ports', nameserver: 'name server', zoning: 'zoning'};

const EMPTY: Readonly<Record<ListId, string>> = {
	adapters: 'No HBA ports.',
	vports: 'No virtual ports. Press n to create one.',
	luns: 'No LUNs discovered.',
	events: 'No events.',
	domains: 'No domains.',
	'fabric.ports': 'No switch ports.',
	'fabric.nameserver': 'The name server is empty.',
	'fabric.zoning': 'No zones defined.',
};

const n = (v: number) => v.toLocaleString('en-US');

const Row = memo(function Row({row, fitted, selected, theme, inner}: {row: AnyRow; fitted: readonly FittedColumn<AnyRow>[]; selected: boolean; theme: Theme; inner: number}) {
	const cells: React.ReactNode[] = [];
	let used = 2;
	fitted.forEach(({column, width}, i) => {
		let text = (i > 0 ? ' ' : '') + fit(column.text(row, width), width, column.align);
		// Ink paints what is written; trailing blanks of unselected rows need not be.
		if (!selected && i === fitted.length - 1) text = text.trimEnd();
		used += text.length;
		const tone = column.tone?.(row);
		cells.push(
			<Text key={column.id} color={tone && !selected ? theme.tone[tone] : undefined}>
				{text}
			</Text>,
		);
	});
	return (
		<Text inverse={selected} bold={selected}>
			{selected ? '> ' : '  '}
			{cells}
			{selected ? ' '.repeat(Math.max(0, inner - used)) : ''}
		</Text>
	);
});

export function ListPanel() {
	const {ui, snapshot, layout, views, theme} = useUIState();
	const list = listOf(ui);
	const view = views.view(snapshot, ui, list);
	const inner = layout.list.width - 2;
	const fitted = useMemo(() => fitColumns(columnsOf(list, ui.names), inner - 2), [list, inner, ui.names]);
	const height = layout.listRows;
	const top = windowTop(ui.lists[list].top, view.index, height, view.rows.length);
	const visible = view.rows.slice(top, top + height);
	// The sorted column says so in its title (▲ ascending, ▼ descending).
	const sort = ui.lists[list].sort;
	const titleOf = (column: FittedColumn<AnyRow>['column']): string => (sort?.column === column.id ? `${column.title}${sort.desc ? '▼' : '▲'}` : column.title);
	const header = truncate('  ' + fitted.map(({column, width}) => fit(titleOf(column), width, column.align)).join(' '), inner).trimEnd();
	const lines: React.ReactNode[] = [
		<Text key="header" bold color={theme.tone.dim}>
			{header}
		</Text>,
	];
	if (visible.length === 0) {
		const why = view.total > 0 ? `No rows match /${ui.lists[list].filter}/ (Esc clears the filter).` : EMPTY[list];
		lines.push(<Text key="empty">{truncate('  ' + why, inner)}</Text>);
	}
	visible.forEach((row, i) => lines.push(<Row key={row.key} row={row} fitted={fitted} selected={top + i === view.index} theme={theme} inner={inner} />));

	let title = PANE_TITLES[ui.pane];
	if (ui.pane === 'fabric') title += ': ' + FABRIC_VIEWS.map(v => (v === ui.fabricView ? `[${FABRIC_VIEW_TITLES[v]}]` : FABRIC_VIEW_TITLES[v])).join(' ');
	title += view.rows.length === view.total ? ` (${n(view.total)})` : ` (${n(view.rows.length)} of ${n(view.total)})`;
	const filter = ui.lists[list].filter;
	if (filter) title += `  /${filter}${view.filter.kind === 'error' ? ' (invalid)' : ''}`;
	// The column titles lose "WWN" with names on; the title says what the cells are instead.
	if (ui.names && fitted.some(f => f.column.named)) title += '  names';
	if (list === 'events') title += `  follow ${ui.follow ? 'on' : 'off'}  type ${ui.eventType ? ui.eventType + '.*' : 'all'}`;
	if (list === 'fabric.zoning') title += '  ' + snapshot.fabric.zoning.map(z => `${z.fabric}: ${z.effectiveConfig ?? 'no cfg'}`).join(', ');
	const note = view.rows.length > 0 ? `${n(view.index + 1)} of ${n(view.rows.length)}` : undefined;
	const focused = !ui.help && !ui.output;
	return <Panel width={layout.list.width} height={layout.list.height} title={title} focused={focused} lines={lines} {...(note ? {note} : {})} />;
}

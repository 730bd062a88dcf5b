/** The fcinfo-style attributes of the selected item, beside or below the list. */
import React, {useMemo} from 'react';
import {Text} from 'ink';
import {listOf} from '../state/uiState.js';
import {detailLines} from './detailLines.js';
import {Panel} from './Panel.js';
import {useUIActions, useUIState} from './contexts.js';

export function DetailPanel() {
	const {ui, snapshot, layout, views, theme} = useUIState();
	const {source} = useUIActions();
	const view = views.view(snapshot, ui, listOf(ui));
	const row = view.index >= 0 ? view.rows[view.index] : undefined;
	const detail = useMemo(() => (row ? source.detail(ui.pane, row.key) : null), [source, ui.pane, row, snapshot]);
	const rect = layout.detail!;
	const inner = rect.width - 2;
	const room = rect.height - 2;
	const laidOut = useMemo(() => (detail ? detailLines(detail, inner) : []), [detail, inner]);
	const lines: React.ReactNode[] = [];
	let note: string | undefined;
	if (!detail) lines.push(<Text key="none">{' Nothing selected.'}</Text>);
	else {
		const all = laidOut;
		const top = Math.min(ui.detailScroll.key === row?.key ? ui.detailScroll.top : 0, Math.max(0, all.length - room));
		if (all.length > room) note = `${top + 1}-${Math.min(all.length, top + room)} of ${all.length} (J/K)`;
		all.slice(top, top + room).forEach((line, i) => {
			if (line.kind === 'heading') {
				lines.push(
					<Text key={i} bold>
						{line.text}
					</Text>,
				);
				return;
			}
			lines.push(
				<Text key={i}>
					<Text color={theme.tone.dim}>{line.label}</Text>
					{line.text}
				</Text>,
			);
		});
	}
	return <Panel width={rect.width} height={rect.height} title={detail?.title ?? 'Detail'} focused={false} lines={lines} {...(note ? {note} : {})} />;
}

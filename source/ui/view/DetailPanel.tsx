/** The fcinfo-style attributes of the selected item, beside or below the list. */
import React, {useMemo} from 'react';
import {Text} from 'ink';
import {listOf} from '../state/uiState.js';
import {fit, truncate} from '../text.js';
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
	const lines: React.ReactNode[] = [];
	if (!detail) lines.push(<Text key="none">{' Nothing selected.'}</Text>);
	else {
		const labelWidth = Math.min(20, Math.max(...detail.lines.filter(([, v]) => v !== '').map(([l]) => l.length + 1), 4));
		const all = detail.lines;
		const shown = all.length > room ? all.slice(0, room - 1) : all;
		shown.forEach(([label, value], i) => {
			if (value === '') {
				lines.push(
					<Text key={i} bold>
						{truncate(' ' + label, inner)}
					</Text>,
				);
				return;
			}
			const l = fit(label + ':', labelWidth);
			lines.push(
				<Text key={i}>
					<Text color={theme.tone.dim}>{' ' + l}</Text>
					{truncate(' ' + value, inner - labelWidth - 1)}
				</Text>,
			);
		});
		if (all.length > room) lines.push(<Text key="more" color={theme.tone.dim}>{truncate(` … ${all.length - shown.length} more lines`, inner)}</Text>);
	}
	return <Panel width={rect.width} height={rect.height} title={detail?.title ?? 'Detail'} focused={false} lines={lines} />;
}

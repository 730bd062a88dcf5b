/** Full-body panels: the `?` help and the output of a `:` command. */
import React from 'react';
import {Text} from 'ink';
import {fit, truncate} from '../text.js';
import {HELP_KEY_COLUMN, helpLines} from './helpContent.js';
import {Panel} from './Panel.js';
import {useUIState} from './contexts.js';

function position(top: number, height: number, total: number): string {
	if (total <= height) return `${total} lines`;
	return `${top + 1}-${Math.min(total, top + height)} of ${total}`;
}

export function HelpOverlay() {
	const {ui, layout, theme, registry} = useUIState();
	const all = helpLines(registry, ui.pane, ui.keyProblems);
	const inner = layout.cols - 2;
	const height = layout.body.height - 2;
	const top = Math.min(ui.help?.top ?? 0, Math.max(0, all.length - height));
	const lines = all.slice(top, top + height).map((line, i) => {
		switch (line.kind) {
			case 'heading':
				return (
					<Text key={i} bold color={theme.title}>
						{truncate(' ' + line.text, inner)}
					</Text>
				);
			case 'problem':
				return (
					<Text key={i} color={theme.tone.bad}>
						{truncate('   ' + line.text, inner)}
					</Text>
				);
			case 'entry':
				return (
					<Text key={i}>
						<Text color={theme.key}>{fit('   ' + line.keys!, HELP_KEY_COLUMN)}</Text>
						<Text color={line.dangerous ? theme.danger : undefined}>{truncate(' ' + line.text, inner - HELP_KEY_COLUMN)}</Text>
					</Text>
				);
			default:
				return <Text key={i}> </Text>;
		}
	});
	return <Panel width={layout.cols} height={layout.body.height} title="Keys (Esc closes; j/k scroll)" focused lines={lines} note={position(top, height, all.length)} />;
}

export function OutputPanel() {
	const {ui, layout, theme} = useUIState();
	const out = ui.output!;
	const inner = layout.cols - 2;
	const height = layout.body.height - 2;
	const top = Math.min(out.top, Math.max(0, out.lines.length - height));
	const lines = out.lines.slice(top, top + height).map((line, i) => (
		<Text key={i} color={line.stream === 'err' ? theme.tone.bad : line.stream === 'info' ? theme.tone.dim : undefined}>
			{truncate(' ' + line.text, inner)}
		</Text>
	));
	const status = out.exitCode === null ? '  (running)' : out.exitCode === 0 ? '' : `  exit ${out.exitCode}`;
	return (
		<Panel
			width={layout.cols}
			height={layout.body.height}
			title={`$ npiv ${out.command}${status}`}
			titleColor={out.exitCode !== null && out.exitCode !== 0 ? theme.tone.bad : undefined}
			focused
			lines={lines}
			note={position(top, height, out.lines.length)}
		/>
	);
}

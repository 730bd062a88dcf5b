/**
 * A bordered panel drawn as text lines (so that it can also overlay other content, as dialogs
 * do): title in the top border, an optional note in the bottom border, exactly `height` lines.
 */
import React, {type ReactNode} from 'react';
import {Box, Text} from 'ink';
import {truncate, width as textWidth} from '../text.js';
import {useUIState} from './contexts.js';

export interface PanelProps {
	readonly width: number;
	readonly height: number;
	readonly title: string;
	readonly titleColor?: string | undefined;
	readonly note?: string;
	readonly focused: boolean;
	/** One node per inner line, each exactly `width - 2` columns. */
	readonly lines: readonly ReactNode[];
}

export function Panel({width, height, title, titleColor, note, focused, lines}: PanelProps) {
	const {theme} = useUIState();
	const inner = width - 2;
	const color = focused ? theme.borderFocused : theme.border;
	const t = truncate(title, Math.max(0, inner - 4));
	const n = note ? truncate(note, Math.max(0, inner - textWidth(t) - 8)) : '';
	const rows: ReactNode[] = [];
	for (let i = 0; i < height - 2; i++) {
		rows.push(
			<Text key={i}>
				<Text color={color}>│</Text>
				{lines[i] ?? ' '.repeat(inner)}
				<Text color={color}>│</Text>
			</Text>,
		);
	}
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text>
				<Text color={color}>╭─ </Text>
				<Text bold color={titleColor ?? (focused ? theme.title : undefined)}>
					{t}
				</Text>
				<Text color={color}>{' ' + '─'.repeat(Math.max(0, inner - 3 - textWidth(t))) + '╮'}</Text>
			</Text>
			{rows}
			<Text color={color}>{n ? '╰' + '─'.repeat(Math.max(0, inner - textWidth(n) - 3)) + ' ' + n + ' ─╯' : '╰' + '─'.repeat(inner) + '╯'}</Text>
		</Box>
	);
}

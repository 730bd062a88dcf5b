/**
 * A bordered panel: title in the top border, an optional note in the bottom border, exactly
 * `height` lines. The side borders are Ink's own (drawn once per frame, not per line), so the
 * content lines stay plain ASCII, which Ink measures on its fast path.
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
	/** One node per inner line, at most `width - 2` columns. */
	readonly lines: readonly ReactNode[];
	/** Paint every cell (a dialog over other content); otherwise missing lines stay unwritten. */
	readonly opaque?: boolean;
}

export function Panel({width, height, title, titleColor, note, focused, lines, opaque}: PanelProps) {
	const {theme} = useUIState();
	const inner = width - 2;
	const color = focused ? theme.borderFocused : theme.border;
	// The note (position) is short and always shown; the title gives way.
	const n = note ? truncate(note, Math.max(0, inner - 6)) : '';
	const t = truncate(title, Math.max(0, inner - 4));
	const body = lines.slice(0, height - 2);
	const blank = ' '.repeat(inner);
	while (opaque && body.length < height - 2) body.push(<Text key={`blank${body.length}`}>{blank}</Text>);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text>
				<Text color={color}>╭─ </Text>
				<Text bold color={titleColor ?? (focused ? theme.title : undefined)}>
					{t}
				</Text>
				<Text color={color}>{' ' + '─'.repeat(Math.max(0, inner - 3 - textWidth(t))) + '╮'}</Text>
			</Text>
			<Box flexDirection="column" width={width} height={height - 2} borderStyle="round" borderTop={false} borderBottom={false} borderColor={color}>
				{body}
			</Box>
			<Text color={color}>{n ? '╰' + '─'.repeat(Math.max(0, inner - textWidth(n) - 3)) + ' ' + n + ' ─╯' : '╰' + '─'.repeat(inner) + '╯'}</Text>
		</Box>
	);
}

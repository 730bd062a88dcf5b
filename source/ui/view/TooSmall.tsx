/** Below 80x24: a clear notice instead of a broken frame. */
import React from 'react';
import {Box, Text} from 'ink';
import {MIN_COLS, MIN_ROWS} from '../layout.js';
import {center} from '../text.js';
import {useUIState} from './contexts.js';

export function TooSmall() {
	const {layout, theme} = useUIState();
	const {cols, rows} = layout;
	const message = [
		`Terminal too small: ${cols}x${rows}.`,
		`npiv-console needs at least ${MIN_COLS}x${MIN_ROWS}.`,
		'Enlarge the window, or press q to quit.',
	].slice(0, Math.max(1, rows));
	const above = Math.max(0, Math.floor((rows - message.length) / 2));
	const lines: React.ReactNode[] = [];
	for (let i = 0; i < rows; i++) {
		const text = message[i - above];
		lines.push(
			<Text key={i} bold={i === above} color={i === above ? theme.tone.warn : undefined}>
				{text === undefined ? ' '.repeat(cols) : center(text, cols)}
			</Text>,
		);
	}
	return (
		<Box flexDirection="column" width={cols} height={rows}>
			{lines}
		</Box>
	);
}

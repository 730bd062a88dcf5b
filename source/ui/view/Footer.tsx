/** The bottom of the frame: the `:`/`/` prompt (with completion candidates), hints, status. */
import React from 'react';
import {Text} from 'ink';
import {hintSegments} from '../keys/hints.js';
import {bar, fit, truncate} from '../text.js';
import {useUIActions, useUIState} from './contexts.js';

export function PromptBar() {
	const {ui, layout, theme} = useUIState();
	const prompt = ui.prompt!;
	const {text, cursor} = prompt.edit;
	const sigil = prompt.mode === 'command' ? ':' : '/';
	const room = layout.cols - 2;
	// Keep the cursor in view on long lines.
	const start = Math.max(0, cursor - room + 1);
	const before = text.slice(start, cursor);
	const at = text[cursor] ?? ' ';
	const after = text.slice(cursor + 1, start + room);
	const used = 1 + before.length + 1 + after.length;
	return (
		<>
			{prompt.candidates ? <Text color={theme.tone.dim}>{fit(' ' + prompt.candidates.join('  '), layout.cols)}</Text> : null}
			<Text>
				<Text bold color={theme.tone.accent}>
					{sigil}
				</Text>
				{before}
				<Text inverse>{at}</Text>
				{after}
				{' '.repeat(Math.max(0, layout.cols - used))}
			</Text>
		</>
	);
}

export function HintBar() {
	const {layout, theme} = useUIState();
	const {controller} = useUIActions();
	const segments = hintSegments(controller.hints(), layout.cols);
	return (
		<Text>
			{segments.map((s, i) => (
				<Text key={i} color={s.kind === 'key' ? theme.key : s.kind === 'separator' ? theme.tone.dim : undefined} bold={s.kind === 'key'}>
					{s.text}
				</Text>
			))}
		</Text>
	);
}

export function StatusLine() {
	const {ui, snapshot, layout, theme} = useUIState();
	const busy = snapshot.busy;
	let right = '';
	if (busy) {
		const pct = busy.progress === null ? '' : ` ${bar(busy.progress, 8)} ${String(Math.round(busy.progress * 100)).padStart(3)}%`;
		// Progress matters more than the last message: it keeps most of the line.
		right = truncate(` ${busy.label}${pct} `, layout.cols - 24);
	}
	const msg = ui.status;
	const leftWidth = layout.cols - right.length;
	const color = msg?.level === 'error' ? theme.tone.bad : msg?.level === 'warn' ? theme.tone.warn : undefined;
	return (
		<Text>
			<Text color={color}>{right ? fit(msg ? ' ' + msg.text : '', leftWidth) : truncate(msg ? ' ' + msg.text : ' ', leftWidth)}</Text>
			<Text color={theme.tone.warn}>{right}</Text>
		</Text>
	);
}

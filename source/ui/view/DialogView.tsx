/** A dialog over the frame: body text, fields, error, and the Cancel / OK buttons. */
import React from 'react';
import {Box, Text} from 'ink';
import {dialogFocus, pickOptions, type DialogState, type Field, type FormDialog} from '../state/dialog.js';
import {fit, wrap} from '../text.js';
import type {Theme} from '../theme.js';
import {Panel} from './Panel.js';
import {useUIState} from './contexts.js';

const LABEL = 18;

function fieldLine(dialog: FormDialog, field: Field, focused: boolean, inner: number, theme: Theme): React.ReactNode {
	const room = inner - LABEL - 3;
	const mark = focused ? '>' : ' ';
	let value: React.ReactNode;
	if (field.kind === 'text') {
		const {text, cursor} = field.edit;
		if (text === '' && !focused) value = <Text color={theme.tone.dim}>{fit(field.placeholder, room)}</Text>;
		else if (!focused) value = fit(text, room);
		else if (text === '') {
			value = (
				<Text>
					<Text inverse> </Text>
					<Text color={theme.tone.dim}>{fit(field.placeholder, room - 1)}</Text>
				</Text>
			);
		} else {
			const start = Math.max(0, cursor - room + 1);
			const shown = text.slice(start, start + room);
			const c = cursor - start;
			value = (
				<Text>
					{shown.slice(0, c)}
					<Text inverse>{shown[c] ?? ' '}</Text>
					{fit(shown.slice(c + 1), Math.max(0, room - c - 1))}
				</Text>
			);
		}
	} else if (field.kind === 'pick') {
		const options = pickOptions(dialog, field);
		const option = options[field.index];
		const count = options.length > 1 ? ` (${field.index + 1}/${options.length})` : '';
		const text = option ? `‹ ${option.label} ›${count}` : '(nothing to choose)';
		value = <Text color={focused ? theme.tone.accent : undefined}>{fit(text, room)}</Text>;
	} else {
		value = <Text color={focused ? theme.tone.accent : undefined}>{fit(field.value ? '[x] yes' : '[ ] no', room)}</Text>;
	}
	return (
		<Text key={field.id}>
			<Text bold={focused}>{` ${mark} ${fit(field.label + ':', LABEL)}`}</Text>
			{value}
		</Text>
	);
}

function buttons(dialog: DialogState, inner: number, theme: Theme): React.ReactNode {
	const focus = dialogFocus(dialog);
	const confirmLabel = dialog.kind === 'confirm' ? dialog.confirmLabel : dialog.submitLabel;
	const danger = dialog.kind === 'confirm' || dialog.danger;
	const button = (label: string, focused: boolean, color: string | undefined) => (
		<Text inverse={focused} bold={focused} color={color}>
			{focused ? `[ ${label} ]` : `  ${label}  `}
		</Text>
	);
	const cancel = button('Cancel', focus.type === 'cancel', undefined);
	const ok = button(confirmLabel, focus.type === 'submit', danger ? theme.danger : theme.tone.accent);
	const pad = Math.max(0, inner - 10 - 2 - (confirmLabel.length + 4) - 2);
	return (
		<Text key="buttons">
			{' '.repeat(pad)}
			{cancel}
			{'  '}
			{ok}
			{'  '}
		</Text>
	);
}

export function DialogOverlay() {
	const {ui, layout, theme} = useUIState();
	const dialog = ui.dialog!;
	// At 80 columns the dialog takes the whole inside of the list panel: nothing of the list shows beside it.
	const width = Math.min(layout.cols - 2, 78);
	const inner = width - 2;
	const lines: React.ReactNode[] = [];
	const blank = (k: string) => <Text key={k}>{' '.repeat(inner)}</Text>;
	lines.push(blank('top'));
	dialog.body.flatMap(b => wrap(b, inner - 4)).forEach((b, i) => lines.push(<Text key={'b' + i}>{fit('  ' + b, inner)}</Text>));
	if (dialog.body.length > 0) lines.push(blank('afterBody'));
	if (dialog.kind === 'form') {
		const focus = dialog.focus;
		dialog.fields.forEach((f, i) => lines.push(fieldLine(dialog, f, focus === i, inner, theme)));
		lines.push(blank('afterFields'));
		if (dialog.error) wrap(dialog.error, inner - 4).forEach((e, i) => lines.push(<Text key={'error' + i} color={theme.tone.bad}>{fit('  ' + e, inner)}</Text>));
	}
	lines.push(buttons(dialog, inner, theme));
	lines.push(blank('bottom'));
	const height = lines.length + 2;
	const top = Math.max(0, Math.floor((layout.rows - height) / 2));
	const left = Math.max(0, Math.floor((layout.cols - width) / 2));
	const danger = dialog.kind === 'confirm' || dialog.danger;
	return (
		<Box position="absolute" marginTop={top} marginLeft={left} flexDirection="column" width={width} height={height}>
			<Panel width={width} height={height} title={dialog.title} titleColor={danger ? theme.danger : theme.title} focused lines={lines} opaque />
		</Box>
	);
}

/**
 * A pane as plain text for a session's `expect … in PANE`: the column titles, then every row
 * (not only those on screen, and before any `/` filter), each column at its ideal width. The
 * fabric pane holds its three lists one after another, each under a `[ports]`-style heading.
 */
import type {ConsoleSnapshot, PaneId} from '../model/ConsoleSource.js';
import {PANES} from '../model/ConsoleSource.js';
import {columnsOf, rowsOf, type AnyRow} from '../state/listViews.js';
import {FABRIC_VIEWS, type ListId} from '../state/uiState.js';

export function paneText(snapshot: ConsoleSnapshot, pane: string): string {
	if (!(PANES as readonly string[]).includes(pane)) throw new Error(`unknown pane '${pane}'; the panes are: ${PANES.join(', ')}`);
	if ((pane as PaneId) === 'fabric') {
		return FABRIC_VIEWS.map(view => `[${view}]\n${listText(snapshot, `fabric.${view}`)}`).join('\n');
	}
	return listText(snapshot, pane as ListId);
}

function listText(snapshot: ConsoleSnapshot, list: ListId): string {
	const columns = columnsOf(list);
	const line = (cells: readonly string[]): string =>
		cells
			.map((cell, i) => (columns[i]!.align === 'right' ? cell.padStart(columns[i]!.ideal) : cell.padEnd(columns[i]!.ideal)))
			.join(' ')
			.trimEnd();
	const rows = rowsOf(snapshot, list).map((row: AnyRow) => line(columns.map(column => column.text(row as never, column.ideal))));
	return [line(columns.map(column => column.title)), ...rows].join('\n');
}

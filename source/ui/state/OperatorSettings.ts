/**
 * What the operator set, kept per store between consoles: the pane, the fabric view, the detail
 * panel, follow mode, names or WWNs, the event type, and each list's filter and sort. In
 * `$XDG_STATE_HOME/npiv-console/` (default `~/.local/state/npiv-console/`), one small file per
 * store, named by a hash of the store's path, so two labs keep their own.
 *
 * A missing, unreadable or invalid file is the defaults (the console's look is not worth refusing
 * to start over); the file is written whole (a temporary file and a rename) when the console quits.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import * as z from 'zod';
import {PANES} from '../model/ConsoleSource.js';
import {FABRIC_VIEWS, LIST_IDS, type ListId, type UiState} from './uiState.js';

const listSchema = z.object({
	filter: z.string().max(1000),
	sort: z.object({column: z.string().max(40), desc: z.boolean()}).nullable(),
});

const settingsSchema = z.object({
	pane: z.enum(PANES),
	fabricView: z.enum(FABRIC_VIEWS),
	detail: z.enum(['auto', 'open', 'closed']),
	follow: z.boolean(),
	// Optional: files written before names existed are still the operator's.
	names: z.boolean().optional(),
	eventType: z.string().max(40).nullable(),
	lists: z.record(z.string(), listSchema),
});

export type OperatorSettings = z.infer<typeof settingsSchema>;

/** The file that keeps the settings of the console on `statePath`. */
export function settingsFileFor(statePath: string, env: NodeJS.ProcessEnv = process.env): string {
	const base = env['XDG_STATE_HOME'] || path.join(homedir(), '.local', 'state');
	const name = createHash('sha1').update(path.resolve(statePath)).digest('hex').slice(0, 16);
	return path.join(base, 'npiv-console', `${name}.json`);
}

export function readSettings(file: string): OperatorSettings | undefined {
	try {
		const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

export function settingsOf(ui: UiState): OperatorSettings {
	const lists: Record<string, z.infer<typeof listSchema>> = {};
	for (const id of LIST_IDS) {
		const list = ui.lists[id];
		if (list.filter !== '' || list.sort) lists[id] = {filter: list.filter, sort: list.sort};
	}
	return {pane: ui.pane, fabricView: ui.fabricView, detail: ui.detail, follow: ui.follow, names: ui.names, eventType: ui.eventType, lists};
}

/** The console's first state, as the operator left it. */
export function withSettings(ui: UiState, kept: OperatorSettings | undefined): UiState {
	if (!kept) return ui;
	const lists = {...ui.lists};
	for (const [id, list] of Object.entries(kept.lists)) {
		if (!(LIST_IDS as readonly string[]).includes(id)) continue;
		const listId = id as ListId;
		lists[listId] = {...lists[listId], filter: list.filter, sort: list.sort};
	}
	return {...ui, pane: kept.pane, fabricView: kept.fabricView, detail: kept.detail, follow: kept.follow, names: kept.names ?? ui.names, eventType: kept.eventType, lists};
}

/** Writes the settings; false when the folder cannot be written (nothing else to do about it). */
export function writeSettings(file: string, settings: OperatorSettings): boolean {
	try {
		mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, `${JSON.stringify(settings, null, '\t')}\n`);
		renameSync(temporary, file);
		return true;
	} catch {
		return false;
	}
}

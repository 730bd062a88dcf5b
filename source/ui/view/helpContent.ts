/** The `?` help as lines: the focused pane's keys first, then lists and global keys, then the rest. */
import {CONTEXTS, type Context} from '../keys/defaultBindings.js';
import type {KeyRegistry} from '../keys/KeyRegistry.js';
import {helpGroups} from '../keys/keyTable.js';
import type {PaneId} from '../model/ConsoleSource.js';

export interface HelpLine {
	readonly kind: 'heading' | 'entry' | 'problem' | 'blank';
	readonly keys?: string;
	readonly text: string;
	readonly dangerous?: boolean;
}

export const HELP_KEY_COLUMN = 20;

export function helpLines(registry: KeyRegistry, pane: PaneId, problems: readonly string[]): HelpLine[] {
	const lead: Context[] = [`pane:${pane}`, 'pane', 'global'];
	const order = [...lead, ...CONTEXTS.filter(c => !lead.includes(c))];
	const out: HelpLine[] = [];
	if (problems.length > 0) {
		out.push({kind: 'heading', text: 'Problems in keys.json (defaults kept)'});
		for (const p of problems) out.push({kind: 'problem', text: p});
		out.push({kind: 'blank', text: ''});
	}
	for (const group of helpGroups(registry, order)) {
		out.push({kind: 'heading', text: group.title});
		for (const e of group.entries) out.push({kind: 'entry', keys: e.keys, text: e.description + (e.dangerous ? ' (asks first)' : ''), dangerous: e.dangerous});
		out.push({kind: 'blank', text: ''});
	}
	return out;
}

/**
 * The key table for the README and the `?` help, both generated from the registry so that the
 * documentation cannot drift from the keys.
 */
import {CONTEXTS, CONTEXT_TITLES, type Context} from './defaultBindings.js';
import {KeyRegistry, type Binding} from './KeyRegistry.js';
import {keyLabel} from './keyNames.js';

export interface HelpGroup {
	readonly context: Context;
	readonly title: string;
	readonly entries: readonly {readonly keys: string; readonly description: string; readonly id: string; readonly dangerous: boolean}[];
}

export function helpGroups(registry: KeyRegistry, contexts: readonly Context[] = CONTEXTS): HelpGroup[] {
	const groups: HelpGroup[] = [];
	for (const context of contexts) {
		// A binding shared by several contexts is listed under the first one only, except that
		// each pane lists all of its own keys (n creates a virtual port in two panes).
		const entries = registry
			.inContext(context)
			.filter(b => context.startsWith('pane:') || contexts.find(c => b.contexts.includes(c)) === context)
			.map(b => ({keys: keysText(b), description: b.description, id: b.id, dangerous: b.dangerous}));
		if (entries.length > 0) groups.push({context, title: CONTEXT_TITLES[context], entries});
	}
	return groups;
}

function keysText(binding: Binding): string {
	return binding.keys.length === 0 ? '(unbound)' : binding.keys.map(keyLabel).join(', ');
}

function cell(text: string): string {
	return text.replaceAll('|', '\\|');
}

/** Markdown: one section per context, `| Keys | Command | Description |`. */
export function renderKeyTableMarkdown(registry: KeyRegistry = KeyRegistry.defaults()): string {
	const out: string[] = [];
	for (const group of helpGroups(registry)) {
		out.push(`### ${group.title}`, '', '| Keys | Command | Description |', '|---|---|---|');
		for (const e of group.entries) {
			const keys = e.keys === '(unbound)' ? e.keys : e.keys.split(', ').map(k => `\`${cell(k)}\``).join(', ');
			out.push(`| ${keys} | \`${e.id}\` | ${cell(e.description)}${e.dangerous ? ' (asks first)' : ''} |`);
		}
		out.push('');
	}
	return out.join('\n');
}

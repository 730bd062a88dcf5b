/**
 * The hint bar, lazygit style: a pure function of the active contexts (highest priority first)
 * and the width. Bindings of the first context lead; a lower context's binding is left out when
 * all its keys are shadowed by a higher one.
 */
import type {Context} from './defaultBindings.js';
import type {Binding, KeyRegistry} from './KeyRegistry.js';
import {keyLabel} from './keyNames.js';

export interface Hint {
	readonly id: string;
	readonly label: string;
	readonly key: string;
}

export function hintItems(registry: KeyRegistry, contexts: readonly Context[]): Hint[] {
	const out: Hint[] = [];
	const seen = new Set<string>();
	for (const [i, context] of contexts.entries()) {
		for (const binding of registry.inContext(context)) {
			if (!binding.showInHints || seen.has(binding.id)) continue;
			const visibleKey = binding.keys.find(key => !shadowed(registry, contexts.slice(0, i), key, binding));
			if (visibleKey === undefined) continue;
			seen.add(binding.id);
			out.push({id: binding.id, label: binding.hint ?? binding.description, key: keyLabel(visibleKey)});
		}
	}
	return out;
}

function shadowed(registry: KeyRegistry, higher: readonly Context[], key: string, binding: Binding): boolean {
	const id = registry.resolve(higher, key);
	return id !== undefined && id !== binding.id;
}

export const HINT_SEPARATOR = ' | ';

export interface HintSegment {
	readonly text: string;
	readonly kind: 'label' | 'key' | 'separator';
}

/** The hint bar as styled pieces, never wider than `width` (the last piece ends with `…` when cut). */
export function hintSegments(items: readonly Hint[], width: number): HintSegment[] {
	const all: HintSegment[] = [];
	items.forEach((h, i) => {
		if (i > 0) all.push({text: HINT_SEPARATOR, kind: 'separator'});
		all.push({text: `${h.label}: `, kind: 'label'}, {text: h.key, kind: 'key'});
	});
	const out: HintSegment[] = [];
	let used = 0;
	const total = all.reduce((n, s) => n + s.text.length, 0);
	for (const seg of all) {
		if (total <= width || used + seg.text.length < width) {
			out.push(seg);
			used += seg.text.length;
			continue;
		}
		const room = width - used;
		if (room > 0) out.push({...seg, text: seg.text.slice(0, room - 1) + '…'});
		break;
	}
	return out;
}

/** `desc: key | desc: key …`, never wider than `width`. */
export function hintLine(registry: KeyRegistry, contexts: readonly Context[], width: number): string {
	return hintSegments(hintItems(registry, contexts), width)
		.map(s => s.text)
		.join('');
}

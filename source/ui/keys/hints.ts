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

/** Kept at the end of a cut bar: the help lists whatever did not fit. */
const PINNED = 'help.toggle';

function pieces(items: readonly Hint[]): HintSegment[] {
	const out: HintSegment[] = [];
	items.forEach((h, i) => {
		if (i > 0) out.push({text: HINT_SEPARATOR, kind: 'separator'});
		out.push({text: `${h.label}: `, kind: 'label'}, {text: h.key, kind: 'key'});
	});
	return out;
}

const widthOf = (segments: readonly HintSegment[]) => segments.reduce((n, s) => n + s.text.length, 0);

/**
 * The hint bar as styled pieces, never wider than `width`. When not everything fits, whole hints
 * are kept in order, then `…`, then the help key (so that a narrow terminal still says where the
 * rest is); only a bar too narrow even for that is cut mid-word (ending with `…`).
 */
export function hintSegments(items: readonly Hint[], width: number): HintSegment[] {
	const all = pieces(items);
	if (widthOf(all) <= width) return all;
	const pinned = items.find(h => h.id === PINNED);
	const rest = items.filter(h => h !== pinned);
	const more: HintSegment = {text: '…', kind: 'separator'};
	const tail: HintSegment[] = pinned ? [more, {text: HINT_SEPARATOR, kind: 'separator'}, ...pieces([pinned])] : [more];
	let kept = 0;
	while (kept < rest.length && widthOf(pieces(rest.slice(0, kept + 1))) + HINT_SEPARATOR.length + widthOf(tail) <= width) kept++;
	if (kept > 0) return [...pieces(rest.slice(0, kept)), {text: HINT_SEPARATOR, kind: 'separator'}, ...tail];
	if (widthOf(tail) <= width) return tail;
	return cut(all, width);
}

function cut(all: readonly HintSegment[], width: number): HintSegment[] {
	const out: HintSegment[] = [];
	let used = 0;
	for (const seg of all) {
		if (used + seg.text.length < width) {
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

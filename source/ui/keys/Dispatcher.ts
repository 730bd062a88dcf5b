/**
 * The one key dispatcher. Layers are asked in a fixed priority order: an open dialog, the help
 * overlay, the `:`/`/` prompt, the command output panel, the focused pane, then global keys.
 * A layer resolves the key in its contexts and returns true when it handled it; a modal layer
 * swallows what it does not handle, so nothing underneath reacts while it is open.
 */
import type {CommandId, Context} from './defaultBindings.js';
import type {KeyRegistry} from './KeyRegistry.js';
import type {KeyPress} from './keyNames.js';

export type LayerName = 'dialog' | 'help' | 'prompt' | 'output' | 'pane' | 'global';

export const LAYER_ORDER: readonly LayerName[] = ['dialog', 'help', 'prompt', 'output', 'pane', 'global'];

export interface KeyLayer {
	readonly name: LayerName;
	/** Highest priority first. */
	readonly contexts: readonly Context[];
	readonly modal: boolean;
	handle(command: CommandId | undefined, key: KeyPress): boolean;
}

export interface Dispatched {
	readonly handled: boolean;
	readonly layer?: LayerName;
	readonly command?: CommandId;
}

export function dispatchKey(registry: KeyRegistry, layers: readonly KeyLayer[], key: KeyPress): Dispatched {
	const ordered = [...layers].sort((a, b) => LAYER_ORDER.indexOf(a.name) - LAYER_ORDER.indexOf(b.name));
	// The interrupt key works whatever is open.
	if (registry.resolve(['global'], key.name) === 'app.interrupt') {
		const global = ordered.find(l => l.name === 'global');
		if (global?.handle('app.interrupt', key)) return {handled: true, layer: 'global', command: 'app.interrupt'};
	}
	for (const layer of ordered) {
		const command = registry.resolve(layer.contexts, key.name);
		if (layer.handle(command, key)) return {handled: true, layer: layer.name, ...(command ? {command} : {})};
		if (layer.modal) return {handled: true, layer: layer.name};
	}
	return {handled: false};
}

/**
 * The binding registry: which command a key runs in which context. Built from the defaults,
 * optionally with the user's overrides; immutable once built.
 */
import {CONTEXTS, DEFAULT_BINDINGS, type BindingSpec, type CommandId, type Context} from './defaultBindings.js';
import {canonicalKeyName, type KeyName} from './keyNames.js';

export interface Binding extends BindingSpec {
	readonly id: CommandId;
}

/** The key that quits from anywhere may not be taken by anything else. */
const RESERVED_ID: CommandId = 'app.interrupt';

/** Contexts that one dispatcher layer resolves together, so a key may not mean two things across them. */
function scopesOf(context: Context): readonly Context[] {
	if (context === 'pane') return CONTEXTS.filter(c => c.startsWith('pane:'));
	if (context.startsWith('pane:')) return [context, 'pane'];
	if (context === 'prompt') return ['prompt', 'edit'];
	if (context === 'edit') return ['edit', 'prompt'];
	return [context];
}

export class KeyRegistry {
	private readonly byId = new Map<CommandId, Binding>();
	private readonly byContext = new Map<Context, Map<KeyName, CommandId>>();

	constructor(readonly bindings: readonly Binding[]) {
		for (const binding of bindings) {
			this.byId.set(binding.id, binding);
			for (const context of binding.contexts) {
				let keys = this.byContext.get(context);
				if (!keys) this.byContext.set(context, (keys = new Map()));
				for (const key of binding.keys) if (!keys.has(key)) keys.set(key, binding.id);
			}
		}
	}

	static defaults(): KeyRegistry {
		return new KeyRegistry(DEFAULT_BINDINGS);
	}

	/** The command a key runs: the first of `contexts` (highest priority first) that binds it. */
	resolve(contexts: readonly Context[], key: KeyName): CommandId | undefined {
		for (const context of contexts) {
			const id = this.byContext.get(context)?.get(key);
			if (id) return id;
		}
		return undefined;
	}

	binding(id: CommandId): Binding {
		const binding = this.byId.get(id);
		if (!binding) throw new Error(`unknown command id '${id}'`);
		return binding;
	}

	has(id: string): id is CommandId {
		return this.byId.has(id as CommandId);
	}

	keysFor(id: CommandId): readonly KeyName[] {
		return this.binding(id).keys;
	}

	inContext(context: Context): readonly Binding[] {
		return this.bindings.filter(b => b.contexts.includes(context));
	}

	/** Every pair of commands that share a key in one scope, as readable sentences. */
	clashes(): {ids: readonly CommandId[]; message: string}[] {
		const out: {ids: CommandId[]; message: string}[] = [];
		const seen = new Set<string>();
		const reserved = this.byId.get(RESERVED_ID)?.keys ?? [];
		for (const binding of this.bindings) {
			for (const key of binding.keys) {
				if (binding.id !== RESERVED_ID && reserved.includes(key)) {
					out.push({ids: [binding.id], message: `'${key}' for ${binding.id} is reserved for ${RESERVED_ID}`});
					continue;
				}
				for (const context of binding.contexts) {
					for (const other of this.bindings) {
						if (other.id === binding.id || !other.keys.includes(key)) continue;
						const where = other.contexts.find(c => scopesOf(context).includes(c));
						if (!where) continue;
						const tag = [binding.id, other.id].sort().join('|') + key;
						if (seen.has(tag)) continue;
						seen.add(tag);
						out.push({
							ids: [binding.id, other.id],
							message: `'${key}' is bound to both ${other.id} and ${binding.id} in ${where}`,
						});
					}
				}
			}
		}
		return out;
	}

	/**
	 * Applies user rebindings. Unknown ids, bad key names and bindings that would clash are
	 * refused (the default stays) and described in `problems`.
	 */
	withOverrides(overrides: Readonly<Record<string, readonly string[]>>): {registry: KeyRegistry; problems: string[]} {
		const problems: string[] = [];
		const accepted = new Map<CommandId, KeyName[]>();
		for (const [id, rawKeys] of Object.entries(overrides)) {
			if (!this.has(id)) {
				problems.push(`unknown command id '${id}'`);
				continue;
			}
			const keys: KeyName[] = [];
			const bad: string[] = [];
			for (const raw of rawKeys) {
				const key = canonicalKeyName(raw);
				if (key === undefined) bad.push(raw);
				else if (!keys.includes(key)) keys.push(key);
			}
			if (bad.length > 0) {
				problems.push(`${bad.map(k => `'${k}'`).join(', ')} ${bad.length === 1 ? 'is not a key name' : 'are not key names'} (${id})`);
				continue;
			}
			accepted.set(id, keys);
		}
		const build = () => new KeyRegistry(this.bindings.map(bd => (accepted.has(bd.id) ? {...bd, keys: accepted.get(bd.id)!} : bd)));
		let registry = build();
		// Revert overrides that clash until none is left; the defaults themselves never clash.
		for (;;) {
			const clash = registry.clashes().find(c => c.ids.some(id => accepted.has(id)));
			if (!clash) break;
			problems.push(clash.message);
			for (const id of clash.ids) accepted.delete(id);
			registry = build();
		}
		return {registry, problems};
	}
}

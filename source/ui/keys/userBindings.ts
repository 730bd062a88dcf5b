/**
 * The user's key rebindings: `$XDG_CONFIG_HOME/npiv-console/keys.json` (default
 * `~/.config/npiv-console/keys.json`), shaped `{ "bindings": { "<command id>": ["key", ...] } }`.
 * A missing file is normal; anything wrong is described in one status-line message and the
 * defaults are kept for the entries concerned.
 */
import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import * as z from 'zod';
import {KeyRegistry} from './KeyRegistry.js';

const KeysFileSchema = z
	.object({
		bindings: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
	})
	.strict();

export function defaultKeysFile(env: NodeJS.ProcessEnv = process.env): string {
	const base = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
	return join(base, 'npiv-console', 'keys.json');
}

export interface LoadedKeys {
	readonly registry: KeyRegistry;
	/** Empty when the file is absent or fully valid. */
	readonly problems: readonly string[];
	/** One line for the status bar, or null. */
	readonly message: string | null;
}

export function loadKeyRegistry(file: string | undefined = defaultKeysFile()): LoadedKeys {
	const defaults = KeyRegistry.defaults();
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {registry: defaults, problems: [], message: null};
		return failed(file, defaults, [`cannot read it (${code ?? String(error)})`]);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return failed(file, defaults, [`not valid JSON (${(error as Error).message})`]);
	}
	const parsed = KeysFileSchema.safeParse(json);
	if (!parsed.success) {
		const issues = parsed.error.issues.map(i => `${i.path.length > 0 ? i.path.join('.') + ': ' : ''}${i.message}`);
		return failed(file, defaults, [`expected {"bindings": {"<command id>": ["key", ...]}}: ${issues.join('; ')}`]);
	}
	const overrides: Record<string, readonly string[]> = {};
	for (const [id, keys] of Object.entries(parsed.data.bindings)) overrides[id] = typeof keys === 'string' ? [keys] : keys;
	const {registry, problems} = defaults.withOverrides(overrides);
	return {registry, problems, message: problems.length > 0 ? summarise(file, problems, 'defaults kept for those') : null};
}

function failed(file: string, registry: KeyRegistry, problems: string[]): LoadedKeys {
	return {registry, problems, message: summarise(file, problems, 'using the default keys')};
}

function summarise(file: string, problems: readonly string[], outcome: string): string {
	const more = problems.length > 1 ? ` (+${problems.length - 1} more, see ? help)` : '';
	return `${file}: ${problems[0]}${more}; ${outcome}`;
}

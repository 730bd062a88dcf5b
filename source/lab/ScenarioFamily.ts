/**
 * `npiv scenario show|reset|load FILE`: the lab as a whole. Reset and load boot the new lab at
 * once and save it with its live state, so the next command restores it like any other.
 */
import {json, ok, usageError, type CommandOutput} from '../commands/CommandOutput.js';
import type {GlobalOptions} from '../commands/GlobalOptions.js';
import {formatScenarioSummary, readScenarioFile, replaceDocument, resetDocument, summariseScenario, type Store, type StoreDocument} from '../store/index.js';
import {Lab} from './Lab.js';

export const SCENARIO_USAGE = `Usage: npiv scenario show
       npiv scenario reset            replace the lab with the embedded default lab
       npiv scenario load FILE        a lab (LabConfig JSON) or a whole store document
       npiv scenario generate --hosts N --ports-per-host P --vports-per-port V --out FILE [...]
                                      write a booted store of a big lab (see 'generate --help')
`;

/** `cwd`: the folder FILE is relative to (a lab server runs the command for a client elsewhere). */
export async function runScenarioFamily(store: Store, argv: readonly string[], globals: GlobalOptions, options: {readonly cwd?: string} = {}): Promise<CommandOutput> {
	const [verb, ...rest] = argv;
	switch (verb) {
		case 'show': {
			if (rest.length > 0) return usageError(`npiv scenario show: takes no arguments\n${SCENARIO_USAGE}`);
			const doc = store.document.revision > 0 ? await store.read() : store.document;
			const summary = summariseScenario(doc);
			return globals.json ? json(summary) : ok(formatScenarioSummary(summary));
		}
		case 'reset': {
			if (rest.length > 0) return usageError(`npiv scenario reset: takes no arguments\n${SCENARIO_USAGE}`);
			const doc = await store.update(current => booted(resetDocument(current, globals.seed)));
			const summary = summariseScenario(doc);
			return globals.json ? json(summary, 0, true) : ok(`Lab reset to the embedded default lab.\n${formatScenarioSummary(summary)}`, true);
		}
		case 'load': {
			if (rest.length !== 1) return usageError(`npiv scenario load: needs exactly one FILE\n${SCENARIO_USAGE}`);
			const loaded = await readScenarioFile(rest[0]!, {seed: globals.seed, ...(options.cwd === undefined ? {} : {cwd: options.cwd})});
			const doc = await store.update(current => booted(replaceDocument(current, loaded)));
			const summary = summariseScenario(doc);
			return globals.json ? json(summary, 0, true) : ok(`Loaded ${rest[0]}.\n${formatScenarioSummary(summary)}`, true);
		}
		case undefined:
		case 'help':
		case '--help':
			return verb === undefined ? usageError(SCENARIO_USAGE) : ok(SCENARIO_USAGE);
		default:
			return usageError(`npiv scenario: unknown subcommand '${verb}'\n${SCENARIO_USAGE}`);
	}
}

/** A document with its lab up: restored if it carries live state, booted otherwise. */
function booted(doc: StoreDocument): StoreDocument {
	return Lab.open(doc).nextDocument() ?? doc;
}

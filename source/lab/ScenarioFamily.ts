/**
 * `npiv scenario show|reset|load FILE`: the lab as a whole. Reset and load boot the new lab at
 * once and save it with its live state, so the next command restores it like any other.
 */
import {json, ok, usageError, type CommandOutput} from '../commands/CommandOutput.js';
import {jsonSimMs} from '../commands/events/SimTimeJson.js';
import {asksForHelp, familyJson, helpOutput, jsonError} from '../commands/families/FamilyOutput.js';
import type {GlobalOptions} from '../commands/GlobalOptions.js';
import {formatScenarioSummary, isStoreError, readScenarioFile, replaceDocument, resetDocument, summariseScenario, type Store, type StoreDocument} from '../store/index.js';
import {GENERATE_USAGE} from './ScenarioGenerate.js';
import {Lab} from './Lab.js';

export const SCENARIO_USAGE = `Usage: npiv scenario show
       npiv scenario reset            replace the lab with the embedded default lab
       npiv scenario load FILE        a lab (LabConfig JSON) or a whole store document
       npiv scenario generate --hosts N --ports-per-host P --vports-per-port V --out FILE [...]
                                      write a booted store of a big lab (see 'generate --help')
`;

/** `cwd`: the folder FILE is relative to (a lab server runs the command for a client elsewhere). */
export async function runScenarioFamily(store: Store, argv: readonly string[], globals: GlobalOptions, options: {readonly cwd?: string} = {}): Promise<CommandOutput> {
	try {
		return familyJson(await scenarioVerb(store, argv, globals, options), globals.json);
	} catch (error) {
		// A file that is no lab: with --json the store's complaint, and each problem, as the error object.
		if (!globals.json || !isStoreError(error)) throw error;
		return jsonError(1, `npiv: ${(error as Error).message}`, {problems: (error as {problems?: unknown}).problems ?? []});
	}
}

async function scenarioVerb(store: Store, argv: readonly string[], globals: GlobalOptions, options: {readonly cwd?: string}): Promise<CommandOutput> {
	const [verb, ...rest] = argv;
	if (asksForHelp(argv) || verb === 'help') return helpOutput(verb === 'generate' ? GENERATE_USAGE : SCENARIO_USAGE, globals.json);
	switch (verb) {
		case 'show': {
			if (rest.length > 0) return usageError(`npiv scenario show: takes no arguments\n${SCENARIO_USAGE}`);
			const doc = store.document.revision > 0 ? await store.read() : store.document;
			const summary = summariseScenario(doc);
			return globals.json ? json(summaryJson(summary)) : ok(formatScenarioSummary(summary));
		}
		case 'reset': {
			if (rest.length > 0) return usageError(`npiv scenario reset: takes no arguments\n${SCENARIO_USAGE}`);
			const doc = await store.update(current => booted(resetDocument(current, globals.seed)));
			const summary = summariseScenario(doc);
			return globals.json ? json(summaryJson(summary), 0, true) : ok(`Lab reset to the embedded default lab.\n${formatScenarioSummary(summary)}`, true);
		}
		case 'load': {
			if (rest.length !== 1) return usageError(`npiv scenario load: needs exactly one FILE\n${SCENARIO_USAGE}`);
			const loaded = await readScenarioFile(rest[0]!, {seed: globals.seed, ...(options.cwd === undefined ? {} : {cwd: options.cwd})});
			const doc = await store.update(current => booted(replaceDocument(current, loaded)));
			const summary = summariseScenario(doc);
			return globals.json ? json(summaryJson(summary), 0, true) : ok(`Loaded ${rest[0]}.\n${formatScenarioSummary(summary)}`, true);
		}
		case undefined:
			return usageError(SCENARIO_USAGE);
		default:
			return usageError(`npiv scenario: unknown subcommand '${verb}'\n${SCENARIO_USAGE}`);
	}
}

/** The summary's simulated clock in milliseconds, to the microsecond (see SimTimeJson). */
function summaryJson(summary: ReturnType<typeof summariseScenario>): ReturnType<typeof summariseScenario> {
	return {...summary, clock: jsonSimMs(summary.clock)};
}

/** A document with its lab up: restored if it carries live state, booted otherwise. */
function booted(doc: StoreDocument): StoreDocument {
	return Lab.open(doc).nextDocument() ?? doc;
}

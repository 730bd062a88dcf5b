/**
 * The one-shot pipeline: open the store, boot the world from it, run the command, run the SAN to
 * quiescence, save if the configuration changed, print. Commands that may change state run the
 * whole cycle under the store's lock (read-modify-write), so two processes on one store never
 * lose each other's changes.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {isStoreError, openStore, type Store, type StoreDocument} from '../store/index.js';
import {World} from '../world/World.js';
import {WorldError} from '../world/WorldError.js';
import {commandError, jsonReplacer, type CommandOutput} from './CommandOutput.js';
import {dispatchFamily} from './families/dispatchFamily.js';
import type {GlobalOptions} from './GlobalOptions.js';
import {runScenarioFamily} from './families/scenarioFamily.js';
import {followEvents} from './events/followEvents.js';
import {parseEventsArgs} from './events/eventsCommand.js';

export async function runFamily(family: string, argv: readonly string[], globals: GlobalOptions): Promise<number> {
	const out = await runFamilyOutput(family, argv, globals);
	if (out.stdout) process.stdout.write(out.stdout);
	if (out.stderr) process.stderr.write(out.stderr);
	return out.exitCode;
}

export async function runFamilyOutput(family: string, argv: readonly string[], globals: GlobalOptions): Promise<CommandOutput> {
	let store: Store;
	try {
		store = await openStore(globals.statePath, {seed: globals.seed});
	} catch (error) {
		return storeFailure(error, globals);
	}
	try {
		if (family === 'scenario') return await runScenarioFamily(store, argv, globals);
		if (family === 'events') {
			const q = parseEventsArgs(argv);
			if (!('exitCode' in q) && q.follow) return await followEvents(store, q, globals.json);
		}
		if (READ_ONLY.has(family)) {
			const doc = await freshDocument(store);
			return runInWorld(doc, family, argv, globals).output;
		}
		let output: CommandOutput | undefined;
		await store.update(current => {
			const run = runInWorld(current, family, argv, globals);
			output = run.output;
			return run.next ?? current;
		});
		return output!;
	} catch (error) {
		return storeFailure(error, globals);
	}
}

/** Families that never change the store (fcinfo has no verbs that do). */
const READ_ONLY = new Set(['fcinfo', 'events', 'help']);

async function freshDocument(store: Store): Promise<StoreDocument> {
	return store.document.revision > 0 ? store.read() : store.document;
}

interface WorldRun {
	readonly output: CommandOutput;
	/** The document to save, when something changed. */
	readonly next?: StoreDocument;
}

/** Boots the document's world, runs the command, and says what to save. */
export function runInWorld(doc: StoreDocument, family: string, argv: readonly string[], globals: GlobalOptions): WorldRun {
	const firstBoot = doc.clock === 0 && doc.events.length === 0;
	const world = new World(doc);
	world.boot({record: firstBoot});
	const output = dispatchFamily(family, argv, {world, globals, readFile: path => readFileSync(path, 'utf8'), writeFile, settle: true});
	world.runUntilIdle();
	if (!output.changed && !firstBoot && world.adminChangeCount === 0) return {output};
	return {output, next: world.toDocument(doc)};
}

function writeFile(path: string, text: string): boolean {
	try {
		writeFileSync(path, text);
		return true;
	} catch {
		return false;
	}
}

function storeFailure(error: unknown, globals: GlobalOptions): CommandOutput {
	if (isStoreError(error) || error instanceof WorldError) {
		const message = (error as Error).message;
		if (globals.json) return {stdout: JSON.stringify({error: message, problems: (error as {problems?: unknown}).problems ?? []}, jsonReplacer, 2) + '\n', stderr: '', exitCode: 1};
		return commandError(`npiv: ${message}`);
	}
	throw error;
}

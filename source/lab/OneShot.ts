/**
 * The one-shot command: open the store, restore its lab (boot only when there is no live state),
 * run the command to quiescence, and save only if something changed.
 *
 * The command runs first without the store's lock, on the document as read. If it changed
 * nothing (a read, a refused command) that is the end: nothing is written and nobody waited. If
 * it changed something, the save takes the lock and checks that the file is still the document
 * the command ran on; if another process saved in between, the command runs again, under the
 * lock this time, on the newer document, and that run is the one printed and saved. So two
 * processes never lose each other's changes, and what a command printed is what was saved.
 */
import {jsonError} from '../commands/families/FamilyOutput.js';
import {commandError, type CommandOutput} from '../commands/CommandOutput.js';
import {parseEventsArgs} from '../commands/events/eventsCommand.js';
import {shown} from '../commands/ShownValue.js';
import {followEvents} from '../commands/events/followEvents.js';
import type {GlobalOptions} from '../commands/GlobalOptions.js';
import {isStoreError, openStore, type Store, type StoreDocument} from '../store/index.js';
import {WorldError} from '../world/WorldError.js';
import {Lab, type LabRunOptions} from './Lab.js';
import {runScenarioFamily} from './ScenarioFamily.js';
import {runScenarioGenerate} from './ScenarioGenerate.js';

export async function runOneShot(family: string, argv: readonly string[], globals: GlobalOptions): Promise<number> {
	const out = await runOneShotOutput(family, argv, globals);
	if (out.stdout) process.stdout.write(out.stdout);
	// Errors may repeat what the user typed: none of it reaches the terminal as a control sequence.
	if (out.stderr) process.stderr.write(shown(out.stderr, Infinity, {lines: true}));
	return out.exitCode;
}

export async function runOneShotOutput(family: string, argv: readonly string[], globals: GlobalOptions): Promise<CommandOutput> {
	// Generating writes a new file of its own: the working store is not opened (nor created).
	if (family === 'scenario' && argv[0] === 'generate') return runScenarioGenerate(argv.slice(1), globals);
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
		return await runAndSave(store, family, argv, {globals, settle: true});
	} catch (error) {
		return storeFailure(error, globals);
	}
}

/** Runs a command on the store's lab and saves what it changed (see the header). */
export async function runAndSave(store: Store, family: string, argv: readonly string[], options: LabRunOptions): Promise<CommandOutput> {
	// The store was just opened: its document is the file as it is now.
	const doc = store.document;
	const first = runOn(doc, store.liveSetAside, family, argv, options);
	if (!first.next) return first.output;
	let output = first.output;
	await store.update(current => {
		if (current.revision === doc.revision) return first.next!;
		// Someone saved since we read: run again on what they saved, under the lock.
		const again = runOn(current, store.liveSetAside, family, argv, options);
		output = again.output;
		return again.next ?? current;
	});
	return output;
}

interface Run {
	readonly output: CommandOutput;
	readonly next: StoreDocument | undefined;
}

function runOn(doc: StoreDocument, liveSetAside: string | undefined, family: string, argv: readonly string[], options: LabRunOptions): Run {
	const lab = Lab.open(doc, liveSetAside ? {liveSetAside} : {});
	const result = lab.run(family, argv, options);
	const note = lab.boot?.note;
	const output: CommandOutput = note ? {...result, stderr: `${note}\n${result.stderr}`} : result;
	return {output, next: lab.nextDocument()};
}

function storeFailure(error: unknown, globals: GlobalOptions): CommandOutput {
	if (isStoreError(error) || error instanceof WorldError) {
		const message = (error as Error).message;
		if (globals.json) return jsonError(1, `npiv: ${message}`, {problems: (error as {problems?: unknown}).problems ?? []});
		return commandError(`npiv: ${message}`);
	}
	throw error;
}

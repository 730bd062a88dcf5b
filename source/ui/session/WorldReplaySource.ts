/**
 * The real SAN for a session replay: the live console's WorldConsoleSource with its clock in
 * manual mode (only the replay's `wait` steps move it), booted from the session's start. It
 * lives in memory and saves nothing, unless the replay was given --apply on a session that
 * starts from a store file; then it saves to that store as the console does.
 *
 * A replay never reads the user's settings: no --host, no keys.json, the seed of the session.
 */
import type {DriverStart} from '../../session/SessionDriver.js';
import type {TerminalSize} from '../../session/SessionFormat.js';
import type {SessionSandbox} from '../../session/SessionSandbox.js';
import {WorldConsoleSource} from '../live/WorldConsoleSource.js';
import type {ReplaySourceFactory} from './ReplayConsole.js';
import {installSessionSave, type SessionSaver} from './SessionSaveCommand.js';
import {openStartDocument} from './StartDocument.js';

export interface WorldReplayOptions {
	/** Told of every source built, so that a caller can wait for its saves (`close()`, with --apply). */
	readonly onSource?: (source: WorldConsoleSource) => void;
	/** The files the session's commands may touch (the session's folder); without it, the file system as a shell sees it. */
	readonly sandbox?: SessionSandbox;
}

/** `label` is what the console's header shows as the store (see StartDocument.startLabel). */
export function worldReplaySourceFactory(label: string, options: WorldReplayOptions = {}): ReplaySourceFactory {
	return async (start: DriverStart, seed: number, _size: TerminalSize) => {
		const {document, store} = await openStartDocument(start, seed, label);
		const source = new WorldConsoleSource({
			document,
			...(store ? {store, watch: false} : {}),
			storeFile: label,
			clock: 'manual',
			...(options.sandbox ? {readFile: options.sandbox.readFile, writeFile: options.sandbox.writeFile, canWrite: options.sandbox.canWrite} : {}),
		});
		installSessionSave(source, REPLAY_SAVER);
		options.onSource?.(source);
		return source;
	};
}

/**
 * `:session save FILE` typed during a recording is in the session like any other keys; replayed,
 * it shows what it showed live but writes nothing (a replay writes only what its commands write, in its folder).
 */
const REPLAY_SAVER: SessionSaver = {save: () => undefined};

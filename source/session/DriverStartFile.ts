/**
 * Turns a session's start into what the driver gets. This is where "a session never changes the
 * user's store" is enforced: a `start store FILE` is read here and handed over as an in-memory
 * copy, unless the caller asked for --apply, and only then does the driver see the file's path.
 */
import {shown} from '../commands/ShownValue.js';
import {isInputFileError, readInputFile} from '../store/InputFile.js';
import path from 'node:path';
import {ReplayError} from './SessionError.js';
import type {DriverStart} from './SessionDriver.js';
import type {SessionStart} from './SessionFormat.js';

/** A generated 100,000-port lab is about 30 MB; a session's store is refused well before the memory runs out. */
export const START_STORE_CAP = 256 * 1024 * 1024;

export interface StartOptions {
	/** Let the driver open and save the session's store file (`npiv session replay --apply`). */
	readonly apply: boolean;
	/** Folder that relative store paths are resolved against (the session file's folder). */
	readonly baseDir: string;
}

export function driverStart(start: SessionStart, options: StartOptions): DriverStart {
	if (options.apply && start.kind !== 'store') {
		const from = start.kind === 'scenario' ? `scenario ${start.name}` : 'an embedded store document';
		throw new ReplayError(`--apply changes the store a session starts from, and this session starts from ${from}; use 'start store FILE'`);
	}
	switch (start.kind) {
		case 'scenario':
			return {kind: 'scenario', name: start.name};
		case 'embedded':
			return {kind: 'document', document: start.document, origin: 'embedded'};
		case 'store': {
			const file = path.resolve(options.baseDir, start.path);
			if (options.apply) return {kind: 'store', path: file};
			let document: string;
			try {
				// A regular file of sane size: a FIFO or a device named by a session must not hang or fill the memory.
				document = readInputFile(file, START_STORE_CAP);
			} catch (error) {
				const why = isInputFileError(error) ? error.reason : (error as Error).message;
				throw new ReplayError(`cannot read the session's store ${shown(start.path)} (${shown(file)}): ${why}`);
			}
			return {kind: 'document', document, origin: file};
		}
	}
}

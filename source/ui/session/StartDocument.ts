/**
 * The store document a replay starts from. A scenario is the embedded lab with the session's
 * seed; an in-memory document (an embedded one, or the copy of a store file) is decoded and
 * refused exactly as an invalid store is; only with --apply is a store file opened, so that the
 * replay may save to it.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {decodeDocumentText, loadEmbeddedLab, newDocument, openStore, type Store, type StoreDocument} from '../../store/index.js';
import {ReplayError} from '../../session/SessionError.js';
import type {DriverStart} from '../../session/SessionDriver.js';
import type {SessionStart} from '../../session/SessionFormat.js';

/** `start scenario NAME` names one of these; each is a lab that ships inside the binary. */
export const SCENARIO_NAMES = ['lab'] as const;
const SCENARIO_ALIASES: Readonly<Record<string, (typeof SCENARIO_NAMES)[number]>> = {lab: 'lab', default: 'lab'};

export interface StartDocument {
	readonly document: StoreDocument;
	/** Only with --apply: the store the replay saves to. */
	readonly store?: Store;
}

/**
 * `label` names the start in messages and in the console's header (the path as the session
 * wrote it, never an absolute path: the header is part of every saved frame).
 */
export async function openStartDocument(start: DriverStart, seed: number, label: string): Promise<StartDocument> {
	switch (start.kind) {
		case 'scenario': {
			const name = SCENARIO_ALIASES[start.name];
			if (!name) throw new ReplayError(`unknown scenario '${start.name}'; the scenarios are: ${SCENARIO_NAMES.join(', ')}`);
			return {document: newDocument(loadEmbeddedLab(), seed)};
		}
		case 'document':
			return {document: decodeDocumentText(start.document, {file: label, kind: 'store'}).document};
		case 'store': {
			// openStore would create a missing file from the default lab: a session names a store that exists
			if (!existsSync(start.path)) throw new ReplayError(`cannot read the session's store ${label} (${start.path}): no such file`);
			const store = await openStore(start.path);
			const document = store.document.revision > 0 ? await store.read() : store.document;
			return {document, store};
		}
	}
}

/** How the session names its start: in messages and in the console's header. */
export function startLabel(start: SessionStart, sessionFile: string): string {
	switch (start.kind) {
		case 'scenario':
			return `scenario ${start.name}`;
		case 'store':
			return start.path;
		case 'embedded':
			// the file's name only: the same session checked from another folder shows the same header
			return `${path.basename(sessionFile)} (embedded store)`;
	}
}

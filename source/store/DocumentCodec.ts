/**
 * Text <-> StoreDocument: parse, recognise the version, migrate, validate; and serialise for a
 * save. Every refusal is a StoreError naming the file and each problem by its path in the document.
 */
import type {LabConfig} from '../world/LabConfig.js';
import {describeValue, issueLines, storeErrorMap, summariseLines} from './IssueText.js';
import {formatJson, parseJsonText} from './JsonText.js';
import {migrateDocument, OLDEST_STORE_VERSION} from './migrations.js';
import {labSchema, STORE_EVENT_CAP, STORE_VERSION, storeDocumentSchema, type StoreDocument} from './schema.js';
import {StoreError, type StoreErrorCode} from './StoreError.js';

/**
 * Every check runs, but without zod's compiled fast path: building it costs more than a whole
 * one-shot command's parse, and over a 100,000-vport store it is no faster.
 */
const PARSE = {error: storeErrorMap, jitless: true} as const;

/** What the refused file is to the operator: the working store, or a file given to `scenario load`. */
export interface Source {
	readonly file: string;
	readonly kind: 'store' | 'scenario';
}

export interface Decoded {
	readonly document: StoreDocument;
	/** Set when the file was in an older schema version (it is migrated in memory only). */
	readonly migratedFrom?: number;
}

function refuse(source: Source, code: StoreErrorCode, problem: string, problems: readonly string[] = []): StoreError {
	const tail = source.kind === 'store' ? ' (the file was left unchanged)' : ' (nothing was loaded)';
	const text = problems.length === 0 ? `${source.kind} ${source.file}: ${problem}${tail}` : `${source.kind} ${source.file} ${problem}${tail}:\n${summariseLines(problems).map(l => `  ${l}`).join('\n')}`;
	return new StoreError(code, source.file, text, problems.length > 0 ? problems : [problem]);
}

export function decodeDocumentText(text: string, source: Source): Decoded {
	const parsed = parseJsonText(text);
	if (parsed.problem !== undefined) throw refuse(source, 'bad-json', parsed.problem);
	return decodeDocumentValue(parsed.value, source);
}

export function looksLikeLab(value: unknown): boolean {
	return !!value && typeof value === 'object' && !Array.isArray(value) && !('version' in value) && ('switches' in value || 'hosts' in value || 'fabrics' in value);
}

export function decodeDocumentValue(value: unknown, source: Source): Decoded {
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw refuse(source, 'not-a-store', `holds ${describeValue(value)}, not a store document`);
	}
	const raw = value as Record<string, unknown>;
	const version = raw['version'];
	if (version === undefined) {
		if (looksLikeLab(raw)) throw refuse(source, 'not-a-store', 'holds a lab configuration, not a store document (load it with `npiv scenario load FILE`)');
		throw refuse(source, 'not-a-store', 'has no schema version: it is not an npiv-console store');
	}
	if (typeof version !== 'number' || !Number.isInteger(version)) {
		throw refuse(source, 'not-a-store', `has schema version ${describeValue(version)}; expected a whole number`);
	}
	if (version > STORE_VERSION) {
		throw refuse(source, 'too-new', `was written by a newer npiv-console (schema version ${version}; this one reads versions ${OLDEST_STORE_VERSION} to ${STORE_VERSION})`);
	}
	if (version < OLDEST_STORE_VERSION) {
		throw refuse(source, 'not-a-store', `has schema version ${version}, older than any this npiv-console reads (${OLDEST_STORE_VERSION} to ${STORE_VERSION})`);
	}
	let current: Record<string, unknown> = raw;
	if (version < STORE_VERSION) {
		const migrated = migrateDocument(raw, version);
		if (migrated.issues) throw refuse(source, 'invalid', `cannot be migrated from schema version ${version}`, issueLines(migrated.issues, raw));
		current = migrated.doc;
	}
	const result = storeDocumentSchema.safeParse(current, PARSE);
	if (!result.success) throw refuse(source, 'invalid', 'is invalid', issueLines(result.error.issues, current));
	const document = result.data as StoreDocument;
	return version < STORE_VERSION ? {document, migratedFrom: version} : {document};
}

/** A lab configuration on its own (the JSON of state/scenarios/*.json). */
export function decodeLabValue(value: unknown, source: Source): LabConfig {
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw refuse(source, 'not-a-store', `holds ${describeValue(value)}, not a lab configuration`);
	}
	const result = labSchema.safeParse(value, PARSE);
	if (!result.success) throw refuse(source, 'invalid', 'is not a valid lab configuration', issueLines(result.error.issues, value));
	return result.data;
}

/**
 * Checks a document about to be saved. `file` names the store: the change is refused and the file
 * keeps its previous content.
 */
export function checkDocumentForSave(document: StoreDocument, file: string): StoreDocument {
	const result = storeDocumentSchema.safeParse(document, PARSE);
	if (!result.success) {
		const problems = issueLines(result.error.issues, document);
		throw new StoreError(
			'invalid',
			file,
			`store ${file}: the change was refused because the result would be invalid (the file was left unchanged):\n${summariseLines(problems).map(l => `  ${l}`).join('\n')}`,
			problems,
		);
	}
	return result.data as StoreDocument;
}

/** The document as it is saved: this version, the given revision, the event log capped. */
export function finaliseDocument(document: StoreDocument, revision: number): StoreDocument {
	return {
		version: STORE_VERSION,
		revision,
		seed: document.seed,
		prng: document.prng,
		clock: document.clock,
		lab: document.lab,
		retiredWwns: document.retiredWwns,
		events: document.events.length > STORE_EVENT_CAP ? document.events.slice(-STORE_EVENT_CAP) : document.events,
	};
}

/** Above this many bytes the store is written without indentation (generated scenarios). */
export const PRETTY_LIMIT = 256 * 1024;

export function encodeDocument(document: StoreDocument): string {
	const compact = JSON.stringify(document);
	return (compact.length > PRETTY_LIMIT ? compact : formatJson(document)) + '\n';
}

/**
 * Text <-> StoreDocument: parse, recognise the version, migrate, validate; and serialise for a
 * save. Every refusal is a StoreError naming the file and each problem by its path in the document.
 */
import {createHash} from 'node:crypto';
import type {LabConfig} from '../world/LabConfig.js';
import {describeValue, issueLines, storeErrorMap, summariseLines} from './IssueText.js';
import {formatJson, parseJsonText} from './JsonText.js';
import {migrateDocument, OLDEST_STORE_VERSION} from './migrations.js';
import {labSchema, STORE_EVENT_CAP, STORE_VERSION, storeDocumentSchema, trustedDocumentSchema, type StoreDocument} from './schema.js';
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
	/** Why the file's live state was set aside (the lab then boots from its configuration). */
	readonly liveSetAside?: string;
}

/** The hash that ties a live state to the configuration it was saved with. */
export function labHash(lab: LabConfig): string {
	return createHash('sha1').update(JSON.stringify(lab)).digest('hex');
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
	// A configuration with the hash its live state carries is the one this program saved and
	// checked: only the rest of the document is checked again. Any other is checked in full, and
	// its live state, which belongs to another configuration, is set aside.
	const live = current['live'] as {labHash?: unknown} | undefined;
	const trusted = live !== undefined && typeof live === 'object' && live !== null && typeof live.labHash === 'string' && current['lab'] !== undefined && live.labHash === labHash(current['lab'] as LabConfig);
	const result = (trusted ? trustedDocumentSchema : storeDocumentSchema).safeParse(current, PARSE);
	if (!result.success) throw refuse(source, 'invalid', 'is invalid', issueLines(result.error.issues, current));
	let document = result.data as StoreDocument;
	let liveSetAside: string | undefined;
	if (document.live && !trusted) {
		const {live: _dropped, ...rest} = document;
		document = rest;
		liveSetAside = 'its configuration was edited by hand since the lab was last saved';
	}
	return {document, ...(version < STORE_VERSION ? {migratedFrom: version} : {}), ...(liveSetAside ? {liveSetAside} : {})};
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

/** The document as it is saved: this version, the given revision, the event log capped, the live state tied to its lab. */
export function finaliseDocument(document: StoreDocument, revision: number): StoreDocument {
	const live = document.live;
	return {
		version: STORE_VERSION,
		revision,
		seed: document.seed,
		prng: document.prng,
		clock: document.clock,
		lab: document.lab,
		retiredWwns: document.retiredWwns,
		events: document.events.length > STORE_EVENT_CAP ? document.events.slice(-STORE_EVENT_CAP) : document.events,
		...(live ? {live: {labHash: labHash(document.lab), core: live.core, hosts: live.hosts, xen: live.xen}} : {}),
	};
}

/** Above this many bytes the store is written without indentation (generated scenarios). */
export const PRETTY_LIMIT = 256 * 1024;

export function encodeDocument(document: StoreDocument): string {
	const compact = JSON.stringify(document);
	return (compact.length > PRETTY_LIMIT ? compact : formatJson(document)) + '\n';
}

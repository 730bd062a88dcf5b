/**
 * Text <-> StoreDocument: parse, recognise the version, migrate, validate; and serialise for a
 * save. Every refusal is a StoreError naming the file and each problem by its path in the document.
 */
import {createHash} from 'node:crypto';
import type {LabConfig} from '../world/LabConfig.js';
import {liveText, type LiveText} from '../world/WorldDocument.js';
import {describeValue, issueLines, storeErrorMap, summariseLines} from './IssueText.js';
import {readCompact, textOf, writeCompactMain, writeIndentedMain, writeLiveSection, type Chunks} from './CompactLayout.js';
import {formatJson, parseJsonText} from './JsonText.js';
import {migrateDocument, OLDEST_STORE_VERSION} from './migrations.js';
import {isKnownValid, markLabValid} from './ValidLabParts.js';
import {documentSchemaWith, labSchema, labSchemaFor, STORE_EVENT_CAP, STORE_VERSION, storeDocumentSchema, trustedDocumentSchema, type StoreDocument} from './schema.js';
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
	return decodeDocumentBytes(Buffer.from(text, 'utf8'), source);
}

/**
 * A store file's bytes as a document. The live parts are kept as bytes and decoded one by one
 * when the world asks for them (see the layout below); the rest is parsed and checked.
 */
export function decodeDocumentBytes(bytes: Buffer, source: Source): Decoded {
	// A lab item's bytes are kept for the next write only when the document is read as it is: a
	// migrated one is rewritten anyway.
	const split = readCompact(bytes, {indexItems: main => main['version'] === STORE_VERSION});
	if (split) return decodeDocumentValue({...split.main, live: livePartsAsTexts(split.labHash, split.parts, split.main)}, source, {rawLabHash: split.rawLabHash, verbatim: split.verbatim});
	const parsed = parseJsonText(textOf(bytes));
	if (parsed.problem !== undefined) throw refuse(source, 'bad-json', parsed.problem);
	return decodeDocumentValue(liveAsTexts(parsed.value), source);
}

/** A document parsed whole (a reformatted copy): its live parts back to texts. */
function liveAsTexts(value: unknown): unknown {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	const live = (value as {live?: {labHash?: unknown; parts?: unknown}}).live;
	if (!live || typeof live !== 'object' || !Array.isArray(live.parts)) return value;
	return {...value, live: livePartsAsTexts(live.labHash, live.parts.map(p => liveText(JSON.stringify(p))), value)};
}

/** The parts in their roles; how many fabrics there are comes from the document's lab. */
function livePartsAsTexts(labHash: unknown, parts: readonly LiveText[], document: unknown): unknown {
	const fabrics = (document as {lab?: {fabrics?: unknown}}).lab?.fabrics;
	const f = Array.isArray(fabrics) ? fabrics.length : -1;
	if (f < 0 || parts.length < 2 + f) return {labHash, parts: parts.length};
	return {labHash, media: parts[0], fabrics: parts.slice(1, 1 + f), hosts: parts.slice(1 + f, -1), xen: parts.at(-1)};
}

export function looksLikeLab(value: unknown): boolean {
	return !!value && typeof value === 'object' && !Array.isArray(value) && !('version' in value) && ('switches' in value || 'hosts' in value || 'fabrics' in value);
}

/**
 * What the file's layout tells about a document: the hash of its lab's bytes, and whether all of
 * it but the live state is byte for byte what this program checked and wrote.
 */
export interface LayoutHints {
	readonly rawLabHash?: string | undefined;
	readonly verbatim?: boolean;
}

export function decodeDocumentValue(value: unknown, source: Source, hints: LayoutHints = {}): Decoded {
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
	if (hints.verbatim && version === STORE_VERSION && liveFits(raw)) {
		// Checked when it was written, and not a byte changed since.
		const document = raw as unknown as StoreDocument;
		markLabValid(document.lab);
		return {document};
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
	const trusted =
		live !== undefined &&
		typeof live === 'object' &&
		live !== null &&
		typeof live.labHash === 'string' &&
		current['lab'] !== undefined &&
		(live.labHash === hints.rawLabHash || live.labHash === labHash(current['lab'] as LabConfig));
	const result = (trusted ? trustedDocumentSchema : storeDocumentSchema).safeParse(current, PARSE);
	if (!result.success) throw refuse(source, 'invalid', 'is invalid', issueLines(result.error.issues, current));
	let document = result.data as StoreDocument;
	markLabValid(document.lab);
	let liveSetAside: string | undefined;
	if (document.live && !trusted) {
		const {live: _dropped, ...rest} = document;
		document = rest;
		liveSetAside = 'its configuration was edited by hand since the lab was last saved';
	}
	return {document, ...(version < STORE_VERSION ? {migratedFrom: version} : {}), ...(liveSetAside ? {liveSetAside} : {})};
}

/** The live parts are all there: one per fabric and per host, besides the media and Xen parts. */
function liveFits(raw: Record<string, unknown>): boolean {
	const live = raw['live'] as {media?: unknown; fabrics?: unknown; hosts?: unknown; xen?: unknown} | undefined;
	const lab = raw['lab'] as {fabrics?: unknown; hosts?: unknown} | undefined;
	return (
		!!live &&
		!!lab &&
		live.media !== undefined &&
		live.xen !== undefined &&
		Array.isArray(live.fabrics) &&
		Array.isArray(live.hosts) &&
		Array.isArray(lab.fabrics) &&
		Array.isArray(lab.hosts) &&
		live.fabrics.length === lab.fabrics.length &&
		live.hosts.length === lab.hosts.length
	);
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
export function checkDocumentForSave(document: StoreDocument, file: string, previous?: StoreDocument): StoreDocument {
	// Parts of the lab that are the very objects of a document already checked need no new check.
	const changed = previous && isKnownValid(previous.lab) ? Object.keys(document.lab).filter(k => (document.lab as unknown as Record<string, unknown>)[k] !== (previous.lab as unknown as Record<string, unknown>)[k]) : undefined;
	const schema = changed ? documentSchemaWith(labSchemaFor(changed)) : storeDocumentSchema;
	const result = schema.safeParse(document, PARSE);
	if (!result.success) {
		const problems = issueLines(result.error.issues, document);
		throw new StoreError(
			'invalid',
			file,
			`store ${file}: the change was refused because the result would be invalid (the file was left unchanged):\n${summariseLines(problems).map(l => `  ${l}`).join('\n')}`,
			problems,
		);
	}
	const data = result.data as StoreDocument;
	markLabValid(data.lab);
	return data;
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
		// The hash tying the live state to this lab is worked out when the document is written.
		...(live ? {live: {media: live.media, fabrics: live.fabrics, hosts: live.hosts, xen: live.xen}} : {}),
	};
}

/** Above this many bytes the store is written without indentation (generated scenarios). */
export const PRETTY_LIMIT = 256 * 1024;

export function encodeDocument(document: StoreDocument): string {
	return encodeDocumentChunks(document)
		.map(c => (typeof c === 'string' ? c : textOf(c)))
		.join('');
}

/**
 * The file's content in pieces, in order: texts, and the bytes of live parts read from the file
 * and never touched since, written back as they were (a 100,000-port store is mostly such parts).
 */
export function encodeDocumentChunks(document: StoreDocument): Chunks {
	const {live, ...main} = document;
	const parts = live ? [live.media, ...live.fabrics, ...live.hosts, live.xen] : undefined;
	const compact = writeCompactMain(main);
	if (compact.bytes > PRETTY_LIMIT) return parts ? [...compact.chunks, ...writeLiveSection(compact, parts)] : [...compact.chunks, '}\n'];
	// A small store stays readable: indented, its live parts after it, one a line.
	const text = formatJson(main);
	if (!parts) return [text + '\n'];
	const indented = writeIndentedMain(text, labHash(document.lab));
	return [...indented.chunks, ...writeLiveSection(indented, parts)];
}

/**
 * The store document's schema. The lab part mirrors world/LabConfig.ts field for field (a
 * compile-time check below keeps them in step); the document around it holds the PRNG state, the
 * simulated clock, the capped event log and the WWNs that must never be handed out again.
 */
import * as z from 'zod';
import type {EventValue, SanEvent} from '../sim/EventLog.js';
import type {PrngState} from '../sim/Prng.js';
import type {SimTime} from '../sim/Simulator.js';
import type {LabConfig} from '../world/LabConfig.js';
import type {LiveText} from '../world/WorldDocument.js';
import {isStorageObjectName, STORAGE_NAME_RULE} from '../storage/StorageObjectName.js';
import {isValidDomainName} from '../xvm/DomainSpec.js';
import {isKnownValid} from './ValidLabParts.js';
import {isWwnText, WWN_FORMS} from './FieldFormats.js';
import {describeValue} from './IssueText.js';
import {checkLab} from './LabChecks.js';

/** The schema version this build writes. Older versions are migrated on read (see migrations.ts). */
export const STORE_VERSION = 3;

/** Events kept in the store; older ones are dropped on save (the EventLog ring's default size). */
export const STORE_EVENT_CAP = 5000;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const name = z.string().regex(NAME, {
	error: iss => `${describeValue(iss.input)} is not a usable name: start with a letter or digit, then letters, digits, '.', '_' or '-' (at most 64)`,
});

/** An array's, a target port's or a host group's name: the array's own rule (StorageObjectName). */
const storageName = z.string().refine(isStorageObjectName, {
	error: iss => `${describeValue(iss.input)} is not a usable name for an array, a target port or a host group: ${STORAGE_NAME_RULE}`,
});

const wwnText = z.string().refine(isWwnText, {
	error: iss => `${describeValue(iss.input)} is not a WWN (${WWN_FORMS})`,
});

const count = (min: number, max: number) => z.number().int().min(min).max(max);
const positive = z.number().positive();

const switchPort = z.strictObject({
	index: count(0, 255),
	speedGbps: positive.optional(),
	disabled: z.boolean().optional(),
	npiv: z.boolean().optional(),
	npivLimit: count(1, 255).optional(),
	name: z.string().max(32).optional(),
});

const switchConfig = z.strictObject({
	name,
	fabric: name,
	domainId: count(1, 239),
	wwn: wwnText,
	model: z.string().optional(),
	// The F_Port's index is the area byte of its N_Port_IDs, so a switch has at most 256 ports.
	portCount: count(1, 256),
	maxSpeedGbps: positive,
	npiv: z.boolean(),
	loginLimit: count(1, 1_000_000).optional(),
	duplicateWwpnPolicy: z.enum(['first-wins', 'newest-wins']).optional(),
	ports: z.array(switchPort).optional(),
});

const switchPortRef = z.strictObject({switch: name, port: count(0, 255)});

const islConfig = z.strictObject({a: switchPortRef, b: switchPortRef});

const namedMembers = z.strictObject({name: z.string(), members: z.array(z.string().min(1)).min(1)});

const zoningConfig = z.strictObject({
	aliases: z.array(namedMembers),
	zones: z.array(namedMembers),
	configs: z.array(z.strictObject({name: z.string(), zones: z.array(z.string()).min(1)})),
	effective: z.string().nullable(),
	defaultZone: z.enum(['all-access', 'no-access']),
	transactionOpen: z.boolean().optional(),
	// The zones in force when they differ from the enabled configuration's defined zones.
	effectiveZones: z.array(namedMembers).optional(),
});

const fabricConfig = z.strictObject({name, zoning: zoningConfig});

const hbaConfig = z.strictObject({
	model: z.enum(['QLE2462', 'QLE2562', 'LPe11002', 'QLA2342', 'LP10000']),
	serial: z.string().min(1),
	ports: z.array(z.strictObject({wwpn: wwnText, wwnn: wwnText})).min(1),
});

const hostConfig = z.strictObject({
	name,
	kind: z.enum(['xen', 'solaris']),
	cpus: count(1, 4096),
	memoryMiB: count(1, 64 * 1024 * 1024),
	hbas: z.array(hbaConfig),
	// Each entry is checked by checkLab with fcadm's own words (FieldFormats.parseNpivPortEntry).
	npivPorts: z.array(z.string()),
});

const lunConfig = z.strictObject({
	id: count(0, 65535),
	name: z.string().optional(),
	sizeMiB: z.number().int().min(0),
	type: z.enum(['disk', 'tape', 'medium-changer', 'cdrom', 'enclosure', 'raid-controller']),
	// SCSI INQUIRY field widths.
	vendor: z.string().max(8),
	product: z.string().max(16),
	revision: z.string().max(4),
	serial: z.string().optional(),
});

const hostGroupConfig = z.strictObject({
	name: storageName,
	initiators: z.array(wwnText),
	luns: z.array(z.strictObject({lun: count(0, 65535), hostLun: count(0, 16383)})),
	ports: z.array(z.string()).optional(),
});

const arrayConfig = z.strictObject({
	name: storageName,
	vendor: z.string(),
	model: z.string(),
	ports: z.array(z.strictObject({name: storageName, wwpn: wwnText, wwnn: wwnText, online: z.boolean().optional()})).min(1),
	luns: z.array(lunConfig),
	hostGroups: z.array(hostGroupConfig),
});

const CABLE_END_FORMS = '{"switch": NAME, "port": NUMBER}, {"host": NAME, "wwpn": WWN}, {"array": NAME, "port": PORT-NAME} or {"loop": NAME}';

const cableEnd = z.union(
	[
		z.strictObject({switch: name, port: count(0, 255)}),
		z.strictObject({host: name, wwpn: wwnText}),
		z.strictObject({array: storageName, port: z.string()}),
		z.strictObject({loop: name}),
	],
	{error: iss => `${describeValue(iss.input)} is not a cable end: expected ${CABLE_END_FORMS}`},
);

const cableConfig = z.strictObject({a: cableEnd, b: cableEnd, connected: z.boolean().optional()});

/** A domain's name: xm's own rule (DomainSpec), so that the store keeps what `xm create` takes. */
const domainName = z.string().refine(isValidDomainName, {
	error: iss => `${describeValue(iss.input)} is not a usable domain name: start with a letter or digit, then letters, digits, '.', '_' or '-' (at most 64)`,
});

const domainConfig = z.strictObject({
	name: domainName,
	host: name,
	memoryMiB: count(1, 64 * 1024 * 1024),
	vcpus: count(1, 512),
	disk: z.array(z.string()).optional(),
	vif: z.array(z.string()).optional(),
	npiv: z.array(z.string()).optional(),
	onPoweroff: z.string().optional(),
	onReboot: z.string().optional(),
	onCrash: z.string().optional(),
	state: z.enum(['running', 'paused', 'halted', 'suspended']),
	managed: z.boolean(),
});

/** Shape of each field, then the cross-references (LabChecks) once the shape is right. */
const labShape = {
	name: z.string().min(1),
	description: z.string().optional(),
	fabrics: z.array(fabricConfig),
	switches: z.array(switchConfig),
	isls: z.array(islConfig),
	loops: z.array(z.strictObject({name})),
	hosts: z.array(hostConfig),
	arrays: z.array(arrayConfig),
	cables: z.array(cableConfig),
	domains: z.array(domainConfig),
	faults: z.strictObject({npivOff: z.array(z.string().min(1))}).optional(),
};

const crossChecks = (lab: z.infer<z.ZodObject<typeof labShape>>, ctx: z.RefinementCtx): void => {
	for (const issue of checkLab(lab as LabConfig)) ctx.addIssue({code: 'custom', path: [...issue.path], message: issue.message});
};

export const labSchema = z.strictObject(labShape).superRefine(crossChecks);

/**
 * An array of which only the items not known valid (ValidLabParts) are checked: a save after a
 * command on a big lab checks the one host it changed, not all of them. Items pass through as
 * they are (the schemas transform nothing), so they stay the objects known valid.
 */
function newItemsOnly(item: z.ZodType): z.ZodType {
	return z.array(z.unknown()).superRefine((items, ctx) => {
		items.forEach((value, i) => {
			if (value !== null && typeof value === 'object' && isKnownValid(value)) return;
			const result = item.safeParse(value);
			if (!result.success) for (const issue of result.error.issues) ctx.addIssue({...issue, path: [i, ...issue.path]} as Parameters<typeof ctx.addIssue>[0]);
		});
	});
}

const NEW_ITEMS_ONLY: Partial<Record<keyof typeof labShape, z.ZodType>> = {
	fabrics: newItemsOnly(fabricConfig),
	hosts: newItemsOnly(hostConfig),
	arrays: newItemsOnly(arrayConfig),
};

/**
 * A lab of which only some parts changed since it was last checked (a save after a command): the
 * shape of the changed parts is checked again, the cross-references of the whole lab too.
 */
export function labSchemaFor(changed: readonly string[]): z.ZodType<LabConfig> {
	const shape: Record<string, z.ZodType> = {};
	for (const key of Object.keys(labShape) as (keyof typeof labShape)[]) {
		// A key the lab may leave out (description, faults) stays optional when it is not checked again.
		const unchecked = labShape[key].safeParse(undefined).success ? z.any().optional() : z.any();
		shape[key] = !changed.includes(key) ? unchecked : (NEW_ITEMS_ONLY[key] ?? labShape[key]);
	}
	return z.strictObject(shape).superRefine((lab, ctx) => crossChecks(lab as z.infer<z.ZodObject<typeof labShape>>, ctx)) as unknown as z.ZodType<LabConfig>;
}

/** The document schema with the lab checked by `lab`. */
export function documentSchemaWith(lab: z.ZodType<LabConfig>): z.ZodType<StoreDocument> {
	return z.strictObject({...documentShape, lab}) as unknown as z.ZodType<StoreDocument>;
}

const uint32 = z.number().int().min(0).max(0xffff_ffff);

const eventValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())], {
	error: iss => `${describeValue(iss.input)} is not an event value (text, a number, true or false, null, or a list of text)`,
});

const sanEvent = z.strictObject({
	seq: z.number().int().min(0),
	t: z.number().min(0),
	source: z.string(),
	type: z.string(),
	summary: z.string(),
	data: z.record(z.string(), eventValue),
});

/**
 * The live state: texts the world parses when it needs each part (see world/WorldDocument.ts),
 * and the hash of the configuration they belong to. A configuration that no longer has that hash
 * was edited by hand: the live state is then set aside and the lab boots from the configuration.
 */
// Checked without reading the text: a part is decoded from the file only when the world needs it.
const livePart = z.custom<LiveText>(v => !!v && typeof v === 'object' && 'text' in v, {error: 'must be a saved part of the live state'});

const liveState = z.strictObject({
	// Written with the file; absent from a document being saved (the writer works it out).
	labHash: z.string().regex(/^[0-9a-f]{40}$/, {error: 'must be the 40 hex digits of a SHA-1'}).optional(),
	media: livePart,
	fabrics: z.array(livePart),
	hosts: z.array(livePart),
	xen: livePart,
});

const documentShape = {
	version: z.literal(STORE_VERSION),
	revision: z.number().int().min(0),
	seed: z.number().int(),
	prng: z.tuple([uint32, uint32, uint32, uint32], {
		error: iss => (iss.code === 'too_small' || iss.code === 'too_big' ? 'must be a list of exactly 4 whole numbers (the PRNG state words)' : undefined),
	}),
	clock: z.number().min(0),
	lab: labSchema,
	retiredWwns: z.array(wwnText),
	events: z.array(sanEvent),
	live: liveState.optional(),
};

export const storeDocumentSchema = z.strictObject(documentShape);

/**
 * The same document when its configuration is the one this program saved (its hash matches the
 * live state's): the lab was checked when it was written, and is not checked again on every read.
 */
export const trustedDocumentSchema = z.strictObject({...documentShape, lab: z.looseObject({})});

export interface StoreDocument {
	readonly version: typeof STORE_VERSION;
	/** Bumped by every save; tells a reader whether the file changed since it last looked. */
	readonly revision: number;
	/** The seed the PRNG started from (shown by `npiv scenario show`, used by reset). */
	readonly seed: number;
	readonly prng: PrngState;
	readonly clock: SimTime;
	readonly lab: LabConfig;
	/** Every random WWN handed out (the list only grows): a random WWN is never handed out twice. */
	readonly retiredWwns: readonly string[];
	readonly events: readonly SanEvent[];
	/** The live state the SAN reached, for the configuration whose hash it carries. */
	readonly live?: StoreLive;
}

export interface StoreLive {
	/** SHA-1 of the lab configuration as JSON (see labHash); set by every save. */
	readonly labHash?: string;
	readonly media: LiveText;
	readonly fabrics: readonly LiveText[];
	readonly hosts: readonly LiveText[];
	readonly xen: LiveText;
}

// Compile-time guarantees: whatever the schema accepts is a LabConfig / StoreDocument, so the
// store cannot drift from the contract the world builds from.
type Assignable<From, To> = [From] extends [To] ? true : false;
const labIsLabConfig: Assignable<z.infer<typeof labSchema>, LabConfig> = true;
const documentIsStoreDocument: Assignable<z.infer<typeof storeDocumentSchema>, StoreDocument> = true;
const eventDataFits: Assignable<z.infer<typeof eventValue>, EventValue> = true;
void labIsLabConfig;
void documentIsStoreDocument;
void eventDataFits;

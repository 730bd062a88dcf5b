/**
 * Schema versions and the steps between them. A step takes the raw JSON of version N (an object
 * whose `version` is N) and returns the raw JSON of version N+1; the current schema validates the
 * result. Steps run in memory: the file keeps its old version until the next save.
 *
 * Version 1 (npiv-console 0.0.x) kept each host's NPIV ports as objects
 *   `{"physical": "2100001b32813c5a", "portWwn": "c0007d...", "nodeWwn": "c0007d...", "index": 1}`
 * and had no event log. Version 2 keeps the npiv_config SMF value itself
 * (`<physical as typed>:<VPWWN>:<VNWWN>:<index>`, see FieldFormats.ts) and adds `events`.
 */
import * as z from 'zod';
import {isStrictWwnText} from '../sim/Wwn.js';
import {formatNpivPortEntry, isWwnText, storeWwn, VPORT_INDEX_MAX, VPORT_INDEX_MIN, WWN_FORMS} from './FieldFormats.js';
import type {StoreIssue} from './IssueText.js';
import {STORE_VERSION} from './schema.js';

export const OLDEST_STORE_VERSION = 1;

type Raw = Record<string, unknown>;
type StepResult = {readonly doc: Raw; readonly issues?: undefined} | {readonly doc?: undefined; readonly issues: readonly StoreIssue[]};

const v1NpivPort = z.strictObject({
	physical: z.string().refine(isWwnText),
	portWwn: z.string().refine(isWwnText),
	nodeWwn: z.string().refine(isWwnText),
	index: z.number().int().min(VPORT_INDEX_MIN).max(VPORT_INDEX_MAX),
});

const V1_NPIV_PORT_FORM = `a version-1 NPIV port must be {"physical": WWN, "portWwn": WWN, "nodeWwn": WWN, "index": ${VPORT_INDEX_MIN}-${VPORT_INDEX_MAX}} with WWNs as ${WWN_FORMS}`;

function v1ToV2(raw: Raw): StepResult {
	const issues: StoreIssue[] = [];
	const lab = raw['lab'];
	let migratedLab = lab;
	if (lab && typeof lab === 'object' && Array.isArray((lab as Raw)['hosts'])) {
		const hosts = ((lab as Raw)['hosts'] as unknown[]).map((host, h) => {
			if (!host || typeof host !== 'object' || !Array.isArray((host as Raw)['npivPorts'])) return host;
			const npivPorts = ((host as Raw)['npivPorts'] as unknown[]).map((entry, e) => {
				const parsed = v1NpivPort.safeParse(entry);
				if (!parsed.success) {
					issues.push({path: ['lab', 'hosts', h, 'npivPorts', e], message: V1_NPIV_PORT_FORM});
					return entry;
				}
				const {physical, portWwn, nodeWwn, index} = parsed.data;
				// The SMF keeps the physical WWN as typed; fcadm only ever accepted 16 hex digits.
				const physicalText = isStrictWwnText(physical) ? physical : storeWwn(physical)!;
				return formatNpivPortEntry({physicalText, portWwn: storeWwn(portWwn)!, nodeWwn: storeWwn(nodeWwn)!, index});
			});
			return {...(host as Raw), npivPorts};
		});
		migratedLab = {...(lab as Raw), hosts};
	}
	if (issues.length > 0) return {issues};
	return {doc: {...raw, version: 2, lab: migratedLab, events: raw['events'] ?? []}};
}

/** Version 3 adds the live state (`live`), optional: a version-2 store boots from its configuration. */
function v2ToV3(raw: Raw): StepResult {
	return {doc: {...raw, version: 3}};
}

const steps: Readonly<Record<number, (raw: Raw) => StepResult>> = {
	1: v1ToV2,
	2: v2ToV3,
};

/** Runs every step from `raw.version` up to STORE_VERSION. */
export function migrateDocument(raw: Raw, from: number): StepResult {
	let doc = raw;
	for (let version = from; version < STORE_VERSION; version++) {
		const step = steps[version];
		if (!step) throw new Error(`no migration from store schema version ${version}`);
		const result = step(doc);
		if (result.issues) return result;
		doc = result.doc;
	}
	return {doc};
}

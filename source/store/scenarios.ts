/**
 * What `npiv scenario show|reset|load FILE` does to a store document; the command family wraps
 * these (reset and load go through Store.update so that the revision is bumped under the lock).
 */
import path from 'node:path';
import {readFile} from 'node:fs/promises';
import type {LabConfig} from '../world/LabConfig.js';
import {decodeDocumentValue, decodeLabValue, looksLikeLab, type Source} from './DocumentCodec.js';
import {DEFAULT_SEED, loadEmbeddedLab, newDocument} from './EmbeddedLab.js';
import {parseJsonText} from './JsonText.js';
import type {StoreDocument} from './schema.js';
import {StoreError} from './StoreError.js';

export interface LabSummary {
	readonly name: string;
	readonly description?: string;
	readonly fabrics: number;
	readonly switches: number;
	readonly hosts: number;
	/** Physical HBA ports of all hosts. */
	readonly ports: number;
	/** Virtual ports in the hosts' NPIV port lists (npiv_config). */
	readonly vports: number;
	/** NPIV ports named in domain configurations. */
	readonly domainVports: number;
	readonly arrays: number;
	readonly targetPorts: number;
	readonly luns: number;
	readonly domains: number;
	readonly loops: number;
	readonly cables: number;
	readonly zones: number;
}

export interface ScenarioSummary extends LabSummary {
	readonly revision: number;
	readonly seed: number;
	readonly clock: number;
	readonly events: number;
}

export function summariseLab(lab: LabConfig): LabSummary {
	const sum = <T>(items: readonly T[], f: (t: T) => number) => items.reduce((n, t) => n + f(t), 0);
	return {
		name: lab.name,
		...(lab.description === undefined ? {} : {description: lab.description}),
		fabrics: lab.fabrics.length,
		switches: lab.switches.length,
		hosts: lab.hosts.length,
		ports: sum(lab.hosts, h => sum(h.hbas, b => b.ports.length)),
		vports: sum(lab.hosts, h => h.npivPorts.length),
		domainVports: sum(lab.domains, d => d.npiv?.length ?? 0),
		arrays: lab.arrays.length,
		targetPorts: sum(lab.arrays, a => a.ports.length),
		luns: sum(lab.arrays, a => a.luns.length),
		domains: lab.domains.length,
		loops: lab.loops.length,
		cables: lab.cables.length,
		zones: sum(lab.fabrics, f => f.zoning.zones.length),
	};
}

export function summariseScenario(document: StoreDocument): ScenarioSummary {
	return {...summariseLab(document.lab), revision: document.revision, seed: document.seed, clock: document.clock, events: document.events.length};
}

/** The `scenario show` text: one `Label: value` line each, labels padded to one column. */
export function formatScenarioSummary(s: ScenarioSummary): string {
	const rows: [string, string | number][] = [
		['Lab', s.name],
		...(s.description === undefined ? [] : [['Description', s.description] as [string, string]]),
		['Fabrics', s.fabrics],
		['Switches', s.switches],
		['Hosts', s.hosts],
		['HBA ports', s.ports],
		['Virtual ports', s.vports],
		['Domain NPIV ports', s.domainVports],
		['Arrays', s.arrays],
		['Target ports', s.targetPorts],
		['LUNs', s.luns],
		['Domains', s.domains],
		['Loops', s.loops],
		['Cables', s.cables],
		['Zones', s.zones],
		['Seed', s.seed],
		['Revision', s.revision],
		['Clock', `${s.clock} ms`],
		['Events', s.events],
	];
	const width = Math.max(...rows.map(([label]) => label.length)) + 1;
	return rows.map(([label, value]) => `${`${label}:`.padEnd(width + 1)}${value}`).join('\n');
}

/** `scenario reset`: the embedded lab, a fresh PRNG and clock; only the revision carries on. */
export function resetDocument(current: StoreDocument, seed: number = DEFAULT_SEED): StoreDocument {
	return {...newDocument(loadEmbeddedLab(), seed), revision: current.revision};
}

export interface LoadOptions {
	/** Seed for a lab file (a whole store document keeps its own). */
	readonly seed?: number;
}

/**
 * `scenario load FILE` content: a whole store document (any version we read, migrated) or a lab
 * configuration (wrapped as a fresh document). Refusals name `file` and each problem's path.
 */
export function parseScenarioText(text: string, file: string, options: LoadOptions = {}): StoreDocument {
	const source: Source = {file, kind: 'scenario'};
	const parsed = parseJsonText(text);
	if (parsed.problem !== undefined) throw new StoreError('bad-json', file, `scenario ${file}: ${parsed.problem} (nothing was loaded)`, [parsed.problem]);
	const value = parsed.value;
	if (looksLikeLab(value)) return newDocument(decodeLabValue(value, source), options.seed ?? DEFAULT_SEED);
	return decodeDocumentValue(value, source).document;
}

export async function readScenarioFile(file: string, options: LoadOptions & {readonly cwd?: string} = {}): Promise<StoreDocument> {
	let text: string;
	try {
		// Relative to the folder the command was typed in (a lab server runs it for a client).
		text = await readFile(options.cwd === undefined ? file : path.resolve(options.cwd, file), 'utf8');
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
		throw new StoreError('io', file, `scenario ${file}: cannot read it: ${reason}`, [reason]);
	}
	return parseScenarioText(text, file, options);
}

/** The change `scenario load` applies: the loaded document replaces the store's (revision carries on). */
export function replaceDocument(current: StoreDocument, loaded: StoreDocument): StoreDocument {
	return {...loaded, revision: current.revision};
}

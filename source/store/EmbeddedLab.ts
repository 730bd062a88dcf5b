/**
 * The default lab shipped inside the binary (esbuild inlines the JSON), and the store document a
 * lab starts as: seed 1 unless told otherwise, the PRNG state that seed gives, time zero.
 */
import lab from '../../state/scenarios/lab.json' with {type: 'json'};
import {Prng} from '../sim/Prng.js';
import type {LabConfig} from '../world/LabConfig.js';
import {decodeLabValue} from './DocumentCodec.js';
import {STORE_VERSION, type StoreDocument} from './schema.js';

export const DEFAULT_SEED = 1;

/** Where the embedded lab came from, as errors name it. */
export const EMBEDDED_LAB_FILE = 'state/scenarios/lab.json (embedded)';

let validated: LabConfig | undefined;

/** The embedded default lab, validated once (a broken one is a build bug and throws). */
export function loadEmbeddedLab(): LabConfig {
	validated ??= decodeLabValue(lab, {file: EMBEDDED_LAB_FILE, kind: 'scenario'});
	return validated;
}

/** A fresh document around `lab`: revision 0 until its first save. */
export function newDocument(config: LabConfig, seed: number = DEFAULT_SEED): StoreDocument {
	return {
		version: STORE_VERSION,
		revision: 0,
		seed,
		prng: Prng.fromSeed(seed).state,
		clock: 0,
		lab: config,
		retiredWwns: [],
		events: [],
	};
}

import type {SanEvent} from '../sim/EventLog.js';
import type {PrngState} from '../sim/Prng.js';
import type {LabConfig} from './LabConfig.js';

/** The part of the store document the world reads and writes (store/ adds version and revision). */
export interface WorldDocument {
	readonly lab: LabConfig;
	readonly seed: number;
	readonly prng: PrngState | readonly number[];
	readonly clock: number;
	readonly events: readonly SanEvent[];
	readonly retiredWwns: readonly string[];
	/** The live state the SAN reached (absent: boot from the configuration). */
	readonly live?: WorldLive;
}

/**
 * What the SAN reached, as JSON texts the world parses when it first needs each part: each fabric
 * (its logins and links, with the arrays' target ports on it), the loops and point-to-point
 * cables, each host's FC stack (in configuration order), and the Xen side. Texts rather than JSON values, so that reading the store does not
 * build 100,000 virtual ports' worth of objects that a command about one host never looks at.
 */
export interface WorldLive {
	/** Loops and point-to-point cables, and the target ports on them (or on no medium). */
	readonly media: LiveText;
	/** Each fabric (in configuration order) with the target ports cabled to it. */
	readonly fabrics: readonly LiveText[];
	readonly hosts: readonly LiveText[];
	readonly xen: LiveText;
}

/**
 * One part's JSON text. A part read from the store file is decoded from the file's bytes only when
 * something asks for its text (a part nobody touches is written back as it was read).
 */
export interface LiveText {
	readonly text: string;
}

export function liveText(text: string): LiveText {
	return {text};
}

/** Two parts hold the same state (the same part, or the same text). */
export function sameLiveText(a: LiveText, b: LiveText): boolean {
	return a === b || a.text === b.text;
}

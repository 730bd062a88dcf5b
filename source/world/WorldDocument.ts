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
 * What the SAN reached, as JSON texts the world parses when it first needs each part: the core
 * (fabric logins and links, the arrays' target ports), each host's FC stack (in configuration
 * order), and the Xen side. Texts rather than JSON values, so that reading the store does not
 * build 100,000 virtual ports' worth of objects that a command about one host never looks at.
 */
export interface WorldLive {
	readonly core: string;
	readonly hosts: readonly string[];
	readonly xen: string;
}

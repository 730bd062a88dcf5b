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
}

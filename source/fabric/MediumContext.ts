import type {EventLog} from '../sim/EventLog.js';
import type {Simulator} from '../sim/Simulator.js';
import type {FabricOptions} from './FabricOptions.js';
import type {OutboundQueue} from './OutboundQueue.js';

/** What every medium (fabric, loop, point-to-point cable) needs from the simulation. */
export interface MediumContext {
	readonly sim: Simulator;
	readonly log: EventLog;
	readonly outbound: OutboundQueue;
	readonly options: FabricOptions;
}

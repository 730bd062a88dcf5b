import type {EventLog} from '../sim/EventLog.js';

/** False inside EventLog.quietly(): spares a 100,000-port boot from formatting summaries nobody keeps. */
export function isRecording(log: EventLog): boolean {
	return log.recording;
}

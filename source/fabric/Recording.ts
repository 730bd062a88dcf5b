import type {EventLog} from '../sim/EventLog.js';

/**
 * False inside EventLog.quietly(). EventLog keeps its mute depth private; reading it spares a
 * 100,000-port boot from formatting summaries that quietly() would drop anyway. Should the field
 * ever go away this returns true and the fabric simply formats every event.
 */
export function isRecording(log: EventLog): boolean {
	const muted = (log as unknown as {muted?: unknown}).muted;
	return !(typeof muted === 'number' && muted > 0);
}

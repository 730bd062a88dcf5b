/**
 * Timing and sizing knobs of the emulated fabric. Every delay is simulated time; the defaults
 * are short enough that a 100,000-port boot settles in a few simulated seconds.
 */
export interface FabricOptions {
	/** Cable plugged or port enabled -> linkUp at the N_Port (speed negotiation, loop init). */
	readonly linkUpMs: number;
	/** RSCN coalescing: the first page opens a window; when it closes each recipient gets one RSCN. */
	readonly rscnWindowMs: number;
	/** Pages one RSCN carries before its pages collapse to area, then domain, then fabric format. */
	readonly rscnMaxPages: number;
}

export const defaultFabricOptions: FabricOptions = {
	linkUpMs: 5,
	rscnWindowMs: 50,
	rscnMaxPages: 32,
};

/** Brocade's default `NPIV PP Limit` and the most a port can be set to. */
export const DEFAULT_NPIV_LIMIT = 126;
export const MAX_NPIV_LIMIT = 255;

/**
 * Every delay of the xVM side, in simulated milliseconds. Defaults follow the real stack where it
 * says (xend's 100 s DEVICE_CREATE_TIMEOUT, xc_save's 30 rounds / 3x RAM / 50 pages) and are
 * plausible elsewhere; tests and scenarios may override any of them.
 */
export interface XenTiming {
	/** xenstored delivering a watch event after the write that caused it. */
	readonly watchMs: number;
	/** A backend hotplug script (vbd, vif) running after the backend node appears. */
	readonly hotplugMs: number;
	/** A guest frontend driver reacting to its backend. */
	readonly frontendMs: number;
	/** xfc calling xennpivd through the door. */
	readonly doorMs: number;
	/** xennpivd debouncing HBA-API events before it rescans a virtual port. */
	readonly rescanMs: number;
	/** xennpivd running the xvm utilities that attach one LUN to a domain. */
	readonly lunAttachMs: number;
	/** Retries of Sun_HBA_{Create,Delete}NPIVPort on BUSY/TRY_AGAIN (as fcadm: 20 x 1 s). */
	readonly busyRetries: number;
	readonly busyRetryMs: number;
	/** Building a domain (memory allocation, page tables) before its devices are created. */
	readonly buildMs: number;
	/** xend waiting for hotplug-status of every device (DEVICE_CREATE_TIMEOUT). */
	readonly deviceTimeoutMs: number;
	/** The guest OS acting on control/shutdown (poweroff, reboot, halt). */
	readonly guestShutdownMs: number;
	/** Writing or reading a saved image (xm save/restore, managed suspend/resume), MiB/s. */
	readonly imageMiBps: number;
	/** Migration link bandwidth, Mb/s (1 Gb/s Ethernet). */
	readonly migrationMbps: number;
	/** Checkpoint creation at t0 and the info transfer to the destination. */
	readonly checkpointMs: number;
	/** Pre-copy bounds (xc_save): rounds, bytes sent as a multiple of RAM, pages left to stop. */
	readonly maxIters: number;
	readonly maxFactor: number;
	readonly minRemainingPages: number;
	readonly pageKiB: number;
	/** Draining in-flight I/O of the source backends at t2 (seed 002). */
	readonly drainMs: number;
	/** t3-t4: how long the destination waits for every device (vports and their LUNs). */
	readonly migrationDeviceTimeoutMs: number;
}

export const DEFAULT_XEN_TIMING: XenTiming = {
	watchMs: 1,
	hotplugMs: 40,
	frontendMs: 10,
	doorMs: 2,
	rescanMs: 20,
	lunAttachMs: 60,
	busyRetries: 20,
	busyRetryMs: 1000,
	buildMs: 150,
	deviceTimeoutMs: 100_000,
	guestShutdownMs: 2500,
	imageMiBps: 400,
	migrationMbps: 1000,
	checkpointMs: 50,
	maxIters: 30,
	maxFactor: 3,
	minRemainingPages: 50,
	pageKiB: 4,
	drainMs: 25,
	migrationDeviceTimeoutMs: 30_000,
};

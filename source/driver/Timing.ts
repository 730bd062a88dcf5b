/**
 * Simulated delays of the host FC stack, in milliseconds. Real fp/fcp timers are far longer (an
 * E_D_TOV is 2 s); the lab compresses them so that a 100,000-port boot settles in simulated
 * seconds, but keeps their order: light, then login, then name-server work, then target logins.
 * A step runs at its due time and the delay it models is the one before the next step.
 */
export const Timing = {
	/** Light on the cable -> FLOGI (speed negotiation, loop initialisation). */
	linkInit: 1,
	/** FLOGI/FDISC ACC -> name-server PLOGI, RNN_ID ... RFF_ID, SCR. */
	login: 0.5,
	/** Registrations and SCR done -> first discovery query. */
	registration: 0.5,
	/** GPN_FT, or one GPN_ID per RSCN page. */
	nameServerQuery: 0.2,
	/** PLOGI + PRLI + REPORT LUNS to one remote port. */
	targetLogin: 0.3,
	/** INQUIRY + READ CAPACITY of one new LUN. */
	perLun: 0.05,
	/**
	 * Loop or point-to-point member that did not accept PLOGI -> walk the members again (fp's PLOGI
	 * retry). There is no RSCN without a fabric: a port still initialising would never be found.
	 */
	directRetry: 20,
	/** RSCN received -> its validation job starts (lets a burst of RSCNs coalesce). */
	rscnHold: 0.2,
	/**
	 * fcp_offline_delay: after the link drops, remote ports and LUNs stay (offline) this long
	 * before they are removed, so that a short bounce does not tear devices down.
	 */
	offlineTimeout: 20_000,
} as const;

/** Walks of the loop (or point-to-point peer) after a link up while a member does not answer PLOGI. */
export const DIRECT_RETRIES = 3;

/** REPORT LUNS retries on UNIT ATTENTION (REPORTED LUNS DATA HAS CHANGED) before giving up. */
export const REPORT_LUNS_RETRIES = 3;

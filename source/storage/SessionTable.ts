/**
 * A target port's session table: one I_T nexus per initiator N_Port_ID, in login order, found by
 * N_Port_ID or by initiator WWPN.
 *
 * A restored table starts as the saved one (DeferredSessions) and is asked one session at a time:
 * a command that logs one new virtual port in at a port of 50,000 sessions looks up two entries
 * and appends one, instead of putting 50,000 back. What changed since is kept beside it: saved
 * sessions taken out to be changed (they keep their place), saved sessions gone, and sessions
 * added after them.
 */
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';

/** One I_T nexus as the port's session table shows it. */
export interface ItNexus {
	readonly initiator: Wwn;
	readonly initiatorNode: Wwn;
	readonly fcid: FcId;
	/** PRLI done (FCP image pair established). */
	readonly prli: boolean;
	/** A REPORTED LUNS DATA HAS CHANGED unit attention waits for this nexus. */
	readonly unitAttention: boolean;
}

/** A session in the table: its flags change in place. */
export interface Session {
	readonly initiator: Wwn;
	readonly initiatorNode: Wwn;
	readonly fcid: FcId;
	prli: boolean;
	unitAttention: boolean;
}

/** Saved sessions not yet put back, asked one at a time or all at once. */
export interface DeferredSessions {
	readonly size: number;
	/** Every saved session, in login order. */
	load(): readonly ItNexus[];
	/** Their N_Port_IDs, in the same order (nothing built). */
	fcids(): readonly FcId[];
	/** The saved session at an N_Port_ID. */
	at(fcid: FcId): ItNexus | undefined;
	/** The N_Port_ID of the saved session of an initiator WWPN. */
	fcidOf(wwpn: Wwn): FcId | undefined;
}

/** What changed in a restored table since it was saved (for saving it again without building it). */
export interface SessionChanges {
	readonly saved: DeferredSessions;
	/** Saved sessions gone (null) or taken out and perhaps changed (kept at their place). */
	readonly taken: ReadonlyMap<FcId, Session | null>;
	/** Sessions added since, in order, after the saved ones. */
	readonly added: readonly Session[];
}

export class SessionTable {
	/** Sessions added since the restore (all of them for a table never restored), in login order. */
	private readonly byFcid = new Map<FcId, Session>();
	private readonly byWwpn = new Map<Wwn, Session>();
	private saved: DeferredSessions | undefined;
	private taken = new Map<FcId, Session | null>();
	private gone = 0;

	/** Replaces the table with saved sessions. */
	restore(saved: DeferredSessions): void {
		this.clear();
		this.saved = saved;
	}

	/** The saved table and what changed since, while the table is not built; undefined once it is (or if never restored). */
	get changes(): SessionChanges | undefined {
		return this.saved ? {saved: this.saved, taken: this.taken, added: [...this.byFcid.values()]} : undefined;
	}

	get size(): number {
		return this.byFcid.size + (this.saved ? this.saved.size - this.gone : 0);
	}

	atFcid(fcid: FcId): Session | undefined {
		return this.byFcid.get(fcid) ?? this.takeSaved(fcid);
	}

	ofWwpn(wwpn: Wwn): Session | undefined {
		const added = this.byWwpn.get(wwpn);
		if (added || !this.saved) return added;
		const fcid = this.saved.fcidOf(wwpn);
		if (fcid === undefined) return undefined;
		const session = this.takeSaved(fcid);
		return session?.initiator === wwpn ? session : undefined;
	}

	/** Appends a session (its N_Port_ID and WWPN must have none: delete theirs first). */
	add(session: Session): void {
		this.byFcid.set(session.fcid, session);
		this.byWwpn.set(session.initiator, session);
	}

	delete(session: Session): void {
		if (this.byFcid.get(session.fcid) === session) {
			this.byFcid.delete(session.fcid);
			if (this.byWwpn.get(session.initiator) === session) this.byWwpn.delete(session.initiator);
			return;
		}
		if (this.saved && this.taken.get(session.fcid) === session) {
			this.taken.set(session.fcid, null);
			this.gone++;
		}
	}

	clear(): void {
		this.byFcid.clear();
		this.byWwpn.clear();
		this.saved = undefined;
		this.taken = new Map();
		this.gone = 0;
	}

	/** Every session in login order (the saved ones first, as they are now). */
	*values(): IterableIterator<Session> {
		const saved = this.saved;
		if (saved) {
			for (const n of saved.load()) {
				const t = this.taken.get(n.fcid);
				if (t === null) continue;
				yield t ?? this.take(n);
			}
		}
		yield* this.byFcid.values();
	}

	/** Every session's N_Port_ID in login order, building none of them. */
	fcids(): FcId[] {
		const out: FcId[] = [];
		if (this.saved) for (const fcid of this.saved.fcids()) if (this.taken.get(fcid) !== null) out.push(fcid);
		for (const fcid of this.byFcid.keys()) out.push(fcid);
		return out;
	}

	/** A saved session still in the table, taken out so that it can change in place. */
	private takeSaved(fcid: FcId): Session | undefined {
		const saved = this.saved;
		if (!saved) return undefined;
		const t = this.taken.get(fcid);
		if (t !== undefined) return t ?? undefined;
		const n = saved.at(fcid);
		return n ? this.take(n) : undefined;
	}

	private take(n: ItNexus): Session {
		const session: Session = {initiator: n.initiator, initiatorNode: n.initiatorNode, fcid: n.fcid, prli: n.prli, unitAttention: n.unitAttention};
		this.taken.set(n.fcid, session);
		return session;
	}
}

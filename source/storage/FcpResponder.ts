import type {PlogiReply, PrliReply} from '../fabric/NPort.js';
import type {ElsReject} from '../fabric/ElsCodes.js';
import {LsRjtExplanation, LsRjtReason} from '../fabric/ElsCodes.js';
import {Sense, type FcpTarget, type InquiryData, type Initiator, type ScsiCommand, type ScsiReply, type SenseData} from '../fabric/Fcp.js';
import type {EventLog} from '../sim/EventLog.js';
import {formatFcId, type FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {LogicalUnit} from './LogicalUnit.js';
import type {LunView} from './LunMasking.js';
import {SessionTable, type DeferredSessions, type ItNexus, type Session, type SessionChanges} from './SessionTable.js';

export type {DeferredSessions, ItNexus, SessionChanges} from './SessionTable.js';

/** ILLEGAL REQUEST / INVALID COMMAND OPERATION CODE: READ CAPACITY to a tape, changer, enclosure... */
export const invalidOperationCode: SenseData = {key: 0x5, asc: 0x20, ascq: 0x00};

/** Above this many nexuses, one masking change is logged as a single unit-attention event. */
export const UA_EVENTS_PER_CHANGE = 32;

/** What the responder needs from the target port it answers for. */
export interface ResponderPort {
	readonly label: string;
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	readonly log: EventLog;
	/** Logged in, online, and `did` is this port's N_Port_ID. */
	answersTo(did: FcId): boolean;
	/** Logged in and online. */
	answersToAny(): boolean;
	view(initiator: Wwn): LunView;
	unitAt(initiator: Wwn, hostLun: number): LogicalUnit | undefined;
	/** The LU an initiator without a mapping reaches at LUN 0: the array's own first LU. */
	probeUnit(): LogicalUnit | undefined;
}


const notReady: ElsReject = {accepted: false, reason: LsRjtReason.unableToPerform, explanation: LsRjtExplanation.none};
const loginRequired: ElsReject = {
	accepted: false,
	reason: LsRjtReason.unableToPerform,
	explanation: LsRjtExplanation.nPortLoginRequired,
};

/**
 * The FCP side of a target port: PLOGI sessions per initiator N_Port_ID, PRLI as a target, and
 * the SCSI commands the host stack sends, answered through LUN masking.
 *
 * Each session is one I_T nexus (initiator WWPN x this port): an NPIV virtual port is its own
 * nexus and sees only what is masked to its own WWPN. Unit attentions live in the session, so a
 * nexus that logs out (or whose port loses its login) forgets them, as an I_T nexus loss does.
 */
export class FcpResponder implements FcpTarget {
	private readonly table = new SessionTable();
	/**
	 * The session of the last request, while it lasts: an initiator sends PLOGI, PRLI, REPORT
	 * LUNS, then INQUIRY and READ CAPACITY per LUN in a row, and the tables hold 100,000 sessions.
	 */
	private recent: Session | undefined;

	constructor(private readonly port: ResponderPort) {}

	plogi(from: Initiator, did: FcId): PlogiReply {
		if (!this.port.answersTo(did)) return notReady;
		// A new PLOGI replaces whatever that N_Port_ID or that WWPN had (implicit logout).
		this.drop(this.table.atFcid(from.fcid));
		this.drop(this.table.ofWwpn(from.wwpn));
		const session: Session = {initiator: from.wwpn, initiatorNode: from.wwnn, fcid: from.fcid, prli: false, unitAttention: false};
		this.table.add(session);
		this.recent = session;
		if (this.port.log.recording) this.port.log.emit(this.port.label, 'storage.login', `PLOGI from ${from.wwpn} (${formatFcId(from.fcid)}) accepted`, {
			initiator: from.wwpn,
			fcid: formatFcId(from.fcid),
		});
		return {accepted: true, wwpn: this.port.wwpn, wwnn: this.port.wwnn};
	}

	prli(from: Initiator, did: FcId): PrliReply {
		if (!this.port.answersTo(did)) return notReady;
		const session = this.sessionOf(from);
		if (!session) return loginRequired;
		session.prli = true;
		return {accepted: true, initiator: false, target: true};
	}

	logo(from: Initiator, did: FcId): void {
		if (!this.port.answersTo(did)) return;
		const session = this.sessionOf(from);
		if (!session) return;
		this.drop(session);
		this.port.log.emit(this.port.label, 'storage.logout', `LOGO from ${from.wwpn} (${formatFcId(from.fcid)})`, {
			initiator: from.wwpn,
			fcid: formatFcId(from.fcid),
		});
	}

	/**
	 * Unit attention follows SAM: INQUIRY neither reports nor clears it; REPORT LUNS answers and
	 * clears it (the UA was about the LUN inventory, which the initiator is now reading); any other
	 * command gets CHECK CONDITION 6/3F/0E once, and the condition is cleared.
	 */
	scsi(from: Initiator, did: FcId, command: ScsiCommand): ScsiReply {
		if (!this.port.answersTo(did)) return {status: 'no-connection'};
		const session = this.sessionOf(from);
		if (!session) return {status: 'no-connection'};
		switch (command.op) {
			case 'report-luns':
				// Nothing masked: an empty list. LIO would still present a virtual LUN 0 (and older LIO
				// an INQUIRY with qualifier 001b); an empty list says the same thing (no LU for this
				// host) without a phantom LUN 0 in fcinfo output.
				session.unitAttention = false;
				return {status: 'good', luns: [...this.port.view(session.initiator).keys()]};
			case 'inquiry': {
				const lu = this.port.unitAt(session.initiator, command.lun);
				if (!lu) return {status: 'check-condition', sense: Sense.logicalUnitNotSupported};
				return {status: 'good', inquiry: lu.inquiry};
			}
			case 'read-capacity': {
				const ua = this.takeUnitAttention(session);
				if (ua) return ua;
				const lu = this.port.unitAt(session.initiator, command.lun);
				if (!lu) return {status: 'check-condition', sense: Sense.logicalUnitNotSupported};
				const capacity = lu.capacity();
				if (!capacity) return {status: 'check-condition', sense: invalidOperationCode};
				return {status: 'good', capacity};
			}
			case 'test-unit-ready': {
				const ua = this.takeUnitAttention(session);
				if (ua) return ua;
				if (!this.port.unitAt(session.initiator, command.lun)) {
					return {status: 'check-condition', sense: Sense.logicalUnitNotSupported};
				}
				return {status: 'good'};
			}
		}
	}

	probe(): InquiryData | undefined {
		return this.port.answersToAny() ? this.port.probeUnit()?.inquiry : undefined;
	}

	/**
	 * Posts REPORTED LUNS DATA HAS CHANGED to the nexus of each logged-in initiator given; returns
	 * those posted. One event per nexus, except that an edit reaching more than
	 * UA_EVENTS_PER_CHANGE nexuses is logged as one event, so a group of 100,000 virtual ports does
	 * not flush the capped event log.
	 */
	postReportedLunsChanged(initiators: Iterable<Wwn>): Wwn[] {
		const posted: Session[] = [];
		for (const w of initiators) {
			const session = this.table.ofWwpn(w);
			if (!session) continue;
			session.unitAttention = true;
			posted.push(session);
		}
		const {label, log} = this.port;
		const what = 'unit attention REPORTED LUNS DATA HAS CHANGED posted';
		if (posted.length > UA_EVENTS_PER_CHANGE) {
			log.emit(label, 'storage.ua.posted', `${what} on ${posted.length} I_T nexuses`, {
				initiators: posted.map(s => s.initiator),
				asc: '3f',
				ascq: '0e',
			});
		} else {
			for (const s of posted) {
				log.emit(label, 'storage.ua.posted', `${what} for ${s.initiator} (${formatFcId(s.fcid)})`, {
					initiator: s.initiator,
					fcid: formatFcId(s.fcid),
					asc: '3f',
					ascq: '0e',
				});
			}
		}
		return posted.map(s => s.initiator);
	}

	/**
	 * Replaces the session table with saved sessions, in their login order (restore). They are
	 * looked at one by one as the port is asked: a target port of 50,000 sessions that a command
	 * reaches once costs one lookup.
	 */
	restoreSessions(sessions: DeferredSessions): void {
		this.recent = undefined;
		this.table.restore(sessions);
	}

	/** The saved sessions and what changed since, while the table was not built (see SessionTable). */
	get sessionChanges(): SessionChanges | undefined {
		return this.table.changes;
	}

	/** Forgets every session (link down, fabric logout, port offline). */
	dropAll(): number {
		const n = this.table.size;
		this.table.clear();
		this.recent = undefined;
		return n;
	}

	/** Forgets the session of one N_Port_ID (the initiator left the fabric); returns its WWPN. */
	dropFcid(fcid: FcId): Wwn | undefined {
		const session = this.table.atFcid(fcid);
		this.drop(session);
		return session?.initiator;
	}

	sessionFcids(): FcId[] {
		return this.table.fcids();
	}

	sessionAt(fcid: FcId): ItNexus | undefined {
		return this.table.atFcid(fcid);
	}

	get sessionCount(): number {
		return this.table.size;
	}

	/** In login order. */
	sessions(): ItNexus[] {
		return [...this.table.values()].map(s => ({...s}));
	}

	private sessionOf(from: Initiator): Session | undefined {
		const recent = this.recent;
		if (recent && recent.fcid === from.fcid) return recent.initiator === from.wwpn ? recent : undefined;
		const session = this.table.atFcid(from.fcid);
		if (session) this.recent = session;
		return session && session.initiator === from.wwpn ? session : undefined;
	}

	private takeUnitAttention(session: Session): ScsiReply | undefined {
		if (!session.unitAttention) return undefined;
		session.unitAttention = false;
		this.port.log.emit(
			this.port.label,
			'storage.ua.reported',
			`unit attention REPORTED LUNS DATA HAS CHANGED reported to ${session.initiator}`,
			{initiator: session.initiator, fcid: formatFcId(session.fcid)},
		);
		return {status: 'check-condition', sense: Sense.reportedLunsDataChanged};
	}

	private drop(session: Session | undefined): void {
		if (!session) return;
		if (this.recent === session) this.recent = undefined;
		this.table.delete(session);
	}
}

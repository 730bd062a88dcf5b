/**
 * The state the arrays' target ports reached, as the store keeps it between processes: each
 * port's login (state, N_Port_ID, fabric services, retry counts) and its session table (one I_T
 * nexus per initiator N_Port_ID, in login order, with PRLI and a pending unit attention).
 * LUNs, host groups and the ports' administrative state are configuration, kept elsewhere.
 *
 * A session is nearly always the nexus of the fabric login at its N_Port_ID; such sessions are
 * saved as one number (N_Port_ID * 8 + flags) and take their WWNs back from that login. Only a
 * session the fabric no longer agrees with (an initiator that left without the port noticing)
 * spells its WWNs out.
 */
import type {NPortLink} from '../fabric/NPort.js';
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import {StorageError} from './StorageError.js';
import type {DeferredSessions, ItNexus, SessionChanges} from './SessionTable.js';
import type {TargetPort, TargetPortState} from './TargetPort.js';

export interface TargetPortLive {
	readonly array: string;
	readonly name: string;
	readonly state: TargetPortState;
	/** N_Port_ID while logged in. */
	readonly fcid?: number;
	/** Logged in through an F_Port (name server, SCR, RSCN available). */
	readonly fabric?: boolean;
	readonly busyRetries?: number;
	readonly relogins?: number;
	/** Sessions: N_Port_ID * 8 + (1 PRLI, 2 unit attention, 4 WWNs spelled out in `named`). */
	readonly sessions: readonly number[];
	/** [initiator WWPN, initiator WWNN] of each session with flag 4, in order. */
	readonly named?: readonly (readonly [string, string])[];
}

/** Who is logged in on the port's medium now. */
export interface LoginsNow {
	/** Who is logged in at an N_Port_ID (a FabricLogin will do: nothing is built). */
	at(fcid: FcId): {readonly wwpn: Wwn; readonly wwnn: Wwn} | undefined;
	/** False when the login at `fcid` is surely the one restored (nothing logged in or out there since). */
	movedSinceRestore(fcid: FcId): boolean;
	/** The N_Port_IDs logged in or out at since the restore; undefined when not known (every one may have moved). */
	movedIds(): ReadonlySet<FcId> | undefined;
}

/**
 * Who was logged in where on the port's medium when the state was restored (the fabric as it
 * was saved, before anything moved), for sessions saved as a number.
 */
export interface RestoredLogins {
	at(fcid: FcId): {readonly wwpn: Wwn; readonly wwnn: Wwn} | undefined;
	/** Whether the login at `fcid` was `wwpn`/`wwnn`, building nothing. */
	is(fcid: FcId, wwpn: Wwn, wwnn: Wwn): boolean;
	/** The N_Port_ID `wwpn` was logged in at. */
	fcidOf(wwpn: Wwn): FcId | undefined;
}

/**
 * The port's state to save. With `rebaseOn` (the logins of its medium as this same save writes
 * them), what is written becomes the table's saved base: the next save of an unchanged table is
 * then the same numbers, found without looking at them.
 */
export function saveTargetPortLive(port: TargetPort, array: string, loginsNow: LoginsNow, rebaseOn?: RestoredLogins): TargetPortLive {
	const s = port.liveState();
	const changes = port.responder.sessionChanges;
	const {sessions, named} = changes?.saved instanceof SavedSessions ? changes.saved.encodeWith(changes, loginsNow) : encodeSessions(port.responder.sessions(), loginsNow);
	const live: TargetPortLive = {
		array,
		name: port.name,
		state: s.state,
		...(s.fcid !== undefined ? {fcid: s.fcid} : {}),
		...(s.fabric ? {fabric: true} : {}),
		...(s.busyRetries ? {busyRetries: s.busyRetries} : {}),
		...(s.relogins ? {relogins: s.relogins} : {}),
		sessions,
		...(named.length > 0 ? {named} : {}),
	};
	if (rebaseOn) port.responder.restoreSessions(new SavedSessions(port, live, rebaseOn));
	return live;
}

interface Encoded {
	readonly sessions: number[];
	readonly named: [string, string][];
}

/** Sessions as saved: a number each, WWNs spelled out only where the fabric no longer agrees. */
function encodeSessions(list: Iterable<ItNexus>, loginsNow: LoginsNow, into: Encoded = {sessions: [], named: []}): Encoded {
	for (const n of list) encodeOne(n.fcid, n.initiator, n.initiatorNode, (n.prli ? 1 : 0) | (n.unitAttention ? 2 : 0), loginsNow, into);
	return into;
}

function encodeOne(fcid: FcId, initiator: Wwn, initiatorNode: Wwn, flags: number, loginsNow: LoginsNow, into: Encoded): void {
	const login = loginsNow.at(fcid);
	if (!login || login.wwpn !== initiator || login.wwnn !== initiatorNode) {
		flags |= 4;
		into.named.push([initiator, initiatorNode]);
	}
	into.sessions.push(fcid * 8 + flags);
}

/**
 * A port's saved session table, asked one session at a time until someone needs them all. The
 * logins its sessions refer to are looked up in the fabric as it was when the state was restored,
 * since the fabric may have moved on since.
 */
class SavedSessions implements DeferredSessions {
	private positions: Map<number, number> | undefined;
	private lookups = 0;
	/** For each session with its WWNs spelled out (flag 4): its place in `named`, by position. */
	private namedAt: Map<number, number> | undefined;

	constructor(
		private readonly port: {readonly label: string},
		private readonly live: TargetPortLive,
		private readonly restored: RestoredLogins,
	) {}

	get size(): number {
		return this.live.sessions.length;
	}

	load(): ItNexus[] {
		return this.live.sessions.map((_code, i) => this.decode(i));
	}

	fcids(): FcId[] {
		return this.live.sessions.map(fcidOfCode);
	}

	at(fcid: FcId): ItNexus | undefined {
		const i = this.positionOf(fcid);
		return i === undefined ? undefined : this.decode(i);
	}

	fcidOf(wwpn: Wwn): FcId | undefined {
		const named = this.live.named ?? [];
		if (named.length > 0) {
			for (const [i, k] of this.namedPlaces()) if (named[k]![0] === wwpn) return fcidOfCode(this.live.sessions[i]!);
		}
		const fcid = this.restored.fcidOf(wwpn);
		if (fcid === undefined) return undefined;
		const i = this.positionOf(fcid);
		return i !== undefined && (this.live.sessions[i]! & 4) === 0 ? fcid : undefined;
	}

	/** The table as it is now, saved again: the saved numbers where nothing changed, without building the table. */
	encodeWith(changes: SessionChanges, loginsNow: LoginsNow): Encoded {
		const moved = loginsNow.movedIds();
		if (changes.taken.size === 0 && changes.added.length === 0 && moved && ![...moved].some(fcid => this.at(fcid) !== undefined)) {
			// Not a session touched, not a login under one moved: the saved numbers, as they are.
			return {sessions: this.live.sessions as number[], named: (this.live.named ?? []) as [string, string][]};
		}
		const into: Encoded = {sessions: [], named: []};
		const named = this.live.named ?? [];
		let k = 0;
		for (const code of this.live.sessions) {
			const fcid = fcidOfCode(code);
			const flags = code % 8;
			const pair = flags & 4 ? named[k++] : undefined;
			const taken = changes.taken.get(fcid);
			if (taken === null) continue;
			if (taken) {
				encodeOne(fcid, taken.initiator, taken.initiatorNode, (taken.prli ? 1 : 0) | (taken.unitAttention ? 2 : 0), loginsNow, into);
				continue;
			}
			if (pair) {
				encodeOne(fcid, pair[0] as Wwn, pair[1] as Wwn, flags & 3, loginsNow, into);
				continue;
			}
			if (!loginsNow.movedSinceRestore(fcid)) {
				into.sessions.push(code);
				continue;
			}
			const now = loginsNow.at(fcid);
			if (now && this.restored.is(fcid, now.wwpn, now.wwnn)) {
				into.sessions.push(code);
				continue;
			}
			const then = this.restored.at(fcid);
			if (!then) throw new StorageError(`saved session of ${this.port.label} at ${fcid.toString(16)} has no login on the fabric`);
			encodeOne(fcid, then.wwpn, then.wwnn, flags, loginsNow, into);
		}
		return encodeSessions(changes.added, loginsNow, into);
	}

	private decode(i: number): ItNexus {
		const code = this.live.sessions[i]!;
		const fcid = fcidOfCode(code);
		const flags = code % 8;
		let initiator: Wwn;
		let initiatorNode: Wwn;
		if (flags & 4) {
			const pair = this.live.named?.[this.namedPlaces().get(i)!];
			if (!pair) throw new StorageError(`saved session table of ${this.port.label} is short of initiator names`);
			[initiator, initiatorNode] = pair as [Wwn, Wwn];
		} else {
			const login = this.restored.at(fcid);
			if (!login) throw new StorageError(`saved session of ${this.port.label} at ${fcid.toString(16)} has no login on the fabric`);
			({wwpn: initiator, wwnn: initiatorNode} = login);
		}
		return {initiator, initiatorNode, fcid, prli: (flags & 1) !== 0, unitAttention: (flags & 2) !== 0};
	}

	private positionOf(fcid: FcId): number | undefined {
		// A command asks a few times (a PLOGI, its PRLI, REPORT LUNS...): look along the numbers
		// then, and index them only for a caller that keeps asking.
		if (!this.positions && ++this.lookups <= SCAN_LOOKUPS) {
			const sessions = this.live.sessions;
			for (let i = 0; i < sessions.length; i++) if (fcidOfCode(sessions[i]!) === fcid) return i;
			return undefined;
		}
		if (!this.positions) {
			const positions = new Map<number, number>();
			this.live.sessions.forEach((code, i) => positions.set(fcidOfCode(code), i));
			this.positions = positions;
		}
		return this.positions.get(fcid);
	}

	private namedPlaces(): Map<number, number> {
		if (!this.namedAt) {
			const at = new Map<number, number>();
			let k = 0;
			this.live.sessions.forEach((code, i) => {
				if (code & 4) at.set(i, k++);
			});
			this.namedAt = at;
		}
		return this.namedAt;
	}
}

/** Lookups answered by scanning the saved numbers before they are indexed. */
const SCAN_LOOKUPS = 32;

function fcidOfCode(code: number): FcId {
	return Math.floor(code / 8) as FcId;
}

/** Puts a target port's saved state back; its sessions are looked at as the port is asked. */
export function loadTargetPortLive(port: TargetPort, live: TargetPortLive, restored: RestoredLogins, link: NPortLink | undefined): void {
	port.restoreLive(
		{state: live.state, fcid: live.fcid as FcId | undefined, fabric: live.fabric ?? false, busyRetries: live.busyRetries ?? 0, relogins: live.relogins ?? 0},
		link,
	);
	port.responder.restoreSessions(new SavedSessions(port, live, restored));
}

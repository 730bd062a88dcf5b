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
import type {DeferredSessions, ItNexus} from './FcpResponder.js';
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

/** The WWNs of whoever is logged in at an N_Port_ID on the port's fabric (for sessions saved as a number). */
export type LoginAt = (port: {readonly label: string}, fcid: FcId) => {readonly wwpn: Wwn; readonly wwnn: Wwn} | undefined;

export function saveTargetPortLive(port: TargetPort, array: string, loginAt: LoginAt): TargetPortLive {
	const s = port.liveState();
	const deferred = port.responder.deferredSessions;
	const {sessions, named} = deferred instanceof SavedSessions ? deferred.encodeAgain(port, loginAt) : encodeSessions(port, port.responder.sessions(), loginAt);
	return {
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
}

/** Sessions as saved: a number each, WWNs spelled out only where the fabric no longer agrees. */
function encodeSessions(port: {readonly label: string}, list: readonly ItNexus[], loginAt: LoginAt): {sessions: number[]; named: [string, string][]} {
	const sessions: number[] = [];
	const named: [string, string][] = [];
	for (const n of list) {
		let flags = (n.prli ? 1 : 0) | (n.unitAttention ? 2 : 0);
		const login = loginAt(port, n.fcid);
		if (!login || login.wwpn !== n.initiator || login.wwnn !== n.initiatorNode) {
			flags |= 4;
			named.push([n.initiator, n.initiatorNode]);
		}
		sessions.push(n.fcid * 8 + flags);
	}
	return {sessions, named};
}

/**
 * A port's saved session table, kept as saved until someone asks the port anything. The logins
 * its sessions refer to are looked up in the fabric as it was when the state was restored
 * (`loginAtRestore`), since the fabric may have moved on since.
 */
class SavedSessions implements DeferredSessions {
	constructor(
		private readonly port: {readonly label: string},
		private readonly live: TargetPortLive,
		private readonly loginAtRestore: LoginAt,
	) {}

	load(): ItNexus[] {
		const named = [...(this.live.named ?? [])];
		return this.live.sessions.map(code => {
			const fcid = Math.floor(code / 8) as FcId;
			const flags = code % 8;
			let initiator: Wwn;
			let initiatorNode: Wwn;
			if (flags & 4) {
				const pair = named.shift();
				if (!pair) throw new StorageError(`saved session table of ${this.port.label} is short of initiator names`);
				[initiator, initiatorNode] = pair as [Wwn, Wwn];
			} else {
				const login = this.loginAtRestore(this.port, fcid);
				if (!login) throw new StorageError(`saved session of ${this.port.label} at ${fcid.toString(16)} has no login on the fabric`);
				({wwpn: initiator, wwnn: initiatorNode} = login);
			}
			return {initiator, initiatorNode, fcid, prli: (flags & 1) !== 0, unitAttention: (flags & 2) !== 0};
		});
	}

	/** The same table saved again against the fabric as it is now, without building it. */
	encodeAgain(port: {readonly label: string}, loginAt: LoginAt): {sessions: number[]; named: [string, string][]} {
		const unchanged = !this.live.named?.length && this.live.sessions.every(code => {
			const fcid = Math.floor(code / 8) as FcId;
			const then = this.loginAtRestore(port, fcid);
			const now = loginAt(port, fcid);
			return then !== undefined && now !== undefined && then.wwpn === now.wwpn && then.wwnn === now.wwnn;
		});
		if (unchanged) return {sessions: [...this.live.sessions], named: []};
		return encodeSessions(port, this.load(), loginAt);
	}
}

/** Puts a target port's saved state back; its sessions wait until the port is first asked anything. */
export function loadTargetPortLive(port: TargetPort, live: TargetPortLive, loginAtRestore: LoginAt, link: NPortLink | undefined): void {
	port.restoreLive(
		{state: live.state, fcid: live.fcid as FcId | undefined, fabric: live.fabric ?? false, busyRetries: live.busyRetries ?? 0, relogins: live.relogins ?? 0},
		link,
	);
	port.responder.restoreSessions(new SavedSessions(port, live, loginAtRestore));
}

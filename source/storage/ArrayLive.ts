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
import type {StorageArray} from './StorageArray.js';
import {StorageError} from './StorageError.js';
import type {TargetPortState} from './TargetPort.js';

export interface ArrayLive {
	readonly name: string;
	readonly ports: readonly TargetPortLive[];
}

export interface TargetPortLive {
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
export type LinkOf = (port: {readonly label: string}) => NPortLink | undefined;

export function saveArrayLive(array: StorageArray, loginAt: LoginAt): ArrayLive {
	return {
		name: array.name,
		ports: array.ports.map(port => {
			const s = port.liveState();
			const sessions: number[] = [];
			const named: [string, string][] = [];
			for (const n of port.responder.sessions()) {
				let flags = (n.prli ? 1 : 0) | (n.unitAttention ? 2 : 0);
				const login = loginAt(port, n.fcid);
				if (!login || login.wwpn !== n.initiator || login.wwnn !== n.initiatorNode) {
					flags |= 4;
					named.push([n.initiator, n.initiatorNode]);
				}
				sessions.push(n.fcid * 8 + flags);
			}
			return {
				name: port.name,
				state: s.state,
				...(s.fcid !== undefined ? {fcid: s.fcid} : {}),
				...(s.fabric ? {fabric: true} : {}),
				...(s.busyRetries ? {busyRetries: s.busyRetries} : {}),
				...(s.relogins ? {relogins: s.relogins} : {}),
				sessions,
				...(named.length > 0 ? {named} : {}),
			};
		}),
	};
}

export function loadArrayLive(array: StorageArray, live: ArrayLive, loginAt: LoginAt, linkOf: LinkOf): void {
	if (live.ports.length !== array.ports.length) throw new StorageError(`saved state of array ${array.name} has ${live.ports.length} ports; the configuration has ${array.ports.length}`);
	live.ports.forEach((p, i) => {
		const port = array.ports[i]!;
		if (port.name !== p.name) throw new StorageError(`saved state of array ${array.name} names port ${p.name} where the configuration has ${port.name}`);
		const named = [...(p.named ?? [])];
		const sessions = p.sessions.map(code => {
			const fcid = Math.floor(code / 8) as FcId;
			const flags = code % 8;
			let initiator: Wwn;
			let initiatorNode: Wwn;
			if (flags & 4) {
				const pair = named.shift();
				if (!pair) throw new StorageError(`saved session table of ${port.label} is short of initiator names`);
				[initiator, initiatorNode] = pair as [Wwn, Wwn];
			} else {
				const login = loginAt(port, fcid);
				if (!login) throw new StorageError(`saved session of ${port.label} at ${fcid.toString(16)} has no login on the fabric`);
				({wwpn: initiator, wwnn: initiatorNode} = login);
			}
			return {initiator, initiatorNode, fcid, prli: (flags & 1) !== 0, unitAttention: (flags & 2) !== 0};
		});
		port.restoreLive(
			{state: p.state, fcid: p.fcid as FcId | undefined, fabric: p.fabric ?? false, busyRetries: p.busyRetries ?? 0, relogins: p.relogins ?? 0},
			linkOf(port),
		);
		port.responder.restoreSessions(sessions);
	});
}

/**
 * A cable between two N_Ports, no switch. Both sides' FLOGIs are answered without the F_Port bit,
 * with the peer's names; N_Port_IDs follow libfc: the higher WWPN is 010102, the lower 010101.
 * Pulling either end takes the whole link down (the cable is gone; plug again to reconnect).
 */
import type {FcId} from '../sim/FcId.js';
import {startDirectLink, stopDirectLink, zeroErrors, type DirectMedium, type DirectMember} from './DirectLink.js';
import type {MediumContext} from './MediumContext.js';
import type {LoginAccept, NPortEndpoint} from './NPort.js';

export const P2P_LOW_ID = 0x010101 as FcId;
export const P2P_HIGH_ID = 0x010102 as FcId;

export class PointToPointCable implements DirectMedium {
	readonly ends: readonly [DirectMember, DirectMember];
	connected = false;

	constructor(
		readonly name: string,
		a: NPortEndpoint,
		b: NPortEndpoint,
		private readonly ctx: MediumContext,
		readonly speedGbps = 8,
	) {
		const aHigh = a.wwpn > b.wwpn;
		this.ends = [
			{endpoint: a, id: aHigh ? P2P_HIGH_ID : P2P_LOW_ID, errors: zeroErrors(), link: null},
			{endpoint: b, id: aHigh ? P2P_LOW_ID : P2P_HIGH_ID, errors: zeroErrors(), link: null},
		];
	}

	get log() {
		return this.ctx.log;
	}

	connect(): void {
		if (this.connected) return;
		this.connected = true;
		this.event('up');
		for (const m of this.ends) this.start(m);
	}

	disconnect(): void {
		if (!this.connected) return;
		this.connected = false;
		this.event('down');
		for (const m of this.ends) {
			m.errors.lossOfSignalCount++;
			m.errors.linkFailureCount++;
			this.stop(m);
		}
	}

	other(member: DirectMember): DirectMember {
		return this.ends[0] === member ? this.ends[1] : this.ends[0];
	}

	flogiAccept(member: DirectMember): LoginAccept {
		const peer = this.other(member).endpoint;
		return {accepted: true, fcid: member.id, npivAssignment: false, fPort: false, fabricName: peer.wwnn, fPortName: peer.wwpn};
	}

	peer(member: DirectMember, did: FcId): DirectMember | undefined {
		const o = this.other(member);
		return o.id === did ? o : undefined;
	}

	loopMembers(): readonly FcId[] {
		return [];
	}

	reset(member: DirectMember): void {
		this.ctx.log.emit(this.name, 'fabric.link', `link reset by ${member.endpoint.label}`, {state: 'reset', device: member.endpoint.label});
		for (const m of this.ends) {
			m.errors.lossOfSyncCount++;
			this.stop(m);
		}
		for (const m of this.ends) this.start(m);
	}

	private event(state: 'up' | 'down'): void {
		const [a, b] = this.ends;
		this.ctx.log.emit(this.name, 'fabric.link', `point-to-point ${a.endpoint.label} - ${b.endpoint.label} ${state === 'up' ? 'connected' : 'disconnected'}`, {
			state,
			device: [a.endpoint.label, b.endpoint.label],
		});
	}

	private start(m: DirectMember): void {
		startDirectLink(this.ctx, 'point-to-point', this.speedGbps, this, m);
	}

	private stop(m: DirectMember): void {
		stopDirectLink(this.ctx, m);
	}
}

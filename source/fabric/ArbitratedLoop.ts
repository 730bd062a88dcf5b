/**
 * A private arbitrated loop (no switch): each N_Port gets an AL_PA from loop initialisation
 * (soft addresses, first free in priority order) and its N_Port_ID is 0000xx. Any member joining,
 * leaving or asking for a LIP re-initialises the loop: every member sees linkDown then linkUp
 * and rediscovers the others through loopMembers().
 */
import type {FcId} from '../sim/FcId.js';
import {AL_PAS} from './AlPa.js';
import {startDirectLink, stopDirectLink, ZERO_WWN, zeroErrors, type DirectMedium, type DirectMember} from './DirectLink.js';
import {FabricError} from './FabricError.js';
import type {MediumContext} from './MediumContext.js';
import type {LoginAccept, NPortEndpoint} from './NPort.js';

export interface LoopMemberView {
	readonly label: string;
	readonly wwpn: string;
	readonly alpa: number;
	readonly up: boolean;
}

export class ArbitratedLoop implements DirectMedium {
	private readonly members: DirectMember[] = [];

	constructor(
		readonly name: string,
		private readonly ctx: MediumContext,
		readonly speedGbps = 4,
	) {}

	get log() {
		return this.ctx.log;
	}

	has(endpoint: NPortEndpoint): boolean {
		return this.members.some(m => m.endpoint === endpoint);
	}

	view(): readonly LoopMemberView[] {
		return this.members.map(m => ({label: m.endpoint.label, wwpn: m.endpoint.wwpn, alpa: m.id, up: m.link?.alive ?? false}));
	}

	/** Members in loop order (saved live state). */
	liveMembers(): readonly DirectMember[] {
		return this.members;
	}

	/** Replaces the members with saved ones (restore): no loop initialisation, no event. */
	restoreMembers(members: readonly DirectMember[]): void {
		this.members.splice(0, this.members.length, ...members);
	}

	/** Joins without a loop initialisation (restore: the saved state says who has light). */
	restorePlug(endpoint: NPortEndpoint): void {
		if (this.has(endpoint)) throw new FabricError(`${endpoint.label} is already on loop ${this.name}`);
		this.members.push({endpoint, id: 0 as FcId, errors: zeroErrors(), link: null});
	}

	plug(endpoint: NPortEndpoint): void {
		if (this.has(endpoint)) throw new FabricError(`${endpoint.label} is already on loop ${this.name}`);
		const used = new Set(this.members.map(m => m.id as number));
		const alpa = AL_PAS.find(a => !used.has(a));
		if (alpa === undefined) throw new FabricError(`loop ${this.name} is full (126 AL_PAs)`);
		this.members.push({endpoint, id: alpa as FcId, errors: zeroErrors(), link: null});
		this.lip(`${endpoint.label} joined`);
	}

	unplug(endpoint: NPortEndpoint): void {
		const i = this.members.findIndex(m => m.endpoint === endpoint);
		if (i < 0) return;
		const [gone] = this.members.splice(i, 1);
		gone!.errors.lossOfSignalCount++;
		gone!.errors.linkFailureCount++;
		this.stop(gone!);
		this.lip(`${endpoint.label} left`);
	}

	flogiAccept(member: DirectMember): LoginAccept {
		return {accepted: true, fcid: member.id, npivAssignment: false, fPort: false, fabricName: ZERO_WWN, fPortName: ZERO_WWN};
	}

	peer(member: DirectMember, did: FcId): DirectMember | undefined {
		return this.members.find(m => m !== member && m.id === did);
	}

	loopMembers(member: DirectMember): readonly FcId[] {
		return this.members
			.filter(m => m !== member)
			.map(m => m.id)
			.sort((a, b) => AL_PAS.indexOf(a) - AL_PAS.indexOf(b));
	}

	reset(member: DirectMember): void {
		this.lip(`LIP from ${member.endpoint.label}`);
	}

	private lip(cause: string): void {
		this.ctx.log.emit(this.name, 'fabric.link', `loop initialisation (${cause}): ${this.members.length} member${this.members.length === 1 ? '' : 's'}`, {
			state: 'lip',
			cause,
			members: this.members.map(m => m.endpoint.label),
		});
		for (const m of this.members) {
			if (m.link) m.errors.lossOfSyncCount++;
			this.stop(m);
		}
		for (const m of this.members) this.start(m);
	}

	private start(m: DirectMember): void {
		startDirectLink(this.ctx, 'private-loop', this.speedGbps, this, m);
	}

	private stop(m: DirectMember): void {
		stopDirectLink(this.ctx, m);
	}
}

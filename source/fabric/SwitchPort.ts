/**
 * A switch port: administrative settings (enabled, NPIV, NPIV login limit, fixed speed, name),
 * what is cabled to it (an N_Port or another switch's E_Port), and the logins it carries. FCIDs
 * on the port are domain.area.xx with area = port index: FLOGI gets xx = 00, each FDISC the
 * lowest free port byte.
 */
import {fcid, type FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import {DEFAULT_NPIV_LIMIT} from './FabricOptions.js';
import type {FabricLogin} from './FabricLogin.js';
import type {FcSwitch} from './FcSwitch.js';
import type {FPortLink} from './FPortLink.js';
import type {LinkErrorStatus, NPortEndpoint} from './NPort.js';
import {portKey} from './ZoneMember.js';

export type PortState = 'online' | 'offline' | 'disabled';

export type PortAttachment =
	| {readonly kind: 'nport'; readonly endpoint: NPortEndpoint; readonly maxSpeedGbps: number | undefined}
	| {readonly kind: 'isl'; readonly peer: SwitchPort};

export class SwitchPort {
	name = '';
	fixedSpeedGbps: number | undefined = undefined;
	adminDisabled = false;
	npiv = true;
	npivLimit = DEFAULT_NPIV_LIMIT;
	attachment: PortAttachment | null = null;
	/** The live link to the cabled N_Port, while the port is up. */
	link: FPortLink | null = null;
	base: FabricLogin | null = null;
	/** Every login on the port (base first), in login order. */
	readonly logins = new Map<FcId, FabricLogin>();
	/** The same logins by port byte, for walking the fabric in N_Port_ID order. */
	readonly slots: (FabricLogin | undefined)[] = [];
	readonly errors: LinkErrorStatus = {
		linkFailureCount: 0,
		lossOfSyncCount: 0,
		lossOfSignalCount: 0,
		primitiveSeqProtocolErrorCount: 0,
		invalidTxWordCount: 0,
		invalidCrcCount: 0,
	};
	/** Times the port changed state (portshow "state transition count"). */
	transitions = 0;
	private freeHint = 1;
	private wwnCache: Wwn | undefined;

	constructor(
		readonly sw: FcSwitch,
		readonly index: number,
	) {}

	get key(): number {
		return portKey(this.sw.domainId, this.index);
	}

	get baseFcId(): FcId {
		return fcid(this.sw.domainId, this.index, 0);
	}

	/** Brocade form: 20:<index>: + bytes 2-7 of the switch WWN. */
	get wwn(): Wwn {
		return (this.wwnCache ??= `20${this.index.toString(16).padStart(2, '0')}${this.sw.wwn.slice(4)}` as Wwn);
	}

	get npivCount(): number {
		return this.logins.size - (this.base ? 1 : 0);
	}

	/** NPIV as the login server applies it: on for the switch and for the port. */
	get npivEnabled(): boolean {
		return this.sw.npiv && this.npiv;
	}

	get state(): PortState {
		if (this.adminDisabled) return 'disabled';
		if (!this.attachment) return 'offline';
		return 'online';
	}

	/** Negotiated speed with what is cabled (or what the port would run at). */
	get speedGbps(): number {
		const port = this.fixedSpeedGbps ?? this.sw.maxSpeedGbps;
		const device = this.attachment?.kind === 'nport' ? this.attachment.maxSpeedGbps : undefined;
		return device === undefined ? port : Math.min(port, device);
	}

	/** The lowest free port byte above 00, or undefined when the area is full. */
	allocateNpivId(): FcId | undefined {
		for (let b = this.freeHint; b <= 0xff; b++) {
			const id = fcid(this.sw.domainId, this.index, b);
			if (!this.logins.has(id)) {
				this.freeHint = b + 1;
				return id;
			}
		}
		return undefined;
	}

	releaseId(id: FcId): void {
		const b = id & 0xff;
		if (b > 0 && b < this.freeHint) this.freeHint = b;
	}
}

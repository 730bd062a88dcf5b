/**
 * The N_Port's view of a switch F_Port while the link is up. A new object per link-up, so a
 * request through a link that has since gone down is recognisably stale (LS_RJT 09/00, the
 * stand-in for the timeout a real HBA would see).
 */
import type {FcId} from '../sim/FcId.js';
import type {ScsiCommand, ScsiReply} from './Fcp.js';
import type {Fabric} from './Fabric.js';
import {FabricReject} from './FabricReject.js';
import type {
	ElsReply,
	LinkErrorStatus,
	LoginReply,
	LoginRequest,
	NameServerClient,
	NPortEndpoint,
	NPortLink,
	PlogiReply,
	PrliReply,
	RscnPage,
	ScrFunction,
} from './NPort.js';
import type {ElsReject} from './ElsCodes.js';
import type {SwitchPort} from './SwitchPort.js';

export class FPortLink implements NPortLink {
	readonly topology = 'fabric' as const;
	alive = true;
	/** linkUp has reached the N_Port (so it is owed a linkDown). */
	delivered = false;

	constructor(
		readonly port: SwitchPort,
		readonly endpoint: NPortEndpoint,
		readonly speedGbps: number,
	) {}

	private get fabric(): Fabric {
		return this.port.sw.fabric;
	}

	flogi(request: LoginRequest): LoginReply {
		return this.fabric.loginServer.flogi(this, request);
	}

	fdisc(request: LoginRequest): LoginReply {
		return this.fabric.loginServer.fdisc(this, request);
	}

	logo(sid: FcId): void {
		this.fabric.loginServer.logo(this, sid);
	}

	scr(sid: FcId, fn: ScrFunction): ElsReply {
		return this.fabric.rscn.scr(this, sid, fn);
	}

	sendRscn(sid: FcId, pages: readonly RscnPage[]): ElsReply {
		return this.fabric.rscn.nportDetected(this, sid, pages);
	}

	nameServer(sid: FcId): NameServerClient {
		return this.fabric.nameServer.session(this, sid);
	}

	plogi(sid: FcId, did: FcId): PlogiReply {
		return this.fabric.router.plogi(this, sid, did);
	}

	prli(sid: FcId, did: FcId): PrliReply {
		return this.fabric.router.prli(this, sid, did);
	}

	logoPort(sid: FcId, did: FcId): void {
		this.fabric.router.logoPort(this, sid, did);
	}

	scsi(sid: FcId, did: FcId, command: ScsiCommand): ScsiReply {
		return this.fabric.router.scsi(this, sid, did, command);
	}

	rls(sid: FcId, did: FcId): LinkErrorStatus | ElsReject {
		return this.fabric.router.rls(this, sid, did);
	}

	reset(): void {
		if (!this.alive) return;
		this.fabric.bounceLink(this.port, 'reset');
	}

	loopMembers(): readonly FcId[] {
		return [];
	}

	/** The login `sid` if it was made through this link and is still current. */
	owned(sid: FcId): ReturnType<Fabric['loginById']> {
		if (!this.alive) return undefined;
		// Every login made through this link sits in the port's slots, by port byte: an index
		// there, not a lookup in the fabric's table of 100,000.
		const login = this.port.slots[sid & 0xff];
		return login && login.fcid === sid && login.link === this ? login : undefined;
	}

	get deadReject(): ElsReject {
		return FabricReject.linkDown;
	}
}

/**
 * N_Port to N_Port traffic across the fabric (and its ISLs): PLOGI, PRLI, LOGO, FCP and RLS go
 * to the endpoint that owns the D_ID, through its `responder`. Hard zoning: an unzoned pair
 * behaves as if the destination did not exist (PLOGI/PRLI LS_RJT 09/1F, SCSI no-connection).
 * PLOGI to a well-known address (name server FFFFFC, management server FFFFFA) is accepted by the
 * fabric itself.
 */
import {type FcId} from '../sim/FcId.js';
import type {ElsReject} from './ElsCodes.js';
import type {ScsiCommand, ScsiReply} from './Fcp.js';
import type {Fabric} from './Fabric.js';
import {FabricLogin} from './FabricLogin.js';
import {FabricReject} from './FabricReject.js';
import type {FPortLink} from './FPortLink.js';
import type {LinkErrorStatus, PlogiReply, PrliReply} from './NPort.js';

const WELL_KNOWN_BASE = 0xfffc00;
const NO_CONNECTION: ScsiReply = Object.freeze({status: 'no-connection' as const});

export class Router {
	constructor(private readonly fabric: Fabric) {}

	/** The destination login if a frame from `src` may reach it (hard zoning), else undefined. */
	private dest(src: FabricLogin, did: FcId): FabricLogin | undefined {
		const dst = this.fabric.loginById(did);
		return dst && dst.link.alive && this.fabric.zonedWith(src, dst) ? dst : undefined;
	}

	private source(link: FPortLink, sid: FcId): FabricLogin | ElsReject {
		if (!link.alive) return FabricReject.linkDown;
		return link.owned(sid) ?? FabricReject.loginRequired;
	}

	plogi(link: FPortLink, sid: FcId, did: FcId): PlogiReply {
		const src = this.source(link, sid);
		if (!(src instanceof FabricLogin)) return src;
		if (did >= WELL_KNOWN_BASE) return {accepted: true, wwpn: link.port.sw.wwn, wwnn: this.fabric.fabricName};
		const dst = this.dest(src, did);
		if (!dst) return FabricReject.noSuchPort;
		const responder = dst.endpoint.responder;
		if (!responder) return {accepted: true, wwpn: dst.wwpn, wwnn: dst.wwnn};
		return responder.plogi(src, did);
	}

	prli(link: FPortLink, sid: FcId, did: FcId): PrliReply {
		const src = this.source(link, sid);
		if (!(src instanceof FabricLogin)) return src;
		if (did >= WELL_KNOWN_BASE) return FabricReject.notSupported;
		const dst = this.dest(src, did);
		if (!dst) return FabricReject.noSuchPort;
		const responder = dst.endpoint.responder;
		return responder ? responder.prli(src, did) : FabricReject.notSupported;
	}

	logoPort(link: FPortLink, sid: FcId, did: FcId): void {
		const src = this.source(link, sid);
		if (!(src instanceof FabricLogin) || did >= WELL_KNOWN_BASE) return;
		this.dest(src, did)?.endpoint.responder?.logo(src, did);
	}

	scsi(link: FPortLink, sid: FcId, did: FcId, command: ScsiCommand): ScsiReply {
		const src = link.alive ? link.owned(sid) : undefined;
		const responder = src && this.dest(src, did)?.endpoint.responder;
		return src && responder ? responder.scsi(src, did, command) : NO_CONNECTION;
	}

	/** RLS to the F_Port (D_ID = the caller's own ID, FFFFFE or the domain controller), or to an N_Port. */
	rls(link: FPortLink, sid: FcId, did: FcId): LinkErrorStatus | ElsReject {
		const src = this.source(link, sid);
		if (!(src instanceof FabricLogin)) return src;
		const port = link.port;
		if (did === sid || did === 0xfffffe || did === 0xfffc00 + port.sw.domainId) return {...port.errors};
		const dst = this.dest(src, did);
		return dst ? {...dst.port.errors} : FabricReject.noSuchPort;
	}
}

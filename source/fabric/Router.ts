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
import type {FabricLogin} from './FabricLogin.js';
import {FabricReject} from './FabricReject.js';
import type {FPortLink} from './FPortLink.js';
import type {LinkErrorStatus, PlogiReply, PrliReply} from './NPort.js';

const WELL_KNOWN_BASE = 0xfffc00;
const NO_CONNECTION: ScsiReply = Object.freeze({status: 'no-connection' as const});

export class Router {
	constructor(private readonly fabric: Fabric) {}

	/** Source and destination logins if the frame may pass, else the reject to answer with. */
	private route(link: FPortLink, sid: FcId, did: FcId): [FabricLogin, FabricLogin] | ElsReject {
		if (!link.alive) return FabricReject.linkDown;
		const src = link.owned(sid);
		if (!src) return FabricReject.loginRequired;
		const dst = this.fabric.loginById(did);
		if (!dst || !dst.link.alive || !this.fabric.zonedWith(src, dst)) return FabricReject.noSuchPort;
		return [src, dst];
	}

	plogi(link: FPortLink, sid: FcId, did: FcId): PlogiReply {
		if (did >= WELL_KNOWN_BASE) {
			if (!link.alive) return FabricReject.linkDown;
			if (!link.owned(sid)) return FabricReject.loginRequired;
			const sw = link.port.sw;
			return {accepted: true, wwpn: sw.wwn, wwnn: this.fabric.fabricName};
		}
		const r = this.route(link, sid, did);
		if (!Array.isArray(r)) return r;
		const [src, dst] = r;
		const responder = dst.endpoint.responder;
		if (!responder) return {accepted: true, wwpn: dst.wwpn, wwnn: dst.wwnn};
		return responder.plogi(src, did);
	}

	prli(link: FPortLink, sid: FcId, did: FcId): PrliReply {
		if (did >= WELL_KNOWN_BASE) return FabricReject.notSupported;
		const r = this.route(link, sid, did);
		if (!Array.isArray(r)) return r;
		const [src, dst] = r;
		const responder = dst.endpoint.responder;
		return responder ? responder.prli(src, did) : FabricReject.notSupported;
	}

	logoPort(link: FPortLink, sid: FcId, did: FcId): void {
		if (did >= WELL_KNOWN_BASE) return;
		const r = this.route(link, sid, did);
		if (!Array.isArray(r)) return;
		r[1].endpoint.responder?.logo(r[0], did);
	}

	scsi(link: FPortLink, sid: FcId, did: FcId, command: ScsiCommand): ScsiReply {
		const r = this.route(link, sid, did);
		if (!Array.isArray(r)) return NO_CONNECTION;
		const responder = r[1].endpoint.responder;
		return responder ? responder.scsi(r[0], did, command) : NO_CONNECTION;
	}

	/** RLS to the F_Port (D_ID = the caller's own ID, FFFFFE or the domain controller), or to an N_Port. */
	rls(link: FPortLink, sid: FcId, did: FcId): LinkErrorStatus | ElsReject {
		if (!link.alive) return FabricReject.linkDown;
		const src = link.owned(sid);
		if (!src) return FabricReject.loginRequired;
		const port = link.port;
		if (did === sid || did === 0xfffffe || did === 0xfffc00 + port.sw.domainId) return {...port.errors};
		const r = this.route(link, sid, did);
		if (!Array.isArray(r)) return r;
		return {...r[1].port.errors};
	}
}

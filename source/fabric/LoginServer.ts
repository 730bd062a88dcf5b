/**
 * The fabric login server (FFFFFE): FLOGI, FDISC and fabric LOGO on switch F_Ports.
 *
 * - FLOGI: implicitly logs out every prior login on the port, then assigns domain.area.00
 *   (area = port index). LS_ACC carries the F_Port bit and, when NPIV is on for the switch and
 *   the port, Multiple N_Port_ID Assignment.
 * - FDISC: needs the port's FLOGI and NPIV on; assigns the lowest free port byte in the same area.
 * - Rejects (FabricReject): NPIV off 0B/00, limit 09/29, duplicate WWPN 03/0D (first-wins),
 *   FDISC before FLOGI 09/1E.
 * - Duplicate WWPN: first-wins rejects the newcomer and disturbs nothing; newest-wins logs the
 *   old login out (receiveLogo) and accepts the new one.
 */
import {formatFcId, type FcId} from '../sim/FcId.js';
import {wwnColons, type Wwn} from '../sim/Wwn.js';
import type {ElsReject} from './ElsCodes.js';
import type {Fabric} from './Fabric.js';
import {FabricLogin} from './FabricLogin.js';
import {FabricReject, hex2} from './FabricReject.js';
import type {FPortLink} from './FPortLink.js';
import type {LoginReply, LoginRequest} from './NPort.js';

type Op = 'FLOGI' | 'FDISC';

export class LoginServer {
	constructor(private readonly fabric: Fabric) {}

	flogi(link: FPortLink, req: LoginRequest): LoginReply {
		if (!link.alive) return FabricReject.linkDown;
		const port = link.port;
		const sw = port.sw;
		const fabric = this.fabric;
		if (port.base || port.logins.size > 0) fabric.logoutPort(port, 'implicit-flogi');

		const existing = fabric.loginByWwpn(req.wwpn);
		if (existing) {
			if (sw.duplicateWwpnPolicy === 'first-wins') return this.reject(link, 'FLOGI', req.wwpn, FabricReject.duplicateWwpn, 'duplicate WWPN');
			fabric.removeLogin(existing, 'duplicate-wwpn');
		}
		if (sw.loginCount >= sw.loginLimit) return this.reject(link, 'FLOGI', req.wwpn, FabricReject.insufficientResources, 'switch login limit reached');

		const login = new FabricLogin(port.baseFcId, req.wwpn, req.wwnn, false, port, link, req.wwpn, req.npivCapable ?? false, fabric.nextLoginSeq());
		if (req.symbolicNodeName) login.symbolicNodeName = req.symbolicNodeName;
		const npivAssignment = port.npivEnabled;
		login.npivAssigned = npivAssignment;
		fabric.addLogin(login);
		if (fabric.recording) fabric.emit(sw, 'fabric.flogi', `FLOGI ${wwnColons(req.wwpn)} port ${port.index} -> ${formatFcId(login.fcid)}${npivAssignment ? ' (NPIV)' : ''}`, {
			wwpn: req.wwpn,
			wwnn: req.wwnn,
			fcid: formatFcId(login.fcid),
			port: port.index,
			device: link.endpoint.label,
			npiv: npivAssignment,
		});
		return {
			accepted: true,
			fcid: login.fcid,
			npivAssignment,
			fPort: true,
			fabricName: fabric.fabricName,
			fPortName: port.wwn,
		};
	}

	fdisc(link: FPortLink, req: LoginRequest): LoginReply {
		if (!link.alive) return FabricReject.linkDown;
		const port = link.port;
		const sw = port.sw;
		const fabric = this.fabric;
		const base = port.base;
		if (!base || base.link !== link) return this.reject(link, 'FDISC', req.wwpn, FabricReject.loginRequired, 'FDISC before FLOGI');
		if (!port.npivEnabled) {
			return this.reject(link, 'FDISC', req.wwpn, FabricReject.npivNotSupported, sw.npiv ? 'NPIV disabled on port' : 'NPIV disabled on switch');
		}

		const existing = fabric.loginByWwpn(req.wwpn);
		if (existing && sw.duplicateWwpnPolicy === 'first-wins') return this.reject(link, 'FDISC', req.wwpn, FabricReject.duplicateWwpn, 'duplicate WWPN');
		if (existing && existing === base) {
			// A virtual port cannot take the physical port's own WWPN: logging the base out would
			// take this FDISC's own FLOGI along.
			return this.reject(link, 'FDISC', req.wwpn, FabricReject.duplicateWwpn, 'WWPN is the physical port');
		}
		// Under newest-wins the old login makes room for the new one if it sits on this port/switch.
		const freesPort = existing && existing.port === port ? 1 : 0;
		const freesSwitch = existing && existing.port.sw === sw ? 1 : 0;
		if (port.npivCount - freesPort >= port.npivLimit) return this.reject(link, 'FDISC', req.wwpn, FabricReject.insufficientResources, `port NPIV limit ${port.npivLimit} reached`);
		if (sw.loginCount - freesSwitch >= sw.loginLimit) return this.reject(link, 'FDISC', req.wwpn, FabricReject.insufficientResources, 'switch login limit reached');

		// Allocate while the old login still holds its ID, so the new ID differs from the old.
		const id = port.allocateNpivId();
		if (id === undefined) return this.reject(link, 'FDISC', req.wwpn, FabricReject.insufficientResources, 'no free N_Port_ID in area');
		const login = new FabricLogin(id, req.wwpn, req.wwnn, true, port, link, base.wwpn, req.npivCapable ?? false, fabric.nextLoginSeq());
		if (req.symbolicNodeName) login.symbolicNodeName = req.symbolicNodeName;
		if (existing) fabric.removeLogin(existing, 'duplicate-wwpn');
		fabric.addLogin(login);
		if (fabric.recording) fabric.emit(sw, 'fabric.fdisc', `FDISC ${wwnColons(req.wwpn)} port ${port.index} -> ${formatFcId(id)}`, {
			wwpn: req.wwpn,
			wwnn: req.wwnn,
			fcid: formatFcId(id),
			port: port.index,
			physicalWwpn: base.wwpn,
			device: link.endpoint.label,
		});
		return {
			accepted: true,
			fcid: id,
			npivAssignment: true,
			fPort: true,
			fabricName: fabric.fabricName,
			fPortName: port.wwn,
		};
	}

	logo(link: FPortLink, sid: FcId): void {
		const login = link.owned(sid);
		if (login) this.fabric.removeLogin(login, 'logo');
	}

	private reject(link: FPortLink, op: Op, wwpn: Wwn, r: ElsReject, why: string): ElsReject {
		const port = link.port;
		this.fabric.emit(port.sw, 'fabric.ls_rjt', `${op} ${wwnColons(wwpn)} port ${port.index} rejected ${hex2(r.reason)}/${hex2(r.explanation)}: ${why}`, {
			op,
			wwpn,
			port: port.index,
			device: link.endpoint.label,
			reason: hex2(r.reason),
			explanation: hex2(r.explanation),
			why,
		});
		return r;
	}
}

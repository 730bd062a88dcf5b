/**
 * The directory server (FFFFFC) of one fabric. Its objects are the fabric's logins; FC-4 data
 * arrives by RFT_ID/RFF_ID/RSPN_ID/RSNN_NN/RNN_ID. Queries answer only with ports the requester
 * shares a zone with (soft zoning; a port always sees itself): unknown or unzoned IDs get FS_RJT
 * 09/01, unknown or unzoned WWPNs 09/02, and GID_FT/GPN_FT with nothing to list 09/07.
 * Registration changes become port-format RSCNs (qualifier ns-object-changed).
 */
import {formatFcId, type FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import {FsRjtExplanation, FsRjtReason} from './ElsCodes.js';
import type {Fabric} from './Fabric.js';
import type {FabricLogin} from './FabricLogin.js';
import type {FPortLink} from './FPortLink.js';
import type {CtReply, NameServerClient, NameServerObject} from './NPort.js';

const OK: CtReply<void> = Object.freeze({ok: true as const, value: undefined});
/** The S_ID is not logged in through this link. */
const NO_REQUESTER: CtReply<never> = Object.freeze({ok: false as const, reason: FsRjtReason.logicalError, explanation: FsRjtExplanation.none});

function rjt<T>(reason: number, explanation: number): CtReply<T> {
	return {ok: false, reason, explanation};
}

const notRegisteredId = <T>(): CtReply<T> => rjt(FsRjtReason.unableToPerform, FsRjtExplanation.portIdNotRegistered);
const notRegisteredName = <T>(): CtReply<T> => rjt(FsRjtReason.unableToPerform, FsRjtExplanation.portNameNotRegistered);
const noFc4 = <T>(): CtReply<T> => rjt(FsRjtReason.unableToPerform, FsRjtExplanation.fc4TypesNotRegistered);

export const FC4_NAMES: Readonly<Record<number, string>> = {0x05: 'IP', 0x08: 'FCP', 0x20: 'CT'};

export class NameServer {
	constructor(private readonly fabric: Fabric) {}

	/** The client the N_Port `sid` talks to through `link`. */
	session(link: FPortLink, sid: FcId): NameServerClient {
		return new NameServerSession(this, link, sid);
	}

	/** Entries the requester may see, sorted by N_Port_ID (itself included). */
	visibleTo(requester: FabricLogin): readonly FabricLogin[] {
		const fabric = this.fabric;
		if (fabric.zoneMode === 'all') return fabric.sortedLogins();
		const out: FabricLogin[] = [requester];
		fabric.forEachZonedPeer(requester, peer => {
			if (peer !== requester) out.push(peer);
		});
		sortByFcid(out);
		return out;
	}

	canSee(requester: FabricLogin, target: FabricLogin): boolean {
		return requester === target || this.fabric.zonedWith(requester, target);
	}

	/** The GA_NXT object of an entry. */
	object(e: FabricLogin): NameServerObject {
		return {
			portType: 'N',
			fcid: e.fcid,
			wwpn: e.wwpn,
			wwnn: e.wwnn,
			symbolicPortName: e.symbolicPortName,
			symbolicNodeName: e.symbolicNodeName,
			fc4Types: e.fc4Types,
			fc4Features: e.fc4Features,
			fabricPortName: e.port.wwn,
			permanentPortName: e.permanentPortName,
			npiv: e.npiv,
		};
	}

	/** A registration changed the entry: event and RSCN. */
	changed(e: FabricLogin, op: string, detail: () => string): void {
		if (this.fabric.recording) {
			const value = detail();
			this.fabric.emit(e.port.sw, 'fabric.ns', `${op} ${formatFcId(e.fcid)} ${value}`, {
				op,
				fcid: formatFcId(e.fcid),
				wwpn: e.wwpn,
				port: e.port.index,
				value,
			});
		}
		this.fabric.rscn.portChanged(e, e.fcid, 'ns-object-changed');
	}
}

class NameServerSession implements NameServerClient {
	constructor(
		private readonly ns: NameServer,
		private readonly link: FPortLink,
		private readonly sid: FcId,
	) {}

	private requester(): FabricLogin | undefined {
		return this.link.owned(this.sid);
	}

	private noRequester<T>(): CtReply<T> {
		return NO_REQUESTER as CtReply<T>;
	}

	/** apply() changes the entry and returns how to describe the change, or undefined if unchanged. */
	private register(apply: (e: FabricLogin) => (() => string) | undefined | CtReply<void>, op: string): CtReply<void> {
		const e = this.requester();
		if (!e) return this.noRequester();
		const result = apply(e);
		if (typeof result === 'object') return result;
		if (result !== undefined) this.ns.changed(e, op, result);
		return OK;
	}

	rftId(fc4Types: readonly number[]): CtReply<void> {
		return this.register(e => {
			const types = fc4Types.length === 1 ? singleType(fc4Types[0]!) : [...new Set(fc4Types)].sort((a, b) => a - b);
			if (sameNumbers(types, e.fc4Types)) return undefined;
			e.fc4Types = types;
			return () => types.map(t => FC4_NAMES[t] ?? `0x${t.toString(16)}`).join(' ') || 'none';
		}, 'RFT_ID');
	}

	rffId(fc4Type: number, features: number): CtReply<void> {
		return this.register(e => {
			if (e.fc4Features[fc4Type] === features) return undefined;
			e.fc4Features = Object.keys(e.fc4Features).length === 0 ? singleFeature(fc4Type, features) : {...e.fc4Features, [fc4Type]: features};
			return () => `type 0x${fc4Type.toString(16)} features 0x${features.toString(16)}`;
		}, 'RFF_ID');
	}

	rspnId(name: string): CtReply<void> {
		return this.register(e => {
			const n = name.slice(0, 255);
			if (e.symbolicPortName === n) return undefined;
			e.symbolicPortName = n;
			return () => `"${n}"`;
		}, 'RSPN_ID');
	}

	rsnnNn(wwnn: Wwn, name: string): CtReply<void> {
		return this.register(e => {
			if (e.wwnn !== wwnn) return rjt(FsRjtReason.unableToPerform, FsRjtExplanation.nodeNameNotRegistered);
			const n = name.slice(0, 255);
			if (e.symbolicNodeName === n) return undefined;
			e.symbolicNodeName = n;
			return () => `"${n}"`;
		}, 'RSNN_NN');
	}

	rnnId(wwnn: Wwn): CtReply<void> {
		return this.register(e => {
			if (e.wwnn === wwnn) return undefined;
			e.wwnn = wwnn;
			return () => wwnn;
		}, 'RNN_ID');
	}

	daId(): CtReply<void> {
		return this.register(e => {
			if (e.fc4Types.length === 0 && Object.keys(e.fc4Features).length === 0 && !e.symbolicPortName && !e.symbolicNodeName) return undefined;
			e.fc4Types = [];
			e.fc4Features = {};
			e.symbolicPortName = '';
			e.symbolicNodeName = '';
			return () => 'registrations removed';
		}, 'DA_ID');
	}

	gidFt(fc4Type: number): CtReply<readonly FcId[]> {
		const e = this.requester();
		if (!e) return this.noRequester();
		const out: FcId[] = [];
		for (const x of this.ns.visibleTo(e)) if (x.fc4Types.includes(fc4Type)) out.push(x.fcid);
		return out.length > 0 ? {ok: true, value: out} : noFc4();
	}

	gpnFt(fc4Type: number): CtReply<readonly {readonly fcid: FcId; readonly wwpn: Wwn}[]> {
		const e = this.requester();
		if (!e) return this.noRequester();
		const out: {fcid: FcId; wwpn: Wwn}[] = [];
		for (const x of this.ns.visibleTo(e)) if (x.fc4Types.includes(fc4Type)) out.push({fcid: x.fcid, wwpn: x.wwpn});
		return out.length > 0 ? {ok: true, value: out} : noFc4();
	}

	private byId(id: FcId): FabricLogin | undefined | null {
		const e = this.requester();
		if (!e) return null;
		const t = this.link.port.sw.fabric.loginById(id);
		return t && this.ns.canSee(e, t) ? t : undefined;
	}

	gpnId(id: FcId): CtReply<Wwn> {
		const t = this.byId(id);
		if (t === null) return this.noRequester();
		return t ? {ok: true, value: t.wwpn} : notRegisteredId();
	}

	gnnId(id: FcId): CtReply<Wwn> {
		const t = this.byId(id);
		if (t === null) return this.noRequester();
		return t ? {ok: true, value: t.wwnn} : notRegisteredId();
	}

	gftId(id: FcId): CtReply<readonly number[]> {
		const t = this.byId(id);
		if (t === null) return this.noRequester();
		if (!t) return notRegisteredId();
		return t.fc4Types.length > 0 ? {ok: true, value: t.fc4Types} : noFc4();
	}

	gidPn(wwpn: Wwn): CtReply<FcId> {
		const e = this.requester();
		if (!e) return this.noRequester();
		const t = this.link.port.sw.fabric.loginByWwpn(wwpn);
		return t && this.ns.canSee(e, t) ? {ok: true, value: t.fcid} : notRegisteredName();
	}

	gaNxt(id: FcId): CtReply<NameServerObject> {
		const e = this.requester();
		if (!e) return this.noRequester();
		const fabric = this.link.port.sw.fabric;
		// Walk the fabric in ID order from `id` to the next entry the requester may see (wrapping).
		// The requester sees itself, so the walk ends; past a few hidden entries, switch to the
		// requester's visible list.
		let cursor: number = id;
		let wrapped = false;
		for (let steps = 0; steps < 64; steps++) {
			const next = fabric.nextLoginAfter(cursor);
			if (!next) {
				if (wrapped) break;
				wrapped = true;
				cursor = -1;
				continue;
			}
			if (this.ns.canSee(e, next)) return {ok: true, value: this.ns.object(next)};
			cursor = next.fcid;
		}
		const visible = this.ns.visibleTo(e);
		let lo = 0;
		let hi = visible.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (visible[mid]!.fcid <= id) lo = mid + 1;
			else hi = mid;
		}
		const next = visible[lo] ?? visible[0];
		return next ? {ok: true, value: this.ns.object(next)} : notRegisteredId();
	}
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** In place, by N_Port_ID: insertion for the few entries a zoned port usually sees (sort() allocates). */
function sortByFcid(list: FabricLogin[]): void {
	if (list.length > 16) {
		list.sort((a, b) => a.fcid - b.fcid);
		return;
	}
	for (let i = 1; i < list.length; i++) {
		const x = list[i]!;
		let j = i;
		while (j > 0 && list[j - 1]!.fcid > x.fcid) {
			list[j] = list[j - 1]!;
			j--;
		}
		list[j] = x;
	}
}

// Registrations are replaced, never changed in place, so the common ones (FCP, initiator or
// target) can be one shared value for every login rather than one copy per login.
const singleTypes = new Map<number, readonly number[]>();
const singleFeatures = new Map<number, Readonly<Record<number, number>>>();

function singleType(type: number): readonly number[] {
	let types = singleTypes.get(type);
	if (!types) singleTypes.set(type, (types = Object.freeze([type])));
	return types;
}

function singleFeature(type: number, features: number): Readonly<Record<number, number>> {
	const key = type * 0x100000000 + features;
	let value = singleFeatures.get(key);
	if (!value) singleFeatures.set(key, (value = Object.freeze({[type]: features})));
	return value;
}

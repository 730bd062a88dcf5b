/**
 * A small fake medium for the driver and HBA-API tests: one switch with a login server, a name
 * server with soft zoning, SCR/RSCN, FDISC limits and the first-wins duplicate-WWPN rule; an
 * arbitrated loop / point-to-point link; and a target port with LUN masking and UNIT ATTENTION.
 * It follows fabric/NPort.ts and nothing else, like the real fabric and storage do.
 */
import type {ElsReject} from '../../source/fabric/ElsCodes.js';
import {DeviceType, Sense, type FcpTarget, type Initiator, type InquiryData, type ScsiCommand, type ScsiReply} from '../../source/fabric/Fcp.js';
import {
	Fc4Feature,
	Fc4Type,
	type CtReply,
	type LinkErrorStatus,
	type LoginReply,
	type LoginRequest,
	type NameServerClient,
	type NameServerObject,
	type NPortEndpoint,
	type NPortLink,
	type PlogiReply,
	type PrliReply,
	type RscnPage,
	type ScrFunction,
	type Topology,
} from '../../source/fabric/NPort.js';
import {fcid, type FcId} from '../../source/sim/FcId.js';
import type {Simulator} from '../../source/sim/Simulator.js';
import {wwn, type Wwn} from '../../source/sim/Wwn.js';

const rjt = (reason: number, explanation: number): ElsReject => ({accepted: false, reason, explanation});
const fsRjt = <T>(reason: number, explanation: number): CtReply<T> => ({ok: false, reason, explanation});
const fsAcc = <T>(value: T): CtReply<T> => ({ok: true, value});
const ZERO_STATUS: LinkErrorStatus = {
	linkFailureCount: 0,
	lossOfSyncCount: 0,
	lossOfSignalCount: 0,
	primitiveSeqProtocolErrorCount: 0,
	invalidTxWordCount: 0,
	invalidCrcCount: 0,
};

interface Login {
	readonly fcid: FcId;
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	readonly port: FakeFPort;
	readonly npiv: boolean;
	fc4Types: number[];
	fc4Features: Record<number, number>;
	symbolicPortName: string;
	symbolicNodeName: string;
	scr: ScrFunction | undefined;
}

export interface ElsRecord {
	readonly op: string;
	readonly sid: FcId;
	readonly did?: FcId;
	readonly detail?: string;
}

export class FakeSwitch {
	readonly domain = 1;
	readonly fabricName = wwn('100000051e000001');
	npiv = true;
	/** FDISC logins per F_Port. */
	npivLimit = 126;
	/** null = every port sees every port; else zones of WWPNs. */
	zones: Wwn[][] | null = null;
	readonly logins = new Map<FcId, Login>();
	readonly els: ElsRecord[] = [];
	private readonly ports: FakeFPort[] = [];

	constructor(readonly sim: Simulator) {}

	/** Cable `endpoint` to the next switch port; light comes up after a short delay. */
	connect(endpoint: NPortEndpoint, options: {speedGbps?: number; npiv?: boolean} = {}): FakeFPort {
		const port = new FakeFPort(this, this.ports.length + 1, endpoint, options.speedGbps ?? 4, options.npiv ?? true);
		this.ports.push(port);
		port.plug();
		return port;
	}

	loginByWwpn(wwpn: Wwn): Login | undefined {
		for (const l of this.logins.values()) if (l.wwpn === wwpn) return l;
		return undefined;
	}

	zoned(a: Wwn, b: Wwn): boolean {
		if (a === b) return true;
		if (this.zones === null) return true;
		return this.zones.some(z => z.includes(a) && z.includes(b));
	}

	/** Activates a zone set: a fabric-format RSCN to every registered port (like cfgenable). */
	setZones(zones: Wwn[][] | null): void {
		this.zones = zones;
		for (const l of this.logins.values()) {
			if (!l.scr) continue;
			this.deliver(l, 'fabric', [{format: 'fabric', qualifier: 'switch-config-changed', affected: 0 as FcId}]);
		}
	}

	/** Fabric-detected RSCN about `about` to registered ports zoned with it. */
	notify(about: Login, qualifier: RscnPage['qualifier']): void {
		for (const l of this.logins.values()) {
			if (l === about || !l.scr || l.scr === 'nport-detected' || !this.zoned(l.wwpn, about.wwpn)) continue;
			this.deliver(l, 'fabric', [{format: 'port', qualifier, affected: about.fcid}]);
		}
	}

	deliver(to: Login, detectedBy: 'fabric' | 'nport', pages: RscnPage[]): void {
		this.sim.schedule(0.1, () => {
			if (this.logins.get(to.fcid) === to) to.port.endpoint.receiveRscn(to.fcid, {detectedBy, pages});
		});
	}

	logout(login: Login, qualifier: RscnPage['qualifier'] = 'object-removed'): void {
		if (this.logins.get(login.fcid) !== login) return;
		this.logins.delete(login.fcid);
		this.notify(login, qualifier);
	}

	initiatorOf(sid: FcId): Initiator | undefined {
		const l = this.logins.get(sid);
		return l && {fcid: l.fcid, wwpn: l.wwpn, wwnn: l.wwnn};
	}

	nsObject(l: Login): NameServerObject {
		return {
			portType: 'N',
			fcid: l.fcid,
			wwpn: l.wwpn,
			wwnn: l.wwnn,
			symbolicPortName: l.symbolicPortName,
			symbolicNodeName: l.symbolicNodeName,
			fc4Types: l.fc4Types,
			fc4Features: l.fc4Features,
			fabricPortName: wwn(`20${l.port.index.toString(16).padStart(2, '0')}00051e000001`),
			permanentPortName: l.port.endpoint.wwpn,
			npiv: l.npiv,
		};
	}
}

export class FakeFPort implements NPortLink {
	readonly topology: Topology = 'fabric';
	connected = false;

	constructor(
		readonly sw: FakeSwitch,
		readonly index: number,
		readonly endpoint: NPortEndpoint,
		readonly speedGbps: number,
		public npiv: boolean,
	) {}

	private get portLogins(): Login[] {
		return [...this.sw.logins.values()].filter(l => l.port === this);
	}

	plug(): void {
		this.connected = true;
		this.sw.sim.schedule(0.1, () => {
			if (this.connected) this.endpoint.linkUp(this);
		});
	}

	/** Pull the cable: every login on the port goes, the N_Port sees the link drop. */
	unplug(): void {
		if (!this.connected) return;
		this.connected = false;
		for (const l of this.portLogins) this.sw.logout(l);
		this.sw.sim.schedule(0.05, () => this.endpoint.linkDown());
	}

	private record(op: string, sid: FcId, did?: FcId, detail?: string): void {
		this.sw.els.push({op, sid, did, detail});
	}

	flogi(request: LoginRequest): LoginReply {
		this.record('FLOGI', 0 as FcId, undefined, request.wwpn);
		for (const l of this.portLogins) this.sw.logout(l);
		if (this.sw.loginByWwpn(request.wwpn)) return rjt(0x03, 0x0d);
		const login = this.addLogin(fcid(this.sw.domain, this.index, 0), request, false);
		return {
			accepted: true,
			fcid: login.fcid,
			npivAssignment: this.sw.npiv && this.npiv,
			fPort: true,
			fabricName: this.sw.fabricName,
			fPortName: wwn(`20${this.index.toString(16).padStart(2, '0')}00051e000001`),
		};
	}

	fdisc(request: LoginRequest): LoginReply {
		this.record('FDISC', 0 as FcId, undefined, request.wwpn);
		const logins = this.portLogins;
		if (!logins.some(l => !l.npiv)) return rjt(0x09, 0x1e);
		if (!this.sw.npiv || !this.npiv) return rjt(0x0b, 0x00);
		if (logins.filter(l => l.npiv).length >= this.sw.npivLimit) return rjt(0x09, 0x29);
		if (this.sw.loginByWwpn(request.wwpn)) return rjt(0x03, 0x0d);
		let port = 1;
		while (this.sw.logins.has(fcid(this.sw.domain, this.index, port))) port++;
		const login = this.addLogin(fcid(this.sw.domain, this.index, port), request, true);
		return {accepted: true, fcid: login.fcid, npivAssignment: true, fPort: true, fabricName: this.sw.fabricName, fPortName: wwn('2001000000000001')};
	}

	private addLogin(id: FcId, request: LoginRequest, npiv: boolean): Login {
		const login: Login = {
			fcid: id,
			wwpn: request.wwpn,
			wwnn: request.wwnn,
			port: this,
			npiv,
			fc4Types: [],
			fc4Features: {},
			symbolicPortName: '',
			symbolicNodeName: request.symbolicNodeName ?? '',
			scr: undefined,
		};
		this.sw.logins.set(id, login);
		this.sw.notify(login, 'ns-object-changed');
		return login;
	}

	logo(sid: FcId): void {
		this.record('LOGO', sid, 0xfffffe as FcId);
		const login = this.sw.logins.get(sid);
		if (!login || login.port !== this) return;
		if (!login.npiv) for (const l of this.portLogins) this.sw.logout(l);
		else this.sw.logout(login);
	}

	scr(sid: FcId, fn: ScrFunction): {accepted: true} | ElsReject {
		this.record('SCR', sid, 0xfffffd as FcId, fn);
		const login = this.sw.logins.get(sid);
		if (!login) return rjt(0x09, 0x1e);
		login.scr = fn === 'clear' ? undefined : fn;
		return {accepted: true};
	}

	sendRscn(sid: FcId, pages: readonly RscnPage[]): {accepted: true} | ElsReject {
		const from = this.sw.logins.get(sid);
		if (!from) return rjt(0x09, 0x1e);
		for (const l of this.sw.logins.values()) {
			if (l === from || !(l.scr === 'full' || l.scr === 'nport-detected') || !this.sw.zoned(l.wwpn, from.wwpn)) continue;
			this.sw.deliver(l, 'nport', [...pages]);
		}
		return {accepted: true};
	}

	nameServer(sid: FcId): NameServerClient {
		const sw = this.sw;
		const self = () => sw.logins.get(sid);
		const visible = (l: Login) => {
			const me = self();
			return me !== undefined && sw.zoned(me.wwpn, l.wwpn);
		};
		const reg = (f: (me: Login) => void): CtReply<void> => {
			const me = self();
			if (!me) return fsRjt(0x09, 0x01);
			f(me);
			return fsAcc(undefined);
		};
		const record = (op: string, detail?: string) => this.record(op, sid, 0xfffffc as FcId, detail);
		const byType = (type: number) => [...sw.logins.values()].filter(l => l.fcid !== sid && l.fc4Types.includes(type) && visible(l)).sort((a, b) => a.fcid - b.fcid);
		return {
			rftId: types => (record('RFT_ID'), reg(me => (me.fc4Types = [...types]))),
			rffId: (type, features) => (record('RFF_ID'), reg(me => (me.fc4Features = {...me.fc4Features, [type]: features}))),
			rspnId: name => (record('RSPN_ID', name), reg(me => (me.symbolicPortName = name))),
			rsnnNn: (_wwnn, name) => (record('RSNN_NN', name), reg(me => (me.symbolicNodeName = name))),
			rnnId: () => (record('RNN_ID'), reg(() => {})),
			daId: () => (record('DA_ID'), reg(me => ((me.fc4Types = []), (me.fc4Features = {})))),
			gidFt: type => {
				const list = byType(type);
				return list.length ? fsAcc(list.map(l => l.fcid)) : fsRjt(0x09, 0x07);
			},
			gpnFt: type => {
				record('GPN_FT');
				const list = byType(type);
				return list.length ? fsAcc(list.map(l => ({fcid: l.fcid, wwpn: l.wwpn}))) : fsRjt(0x09, 0x07);
			},
			gpnId: id => {
				record('GPN_ID', id.toString(16));
				const l = sw.logins.get(id);
				return l && visible(l) ? fsAcc(l.wwpn) : fsRjt(0x09, 0x01);
			},
			gnnId: id => {
				const l = sw.logins.get(id);
				return l && visible(l) ? fsAcc(l.wwnn) : fsRjt(0x09, 0x01);
			},
			gidPn: w => {
				const l = sw.loginByWwpn(w);
				return l && visible(l) ? fsAcc(l.fcid) : fsRjt(0x09, 0x02);
			},
			gaNxt: id => {
				const list = [...sw.logins.values()].filter(visible).sort((a, b) => a.fcid - b.fcid);
				const next = list.find(l => l.fcid > id) ?? list[0];
				return next ? fsAcc(sw.nsObject(next)) : fsRjt(0x09, 0x12);
			},
			gftId: id => {
				const l = sw.logins.get(id);
				return l && visible(l) ? fsAcc(l.fc4Types) : fsRjt(0x09, 0x01);
			},
		};
	}

	private route(sid: FcId, did: FcId): {from: Initiator; to: Login} | undefined {
		const from = this.sw.initiatorOf(sid);
		const to = this.sw.logins.get(did);
		if (!from || !to || !this.sw.zoned(from.wwpn, to.wwpn)) return undefined;
		return {from, to};
	}

	plogi(sid: FcId, did: FcId): PlogiReply {
		this.record('PLOGI', sid, did);
		if (did === 0xfffffc) return {accepted: true, wwpn: wwn('21fc00051e000001'), wwnn: this.sw.fabricName};
		const r = this.route(sid, did);
		if (!r) return rjt(0x09, 0x1f);
		return r.to.port.endpoint.responder?.plogi(r.from, did) ?? rjt(0x09, 0x1f);
	}

	prli(sid: FcId, did: FcId): PrliReply {
		this.record('PRLI', sid, did);
		const r = this.route(sid, did);
		if (!r) return rjt(0x09, 0x1f);
		return r.to.port.endpoint.responder?.prli(r.from, did) ?? rjt(0x09, 0x1f);
	}

	logoPort(sid: FcId, did: FcId): void {
		this.record('LOGO_PORT', sid, did);
		const r = this.route(sid, did);
		r?.to.port.endpoint.responder?.logo(r.from, did);
	}

	scsi(sid: FcId, did: FcId, command: ScsiCommand): ScsiReply {
		this.record(`SCSI ${command.op}`, sid, did);
		const r = this.route(sid, did);
		if (!r) return {status: 'no-connection'};
		return r.to.port.endpoint.responder?.scsi(r.from, did, command) ?? {status: 'no-connection'};
	}

	rls(sid: FcId, did: FcId): LinkErrorStatus | ElsReject {
		return this.route(sid, did) ? ZERO_STATUS : rjt(0x09, 0x1f);
	}

	resets = 0;
	reset(): void {
		this.resets++;
		for (const l of this.portLogins) this.sw.logout(l);
		this.sw.sim.schedule(0.05, () => this.endpoint.linkDown());
		this.sw.sim.schedule(0.2, () => {
			if (this.connected) this.endpoint.linkUp(this);
		});
	}

	loopMembers(): readonly FcId[] {
		return [];
	}
}

/** A private loop (or, with two members and `point-to-point`, a plain cable). */
export class FakeLoop {
	private readonly members: {endpoint: NPortEndpoint; alpa: FcId; link: NPortLink}[] = [];
	private static readonly ALPAS = [0xef, 0xe8, 0xe4, 0xe2, 0xe1, 0xe0, 0xdc, 0xda];

	constructor(
		readonly sim: Simulator,
		readonly topology: Topology = 'private-loop',
	) {}

	connect(endpoint: NPortEndpoint): void {
		const alpa = (this.topology === 'point-to-point' ? 0x010101 + this.members.length : FakeLoop.ALPAS[this.members.length]!) as FcId;
		const loop = this;
		const link: NPortLink = {
			topology: this.topology,
			speedGbps: 2,
			flogi: () => ({accepted: true, fcid: alpa, npivAssignment: false, fPort: false, fabricName: wwn('0000000000000000'), fPortName: wwn('0000000000000000')}),
			fdisc: () => rjt(0x0b, 0x00),
			logo: () => {},
			scr: () => rjt(0x0b, 0x00),
			sendRscn: () => rjt(0x0b, 0x00),
			nameServer: () => {
				throw new Error('no name server on a loop');
			},
			plogi: (sid, did) => {
				const to = loop.member(did);
				const from = loop.initiator(sid);
				return to && from ? (to.endpoint.responder?.plogi(from, did) ?? rjt(0x09, 0x1f)) : rjt(0x09, 0x1f);
			},
			prli: (sid, did) => {
				const to = loop.member(did);
				const from = loop.initiator(sid);
				return to && from ? (to.endpoint.responder?.prli(from, did) ?? rjt(0x09, 0x1f)) : rjt(0x09, 0x1f);
			},
			logoPort: () => {},
			scsi: (sid, did, command) => {
				const to = loop.member(did);
				const from = loop.initiator(sid);
				return to && from ? (to.endpoint.responder?.scsi(from, did, command) ?? {status: 'no-connection'}) : {status: 'no-connection'};
			},
			rls: () => ZERO_STATUS,
			reset: () => {},
			loopMembers: () => loop.members.map(m => m.alpa),
		};
		this.members.push({endpoint, alpa, link});
		this.sim.schedule(0.1, () => endpoint.linkUp(link));
	}

	private member(alpa: FcId) {
		return this.members.find(m => m.alpa === alpa);
	}

	private initiator(alpa: FcId): Initiator | undefined {
		const m = this.member(alpa);
		return m && {fcid: alpa, wwpn: m.endpoint.wwpn, wwnn: m.endpoint.wwnn};
	}
}

export interface FakeLun {
	readonly type?: number;
	readonly vendor?: string;
	readonly product?: string;
	readonly blocks?: bigint;
}

/**
 * A storage target port: logs in, registers FCP target, answers PLOGI/PRLI/SCSI, masks LUNs per
 * initiator WWPN, raises REPORTED LUNS DATA HAS CHANGED and an N_Port-detected RSCN on a change.
 */
export class FakeTarget implements NPortEndpoint {
	readonly label: string;
	link: NPortLink | undefined;
	fcid: FcId | undefined;
	readonly luns = new Map<number, FakeLun>();
	/** Initiator WWPN -> visible LUN numbers; an initiator not listed sees nothing. */
	readonly masking = new Map<Wwn, number[]>();
	private readonly sessions = new Map<FcId, Wwn>();
	private readonly unitAttention = new Set<Wwn>();
	scsiLog: {initiator: Wwn; op: string}[] = [];

	constructor(
		readonly wwpn: Wwn,
		readonly wwnn: Wwn,
		name = 'array',
	) {
		this.label = name;
	}

	addLun(lun: number, data: FakeLun = {}): this {
		this.luns.set(lun, data);
		return this;
	}

	/** Sets what `initiator` sees; tells it (UNIT ATTENTION + RSCN) when the target is up. */
	mask(initiator: Wwn, luns: number[]): void {
		this.masking.set(initiator, luns);
		this.unitAttention.add(initiator);
		if (this.link && this.fcid !== undefined && this.link.topology !== 'private-loop') {
			this.link.sendRscn(this.fcid, [{format: 'port', qualifier: 'unspecified', affected: this.fcid}]);
		}
	}

	/** The next REPORT LUNS from `initiator` answers UNIT ATTENTION (REPORTED LUNS DATA HAS CHANGED). */
	setUnitAttention(initiator: Wwn): void {
		this.unitAttention.add(initiator);
	}

	linkUp(link: NPortLink): void {
		this.link = link;
		const reply = link.flogi({wwpn: this.wwpn, wwnn: this.wwnn});
		if (!reply.accepted) return;
		this.fcid = reply.fcid;
		if (link.topology === 'fabric' || link.topology === 'public-loop') {
			const ns = link.nameServer(reply.fcid);
			ns.rspnId(`${this.label} port`);
			ns.rftId([Fc4Type.fcp]);
			ns.rffId(Fc4Type.fcp, Fc4Feature.target);
			link.scr(reply.fcid, 'fabric-detected');
		}
	}

	linkDown(): void {
		this.link = undefined;
		this.fcid = undefined;
		this.sessions.clear();
	}

	receiveRscn(): void {}
	receiveLogo(): void {}

	private visible(initiator: Wwn): number[] {
		return (this.masking.get(initiator) ?? []).filter(l => this.luns.has(l)).sort((a, b) => a - b);
	}

	readonly responder: FcpTarget = {
		plogi: (from: Initiator) => {
			this.sessions.set(from.fcid, from.wwpn);
			return {accepted: true, wwpn: this.wwpn, wwnn: this.wwnn};
		},
		prli: (from: Initiator) => (this.sessions.has(from.fcid) ? {accepted: true, initiator: false, target: true} : rjt(0x09, 0x1e)),
		logo: (from: Initiator) => {
			this.sessions.delete(from.fcid);
		},
		scsi: (from: Initiator, _did: FcId, command: ScsiCommand): ScsiReply => {
			if (this.sessions.get(from.fcid) !== from.wwpn) return {status: 'no-connection'};
			this.scsiLog.push({initiator: from.wwpn, op: command.op});
			if (this.unitAttention.delete(from.wwpn) && command.op === 'report-luns') {
				return {status: 'check-condition', sense: Sense.reportedLunsDataChanged};
			}
			const visible = this.visible(from.wwpn);
			if (command.op === 'report-luns') return {status: 'good', luns: visible};
			if (!visible.includes(command.lun)) return {status: 'check-condition', sense: Sense.logicalUnitNotSupported};
			const lun = this.luns.get(command.lun)!;
			if (command.op === 'inquiry') return {status: 'good', inquiry: inquiryOf(this.wwpn, command.lun, lun)};
			if (command.op === 'read-capacity') return {status: 'good', capacity: {blocks: lun.blocks ?? 2097152n, blockSize: 512}};
			return {status: 'good'};
		},
	};
}

function inquiryOf(target: Wwn, n: number, lun: FakeLun): InquiryData {
	return {
		peripheralQualifier: 0,
		deviceType: lun.type ?? DeviceType.disk,
		removable: lun.type === DeviceType.tape,
		vendor: (lun.vendor ?? 'SUN').padEnd(8).slice(0, 8),
		product: (lun.product ?? 'StorEdge 3510').padEnd(16).slice(0, 16),
		revision: '0420',
		serial: `${target.slice(-6)}${n}`,
		luid: `600a0b80${target}${n.toString(16).padStart(8, '0')}`,
	};
}

/**
 * A fake SAN behind the HbaApi interface, for testing the xVM side without the real fabric,
 * storage and driver layers. One FakeSan is shared by every host (so it can tell when a WWN
 * exists on two hosts at once); each host gets its own FakeHbaApi.
 *
 * Behaviour: Sun_HBA_CreateNPIVPort checks NPIV support, free slots, an injected FDISC failure and
 * local WWN uniqueness, then creates the port; `discoveryMs` later the port "logs in", discovers
 * the LUNs its WWN may see on that path, and PORT_NEW_TARGETS / TARGET_ONLINE / DEVICE_ONLINE fire
 * through the callbacks registered for the port. Visibility (zoning + masking) is set per virtual
 * WWN and may be overridden per physical port (a path that is not zoned).
 */
import type {Simulator} from '../../source/sim/Simulator.js';
import {wwn, wwnFlipLowBit, type Wwn} from '../../source/sim/Wwn.js';
import type {FcId} from '../../source/sim/FcId.js';
import {
	HBA_EVENT,
	HBA_PORTSTATE,
	HBA_PORTTYPE,
	HBA_STATUS,
	type AdapterDeviceCallback,
	type AdapterPortCallback,
	type HBA_ADAPTERATTRIBUTES,
	type HBA_FCPSCSIENTRYV2,
	type HBA_HANDLE,
	type HBA_PORTATTRIBUTES,
	type HbaApi,
	type HbaResult,
	type TargetCallback,
} from '../../source/hbaapi/types.js';

export interface FakePortConfig {
	readonly wwpn: string;
	readonly wwnn?: string;
	/** Fabric the port is cabled to (undefined = not cabled / link down). */
	readonly fabric?: string;
	/** Max NPIV ports (0 = no NPIV). Default 8. */
	readonly maxVports?: number;
}

export interface FakeAdapterConfig {
	readonly model?: string;
	readonly ports: readonly FakePortConfig[];
}

export interface FakeLun {
	readonly target: Wwn;
	readonly lun: number;
}

interface FakeVport {
	readonly vpwwn: Wwn;
	readonly vnwwn: Wwn;
	readonly vindex: number;
	loggedIn: boolean;
	luns: FakeLun[];
}

interface FakePort {
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	fabric: string | undefined;
	maxVports: number;
	fdiscFails: boolean;
	readonly vports: Map<Wwn, FakeVport>;
}

interface Registration {
	readonly id: number;
	readonly kind: 'port' | 'target' | 'device';
	readonly portWwn: Wwn;
	readonly cb: AdapterPortCallback | TargetCallback | AdapterDeviceCallback;
	readonly userData: unknown;
}

export class FakeSan {
	readonly apis = new Map<string, FakeHbaApi>();
	/** Things that must never happen (a WWN created on two hosts at once). */
	readonly violations: string[] = [];
	/** vpwwn -> LUNs it may see on any path. */
	private visibility = new Map<Wwn, FakeLun[]>();
	/** `${vpwwn}/${ppwwn}` -> LUNs on that path only (overrides). */
	private pathVisibility = new Map<string, FakeLun[]>();
	private wwnCounter = 0x10;

	constructor(
		readonly sim: Simulator,
		readonly discoveryMs = 300,
	) {}

	host(name: string, adapters: readonly FakeAdapterConfig[]): FakeHbaApi {
		const api = new FakeHbaApi(this, name, adapters);
		this.apis.set(name, api);
		return api;
	}

	/** Zoning + masking: the LUNs `vpwwn` sees, on every path unless overridden by `onPath`. */
	present(vpwwn: string, luns: readonly FakeLun[], onPath?: string): void {
		if (onPath) this.pathVisibility.set(`${wwn(vpwwn)}/${wwn(onPath)}`, [...luns]);
		else this.visibility.set(wwn(vpwwn), [...luns]);
		this.refresh(wwn(vpwwn));
	}

	lunsFor(vpwwn: Wwn, ppwwn: Wwn): FakeLun[] {
		return this.pathVisibility.get(`${vpwwn}/${ppwwn}`) ?? this.visibility.get(vpwwn) ?? [];
	}

	/** Hosts on which a virtual port with this WWN exists. */
	hostsWith(vpwwn: Wwn): string[] {
		return [...this.apis.values()].filter(a => a.hasVport(vpwwn)).map(a => a.hostName);
	}

	/** Fabric name of a physical port WWN, as a world would answer fabricOf(). */
	fabricOf(wwpn: Wwn): string | undefined {
		for (const a of this.apis.values()) {
			const p = a.physicalPort(wwpn);
			if (p) return p.fabric;
		}
		return undefined;
	}

	nextRandomWwn(): Wwn {
		const n = this.wwnCounter++;
		return wwn(`c0007d${n.toString(16).padStart(10, '0')}`);
	}

	/** Re-evaluates what every logged-in copy of `vpwwn` sees, firing events for changes. */
	refresh(vpwwn: Wwn): void {
		for (const a of this.apis.values()) a.refreshVport(vpwwn);
	}
}

const ADAPTER_BASE = 0x10000;

export class FakeHbaApi implements HbaApi {
	readonly adapters: {model: string; ports: FakePort[]}[];
	private regs: Registration[] = [];
	private nextCb = 1;
	private busyLeft = 0;
	failDeletes = false;
	loadFails = false;

	constructor(
		readonly san: FakeSan,
		readonly hostName: string,
		configs: readonly FakeAdapterConfig[],
	) {
		this.adapters = configs.map(c => ({
			model: c.model ?? 'QLE2462',
			ports: c.ports.map(p => ({
				wwpn: wwn(p.wwpn),
				wwnn: wwn(p.wwnn ?? `20${p.wwpn.slice(2)}`),
				fabric: p.fabric,
				maxVports: p.maxVports ?? 8,
				fdiscFails: false,
				vports: new Map(),
			})),
		}));
	}

	// ---- fault injection -------------------------------------------------------------------

	port(wwpn: string): FakePort {
		const p = this.physicalPort(wwn(wwpn));
		if (!p) throw new Error(`no port ${wwpn} on ${this.hostName}`);
		return p;
	}

	setBusy(times: number): void {
		this.busyLeft = times;
	}

	physicalPort(wwpn: Wwn): FakePort | undefined {
		for (const a of this.adapters) for (const p of a.ports) if (p.wwpn === wwpn) return p;
		return undefined;
	}

	hasVport(vpwwn: Wwn): boolean {
		return this.adapters.some(a => a.ports.some(p => p.vports.has(vpwwn)));
	}

	vportWwns(): Wwn[] {
		return this.adapters.flatMap(a => a.ports.flatMap(p => [...p.vports.keys()]));
	}

	/** LUNs the virtual port currently sees (after discovery). */
	vportLuns(vpwwn: Wwn): FakeLun[] {
		for (const a of this.adapters) for (const p of a.ports) {
			const v = p.vports.get(vpwwn);
			if (v) return v.luns;
		}
		return [];
	}

	refreshVport(vpwwn: Wwn): void {
		for (const a of this.adapters) {
			for (const p of a.ports) {
				const v = p.vports.get(vpwwn);
				if (!v || !v.loggedIn) continue;
				const now = p.fabric ? this.san.lunsFor(vpwwn, p.wwpn) : [];
				const key = (l: FakeLun): string => `${l.target}/${l.lun}`;
				const before = new Set(v.luns.map(key));
				const after = new Set(now.map(key));
				const added = now.filter(l => !before.has(key(l)));
				const removed = v.luns.filter(l => !after.has(key(l)));
				v.luns = [...now];
				if (added.length) this.fire('port', vpwwn, HBA_EVENT.PORT_NEW_TARGETS, {});
				for (const t of new Set(removed.map(l => l.target))) {
					if (!now.some(l => l.target === t)) this.fire('target', vpwwn, HBA_EVENT.TARGET_REMOVED, {target: t});
					else this.fire('device', vpwwn, HBA_EVENT.DEVICE_OFFLINE, {});
				}
			}
		}
	}

	// ---- HbaApi ----------------------------------------------------------------------------

	HBA_GetVersion(): number {
		return 2;
	}
	HBA_LoadLibrary(): HBA_STATUS {
		return this.loadFails ? HBA_STATUS.ERROR : HBA_STATUS.OK;
	}
	HBA_FreeLibrary(): HBA_STATUS {
		return HBA_STATUS.OK;
	}
	HBA_GetNumberOfAdapters(): number {
		return this.adapters.length;
	}
	HBA_GetAdapterName(i: number): HbaResult<string> {
		return i >= 0 && i < this.adapters.length ? {status: 0, value: `qlc-fake-${i}`} : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}
	HBA_OpenAdapter(name: string): HBA_HANDLE {
		const m = /^qlc-fake-(\d+)$/.exec(name);
		return m && Number(m[1]) < this.adapters.length ? ADAPTER_BASE + Number(m[1]) : 0;
	}
	HBA_OpenAdapterByWWN(w: Wwn): HbaResult<HBA_HANDLE> {
		const i = this.adapters.findIndex(a => a.ports.some(p => p.wwpn === w || p.wwnn === w));
		return i >= 0 ? {status: 0, value: ADAPTER_BASE + i} : {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
	}
	HBA_CloseAdapter(): void {}
	HBA_RefreshInformation(): void {}
	HBA_RefreshAdapterConfiguration(): void {}
	HBA_GetAdapterAttributes(h: HBA_HANDLE): HbaResult<HBA_ADAPTERATTRIBUTES> {
		const a = this.adapters[h - ADAPTER_BASE];
		if (!a) return {status: HBA_STATUS.ERROR_INVALID_HANDLE};
		return {
			status: 0,
			value: {
				Manufacturer: 'QLogic Corp.',
				SerialNumber: 'FAKE',
				Model: a.model,
				ModelDescription: a.model,
				NodeWWN: a.ports[0]!.wwnn,
				NodeSymbolicName: '',
				HardwareVersion: '',
				DriverVersion: '',
				OptionROMVersion: '',
				FirmwareVersion: '',
				VendorSpecificID: 0,
				NumberOfPorts: a.ports.length,
				DriverName: 'qlc',
			},
		};
	}
	HBA_GetAdapterPortAttributes(h: HBA_HANDLE, i: number): HbaResult<HBA_PORTATTRIBUTES> {
		const p = this.adapters[h - ADAPTER_BASE]?.ports[i];
		return p ? {status: 0, value: this.portAttrs(p)} : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}
	HBA_GetPortStatistics(): never {
		throw new Error('not in fake');
	}
	HBA_ResetStatistics(): HBA_STATUS {
		return HBA_STATUS.ERROR_NOT_SUPPORTED;
	}
	HBA_GetDiscoveredPortAttributes(): HbaResult<HBA_PORTATTRIBUTES> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_GetPortAttributesByWWN(h: HBA_HANDLE, w: Wwn): HbaResult<HBA_PORTATTRIBUTES> {
		const p = this.adapters[h - ADAPTER_BASE]?.ports.find(x => x.wwpn === w);
		return p ? {status: 0, value: this.portAttrs(p)} : {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
	}
	HBA_SendRLS(): HbaResult<never> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_GetFcpTargetMappingV2(h: HBA_HANDLE, portWwn: Wwn) {
		const a = this.adapters[h - ADAPTER_BASE];
		if (!a) return {status: HBA_STATUS.ERROR_INVALID_HANDLE} as const;
		for (const p of a.ports) {
			const v = p.vports.get(portWwn);
			if (!v) continue;
			const entry: HBA_FCPSCSIENTRYV2[] = v.luns.map(l => ({
				ScsiId: {OSDeviceName: `/dev/rdsk/c${4 + v.vindex}t${l.target.toUpperCase()}d${l.lun}s2`, ScsiBusNumber: 0, ScsiTargetNumber: 0, ScsiOSLun: l.lun},
				FcpId: {FcId: 0x010200 as FcId, NodeWWN: l.target, PortWWN: l.target, FcpLun: BigInt(l.lun) << 48n},
				LUID: `600a0b80${l.target.slice(8)}${l.lun.toString(16).padStart(4, '0')}`,
			}));
			return {status: 0, value: {NumberOfEntries: entry.length, entry}} as const;
		}
		return {status: HBA_STATUS.ERROR_ILLEGAL_WWN} as const;
	}
	HBA_ScsiInquiryV2(): HbaResult<never> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_ScsiReportLUNsV2(): HbaResult<never> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_ScsiReadCapacityV2(): HbaResult<never> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RegisterForAdapterAddEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RegisterForAdapterEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RegisterForAdapterPortEvents(cb: AdapterPortCallback, userData: unknown, _h: HBA_HANDLE, portWwn: Wwn): HbaResult<number> {
		return this.register('port', portWwn, cb, userData);
	}
	HBA_RegisterForTargetEvents(cb: TargetCallback, userData: unknown, _h: HBA_HANDLE, hbaPortWwn: Wwn): HbaResult<number> {
		return this.register('target', hbaPortWwn, cb, userData);
	}
	HBA_RegisterForLinkEvents(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	HBA_RemoveCallback(id: number): HBA_STATUS {
		const before = this.regs.length;
		this.regs = this.regs.filter(r => r.id !== id);
		return this.regs.length < before ? HBA_STATUS.OK : HBA_STATUS.ERROR_INVALID_HANDLE;
	}
	Sun_HBA_GetNumberOfTgtAdapters(): number {
		return 0;
	}
	Sun_HBA_OpenTgtAdapterByWWN(): HbaResult<HBA_HANDLE> {
		return {status: HBA_STATUS.ERROR_ILLEGAL_WWN};
	}
	Sun_HBA_NPIVGetAdapterAttributes(h: HBA_HANDLE): HbaResult<HBA_ADAPTERATTRIBUTES> {
		return this.HBA_GetAdapterAttributes(h);
	}
	Sun_HBA_GetPortNPIVAttributes(h: HBA_HANDLE, i: number) {
		const p = this.adapters[h - ADAPTER_BASE]?.ports[i];
		if (!p) return {status: HBA_STATUS.ERROR_ILLEGAL_INDEX} as const;
		return {status: 0, value: {npivflag: p.maxVports > 0 ? 1 : 0, NodeWWN: p.wwnn, PortWWN: p.wwpn, MaxNumberOfNPIVPorts: p.maxVports, NumberOfNPIVPorts: p.vports.size}} as const;
	}
	Sun_HBA_GetNPIVPortInfo(): HbaResult<never> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	Sun_HBA_CreateNPIVPort(h: HBA_HANDLE, i: number, vnwwn: Wwn, vpwwn: Wwn): HbaResult<number> {
		const p = this.adapters[h - ADAPTER_BASE]?.ports[i];
		if (!p) return {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
		if (this.busyLeft > 0) {
			this.busyLeft--;
			return {status: HBA_STATUS.ERROR_BUSY};
		}
		if (p.maxVports === 0) return {status: HBA_STATUS.ERROR};
		if (p.vports.size >= p.maxVports) return {status: HBA_STATUS.ERROR};
		if (p.fdiscFails || !p.fabric) return {status: HBA_STATUS.ERROR};
		if (this.hasVport(vpwwn) || this.physicalPort(vpwwn)) return {status: HBA_STATUS.ERROR};
		const elsewhere = this.san.hostsWith(vpwwn);
		if (elsewhere.length) {
			this.san.violations.push(`t=${this.san.sim.now}: ${vpwwn} created on ${this.hostName} while it exists on ${elsewhere.join(', ')}`);
		}
		const used = new Set([...p.vports.values()].map(v => v.vindex));
		let vindex = 1;
		while (used.has(vindex)) vindex++;
		const v: FakeVport = {vpwwn, vnwwn, vindex, loggedIn: false, luns: []};
		p.vports.set(vpwwn, v);
		this.san.sim.schedule(this.san.discoveryMs, () => {
			if (p.vports.get(vpwwn) !== v) return;
			v.loggedIn = true;
			this.refreshVport(vpwwn);
			for (const t of new Set(v.luns.map(l => l.target))) {
				this.fire('target', vpwwn, HBA_EVENT.TARGET_ONLINE, {target: t});
				this.fire('device', vpwwn, HBA_EVENT.DEVICE_ONLINE, {});
			}
		});
		return {status: 0, value: vindex};
	}
	Sun_HBA_DeleteNPIVPort(h: HBA_HANDLE, i: number, vpwwn: Wwn): HBA_STATUS {
		const p = this.adapters[h - ADAPTER_BASE]?.ports[i];
		if (!p) return HBA_STATUS.ERROR_ILLEGAL_INDEX;
		if (this.busyLeft > 0) {
			this.busyLeft--;
			return HBA_STATUS.ERROR_BUSY;
		}
		if (this.failDeletes || !p.vports.has(vpwwn)) return HBA_STATUS.ERROR;
		p.vports.delete(vpwwn);
		return HBA_STATUS.OK;
	}
	Sun_HBA_AdapterCreateWWN(): HbaResult<{nwwn: Wwn; pwwn: Wwn}> {
		const n = this.san.nextRandomWwn();
		const even = (n.slice(0, 15) + (parseInt(n[15]!, 16) & 0xe).toString(16)) as Wwn;
		return {status: 0, value: {nwwn: even, pwwn: wwnFlipLowBit(even)}};
	}
	Sun_HBA_AdapterReturnWWN(): HBA_STATUS {
		return HBA_STATUS.OK;
	}
	Sun_HBA_ForceLip(): HbaResult<number> {
		return {status: HBA_STATUS.ERROR_NOT_SUPPORTED};
	}
	Sun_HBA_RegisterForAdapterDeviceEvents(cb: AdapterDeviceCallback, userData: unknown, _h: HBA_HANDLE, portWwn: Wwn): HbaResult<number> {
		return this.register('device', portWwn, cb, userData);
	}

	private register(kind: Registration['kind'], portWwn: Wwn, cb: Registration['cb'], userData: unknown): HbaResult<number> {
		const id = this.nextCb++;
		this.regs.push({id, kind, portWwn, cb, userData});
		return {status: 0, value: id};
	}

	private fire(kind: Registration['kind'], portWwn: Wwn, type: number, extra: {target?: Wwn}): void {
		for (const r of this.regs) {
			if (r.kind !== kind || r.portWwn !== portWwn) continue;
			// Callbacks come from a separate event (the sysevent thread), never from inside a call.
			this.san.sim.schedule(1, () => {
				if (!this.regs.includes(r)) return;
				if (kind === 'target') (r.cb as TargetCallback)(r.userData, portWwn, extra.target!, type);
				else (r.cb as AdapterPortCallback)(r.userData, portWwn, type, 0 as FcId);
			});
		}
	}

	private portAttrs(p: FakePort): HBA_PORTATTRIBUTES {
		const online = p.fabric !== undefined;
		return {
			NodeWWN: p.wwnn,
			PortWWN: p.wwpn,
			PortFcId: 0x010100 as FcId,
			PortType: HBA_PORTTYPE.NPORT,
			PortState: online ? HBA_PORTSTATE.ONLINE : HBA_PORTSTATE.LINKDOWN,
			PortSupportedClassofService: 8,
			PortSupportedFc4Types: [8],
			PortActiveFc4Types: [8],
			PortSymbolicName: '',
			OSDeviceName: '/dev/cfg/c2',
			PortSupportedSpeed: 8,
			PortSpeed: 8,
			PortMaxFrameSize: 2048,
			FabricName: (online ? fabricWwn(p.fabric!) : '0000000000000000') as Wwn,
			NumberofDiscoveredPorts: 0,
		};
	}
}

/** A stable fabric WWN per fabric name (the fake's FabricName). */
export function fabricWwn(name: string): Wwn {
	let h = 0;
	for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return wwn(`10000005${h.toString(16).padStart(8, '0')}`);
}

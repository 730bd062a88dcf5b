/**
 * xennpivd, the NPIV daemon in dom0 (seed 7.1, 7.3). It creates and deletes virtual ports through
 * the HBA-API Sun extensions when xfc asks through the door, registers for HBA-API events on each
 * virtual port, and when a LUN appears on a domain's virtual port (autoattach on) has the xvm
 * utilities attach it to that domain as a block device; when it goes, detaches it. It finds the
 * LUNs of a virtual port with HBA_GetFcpTargetMappingV2 on the virtual port's WWN, using a handle
 * of the physical adapter (libsun_fc resolves an NPIV port's WWN through its physical port).
 */
import type {Simulator, Timer} from '../sim/Simulator.js';
import type {EventLog} from '../sim/EventLog.js';
import type {Wwn} from '../sim/Wwn.js';
import {HBA_EVENT, HBA_STATUS, statusName, type HBA_HANDLE, type HbaApi} from '../hbaapi/types.js';
import type {HbaApiLive} from '../hbaapi/HbaLibrary.js';
import type {CallbackKind, NpivDaemonLive, NpivLunLive} from './XenLive.js';
import type {NpivSpec} from './NpivSpec.js';
import type {XenTiming} from './XenTiming.js';
import {XenOp} from './XenOp.js';
import {fcpLunNumber, lunKey} from './XenDomain.js';

export interface NpivLun {
	readonly key: string;
	readonly vpwwn: Wwn;
	readonly targetWwn: Wwn;
	readonly fcpLun: bigint;
	/** The LUN number (first addressing level of fcpLun). */
	readonly lun: number;
	/** The OS device path in dom0 (what the vbd's params name). */
	readonly osDevice: string;
	readonly luid: string;
	/** From INQUIRY: disk, cdrom, optical, tape, changer, ... ('disk' when the library cannot tell). */
	readonly deviceType: string;
}

/** Peripheral device types xennpivd attaches as block devices (this project's scope: no passthrough). */
const BLOCK_TYPES = new Map<number, string>([
	[0x00, 'disk'],
	[0x05, 'cdrom'],
	[0x07, 'optical'],
	[0x0e, 'disk'],
]);
const OTHER_TYPES = new Map<number, string>([
	[0x01, 'tape'],
	[0x03, 'processor'],
	[0x08, 'changer'],
	[0x0c, 'array-controller'],
	[0x0d, 'enclosure'],
]);

/** What xennpivd runs to attach and detach devices (the "xvm utilities" of seed 7.3 step 5). */
export interface LunAttacher {
	/** Attaches the LUN to the domain; returns the frontend name, or undefined if it cannot. */
	attachLun(domid: number, lun: NpivLun): string | undefined;
	detachLun(domid: number, lun: NpivLun): void;
}

export interface NpivPortRequest {
	readonly domid: number;
	readonly devid: number;
	readonly domain: string;
	readonly spec: NpivSpec;
}

export type NpivPortState = 'active' | 'deleting';

interface Binding {
	req: NpivPortRequest;
	readonly handle: HBA_HANDLE;
	readonly portIndex: number;
	readonly vindex: number;
	state: NpivPortState;
	/** Callback registrations in order, with the kind of each (the store keeps them). */
	callbacks: [CallbackKind, number][];
	/** LUNs of the last scan (visible on the port). */
	visible: Map<string, NpivLun>;
	attached: Map<string, {lun: NpivLun; dev: string}>;
	pendingAttach: Map<string, Timer>;
	offlineTargets: Set<Wwn>;
	/** INQUIRY results by LUN key (a LUN's type does not change). */
	types: Map<string, string>;
	rescan?: Timer;
}

export interface NpivPortView {
	readonly vpwwn: Wwn;
	readonly ppwwn: Wwn;
	readonly domid: number;
	readonly domain: string;
	readonly devid: number;
	readonly vindex: number;
	readonly state: NpivPortState;
	readonly visibleLuns: readonly NpivLun[];
	readonly attachedLuns: readonly {readonly lun: NpivLun; readonly dev: string}[];
}

const EVENT_NAMES = new Map<number, string>(Object.entries(HBA_EVENT).map(([k, v]) => [v, k]));

export class NpivDaemon {
	private bindings = new Map<Wwn, Binding>();
	private loaded: boolean;
	private attacher: LunAttacher | undefined;

	constructor(
		private readonly hba: HbaApi & Partial<HbaApiLive>,
		private readonly sim: Simulator,
		private readonly log: EventLog,
		private readonly timing: XenTiming,
		/** `xennpivd@dom0-a`. */
		readonly source: string,
	) {
		this.loaded = hba.HBA_LoadLibrary() === HBA_STATUS.OK;
	}

	setAttacher(attacher: LunAttacher): void {
		this.attacher = attacher;
	}

	hasPort(vpwwn: Wwn): boolean {
		return this.bindings.has(vpwwn);
	}

	port(vpwwn: Wwn): NpivPortView | undefined {
		const b = this.bindings.get(vpwwn);
		return b ? view(b) : undefined;
	}

	ports(): NpivPortView[] {
		return [...this.bindings.values()].map(view);
	}

	/** Seed 7.3 create steps 3-4: create the virtual port, then register for its events. */
	createPort(req: NpivPortRequest): XenOp {
		const op = new XenOp();
		const {spec} = req;
		const fail = (why: string): void => {
			const msg = `NPIV port ${spec.vpwwn}: ${why}`;
			this.log.emit(this.source, 'xvm.daemon.create.failed', `${req.domain}: ${msg}`, {domain: req.domain, domid: req.domid, vpwwn: spec.vpwwn, ppwwn: spec.ppwwn, reason: why});
			op.fail(msg);
		};
		if (!this.loaded && this.hba.HBA_LoadLibrary() !== HBA_STATUS.OK) {
			fail('Failed to load FC-HBA common library');
			return op;
		}
		const existing = this.bindings.get(spec.vpwwn);
		if (existing) {
			// A port whose delete failed earlier is still here: the new owner takes it over (it
			// must not be created a second time, and this host is the only one holding it).
			if (existing.state !== 'active' || existing.req.spec.ppwwn !== spec.ppwwn) {
				fail(`already created on HBA port ${existing.req.spec.ppwwn} (${existing.state})`);
				return op;
			}
			for (const key of [...existing.attached.keys()]) this.detach(existing, key, 'port taken over');
			for (const t of existing.pendingAttach.values()) this.sim.cancel(t);
			existing.pendingAttach.clear();
			const old = existing.req;
			existing.req = req;
			this.log.emit(this.source, 'xvm.daemon.adopt', `${req.domain}: took over existing NPIV port ${spec.vpwwn} (was ${old.domain}, domain ${old.domid})`, {
				domain: req.domain,
				domid: req.domid,
				vpwwn: spec.vpwwn,
				from: old.domain,
			});
			this.scheduleRescan(existing);
			op.resolve();
			return op;
		}
		const found = this.findPhysicalPort(spec.ppwwn);
		if (typeof found === 'string') {
			fail(found);
			return op;
		}
		const {handle, portIndex} = found;
		const npiv = this.hba.Sun_HBA_GetPortNPIVAttributes(handle, portIndex);
		if (npiv.status === HBA_STATUS.ERROR_NOT_SUPPORTED || (npiv.status === HBA_STATUS.OK && npiv.value.MaxNumberOfNPIVPorts === 0)) {
			this.hba.HBA_CloseAdapter(handle);
			fail(`HBA port ${spec.ppwwn} does not support NPIV`);
			return op;
		}
		if (npiv.status !== HBA_STATUS.OK) {
			this.hba.HBA_CloseAdapter(handle);
			fail(`failed to get NPIV attributes of HBA port ${spec.ppwwn}: ${statusName(npiv.status)}`);
			return op;
		}
		if (npiv.value.NumberOfNPIVPorts >= npiv.value.MaxNumberOfNPIVPorts) {
			this.hba.HBA_CloseAdapter(handle);
			fail(`HBA port ${spec.ppwwn} has no free NPIV ports (${npiv.value.NumberOfNPIVPorts} of ${npiv.value.MaxNumberOfNPIVPorts} in use)`);
			return op;
		}
		let tries = 0;
		const attempt = (): void => {
			const r = this.hba.Sun_HBA_CreateNPIVPort(handle, portIndex, spec.vnwwn, spec.vpwwn, 0);
			if ((r.status === HBA_STATUS.ERROR_BUSY || r.status === HBA_STATUS.ERROR_TRY_AGAIN) && ++tries < this.timing.busyRetries) {
				this.sim.schedule(this.timing.busyRetryMs, attempt, 'xennpivd create retry');
				return;
			}
			if (r.status !== HBA_STATUS.OK) {
				this.hba.HBA_CloseAdapter(handle);
				fail(`failed to create on HBA port ${spec.ppwwn}: ${statusName(r.status)}`);
				return;
			}
			const b: Binding = {
				req,
				handle,
				portIndex,
				vindex: r.value,
				state: 'active',
				callbacks: [],
				visible: new Map(),
				attached: new Map(),
				pendingAttach: new Map(),
				offlineTargets: new Set(),
				types: new Map(),
			};
			this.bindings.set(spec.vpwwn, b);
			this.log.emit(this.source, 'xvm.daemon.create', `${req.domain}: created NPIV port ${spec.vpwwn} on ${spec.ppwwn} (index ${r.value})`, {
				domain: req.domain,
				domid: req.domid,
				vpwwn: spec.vpwwn,
				vnwwn: spec.vnwwn,
				ppwwn: spec.ppwwn,
				vindex: r.value,
			});
			this.register(b);
			this.scheduleRescan(b);
			op.resolve();
		};
		attempt();
		return op;
	}

	/** Seed 7.3 delete step 4: detach the port's LUNs, then remove the port from Domain-0. */
	deletePort(spec: NpivSpec): XenOp {
		const op = new XenOp();
		const b = this.bindings.get(spec.vpwwn);
		if (!b) {
			op.resolve();
			return op;
		}
		if (b.state === 'deleting') {
			op.fail(`NPIV port ${spec.vpwwn}: delete already in progress`);
			return op;
		}
		b.state = 'deleting';
		for (const [, cb] of b.callbacks) this.hba.HBA_RemoveCallback(cb);
		b.callbacks = [];
		this.sim.cancel(b.rescan);
		for (const t of b.pendingAttach.values()) this.sim.cancel(t);
		b.pendingAttach.clear();
		for (const key of [...b.attached.keys()]) this.detach(b, key, 'port deleted');
		let tries = 0;
		const attempt = (): void => {
			const status = this.hba.Sun_HBA_DeleteNPIVPort(b.handle, b.portIndex, spec.vpwwn);
			if ((status === HBA_STATUS.ERROR_BUSY || status === HBA_STATUS.ERROR_TRY_AGAIN) && ++tries < this.timing.busyRetries) {
				this.sim.schedule(this.timing.busyRetryMs, attempt, 'xennpivd delete retry');
				return;
			}
			if (status !== HBA_STATUS.OK) {
				// The port is still there: keep the binding so nobody re-creates its WWN elsewhere.
				b.state = 'active';
				this.register(b);
				this.scheduleRescan(b);
				const msg = `NPIV port ${spec.vpwwn}: failed to delete from HBA port ${spec.ppwwn}: ${statusName(status)}`;
				this.log.emit(this.source, 'xvm.daemon.delete.failed', `${b.req.domain}: ${msg}`, {domain: b.req.domain, vpwwn: spec.vpwwn, ppwwn: spec.ppwwn});
				op.fail(msg);
				return;
			}
			this.hba.HBA_CloseAdapter(b.handle);
			this.bindings.delete(spec.vpwwn);
			this.log.emit(this.source, 'xvm.daemon.delete', `${b.req.domain}: deleted NPIV port ${spec.vpwwn} from ${spec.ppwwn}`, {
				domain: b.req.domain,
				domid: b.req.domid,
				vpwwn: spec.vpwwn,
				ppwwn: spec.ppwwn,
			});
			op.resolve();
		};
		attempt();
		return op;
	}

	// ---- live state -----------------------------------------------------------------------

	saveLive(): NpivDaemonLive {
		return {
			loaded: this.loaded,
			bindings: [...this.bindings.values()].map(b => {
				if (b.rescan || b.pendingAttach.size > 0) throw new Error(`${this.source}: ${b.req.spec.vpwwn} has work pending: its state cannot be saved`);
				return {
					domid: b.req.domid,
					devid: b.req.devid,
					domain: b.req.domain,
					spec: b.req.spec,
					handle: b.handle,
					portIndex: b.portIndex,
					vindex: b.vindex,
					state: b.state,
					callbacks: b.callbacks,
					visible: [...b.visible.values()].map(lunLive),
					attached: [...b.attached].map(([key, a]) => [key, a.dev, lunLive(a.lun)] as const),
					offlineTargets: [...b.offlineTargets],
					types: [...b.types],
				};
			}),
		};
	}

	/** Saved bindings back, each registered again for its events under the saved callback handles. */
	restoreLive(live: NpivDaemonLive): void {
		this.loaded = live.loaded;
		this.bindings.clear();
		for (const s of live.bindings) {
			const visible = new Map(s.visible.map(l => [l.key, lunFromLive(l)]));
			const attached = new Map<string, {lun: NpivLun; dev: string}>();
			for (const [key, dev, lun] of s.attached) attached.set(key, {lun: lunFromLive(lun), dev});
			const b: Binding = {
				req: {domid: s.domid, devid: s.devid, domain: s.domain, spec: s.spec},
				handle: s.handle,
				portIndex: s.portIndex,
				vindex: s.vindex,
				state: s.state,
				callbacks: [],
				visible,
				attached,
				pendingAttach: new Map(),
				offlineTargets: new Set(s.offlineTargets as Wwn[]),
				types: new Map(s.types),
			};
			this.bindings.set(s.spec.vpwwn, b);
			this.register(b, s.callbacks);
		}
	}

	/** Rescans every port now (after a fault the world injected, say); mostly for tests. */
	rescanAll(): void {
		for (const b of this.bindings.values()) this.scheduleRescan(b);
	}

	private findPhysicalPort(ppwwn: Wwn): {handle: HBA_HANDLE; portIndex: number} | string {
		const opened = this.hba.HBA_OpenAdapterByWWN(ppwwn);
		if (opened.status !== HBA_STATUS.OK) return `HBA port ${ppwwn} not found`;
		const handle = opened.value;
		const attrs = this.hba.HBA_GetAdapterAttributes(handle);
		const count = attrs.status === HBA_STATUS.OK ? attrs.value.NumberOfPorts : 0;
		for (let i = 0; i < count; i++) {
			const pa = this.hba.HBA_GetAdapterPortAttributes(handle, i);
			if (pa.status === HBA_STATUS.OK && pa.value.PortWWN === ppwwn) return {handle, portIndex: i};
		}
		this.hba.HBA_CloseAdapter(handle);
		return `HBA port ${ppwwn} is not a physical port`;
	}

	private register(b: Binding, saved?: readonly (readonly [CallbackKind, number])[]): void {
		const vp = b.req.spec.vpwwn;
		const onEvent = (kind: string, eventType: number, detail: Record<string, string | number>): void => {
			if (b.state !== 'active' || this.bindings.get(vp) !== b) return;
			const name = EVENT_NAMES.get(eventType) ?? `0x${eventType.toString(16)}`;
			this.log.emit(this.source, 'xvm.daemon.event', `${b.req.domain}: ${kind} event ${name} on ${vp}`, {domain: b.req.domain, vpwwn: vp, event: name, ...detail});
			const target = detail['target'] as Wwn | undefined;
			if (target && (eventType === HBA_EVENT.TARGET_OFFLINE || eventType === HBA_EVENT.TARGET_REMOVED)) b.offlineTargets.add(target);
			if (target && eventType === HBA_EVENT.TARGET_ONLINE) b.offlineTargets.delete(target);
			if (eventType === HBA_EVENT.PORT_NEW_TARGETS) b.offlineTargets.clear();
			this.scheduleRescan(b);
		};
		// A restore registers again exactly the callbacks that were registered, under their handles.
		const registrations: [CallbackKind, () => {status: number; value?: number}][] = [
			['port', () => this.hba.HBA_RegisterForAdapterPortEvents((_u, _w, type, fcid) => onEvent('port', type, {fcid}), vp, b.handle, vp)],
			['target', () => this.hba.HBA_RegisterForTargetEvents((_u, _h, disc, type) => onEvent('target', type, {target: disc}), vp, b.handle, vp, null, true)],
			['device', () => this.hba.Sun_HBA_RegisterForAdapterDeviceEvents((_u, _w, type, fcid) => onEvent('device', type, {fcid}), vp, b.handle, vp)],
		];
		for (const [kind, call] of registrations) {
			let r: {status: number; value?: number};
			if (saved) {
				const entry = saved.find(([k]) => k === kind);
				if (!entry) continue;
				const library = this.hba.withCallbackHandle ? this.hba : undefined;
				if (!library) throw new Error(`${this.source}: this HBA-API cannot restore callbacks`);
				r = library.withCallbackHandle!(entry[1], call);
				if (r.value !== entry[1]) throw new Error(`${this.source}: callback ${entry[1]} of ${vp} could not be registered again`);
			} else {
				r = call();
			}
			if (r.status === HBA_STATUS.OK && r.value !== undefined) b.callbacks.push([kind, r.value]);
		}
		if (saved) return;
		this.log.emit(this.source, 'xvm.daemon.register', `${b.req.domain}: registered for events on ${vp} (${b.callbacks.length} callbacks)`, {
			domain: b.req.domain,
			vpwwn: vp,
			callbacks: b.callbacks.length,
		});
	}

	private scheduleRescan(b: Binding): void {
		if (b.rescan) return;
		b.rescan = this.sim.schedule(
			this.timing.rescanMs,
			() => {
				b.rescan = undefined;
				this.rescan(b);
			},
			'xennpivd rescan',
		);
	}

	private rescan(b: Binding): void {
		if (b.state !== 'active' || this.bindings.get(b.req.spec.vpwwn) !== b) return;
		const vp = b.req.spec.vpwwn;
		const map = this.hba.HBA_GetFcpTargetMappingV2(b.handle, vp);
		if (map.status !== HBA_STATUS.OK) return; // keep what we have; the next event rescans
		const visible = new Map<string, NpivLun>();
		for (const e of map.value.entry) {
			if (b.offlineTargets.has(e.FcpId.PortWWN)) continue;
			const lun = fcpLunNumber(e.FcpId.FcpLun);
			const key = lunKey(vp, e.FcpId.PortWWN, lun);
			if (visible.has(key)) continue;
			const deviceType = this.deviceType(b, key, e.FcpId.PortWWN, e.FcpId.FcpLun);
			if (deviceType === undefined) continue; // not answering yet; the next event rescans
			visible.set(key, {key, vpwwn: vp, targetWwn: e.FcpId.PortWWN, fcpLun: e.FcpId.FcpLun, lun, osDevice: e.ScsiId.OSDeviceName, luid: e.LUID, deviceType});
		}
		b.visible = visible;
		for (const key of [...b.attached.keys()]) if (!visible.has(key)) this.detach(b, key, 'LUN gone');
		for (const [key, t] of [...b.pendingAttach]) {
			if (!visible.has(key)) {
				this.sim.cancel(t);
				b.pendingAttach.delete(key);
			}
		}
		if (!b.req.spec.autoattach) return;
		for (const [key, lun] of visible) {
			if (b.attached.has(key) || b.pendingAttach.has(key)) continue;
			if (![...BLOCK_TYPES.values()].includes(lun.deviceType)) continue;
			const t = this.sim.schedule(
				this.timing.lunAttachMs,
				() => {
					b.pendingAttach.delete(key);
					if (b.state !== 'active' || !b.visible.has(key) || b.attached.has(key)) return;
					const dev = this.attacher?.attachLun(b.req.domid, lun);
					if (dev === undefined) return;
					b.attached.set(key, {lun, dev});
					this.log.emit(this.source, 'xvm.daemon.lun.attach', `${b.req.domain}: LUN ${lun.lun} of ${lun.targetWwn} on ${vp} attached as ${dev}`, {
						domain: b.req.domain,
						domid: b.req.domid,
						vpwwn: vp,
						target: lun.targetWwn,
						lun: lun.lun,
						dev,
						osDevice: lun.osDevice,
					});
				},
				'xennpivd attach',
			);
			b.pendingAttach.set(key, t);
		}
	}

	/** The LUN's device type from a standard INQUIRY through the virtual port, cached. */
	private deviceType(b: Binding, key: string, target: Wwn, fcpLun: bigint): string | undefined {
		const known = b.types.get(key);
		if (known) return known;
		const r = this.hba.HBA_ScsiInquiryV2(b.handle, b.req.spec.vpwwn, target, fcpLun, 0, 0);
		let type: string;
		if (r.status === HBA_STATUS.OK) {
			const t = r.value.inquiry.PeripheralDeviceType;
			type = BLOCK_TYPES.get(t) ?? OTHER_TYPES.get(t) ?? `type 0x${t.toString(16).padStart(2, '0')}`;
		} else if (r.status === HBA_STATUS.ERROR_NOT_SUPPORTED) type = 'disk';
		else return undefined;
		b.types.set(key, type);
		return type;
	}

	private detach(b: Binding, key: string, why: string): void {
		const a = b.attached.get(key);
		if (!a) return;
		b.attached.delete(key);
		this.log.emit(this.source, 'xvm.daemon.lun.detach', `${b.req.domain}: ${a.dev} (LUN ${a.lun.lun} of ${a.lun.targetWwn}) detached: ${why}`, {
			domain: b.req.domain,
			domid: b.req.domid,
			vpwwn: b.req.spec.vpwwn,
			target: a.lun.targetWwn,
			lun: a.lun.lun,
			dev: a.dev,
			reason: why,
		});
		this.attacher?.detachLun(b.req.domid, a.lun);
	}
}

function lunLive(l: NpivLun): NpivLunLive {
	return {...l, fcpLun: l.fcpLun.toString(16)};
}

function lunFromLive(l: NpivLunLive): NpivLun {
	return {...l, vpwwn: l.vpwwn as Wwn, targetWwn: l.targetWwn as Wwn, fcpLun: BigInt(`0x${l.fcpLun}`)};
}

function view(b: Binding): NpivPortView {
	return {
		vpwwn: b.req.spec.vpwwn,
		ppwwn: b.req.spec.ppwwn,
		domid: b.req.domid,
		domain: b.req.domain,
		devid: b.req.devid,
		vindex: b.vindex,
		state: b.state,
		visibleLuns: [...b.visible.values()],
		attachedLuns: [...b.attached.values()],
	};
}

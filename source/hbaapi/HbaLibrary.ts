/**
 * libHBAAPI + libsun_fc over one host's driver stack. Adapters are the host's FCA cards in
 * configuration order (name `<Manufacturer>-<Model>-<index>`), their ports the physical ports;
 * virtual ports are never adapters and show up only through the NPIV calls. Statuses follow
 * libsun_fc's mapping (reference 9): every kernel NPIV failure is ERROR, its reason kept in
 * `detail`.
 *
 * Emulation choices (documented deviations):
 * - The library is usable without HBA_LoadLibrary; HBA_FreeLibrary closes handles and callbacks.
 * - Calls that take an HBA port WWN (target mapping, SCSI pass-through, RLS, port/target/device
 *   event registration, GetPortAttributesByWWN) also accept a virtual port of the adapter, which
 *   is how xennpivd watches the virtual ports it created.
 * - Sun_HBA_ForceLip resets port 0 of the adapter, as FCHBA::doForceLip does.
 * - Link events: port_online/offline/rscn of the adapter's physical ports as LINK_UP/DOWN/RSCN.
 */
import type {Fca} from '../driver/Fca.js';
import type {FcaPort} from '../driver/FcaPort.js';
import type {FpPort} from '../driver/FpPort.js';
import type {HostFcStack} from '../driver/HostFcStack.js';
import {decodeFcpLun, encodeFcpLun, type RemotePort} from '../driver/RemotePort.js';
import type {WwnRegistry} from '../driver/WwnRegistry.js';
import type {ScsiCommand, ScsiReply} from '../fabric/Fcp.js';
import type {Prng} from '../sim/Prng.js';
import type {Simulator} from '../sim/Simulator.js';
import {parseWwn, type Wwn} from '../sim/Wwn.js';
import {adapterAttributes, discoveredPortAttributes, localPortAttributes, portStatistics, rlsStatistics} from './Attributes.js';
import {EventBridge} from './EventBridge.js';
import {HandleTable, type HandleTableLive, type OpenHandle} from './Handles.js';
import {RandomWwnSource} from './RandomWwn.js';
import {
	HBA_CREATE_WWN_FACTORY,
	HBA_CREATE_WWN_RANDOM,
	HBA_STATUS,
	type HBA_ADAPTERATTRIBUTES,
	type HBA_CALLBACKHANDLE,
	type HBA_FCPSCSIENTRYV2,
	type HBA_FCPTARGETMAPPINGV2,
	type HBA_HANDLE,
	type HBA_INQUIRYDATA,
	type HBA_NPIVATTRIBUTES,
	type HBA_PORTATTRIBUTES,
	type HBA_PORTNPIVATTRIBUTES,
	type HBA_PORTSTATISTICS,
	type HBA_SCSISTATUS,
	type HbaApi,
	type HbaApiVportViews,
	type HbaResult,
} from './types.js';

export interface HbaApiOptions {
	readonly sim: Simulator;
	readonly wwnRegistry: WwnRegistry;
	readonly prng: Prng;
}

type Failure = Exclude<HBA_STATUS, 0>;

const ok = <T>(value: T): HbaResult<T> => ({status: HBA_STATUS.OK, value});
const fail = <T>(status: Failure, detail?: string, scsi?: HBA_SCSISTATUS): HbaResult<T> => ({status, ...(detail === undefined ? {} : {detail}), ...(scsi ? {scsi} : {})});

const SCSI_GOOD = 0;
const SCSI_CHECK_CONDITION = 2;
/** FC_OFFLINE: what FCIO_RESET_LINK leaves in fcio_errno when there is no link to reset. */
const FC_OFFLINE = 0x0d;

export function createHbaApi(stack: HostFcStack, options: HbaApiOptions): HbaApi & HbaApiVportViews & HbaApiLive {
	return new HbaLibrary(stack, options);
}

/**
 * The state a long-lived user of the library (xennpivd) keeps in it: open handles and the next
 * callback handle. A one-shot command's library goes away with its process, as fcinfo's does.
 */
export interface HbaLibraryLive {
	readonly handles: HandleTableLive;
	readonly nextCallback: number;
}

export interface HbaApiLive {
	saveLive(): HbaLibraryLive;
	restoreLive(state: HbaLibraryLive): void;
	/** Runs a registration so that it is given callback handle `handle` (restore). */
	withCallbackHandle<T>(handle: number, register: () => T): T;
}

class HbaLibrary implements HbaApi, HbaApiVportViews, HbaApiLive {
	private readonly handles = new HandleTable();
	private readonly events: EventBridge;
	private readonly random: RandomWwnSource;

	constructor(
		private readonly stack: HostFcStack,
		options: HbaApiOptions,
	) {
		this.events = new EventBridge(options.sim, listener => stack.subscribe(listener));
		this.random = new RandomWwnSource(options.prng, options.wwnRegistry, w => stack.localPort(w) !== undefined);
	}

	// ---- live state ------------------------------------------------------------------------------

	saveLive(): HbaLibraryLive {
		return {handles: this.handles.liveState(), nextCallback: this.events.nextHandleState};
	}

	restoreLive(state: HbaLibraryLive): void {
		this.handles.restoreLive(state.handles, this.stack.fcas, w => this.vportByWwn(w));
		this.events.restoreNextHandle(state.nextCallback);
	}

	withCallbackHandle<T>(handle: number, register: () => T): T {
		return this.events.withHandle(handle, register);
	}

	// ---- resolution helpers ----------------------------------------------------------------------

	private handle(h: HBA_HANDLE): OpenHandle | undefined {
		return this.handles.get(h);
	}

	private portAt(handle: OpenHandle, portIndex: number): FcaPort | undefined {
		// A virtual port's handle has one port: the link (statistics, LIP) is its physical port's.
		if (handle.vport) return portIndex === 0 ? handle.vport.fca : undefined;
		return Number.isInteger(portIndex) ? handle.fca.ports[portIndex] : undefined;
	}

	/** An HBA port WWN of the adapter: one of its physical ports or a virtual port on one. */
	private localPort(fca: Fca, wwpn: Wwn): FpPort | undefined {
		const w = parseWwn(String(wwpn));
		if (!w) return undefined;
		for (const port of fca.ports) {
			if (port.wwpn === w) return port.physical;
			const vp = port.vport(w);
			if (vp && vp.state !== 'deleting') return vp;
		}
		return undefined;
	}

	private vportByWwn(w: Wwn): FpPort | undefined {
		for (const fca of this.stack.fcas) {
			for (const port of fca.ports) {
				const vp = port.vport(w);
				if (vp && vp.state !== 'deleting') return vp;
			}
		}
		return undefined;
	}

	/** For a handle opened by a virtual port's WWN: that port at index 0 (or the index error). */
	private vportHandle(h: HBA_HANDLE, portIndex: number): FpPort | {status: typeof HBA_STATUS.ERROR_ILLEGAL_INDEX} | undefined {
		const vport = this.handle(h)?.vport;
		if (!vport) return undefined;
		return portIndex === 0 ? vport : {status: HBA_STATUS.ERROR_ILLEGAL_INDEX};
	}

	private withHandle<T>(h: HBA_HANDLE, f: (handle: OpenHandle) => HbaResult<T>): HbaResult<T> {
		const handle = this.handle(h);
		return handle ? f(handle) : fail(HBA_STATUS.ERROR_INVALID_HANDLE);
	}

	private withPort<T>(h: HBA_HANDLE, portIndex: number, f: (handle: OpenHandle, port: FcaPort) => HbaResult<T>): HbaResult<T> {
		return this.withHandle(h, handle => {
			const port = this.portAt(handle, portIndex);
			return port ? f(handle, port) : fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		});
	}

	private withLocalPort<T>(h: HBA_HANDLE, wwpn: Wwn, f: (fp: FpPort, handle: OpenHandle) => HbaResult<T>): HbaResult<T> {
		return this.withHandle(h, handle => {
			const fp = this.localPort(handle.fca, wwpn);
			return fp ? f(fp, handle) : fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
		});
	}

	/** The discovered port and the local port to talk to it through. */
	private withTarget<T>(h: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn, f: (fp: FpPort, remote: RemotePort) => HbaResult<T>): HbaResult<T> {
		return this.withLocalPort(h, hbaPortWWN, fp => {
			const w = parseWwn(String(discoveredPortWWN));
			const remote = w ? fp.remotePort(w) : undefined;
			return remote ? f(fp, remote) : fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
		});
	}

	// ---- library and adapters --------------------------------------------------------------------

	HBA_GetVersion(): number {
		return 2;
	}

	HBA_LoadLibrary(): HBA_STATUS {
		return HBA_STATUS.OK;
	}

	HBA_FreeLibrary(): HBA_STATUS {
		this.handles.closeAll();
		this.events.removeAll();
		return HBA_STATUS.OK;
	}

	HBA_GetNumberOfAdapters(): number {
		return this.stack.fcas.length;
	}

	HBA_GetAdapterName(adapterIndex: number): HbaResult<string> {
		const fca = Number.isInteger(adapterIndex) ? this.stack.fcas[adapterIndex] : undefined;
		if (!fca) return fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		return ok(`${fca.model.manufacturer}-${fca.model.model}-${adapterIndex}`);
	}

	HBA_OpenAdapter(adapterName: string): HBA_HANDLE {
		// libsun_fc reads only the index after the last '-'.
		const tail = adapterName.slice(adapterName.lastIndexOf('-') + 1);
		const fca = /^\d+$/.test(tail) ? this.stack.fcas[Number(tail)] : undefined;
		return fca ? (this.handles.openFor(fca)?.value ?? 0) : 0;
	}

	HBA_OpenAdapterByWWN(wwn: Wwn): HbaResult<HBA_HANDLE> {
		const w = parseWwn(String(wwn));
		const fca = w && this.stack.fcas.find(f => f.ports.some(p => p.wwpn === w || p.wwnn === w));
		// A virtual port is its own fp instance with its own devctl node, so it opens by its WWN
		// too (fcinfo hba-port <vport> shows it with "NPIV Not Supported"), although adapter
		// enumeration never lists it.
		const vport = !fca && w ? this.vportByWwn(w) : undefined;
		if (!fca && !vport) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
		const handle = fca ? this.handles.openFor(fca) : this.handles.openFor(vport!.fca.fca, vport);
		return handle ? ok(handle.value) : fail(HBA_STATUS.ERROR_TRY_AGAIN);
	}

	HBA_CloseAdapter(handle: HBA_HANDLE): void {
		this.handles.close(handle);
	}

	HBA_RefreshInformation(handle: HBA_HANDLE): void {
		this.handle(handle)?.refresh();
	}

	HBA_RefreshAdapterConfiguration(): void {
		// The adapter list is the host's configuration; nothing to rescan.
	}

	HBA_GetAdapterAttributes(h: HBA_HANDLE): HbaResult<HBA_ADAPTERATTRIBUTES> {
		return this.withHandle(h, handle => {
			const attrs = adapterAttributes(handle.fca, this.stack.name);
			return ok(handle.vport ? {...attrs, NodeWWN: handle.vport.wwnn, NumberOfPorts: 1} : attrs);
		});
	}

	HBA_GetAdapterPortAttributes(h: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTATTRIBUTES> {
		const vp = this.vportHandle(h, portIndex);
		if (vp) return 'status' in vp ? vp : ok(localPortAttributes(vp, vp.fca));
		return this.withPort(h, portIndex, (handle, port) => {
			if (!handle.validate(port)) return fail(HBA_STATUS.ERROR_STALE_DATA);
			return ok(localPortAttributes(port.physical, port));
		});
	}

	HBA_GetPortStatistics(h: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTSTATISTICS> {
		return this.withPort(h, portIndex, (_handle, port) => ok(portStatistics(port.stats, this.stack.sim.now)));
	}

	HBA_ResetStatistics(h: HBA_HANDLE, portIndex: number): HBA_STATUS {
		return this.withPort(h, portIndex, (_handle, port) => {
			port.stats.reset(this.stack.sim.now);
			return ok(undefined);
		}).status;
	}

	HBA_GetDiscoveredPortAttributes(h: HBA_HANDLE, portIndex: number, discoveredPortIndex: number): HbaResult<HBA_PORTATTRIBUTES> {
		const vp = this.vportHandle(h, portIndex);
		if (vp) {
			if ('status' in vp) return vp;
			const remote = Number.isInteger(discoveredPortIndex) ? vp.remotePorts[discoveredPortIndex] : undefined;
			return remote ? ok(discoveredPortAttributes(remote, vp)) : fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		}
		return this.withPort(h, portIndex, (handle, port) => {
			const remote = port.physical.remotePorts[discoveredPortIndex];
			if (!Number.isInteger(discoveredPortIndex) || !remote) return fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
			if (!handle.validate(port)) return fail(HBA_STATUS.ERROR_STALE_DATA);
			return ok(discoveredPortAttributes(remote, port.physical));
		});
	}

	HBA_GetPortAttributesByWWN(h: HBA_HANDLE, portWWN: Wwn): HbaResult<HBA_PORTATTRIBUTES> {
		return this.withHandle(h, handle => {
			const own = this.localPort(handle.fca, portWWN);
			if (own) return ok(localPortAttributes(own, own.fca));
			const w = parseWwn(String(portWWN));
			if (w) {
				for (const port of handle.fca.ports) {
					for (const fp of [port.physical, ...port.vports]) {
						const remote = fp.remotePort(w);
						if (remote) return ok(discoveredPortAttributes(remote, fp));
					}
				}
			}
			return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
		});
	}

	HBA_SendRLS(h: HBA_HANDLE, hbaPortWWN: Wwn, destWWN: Wwn): HbaResult<HBA_PORTSTATISTICS> {
		return this.withLocalPort(h, hbaPortWWN, fp => {
			const dest = parseWwn(String(destWWN));
			// RLS to itself: the FCA answers from its own counters (port_manage RLS).
			if (dest === fp.wwpn || dest === fp.physicalWwpn) return ok(rlsStatistics(fp.fca.stats.errorStatus()));
			const remote = dest ? fp.remotePort(dest) : undefined;
			if (!remote) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
			const link = fp.fca.link;
			if (!link || fp.fcid === undefined) return fail(HBA_STATUS.ERROR, 'port offline');
			fp.fca.stats.exchange();
			const reply = link.rls(fp.fcid, remote.fcid);
			if ('accepted' in reply) return fail(HBA_STATUS.ERROR_ELS_REJECT, `LS_RJT ${reply.reason}/${reply.explanation}`);
			return ok(rlsStatistics(reply));
		});
	}

	HBA_GetFcpTargetMappingV2(h: HBA_HANDLE, hbaPortWWN: Wwn): HbaResult<HBA_FCPTARGETMAPPINGV2> {
		return this.withLocalPort(h, hbaPortWWN, fp => {
			const entry: HBA_FCPSCSIENTRYV2[] = [];
			fp.remotePorts.forEach((remote, targetNumber) => {
				for (const lun of remote.luns) {
					entry.push({
						ScsiId: {OSDeviceName: lun.osDeviceName, ScsiBusNumber: fp.controller, ScsiTargetNumber: targetNumber, ScsiOSLun: lun.lun},
						FcpId: {FcId: remote.fcid, NodeWWN: remote.wwnn, PortWWN: remote.wwpn, FcpLun: lun.fcpLun},
						LUID: lun.luid,
					});
				}
			});
			return ok({NumberOfEntries: entry.length, entry});
		});
	}

	// ---- SCSI pass-through -----------------------------------------------------------------------

	private passThrough<T>(fp: FpPort, remote: RemotePort, command: ScsiCommand, good: (reply: ScsiReply) => T | undefined): HbaResult<T> {
		if (!remote.target) return fail(HBA_STATUS.ERROR_NOT_A_TARGET);
		const reply = fp.scsiTo(remote, command);
		if (reply.status === 'check-condition') {
			return fail(HBA_STATUS.SCSI_CHECK_CONDITION, 'CHECK CONDITION', {ScsiStatus: SCSI_CHECK_CONDITION, Sense: {...reply.sense}});
		}
		if (reply.status === 'no-connection') return fail(HBA_STATUS.ERROR, `no connection to ${remote.wwpn}`);
		const value = good(reply);
		return value === undefined ? fail(HBA_STATUS.ERROR, 'unexpected reply') : ok(value);
	}

	HBA_ScsiInquiryV2(h: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn, fcLUN: bigint, CDB_Byte1: number, CDB_Byte2: number): HbaResult<{inquiry: HBA_INQUIRYDATA; scsi: HBA_SCSISTATUS}> {
		return this.withTarget(h, hbaPortWWN, discoveredPortWWN, (fp, remote) => {
			// Only the standard page is modelled; EVPD pages answer as a target without them would.
			if (CDB_Byte1 !== 0 || CDB_Byte2 !== 0) {
				if (!remote.target) return fail(HBA_STATUS.ERROR_NOT_A_TARGET);
				return fail(HBA_STATUS.SCSI_CHECK_CONDITION, 'INVALID FIELD IN CDB', {ScsiStatus: SCSI_CHECK_CONDITION, Sense: {key: 0x5, asc: 0x24, ascq: 0x00}});
			}
			return this.passThrough(fp, remote, {op: 'inquiry', lun: decodeFcpLun(BigInt(fcLUN))}, reply => {
				if (!('inquiry' in reply)) return undefined;
				const d = reply.inquiry;
				const inquiry: HBA_INQUIRYDATA = {
					PeripheralQualifier: d.peripheralQualifier,
					PeripheralDeviceType: d.deviceType,
					Removable: d.removable,
					VendorIdentification: d.vendor,
					ProductIdentification: d.product,
					ProductRevisionLevel: d.revision,
				};
				return {inquiry, scsi: {ScsiStatus: SCSI_GOOD}};
			});
		});
	}

	HBA_ScsiReportLUNsV2(h: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn): HbaResult<{luns: bigint[]; scsi: HBA_SCSISTATUS}> {
		return this.withTarget(h, hbaPortWWN, discoveredPortWWN, (fp, remote) =>
			this.passThrough(fp, remote, {op: 'report-luns'}, reply => ('luns' in reply ? {luns: reply.luns.map(encodeFcpLun), scsi: {ScsiStatus: SCSI_GOOD}} : undefined)),
		);
	}

	HBA_ScsiReadCapacityV2(h: HBA_HANDLE, hbaPortWWN: Wwn, discoveredPortWWN: Wwn, fcLUN: bigint): HbaResult<{blocks: bigint; blockSize: number; scsi: HBA_SCSISTATUS}> {
		return this.withTarget(h, hbaPortWWN, discoveredPortWWN, (fp, remote) =>
			this.passThrough(fp, remote, {op: 'read-capacity', lun: decodeFcpLun(BigInt(fcLUN))}, reply =>
				'capacity' in reply ? {blocks: reply.capacity.blocks, blockSize: reply.capacity.blockSize, scsi: {ScsiStatus: SCSI_GOOD}} : undefined,
			),
		);
	}

	// ---- events ----------------------------------------------------------------------------------

	HBA_RegisterForAdapterAddEvents(callback: Parameters<HbaApi['HBA_RegisterForAdapterAddEvents']>[0], userData: unknown): HbaResult<HBA_CALLBACKHANDLE> {
		if (typeof callback !== 'function') return fail<number>(HBA_STATUS.ERROR_ARG);
		return ok(this.events.add({kind: 'adapter-add', cb: callback, user: userData}));
	}

	HBA_RegisterForAdapterEvents(callback: Parameters<HbaApi['HBA_RegisterForAdapterEvents']>[0], userData: unknown, h: HBA_HANDLE): HbaResult<HBA_CALLBACKHANDLE> {
		if (typeof callback !== 'function') return fail<number>(HBA_STATUS.ERROR_ARG);
		return this.withHandle(h, handle => ok(this.events.add({kind: 'adapter', cb: callback, user: userData, ports: physicalWwpns(handle.fca)})));
	}

	HBA_RegisterForAdapterPortEvents(callback: Parameters<HbaApi['HBA_RegisterForAdapterPortEvents']>[0], userData: unknown, h: HBA_HANDLE, PortWWN: Wwn): HbaResult<HBA_CALLBACKHANDLE> {
		if (typeof callback !== 'function') return fail<number>(HBA_STATUS.ERROR_ARG);
		return this.withLocalPort(h, PortWWN, fp => ok(this.events.add({kind: 'adapter-port', cb: callback, user: userData, port: fp.wwpn})));
	}

	HBA_RegisterForTargetEvents(
		callback: Parameters<HbaApi['HBA_RegisterForTargetEvents']>[0],
		userData: unknown,
		h: HBA_HANDLE,
		hbaPortWWN: Wwn,
		discoveredPortWWN: Wwn | null,
		allTargets: boolean,
	): HbaResult<HBA_CALLBACKHANDLE> {
		if (typeof callback !== 'function') return fail<number>(HBA_STATUS.ERROR_ARG);
		return this.withLocalPort(h, hbaPortWWN, fp => {
			const target = discoveredPortWWN === null ? null : (parseWwn(String(discoveredPortWWN)) ?? null);
			if (!allTargets && target === null) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
			return ok(this.events.add({kind: 'target', cb: callback, user: userData, port: fp.wwpn, target, all: allTargets}));
		});
	}

	HBA_RegisterForLinkEvents(callback: Parameters<HbaApi['HBA_RegisterForLinkEvents']>[0], userData: unknown, h: HBA_HANDLE): HbaResult<HBA_CALLBACKHANDLE> {
		if (typeof callback !== 'function') return fail<number>(HBA_STATUS.ERROR_ARG);
		return this.withHandle(h, handle => ok(this.events.add({kind: 'link', cb: callback, user: userData, ports: physicalWwpns(handle.fca)})));
	}

	Sun_HBA_RegisterForAdapterDeviceEvents(callback: Parameters<HbaApi['Sun_HBA_RegisterForAdapterDeviceEvents']>[0], userData: unknown, h: HBA_HANDLE, PortWWN: Wwn): HbaResult<HBA_CALLBACKHANDLE> {
		if (typeof callback !== 'function') return fail<number>(HBA_STATUS.ERROR_ARG);
		return this.withLocalPort(h, PortWWN, fp => ok(this.events.add({kind: 'device', cb: callback, user: userData, port: fp.wwpn})));
	}

	HBA_RemoveCallback(callbackHandle: number): HBA_STATUS {
		return this.events.remove(callbackHandle) ? HBA_STATUS.OK : HBA_STATUS.ERROR_INVALID_HANDLE;
	}

	// ---- Sun extensions --------------------------------------------------------------------------

	Sun_HBA_GetNumberOfTgtAdapters(): number {
		return 0; // no target-mode HBAs in the lab
	}

	Sun_HBA_OpenTgtAdapterByWWN(_wwn: Wwn): HbaResult<HBA_HANDLE> {
		return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
	}

	Sun_HBA_NPIVGetAdapterAttributes(h: HBA_HANDLE): HbaResult<HBA_ADAPTERATTRIBUTES> {
		// NumberOfPorts counts physical ports only: virtual ports are never adapter ports.
		return this.HBA_GetAdapterAttributes(h);
	}

	Sun_HBA_GetPortNPIVAttributes(h: HBA_HANDLE, portIndex: number): HbaResult<HBA_PORTNPIVATTRIBUTES> {
		const vp = this.vportHandle(h, portIndex);
		// A virtual port reports Max = 0: fcinfo prints "NPIV Not Supported" for it.
		if (vp) return 'status' in vp ? vp : ok({npivflag: 0, NodeWWN: vp.wwnn, PortWWN: vp.wwpn, MaxNumberOfNPIVPorts: 0, NumberOfNPIVPorts: 0});
		return this.withPort(h, portIndex, (handle, port) => {
			if (!handle.validate(port)) return fail(HBA_STATUS.ERROR_STALE_DATA);
			const model = port.model;
			return ok({
				npivflag: model.npiv ? 1 : 0,
				NodeWWN: port.wwnn,
				PortWWN: port.wwpn,
				MaxNumberOfNPIVPorts: model.maxNpivPorts,
				NumberOfNPIVPorts: handle.vportCount(port),
			});
		});
	}

	Sun_HBA_GetNPIVPortInfo(h: HBA_HANDLE, portIndex: number, vportIndex: number): HbaResult<HBA_NPIVATTRIBUTES> {
		return this.withVport(h, portIndex, vportIndex, vp => ok({NodeWWN: vp.wwnn, PortWWN: vp.wwpn}));
	}

	Sun_HBA_GetNPIVPortAttributes(h: HBA_HANDLE, portIndex: number, vportIndex: number): HbaResult<HBA_PORTATTRIBUTES> {
		return this.withVport(h, portIndex, vportIndex, vp => ok(localPortAttributes(vp, vp.fca)));
	}

	Sun_HBA_GetNPIVDiscoveredPortAttributes(h: HBA_HANDLE, portIndex: number, vportIndex: number, discoveredPortIndex: number): HbaResult<HBA_PORTATTRIBUTES> {
		return this.withVport(h, portIndex, vportIndex, vp => {
			const remote = Number.isInteger(discoveredPortIndex) ? vp.remotePorts[discoveredPortIndex] : undefined;
			return remote ? ok(discoveredPortAttributes(remote, vp)) : fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		});
	}

	private withVport<T>(h: HBA_HANDLE, portIndex: number, vportIndex: number, f: (vp: FpPort) => HbaResult<T>): HbaResult<T> {
		return this.withPort(h, portIndex, (handle, port) => {
			const vp = Number.isInteger(vportIndex) ? handle.vportList(port)[vportIndex] : undefined;
			return vp ? f(vp) : fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
		});
	}

	Sun_HBA_CreateNPIVPort(h: HBA_HANDLE, portIndex: number, vnodeWWN: Wwn, vportWWN: Wwn, vindex: number): HbaResult<number> {
		if (this.handle(h)?.vport) return fail(HBA_STATUS.ERROR_NOT_SUPPORTED, 'a virtual port cannot carry virtual ports');
		return this.withPort(h, portIndex, (_handle, port) => {
			const wwnn = parseWwn(String(vnodeWWN));
			const wwpn = parseWwn(String(vportWWN));
			if (!wwnn || !wwpn) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN, 'not a WWN');
			if (/^0+$/.test(wwnn) || /^0+$/.test(wwpn) || wwnn === wwpn) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN, wwnn === wwpn ? 'port WWN is the same as node WWN' : 'a WWN of zeros');
			const result = this.stack.createVirtualPort(port.wwpn, {wwpn, wwnn, index: vindex});
			if (!result.ok) return fail(HBA_STATUS.ERROR, `${result.reason}: ${result.message}`);
			return ok(result.port.vportIndex);
		});
	}

	Sun_HBA_DeleteNPIVPort(h: HBA_HANDLE, portIndex: number, vportWWN: Wwn): HBA_STATUS {
		return this.withPort(h, portIndex, (_handle, port) => {
			const wwpn = parseWwn(String(vportWWN));
			if (!wwpn) return fail(HBA_STATUS.ERROR, 'not a WWN');
			const result = this.stack.deleteVirtualPort(port.wwpn, wwpn);
			return result.ok ? ok(undefined) : fail(HBA_STATUS.ERROR, `${result.reason}: ${result.message}`);
		}).status;
	}

	/** Like libsun_fc, the handle and port index are not looked at: the WWNs come from the OUI and the PRNG. */
	Sun_HBA_AdapterCreateWWN(_h: HBA_HANDLE, _portIndex: number, oui: number | null, method: number): HbaResult<{nwwn: Wwn; pwwn: Wwn}> {
		if (method === HBA_CREATE_WWN_FACTORY) return fail<{nwwn: Wwn; pwwn: Wwn}>(HBA_STATUS.ERROR_NOT_SUPPORTED);
		if (method !== HBA_CREATE_WWN_RANDOM) return fail<{nwwn: Wwn; pwwn: Wwn}>(HBA_STATUS.ERROR_ARG);
		const pair = this.random.next(oui ?? undefined);
		return pair ? ok({nwwn: pair.nwwn, pwwn: pair.pwwn}) : fail<{nwwn: Wwn; pwwn: Wwn}>(HBA_STATUS.ERROR, 'no unused random WWN found');
	}

	/** Returned WWNs stay remembered: a random WWN is never handed out again, in use or not. */
	Sun_HBA_AdapterReturnWWN(h: HBA_HANDLE, portIndex: number, _nwwn: Wwn, _pwwn: Wwn): HBA_STATUS {
		return this.withPort(h, portIndex, () => ok(undefined)).status;
	}

	Sun_HBA_ForceLip(h: HBA_HANDLE): HbaResult<number> {
		return this.withHandle(h, handle => ok(handle.fca.ports[0]!.forceLip() ? 0 : FC_OFFLINE));
	}
}

function physicalWwpns(fca: Fca): ReadonlySet<Wwn> {
	return new Set(fca.ports.map(p => p.wwpn));
}

/**
 * Open adapter handles and their stale-index tracking (libsun_fc Handle/HandlePort). A handle is
 * `(libIndex << 16) | vendorHandle` with libIndex 1 (libsun_fc is the only library in hba.conf)
 * and vendor handles 1..0x7fff, each new one after the previous, wrapping.
 *
 * Index-based calls (GetAdapterPortAttributes, GetDiscoveredPortAttributes, GetPortNPIVAttributes)
 * record the port's lastChange the first time after an open or a refresh; a later call that finds
 * it moved returns STALE_DATA until HBA_RefreshInformation. The virtual port list behind
 * GetNPIVPortInfo is the one seen at that first call, so its indexes match the Number reported.
 */
import type {Fca} from '../driver/Fca.js';
import {ringOf, type FcaPort, type VportSnapshot} from '../driver/FcaPort.js';
import type {FpPort} from '../driver/FpPort.js';
import type {Wwn} from '../sim/Wwn.js';

const LIB_INDEX = 1;
const MAX_VENDOR_HANDLE = 0x7fff;

interface PortTracking {
	lastState: number;
	snapshot: VportSnapshot;
	vports: readonly FpPort[] | undefined;
}

export class OpenHandle {
	private readonly ports = new Map<Wwn, PortTracking>();

	constructor(
		readonly value: number,
		readonly fca: Fca,
		/**
		 * Set when the handle was opened by a virtual port's WWN: the "adapter" is then that one
		 * port (its own fp instance), which reports no NPIV of its own (Max 0).
		 */
		readonly vport?: FpPort,
	) {}

	/** False when the port changed since this handle's first index-based call (STALE_DATA). */
	validate(port: FcaPort): boolean {
		const tracking = this.ports.get(port.wwpn);
		const state = port.physical.lastChange;
		if (!tracking) {
			this.ports.set(port.wwpn, {lastState: state, snapshot: port.vportSnapshot, vports: undefined});
			return true;
		}
		return tracking.lastState === state;
	}

	/** The virtual port list as of the first index-based call (newest first). */
	vportList(port: FcaPort): readonly FpPort[] {
		this.validate(port);
		const tracking = this.ports.get(port.wwpn)!;
		return (tracking.vports ??= ringOf(tracking.snapshot));
	}

	/** vportList(port).length, without making the list. */
	vportCount(port: FcaPort): number {
		this.validate(port);
		return this.ports.get(port.wwpn)!.snapshot.count;
	}

	refresh(): void {
		this.ports.clear();
	}

	/** [port WWN, lastChange seen, virtual ports seen] per port this handle has looked at. */
	liveTracking(): [string, number, number][] {
		return [...this.ports].map(([wwpn, t]) => [wwpn, t.lastState, t.snapshot.count]);
	}

	/**
	 * Puts saved tracking back. The ring seen is rebuilt from the port's ring as it is now: when
	 * the port has not changed since (lastChange equal) that is the same ring; when it has, every
	 * index-based call answers STALE_DATA before it would read it.
	 */
	restoreTracking(tracking: readonly (readonly [string, number, number])[]): void {
		this.ports.clear();
		for (const [wwpn, lastState, count] of tracking) {
			const port = this.fca.ports.find(p => p.wwpn === wwpn);
			if (!port) throw new Error(`saved HBA-API handle tracks port ${wwpn}, which adapter ${this.fca.index} does not have`);
			this.ports.set(port.wwpn, {lastState, snapshot: {created: port.createdOrder, count: Math.min(count, port.createdOrder.length)}, vports: undefined});
		}
	}
}

export class HandleTable {
	private readonly open = new Map<number, OpenHandle>();
	private previous = 0;

	/** A new handle for `fca`, or undefined when all 0x7fff are open. */
	openFor(fca: Fca, vport?: FpPort): OpenHandle | undefined {
		let id = this.previous + 1;
		for (let tries = 0; tries < MAX_VENDOR_HANDLE; tries++, id++) {
			if (id > MAX_VENDOR_HANDLE) id = 1;
			const value = (LIB_INDEX << 16) | id;
			if (this.open.has(value)) continue;
			this.previous = id;
			const handle = new OpenHandle(value, fca, vport);
			this.open.set(value, handle);
			return handle;
		}
		return undefined;
	}

	get(value: number): OpenHandle | undefined {
		return this.open.get(value);
	}

	close(value: number): boolean {
		return this.open.delete(value);
	}

	closeAll(): void {
		this.open.clear();
	}

	/** The last vendor handle handed out and the open handles, for the store. */
	liveState(): HandleTableLive {
		return {
			previous: this.previous,
			open: [...this.open.values()].map(h => [h.value, h.fca.index, h.vport?.wwpn ?? '', h.liveTracking()]),
		};
	}

	restoreLive(state: HandleTableLive, fcas: readonly Fca[], vportByWwn: (wwpn: Wwn) => FpPort | undefined): void {
		this.open.clear();
		this.previous = state.previous;
		for (const [value, fcaIndex, vport, tracking] of state.open) {
			const fca = fcas[fcaIndex];
			if (!fca) throw new Error(`saved HBA-API handle ${value.toString(16)} is on adapter ${fcaIndex}, which the host does not have`);
			const vp = vport ? vportByWwn(vport as Wwn) : undefined;
			if (vport && !vp) throw new Error(`saved HBA-API handle ${value.toString(16)} is open on virtual port ${vport}, which is gone`);
			const handle = new OpenHandle(value, fca, vp);
			handle.restoreTracking(tracking);
			this.open.set(value, handle);
		}
	}
}

export interface HandleTableLive {
	readonly previous: number;
	/** [handle, adapter index, virtual port WWN or '', tracking]. */
	readonly open: readonly (readonly [number, number, string, readonly (readonly [string, number, number])[]])[];
}

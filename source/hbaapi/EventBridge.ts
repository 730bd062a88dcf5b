/**
 * libsun_fc's FCSyseventBridge: EC_sunfc sysevents from the driver become HBA-API callbacks
 * (reference 8). Callbacks are queued when the sysevent is raised and run together from one
 * simulator event right after (syseventd delivers asynchronously), so a callback that calls back
 * into the library never runs inside the driver's own work.
 *
 * Mapping: port_attach -> ADAPTER_ADD; port_detach -> ADAPTER_REMOVE; port_online/offline ->
 * PORT_ONLINE/OFFLINE (and LINK_UP/LINK_DOWN to link listeners); port_rscn -> one PORT_FABRIC per
 * affected page, the page as fabricPortID (and RSCN to link listeners); target_add ->
 * PORT_NEW_TARGETS; target_remove -> TARGET_REMOVED; device_online/offline -> DEVICE_ONLINE/OFFLINE.
 */
import type {Sysevent} from '../driver/Sysevent.js';
import type {Simulator, Timer} from '../sim/Simulator.js';
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import {
	HBA_EVENT,
	type AdapterAddCallback,
	type AdapterCallback,
	type AdapterDeviceCallback,
	type AdapterPortCallback,
	type LinkCallback,
	type TargetCallback,
} from './types.js';

type Listener =
	| {readonly kind: 'adapter-add'; readonly cb: AdapterAddCallback; readonly user: unknown}
	| {readonly kind: 'adapter'; readonly cb: AdapterCallback; readonly user: unknown; readonly ports: ReadonlySet<Wwn>}
	| {readonly kind: 'adapter-port'; readonly cb: AdapterPortCallback; readonly user: unknown; readonly port: Wwn}
	| {readonly kind: 'target'; readonly cb: TargetCallback; readonly user: unknown; readonly port: Wwn; readonly target: Wwn | null; readonly all: boolean}
	| {readonly kind: 'link'; readonly cb: LinkCallback; readonly user: unknown; readonly ports: ReadonlySet<Wwn>}
	| {readonly kind: 'device'; readonly cb: AdapterDeviceCallback; readonly user: unknown; readonly port: Wwn};

export class EventBridge {
	private readonly listeners = new Map<number, Listener>();
	/** Listeners that filter on one port, by that port's WWN (an RSCN storm reaches only its own). */
	private readonly byPort = new Map<Wwn, Set<number>>();
	private readonly global = new Set<number>();
	private nextHandle = 1;
	private queue: (() => void)[] = [];
	private flush: Timer | undefined;
	private unsubscribe: (() => void) | undefined;

	/**
	 * `subscribe` binds to the driver's sysevents. Like libsun_fc (validateRegistration), the
	 * bridge is bound only while a callback is registered, so a library opened for one command and
	 * dropped leaves nothing behind on the stack.
	 */
	constructor(
		private readonly sim: Simulator,
		private readonly subscribe: (listener: (event: Sysevent) => void) => () => void,
	) {}

	/** The next callback handle, for the store. */
	get nextHandleState(): number {
		return this.nextHandle;
	}

	restoreNextHandle(next: number): void {
		this.nextHandle = next;
	}

	/**
	 * Runs `register` (a registration call) so that it gets callback handle `handle` (restore: a
	 * program that kept its callbacks registers them again under their saved handles).
	 */
	withHandle<T>(handle: number, register: () => T): T {
		if (this.listeners.has(handle)) throw new Error(`callback handle ${handle} is already registered`);
		const next = this.nextHandle;
		this.nextHandle = handle;
		try {
			return register();
		} finally {
			this.nextHandle = next;
		}
	}

	add(listener: Listener): number {
		const handle = this.nextHandle++;
		this.listeners.set(handle, listener);
		this.unsubscribe ??= this.subscribe(this.onSysevent);
		if ('port' in listener) {
			let set = this.byPort.get(listener.port);
			if (!set) this.byPort.set(listener.port, (set = new Set()));
			set.add(handle);
		} else {
			this.global.add(handle);
		}
		return handle;
	}

	remove(handle: number): boolean {
		const listener = this.listeners.get(handle);
		if (!listener) return false;
		this.listeners.delete(handle);
		if ('port' in listener) {
			const set = this.byPort.get(listener.port)!;
			set.delete(handle);
			if (set.size === 0) this.byPort.delete(listener.port);
		} else {
			this.global.delete(handle);
		}
		if (this.listeners.size === 0) this.unbind();
		return true;
	}

	removeAll(): void {
		this.listeners.clear();
		this.byPort.clear();
		this.global.clear();
		this.unbind();
	}

	private unbind(): void {
		this.unsubscribe?.();
		this.unsubscribe = undefined;
	}

	private readonly onSysevent = (event: Sysevent): void => {
		const local = this.byPort.get(event.portWwn);
		if (this.global.size === 0 && !local) return;
		for (const handle of this.global) this.match(handle, event);
		if (local) for (const handle of local) this.match(handle, event);
	};

	private match(handle: number, e: Sysevent): void {
		const l = this.listeners.get(handle)!;
		const port = e.portWwn;
		switch (l.kind) {
			case 'adapter-add':
				if (e.subclass === 'port_attach') this.post(handle, () => l.cb(l.user, port, HBA_EVENT.ADAPTER_ADD));
				return;
			case 'adapter':
				if (e.subclass === 'port_detach' && l.ports.has(port)) this.post(handle, () => l.cb(l.user, port, HBA_EVENT.ADAPTER_REMOVE));
				return;
			case 'link': {
				if (!l.ports.has(port)) return;
				const type =
					e.subclass === 'port_online' ? HBA_EVENT.LINK_UP : e.subclass === 'port_offline' ? HBA_EVENT.LINK_DOWN : e.subclass === 'port_rscn' ? HBA_EVENT.RSCN : 0;
				if (type) this.post(handle, () => l.cb(l.user, port, type, undefined, 0));
				return;
			}
			case 'adapter-port':
				if (e.subclass === 'port_online') this.post(handle, () => l.cb(l.user, port, HBA_EVENT.PORT_ONLINE, 0 as FcId));
				else if (e.subclass === 'port_offline') this.post(handle, () => l.cb(l.user, port, HBA_EVENT.PORT_OFFLINE, 0 as FcId));
				else if (e.subclass === 'target_add') this.post(handle, () => l.cb(l.user, port, HBA_EVENT.PORT_NEW_TARGETS, 0 as FcId));
				else if (e.subclass === 'port_rscn') {
					for (const page of e.affectedPages ?? []) this.post(handle, () => l.cb(l.user, port, HBA_EVENT.PORT_FABRIC, page as FcId));
				}
				return;
			case 'target':
				if (e.subclass !== 'target_remove' || !e.targetPortWwn) return;
				if (l.all || l.target === e.targetPortWwn) {
					const target = e.targetPortWwn;
					this.post(handle, () => l.cb(l.user, port, target, HBA_EVENT.TARGET_REMOVED));
				}
				return;
			case 'device':
				if (e.subclass === 'device_online') this.post(handle, () => l.cb(l.user, port, HBA_EVENT.DEVICE_ONLINE, 0 as FcId));
				else if (e.subclass === 'device_offline') this.post(handle, () => l.cb(l.user, port, HBA_EVENT.DEVICE_OFFLINE, 0 as FcId));
				return;
		}
	}

	/** Queues a callback; it runs only if its registration still exists when the queue drains. */
	private post(handle: number, call: () => void): void {
		this.queue.push(() => {
			if (this.listeners.has(handle)) call();
		});
		this.flush ??= this.sim.schedule(0, this.drain, 'hbaapi callbacks');
	}

	private readonly drain = (): void => {
		this.flush = undefined;
		const calls = this.queue;
		this.queue = [];
		for (const call of calls) call();
	};
}

/**
 * What the guest kernels do, as far as dom0 can see it through xenstore: each frontend driver
 * answers its backend (ring-ref and event-channel, Initialised, Connected; Closed when the backend
 * closes), and the guest acts on `control/shutdown`. A guest only acts while it is scheduled: a
 * paused domain's frontends wait, which is why xend waits on hotplug-status, not on frontends.
 */
import type {Simulator} from '../sim/Simulator.js';
import type {WatchCallback, XenStore, XenStoreWatch} from './XenStore.js';
import type {GuestLive} from './XenLive.js';
import type {XenTiming} from './XenTiming.js';
import type {XenDomain, ShutdownReason} from './XenDomain.js';
import {XenbusState} from './Xenbus.js';

export interface GuestHooks {
	domainById(domid: number): XenDomain | undefined;
	/** The guest has stopped itself (SCHEDOP_shutdown) for `reason`. */
	guestShutdown(dom: XenDomain, reason: ShutdownReason): void;
}

interface GuestRecord {
	watches: XenStoreWatch[];
	pending: Set<string>;
	shutdownPending: boolean;
	nextChannel: number;
}

export class GuestFrontends {
	private guests = new Map<number, GuestRecord>();

	constructor(
		private readonly store: XenStore,
		private readonly sim: Simulator,
		private readonly timing: XenTiming,
		private readonly hooks: GuestHooks,
	) {}

	/** Starts watching a new incarnation's frontends (called when its domid is allocated). */
	attach(domid: number): void {
		if (this.guests.has(domid)) return;
		const rec: GuestRecord = {watches: [], pending: new Set(), shutdownPending: false, nextChannel: 0};
		this.guests.set(domid, rec);
		this.watchGuest(domid, rec, (path, token, cb) => this.store.watch(path, token, cb));
	}

	private watchGuest(domid: number, rec: GuestRecord, watch: (path: string, token: string, cb: WatchCallback) => XenStoreWatch): void {
		const onChange = (path: string): void => this.onChange(domid, path);
		rec.watches.push(watch(`/local/domain/${domid}/device`, `frontends-${domid}`, onChange));
		rec.watches.push(watch(`/local/domain/${domid}/control/shutdown`, `shutdown-${domid}`, () => this.reconcileShutdown(domid)));
		for (const cls of ['vbd', 'vif']) rec.watches.push(watch(`/local/domain/0/backend/${cls}/${domid}`, `otherend-${cls}-${domid}`, onChange));
	}

	saveLive(): GuestLive[] {
		return [...this.guests].map(([domid, rec]) => {
			if (rec.pending.size > 0) throw new Error(`guest ${domid} has frontend work pending: its state cannot be saved`);
			return {domid, shutdownPending: rec.shutdownPending, nextChannel: rec.nextChannel};
		});
	}

	/** Saved guests back, their watches registered again under the saved numbers. */
	restoreLive(guests: readonly GuestLive[]): void {
		for (const rec of this.guests.values()) for (const w of rec.watches) this.store.unwatch(w);
		this.guests.clear();
		for (const g of guests) {
			const rec: GuestRecord = {watches: [], pending: new Set(), shutdownPending: g.shutdownPending, nextChannel: g.nextChannel};
			this.guests.set(g.domid, rec);
			this.watchGuest(g.domid, rec, (path, token, cb) => this.store.restoreWatch(path, token, cb));
		}
	}

	detach(domid: number): void {
		const rec = this.guests.get(domid);
		if (!rec) return;
		for (const w of rec.watches) this.store.unwatch(w);
		this.guests.delete(domid);
	}

	/** The domain became scheduled: its kernel catches up with everything it missed. */
	kick(domid: number): void {
		for (const cls of ['vbd', 'vif']) for (const devid of this.store.list(`/local/domain/${domid}/device/${cls}`)) this.reconcile(domid, cls, devid);
		this.reconcileShutdown(domid);
	}

	private onChange(domid: number, path: string): void {
		let m = /^\/local\/domain\/\d+\/device\/([a-z]+)\/(\d+)/.exec(path);
		if (!m) m = /^\/local\/domain\/0\/backend\/([a-z]+)\/\d+\/(\d+)/.exec(path);
		if (m) this.reconcile(domid, m[1]!, m[2]!);
		else if (/^\/local\/domain\/\d+\/device$/.test(path)) this.kick(domid);
	}

	private reconcile(domid: number, cls: string, devid: string): void {
		const rec = this.guests.get(domid);
		const dom = this.hooks.domainById(domid);
		if (!rec || !dom || !dom.scheduled) return;
		const fe = `/local/domain/${domid}/device/${cls}/${devid}`;
		if (!this.store.exists(fe)) return;
		const be = this.store.read(`${fe}/backend`);
		if (!be) return;
		const feState = Number(this.store.read(`${fe}/state`));
		const beState = Number(this.store.read(`${be}/state`) ?? XenbusState.Closed);
		const act = (key: string, fn: () => void): void => {
			if (rec.pending.has(key)) return;
			rec.pending.add(key);
			this.sim.schedule(
				this.timing.frontendMs,
				() => {
					rec.pending.delete(key);
					if (this.guests.get(domid) === rec && dom.scheduled && this.store.exists(fe)) fn();
				},
				`frontend ${fe}`,
			);
		};
		if (feState === XenbusState.Initialising && beState === XenbusState.InitWait) {
			act(`${fe}:init`, () => {
				if (Number(this.store.read(`${fe}/state`)) !== XenbusState.Initialising) return;
				const n = rec.nextChannel++;
				const rings: Record<string, number> = cls === 'vif' ? {'tx-ring-ref': 768 + 2 * n, 'rx-ring-ref': 769 + 2 * n} : {'ring-ref': 8 + n};
				this.store.writeMany(fe, {...rings, 'event-channel': 9 + n, state: XenbusState.Initialised});
			});
		} else if (feState === XenbusState.Initialised && beState === XenbusState.Connected) {
			act(`${fe}:connect`, () => this.store.write(`${fe}/state`, String(XenbusState.Connected)));
		} else if (beState === XenbusState.Closing && feState !== XenbusState.Closed) {
			act(`${fe}:close`, () => this.store.write(`${fe}/state`, String(XenbusState.Closed)));
		}
	}

	private reconcileShutdown(domid: number): void {
		const rec = this.guests.get(domid);
		const dom = this.hooks.domainById(domid);
		if (!rec || !dom || !dom.scheduled || rec.shutdownPending) return;
		const reason = this.store.read(`/local/domain/${domid}/control/shutdown`);
		if (!reason) return;
		rec.shutdownPending = true;
		this.sim.schedule(
			this.timing.guestShutdownMs,
			() => {
				rec.shutdownPending = false;
				if (this.guests.get(domid) !== rec || !dom.scheduled) return;
				const now = this.store.read(`/local/domain/${domid}/control/shutdown`);
				if (now === 'poweroff' || now === 'reboot' || now === 'halt' || now === 'suspend') this.hooks.guestShutdown(dom, now);
			},
			`guest shutdown ${domid}`,
		);
	}
}

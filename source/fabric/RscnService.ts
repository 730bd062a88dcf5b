/**
 * SCR registrations and RSCN distribution for one fabric (the fabric controller, FFFFFD).
 *
 * A change to a port becomes a port-format page for every SCR-registered port zoned with it.
 * Pages are gathered for a coalescing window (`rscnWindowMs`, opened by the first page after a
 * quiet spell) and leave together when it closes: one RSCN per recipient. When one RSCN would
 * carry more than `rscnMaxPages` pages they collapse to area, then domain, then one
 * fabric-format page.
 *
 * Recipients are gathered three ways, so that no change costs more than its zone has members:
 * - one by one, for WWPN zone members;
 * - per switch port, for `domain,index` members: the page goes to a port batch that every
 *   registered login on that port receives when the window closes (with 100 NPIV logins per
 *   port in one port zone, a login costs one batch entry, not 100);
 * - fabric-wide, while no zoning is in effect and the default zone is all-access.
 * Port and fabric batches reach the ports registered when the window closes.
 *
 * Zoning changes send one fabric-format page (qualifier switch-config-changed) to each
 * registered port whose zoning changed (see Fabric.applyZoning): receivers rediscover.
 */
import type {Timer} from '../sim/Simulator.js';
import {formatFcId, type FcId} from '../sim/FcId.js';
import {wwnColons} from '../sim/Wwn.js';
import type {Fabric} from './Fabric.js';
import type {FabricLogin} from './FabricLogin.js';
import {FabricReject} from './FabricReject.js';
import type {FPortLink} from './FPortLink.js';
import type {ElsReply, Rscn, RscnAddressFormat, RscnPage, RscnQualifier, ScrFunction} from './NPort.js';
import type {SwitchPort} from './SwitchPort.js';
import {partnersIn, type ZoneIndex, type ZoneSubject} from './ZoneIndex.js';

type DetectedBy = Rscn['detectedBy'];

/**
 * Pages on their way to one recipient (or to every registered login of a port, or of the
 * fabric). Each page remembers the sequence number of the latest change it reports, so that a
 * port or fabric batch reaches only ports that had registered (SCR) before that change.
 */
class PageBatch {
	pages: RscnPage[] = [];
	seqs: number[] = [];
	/** (level << 24) + affected -> index in pages */
	keys = new Map<number, number>();
	level = 0;
	minSeq = Number.POSITIVE_INFINITY;

	constructor(private readonly maxPages: number) {}

	add(page: RscnPage, seq: number): void {
		if (seq < this.minSeq) this.minSeq = seq;
		const pageLevel = FORMATS.indexOf(page.format);
		if (pageLevel > this.level) this.collapse(pageLevel);
		const key = this.level * 0x1000000 + (page.affected & MASKS[this.level]!);
		const at = this.keys.get(key);
		if (at !== undefined) {
			// The same page again: the latest qualifier wins (a collapsed page stays unspecified).
			if (this.level === pageLevel) this.pages[at] = page;
			if (seq > this.seqs[at]!) this.seqs[at] = seq;
			return;
		}
		this.keys.set(key, this.pages.length);
		this.pages.push(this.level > pageLevel ? convert(page, this.level, 'unspecified') : page);
		this.seqs.push(seq);
		while (this.pages.length > this.maxPages && this.level < 3) this.collapse(this.level + 1);
	}

	private collapse(level: number): void {
		const oldPages = this.pages;
		const oldSeqs = this.seqs;
		this.level = level;
		this.pages = [];
		this.seqs = [];
		this.keys = new Map();
		oldPages.forEach((page, i) => {
			const p = convert(page, level, 'unspecified');
			const key = level * 0x1000000 + p.affected;
			const at = this.keys.get(key);
			if (at === undefined) {
				this.keys.set(key, this.pages.length);
				this.pages.push(p);
				this.seqs.push(oldSeqs[i]!);
			} else if (oldSeqs[i]! > this.seqs[at]!) this.seqs[at] = oldSeqs[i]!;
		});
	}
}

/** A batch on its way to `r`; `registeredAt` filters shared batches (undefined: no filter). */
interface Source {
	readonly batch: PageBatch;
	readonly registeredAt: number | undefined;
}

const FORMATS: readonly RscnAddressFormat[] = ['port', 'area', 'domain', 'fabric'];
const MASKS = [0xffffff, 0xffff00, 0xff0000, 0] as const;
const ACC: ElsReply = Object.freeze({accepted: true as const});

export function wantsRscn(scr: ScrFunction | null, detectedBy: DetectedBy): boolean {
	if (scr === null || scr === 'clear') return false;
	if (scr === 'full') return true;
	return detectedBy === 'fabric' ? scr === 'fabric-detected' : scr === 'nport-detected';
}

export class RscnService {
	private readonly registered = new Set<FabricLogin>();
	private single = new Map<FabricLogin, PageBatch>();
	private singleNport = new Map<FabricLogin, PageBatch>();
	private byPort = new Map<SwitchPort, PageBatch>();
	private everyone: PageBatch | null = null;
	private timer: Timer | undefined;
	private flushes = 0;
	/** Orders changes and SCR registrations. */
	private clock = 0;
	/** Bumped whenever the registrations change (a saved list of them stays good until then). */
	private registrationsChanged = 0;
	/** RSCNs delivered (one per recipient per window). */
	sent = 0;
	/** The last portChanged (see there). */
	private last: {subject: ZoneSubject; affected: FcId; qualifier: RscnQualifier; seq: number; zones: ZoneIndex; timer: Timer | undefined} | undefined;

	constructor(private readonly fabric: Fabric) {}

	scr(link: FPortLink, sid: FcId, fn: ScrFunction): ElsReply {
		const login = link.owned(sid);
		if (!login) return link.alive ? FabricReject.loginRequired : FabricReject.linkDown;
		login.scr = fn === 'clear' ? null : fn;
		login.scrSeq = ++this.clock;
		if (login.scr) this.registered.add(login);
		else this.registered.delete(login);
		this.registrationsChanged++;
		if (this.fabric.recording) {
			this.fabric.emit(login.port.sw, 'fabric.scr', `SCR ${formatFcId(sid)} ${fn}`, {
				fcid: formatFcId(sid),
				wwpn: login.wwpn,
				port: login.port.index,
				function: fn,
			});
		}
		return ACC;
	}

	/** What the store keeps between processes (the service is idle: no window is open). */
	liveState(): {clock: number; flushes: number; sent: number; registered: ReadonlySet<FabricLogin>} {
		if (this.timer || this.pendingBatches > 0) throw new Error('RSCN service is not idle: its state cannot be saved');
		return {clock: this.clock, flushes: this.flushes, sent: this.sent, registered: this.registered};
	}

	restoreLive(state: {clock: number; flushes: number; sent: number; registered: readonly FabricLogin[]}): void {
		this.clock = state.clock;
		this.flushes = state.flushes;
		this.sent = state.sent;
		this.registered.clear();
		for (const l of state.registered) this.registered.add(l);
		this.registrationsChanged++;
		this.last = undefined;
	}

	/** The login is gone: it receives nothing more. */
	forget(login: FabricLogin): void {
		if (this.registered.delete(login)) this.registrationsChanged++;
	}

	/** Changes with every registration or removal of one. */
	get registrationsVersion(): number {
		return this.registrationsChanged;
	}

	/** Logins with an SCR registration, in registration order. */
	get registrants(): ReadonlySet<FabricLogin> {
		return this.registered;
	}

	/** Batches waiting for the window to close (for displays and tests). */
	get pendingBatches(): number {
		return this.single.size + this.singleNport.size + this.byPort.size + (this.everyone ? 1 : 0);
	}

	/** Fabric-detected change of one port: a port-format page to registered ports zoned with it. */
	portChanged(subject: ZoneSubject, affected: FcId, qualifier: RscnQualifier): void {
		const registered = this.registered;
		if (registered.size === 0) return;
		const fabric = this.fabric;
		const mode = fabric.zoneMode;
		if (mode === 'none') return;
		// A port registers four name-server objects in a row, each a change of the same port: when
		// nothing happened since the last change of this subject (no SCR, login, zoning change or
		// closed window: the clock has not moved), the same page would reach the same batches, where
		// it is already. Only its sequence number would grow, and no SCR lies between the two.
		const last = this.last;
		if (last && last.seq === this.clock && last.subject === subject && last.affected === affected && last.qualifier === qualifier && last.zones === fabric.zones && last.timer === this.timer) return;
		const page: RscnPage = {format: 'port', qualifier, affected};
		const seq = ++this.clock;
		this.walkChange(subject, page, seq);
		this.last = {subject, affected, qualifier, seq, zones: fabric.zones, timer: this.timer};
	}

	private walkChange(subject: ZoneSubject, page: RscnPage, seq: number): void {
		const registered = this.registered;
		const fabric = this.fabric;
		const affected = page.affected;
		const mode = fabric.zoneMode;
		if (mode === 'all') {
			this.add((this.everyone ??= this.batch()), page, seq);
			return;
		}
		// Walk whichever is smaller: the registrants, or the subject's zones (a target port can be
		// in 100,000 single-initiator zones while only a handful of ports have registered yet).
		if (registered.size <= fabric.zoneFanOut(subject, registered.size)) {
			for (const peer of registered) {
				if (peer.fcid !== affected && wantsRscn(peer.scr, 'fabric') && fabric.zonedWith(subject, peer)) this.addSingle(peer, page, seq);
			}
			return;
		}
		const zones = fabric.zones.zonesOf(subject);
		for (const zone of zones) {
			const z = partnersIn(zone, subject);
			for (const w of z.wwpns) {
				const peer = fabric.loginByWwpn(w);
				if (peer && peer.fcid !== affected && wantsRscn(peer.scr, 'fabric')) this.addSingle(peer, page, seq);
			}
			for (const key of z.portKeys) {
				const port = fabric.portByKey(key);
				if (port && port.logins.size > 0) {
					let b = this.byPort.get(port);
					if (!b) this.byPort.set(port, (b = this.batch()));
					this.add(b, page, seq);
				}
			}
		}
	}

	/** A zoning change: one fabric-format page to each registered port among `affected`. */
	zoningChanged(affected: Iterable<FabricLogin>): void {
		const page: RscnPage = {format: 'fabric', qualifier: 'switch-config-changed', affected: 0 as FcId};
		const seq = ++this.clock;
		for (const login of affected) if (wantsRscn(login.scr, 'fabric')) this.addSingle(login, page, seq);
	}

	/** RSCN an N_Port sent to FFFFFD: relayed to nport-detected/full registrants zoned with it. */
	nportDetected(link: FPortLink, sid: FcId, pages: readonly RscnPage[]): ElsReply {
		const sender = link.owned(sid);
		if (!sender) return link.alive ? FabricReject.loginRequired : FabricReject.linkDown;
		if (pages.length === 0) return FabricReject.notSupported;
		if (this.fabric.recording) {
			this.fabric.emit(sender.port.sw, 'fabric.rscn', `RSCN received from ${formatFcId(sid)}: ${describePages(pages)}`, {
				dir: 'received',
				fcid: formatFcId(sid),
				wwpn: sender.wwpn,
				pages: pages.length,
				affected: pages.map(p => formatFcId(p.affected)),
			});
		}
		const seq = ++this.clock;
		this.fabric.forEachZonedPeer(sender, peer => {
			if (peer === sender || !wantsRscn(peer.scr, 'nport')) return;
			let b = this.singleNport.get(peer);
			if (!b) this.singleNport.set(peer, (b = this.batch()));
			for (const p of pages) this.add(b, p, seq);
		});
		return ACC;
	}

	private batch(): PageBatch {
		return new PageBatch(this.fabric.ctx.options.rscnMaxPages);
	}

	private addSingle(recipient: FabricLogin, page: RscnPage, seq: number): void {
		let b = this.single.get(recipient);
		if (!b) this.single.set(recipient, (b = this.batch()));
		this.add(b, page, seq);
	}

	private add(b: PageBatch, page: RscnPage, seq: number): void {
		b.add(page, seq);
		if (!this.timer) this.timer = this.fabric.ctx.sim.schedule(this.fabric.ctx.options.rscnWindowMs, () => this.flush(), 'fabric.rscn');
	}

	/** The window closed: one RSCN to each recipient, merging its own, its port's and the fabric-wide pages. */
	private flush(): void {
		this.timer = undefined;
		const flush = this.flushes++;
		const {single, singleNport, byPort, everyone} = this;
		this.single = new Map();
		this.singleNport = new Map();
		this.byPort = new Map();
		this.everyone = null;

		const wants = (l: FabricLogin): boolean => !l.removed && l.link.alive && wantsRscn(l.scr, 'fabric');
		const shared = (b: PageBatch | null | undefined, r: FabricLogin): Source | undefined => (b ? {batch: b, registeredAt: r.scrSeq} : undefined);
		for (const [r, b] of single) {
			r.rscnFlush = flush;
			if (wants(r)) this.deliver(r, 'fabric', [{batch: b, registeredAt: undefined}, shared(byPort.get(r.port), r), shared(everyone, r)]);
		}
		for (const [port, b] of byPort) {
			for (const r of [...port.logins.values()]) {
				if (r.rscnFlush === flush || !wants(r)) continue;
				r.rscnFlush = flush;
				this.deliver(r, 'fabric', [shared(b, r), shared(everyone, r)]);
			}
		}
		if (everyone) {
			for (const r of [...this.registered]) {
				if (r.rscnFlush === flush || !wants(r)) continue;
				r.rscnFlush = flush;
				this.deliver(r, 'fabric', [shared(everyone, r)]);
			}
		}
		for (const [r, b] of singleNport) {
			if (!r.removed && r.link.alive && wantsRscn(r.scr, 'nport')) this.deliver(r, 'nport', [{batch: b, registeredAt: undefined}]);
		}
	}

	private deliver(r: FabricLogin, detectedBy: DetectedBy, sources: readonly (Source | undefined)[]): void {
		// One source that needs no filtering is delivered as is; otherwise merge what passes:
		// pages about changes after the recipient registered, never a page about itself.
		let pages: readonly RscnPage[] | undefined;
		let count = 0;
		let only: Source | undefined;
		for (const s of sources) if (s) (count++, (only = s));
		if (!only) return;
		if (count === 1 && (only.registeredAt === undefined || only.registeredAt < only.batch.minSeq) && !mentions(only.batch.pages, r.fcid)) {
			pages = only.batch.pages;
		} else {
			const m = this.batch();
			for (const s of sources) {
				if (!s) continue;
				const {pages: ps, seqs} = s.batch;
				for (let i = 0; i < ps.length; i++) {
					const p = ps[i]!;
					if (s.registeredAt !== undefined && seqs[i]! <= s.registeredAt) continue;
					if (p.format === 'port' && p.affected === r.fcid) continue;
					m.add(p, seqs[i]!);
				}
			}
			pages = m.pages;
		}
		if (pages.length === 0) return;
		const rscn: Rscn = {detectedBy, pages};
		this.sent++;
		if (this.fabric.recording) {
			this.fabric.emit(r.port.sw, 'fabric.rscn', `RSCN to ${formatFcId(r.fcid)} ${wwnColons(r.wwpn)}: ${describePages(pages)}`, {
				dir: 'sent',
				fcid: formatFcId(r.fcid),
				wwpn: r.wwpn,
				detectedBy,
				format: pages[0]!.format,
				pages: pages.length,
				affected: pages.length <= 8 ? pages.map(p => formatFcId(p.affected)) : [],
			});
		}
		r.endpoint.receiveRscn(r.fcid, rscn);
	}
}

function mentions(pages: readonly RscnPage[], id: FcId): boolean {
	for (const p of pages) if (p.format === 'port' && p.affected === id) return true;
	return false;
}

function convert(page: RscnPage, level: number, qualifier: RscnQualifier): RscnPage {
	const format = FORMATS[level]!;
	if (format === page.format) return page;
	return {format, qualifier, affected: (page.affected & MASKS[level]!) as FcId};
}

export function describePages(pages: readonly RscnPage[]): string {
	const first = pages[0];
	if (!first) return 'no pages';
	const one = first.format === 'fabric' ? `fabric ${first.qualifier}` : `${first.format} ${formatFcId(first.affected)} ${first.qualifier}`;
	return pages.length === 1 ? one : `${pages.length} pages (${one}, ...)`;
}

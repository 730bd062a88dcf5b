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
import type {ZoneSubject} from './ZoneIndex.js';

type DetectedBy = Rscn['detectedBy'];

/** Pages on their way to one recipient (or to every registered login of a port, or of the fabric). */
class PageBatch {
	pages: RscnPage[] = [];
	/** (level << 24) + affected -> index in pages */
	keys = new Map<number, number>();
	level = 0;

	constructor(private readonly maxPages: number) {}

	add(page: RscnPage): void {
		const pageLevel = FORMATS.indexOf(page.format);
		if (pageLevel > this.level) this.collapse(pageLevel);
		const key = this.level * 0x1000000 + (page.affected & MASKS[this.level]!);
		const at = this.keys.get(key);
		if (at !== undefined) {
			// The same page again: the latest qualifier wins (a collapsed page stays unspecified).
			if (this.level === pageLevel) this.pages[at] = page;
			return;
		}
		this.keys.set(key, this.pages.length);
		this.pages.push(this.level > pageLevel ? convert(page, this.level, 'unspecified') : page);
		while (this.pages.length > this.maxPages && this.level < 3) this.collapse(this.level + 1);
	}

	private collapse(level: number): void {
		const old = this.pages;
		this.level = level;
		this.pages = [];
		this.keys = new Map();
		for (const page of old) {
			const p = convert(page, level, 'unspecified');
			const key = level * 0x1000000 + p.affected;
			if (!this.keys.has(key)) {
				this.keys.set(key, this.pages.length);
				this.pages.push(p);
			}
		}
	}
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
	/** RSCNs delivered (one per recipient per window). */
	sent = 0;

	constructor(private readonly fabric: Fabric) {}

	scr(link: FPortLink, sid: FcId, fn: ScrFunction): ElsReply {
		const login = link.owned(sid);
		if (!login) return link.alive ? FabricReject.loginRequired : FabricReject.linkDown;
		login.scr = fn === 'clear' ? null : fn;
		if (login.scr) this.registered.add(login);
		else this.registered.delete(login);
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

	/** The login is gone: it receives nothing more. */
	forget(login: FabricLogin): void {
		this.registered.delete(login);
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
		const page: RscnPage = {format: 'port', qualifier, affected};
		if (mode === 'all') {
			this.add((this.everyone ??= this.batch()), page);
			return;
		}
		// Walk whichever is smaller: the registrants, or the subject's zones (a target port can be
		// in 100,000 single-initiator zones while only a handful of ports have registered yet).
		if (registered.size <= fabric.zoneFanOut(subject, registered.size)) {
			for (const peer of registered) {
				if (peer.fcid !== affected && wantsRscn(peer.scr, 'fabric') && fabric.zonedWith(subject, peer)) this.addSingle(peer, page);
			}
			return;
		}
		const zones = fabric.zones.zonesOf(subject);
		for (const z of zones) {
			for (const w of z.wwpns) {
				const peer = fabric.loginByWwpn(w);
				if (peer && peer.fcid !== affected && wantsRscn(peer.scr, 'fabric')) this.addSingle(peer, page);
			}
			for (const key of z.portKeys) {
				const port = fabric.portByKey(key);
				if (port && port.logins.size > 0) {
					let b = this.byPort.get(port);
					if (!b) this.byPort.set(port, (b = this.batch()));
					this.add(b, page);
				}
			}
		}
	}

	/** A zoning change: one fabric-format page to each registered port among `affected`. */
	zoningChanged(affected: Iterable<FabricLogin>): void {
		const page: RscnPage = {format: 'fabric', qualifier: 'switch-config-changed', affected: 0 as FcId};
		for (const login of affected) if (wantsRscn(login.scr, 'fabric')) this.addSingle(login, page);
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
		this.fabric.forEachZonedPeer(sender, peer => {
			if (peer === sender || !wantsRscn(peer.scr, 'nport')) return;
			let b = this.singleNport.get(peer);
			if (!b) this.singleNport.set(peer, (b = this.batch()));
			for (const p of pages) this.add(b, p);
		});
		return ACC;
	}

	private batch(): PageBatch {
		return new PageBatch(this.fabric.ctx.options.rscnMaxPages);
	}

	private addSingle(recipient: FabricLogin, page: RscnPage): void {
		let b = this.single.get(recipient);
		if (!b) this.single.set(recipient, (b = this.batch()));
		this.add(b, page);
	}

	private add(b: PageBatch, page: RscnPage): void {
		b.add(page);
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
		for (const [r, b] of single) {
			r.rscnFlush = flush;
			if (wants(r)) this.deliver(r, 'fabric', [b, byPort.get(r.port), everyone]);
		}
		for (const [port, b] of byPort) {
			for (const r of [...port.logins.values()]) {
				if (r.rscnFlush === flush || !wants(r)) continue;
				r.rscnFlush = flush;
				this.deliver(r, 'fabric', [b, everyone]);
			}
		}
		if (everyone) {
			for (const r of [...this.registered]) {
				if (r.rscnFlush === flush || !wants(r)) continue;
				r.rscnFlush = flush;
				this.deliver(r, 'fabric', [everyone]);
			}
		}
		for (const [r, b] of singleNport) {
			if (!r.removed && r.link.alive && wantsRscn(r.scr, 'nport')) this.deliver(r, 'nport', [b]);
		}
	}

	private deliver(r: FabricLogin, detectedBy: DetectedBy, sources: readonly (PageBatch | null | undefined)[]): void {
		let merged: readonly RscnPage[] | undefined;
		let only: PageBatch | undefined;
		let count = 0;
		for (const s of sources) if (s) (count++, (only = s));
		if (count === 1) merged = only!.pages;
		else {
			const m = this.batch();
			for (const s of sources) if (s) for (const p of s.pages) m.add(p);
			merged = m.pages;
		}
		// Never tell a port about itself (a port batch carries its own members' changes).
		let pages = merged;
		for (let i = 0; i < merged.length; i++) {
			if (merged[i]!.format === 'port' && merged[i]!.affected === r.fcid) {
				pages = merged.filter(p => !(p.format === 'port' && p.affected === r.fcid));
				break;
			}
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

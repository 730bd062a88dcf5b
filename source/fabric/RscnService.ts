/**
 * SCR registrations and RSCN distribution for one fabric (the fabric controller, FFFFFD).
 *
 * A change to a port becomes a port-format page for every SCR-registered port zoned with it.
 * Pages for one recipient that arrive within the coalescing window leave as a single RSCN; when
 * one RSCN would carry more than `rscnMaxPages` pages they collapse to area, then domain, then
 * one fabric-format page. Batches are kept in opening order, so one Simulator timer (for the
 * oldest batch) serves every recipient, and a storm of 100,000 recipients opened at the same
 * instant is delivered by one event.
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
import type {ZoneSubject} from './ZoneIndex.js';

type DetectedBy = Rscn['detectedBy'];

interface Batch {
	readonly recipient: FabricLogin;
	readonly detectedBy: DetectedBy;
	readonly due: number;
	pages: RscnPage[];
	/** (level << 24) + affected -> index in pages */
	keys: Map<number, number>;
	level: number;
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
	private readonly fabricBatches = new Map<FabricLogin, Batch>();
	private readonly nportBatches = new Map<FabricLogin, Batch>();
	private queue: Batch[] = [];
	private head = 0;
	private timer: Timer | undefined;
	private flushing = false;
	/** RSCNs delivered (one per recipient per batch). */
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

	/** Fabric-detected change of one port: a port-format page to registered ports zoned with it. */
	portChanged(subject: ZoneSubject, affected: FcId, qualifier: RscnQualifier): void {
		const registered = this.registered;
		if (registered.size === 0) return;
		let page: RscnPage | undefined;
		const fabric = this.fabric;
		// Walk whichever is smaller: the registrants, or the subject's zones (a target port can be
		// in 100,000 single-initiator zones while only a handful of ports have registered yet).
		if (registered.size <= fabric.zoneFanOut(subject, registered.size)) {
			for (const peer of registered) {
				if (peer !== subject && wantsRscn(peer.scr, 'fabric') && fabric.zonedWith(subject, peer)) {
					this.add(peer, 'fabric', (page ??= {format: 'port', qualifier, affected}));
				}
			}
			return;
		}
		fabric.forEachZonedPeer(subject, peer => {
			if (peer !== subject && wantsRscn(peer.scr, 'fabric')) this.add(peer, 'fabric', (page ??= {format: 'port', qualifier, affected}));
		});
	}

	/** A zoning change: one fabric-format page to each registered port among `affected`. */
	zoningChanged(affected: Iterable<FabricLogin>): void {
		const page: RscnPage = {format: 'fabric', qualifier: 'switch-config-changed', affected: 0 as FcId};
		for (const login of affected) if (wantsRscn(login.scr, 'fabric')) this.add(login, 'fabric', page);
	}

	/** RSCN an N_Port sent to FFFFFD: relayed to nport-detected/full registrants zoned with it. */
	nportDetected(link: FPortLink, sid: FcId, pages: readonly RscnPage[]): ElsReply {
		const sender = link.owned(sid);
		if (!sender) return link.alive ? FabricReject.loginRequired : FabricReject.linkDown;
		if (pages.length === 0) return FabricReject.notSupported;
		this.fabric.emit(sender.port.sw, 'fabric.rscn', `RSCN received from ${formatFcId(sid)}: ${describePages(pages)}`, {
			dir: 'received',
			fcid: formatFcId(sid),
			wwpn: sender.wwpn,
			pages: pages.length,
			affected: pages.map(p => formatFcId(p.affected)),
		});
		this.fabric.forEachZonedPeer(sender, peer => {
			if (peer === sender || !wantsRscn(peer.scr, 'nport')) return;
			for (const p of pages) this.add(peer, 'nport', p);
		});
		return ACC;
	}

	/** Batches waiting for their window to close (for displays and tests). */
	get pendingBatches(): number {
		return this.fabricBatches.size + this.nportBatches.size;
	}

	private add(recipient: FabricLogin, detectedBy: DetectedBy, page: RscnPage): void {
		const map = detectedBy === 'fabric' ? this.fabricBatches : this.nportBatches;
		let batch = map.get(recipient);
		if (!batch) {
			batch = {
				recipient,
				detectedBy,
				due: this.fabric.ctx.sim.now + this.fabric.ctx.options.rscnWindowMs,
				pages: [],
				keys: new Map(),
				level: 0,
			};
			map.set(recipient, batch);
			this.queue.push(batch);
			this.arm();
		}
		this.addPage(batch, page);
	}

	private addPage(b: Batch, page: RscnPage): void {
		const pageLevel = FORMATS.indexOf(page.format);
		if (pageLevel > b.level) this.collapse(b, pageLevel);
		const key = b.level * 0x1000000 + (page.affected & MASKS[b.level]!);
		const at = b.keys.get(key);
		if (at !== undefined) {
			// Same page again: the latest qualifier wins (a collapsed page stays unspecified).
			if (b.level === pageLevel) b.pages[at] = page;
			return;
		}
		b.keys.set(key, b.pages.length);
		b.pages.push(b.level > pageLevel ? convert(page, b.level, 'unspecified') : page);
		const max = this.fabric.ctx.options.rscnMaxPages;
		while (b.pages.length > max && b.level < 3) this.collapse(b, b.level + 1);
	}

	private collapse(b: Batch, level: number): void {
		const old = b.pages;
		b.level = level;
		b.pages = [];
		b.keys = new Map();
		for (const page of old) {
			const p = convert(page, level, 'unspecified');
			const key = level * 0x1000000 + p.affected;
			if (!b.keys.has(key)) {
				b.keys.set(key, b.pages.length);
				b.pages.push(p);
			}
		}
	}

	private arm(): void {
		if (this.timer || this.flushing) return;
		const next = this.queue[this.head];
		if (next) this.timer = this.fabric.ctx.sim.at(next.due, () => this.flush(), 'fabric.rscn');
	}

	private flush(): void {
		this.timer = undefined;
		this.flushing = true;
		const now = this.fabric.ctx.sim.now;
		try {
			while (this.head < this.queue.length && this.queue[this.head]!.due <= now) {
				const b = this.queue[this.head++]!;
				const map = b.detectedBy === 'fabric' ? this.fabricBatches : this.nportBatches;
				if (map.get(b.recipient) === b) map.delete(b.recipient);
				this.deliver(b);
			}
			if (this.head > 1024 && this.head * 2 > this.queue.length) {
				this.queue = this.queue.slice(this.head);
				this.head = 0;
			}
		} finally {
			this.flushing = false;
		}
		this.arm();
	}

	private deliver(b: Batch): void {
		const r = b.recipient;
		if (r.removed || !r.link.alive || !wantsRscn(r.scr, b.detectedBy)) return;
		const rscn: Rscn = {detectedBy: b.detectedBy, pages: b.pages};
		this.sent++;
		if (this.fabric.recording) this.fabric.emit(
			r.port.sw,
			'fabric.rscn',
			`RSCN to ${formatFcId(r.fcid)} ${wwnColons(r.wwpn)}: ${describePages(b.pages)}`,
			{
				dir: 'sent',
				fcid: formatFcId(r.fcid),
				wwpn: r.wwpn,
				detectedBy: b.detectedBy,
				format: b.pages[0]!.format,
				pages: b.pages.length,
				affected: b.pages.length <= 8 ? b.pages.map(p => formatFcId(p.affected)) : [],
			},
		);
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

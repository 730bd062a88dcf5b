/**
 * One host's xenstore: a tree of string values with watches and optional transactions, as
 * xenstored keeps it. A watch on a path fires for a change to that path or anything below it, and
 * for the removal of an ancestor; it also fires once when registered. Watch events are delivered
 * through the Simulator (after `watchMs`), in the order the changes were made, never from inside
 * the write that caused them, as a real watch arrives on a separate socket.
 */
import type {Simulator} from '../sim/Simulator.js';
import type {EventLog} from '../sim/EventLog.js';
import type {XenStoreLive, XenStoreNodeLive} from './XenLive.js';

export type WatchCallback = (path: string, token: string) => void;

export interface XenStoreWatch {
	readonly path: string;
	readonly token: string;
}

interface WatchEntry extends XenStoreWatch {
	readonly cb: WatchCallback;
	readonly seq: number;
	active: boolean;
}

interface Node {
	value: string;
	/** Generation of the last change to this node (transactions compare it). */
	gen: number;
	children: Map<string, Node>;
}

export class XenStoreError extends Error {}

export class XenStore {
	private root: Node = {value: '', gen: 0, children: new Map()};
	/** Watches by path, so a write finds its watchers by walking up its own path. */
	private watches = new Map<string, WatchEntry[]>();
	private watchSeq = 0;
	private gen = 0;
	/** During a restore: saved watches not yet registered again, with their numbers. */
	private awaited: Map<string, number> | undefined;

	constructor(
		private readonly sim: Simulator,
		private readonly log: EventLog,
		/** Event source name, e.g. `xenstore@dom0-a`. */
		readonly source: string,
		private readonly watchMs = 1,
	) {}

	read(path: string): string | undefined {
		return this.find(path)?.value;
	}

	exists(path: string): boolean {
		return this.find(path) !== undefined;
	}

	/** Child names in creation order (xenstore `directory`). */
	list(path: string): string[] {
		const node = this.find(path);
		return node ? [...node.children.keys()] : [];
	}

	write(path: string, value: string): void {
		this.apply([[path, value]]);
		this.log.emit(this.source, 'xvm.xenstore.write', `${path} = "${value}"`, {path, value});
	}

	/** Writes several keys under `base` as one change (one log event), as xend's transactions do. */
	writeMany(base: string, record: Readonly<Record<string, string | number>>): void {
		const entries = Object.entries(record).map(([k, v]) => [`${base}/${k}`, String(v)] as [string, string]);
		if (entries.length === 0) this.apply([[base, '']]);
		else this.apply(entries);
		this.log.emit(this.source, 'xvm.xenstore.write', `${base}/ {${Object.keys(record).join(', ')}}`, {
			path: base,
			keys: Object.keys(record),
		});
	}

	rm(path: string): void {
		const parts = split(path);
		if (parts.length === 0) throw new XenStoreError('cannot remove the root');
		const parent = this.find(join(parts.slice(0, -1)));
		if (!parent || !parent.children.has(parts.at(-1)!)) return;
		parent.children.delete(parts.at(-1)!);
		parent.gen = ++this.gen;
		this.fire(join(parts), true);
		this.log.emit(this.source, 'xvm.xenstore.rm', `rm ${join(parts)}`, {path: join(parts)});
	}

	watch(path: string, token: string, cb: WatchCallback): XenStoreWatch {
		const w: WatchEntry = {path: join(split(path)), token, cb, seq: this.watchSeq++, active: true};
		const list = this.watches.get(w.path);
		if (list) list.push(w);
		else this.watches.set(w.path, [w]);
		this.deliver(w, w.path);
		return w;
	}

	unwatch(handle: XenStoreWatch): void {
		const w = handle as WatchEntry;
		if (!w.active) return;
		w.active = false;
		const list = this.watches.get(w.path);
		if (!list) return;
		const i = list.indexOf(w);
		if (i >= 0) list.splice(i, 1);
		if (list.length === 0) this.watches.delete(w.path);
	}

	// ---- live state -----------------------------------------------------------------------

	saveLive(): XenStoreLive {
		const node = (name: string, n: Node): XenStoreNodeLive => [name, n.value, n.gen, [...n.children].map(([k, c]) => node(k, c))];
		const watches: [string, string, number][] = [];
		for (const list of this.watches.values()) for (const w of list) watches.push([w.path, w.token, w.seq]);
		watches.sort((a, b) => a[2] - b[2]);
		return {root: node('', this.root), gen: this.gen, watchSeq: this.watchSeq, watches};
	}

	/**
	 * Puts the saved tree back. The watches registered so far (by constructors) must be the saved
	 * ones with the same numbers; the others are expected from their owners' restoreWatch, and
	 * checkWatchesRestored says whether every one came back.
	 */
	restoreLive(live: XenStoreLive): void {
		const node = ([, value, gen, children]: XenStoreNodeLive): Node => ({value, gen, children: new Map(children.map(c => [c[0], node(c)]))});
		this.root = node(live.root);
		this.gen = live.gen;
		const expected = new Map<string, number>();
		for (const [path, token, seq] of live.watches) expected.set(`${path}\u0000${token}`, seq);
		for (const list of this.watches.values()) {
			for (const w of list) {
				const key = `${w.path}\u0000${w.token}`;
				if (expected.get(key) !== w.seq) throw new XenStoreError(`saved xenstore of ${this.source} has no watch ${w.token} on ${w.path} numbered ${w.seq}`);
				expected.delete(key);
			}
		}
		this.awaited = expected;
		this.watchSeq = live.watchSeq;
	}

	/** Registers a watch its owner had when the state was saved: its saved number, no first event. */
	restoreWatch(path: string, token: string, cb: WatchCallback): XenStoreWatch {
		const p = join(split(path));
		const key = `${p}\u0000${token}`;
		const seq = this.awaited?.get(key);
		if (seq === undefined) throw new XenStoreError(`saved xenstore of ${this.source} has no watch ${token} on ${p}`);
		this.awaited!.delete(key);
		const w: WatchEntry = {path: p, token, cb, seq, active: true};
		const list = this.watches.get(w.path);
		if (list) {
			list.push(w);
			list.sort((a, b) => a.seq - b.seq);
		} else this.watches.set(w.path, [w]);
		return w;
	}

	/** Throws when a saved watch was not registered again by its owner. */
	checkWatchesRestored(): void {
		const left = [...(this.awaited ?? new Map<string, number>()).keys()];
		this.awaited = undefined;
		if (left.length > 0) throw new XenStoreError(`saved xenstore of ${this.source}: ${left.length} watch(es) not restored (${left[0]!.replace('\u0000', ' ')})`);
	}

	/** Watches registered (for tests and the console's xenstore view). */
	get watchCount(): number {
		let n = 0;
		for (const list of this.watches.values()) n += list.length;
		return n;
	}

	/** Starts a transaction: reads see the store as of now plus the transaction's own writes. */
	transaction(): XenStoreTransaction {
		return new XenStoreTransaction(this, this.gen);
	}

	/** `xenstore-ls` style dump of a subtree. */
	dump(path = '/'): string {
		const node = this.find(path);
		if (!node) return '';
		const out: string[] = [];
		const walk = (n: Node, depth: number): void => {
			for (const [name, child] of n.children) {
				out.push(`${' '.repeat(depth)}${name} = "${child.value}"`);
				walk(child, depth + 1);
			}
		};
		walk(node, 0);
		return out.length ? out.join('\n') + '\n' : '';
	}

	/** Generation of the newest change at or below `path` (0 if absent). */
	generation(path: string): number {
		const node = this.find(path);
		return node ? node.gen : 0;
	}

	/** @internal applies writes and fires watches; used by write, writeMany and transactions. */
	apply(entries: readonly (readonly [string, string])[]): void {
		const changed: string[] = [];
		for (const [path, value] of entries) {
			const parts = split(path);
			let node = this.root;
			for (const part of parts) {
				let child = node.children.get(part);
				if (!child) {
					child = {value: '', gen: 0, children: new Map()};
					node.children.set(part, child);
					node.gen = ++this.gen;
				}
				node = child;
			}
			node.value = value;
			node.gen = ++this.gen;
			changed.push(join(parts));
		}
		for (const p of changed) this.fire(p, false);
	}

	private find(path: string): Node | undefined {
		let node: Node | undefined = this.root;
		for (const part of split(path)) {
			node = node.children.get(part);
			if (!node) return undefined;
		}
		return node;
	}

	private fire(path: string, removed: boolean): void {
		const hits: {w: WatchEntry; at: string}[] = [];
		// Watches on the path itself and on every ancestor.
		let prefix = '';
		for (const part of ['', ...split(path)]) {
			prefix = part === '' ? '/' : prefix === '/' ? `/${part}` : `${prefix}/${part}`;
			const list = this.watches.get(prefix);
			if (list) for (const w of list) hits.push({w, at: path});
		}
		// A removal also fires the watches below it, with their own path.
		if (removed) {
			const below = `${path}/`;
			for (const [p, list] of this.watches) if (p.startsWith(below)) for (const w of list) hits.push({w, at: w.path});
		}
		if (hits.length > 1) hits.sort((a, b) => a.w.seq - b.w.seq);
		for (const h of hits) this.deliver(h.w, h.at);
	}

	private deliver(w: WatchEntry, path: string): void {
		this.sim.schedule(
			this.watchMs,
			() => {
				if (w.active) w.cb(path, w.token);
			},
			`xs-watch ${w.token}`,
		);
	}
}

export class XenStoreTransaction {
	private writes = new Map<string, string | null>();
	private touched = new Set<string>();
	private ended = false;

	constructor(
		private readonly store: XenStore,
		private readonly startGen: number,
	) {}

	read(path: string): string | undefined {
		this.touched.add(path);
		const w = this.writes.get(path);
		if (w === null) return undefined;
		return w ?? this.store.read(path);
	}

	write(path: string, value: string): void {
		this.touched.add(path);
		this.writes.set(path, value);
	}

	/** Commits; false (EAGAIN) when a path this transaction read or wrote changed meanwhile. */
	commit(): boolean {
		if (this.ended) throw new XenStoreError('transaction already ended');
		this.ended = true;
		for (const p of this.touched) if (this.store.generation(p) > this.startGen) return false;
		const entries = [...this.writes].filter(([, v]) => v !== null) as [string, string][];
		if (entries.length) this.store.apply(entries);
		return true;
	}

	abort(): void {
		this.ended = true;
	}
}

function split(path: string): string[] {
	return path.split('/').filter(s => s.length > 0);
}

function join(parts: readonly string[]): string {
	return `/${parts.join('/')}`;
}

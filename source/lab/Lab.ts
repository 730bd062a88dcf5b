/**
 * One running lab: the world restored (or booted) from a store document, the commands run in it,
 * and the document to save when something changed. This is the one way in for the CLI, the
 * console, sessions and the importable library, so that a command means the same thing
 * everywhere and the process boundary stays invisible: a sequence of commands gives the same
 * bytes and the same events whether it runs in one Lab or in a fresh Lab per command.
 *
 * A Lab knows whether it changed since its document: the clock, the PRNG, the event log, the
 * configuration, or the live state of any part it touched. A read-only command changes none of
 * them, so nothing is written.
 */
import type {CommandOutput} from '../commands/CommandOutput.js';
import {dispatchFamily} from '../commands/families/dispatchFamily.js';
import type {GlobalOptions} from '../commands/GlobalOptions.js';
import type {StoreDocument} from '../store/index.js';
import {readInputFile} from '../store/InputFile.js';
import {canCreateOutputFile, writeOutputFile} from '../store/OutputFile.js';
import type {LabConfig} from '../world/LabConfig.js';
import {World, type BootOptions} from '../world/World.js';
import {sameLiveText, type LiveText} from '../world/WorldDocument.js';
import {portListService} from './PortListReplay.js';
import {LabJournal} from './serve/LabOps.js';

/** Why a lab booted rather than restoring its saved state. */
export type BootReason = 'new' | 'no-live-state' | 'edited';

export interface LabOpenOptions {
	/** Set by the store when the document's live state belonged to another configuration. */
	readonly liveSetAside?: string;
	/** For a boot: whether to record its events (default: only a new store's), and its progress. */
	readonly boot?: BootOptions;
}

export interface LabRunOptions {
	readonly globals: GlobalOptions;
	/**
	 * Run the SAN to quiescence after the command (the CLI, a session's `run`). The live console
	 * passes false: the command starts the work and the running clock carries it on.
	 */
	readonly settle: boolean;
	/** Typed at the console: tools that would ask a question print it answered. */
	readonly confirmed?: boolean;
	/** Files a command names (xm create CONFIG): default, read capped, regular files only (store/InputFile). */
	readonly readFile?: (path: string) => string;
	/** Files a command writes (xm save FILE): default, whole or not at all (store/OutputFile). */
	readonly writeFile?: (path: string, text: string) => boolean;
	/** Asked before a command that will write changes anything; default: the folder is writable. */
	readonly canWrite?: (path: string) => boolean;
}

export interface CommandResult extends CommandOutput {
	readonly family: string;
	readonly argv: readonly string[];
}

export class Lab {
	readonly world: World;
	/** Set when this lab booted (until its first save); `note` says why in one line when the operator should know. */
	boot: {readonly reason: BootReason; readonly note?: string} | undefined;
	/** What moved the lab since its document, for consoles that attach to a served lab. */
	readonly journal = new LabJournal();
	private commandChanged = false;
	private document: StoreDocument;

	private constructor(base: StoreDocument, options: LabOpenOptions) {
		this.document = base;
		if (base.live) {
			this.world = new World(base, {live: base.live});
			this.boot = undefined;
			return;
		}
		const fresh = base.clock === 0 && base.events.length === 0;
		this.world = new World(base);
		this.world.boot(portListService(this.world), {record: fresh, ...options.boot});
		if (fresh) this.boot = {reason: 'new'};
		else if (options.liveSetAside) this.boot = {reason: 'edited', note: `npiv: booted the lab from its configuration: ${options.liveSetAside}`};
		else this.boot = {reason: 'no-live-state'};
	}

	/** The lab of a document: restored from its live state, or booted when it has none. */
	static open(doc: StoreDocument, options: LabOpenOptions = {}): Lab {
		return new Lab(doc, options);
	}

	/** Runs one command of a family (fcinfo, fcadm, xm, switch, storage, fault, link, events). */
	run(family: string, argv: readonly string[], options: LabRunOptions): CommandResult {
		const output = dispatchFamily(family, argv, {
			world: this.world,
			globals: options.globals,
			readFile: options.readFile ?? (path => readInputFile(path)),
			writeFile: options.writeFile ?? writeOutputFile,
			...(options.canWrite ? {canWrite: options.canWrite} : options.writeFile ? {} : {canWrite: canCreateOutputFile}),
			settle: options.settle,
			...(options.confirmed ? {confirmed: true} : {}),
		});
		if (options.settle) this.world.runUntilIdle();
		if (output.changed) this.commandChanged = true;
		return {...output, family, argv};
	}

	/** The document the lab stands on (as read from the store, or as last saved). */
	get base(): StoreDocument {
		return this.document;
	}

	/** The lab was saved as `saved`: changes are counted from there on. */
	rebase(saved: StoreDocument): void {
		this.document = saved;
		this.journal.saved();
		this.commandChanged = false;
		this.boot = undefined;
	}

	/** True while the simulator has work pending (a live console mid-migration, say). */
	get busy(): boolean {
		return this.world.sim.pending > 0;
	}

	/**
	 * The document to save, or undefined when nothing changed since `base` (then nothing needs
	 * writing). The SAN must be idle. `ignoreClock`: simulated time passing is not by itself a
	 * change (a console's clock runs on while nothing happens); it is saved with the next one.
	 */
	nextDocument(options: {readonly ignoreClock?: boolean} = {}): StoreDocument | undefined {
		const world = this.world;
		const base = this.base;
		const lab = world.exportLab();
		const labChanged = !sameLab(lab, base.lab);
		const live = world.saveLive();
		const was = base.live;
		const same = (a: readonly LiveText[], b: readonly LiveText[]): boolean => a.length === b.length && a.every((x, i) => sameLiveText(x, b[i]!));
		const liveChanged = !was || !sameLiveText(live.media, was.media) || !sameLiveText(live.xen, was.xen) || !same(live.fabrics, was.fabrics) || !same(live.hosts, was.hosts);
		const prng = world.prng.state;
		const events = world.log.entries();
		const changed =
			this.boot !== undefined ||
			this.commandChanged ||
			labChanged ||
			liveChanged ||
			(!options.ignoreClock && world.sim.now !== base.clock) ||
			prng.some((w, i) => w !== base.prng[i]) ||
			world.log.lastSeq !== (base.events.at(-1)?.seq ?? -1) ||
			events.length !== base.events.length;
		if (!changed) return undefined;
		this.journal.mark();
		return {...base, lab, prng: [...prng] as unknown as StoreDocument['prng'], clock: world.sim.now, events: [...events], retiredWwns: world.wwns.handedOut(), live};
	}
}

/**
 * Whether two configurations are the same. Parts the world never touched come back as the very
 * objects it was given, so most of a 100,000-port lab compares by identity.
 */
function sameLab(a: LabConfig, b: LabConfig): boolean {
	if (a === b) return true;
	const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof LabConfig)[]);
	for (const key of keys) {
		const x = a[key];
		const y = b[key];
		if (x === y) continue;
		if (key === 'hosts') {
			if (!sameHosts(a.hosts, b.hosts)) return false;
			continue;
		}
		// A list whose items are the very items it had (arrays nothing changed): no text compared.
		if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((item, i) => item === y[i])) continue;
		if (JSON.stringify(x) !== JSON.stringify(y)) return false;
	}
	return true;
}

function sameHosts(a: LabConfig['hosts'], b: LabConfig['hosts']): boolean {
	if (a.length !== b.length) return false;
	return a.every((h, i) => {
		const o = b[i]!;
		if (h === o) return true;
		const {npivPorts: hp, ...hr} = h;
		const {npivPorts: op, ...or} = o;
		return hp.length === op.length && hp.every((p, j) => p === op[j]) && JSON.stringify(hr) === JSON.stringify(or);
	});
}

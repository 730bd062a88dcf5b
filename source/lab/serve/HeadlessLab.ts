/**
 * The lab `npiv lab serve` holds: the store's lab, open in memory, running clients' commands one
 * at a time exactly as a one-shot process would, and saving after every change. Its clock moves
 * only with the commands, as between one-shot commands.
 *
 * A change holds the store's lock from its start to its save (LiveLab), so a process that writes
 * the store itself (`--no-server`) never loses a change to the server, and before each command the
 * server takes in whatever such a process saved.
 */
import {commandError, type CommandOutput} from '../../commands/CommandOutput.js';
import {parseEventsArgs} from '../../commands/events/eventsCommand.js';
import type {GlobalOptions} from '../../commands/GlobalOptions.js';
import type {SanEvent} from '../../sim/EventLog.js';
import {isStoreError, openStore, type Store} from '../../store/index.js';
import {WorldError} from '../../world/WorldError.js';
import {Lab} from '../Lab.js';
import {LiveLab} from '../LiveLab.js';
import {runScenarioFamily} from '../ScenarioFamily.js';
import {checkOf, clientFiles, runRecorded, sameCheck, stepClock, type LabCheck, type LabOp} from './LabOps.js';
import type {ServedLab, ServedRun} from './ServedLab.js';
import type {AttachPoint, ClockAction, ClockState} from './ServeProtocol.js';

const HEADLESS_CLOCK: ClockState = {moving: false, running: false, speed: 1};

export class HeadlessLab implements ServedLab {
	readonly by = 'headless';
	private queue: Promise<unknown> = Promise.resolve();
	private readonly listeners = new Set<(events: readonly SanEvent[]) => void>();
	private readonly opListeners = new Set<(op: LabOp, check: LabCheck) => void>();
	private lastSeq: number;

	private constructor(
		private readonly store: Store,
		private readonly live: LiveLab,
		/** Said once when the server opened the lab (a boot from a hand-edited configuration). */
		readonly openingNote: string | undefined,
	) {
		this.lastSeq = live.lab.world.log.lastSeq;
	}

	/** Opens the store's lab (restored, or booted and saved when it has no live state yet). */
	static async open(statePath: string, options: {readonly seed?: number} = {}): Promise<HeadlessLab> {
		const store = await openStore(statePath, options.seed === undefined ? {} : {seed: options.seed});
		const lab = Lab.open(store.document, store.liveSetAside ? {liveSetAside: store.liveSetAside} : {});
		let served: HeadlessLab | undefined;
		const live = new LiveLab(store, lab, {
			replaced: next => {
				served?.publish({kind: 'reload', revision: next.base.revision, at: next.world.sim.now}, false);
				served?.announce();
			},
			note: () => undefined,
		});
		served = new HeadlessLab(store, live, lab.boot?.note);
		if (lab.boot) {
			await live.begin();
			await live.settle();
		}
		return served;
	}

	/** Virtual ports as configured: the hosts' port lists and the NPIV ports of domains that are not halted. */
	get vports(): number {
		const lab = this.live.lab.world.exportLab();
		return lab.hosts.reduce((n, h) => n + h.npivPorts.length, 0) + lab.domains.reduce((n, d) => n + (d.state === 'halted' ? 0 : (d.npiv?.length ?? 0)), 0);
	}

	/** The lab as it is now (tests compare attached consoles with it). */
	get currentLab(): Lab {
		return this.live.lab;
	}

	get revision(): number {
		return this.live.revision;
	}

	events(): readonly SanEvent[] {
		return this.live.lab.world.log.entries();
	}

	onEvents(listener: (events: readonly SanEvent[]) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	run(request: ServedRun): Promise<CommandOutput> {
		return this.enqueue(() => this.execute(request, {}, false));
	}

	attach(): AttachPoint {
		const lab = this.live.lab;
		return {revision: lab.base.revision, ops: [...lab.journal.entries], check: checkOf(lab), clock: HEADLESS_CLOCK};
	}

	onOp(listener: (op: LabOp, check: LabCheck) => void): () => void {
		this.opListeners.add(listener);
		return () => this.opListeners.delete(listener);
	}

	/** A headless lab's clock never moves on its own: nothing to tell. */
	onClock(): () => void {
		return () => undefined;
	}

	/** Served headless, a console's action runs to quiescence, as a one-shot command would. */
	runForConsole(request: ServedRun & {readonly files: Readonly<Record<string, string>>}): Promise<CommandOutput> {
		return this.enqueue(() => this.execute(request, request.files, true));
	}

	clock(action: ClockAction): Promise<string | null> {
		if (action !== 'step') return Promise.resolve("the lab is served by 'npiv lab serve': its clock moves only with commands ('.' steps it)");
		return this.enqueue(async () => {
			await this.live.check();
			this.publish(stepClock(this.live.lab), true);
			this.announce();
			return null;
		});
	}

	async close(): Promise<void> {
		await this.queue.catch(() => undefined);
		await this.live.close();
	}

	private enqueue<T>(job: () => Promise<T>): Promise<T> {
		const run = this.queue.then(job);
		this.queue = run.catch(() => undefined);
		return run;
	}

	/** Tells attached consoles; `journal`: the operation is not covered by a save, so a console attaching later replays it too. */
	private publish(op: LabOp, journal: boolean): void {
		const lab = this.live.lab;
		if (journal) lab.journal.record(op);
		const check = checkOf(lab);
		for (const listener of this.opListeners) listener(op, check);
	}

	private async execute(request: ServedRun, files: Readonly<Record<string, string>>, confirmed: boolean): Promise<CommandOutput> {
		const {family, argv, cwd} = request;
		const globals: GlobalOptions = {...request.globals, statePath: this.store.file};
		try {
			// Whatever another process saved since is the lab now.
			await this.live.check();
			if (family === 'scenario') {
				const output = await runScenarioFamily(this.store, argv, globals, {cwd});
				await this.live.check();
				return output;
			}
			if (family === 'events') {
				const query = parseEventsArgs(argv);
				if (!('exitCode' in query) && query.follow) return commandError('npiv events: --follow goes through its own request');
				return this.live.lab.run(family, argv, {globals, settle: true});
			}
			await this.live.begin();
			const before = checkOf(this.live.lab);
			let run: {output: CommandOutput; op: LabOp};
			try {
				run = runRecorded(this.live.lab, family, argv, {
					globals,
					requestGlobals: request.globals,
					settle: true,
					confirmed,
					...clientFiles(cwd, files),
				});
			} catch (error) {
				await this.live.abandon();
				throw error;
			}
			const {output, op} = run;
			const saved = await this.live.settle();
			// Saved: the store holds it. Not saved and nothing moved: a read, nobody needs to replay it.
			if (saved.saved) this.publish(op, false);
			else if (!sameCheck(before, checkOf(this.live.lab)) || output.changed) this.publish(op, true);
			return saved.note ? {...output, stderr: `${output.stderr}npiv: ${saved.note}\n`} : output;
		} catch (error) {
			if (isStoreError(error) || error instanceof WorldError) return commandError(`npiv: ${(error as Error).message}`);
			throw error;
		} finally {
			this.announce();
		}
	}

	/** Tells followers about the events logged since they last heard. */
	private announce(): void {
		const fresh = this.live.lab.world.log.entries().filter(e => e.seq > this.lastSeq);
		if (fresh.length === 0) return;
		this.lastSeq = fresh.at(-1)!.seq;
		for (const listener of this.listeners) listener(fresh);
	}
}

/**
 * The lab `npiv lab serve` holds: the store's lab, open in memory, running clients' commands one
 * at a time exactly as a one-shot process would, and saving after every change. Its clock moves
 * only with the commands, as between one-shot commands.
 *
 * A change holds the store's lock from its start to its save (LiveLab), so a process that writes
 * the store itself (`--no-server`) never loses a change to the server, and before each command the
 * server takes in whatever such a process saved.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {commandError, type CommandOutput} from '../../commands/CommandOutput.js';
import {parseEventsArgs} from '../../commands/events/eventsCommand.js';
import type {GlobalOptions} from '../../commands/GlobalOptions.js';
import type {SanEvent} from '../../sim/EventLog.js';
import {isStoreError, openStore, type Store} from '../../store/index.js';
import {WorldError} from '../../world/WorldError.js';
import {Lab} from '../Lab.js';
import {LiveLab} from '../LiveLab.js';
import {runScenarioFamily} from '../ScenarioFamily.js';
import type {ServedLab, ServedRun} from './ServedLab.js';

export class HeadlessLab implements ServedLab {
	readonly by = 'headless';
	private queue: Promise<unknown> = Promise.resolve();
	private readonly listeners = new Set<(events: readonly SanEvent[]) => void>();
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
			replaced: () => served?.announce(),
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
		const job = this.queue.then(() => this.execute(request));
		this.queue = job.catch(() => undefined);
		return job;
	}

	async close(): Promise<void> {
		await this.queue.catch(() => undefined);
		await this.live.close();
	}

	private async execute(request: ServedRun): Promise<CommandOutput> {
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
			let output: CommandOutput;
			try {
				output = this.live.lab.run(family, argv, {
				globals,
				settle: true,
				readFile: file => readFileSync(path.resolve(cwd, file), 'utf8'),
				writeFile: (file, text) => {
					try {
						writeFileSync(path.resolve(cwd, file), text);
						return true;
					} catch {
						return false;
					}
				},
				});
			} catch (error) {
				await this.live.abandon();
				throw error;
			}
			const saved = await this.live.settle();
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

/**
 * A console attached to a served lab: it shows the lab the server holds, live, without loading
 * the lab's state over the socket. At attach it reads the store's last save, replays the
 * operations the server ran since (LabOps), and from then on replays each operation as the
 * server pushes it; the lab is deterministic, so the replica is the server's lab, and each
 * operation's fingerprint proves it (a mismatch re-attaches). Its actions go to the server as the
 * command lines that do them and come back as operations like everyone else's.
 *
 * When the server goes away (the serving console quit and handed over to a headless server, or
 * someone stopped it) the console says so in its header and attaches again to whoever serves the
 * store next.
 */
import type {CommandOutput} from '../../commands/CommandOutput.js';
import {commandError} from '../../commands/CommandOutput.js';
import type {GlobalOptions} from '../../commands/GlobalOptions.js';
import {Lab} from '../../lab/Lab.js';
import {findServer, type ServerConnection} from '../../lab/serve/LabClient.js';
import {checkOf, replayOp, sameCheck} from '../../lab/serve/LabOps.js';
import {requestGlobalsOf, type AttachPoint, type ClockAction, type Reply, type ServerHello} from '../../lab/serve/ServeProtocol.js';
import {isStoreError, openStore, type Store} from '../../store/index.js';
import type {ClockSpeed} from '../model/ConsoleSource.js';
import type {ConsoleLine} from './CommandLine.js';
import {WorldConsoleSource, type ConsoleLink} from './WorldConsoleSource.js';

/** How often a console whose server went away looks for the next one. */
const RECONNECT_EVERY_MS = 500;
/** Attach retries while the store file and the server's lab are a save apart. */
const ATTACH_TRIES = 40;

type Push = Extract<Reply, {type: 'op' | 'clock-state' | 'serving'}>;

export class AttachedConsole implements ConsoleLink {
	private connection: ServerConnection;
	private hello: ServerHello;
	private source!: WorldConsoleSource;
	private store!: Store;
	/** Pushes are applied one after another (a reload reads the store). */
	private chain: Promise<void> = Promise.resolve();
	/** While attaching: pushes that came after the attach point, to apply once the replica is there. */
	private pending: Push[] | undefined;
	private closed = false;
	private lost = false;
	private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
	/** Re-attaches after a fingerprint mismatch (never expected; counted for tests). */
	resyncs = 0;

	private constructor(
		private readonly globals: GlobalOptions,
		found: {readonly connection: ServerConnection; readonly hello: ServerHello},
	) {
		this.connection = found.connection;
		this.hello = found.hello;
	}

	/**
	 * Attaches to the server `found` and builds the replica; the console's source is ready when
	 * this resolves. A text for the operator when it cannot attach.
	 */
	static async open(globals: GlobalOptions, found: {readonly connection: ServerConnection; readonly hello: ServerHello}, storeFile: string): Promise<AttachedConsole | {error: string}> {
		const attached = new AttachedConsole(globals, found);
		try {
			attached.store = await openStore(globals.statePath, globals.seed === undefined ? {} : {seed: globals.seed});
		} catch (error) {
			found.connection.close();
			if (isStoreError(error)) return {error: (error as Error).message};
			throw error;
		}
		const first = await attached.attach(true, storeFile);
		if (first) {
			found.connection.close();
			return {error: first};
		}
		attached.watchConnection();
		return attached;
	}

	get console(): WorldConsoleSource {
		return this.source;
	}

	/** The server's pid (tests). */
	get serverPid(): number {
		return this.hello.pid;
	}

	async run(line: ConsoleLine, files: Readonly<Record<string, string>>): Promise<CommandOutput> {
		if (this.lost) return commandError(`npiv: the lab server of ${this.hello.store} went away; waiting for the next one (the header says when it is back)`);
		const globals = requestGlobalsOf({...this.globals, json: line.json, host: line.host});
		try {
			const reply = await this.connection.request({type: 'console-run', id: this.connection.id(), family: line.family, argv: [...line.argv], globals, cwd: process.cwd(), files});
			// The operation came before the reply: once it is replayed, the replica shows the change.
			await this.chain;
			if (reply.type === 'result') return {stdout: reply.stdout, stderr: reply.stderr, exitCode: reply.exitCode, ...(reply.facts ? {facts: reply.facts} : {})};
			return commandError(`npiv: the lab server refused the action: ${reply.type === 'error' ? reply.message : reply.type}`);
		} catch (error) {
			return commandError(`npiv: the lab server went away before answering (${(error as Error).message}); see the Events pane for whether it ran`);
		}
	}

	async clock(action: ClockAction, speed?: ClockSpeed): Promise<string | null> {
		if (this.lost) return 'the lab server went away';
		try {
			const reply = await this.connection.request({type: 'clock', id: this.connection.id(), action, ...(speed === undefined ? {} : {speed})});
			await this.chain;
			if (reply.type === 'result') return reply.exitCode === 0 ? null : reply.stderr.trim();
			return reply.type === 'error' ? reply.message : null;
		} catch {
			return 'the lab server went away';
		}
	}

	/**
	 * Resolves once every operation the server had run when this was called is replayed here: a
	 * round trip (replies come after the pushes sent before them), then the replay queue.
	 */
	async sync(): Promise<void> {
		await this.connection.request({type: 'status', id: this.connection.id()});
		await this.chain;
	}

	/** Lets go of the server (the console quits). The server's lab goes on. */
	close(): void {
		this.closed = true;
		if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
		this.connection.close();
		this.source?.dispose();
	}

	/**
	 * Builds the replica at the server's attach point: the store's save at the point's revision,
	 * then the operations since. A store a save ahead or behind (someone saved meanwhile) is tried
	 * again. Returns a text when it cannot.
	 */
	private async attach(first: boolean, storeFile?: string): Promise<string | null> {
		for (let tries = 0; tries < ATTACH_TRIES; tries++) {
			this.pending = [];
			const connection = this.connection;
			connection.onPush(push => this.received(push as Push));
			let point: AttachPoint | undefined;
			let error: string | undefined;
			await connection
				.stream({type: 'attach', id: connection.id()}, reply => {
					// Pushes before this reply are already in the point; the ones after are to replay.
					if (reply.type === 'attached') {
						point = reply;
						this.pending = [];
					} else if (reply.type === 'error') error = reply.message;
				})
				.catch((e: Error) => {
					error = `the lab server went away (${e.message})`;
				});
			if (!point) return error ?? 'the lab server did not say where to start';
			let doc;
			try {
				doc = await this.store.read();
			} catch (e) {
				if (isStoreError(e)) return (e as Error).message;
				throw e;
			}
			if (doc.revision !== point.revision) {
				await new Promise(resolve => setTimeout(resolve, 50));
				continue;
			}
			const lab = Lab.open(doc, this.store.liveSetAside ? {liveSetAside: this.store.liveSetAside} : {});
			for (const op of point.ops) {
				if (op.kind === 'reload') continue; // never in a journal: a reload starts a new one
				replayOp(lab, op, this.globals.statePath);
			}
			if (!sameCheck(checkOf(lab), point.check)) return `the lab here does not match the server's after the attach (event ${checkOf(lab).seq} vs ${point.check.seq})`;
			if (first) {
				this.source = new WorldConsoleSource({document: doc, storeFile: storeFile ?? this.globals.statePath, globals: {...this.globals, json: false}, link: this, replica: lab, boot: false});
			}
			this.source.adoptReplica(lab, point.clock);
			const pending = this.pending;
			this.pending = undefined;
			for (const push of pending) this.chain = this.chain.then(() => this.apply(push)).catch(() => undefined);
			return null;
		}
		return 'the store kept changing under the attach; try again';
	}

	private received(push: Push): void {
		if (this.pending) {
			this.pending.push(push);
			return;
		}
		this.chain = this.chain.then(() => this.apply(push)).catch(() => undefined);
	}

	private async apply(push: Push): Promise<void> {
		if (push.type === 'clock-state') {
			this.source.setRemoteClock(push);
			return;
		}
		if (push.type === 'serving') {
			this.source.setServing({role: 'attached', by: push.by, pid: push.pid, clients: push.clients});
			return;
		}
		const {op, check} = push;
		if (op.kind === 'reload') {
			await this.resync();
			return;
		}
		if (!this.source.applyOp(op, check)) {
			this.resyncs++;
			await this.resync();
		}
	}

	/** Reads the store again and replays from the server's attach point (a reload, or a mismatch). */
	private async resync(): Promise<void> {
		const said = await this.attach(false);
		if (said) this.source.setServing({role: 'lost', by: this.hello.by, pid: this.hello.pid, clients: 0});
	}

	private watchConnection(): void {
		this.connection.onClose(() => {
			if (this.closed) return;
			this.lost = true;
			this.source.setServing({role: 'lost', by: this.hello.by, pid: this.hello.pid, clients: 0});
			this.reconnectTimer = setTimeout(() => void this.reconnect(), RECONNECT_EVERY_MS);
		});
	}

	/** Looks for whoever serves the store now and attaches to it. */
	private async reconnect(): Promise<void> {
		this.reconnectTimer = undefined;
		if (this.closed) return;
		const found = await findServer(this.globals.statePath).catch(() => ({kind: 'none'}) as const);
		if (this.closed) {
			if (found.kind === 'server') found.connection.close();
			return;
		}
		if (found.kind === 'server') {
			this.connection = found.connection;
			this.hello = found.hello;
			const said = await this.attach(false);
			if (!said) {
				this.lost = false;
				this.watchConnection();
				return;
			}
			found.connection.close();
		}
		this.reconnectTimer = setTimeout(() => void this.reconnect(), RECONNECT_EVERY_MS);
	}
}

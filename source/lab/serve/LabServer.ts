/**
 * Serves a lab on its store's socket (ServeFiles): clients say hello, then send commands, which
 * the lab runs one after another, and get back what they would have printed running them
 * themselves.
 *
 * Only the store's owner can connect: the socket is created mode 0600 (Node cannot read a peer's
 * uid, so the file's permissions are the check). A malformed or oversized request gets an error
 * reply and the server goes on. A client that disconnects in the middle of a command changes
 * nothing half-way: the command runs to its end and is saved; only the reply is lost.
 */
import {chmodSync, lstatSync, unlinkSync} from 'node:fs';
import net from 'node:net';
import {jsonReplacer} from '../../commands/CommandOutput.js';
import {formatEventLine, parseEventsArgs, selectEvents} from '../../commands/events/eventsCommand.js';
import {eventJson} from '../../commands/events/SimTimeJson.js';
import type {SanEvent} from '../../sim/EventLog.js';
import {NPIV_VERSION} from './NpivVersion.js';
import type {ServeFiles} from './ServeFiles.js';
import {encodeMessage, LineReader, PROTOCOL, type Reply, type RequestGlobals, type ServerStatus} from './ServeProtocol.js';
import type {ServedLab} from './ServedLab.js';

export class ServeError extends Error {}

/** How often an attached console hears that time passed (the header's clock moves 5 times a second). */
const CLOCK_PUSH_MS = 200;

export interface LabServerOptions {
	/** A client asked the server to stop (`npiv lab stop`). */
	readonly onStopRequest?: () => void;
	/** Connections came or went (the console's header counts them). */
	readonly onClients?: (count: number) => void;
}

export class LabServer {
	private readonly connections = new Set<net.Socket>();
	/** Attached consoles, and how to tell each. */
	private readonly attached = new Map<net.Socket, (reply: Reply) => void>();
	private readonly started = Date.now();
	private lastActivity = Date.now();
	private closed = false;

	private constructor(
		readonly files: ServeFiles,
		private readonly lab: ServedLab,
		private readonly server: net.Server,
		private readonly options: LabServerOptions,
	) {}

	/** Listens on the store's socket; throws ServeError when another process serves the store already. */
	static async listen(files: ServeFiles, lab: ServedLab, options: LabServerOptions = {}): Promise<LabServer> {
		await clearStaleSocket(files);
		const server = net.createServer();
		// Created 0600 from the start: no moment when another user could connect.
		const mask = process.umask(0o177);
		try {
			await new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(files.socket, () => {
					server.removeListener('error', reject);
					resolve();
				});
			});
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			throw new ServeError(code === 'EADDRINUSE' ? `another process serves ${files.store} already (${files.socket})` : `cannot serve ${files.store} on ${files.socket}: ${(error as Error).message}`);
		} finally {
			process.umask(mask);
		}
		try {
			if (process.platform !== 'win32') chmodSync(files.socket, 0o600);
		} catch {
			// created 0600 by the umask already
		}
		const served = new LabServer(files, lab, server, options);
		server.on('connection', socket => served.accept(socket));
		return served;
	}

	get clients(): number {
		return this.connections.size;
	}

	/** Wall-clock ms since the last request (for a server that stops when idle). */
	get idleMs(): number {
		return this.connections.size > 0 ? 0 : Date.now() - this.lastActivity;
	}

	/** `asking`: the status request's own connection, not counted as a client. */
	status(asking = 0): ServerStatus {
		return {
			pid: process.pid,
			store: this.files.store,
			by: this.lab.by,
			version: NPIV_VERSION,
			uptimeMs: Date.now() - this.started,
			clients: Math.max(0, this.connections.size - asking),
			consoles: this.attached.size,
			vports: this.lab.vports,
			revision: this.lab.revision,
		};
	}

	/** Stops listening, hangs up on every client and removes the socket. The lab itself is the caller's to close. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		for (const socket of this.connections) socket.destroy();
		await new Promise<void>(resolve => this.server.close(() => resolve()));
		try {
			unlinkSync(this.files.socket);
		} catch {
			// gone already (server.close removes it on some platforms)
		}
	}

	private accept(socket: net.Socket): void {
		if (this.closed) {
			socket.destroy();
			return;
		}
		this.connections.add(socket);
		let greeted = false;
		const stops: (() => void)[] = [];
		// The clock passing with nothing happening arrives many times a second: an attached
		// console gets the newest at most every CLOCK_PUSH_MS, and always before anything else (a
		// later operation or reply never overtakes time that passed before it).
		let clockPush: Reply | undefined;
		let clockTimer: ReturnType<typeof setTimeout> | undefined;
		const write = (reply: Reply): void => {
			if (!socket.destroyed) socket.write(encodeMessage(reply));
		};
		const flushClock = (): void => {
			if (clockTimer) clearTimeout(clockTimer);
			clockTimer = undefined;
			const pending = clockPush;
			clockPush = undefined;
			if (pending) write(pending);
		};
		const send = (reply: Reply): void => {
			if (reply.type === 'op' && reply.op.kind === 'until') {
				clockPush = reply;
				clockTimer ??= setTimeout(flushClock, CLOCK_PUSH_MS);
				return;
			}
			flushClock();
			write(reply);
		};
		stops.push(flushClock);
		socket.setEncoding('utf8');
		const reader = new LineReader(
			message => {
				this.lastActivity = Date.now();
				if (!greeted) {
					if (message['type'] !== 'hello') {
						send({type: 'error', message: 'say hello first'});
						socket.end();
						return;
					}
					greeted = true;
					send({type: 'hello', protocol: PROTOCOL, version: NPIV_VERSION, pid: process.pid, store: this.files.store, by: this.lab.by});
					return;
				}
				void this.handle(message, send, stops, socket).catch((error: unknown) => {
					send({type: 'error', ...idOf(message), message: `internal error: ${(error as Error).message}`});
				});
			},
			why => {
				send({type: 'error', message: `refused ${why}`});
			},
		);
		socket.on('data', chunk => reader.feed(chunk as unknown as string));
		socket.on('error', () => socket.destroy());
		socket.on('close', () => {
			for (const stop of stops) stop();
			this.connections.delete(socket);
			const wasAttached = this.attached.delete(socket);
			this.lastActivity = Date.now();
			// Closing hangs up on everyone: nobody is left to tell, and the owner has stopped listening.
			if (wasAttached && !this.closed) this.consolesChanged();
		});
	}

	/** Consoles attached now (the header counts them). */
	get consoles(): number {
		return this.attached.size;
	}

	private consolesChanged(): void {
		const clients = this.attached.size;
		this.options.onClients?.(clients);
		for (const tell of this.attached.values()) tell({type: 'serving', by: this.lab.by, pid: process.pid, clients});
	}

	private async handle(message: Record<string, unknown>, send: (reply: Reply) => void, stops: (() => void)[], socket: net.Socket): Promise<void> {
		const id = typeof message['id'] === 'number' ? message['id'] : undefined;
		if (id === undefined) {
			send({type: 'error', message: 'a request needs a numeric id'});
			return;
		}
		switch (message['type']) {
			case 'run': {
				const request = runRequest(message);
				if (typeof request === 'string') {
					send({type: 'error', id, message: request});
					return;
				}
				const output = await this.lab.run(request);
				send({type: 'result', id, stdout: output.stdout, stderr: output.stderr, exitCode: output.exitCode});
				return;
			}
			case 'follow': {
				const argv = stringList(message['argv']);
				if (!argv) {
					send({type: 'error', id, message: 'follow needs argv, a list of texts'});
					return;
				}
				this.follow(id, argv, message['json'] === true, send, stops);
				return;
			}
			case 'status':
				send({type: 'status', id, ...this.status(1)});
				return;
			case 'attach': {
				if (!this.attached.has(socket)) {
					// Pushes start with the attach point: nothing can slip between the two.
					stops.push(this.lab.onOp((op, check) => send({type: 'op', op, check})));
					stops.push(this.lab.onClock(clock => send({type: 'clock-state', ...clock})));
				}
				send({type: 'attached', id, ...this.lab.attach()});
				if (!this.attached.has(socket)) {
					this.attached.set(socket, send);
					this.consolesChanged();
				}
				return;
			}
			case 'console-run': {
				const request = runRequest(message);
				const files = message['files'];
				if (typeof request === 'string' || !files || typeof files !== 'object' || Object.values(files).some(v => typeof v !== 'string')) {
					send({type: 'error', id, message: typeof request === 'string' ? request : 'console-run needs files, texts by name'});
					return;
				}
				const output = await this.lab.runForConsole({...request, files: files as Record<string, string>});
				send({type: 'result', id, stdout: output.stdout, stderr: output.stderr, exitCode: output.exitCode, ...(output.facts ? {facts: output.facts} : {})});
				return;
			}
			case 'clock': {
				const action = message['action'];
				const speed = message['speed'];
				if (action !== 'pause' && action !== 'resume' && action !== 'step' && action !== 'speed') {
					send({type: 'error', id, message: 'clock needs an action: pause, resume, step or speed'});
					return;
				}
				if (action === 'speed' && speed !== 1 && speed !== 10 && speed !== 100) {
					send({type: 'error', id, message: 'clock speed is 1, 10 or 100'});
					return;
				}
				const said = await this.lab.clock(action, typeof speed === 'number' ? speed : undefined);
				send({type: 'result', id, stdout: '', stderr: said ? `${said}\n` : '', exitCode: said ? 1 : 0});
				return;
			}
			case 'stop':
				send({type: 'stopping', id});
				this.options.onStopRequest?.();
				return;
			default:
				send({type: 'error', id, message: `unknown request '${String(message['type'])}'`});
		}
	}

	/** `events --follow`: what the command prints first, then each new event that matches, as it is logged. */
	private follow(id: number, argv: readonly string[], json: boolean, send: (reply: Reply) => void, stops: (() => void)[]): void {
		const query = parseEventsArgs(argv);
		if ('exitCode' in query) {
			send({type: 'result', id, stdout: query.stdout, stderr: query.stderr, exitCode: query.exitCode});
			return;
		}
		// As the command prints them in-process: times rounded as every --json time is.
		const line = (e: SanEvent): string => (json ? JSON.stringify(eventJson(e), jsonReplacer) : formatEventLine(e)) + '\n';
		let lastSeq = -1;
		const print = (events: readonly SanEvent[]): void => {
			let text = '';
			for (const e of events) {
				if (e.seq <= lastSeq) continue;
				lastSeq = e.seq;
				text += line(e);
			}
			if (text) send({type: 'output', id, stdout: text});
		};
		print(selectEvents(this.lab.events(), query));
		if (lastSeq < 0) lastSeq = this.lab.events().at(-1)?.seq ?? -1;
		stops.push(this.lab.onEvents(fresh => print(selectEvents(fresh, {...query, limit: undefined}))));
	}
}

function idOf(message: Record<string, unknown>): {id?: number} {
	return typeof message['id'] === 'number' ? {id: message['id']} : {};
}

function stringList(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.every(v => typeof v === 'string') ? (value as string[]) : undefined;
}

/** A run request's fields, checked; a text saying what is wrong otherwise. */
function runRequest(message: Record<string, unknown>): {family: string; argv: string[]; globals: RequestGlobals; cwd: string} | string {
	const family = message['family'];
	const argv = stringList(message['argv']);
	const cwd = message['cwd'];
	const g = message['globals'] as Record<string, unknown> | undefined;
	if (typeof family !== 'string' || !argv || typeof cwd !== 'string' || !g || typeof g !== 'object') return 'run needs family, argv (texts), globals and cwd';
	if (typeof g['json'] !== 'boolean' || typeof g['noColor'] !== 'boolean') return 'globals need json and noColor';
	if (g['host'] !== undefined && typeof g['host'] !== 'string') return 'globals.host is a text';
	if (g['seed'] !== undefined && !Number.isSafeInteger(g['seed'])) return 'globals.seed is a whole number';
	const globals: RequestGlobals = {
		json: g['json'],
		noColor: g['noColor'],
		...(typeof g['host'] === 'string' ? {host: g['host']} : {}),
		...(typeof g['seed'] === 'number' ? {seed: g['seed']} : {}),
	};
	return {family, argv, globals, cwd};
}

/** A socket left by a server that died: removed. One that answers: someone serves the store. */
async function clearStaleSocket(files: ServeFiles): Promise<void> {
	try {
		if (!lstatSync(files.socket).isSocket()) throw new ServeError(`${files.socket} is in the way (not a socket)`);
	} catch (error) {
		if (error instanceof ServeError) throw error;
		return;
	}
	const answers = await new Promise<boolean>(resolve => {
		const probe = net.createConnection(files.socket);
		probe.once('connect', () => {
			probe.destroy();
			resolve(true);
		});
		probe.once('error', () => resolve(false));
	});
	if (answers) throw new ServeError(`another process serves ${files.store} already (${files.socket}); 'npiv lab status' says which`);
	unlinkSync(files.socket);
}

/**
 * The client side of a served lab: a one-shot command looks for a server of its store, sends it
 * its argv and prints the reply, which is byte for byte what it would print running itself. No
 * server: the command runs in-process, as if there were none. A stale socket, a server of another
 * version, or one that does not answer within 2 s: one line on stderr, then in-process. A server
 * that goes away in the middle of a command: said, and the command is not run again (it may have
 * run; running it twice could do twice what was asked once).
 *
 * Node built-ins and the two small protocol modules only: this is all a command loads when a
 * server does the work, which is what makes a command on a 100,000-vport lab instant.
 */
import {shown} from '../../commands/ShownValue.js';
import {lstatSync, unlinkSync} from 'node:fs';
import net from 'node:net';
import {NPIV_VERSION} from './NpivVersion.js';
import {serveFilesFor, type ServeFiles} from './ServeFiles.js';
import {ANSWER_TIMEOUT_MS, encodeMessage, LineReader, PROTOCOL, requestGlobalsOf, servedFamily, type Reply, type Request, type RequestGlobals, type ServerHello} from './ServeProtocol.js';

export interface ClientIo {
	out(text: string): void;
	err(text: string): void;
}

const processIo: ClientIo = {
	out: text => void process.stdout.write(text),
	err: text => void process.stderr.write(text),
};

export type Found =
	| {readonly kind: 'none'}
	/** A reason to run in-process, for one line on stderr. */
	| {readonly kind: 'unusable'; readonly why: string}
	| {readonly kind: 'server'; readonly connection: ServerConnection; readonly hello: ServerHello};

/** Looks for the server of a store: connects and says hello, within ANSWER_TIMEOUT_MS. */
export async function findServer(statePath: string, timeoutMs = ANSWER_TIMEOUT_MS): Promise<Found> {
	const files = serveFilesFor(statePath);
	let connection: ServerConnection;
	try {
		connection = await ServerConnection.open(files.socket, timeoutMs);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {kind: 'none'};
		if (code === 'ECONNREFUSED') {
			removeStaleSocket(files);
			return {kind: 'unusable', why: `no lab server answers at ${files.socket} (a server stopped without cleaning up; removed)`};
		}
		if (code === 'ETIMEDOUT') return {kind: 'unusable', why: `the lab server of ${files.store} did not answer within ${timeoutMs / 1000} s`};
		return {kind: 'unusable', why: `cannot reach the lab server of ${files.store}: ${(error as Error).message}`};
	}
	try {
		const hello = await connection.hello(timeoutMs);
		if (hello.protocol !== PROTOCOL || hello.version !== NPIV_VERSION) {
			connection.close();
			return {kind: 'unusable', why: `the lab server of ${files.store} is npiv-console ${hello.version} (this is ${NPIV_VERSION})`};
		}
		return {kind: 'server', connection, hello};
	} catch (error) {
		connection.close();
		return {kind: 'unusable', why: (error as Error).message.replace('STORE', files.store)};
	}
}

/**
 * Runs a command through the store's server when there is one; undefined when the caller should
 * run it in-process (no server, or one it should not use: said on stderr).
 */
export async function runThroughServer(family: string, argv: readonly string[], globals: RequestGlobals & {readonly statePath: string}, io: ClientIo = processIo): Promise<number | undefined> {
	if (!servedFamily(family, argv)) return undefined;
	const found = await findServer(globals.statePath);
	if (found.kind === 'none') return undefined;
	if (found.kind === 'unusable') {
		io.err(`npiv: ${found.why}; running the command here\n`);
		return undefined;
	}
	const {connection} = found;
	const requestGlobals = requestGlobalsOf(globals);
	try {
		if (family === 'events' && argv.includes('--follow')) return await follow(connection, argv, globals.json, io);
		const reply = await connection.request({type: 'run', id: 1, family, argv: [...argv], globals: requestGlobals, cwd: process.cwd()});
		if (reply.type === 'error') {
			io.err(`npiv: the lab server of ${found.hello.store} refused the command: ${reply.message}\n`);
			return 1;
		}
		if (reply.type !== 'result') throw new Error(`unexpected reply '${reply.type}'`);
		io.out(reply.stdout);
		// as a command run here prints it (OneShot): no control sequence from what the user typed
		io.err(shown(reply.stderr, Infinity, {lines: true}));
		return reply.exitCode;
	} catch (error) {
		io.err(`npiv: the lab server of ${found.hello.store} stopped before answering (${(error as Error).message}); the command may or may not have run: see 'npiv events'\n`);
		return 1;
	} finally {
		connection.close();
	}
}

/** `events --follow` through the server: its output as it comes, until Ctrl-C or the server stops. */
async function follow(connection: ServerConnection, argv: readonly string[], json: boolean, io: ClientIo): Promise<number> {
	return new Promise<number>(resolve => {
		let stopped = false;
		const stop = (): void => {
			stopped = true;
			connection.close();
			resolve(0);
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		connection
			.stream({type: 'follow', id: 1, argv: [...argv], json}, reply => {
				if (reply.type === 'output') io.out(reply.stdout);
				else if (reply.type === 'result') {
					io.out(reply.stdout);
					io.err(reply.stderr);
					resolve(reply.exitCode);
				} else if (reply.type === 'error') {
					io.err(`npiv: ${reply.message}\n`);
					resolve(1);
				}
			})
			.then(
				() => resolve(0),
				() => {
					if (stopped) return;
					io.err('npiv: the lab server stopped\n');
					resolve(1);
				},
			);
	});
}

function removeStaleSocket(files: ServeFiles): void {
	try {
		if (lstatSync(files.socket).isSocket()) unlinkSync(files.socket);
	} catch {
		// gone already, or not ours to remove
	}
}

/** One connection to a server: requests with ids, replies matched to them. */
export class ServerConnection {
	private readonly waiting = new Map<number, (reply: Reply) => void>();
	private helloWaiter: ((hello: ServerHello) => void) | undefined;
	private failed: Error | undefined;
	private readonly failures = new Set<(error: Error) => void>();
	private pushed: ((reply: Reply) => void) | undefined;
	private nextId = 1;

	private constructor(private readonly socket: net.Socket) {
		socket.setEncoding('utf8');
		const reader = new LineReader(
			message => this.received(message as unknown as Reply),
			why => this.fail(new Error(`the server sent ${why}`)),
		);
		socket.on('data', chunk => reader.feed(chunk as unknown as string));
		socket.on('error', error => this.fail(error));
		socket.on('close', () => this.fail(new Error('the connection closed')));
	}

	static open(path: string, timeoutMs: number): Promise<ServerConnection> {
		return new Promise((resolve, reject) => {
			const socket = net.createConnection(path);
			const timer = setTimeout(() => {
				socket.destroy();
				reject(Object.assign(new Error('timed out'), {code: 'ETIMEDOUT'}));
			}, timeoutMs);
			socket.once('connect', () => {
				clearTimeout(timer);
				socket.removeAllListeners('error');
				resolve(new ServerConnection(socket));
			});
			socket.once('error', error => {
				clearTimeout(timer);
				reject(error);
			});
		});
	}

	hello(timeoutMs: number): Promise<ServerHello> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`the lab server of STORE did not say hello within ${timeoutMs / 1000} s`)), timeoutMs);
			this.helloWaiter = hello => {
				clearTimeout(timer);
				resolve(hello);
			};
			this.onFailure(error => {
				clearTimeout(timer);
				reject(error);
			});
			this.send({type: 'hello', protocol: PROTOCOL, version: NPIV_VERSION, pid: process.pid});
		});
	}

	/** Sends a request and waits for its one reply. */
	request(message: Extract<Request, {id: number}>): Promise<Reply> {
		return new Promise((resolve, reject) => {
			if (this.failed) return reject(this.failed);
			this.waiting.set(message.id, resolve);
			this.onFailure(reject);
			this.send(message);
		});
	}

	/** Sends a request whose replies keep coming; resolves when the server ends it, rejects if the connection fails. */
	stream(message: Extract<Request, {id: number}>, onReply: (reply: Reply) => void): Promise<void> {
		return new Promise((resolve, reject) => {
			if (this.failed) return reject(this.failed);
			const each = (reply: Reply): void => {
				onReply(reply);
				if (reply.type === 'output') this.waiting.set(message.id, each);
				else resolve();
			};
			this.waiting.set(message.id, each);
			this.onFailure(reject);
			this.send(message);
		});
	}

	/** Messages the server sends unasked (an attached console's operations). */
	onPush(listener: (reply: Reply) => void): void {
		this.pushed = listener;
	}

	/** Called once, when the connection fails or closes (the console's own close included). */
	onClose(listener: (error: Error) => void): void {
		this.onFailure(listener);
	}

	/** A fresh request id on this connection. */
	id(): number {
		return this.nextId++;
	}

	close(): void {
		// Whoever waits on this connection hears that it closed (a follow, a pending request).
		this.fail(new Error('closed'));
		this.socket.end();
		this.socket.destroy();
	}

	private send(message: Request): void {
		this.socket.write(encodeMessage(message));
	}

	private received(reply: Reply): void {
		if (reply.type === 'hello') {
			this.helloWaiter?.(reply);
			this.helloWaiter = undefined;
			return;
		}
		if (reply.type === 'op' || reply.type === 'clock-state' || reply.type === 'serving') {
			this.pushed?.(reply);
			return;
		}
		const id = 'id' in reply ? reply.id : undefined;
		if (id === undefined) {
			this.fail(new Error(reply.type === 'error' ? reply.message : `an unexpected '${reply.type}'`));
			return;
		}
		const waiter = this.waiting.get(id);
		this.waiting.delete(id);
		waiter?.(reply);
	}

	private onFailure(listener: (error: Error) => void): void {
		if (this.failed) listener(this.failed);
		else this.failures.add(listener);
	}

	private fail(error: Error): void {
		if (this.failed) return;
		this.failed = error;
		for (const listener of this.failures) listener(error);
		this.failures.clear();
	}
}

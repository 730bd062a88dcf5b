/**
 * What a lab server and its clients say to each other over the socket: one JSON object a line.
 * A client says hello first (its protocol and npiv-console version); the server answers with its
 * own and who it is. Then the client sends requests, each with an id the replies carry.
 *
 * Node built-ins only: every one-shot command that finds a server loads this, and nothing else of
 * the lab.
 */

import type {LabCheck, LabOp} from './LabOps.js';

/** Bumped whenever a message changes shape. */
export const PROTOCOL = 2;

/** A line longer than this is refused (and the connection closed): nobody sends a 4 MiB command. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

/** How long a client waits for a server to accept and say hello before it runs the command itself. */
export const ANSWER_TIMEOUT_MS = 2000;

/** The global options a command runs with (GlobalOptions without the store: the server's is the store). */
export interface RequestGlobals {
	readonly host?: string;
	readonly json: boolean;
	readonly seed?: number;
	readonly noColor: boolean;
}

/** The options a command runs with, as a server or a replica needs them (the store is theirs). */
export function requestGlobalsOf(globals: RequestGlobals): RequestGlobals {
	return {json: globals.json, noColor: globals.noColor, ...(globals.host === undefined ? {} : {host: globals.host}), ...(globals.seed === undefined ? {} : {seed: globals.seed})};
}

export type Request =
	| {readonly type: 'hello'; readonly protocol: number; readonly version: string; readonly pid: number}
	/** A command, as typed after `npiv [global options]`; files it names are relative to `cwd`. */
	| {readonly type: 'run'; readonly id: number; readonly family: string; readonly argv: readonly string[]; readonly globals: RequestGlobals; readonly cwd: string}
	/** `events --follow`: the log as the command prints it, then every new event, until the client goes. */
	| {readonly type: 'follow'; readonly id: number; readonly argv: readonly string[]; readonly json: boolean}
	| {readonly type: 'status'; readonly id: number}
	/** Save and stop serving. */
	| {readonly type: 'stop'; readonly id: number}
	/** A console attaches: where its replay starts, then every operation as it happens (pushed). */
	| {readonly type: 'attach'; readonly id: number}
	/** An attached console's action, as the command line that does it; `files` are texts it supplies (a dialog's domain config). */
	| {readonly type: 'console-run'; readonly id: number; readonly family: string; readonly argv: readonly string[]; readonly globals: RequestGlobals; readonly cwd: string; readonly files: Readonly<Record<string, string>>}
	/** An attached console's clock key. */
	| {readonly type: 'clock'; readonly id: number; readonly action: ClockAction; readonly speed?: number};

export type ClockAction = 'pause' | 'resume' | 'step' | 'speed';

/** Who moves the served lab's clock, and how. */
export interface ClockState {
	/** A console's clock follows the wall clock; a headless server's moves only with commands. */
	readonly moving: boolean;
	readonly running: boolean;
	readonly speed: number;
}

/** Where an attaching console starts: the store at `revision`, then `ops` replayed, which must end at `check`. */
export interface AttachPoint {
	readonly revision: number;
	readonly ops: readonly LabOp[];
	readonly check: LabCheck;
	readonly clock: ClockState;
}

export interface ServerHello {
	readonly type: 'hello';
	readonly protocol: number;
	readonly version: string;
	readonly pid: number;
	readonly store: string;
	/** Who holds the lab: a console on a terminal, or `npiv lab serve`. */
	readonly by: 'console' | 'headless';
}

export interface ServerStatus {
	readonly pid: number;
	readonly store: string;
	readonly by: 'console' | 'headless';
	readonly version: string;
	/** Wall-clock ms since the server started. */
	readonly uptimeMs: number;
	/** Connections other than the one asking. */
	readonly clients: number;
	/** Consoles attached (a serving console is not counted). */
	readonly consoles: number;
	readonly vports: number;
	readonly revision: number;
}

export type Reply =
	| ServerHello
	/** `facts`: what an attached console's action did, as data (the dialog that created a port names it). */
	| {readonly type: 'result'; readonly id: number; readonly stdout: string; readonly stderr: string; readonly exitCode: number; readonly facts?: Readonly<Record<string, unknown>>}
	/** Output of a request that goes on (follow). */
	| {readonly type: 'output'; readonly id: number; readonly stdout: string}
	| ({readonly type: 'status'; readonly id: number} & ServerStatus)
	| {readonly type: 'stopping'; readonly id: number}
	| ({readonly type: 'attached'; readonly id: number} & AttachPoint)
	/** Pushed to attached consoles: an operation the lab ran, and what it must look like after. */
	| {readonly type: 'op'; readonly op: LabOp; readonly check: LabCheck}
	| ({readonly type: 'clock-state'} & ClockState)
	/** Pushed to attached consoles when a console attaches or goes. */
	| {readonly type: 'serving'; readonly by: 'console' | 'headless'; readonly pid: number; readonly clients: number}
	/** A request the server could not take (malformed, too big, unknown): said, and the server goes on. */
	| {readonly type: 'error'; readonly id?: number; readonly message: string};

/** One line of the conversation. */
export function encodeMessage(message: Request | Reply): string {
	return `${JSON.stringify(message)}\n`;
}

/**
 * Cuts a byte stream into lines and parses each. A line that is not a JSON object, or one longer
 * than the limit, is reported once through `onBad` (the rest of an overlong line is skipped).
 */
export class LineReader {
	private pending = '';
	private skipping = false;

	constructor(
		private readonly onMessage: (message: Record<string, unknown>) => void,
		private readonly onBad: (why: string) => void,
		private readonly maxBytes = MAX_LINE_BYTES,
	) {}

	feed(chunk: string): void {
		let text = chunk;
		for (;;) {
			const nl = text.indexOf('\n');
			if (nl < 0) {
				if (this.skipping) return;
				this.pending += text;
				if (this.pending.length > this.maxBytes) {
					this.pending = '';
					this.skipping = true;
					this.onBad(`a message longer than ${this.maxBytes} bytes`);
				}
				return;
			}
			const line = this.pending + text.slice(0, nl);
			text = text.slice(nl + 1);
			this.pending = '';
			if (this.skipping) {
				this.skipping = false;
				continue;
			}
			if (line.length > this.maxBytes) {
				this.onBad(`a message longer than ${this.maxBytes} bytes`);
				continue;
			}
			if (line.trim() === '') continue;
			let value: unknown;
			try {
				value = JSON.parse(line);
			} catch {
				this.onBad('a message that is not JSON');
				continue;
			}
			if (!value || typeof value !== 'object' || Array.isArray(value)) {
				this.onBad('a message that is not a JSON object');
				continue;
			}
			this.onMessage(value as Record<string, unknown>);
		}
	}
}

/** Families a server runs for a client. Others (the console, sessions, scenario generate, lab) run where they are typed. */
export function servedFamily(family: string, argv: readonly string[]): boolean {
	switch (family) {
		case 'fcinfo':
		case 'fcadm':
		case 'xm':
		case 'switch':
		case 'storage':
		case 'fault':
		case 'link':
		case 'events':
			return true;
		case 'scenario':
			return argv[0] !== 'generate';
		default:
			return false;
	}
}

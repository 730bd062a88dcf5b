/**
 * What moved a served lab, as a list a second process can replay: the lab is deterministic, so
 * the saved store plus the operations since that save give, replayed anywhere, exactly the lab
 * the server holds. Attached consoles are kept live this way: at attach they read the store and
 * replay the server's journal, then every new operation as it happens; no file-watch reloads, and
 * no document shipped over the socket.
 *
 * A command's operation carries what it read from files and whether each of its writes worked,
 * so that a replica never touches the file system and still takes the same path.
 */
import type {CommandOutput} from '../../commands/CommandOutput.js';
import type {GlobalOptions} from '../../commands/GlobalOptions.js';
import type {Lab, LabRunOptions} from '../Lab.js';
import path from 'node:path';
import {readInputFile} from '../../store/InputFile.js';
import {canCreateOutputFile, writeOutputFile} from '../../store/OutputFile.js';
import type {RequestGlobals} from './ServeProtocol.js';

/** A clock step with nothing due moves the clock this far (the console's `.` and a served lab's). */
export const IDLE_STEP_MS = 100;

/** One step of the clock: the next event, or IDLE_STEP_MS when nothing is due; the operation it was. */
export function stepClock(lab: Lab): LabOp {
	const sim = lab.world.sim;
	if (sim.nextDue() !== undefined) {
		sim.step();
		return {kind: 'steps', count: 1};
	}
	sim.runUntil(sim.now + IDLE_STEP_MS);
	return {kind: 'until', at: sim.now};
}

/**
 * How a client's command reaches files: those it supplied by name (a dialog's domain config),
 * else the file system relative to the client's working folder, read and written safely.
 */
export function clientFiles(cwd: string, supplied: Readonly<Record<string, string>>): Pick<LabRunOptions, 'readFile' | 'writeFile' | 'canWrite'> & {readFile(name: string): string; writeFile(name: string, text: string): boolean} {
	return {
		readFile: name => supplied[name] ?? readInputFile(path.resolve(cwd, name)),
		writeFile: (name, text) => writeOutputFile(path.resolve(cwd, name), text),
		canWrite: name => canCreateOutputFile(path.resolve(cwd, name)),
	};
}

export type LabOp =
	/** A command, as the server ran it. */
	| {
			readonly kind: 'run';
			readonly family: string;
			readonly argv: readonly string[];
			readonly globals: RequestGlobals;
			readonly settle: boolean;
			readonly confirmed: boolean;
			/** Files the command read, by the name it used; a name absent here failed to read. */
			readonly files: Readonly<Record<string, string>>;
			/** Whether each write the command made (or asked to make: canWrite) worked, in order. */
			readonly writes: readonly boolean[];
	  }
	/** The clock ran every event due up to `at`, then stood at `at`. */
	| {readonly kind: 'until'; readonly at: number}
	/** The clock ran exactly `count` events (a console tick cut short by its budget). */
	| {readonly kind: 'steps'; readonly count: number}
	/** The SAN ran to quiescence. */
	| {readonly kind: 'idle'}
	/** The lab was replaced by the store's save `revision` (another process saved, or a change was abandoned), its clock then run to `at`. */
	| {readonly kind: 'reload'; readonly revision: number; readonly at: number};

/** What a replica compares after each operation: a cheap fingerprint of the lab. */
export interface LabCheck {
	readonly seq: number;
	readonly now: number;
	readonly prng: number;
}

export function checkOf(lab: Lab): LabCheck {
	const world = lab.world;
	return {seq: world.log.lastSeq, now: world.sim.now, prng: world.prng.state[0]!};
}

export function sameCheck(a: LabCheck, b: LabCheck): boolean {
	return a.seq === b.seq && a.now === b.now && a.prng === b.prng;
}

/** A command run on the serving side, with what it read and wrote noted for its operation. */
export function runRecorded(
	lab: Lab,
	family: string,
	argv: readonly string[],
	options: LabRunOptions & {readonly requestGlobals: RequestGlobals; readonly readFile: (path: string) => string; readonly writeFile: (path: string, text: string) => boolean},
): {output: CommandOutput; op: LabOp} {
	const files: Record<string, string> = {};
	const writes: boolean[] = [];
	const output = lab.run(family, argv, {
		...options,
		readFile: name => {
			const text = options.readFile(name);
			files[name] = text;
			return text;
		},
		writeFile: (name, text) => {
			const done = options.writeFile(name, text);
			writes.push(done);
			return done;
		},
		// Asked before a write, noted with the writes (in order) so that a replica takes the same path.
		canWrite: name => {
			const can = options.canWrite ? options.canWrite(name) : true;
			writes.push(can);
			return can;
		},
	});
	const op: LabOp = {kind: 'run', family, argv: [...argv], globals: options.requestGlobals, settle: options.settle, confirmed: options.confirmed ?? false, files, writes};
	return {output, op};
}

/**
 * Replays one operation on a replica. Reload is the caller's (it reads the store); a command's
 * own failure is part of the replay (the server saw the same), so its output is returned, not thrown.
 */
export function replayOp(lab: Lab, op: Exclude<LabOp, {kind: 'reload'}>, statePath: string): CommandOutput | undefined {
	const sim = lab.world.sim;
	switch (op.kind) {
		case 'until':
			sim.runUntil(op.at);
			return undefined;
		case 'steps':
			for (let i = 0; i < op.count; i++) sim.step();
			return undefined;
		case 'idle':
			lab.world.runUntilIdle();
			return undefined;
		case 'run': {
			let write = 0;
			const globals: GlobalOptions = {...op.globals, statePath};
			return lab.run(op.family, op.argv, {
				globals,
				settle: op.settle,
				confirmed: op.confirmed,
				readFile: name => {
					const text = op.files[name];
					if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${name}'`), {code: 'ENOENT'});
					return text;
				},
				writeFile: () => op.writes[write++] ?? false,
				canWrite: () => op.writes[write++] ?? false,
			});
		}
	}
}

/**
 * The operations since the lab's last save, for a console that attaches now. A save drops what
 * it covers: `mark()` when the document to save is taken, `saved()` when it is written (the clock
 * may have run on in between, and that part stays).
 */
export class LabJournal {
	private ops: LabOp[] = [];
	private marked = 0;

	get entries(): readonly LabOp[] {
		return this.ops;
	}

	record(op: LabOp): void {
		const last = this.ops.at(-1);
		// Time passing with nothing happening: one entry for the whole stretch.
		if (op.kind === 'until' && last?.kind === 'until' && this.ops.length > this.marked) {
			this.ops[this.ops.length - 1] = op;
			return;
		}
		this.ops.push(op);
	}

	mark(): void {
		this.marked = this.ops.length;
	}

	saved(): void {
		this.ops = this.ops.slice(this.marked);
		this.marked = 0;
	}

	/** An operation that turned out to change nothing (a read): a console attaching later need not replay it. */
	drop(op: LabOp): void {
		const at = this.ops.lastIndexOf(op);
		if (at >= this.marked) this.ops.splice(at, 1);
	}

	/** The lab was replaced by a reload: what came before does not lead to it. */
	restart(ops: readonly LabOp[] = []): void {
		this.ops = [...ops];
		this.marked = 0;
	}
}

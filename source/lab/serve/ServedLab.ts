/**
 * What a lab server serves: a lab held open by a process (a console on a terminal, or `npiv lab
 * serve`), which runs clients' commands one after another as a one-shot process would run them,
 * saves after every change, and tells who follows it about new events.
 */
import type {CommandOutput} from '../../commands/CommandOutput.js';
import type {SanEvent} from '../../sim/EventLog.js';
import type {LabCheck, LabOp} from './LabOps.js';
import type {AttachPoint, ClockAction, ClockState, RequestGlobals} from './ServeProtocol.js';

export interface ServedRun {
	readonly family: string;
	readonly argv: readonly string[];
	readonly globals: RequestGlobals;
	/** The client's working folder: files a command names are relative to it. */
	readonly cwd: string;
}

export interface ServedLab {
	readonly by: 'console' | 'headless';
	/**
	 * Runs a client's command once whatever the lab is doing has settled, exactly as a one-shot
	 * process would run it on the saved store (to quiescence), and saves what changed before it
	 * resolves: a reply a client got is never lost.
	 */
	run(request: ServedRun): Promise<CommandOutput>;
	/** The event log as it is. */
	events(): readonly SanEvent[];
	/** Calls `listener` with the events logged since the last call, after each change. */
	onEvents(listener: (events: readonly SanEvent[]) => void): () => void;
	readonly vports: number;
	readonly revision: number;
	/** Where a console attaching now starts its replica. */
	attach(): AttachPoint;
	/** Calls `listener` with every operation the lab runs, as it runs it (attached consoles replay them). */
	onOp(listener: (op: LabOp, check: LabCheck) => void): () => void;
	onClock(listener: (clock: ClockState) => void): () => void;
	/**
	 * An attached console's action: run as the serving console runs its own (the clock carries on
	 * what it starts), or, served headless, to quiescence. Saved like any change.
	 */
	runForConsole(request: ServedRun & {readonly files: Readonly<Record<string, string>>}): Promise<CommandOutput>;
	/** An attached console's clock key; a text for the operator when it cannot apply. */
	clock(action: ClockAction, speed?: number): Promise<string | null>;
	/** Saves what is left and lets go of the store. */
	close(): Promise<void>;
}

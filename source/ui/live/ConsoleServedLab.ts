/**
 * A console's lab as a lab server serves it: one-shot commands run in the console's own lab (to
 * quiescence, saved before they are answered), attached consoles' actions run as the console's
 * own do, and every operation and event is told to whoever follows, as it happens.
 */
import type {CommandOutput} from '../../commands/CommandOutput.js';
import type {LabCheck, LabOp} from '../../lab/serve/LabOps.js';
import type {ServedLab, ServedRun} from '../../lab/serve/ServedLab.js';
import type {AttachPoint, ClockAction, ClockState} from '../../lab/serve/ServeProtocol.js';
import type {SanEvent} from '../../sim/EventLog.js';
import type {ClockSpeed} from '../model/ConsoleSource.js';
import type {WorldConsoleSource} from './WorldConsoleSource.js';

export class ConsoleServedLab implements ServedLab {
	readonly by = 'console';

	constructor(private readonly source: WorldConsoleSource) {}

	run(request: ServedRun): Promise<CommandOutput> {
		return this.source.runForClient(request, {settle: true, confirmed: false, files: {}});
	}

	runForConsole(request: ServedRun & {readonly files: Readonly<Record<string, string>>}): Promise<CommandOutput> {
		return this.source.runForClient(request, {settle: false, confirmed: true, files: request.files});
	}

	events(): readonly SanEvent[] {
		return this.source.currentWorld.log.entries();
	}

	onEvents(listener: (events: readonly SanEvent[]) => void): () => void {
		return this.source.onEvents(listener);
	}

	get vports(): number {
		return this.source.currentWorld.hosts.reduce((n, h) => n + h.stack.virtualPortCount, 0);
	}

	get revision(): number {
		return this.source.storeRevision ?? 0;
	}

	attach(): AttachPoint {
		return this.source.attachPoint();
	}

	onOp(listener: (op: LabOp, check: LabCheck) => void): () => void {
		return this.source.onOp(listener);
	}

	onClock(listener: (clock: ClockState) => void): () => void {
		return this.source.onClockState(listener);
	}

	async clock(action: ClockAction, speed?: number): Promise<string | null> {
		this.source.clockFor(action, speed as ClockSpeed | undefined);
		return null;
	}

	/** The console closes its own lab when it quits. */
	async close(): Promise<void> {}
}

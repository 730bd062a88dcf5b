import type {World} from '../../world/World.js';
import type {GlobalOptions} from '../GlobalOptions.js';

/** What a command family runs against: the booted world and the global options. */
export interface FamilyContext {
	readonly world: World;
	readonly globals: GlobalOptions;
	/** Reads a file the operator named (xm create CONFIG); commands/ may touch the file system. */
	readonly readFile: (path: string) => string;
	/** Writes a file the operator named (xm save CHECKPOINT), whole or not at all; false when it cannot be created. */
	readonly writeFile: (path: string, text: string) => boolean;
	/** Whether writeFile could create the file, asked before the command changes anything; absent: assume it can. */
	readonly canWrite?: (path: string) => boolean;
	/**
	 * Run the SAN to quiescence after the command (the one-shot CLI, sessions' `run`). The live
	 * console passes false: the command starts the work and the running clock carries it on, so a
	 * migration or a discovery unfolds on screen.
	 */
	readonly settle: boolean;
	/**
	 * The command was typed at the console: tools that would ask a yes/no question (FOS cfgenable)
	 * print it answered, without the one-shot CLI's remark that nobody was asked.
	 */
	readonly confirmed?: boolean;
}

export function settle(ctx: FamilyContext): void {
	if (ctx.settle) ctx.world.runUntilIdle();
}

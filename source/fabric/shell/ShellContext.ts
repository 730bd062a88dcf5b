import type {Fabric} from '../Fabric.js';
import type {FcSwitch} from '../FcSwitch.js';

/** What a switch command runs against: the switch you are logged in to, and its fabric. */
export interface ShellContext {
	readonly sw: FcSwitch;
	readonly fabric: Fabric;
	readonly json: boolean;
	/** The operator is at a console that asks before it acts: questions are answered, not explained. */
	readonly confirmed?: boolean;
}

/** A command's output: text for people, or the same facts as JSON. */
export interface CommandOutput {
	readonly text: string;
	readonly json: unknown;
}

export type SwitchCommand = (ctx: ShellContext, args: readonly string[]) => CommandOutput;

export interface CommandSpec {
	readonly run: SwitchCommand;
	readonly usage: string;
	readonly summary: string;
}

/** A command error the way FOS reports it (exit 1). */
export class CommandError extends Error {
	override readonly name = 'CommandError';
}

/** Answers FOS prints after a yes/no question, since a one-shot command cannot be asked. */
export const ASSUMED_YES = '[no] yes (not prompted: one-shot command)';
/** The same answer at the console, where there is no one-shot command to explain. */
export const CONFIRMED_YES = '[no] yes';

/** The answer to print after a FOS yes/no question. */
export function answerYes(ctx: ShellContext): string {
	return ctx.confirmed ? CONFIRMED_YES : ASSUMED_YES;
}

import type {Fabric} from '../Fabric.js';
import type {FcSwitch} from '../FcSwitch.js';

/** What a switch command runs against: the switch you are logged in to, and its fabric. */
export interface ShellContext {
	readonly sw: FcSwitch;
	readonly fabric: Fabric;
	readonly json: boolean;
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

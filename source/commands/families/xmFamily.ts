import {commandError, type CommandOutput} from '../CommandOutput.js';
import type {FamilyContext} from './FamilyContext.js';

export function runXmFamily(_argv: readonly string[], _ctx: FamilyContext): CommandOutput {
	return commandError('xm: not wired yet');
}

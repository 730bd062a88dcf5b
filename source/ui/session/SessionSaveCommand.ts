/**
 * `:session save FILE` at the console's command bar: the session recorded so far, written to
 * FILE. The console's sources run only the SAN's command families, so this one line is taken
 * before it reaches them; every other line goes on unchanged.
 */
import {splitCommandLine} from '../../commands/families/dispatchFamily.js';
import type {CommandResult, ConsoleSource} from '../model/ConsoleSource.js';

export interface SessionSaver {
	/** Writes the session to `file`; returns why it could not, or undefined when it did. */
	save(file: string): string | undefined;
}

export const SESSION_SAVE_USAGE = 'Usage: session save FILE    (the session recorded so far, as a session file)\n';

/** Takes `session save FILE` (and its completion) on this source's command bar. */
export function installSessionSave(source: ConsoleSource, saver: SessionSaver): void {
	const actions = source.actions;
	const runCommand = actions.runCommand.bind(actions);
	const complete = actions.complete.bind(actions);
	actions.runCommand = (line: string): Promise<CommandResult> => {
		const words = sessionWords(line);
		return words === undefined ? runCommand(line) : Promise.resolve(runSession(words, saver));
	};
	actions.complete = (line: string) => {
		const words = /^\s*(?:npiv\s+)?(\S*)(\s+(\S*))?$/.exec(line);
		if (words && words[2] === undefined && words[1] !== '' && 'session'.startsWith(words[1]!)) {
			const theirs = complete(line);
			const start = line.length - words[1]!.length;
			const candidates = theirs.start === start ? [...new Set([...theirs.candidates, 'session'])].sort() : ['session'];
			return {start, candidates};
		}
		if (words && words[1] === 'session' && words[3] !== undefined && 'save'.startsWith(words[3])) {
			return {start: line.length - words[3].length, candidates: ['save']};
		}
		return complete(line);
	};
}

/** The words after `session`, when the line is a session command; undefined otherwise. */
function sessionWords(line: string): string[] | undefined {
	const split = splitCommandLine(line);
	if ('error' in split) return undefined;
	const words = split[0] === 'npiv' ? split.slice(1) : split;
	return words[0] === 'session' ? words.slice(1) : undefined;
}

function runSession(words: readonly string[], saver: SessionSaver): CommandResult {
	const [verb, ...rest] = words;
	if (verb !== 'save') {
		const what = verb === undefined ? 'expected save' : `'session ${verb}' runs from a shell; the console has 'session save FILE'`;
		return {stdout: '', stderr: `npiv session: ${what}\n${SESSION_SAVE_USAGE}`, exitCode: 2};
	}
	if (rest.length !== 1 || rest[0] === '') return {stdout: '', stderr: `npiv session save: expected one FILE\n${SESSION_SAVE_USAGE}`, exitCode: 2};
	const file = rest[0]!;
	const problem = saver.save(file);
	if (problem !== undefined) return {stdout: '', stderr: `npiv session save: ${problem}\n`, exitCode: 1};
	return {stdout: `Session saved to ${file}\n`, stderr: '', exitCode: 0};
}

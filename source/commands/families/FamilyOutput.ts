/**
 * What npiv's own families (storage, fault, link, events, scenario, lab, session, snapshot, ui)
 * share about help and --json. The mirrored tools (fcinfo, fcadm, xm, the switch shell) keep
 * their own texts, exit codes and JSON and never go through here.
 */
import {ExitCode, json, ok, type CommandOutput} from '../CommandOutput.js';

/**
 * `--help` or `-h` anywhere among a command's words, up to a `--`: any subcommand of any family
 * answers with its usage, however many words come before (`npiv lab serve --detach --help`).
 */
export function asksForHelp(argv: readonly string[]): boolean {
	for (const word of argv) {
		if (word === '--') return false;
		if (word === '--help' || word === '-h') return true;
	}
	return false;
}

/** Help on stdout, exit 0; with --json the same text as `{"usage": TEXT}`, as fcinfo's --json gives it. */
export function helpOutput(usage: string, asJson: boolean): CommandOutput {
	return asJson ? json({usage}) : ok(usage);
}

/** The `code` of an error object: what kind of failure, the same word for the same exit status everywhere. */
export function errorCode(exitCode: number): string {
	if (exitCode === ExitCode.usageError) return 'usageError';
	if (exitCode === ExitCode.commandError) return 'commandError';
	// 128 + SIGINT or SIGTERM: a session stopped between two steps
	if (exitCode === 130 || exitCode === 143) return 'interrupted';
	return 'error';
}

/**
 * An error's text as a JSON message: without the usage block a usage error appends for a person
 * (a program reads `code` instead), without the final newline. A bare usage text stays whole.
 */
export function errorMessage(text: string): string {
	const trimmed = text.trim();
	const usage = trimmed.indexOf('\nUsage: ');
	return usage > 0 ? trimmed.slice(0, usage).trimEnd() : trimmed;
}

/** `{"error": {"code", "message", ...more}}` on stdout, nothing on stderr, with the given exit status. */
export function jsonError(exitCode: number, message: string, more: Readonly<Record<string, unknown>> = {}): CommandOutput {
	return json({error: {code: errorCode(exitCode), message: errorMessage(message), ...more}}, exitCode);
}

/**
 * A family's output made fit for --json: one JSON object on stdout. Errors (any exit status but
 * 0) become `{"error": {"code", "message"}}` with nothing on stderr; an answer that is already an
 * object is left alone (`lab status` of an unserved store is an object with exit 1); a usage text
 * becomes `{"usage"}` and any other sentence `{"message"}`. Without --json, `out` is unchanged.
 *
 * Output that is JSON starts with `{` (JSON of npiv's families is always an object): a look at
 * the first character, not a parse, so a 100,000-event log is not read twice.
 */
export function familyJson(out: CommandOutput, asJson: boolean): CommandOutput {
	if (!asJson) return out;
	const text = out.stdout.trimStart();
	const keep = {...(out.changed === undefined ? {} : {changed: out.changed}), ...(out.facts === undefined ? {} : {facts: out.facts})};
	if (out.exitCode !== 0) {
		if (text.startsWith('{')) return {...out, stderr: ''};
		return {...jsonError(out.exitCode, out.stderr.trim() === '' ? out.stdout : out.stderr), ...keep};
	}
	if (text === '' || text.startsWith('{')) return out;
	const body = text.startsWith('Usage:') ? {usage: out.stdout} : {message: text.trimEnd()};
	return {...json(body, 0), stderr: out.stderr, ...keep};
}

/** `npiv ui --help`: here rather than beside the console, so that asking for it loads no Ink. */
export const UI_USAGE = `Usage: npiv [global options] [ui]

  Opens the console on the store (--state) in the alternate screen: adapters, virtual ports,
  LUNs, events, domains and the fabric; ':' runs any npiv command, '?' shows the keys. It needs
  a terminal of at least 80x24. When a lab server serves the store, the console attaches to it.

  --record FILE   (a global option, before 'ui') also writes the console session to FILE when
                  the console quits; ':session save FILE' writes what happened so far
  --no-server     opens the store in this process even when a lab server serves it
`;

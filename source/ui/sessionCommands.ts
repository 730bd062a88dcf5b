/**
 * `npiv session replay|check|export FILE`: sessions over the real console and the real SAN,
 * headless (drawn on demand) unless a replay plays on the terminal.
 *
 * Everything that can be wrong with the request is found before anything runs: the options
 * (exit 2), then the session file, every bad line with its number, then the store it starts
 * from, refused like any invalid store (exit 1). A replay works on a copy of its start unless
 * it is given --apply and starts from a store file; only then is that file saved.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {jsonSimMs} from '../commands/events/SimTimeJson.js';
import {asksForHelp, errorMessage, familyJson, jsonError} from '../commands/families/FamilyOutput.js';
import {json} from '../commands/CommandOutput.js';
import type {GlobalOptions} from '../commands/GlobalOptions.js';
import {shown} from '../commands/ShownValue.js';
import {isStoreError} from '../store/index.js';
import {replaceOutputFile} from '../store/OutputFile.js';
import {WorldError} from '../world/WorldError.js';
import {
	check,
	driverStart,
	exportAsciicast,
	exportSvgSnapshots,
	formatCheckFailure,
	formatProblem,
	frameFolderWriter,
		MAX_SPEED,
	readSessionFile,
	replay,
	ReplayError,
	savedFrameText,
	SESSION_FORMAT_HELP,
	SessionSandbox,
	SessionSyntaxError,
	writeSvgSnapshots,
	type CheckResult,
	type ParsedSession,
	type SessionDriver,
} from '../session/index.js';
import {PANES} from './model/ConsoleSource.js';
import {createConsoleSessionDriver, type DisposableSessionDriver, type ReplaySourceFactory} from './session/ConsoleSessionDriver.js';
import {openStartDocument, startLabel} from './session/StartDocument.js';
import {replayInTerminal} from './session/TerminalReplay.js';

const SESSION_SYNOPSIS = `Usage: npiv session replay FILE [--speed N] [--headless [--frames DIR]] [--apply] [--check]
       npiv session check FILE... [--update]
       npiv session export FILE [--cast OUT.cast] [--svg DIR] [--key-delay MS] [--tick MS] [--title TEXT]
`;

export const SESSION_USAGE = `${SESSION_SYNOPSIS}       npiv session help               the session file format

  replay   plays the session on the terminal at its recorded pace (--speed N: N times faster);
           --headless needs no terminal: prints the last frame, or with --frames DIR writes
           every frame as DIR/0000.txt (text) and DIR/0000.ans (with colours)
  check    replays headless; exits 1 at the first expect that fails or snapshot that differs
           from its saved frame (FILE.frames/NAME.txt), showing where and the difference;
           --update saves the snapshots' frames instead of comparing them
  export   --cast OUT.cast: an asciicast v2 of every frame, in simulated time (--key-delay MS
           adds a pause after each key for people watching; --tick MS draws a frame every MS
           of a wait); --svg DIR: DIR/NAME.svg for each snapshot step

  A replay works on a copy of the store it starts from. --apply (only for a session that
  starts with 'start store FILE') saves what the session did to that store.
`;

/** Where the command's output goes; the CLI passes the process's streams, tests their own. */
export interface SessionIo {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	out(text: string): void;
	err(text: string): void;
	/** With --json: what the command did, as the object it prints (the text it would print is dropped). */
	report?(facts: Readonly<Record<string, unknown>>): void;
}

/** What the command replays over: by default the real SAN; tests may pass another console source. */
export interface SessionCommandDeps {
	/** The source factory for a session whose start is called `label` (in messages and the header). */
	readonly sourceFactory?: (label: string) => ReplaySourceFactory | Promise<ReplaySourceFactory>;
}

export function processIo(): SessionIo {
	return {
		stdin: process.stdin,
		stdout: process.stdout,
		out: text => void process.stdout.write(text),
		err: text => void process.stderr.write(text),
	};
}

class UsageError extends Error {}

export async function runSessionCommand(argv: readonly string[], globals: GlobalOptions, io: SessionIo = processIo(), deps: SessionCommandDeps = {}): Promise<number> {
	if (!globals.json) return sessionVerb(argv, globals, io, deps);
	// --json: the text a verb prints is kept aside, and one object is printed at the end, whatever happened
	let stdout = '';
	let stderr = '';
	let facts: Readonly<Record<string, unknown>> | undefined;
	const code = await sessionVerb(argv, globals, {stdin: io.stdin, stdout: io.stdout, out: text => void (stdout += text), err: text => void (stderr += text), report: f => void (facts = f)}, deps);
	let output;
	if (facts === undefined) output = familyJson({stdout, stderr, exitCode: code}, true);
	else if (code === 0) output = json(facts);
	else {
		const {message, ...more} = facts as {message?: string};
		output = jsonError(code, message ?? errorMessage(stderr), more);
	}
	io.out(output.stdout);
	return code;
}

async function sessionVerb(argv: readonly string[], globals: GlobalOptions, io: SessionIo, deps: SessionCommandDeps): Promise<number> {
	const [verb, ...rest] = argv;
	if (asksForHelp(argv) || verb === 'help') {
		io.out(`${SESSION_USAGE}\n${SESSION_FORMAT_HELP}`);
		return 0;
	}
	const stop = stopOnSignals();
	try {
		switch (verb) {
			case 'replay':
				return await replayCommand(rest, globals, io, deps, stop);
			case 'check':
				return await checkCommand(rest, globals, io, deps, stop);
			case 'export':
				return await exportCommand(rest, globals, io, deps, stop);
			case undefined:
				throw new UsageError('npiv session: expected replay, check or export');
			default:
				throw new UsageError(`npiv session: unknown subcommand '${verb}'`);
		}
	} catch (error) {
		if (error instanceof UsageError) {
			io.err(`${error.message}\n${SESSION_SYNOPSIS}(npiv session help: the options and the session file format)\n`);
			return 2;
		}
		if (error instanceof SessionSyntaxError) {
			// line 0: the file itself could not be read
			io.err(error.problems.map(p => (p.line === 0 ? `npiv: ${p.file}: ${p.message}` : formatProblem(p))).join('\n') + '\n');
			return 1;
		}
		if (error instanceof ReplayError || isStoreError(error) || error instanceof WorldError) {
			io.err(`npiv: ${(error as Error).message}\n`);
			return 1;
		}
		if (error instanceof OutputError) {
			io.err(`npiv: ${error.message}\n`);
			return 1;
		}
		throw error;
	} finally {
		stop.dispose();
	}
}

/**
 * SIGINT and SIGTERM while a session runs: the replay stops between two steps (each step is
 * bounded: see ExpectMatch for the one that could run away), the terminal is given back, and the
 * command exits as a shell expects of a process a signal ended, 128 plus the signal's number.
 */
interface SignalStop {
	readonly signal: AbortSignal;
	/** The exit status for the signal that stopped the run, if one did. */
	readonly exitCode: number | undefined;
	readonly name: string | undefined;
	dispose(): void;
}

function stopOnSignals(): SignalStop {
	const controller = new AbortController();
	let got: {name: string; code: number} | undefined;
	const on = (name: 'SIGINT' | 'SIGTERM', code: number) => (): void => {
		// A second signal: the person means it; the replay is not stopping fast enough.
		if (got) process.exit(got.code);
		got = {name, code};
		controller.abort();
	};
	const onInt = on('SIGINT', 130);
	const onTerm = on('SIGTERM', 143);
	// `on`, not `once`: a once listener is gone by the time signal-exit (Ink's) looks, and it would
	// then see nobody handling the signal and kill the process with it.
	process.on('SIGINT', onInt);
	process.on('SIGTERM', onTerm);
	return {
		signal: controller.signal,
		get exitCode() {
			return got?.code;
		},
		get name() {
			return got?.name;
		},
		dispose() {
			process.off('SIGINT', onInt);
			process.off('SIGTERM', onTerm);
		},
	};
}

/** An output file the command line named could not be written (a folder in the way, no permission). */
class OutputError extends Error {}

function stoppedBy(stop: SignalStop, io: SessionIo, what: string): number | undefined {
	if (stop.exitCode === undefined) return undefined;
	io.err(`npiv: ${what}: stopped by ${stop.name}\n`);
	return stop.exitCode;
}

/** Writes an output the command line named, whole or not at all, with a clear error when it cannot. */
function writeOutput(file: string, text: string, what: string): void {
	try {
		replaceOutputFile(file, text);
	} catch (error) {
		throw new OutputError(`cannot write ${what} ${shown(file)}: ${systemReason(error)}`);
	}
}

function systemReason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code === 'EEXIST' ? 'a file is in the way of the folder' : code === 'ENOENT' || code === 'ENOTDIR' ? 'no such folder' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : shown((error as Error).message);
}

// ---- replay -----------------------------------------------------------------------------

async function replayCommand(argv: readonly string[], globals: GlobalOptions, io: SessionIo, deps: SessionCommandDeps, stop: SignalStop): Promise<number> {
	const {values, file} = options(argv, 'replay', {
		speed: {type: 'string'},
		headless: {type: 'boolean'},
		frames: {type: 'string'},
		apply: {type: 'boolean'},
		check: {type: 'boolean'},
	});
	const speed = values.speed === undefined ? undefined : speedOption(values.speed as string);
	if (values.frames !== undefined && !values.headless) throw new UsageError('npiv session replay: --frames DIR goes with --headless');
	if (values.check) {
		if (values.frames !== undefined || values.speed !== undefined || values.apply) throw new UsageError('npiv session replay --check: takes no --frames, --speed or --apply (a check is headless and changes no store)');
		return checkCommand([file], globals, io, deps, stop);
	}
	if (globals.json && !values.headless) throw new UsageError('npiv session replay: --json goes with --headless (a replay on the terminal draws on it)');
	if (!values.headless && !(io.stdout.isTTY && io.stdin.isTTY)) {
		throw new UsageError('npiv session replay: playing a session needs a terminal; add --headless to replay without one');
	}
	const apply = values.apply === true;
	const {session, sandbox} = await prepare(file, apply);
	return withDriver(session, deps, {apply, sandbox, noColor: globals.noColor && !values.headless}, async driver => {
		if (!values.headless) {
			const result = await replayInTerminal(session, driver, {stdin: io.stdin, stdout: io.stdout, apply, refusals: sandbox, signal: stop.signal, ...(speed === undefined ? {} : {speed})});
			io.err(`${result.aborted ? 'stopped' : 'replayed'} ${file}: ${result.steps} of ${session.steps.length} steps, ${formatSimMs(result.timeMs)} of simulated time\n`);
			return stop.exitCode ?? 0;
		}
		let write: ReturnType<typeof frameFolderWriter> | undefined;
		if (values.frames !== undefined) {
			const dir = values.frames as string;
			const cannot = (error: unknown): OutputError => new OutputError(`cannot write frames to ${shown(dir)}: ${systemReason(error)}`);
			let inner: ReturnType<typeof frameFolderWriter>;
			try {
				inner = frameFolderWriter(dir);
			} catch (error) {
				throw cannot(error);
			}
			write = (frame, context) => {
				try {
					inner(frame, context);
				} catch (error) {
					throw cannot(error);
				}
			};
		}
		const result = await replay(session, driver, {apply, refusals: sandbox, signal: stop.signal, ...(write ? {onFrame: write} : {})});
		const stopped = stoppedBy(stop, io, `session replay ${shown(file)}`);
		if (stopped !== undefined) return stopped;
		if (write) io.out(`${result.frames} frames written to ${values.frames as string}\n`);
		else io.out(savedFrameText(result.lastFrame.text));
		io.report?.({
			file,
			steps: result.steps,
			frames: result.frames,
			timeMs: jsonSimMs(result.timeMs),
			...(write ? {framesDir: values.frames as string} : {screen: savedFrameText(result.lastFrame.text)}),
		});
		return 0;
	});
}

// ---- check ------------------------------------------------------------------------------

async function checkCommand(argv: readonly string[], globals: GlobalOptions, io: SessionIo, deps: SessionCommandDeps, stop: SignalStop): Promise<number> {
	const {values, positionals} = parse(argv, 'check', {update: {type: 'boolean'}}, true);
	const update = values.update === true;
	// every file is read before any runs: a typo in the last one is found at once
	const sessions: Prepared[] = [];
	for (const file of positionals) sessions.push(await prepare(file, false));
	let failed = 0;
	const outcomes: Record<string, unknown>[] = [];
	for (const {session, sandbox} of sessions) {
		const result = await withDriver(session, deps, {apply: false, sandbox}, driver => check(session, driver, {update, refusals: sandbox, signal: stop.signal}));
		const stopped = stoppedBy(stop, io, `session check ${shown(session.file)}`);
		if (stopped !== undefined) return stopped;
		outcomes.push(checkJson(session.file, result));
		if (result.ok) io.out(`${session.file}: ok (${checkSummary(result)})\n`);
		else {
			failed++;
			// the diff can be long: the line that says where ends it too
			io.err(`${formatCheckFailure(result.failure!)}FAILED ${result.failure!.message}\n`);
		}
	}
	const first = outcomes.find(o => o['ok'] === false);
	io.report?.({...(first ? {message: `FAILED ${String((first['failure'] as {message: string}).message)}`} : {}), sessions: outcomes});
	return failed > 0 ? 1 : 0;
}

/** One session's check as --json gives it: what `file: ok (...)` or the failure says, as fields. */
function checkJson(file: string, result: CheckResult): Record<string, unknown> {
	const count = (status: string): number => result.snapshots.filter(s => s.status === status).length;
	const failure = result.failure;
	return {
		file,
		ok: result.ok,
		steps: result.replay.steps,
		expects: result.expects,
		snapshots: {matched: count('matched'), written: count('written'), updated: count('updated')},
		...(failure ? {failure: {kind: failure.kind, ...(failure.line === undefined ? {} : {line: failure.line}), message: failure.message, detail: failure.detail}} : {}),
	};
}

function checkSummary(result: CheckResult): string {
	const parts = [plural(result.replay.steps, 'step'), plural(result.expects, 'expect')];
	const count = (status: string): number => result.snapshots.filter(s => s.status === status).length;
	const snapshots = [['matched', count('matched')], ['written', count('written')], ['updated', count('updated')]] as const;
	const said = snapshots.filter(([, n]) => n > 0).map(([status, n]) => `${n} ${status}`);
	parts.push(said.length === 0 ? '0 snapshots' : `snapshots: ${said.join(', ')}`);
	return parts.join(', ');
}

// ---- export -----------------------------------------------------------------------------

async function exportCommand(argv: readonly string[], globals: GlobalOptions, io: SessionIo, deps: SessionCommandDeps, stop: SignalStop): Promise<number> {
	const {values, file} = options(argv, 'export', {
		cast: {type: 'string'},
		svg: {type: 'string'},
		'key-delay': {type: 'string'},
		tick: {type: 'string'},
		title: {type: 'string'},
	});
	const cast = values.cast as string | undefined;
	const svg = values.svg as string | undefined;
	if (cast === undefined && svg === undefined) throw new UsageError('npiv session export: say what to export: --cast OUT.cast, --svg DIR, or both');
	const keyDelay = values['key-delay'] === undefined ? 0 : wholeNumber(values['key-delay'] as string, '--key-delay', 60_000);
	const tick = values.tick === undefined ? undefined : wholeNumber(values.tick as string, '--tick', 3_600_000);
	if (tick === 0) throw new UsageError('npiv session export: --tick takes a number of milliseconds greater than 0');
	const title = values.title as string | undefined;
	const {session, sandbox} = await prepare(file, false);
	const exported: Record<string, unknown> = {file};
	if (svg !== undefined && !session.steps.some(step => step.kind === 'snapshot')) {
		throw new ReplayError(`${file} has no snapshot steps: nothing to draw for --svg`);
	}
	if (cast !== undefined) {
		const text = await withDriver(session, deps, {apply: false, sandbox}, driver =>
			exportAsciicast(session, driver, {keyDelayMs: keyDelay, title: title ?? path.basename(file), refusals: sandbox, signal: stop.signal, ...(tick === undefined ? {} : {waitTickMs: tick})}),
		);
		const stopped = stoppedBy(stop, io, `session export ${shown(file)}`);
		if (stopped !== undefined) return stopped;
		writeOutput(cast, text, 'the asciicast');
		io.out(`${cast}: asciicast v2, ${text.split('\n').length - 2} events\n`);
		exported['cast'] = {file: cast, events: text.split('\n').length - 2};
	}
	if (svg !== undefined) {
		const pictures = await withDriver(session, deps, {apply: false, sandbox}, driver =>
			exportSvgSnapshots(session, driver, {refusals: sandbox, signal: stop.signal, ...(title === undefined ? {} : {title})}),
		);
		const stopped = stoppedBy(stop, io, `session export ${shown(file)}`);
		if (stopped !== undefined) return stopped;
		let files: string[];
		try {
			files = writeSvgSnapshots(svg, pictures);
		} catch (error) {
			throw new OutputError(`cannot write the pictures to ${shown(svg)}: ${systemReason(error)}`);
		}
		io.out(files.map(f => `${f}\n`).join(''));
		exported['svg'] = files;
	}
	io.report?.(exported);
	return 0;
}

// ---- shared -----------------------------------------------------------------------------

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

function parse(argv: readonly string[], verb: string, spec: OptionSpec, many: boolean): {values: Record<string, string | boolean | undefined>; positionals: string[]} {
	let parsed: {values: Record<string, unknown>; positionals: string[]};
	try {
		parsed = parseArgs({args: [...argv], options: spec, allowPositionals: true, strict: true});
	} catch (error) {
		throw new UsageError(`npiv session ${verb}: ${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}`);
	}
	const {positionals} = parsed;
	if (positionals.length === 0) throw new UsageError(`npiv session ${verb}: expected a session FILE`);
	if (!many && positionals.length > 1) throw new UsageError(`npiv session ${verb}: expected one session FILE, got ${positionals.length}: ${positionals.join(' ')}`);
	return {values: parsed.values as Record<string, string | boolean | undefined>, positionals};
}

function options(argv: readonly string[], verb: string, spec: OptionSpec): {values: Record<string, string | boolean | undefined>; file: string} {
	const {values, positionals} = parse(argv, verb, spec, false);
	return {values, file: positionals[0]!};
}

interface Prepared {
	readonly session: ParsedSession;
	/** The files its commands may touch: its own folder (see session/SessionSandbox.ts). */
	readonly sandbox: SessionSandbox;
}

/** Reads the session and opens the store it starts from, so a bad line or an invalid store is reported before anything runs. */
async function prepare(file: string, apply: boolean): Promise<Prepared> {
	const session = readSessionFile(file, {panes: PANES});
	if (apply && session.start.kind !== 'store') {
		const from = session.start.kind === 'scenario' ? `scenario ${session.start.name}` : 'an embedded store document';
		throw new UsageError(`npiv session: --apply saves to the store a session starts from, and ${file} starts from ${from}; --apply needs 'start store FILE'`);
	}
	const sandbox = SessionSandbox.forSession(file);
	if (session.start.kind === 'store' && sandbox.inside(session.start.path) === undefined) {
		throw new ReplayError(
			`${file}:${startLine(file)}: refused: start store '${shown(session.start.path)}': outside the session's folder ${shown(sandbox.root)} (a replayed session reads and writes only files in its own folder)`,
		);
	}
	const start = driverStart(session.start, {apply: false, baseDir: path.dirname(file)});
	await openStartDocument(start, session.seed, startLabel(session.start, file));
	return {session, sandbox};
}

/** The line of the session's `start` header (the parser has checked there is one). */
function startLine(file: string): number {
	const lines = readFileSync(file, 'utf8').split('\n');
	const at = lines.findIndex(line => /^\s*start\s/.test(line));
	return at + 1;
}

/**
 * Runs `run` with the console over the session's start. Frames that are checked or exported
 * are drawn in colour whatever the user's terminal wants (NO_COLOR in CI must not change a
 * saved frame); only a replay on the terminal follows --no-color.
 */
async function withDriver<T>(
	session: ParsedSession,
	deps: SessionCommandDeps,
	options: {apply: boolean; sandbox: SessionSandbox; noColor?: boolean},
	run: (driver: SessionDriver) => Promise<T>,
): Promise<T> {
	const {apply, sandbox, noColor = false} = options;
	const label = startLabel(session.start, session.file);
	const built: {close(): Promise<void>}[] = [];
	const factory = deps.sourceFactory
		? await deps.sourceFactory(label)
		: (await import('./session/WorldReplaySource.js')).worldReplaySourceFactory(label, {sandbox, onSource: source => void built.push(source)});
	const driver: DisposableSessionDriver = createConsoleSessionDriver(factory, {render: 'on-demand', noColor});
	try {
		return await run(driver);
	} finally {
		await driver.dispose();
		// with --apply, the replay's changes are being saved to the session's store: wait for them
		if (apply) for (const source of built) await source.close();
	}
}

function speedOption(text: string): number {
	const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
	if (!(value > 0 && value <= MAX_SPEED)) throw new UsageError(`npiv session replay: --speed takes a number greater than 0 and at most ${MAX_SPEED}, got '${text}'`);
	return value;
}

function wholeNumber(text: string, option: string, max: number): number {
	if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`npiv session: ${option} takes a whole number from 0 to ${max}, got '${text}'`);
	return Number(text);
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatSimMs(ms: number): string {
	if (ms < 1000) return `${ms}ms`;
	const s = ms / 1000;
	if (s < 60) return `${Number(s.toFixed(3))}s`;
	const m = Math.floor(s / 60);
	return `${m}m ${Number((s - m * 60).toFixed(3))}s`;
}

/**
 * `npiv lab serve|status|stop`: a lab held open in a process of its own, for commands to use
 * instead of loading the store themselves.
 *
 *   serve               in the foreground until Ctrl-C or `npiv lab stop` (saves first)
 *   serve --detach      in the background; its pid is noted beside the store; returns once it answers
 *   status              who serves the store: pid, clients, uptime, virtual ports
 *   stop                asks the server to save and stop, and waits until it has
 */
import {spawn} from 'node:child_process';
import {readFileSync, unlinkSync} from 'node:fs';
import {replaceOutputFile} from '../../store/OutputFile.js';
import {parseArgs} from 'node:util';
import {commandError, json, ok, usageError, type CommandOutput} from '../../commands/CommandOutput.js';
import {asksForHelp, familyJson, helpOutput} from '../../commands/families/FamilyOutput.js';
import type {GlobalOptions} from '../../commands/GlobalOptions.js';
import {isStoreError} from '../../store/index.js';
import {WorldError} from '../../world/WorldError.js';
import {HeadlessLab} from './HeadlessLab.js';
import {findServer} from './LabClient.js';
import {LabServer, ServeError} from './LabServer.js';
import {serveFilesFor} from './ServeFiles.js';
import type {ServerStatus} from './ServeProtocol.js';

export const LAB_USAGE = `Usage: npiv lab serve [--detach] [--idle-exit SECONDS]
       npiv lab status [--json]
       npiv lab stop

  serve     holds the store's lab open and serves it on a socket beside the store, so that
            commands (fcinfo, fcadm, xm, switch, storage, fault, link, events, scenario) run in it
            instead of loading the store themselves; in the foreground until Ctrl-C or
            'npiv lab stop'. --detach: in the background (its pid beside the store), returning
            once it answers. --idle-exit: stop after that many seconds without a client.
  status    who serves the store: pid, since when, clients, virtual ports (exit 1: nobody)
  stop      asks the server to save and stop, and waits until it has
`;

/** How long `serve --detach` and auto-start wait for a new server to answer (a big lab takes a moment to open). */
const START_TIMEOUT_MS = 60_000;

export async function runLabCommand(argv: readonly string[], globals: GlobalOptions, cli: {readonly script: string}): Promise<CommandOutput> {
	return familyJson(await labVerb(argv, globals, cli), globals.json);
}

async function labVerb(argv: readonly string[], globals: GlobalOptions, cli: {readonly script: string}): Promise<CommandOutput> {
	const [verb, ...rest] = argv;
	// before anything else: `lab serve --help` must not start a server
	if (asksForHelp(argv) || verb === 'help') return helpOutput(LAB_USAGE, globals.json);
	switch (verb) {
		case 'serve':
			return serve(rest, globals, cli);
		case 'status':
			return status(rest, globals);
		case 'stop':
			return stop(rest, globals);
		case undefined:
			return usageError(LAB_USAGE);
		default:
			return usageError(`npiv lab: unknown subcommand '${verb}'\n${LAB_USAGE}`);
	}
}

async function serve(argv: readonly string[], globals: GlobalOptions, cli: {readonly script: string}): Promise<CommandOutput> {
	let values: {detach?: boolean; 'idle-exit'?: string; 'pid-file'?: boolean};
	try {
		values = parseArgs({args: [...argv], strict: true, allowPositionals: false, options: {detach: {type: 'boolean'}, 'idle-exit': {type: 'string'}, 'pid-file': {type: 'boolean'}}}).values;
	} catch (error) {
		return usageError(`npiv lab serve: ${(error as Error).message}\n${LAB_USAGE}`);
	}
	const idle = values['idle-exit'];
	if (idle !== undefined && !/^\d+$/.test(idle)) return usageError(`npiv lab serve: --idle-exit takes a whole number of seconds, not '${idle}'\n${LAB_USAGE}`);
	const files = serveFilesFor(globals.statePath);
	if (values.detach) return detach(globals, cli, idle);
	let lab: HeadlessLab;
	try {
		lab = await HeadlessLab.open(globals.statePath, globals.seed === undefined ? {} : {seed: globals.seed});
	} catch (error) {
		if (isStoreError(error) || error instanceof WorldError) return commandError(`npiv: ${(error as Error).message}`);
		throw error;
	}
	if (lab.openingNote) process.stderr.write(`${lab.openingNote}\n`);
	let stopping: (() => void) | undefined;
	const stopped = new Promise<void>(resolve => (stopping = resolve));
	let server: LabServer;
	try {
		server = await LabServer.listen(files, lab, {onStopRequest: () => stopping!()});
	} catch (error) {
		await lab.close();
		if (error instanceof ServeError) return commandError(`npiv lab serve: ${error.message}`);
		throw error;
	}
	// Whole or not at all: `lab status` and `lab stop` read it while we may be writing it.
	if (values['pid-file']) replaceOutputFile(files.pidFile, `${process.pid}\n`);
	process.stderr.write(`npiv: serving ${files.store} on ${files.socket} (pid ${process.pid}); 'npiv lab stop' or Ctrl-C stops it\n`);
	const onSignal = (): void => stopping!();
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	// Wall-clock idleness is the server's business, not the simulation's: a timer is fine here.
	let idleTimer: ReturnType<typeof setTimeout> | undefined;
	const checkIdle = (): void => {
		if (server.idleMs >= Number(idle) * 1000) stopping!();
		else idleTimer = setTimeout(checkIdle, Math.min(60_000, Math.max(250, Number(idle) * 250)));
	};
	if (idle !== undefined) checkIdle();
	await stopped;
	if (idleTimer) clearTimeout(idleTimer);
	process.removeListener('SIGINT', onSignal);
	process.removeListener('SIGTERM', onSignal);
	await server.close();
	await lab.close();
	if (values['pid-file']) removePidFile(files.pidFile);
	return ok('', true);
}

/** A server started on its own (NPIV_SERVE=auto, a console's hand-over) stops after this long with nobody connected. */
export const IDLE_EXIT_SECONDS = 600;

/** Starts `npiv lab serve` in the background and waits until it answers. */
async function detach(globals: GlobalOptions, cli: {readonly script: string}, idle: string | undefined): Promise<CommandOutput> {
	const started = await startDetachedServer(globals, cli, idle === undefined ? undefined : Number(idle));
	if ('error' in started) return commandError(`npiv lab serve: ${started.error}`);
	return ok(`lab server started for ${started.store} (pid ${started.pid})\n`);
}

/**
 * Starts a detached server of the store and waits until it answers. Used by `serve --detach` and
 * by NPIV_SERVE=auto (which passes an idle time).
 */
export async function startDetachedServer(globals: GlobalOptions, cli: {readonly script: string}, idleExitSeconds: number | undefined): Promise<{pid: number; store: string} | {error: string}> {
	const files = serveFilesFor(globals.statePath);
	const found = await findServer(globals.statePath);
	if (found.kind === 'server') {
		found.connection.close();
		return {error: `${files.store} is served already (pid ${found.hello.pid})`};
	}
	const args = [cli.script, '--state', globals.statePath, ...(globals.seed === undefined ? [] : ['--seed', String(globals.seed)]), 'lab', 'serve', '--pid-file', ...(idleExitSeconds === undefined ? [] : ['--idle-exit', String(idleExitSeconds)])];
	const child = spawn(process.execPath, args, {detached: true, stdio: 'ignore', env: {...process.env, NPIV_SERVE: ''}});
	child.unref();
	let exited: number | null = null;
	child.once('exit', code => (exited = code ?? 1));
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 50));
		if (exited !== null) return {error: `the server exited at once (status ${exited}); run 'npiv lab serve' to see why`};
		const probe = await findServer(globals.statePath, 1000);
		if (probe.kind === 'server') {
			probe.connection.close();
			return {pid: probe.hello.pid, store: probe.hello.store};
		}
	}
	return {error: `the server did not answer within ${START_TIMEOUT_MS / 1000} s`};
}

async function status(argv: readonly string[], globals: GlobalOptions): Promise<CommandOutput> {
	if (argv.length > 0) return usageError(`npiv lab status: takes no arguments\n${LAB_USAGE}`);
	const files = serveFilesFor(globals.statePath);
	const found = await findServer(globals.statePath);
	if (found.kind === 'none') return globals.json ? json({store: files.store, served: false}, 1) : {stdout: `${files.store} is not served\n`, stderr: '', exitCode: 1};
	if (found.kind === 'unusable') return commandError(`npiv lab status: ${found.why}`);
	try {
		const reply = await found.connection.request({type: 'status', id: 1});
		if (reply.type !== 'status') return commandError(`npiv lab status: the server answered '${reply.type}'`);
		const {type: _t, id: _i, ...facts} = reply;
		return globals.json ? json({served: true, ...facts}) : ok(formatStatus(facts));
	} finally {
		found.connection.close();
	}
}

function formatStatus(s: ServerStatus): string {
	const by = s.by === 'console' ? 'a console' : 'npiv lab serve';
	return [
		`${s.store} is served by ${by} (pid ${s.pid}, npiv-console ${s.version})`,
		`  up ${formatUptime(s.uptimeMs)}, ${s.clients} client${s.clients === 1 ? '' : 's'} connected, ${s.consoles} console${s.consoles === 1 ? '' : 's'} attached`,
		`  ${s.vports.toLocaleString('en-US')} virtual ports, store revision ${s.revision}`,
		'',
	].join('\n');
}

function formatUptime(ms: number): string {
	const s = Math.floor(ms / 1000);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
}

async function stop(argv: readonly string[], globals: GlobalOptions): Promise<CommandOutput> {
	if (argv.length > 0) return usageError(`npiv lab stop: takes no arguments\n${LAB_USAGE}`);
	const files = serveFilesFor(globals.statePath);
	const found = await findServer(globals.statePath);
	if (found.kind === 'none') return {stdout: `${files.store} is not served\n`, stderr: '', exitCode: 1};
	if (found.kind === 'unusable') return commandError(`npiv lab stop: ${found.why}`);
	const {pid} = found.hello;
	try {
		await found.connection.request({type: 'stop', id: 1});
	} finally {
		found.connection.close();
	}
	// Gone when its socket no longer answers (it saves first).
	for (;;) {
		const probe = await findServer(globals.statePath, 1000);
		if (probe.kind === 'server') {
			probe.connection.close();
			await new Promise(resolve => setTimeout(resolve, 50));
			continue;
		}
		break;
	}
	return ok(`stopped the lab server of ${files.store} (pid ${pid}); the lab is saved\n`);
}

function removePidFile(file: string): void {
	try {
		if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
	} catch {
		// gone already
	}
}

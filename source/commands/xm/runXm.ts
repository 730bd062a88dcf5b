/**
 * `npiv xm ...`: Xen 3.x xm over the emulated xVM hosts, with the Sun xVM NPIV verbs. Output,
 * error texts and exit codes follow xen/xm/main.py: `Error: ...` on stderr, the subcommand's usage
 * on stdout after argument and xend errors, exit 1, and xend's ERROR_INVALID_DOMAIN (3) for an
 * unknown domain. Commands that take simulated time (create, shutdown -w, migrate) run the
 * simulator until they are done, as xm waits for xend.
 */
import {parseWwn, type Wwn} from '../../sim/Wwn.js';
import {HBA_CREATE_WWN_RANDOM, HBA_STATUS} from '../../hbaapi/types.js';
import type {XenWorld} from '../../xvm/XenWorld.js';
import type {XenHost} from '../../xvm/XenHost.js';
import type {XenDomain} from '../../xvm/XenDomain.js';
import {XendError} from '../../xvm/Xend.js';
import type {XenOp} from '../../xvm/XenOp.js';
import {DomainSpecError, formatDisk, parseDisk, type DomainSpec} from '../../xvm/DomainSpec.js';
import {ConfigTextError, domainSpecFromConfig, isConfigWord, parseConfigText} from '../../xvm/DomainConfigText.js';
import {blockDeviceNumber} from '../../xvm/Xenbus.js';
import {backendPath, frontendPath} from '../../xvm/DeviceController.js';
import {gnuGetopt, GetoptError, has, intUnitMiB, value, type Parsed} from './XmArgs.js';
import {ALIASES, ALL_COMMANDS, KNOWN_COMMANDS, MIGRATE_USE, SUBCOMMAND_HELP, commandHelp, longHelp, shortHelp} from './XmHelp.js';
import {formatBlockList, formatInfo, formatList, formatNetworkList, formatNpivList, formatUptime, formatVcpuList, type DeviceRow, type ListRow, type NpivRow, type VcpuRow} from './XmFormat.js';
import {domainSxp, specSxp} from './XmSxp.js';
import {shown} from '../ShownValue.js';
import {jsonSimMs} from '../events/SimTimeJson.js';

export interface XmContext {
	readonly xen: XenWorld;
	/** The dom0 xm talks to (`npiv --host NAME`); default the first Xen host. */
	readonly host?: string;
	readonly json: boolean;
	/**
	 * Reads a config or checkpoint file; undefined when it cannot be read, `refused` (a few words)
	 * when it is not a file to read: not a regular file, or over the size cap (see store/InputFile).
	 */
	readFile?(path: string): string | undefined | {readonly refused: string};
	/** Writes a checkpoint file whole (or not at all); false when it cannot be created. */
	writeFile?(path: string, text: string): boolean;
	/** Whether writeFile could create the file, asked before any work so a failure changes nothing; absent: assume it can. */
	canWrite?(path: string): boolean;
	/** Run the simulator until the command's work is done (default true). */
	readonly wait?: boolean;
}

export interface XmResult {
	readonly stdout: string;
	readonly stderr: string;
	readonly exitCode: number;
	/** Domains or their configuration changed: the store should be saved. */
	readonly changed: boolean;
}

/** Ends a command with an exit code (output already written). */
class XmExit extends Error {
	constructor(readonly code: number) {
		super(`exit ${code}`);
	}
}

class Out {
	stdout = '';
	stderr = '';
	data: unknown;
	changed = false;
	constructor(readonly json: boolean) {}
	print(text: string): void {
		if (!this.json) this.stdout += text.endsWith('\n') ? text : `${text}\n`;
	}
	usage(cmd: string | undefined): void {
		if (!this.json) this.stdout += cmd === undefined ? shortHelp() : commandHelp(cmd);
	}
	err(msg: string): void {
		// Whatever a message repeats, nothing in it reaches the terminal as a control sequence.
		msg = shown(msg, Infinity, {lines: true});
		this.stderr += `Error: ${msg}\n`;
		this.errorText ??= msg.trim();
	}
	errorText: string | undefined;
}

interface Cmd {
	readonly name: string;
	readonly args: string[];
	readonly ctx: XmContext;
	readonly out: Out;
	readonly xen: XenWorld;
	readonly host: XenHost;
}

type Handler = (c: Cmd) => void;

export function runXm(argv: readonly string[], ctx: XmContext): XmResult {
	let json = ctx.json;
	const args = argv.filter(a => {
		if (a === '--json') json = true;
		return a !== '--json';
	});
	const out = new Out(json);
	let code = 0;
	try {
		main(args, ctx, out);
	} catch (e) {
		if (e instanceof XmExit) code = e.code;
		else {
			out.err(`internal error: ${(e as Error).message}`);
			code = 1;
		}
	}
	if (json) {
		const doc = code === 0 ? (out.data ?? {ok: true}) : {error: out.errorText ?? 'failed', exitCode: code};
		out.stdout = `${JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
	}
	return {stdout: out.stdout, stderr: out.stderr, exitCode: code, changed: out.changed};
}

function main(argv: string[], ctx: XmContext, out: Out): void {
	if (argv.length < 1) {
		out.usage(undefined);
		out.errorText = 'no subcommand given';
		throw new XmExit(1);
	}
	for (const h of ['--help', '-h']) {
		const at = argv.indexOf(h);
		if (at === 0) {
			out.print(longHelp());
			out.data = helpJson();
			return;
		}
		if (at > 0) {
			out.usage(argv[0]!);
			throw new XmExit(1);
		}
	}
	const given = argv[0]!;
	let name: string | undefined;
	if (HANDLERS[given] || KNOWN_COMMANDS.includes(given)) name = given;
	else if (ALIASES[given]) {
		out.stderr += `Command ${given} is deprecated.  Please use xm ${ALIASES[given]} instead.\n`;
		name = ALIASES[given];
	} else if (given === 'help') {
		out.print(longHelp());
		out.data = helpJson();
		return;
	} else if (given.length > 1) {
		const same = KNOWN_COMMANDS.filter(c => c.startsWith(given));
		if (same.length === 1) name = same[0];
	}
	if (!name) {
		out.err(`Subcommand ${shown(given)} not found!`);
		out.usage(undefined);
		throw new XmExit(1);
	}
	const handler = HANDLERS[name];
	if (!handler) {
		out.err(`'xm ${name}' is not available in npiv-console.`);
		throw new XmExit(1);
	}
	const host = ctx.host === undefined ? ctx.xen.hosts[0] : ctx.xen.host(ctx.host);
	if (!host) {
		out.err('Unable to connect to xend: No such file or directory. Is xend running?');
		throw new XmExit(1);
	}
	const cmd: Cmd = {name, args: argv.slice(1), ctx, out, xen: ctx.xen, host};
	try {
		handler(cmd);
	} catch (e) {
		if (e instanceof XmExit) throw e;
		if (e instanceof XendError) {
			if (e.invalidDomain) {
				out.err(`Domain '${shown(e.message)}' does not exist.`);
				throw new XmExit(3);
			}
			out.err(e.message);
			out.usage(name);
			throw new XmExit(1);
		}
		if (e instanceof GetoptError) {
			out.err(e.message);
			out.usage(name);
			throw new XmExit(1);
		}
		throw e;
	}
}

// ---- helpers ---------------------------------------------------------------------------------

function helpJson(): unknown {
	return {
		commands: ALL_COMMANDS.filter(c => SUBCOMMAND_HELP[c]).map(c => ({
			name: c,
			args: SUBCOMMAND_HELP[c]![0],
			description: SUBCOMMAND_HELP[c]![1],
			available: Boolean(HANDLERS[c]),
		})),
	};
}

/** main.py arg_check: counts every argument but `--`. */
function argCheck(c: Cmd, lo: number, hi?: number): void {
	const n = c.args.filter(a => a !== '--').length;
	if (hi === undefined) {
		if (n !== lo) usageFail(c, `'xm ${c.name}' requires ${lo} argument${lo === 1 ? '' : 's'}.\n`);
	} else if (n < lo || n > hi) {
		usageFail(c, `'xm ${c.name}' requires between ${lo} and ${hi} arguments.\n`);
	}
}

/** err(msg) then usage(cmd), exit 1. */
function usageFail(c: Cmd, msg: string): never {
	c.out.err(msg);
	c.out.usage(c.name);
	throw new XmExit(1);
}

/** create.py / opts.err: the message alone, exit 1. */
function fail(c: Cmd, msg: string): never {
	c.out.err(msg);
	throw new XmExit(1);
}

function getopt(c: Cmd, short: string, long: readonly string[]): Parsed {
	try {
		return gnuGetopt(c.args, short, long);
	} catch (e) {
		if (e instanceof GetoptError) usageFail(c, e.message);
		throw e;
	}
}

/** Runs the simulator until `op` settles (xm waiting for xend). */
function wait<T>(c: Cmd, op: XenOp<T>): XenOp<T> {
	if (c.ctx.wait !== false) c.xen.runUntil(() => op.done);
	return op;
}

/** A xend fault: message, usage, exit 1 (as _run_cmd prints xmlrpclib faults). */
function xendFault(c: Cmd, msg: string): never {
	c.out.err(msg);
	c.out.usage(c.name);
	throw new XmExit(1);
}

function dom(c: Cmd, ref: string): XenDomain {
	return c.host.xend.require(ref);
}

/** The text of a file the command names, or xm's error (`cannot`) with why, when it is not a file to read. */
function readNamed(c: Cmd, file: string, cannot: string): string {
	const text = c.ctx.readFile?.(file);
	if (text === undefined) fail(c, cannot);
	if (typeof text !== 'string') fail(c, `${cannot}: ${text.refused}`);
	return text;
}

function changed(c: Cmd): void {
	c.out.changed = true;
}

function now(c: Cmd): number {
	return c.xen.sim.now;
}

export function domainJson(host: XenHost, d: XenDomain, t: number): Record<string, unknown> {
	return {
		name: d.name,
		domid: d.domid ?? null,
		host: host.name,
		memoryMiB: d.spec.memoryMiB,
		maxmemMiB: d.spec.maxmemMiB,
		vcpus: d.active ? d.onlineVcpus : d.spec.vcpus,
		maxVcpus: d.spec.vcpus,
		state: d.flags,
		vmState: d.vmState,
		powerState: d.xendState,
		cpuTime: Math.round(d.cpuTime(t) * 10) / 10,
		uptime: d.startTime === undefined || !d.active ? 0 : Math.round((t - d.startTime) / 1000),
		managed: d.managed,
		uuid: d.uuid,
		migrating: d.migrationRole ?? null,
		disk: d.spec.disk.map(formatDisk),
		vif: [...d.spec.vif],
		npiv: d.spec.npiv.map(n => ({portWwn: n.vpwwn, nodeWwn: n.vnwwn, physPortWwn: n.ppwwn, autoattach: n.autoattach})),
	};
}

/**
 * A domain xend holds without a domid (a managed domain halted or suspended) has no `state` in
 * its s-expression (XendConfig.to_sxp appends it only when getDomid() is not None), so
 * parse_doms_info's default '' leaves the State column blank (huddy1985/xen-3.4.4
 * tools/python/xen/xend/XendConfig.py, tools/python/xen/xm/main.py).
 */
function listRow(d: XenDomain, t: number): ListRow {
	return {name: d.name, domid: d.domid, memMiB: d.spec.memoryMiB, vcpus: d.active ? d.onlineVcpus : d.spec.vcpus, state: d.domid === undefined ? '' : d.flags, cpuTime: d.cpuTime(t)};
}

function byName(a: XenDomain, b: XenDomain): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

// ---- subcommands -----------------------------------------------------------------------------

const HANDLERS: Record<string, Handler> = {
	list: xmList,
	create: c => xmCreate(c, false),
	new: c => xmCreate(c, true),
	start: xmStart,
	delete: xmDelete,
	destroy: xmDestroy,
	shutdown: c => xmShutdown(c, false),
	reboot: c => xmShutdown(c, true),
	pause: c => xmPauseLike(c, (h, d) => h.xend.pause(d)),
	unpause: c => xmPauseLike(c, (h, d) => h.xend.unpause(d)),
	suspend: xmSuspend,
	resume: xmResume,
	save: xmSave,
	restore: xmRestore,
	migrate: xmMigrate,
	'block-list': c => xmDeviceList(c, 'vbd'),
	'network-list': c => xmDeviceList(c, 'vif'),
	'block-attach': xmBlockAttach,
	'block-detach': xmBlockDetach,
	info: xmInfo,
	uptime: xmUptime,
	'vcpu-list': c => xmVcpuList(c, c.args),
	'vcpu-set': xmVcpuSet,
	'mem-set': c => xmMem(c, false),
	'mem-max': c => xmMem(c, true),
	rename: xmRename,
	domid: xmDomid,
	domname: xmDomname,
	log: xmLog,
	'npiv-attach': xmNpivAttach,
	'npiv-detach': xmNpivDetach,
	'npiv-list': xmNpivList,
};

function xmList(c: Cmd): void {
	const p = getopt(c, 'lv', ['long', 'vcpus', 'label', 'state=']);
	const state = value(p, '--state') ?? 'all';
	if (state !== 'all' && p.args.length > 0) xendFault(c, 'You may specify either a state or a particular VM, but not both');
	if (has(p, '-v', '--vcpus')) {
		c.out.stderr += 'xm list -v is deprecated.  Please use xm vcpu-list.\n';
		return xmVcpuList(c, p.args);
	}
	const t = now(c);
	let doms: XenDomain[];
	if (p.args.length) doms = p.args.map(a => dom(c, a));
	else {
		doms = c.host.xend.domains().filter(d => state === 'all' || d.xendState === state || d.vmState === state);
		doms.sort(byName);
	}
	c.out.data = {host: c.host.name, domains: doms.map(d => domainJson(c.host, d, t))};
	if (has(p, '-l', '--long')) {
		for (const d of doms) c.out.print(domainSxp(c.host, d, t));
		return;
	}
	if (has(p, '--label')) {
		let text = `${formatList([]).trimEnd()} Label     \n`;
		for (const line of formatList(doms.map(d => listRow(d, t))).split('\n').slice(1, -1)) text += `${line} ${' '.repeat(10)}\n`;
		c.out.print(text);
		return;
	}
	c.out.print(formatList(doms.map(d => listRow(d, t))));
}

function xmCreate(c: Cmd, managed: boolean): void {
	const p = getopt(c, 'hpnqcf:', ['help', 'paused', 'dryrun', 'quiet', 'console_autoconnect', 'defconfig=', 'path=', 'help_config']);
	if (has(p, '-h', '--help', '--help_config')) {
		c.out.usage(c.name);
		return;
	}
	const quiet = has(p, '-q', '--quiet');
	const words = p.args.filter(isConfigWord);
	const bare = p.args.filter(a => !isConfigWord(a));
	if (bare.length > 1) usageFail(c, `Unexpected argument: ${shown(bare[1]!)}`);
	const file = value(p, '-f', '--defconfig') ?? bare[0] ?? (words.length ? undefined : 'xmdefconfig');
	let vars;
	if (file !== undefined) {
		const text = readNamed(c, file, `Cannot open config file "${shown(file)}"`);
		if (!quiet) c.out.print(`Using config file "${shown(file)}".`);
		try {
			vars = parseConfigText(text, shown(file));
		} catch (e) {
			if (e instanceof ConfigTextError) fail(c, e.message);
			throw e;
		}
	}
	let spec: DomainSpec;
	try {
		spec = domainSpecFromConfig(vars, words, file === undefined ? undefined : file.split('/').pop(), pp => {
			const pair = randomWwnPair(c, pp);
			return pair === 'no-port' ? undefined : pair;
		});
	} catch (e) {
		if (e instanceof DomainSpecError) fail(c, e.message);
		throw e;
	}
	if (has(p, '-n', '--dryrun')) {
		c.out.print(specSxp(spec));
		c.out.data = {dryrun: true, config: specSxp(spec)};
		return;
	}
	const t = now(c);
	if (managed) {
		try {
			const d = c.host.xend.define(spec);
			changed(c);
			c.out.data = {ok: true, domain: domainJson(c.host, d, t)};
		} catch (e) {
			if (e instanceof XendError) fail(c, e.message);
			throw e;
		}
		return;
	}
	let op;
	try {
		op = c.host.xend.create(spec, {paused: has(p, '-p', '--paused')});
	} catch (e) {
		if (e instanceof XendError) fail(c, e.message);
		throw e;
	}
	changed(c);
	wait(c, op);
	if (op.done && !op.succeeded) fail(c, op.error!);
	const d = op.value ?? c.host.xend.lookup(spec.name);
	// Left running in the background (the live console): the Domains pane shows it come up.
	if (!quiet && op.succeeded && d?.domid !== undefined) c.out.print(`Started domain ${spec.name} (id=${d.domid})`);
	c.out.data = {ok: true, domain: d ? domainJson(c.host, d, now(c)) : {name: spec.name}};
}

function xmStart(c: Cmd): void {
	const p = getopt(c, 'cp', ['console_autoconnect', 'paused', 'vncviewer', 'vncviewer-autopass']);
	if (p.args.length !== 1) xendFault(c, 'Expects 1 argument');
	const d = dom(c, p.args[0]!);
	const op = c.host.xend.start(d, {paused: has(p, '-p', '--paused')});
	changed(c);
	wait(c, op);
	if (op.done && !op.succeeded) xendFault(c, op.error!);
	if (d.domid === undefined && op.done) xendFault(c, `Domain '${shown(p.args[0]!)}' is not started`);
	c.out.data = {ok: true, domain: domainJson(c.host, d, now(c))};
}

function xmDelete(c: Cmd): void {
	argCheck(c, 1);
	const d = dom(c, c.args[0]!);
	c.host.xend.deleteDomain(d);
	changed(c);
	c.out.data = {ok: true, deleted: d.name};
}

function xmDestroy(c: Cmd): void {
	argCheck(c, 1);
	const d = dom(c, c.args[0]!);
	const op = c.host.xend.destroy(d);
	changed(c);
	wait(c, op);
	c.out.data = {ok: true, destroyed: d.name};
}

function xmShutdown(c: Cmd, reboot: boolean): void {
	if (reboot) argCheck(c, 1, 3);
	else argCheck(c, 1, 4);
	let p: Parsed;
	try {
		p = gnuGetopt(c.args, 'hawHR', ['help', 'all', 'wait', 'halt', 'reboot']);
	} catch (e) {
		fail(c, (e as Error).message);
	}
	if (has(p, '-h', '--help')) return;
	const halt = has(p, '-H', '--halt');
	const rb = reboot || has(p, '-R', '--reboot');
	if (halt && rb) fail(c, "Can't specify halt and reboot");
	const mode = halt ? 'halt' : rb ? 'reboot' : 'poweroff';
	let targets: XenDomain[];
	if (has(p, '-a', '--all')) targets = c.host.xend.guests().filter(d => d.active && !d.migrationRole);
	else {
		if (p.args.length === 0) fail(c, 'No domain parameter given');
		if (p.args.length > 1) fail(c, 'No multiple domain parameters allowed');
		targets = [dom(c, p.args[0]!)];
	}
	const ops = targets.map(d => ({d, op: c.host.xend.shutdown(d, mode)}));
	changed(c);
	c.out.data = {ok: true, mode, domains: targets.map(d => d.name)};
	if (!has(p, '-w', '--wait')) return;
	const pending = [...ops];
	while (pending.length) {
		const before = pending.length;
		c.xen.runUntil(() => pending.some(x => x.op.done));
		for (const x of [...pending]) {
			if (!x.op.done) continue;
			pending.splice(pending.indexOf(x), 1);
			c.out.print(rb ? `Domain ${x.d.spec.name} rebooted` : `Domain ${x.d.spec.name} terminated`);
		}
		if (pending.length === before) break; // nothing more will happen
	}
	if (pending.length) {
		// Real xm would poll forever; the simulation has nothing left that could end the wait.
		const names = pending.map(x => `${x.d.spec.name}${x.d.power === 'paused' ? ' (paused)' : ''}`).join(', ');
		fail(c, `Domain${pending.length > 1 ? 's' : ''} ${names} did not ${rb ? 'reboot' : 'shut down'}`);
	}
	c.out.print(rb ? 'All domains rebooted' : 'All domains terminated');
}

function xmPauseLike(c: Cmd, fn: (h: XenHost, d: XenDomain) => void): void {
	argCheck(c, 1);
	const d = dom(c, c.args[0]!);
	fn(c.host, d);
	changed(c);
	c.out.data = {ok: true, domain: domainJson(c.host, d, now(c))};
}

function xmSuspend(c: Cmd): void {
	argCheck(c, 1);
	const d = dom(c, c.args[0]!);
	const op = wait(c, c.host.xend.suspend(d));
	changed(c);
	if (op.done && !op.succeeded) xendFault(c, op.error!);
	c.out.data = {ok: true, domain: domainJson(c.host, d, now(c))};
}

function xmResume(c: Cmd): void {
	argCheck(c, 1, 2);
	const p = getopt(c, 'p', ['paused']);
	if (p.args.length !== 1) usageFail(c, 'Wrong number of parameters');
	const d = dom(c, p.args[0]!);
	const op = wait(c, c.host.xend.resume(d, {paused: has(p, '-p', '--paused')}));
	changed(c);
	if (op.done && !op.succeeded) xendFault(c, op.error!);
	c.out.data = {ok: true, domain: domainJson(c.host, d, now(c))};
}

function xmSave(c: Cmd): void {
	argCheck(c, 2, 3);
	const p = getopt(c, 'c', ['checkpoint']);
	if (p.args.length !== 2) usageFail(c, 'Wrong number of parameters');
	const [ref, file] = p.args as [string, string];
	// Asked, not written: the file is written once, whole, after the save worked (an unknown
	// domain or a refused save must leave whatever FILE held as it was).
	const write = c.ctx.writeFile;
	if (!write || !(c.ctx.canWrite ? c.ctx.canWrite(file) : true)) fail(c, `xm save: Unable to create file ${shown(file)}`);
	const d = dom(c, ref);
	const op = wait(c, c.host.xend.save(d, has(p, '-c', '--checkpoint')));
	changed(c);
	if (op.done && !op.succeeded) xendFault(c, op.error!);
	if (!op.done) {
		// The console's clock finishes the save later: the image is written when it is there.
		op.then(done => void (done.succeeded && done.value !== undefined && write(file, done.value)));
	} else if (op.value !== undefined && !write(file, op.value)) fail(c, `can't write guest state file ${shown(file)}`);
	c.out.data = {ok: true, saved: d.spec.name, file};
}

function xmRestore(c: Cmd): void {
	argCheck(c, 1, 2);
	const p = getopt(c, 'p', ['paused']);
	if (p.args.length !== 1) usageFail(c, 'Wrong number of parameters');
	const file = p.args[0]!;
	const text = readNamed(c, file, `xm restore: Unable to read file ${shown(file)}`);
	let op;
	try {
		op = c.host.xend.restore(text, {paused: has(p, '-p', '--paused')});
	} catch (e) {
		if (e instanceof DomainSpecError || e instanceof ConfigTextError) xendFault(c, `Restore failed: ${e.message}`);
		throw e;
	}
	changed(c);
	wait(c, op);
	if (op.done && !op.succeeded) xendFault(c, op.error!);
	c.out.data = {ok: true, domain: op.value ? domainJson(c.host, op.value, now(c)) : null};
}

/**
 * migrate.py (Xen 3.4.4) parses with its own Opts: an OptionError prints the message, cmdHelp
 * (the module's option block) and then the error's usage text, which is migrate.py's `use` for a
 * getopt refusal and empty (a bare newline) for the argument count; set_int's refusal is
 * opts.err: the message alone, exit 1. `-h` never gets here: main() answers it with the usage.
 */
function xmMigrate(c: Cmd): void {
	const optionError = (msg: string, usage: string): never => {
		c.out.err(msg);
		c.out.usage('migrate');
		if (!c.out.json) c.out.stdout += `${usage}\n`;
		throw new XmExit(1);
	};
	let p: Parsed;
	try {
		p = gnuGetopt(c.args, 'hlp:n:s', ['help', 'live', 'port=', 'node=', 'ssl']);
	} catch (e) {
		if (e instanceof GetoptError) optionError(e.message, MIGRATE_USE);
		throw e;
	}
	for (const v of [value(p, '-p', '--port'), value(p, '-n', '--node')]) {
		if (v !== undefined && !/^\s*[+-]?\d+\s*$/.test(v)) fail(c, `Invalid value: ${v}`);
	}
	if (p.args.length !== 2) optionError('Invalid number of arguments', '');
	const [ref, dest] = p.args as [string, string];
	const live = has(p, '-l', '--live');
	const m = c.xen.migrate(c.host, ref, dest, {live});
	changed(c);
	if (c.ctx.wait === false) {
		c.out.data = {started: true, migration: m.id, domain: m.domain, from: c.host.name, to: dest, live};
		return;
	}
	c.xen.runUntil(() => m.op.done);
	const report = {
		migration: m.id,
		domain: m.domain,
		from: c.host.name,
		to: dest,
		live,
		ok: m.op.succeeded,
		durationMs: jsonSimMs((m.finishedAt ?? now(c)) - m.startedAt),
		timeline: m.timeline.map(x => ({phase: x.phase, step: x.step, t: jsonSimMs(x.t), note: x.note})),
		rounds: m.rounds.map(r => ({...r, ms: jsonSimMs(r.ms)})),
		...(m.error ? {error: m.error, failedStep: m.failedStep} : {}),
	};
	if (!m.op.succeeded) xendFault(c, m.error ?? 'migration did not complete');
	c.out.data = report;
}

function resourceListArgs(c: Cmd): {long: boolean; ref: string} {
	const p = getopt(c, 'l', ['long']);
	if (p.args.length === 0 || p.args.length > 1) {
		c.out.print(p.args.length === 0 ? 'No domain parameter given' : 'No multiple domain parameters allowed');
		c.out.errorText = c.out.json ? (p.args.length === 0 ? 'No domain parameter given' : 'No multiple domain parameters allowed') : undefined;
		c.out.usage(c.name);
		throw new XmExit(1);
	}
	return {long: has(p, '-l', '--long'), ref: p.args[0]!};
}

function xmDeviceList(c: Cmd, cls: 'vbd' | 'vif'): void {
	const {long, ref} = resourceListArgs(c);
	const d = dom(c, ref);
	const store = c.host.store;
	const rows: (DeviceRow & {dev?: string; params?: string; npivPort?: string})[] = [];
	if (d.domid === undefined || d.privileged) {
		// Not running: xend lists the configured devices, with nothing known about them.
		const configured = cls === 'vbd' ? d.spec.disk.length : d.spec.vif.length;
		for (let i = 0; i < configured; i++) rows.push({idx: i, backendId: -1, handle: 0, state: -1, eventChannel: -1, ringRef: -1, bePath: '??'});
	} else {
		for (const id of store.list(frontendPath(cls, d.domid))) {
			const fe = `${frontendPath(cls, d.domid)}/${id}`;
			const num = (k: string, dflt: number): number => {
				const v = store.read(`${fe}/${k}`);
				return v === undefined || v === '' ? dflt : Number(v);
			};
			const be = store.read(`${fe}/backend`) ?? '??';
			rows.push({
				idx: Number(id),
				backendId: num('backend-id', -1),
				handle: num('handle', 0),
				state: num('state', -1),
				eventChannel: num('event-channel', -1),
				ringRef: num('ring-ref', -1),
				bePath: be,
				...(cls === 'vif' ? {mac: store.read(`${fe}/mac`) ?? '??', txRingRef: num('tx-ring-ref', -1), rxRingRef: num('rx-ring-ref', -1)} : {}),
				...(cls === 'vbd' ? {dev: store.read(`${be}/dev`) ?? '', params: store.read(`${be}/params`) ?? ''} : {}),
				...(store.read(`${be}/npiv-port-wwn`) ? {npivPort: store.read(`${be}/npiv-port-wwn`)!} : {}),
			});
		}
	}
	c.out.data = {domain: d.name, devices: rows};
	if (long) {
		for (const r of rows) {
			const fe = d.domid === undefined ? undefined : `${frontendPath(cls, d.domid)}/${r.idx}`;
			const kv = fe ? store.list(fe).map(k => `(${k} ${store.read(`${fe}/${k}`)})`) : [];
			c.out.print(`(${r.idx}\n    (${kv.join('\n        ')}\n    )\n)`);
		}
		return;
	}
	c.out.print(cls === 'vbd' ? formatBlockList(rows) : formatNetworkList(rows));
}

function xmBlockAttach(c: Cmd): void {
	argCheck(c, 4, 5);
	const [ref, uname, front, mode] = c.args as [string, string, string, string];
	const d = dom(c, ref);
	let disk;
	try {
		disk = parseDisk(`${uname},${front},${mode}`);
	} catch {
		xendFault(c, `Invalid argument.`);
	}
	const devid = blockDeviceNumber(front.replace(/:(disk|cdrom)$/, ''))!;
	if (d.spec.disk.some(x => blockDeviceNumber(x.dev.replace(/:(disk|cdrom)$/, '')) === devid) || (d.domid !== undefined && c.host.store.exists(backendPath('vbd', d.domid, devid)))) {
		xendFault(c, `Device ${devid} (vbd) is already connected.`);
	}
	d.spec = {...d.spec, disk: [...d.spec.disk, disk]};
	changed(c);
	if (d.domid !== undefined && d.active) {
		const r = c.host.devices.createVbd(d, devid, disk.dev, disk.uname, disk.mode);
		const op = wait(c, c.host.devices.waitForDevices(d, [r]));
		if (op.done && !op.succeeded) xendFault(c, op.error!);
	}
	c.out.data = {ok: true, domain: d.name, devid};
}

function xmBlockDetach(c: Cmd): void {
	argCheck(c, 2, 3);
	const [ref, devText, force] = c.args as [string, string, string | undefined];
	if (force !== undefined && force !== '-f' && force !== '--force') c.out.print(`Ignoring option ${force}`);
	const d = dom(c, ref);
	const devid = blockDeviceNumber(devText);
	const inConfig = d.spec.disk.findIndex(x => blockDeviceNumber(x.dev.replace(/:(disk|cdrom)$/, '')) === devid);
	const live = d.domid !== undefined && devid !== undefined && c.host.store.exists(backendPath('vbd', d.domid, devid));
	if (devid === undefined || (inConfig < 0 && !live)) xendFault(c, `Device ${devText} not connected`);
	if (inConfig >= 0) d.spec = {...d.spec, disk: d.spec.disk.filter((_, i) => i !== inConfig)};
	changed(c);
	if (live) wait(c, c.host.devices.destroyDevice(d, {cls: 'vbd', devid}, force !== undefined));
	c.out.data = {ok: true, domain: d.name, devid};
}

function xmInfo(c: Cmd): void {
	argCheck(c, 0, 1);
	const p = getopt(c, 'c', ['config']);
	const h = c.host;
	if (has(p, '-c', '--config')) {
		const pairs: [string, string | number][] = [
			['xend-relocation-server', 'yes'],
			['xend-relocation-port', 8002],
			['xend-relocation-hosts-allow', ''],
			['dom0-min-mem', h.dom0.spec.memoryMiB],
			['enable-dom0-ballooning', 'no'],
		];
		c.out.data = Object.fromEntries(pairs);
		c.out.print(pairs.map(([k, v]) => `${k.padEnd(38)}: ${v}\n`).join(''));
		return;
	}
	const pairs: [string, string | number][] = [
		['host', h.name],
		['release', '5.11'],
		['version', 'snv_111b'],
		['machine', 'i86pc'],
		['nr_cpus', h.cpus],
		['nr_nodes', 1],
		['cores_per_socket', h.cpus],
		['threads_per_core', 1],
		['cpu_mhz', 2992],
		['hw_caps', 'bfebfbff:20100800:00000000:00000940:0004e3bd:00000000:00000001:00000000'],
		['virt_caps', 'hvm'],
		['total_memory', h.memoryMiB],
		['free_memory', h.xend.freeMemoryMiB()],
		['node_to_cpu', `node0:0-${h.cpus - 1}`],
		['node_to_memory', `node0:${h.xend.freeMemoryMiB()}`],
		['xen_major', 3],
		['xen_minor', 4],
		['xen_extra', '.2-xvm'],
		['xen_caps', 'xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64'],
		['xen_scheduler', 'credit'],
		['xen_pagesize', 4096],
		['platform_params', 'virt_start=0xffff800000000000'],
		['xen_changeset', 'Thu Jun 18 12:00:00 2009 -0700 19552:npiv-console'],
		['cc_compiler', 'gcc version 3.4.3 (csl-sol210-3_4-20050802)'],
		['cc_compile_by', 'xvm'],
		['cc_compile_domain', 'sun.com'],
		['cc_compile_date', 'Thu Jun 18 12:00:00 PDT 2009'],
		['xend_config_format', 4],
	];
	c.out.data = Object.fromEntries(pairs);
	c.out.print(formatInfo(pairs));
}

function xmUptime(c: Cmd): void {
	const p = getopt(c, 's', ['short']);
	const t = now(c);
	const doms = p.args.length ? p.args.map(a => dom(c, a)) : [...c.host.xend.domains()].sort(byName);
	const rows = doms.map(d => ({
		name: d.name,
		domid: d.domid,
		seconds: d.privileged ? (t - c.host.bootTime) / 1000 : d.startTime === undefined || !d.active ? 0 : (t - d.startTime) / 1000,
	}));
	c.out.data = {domains: rows.map(r => ({name: r.name, domid: r.domid ?? null, uptime: Math.round(r.seconds)}))};
	c.out.print(formatUptime(rows, has(p, '-s', '--short'), t / 1000));
}

function xmVcpuList(c: Cmd, args: readonly string[]): void {
	const t = now(c);
	const doms = args.length ? args.map(a => dom(c, a)) : c.host.xend.domains().filter(d => d.active).sort(byName);
	const rows: VcpuRow[] = [];
	for (const d of doms) {
		if (!d.active) continue;
		const online = d.onlineVcpus;
		const per = d.cpuTime(t) / Math.max(1, online);
		for (let i = 0; i < d.spec.vcpus; i++) {
			const up = i < online;
			rows.push({
				name: d.name,
				domid: d.domid!,
				vcpu: i,
				cpu: up ? (d.privileged ? i : (d.domid! + i) % c.host.cpus) : undefined,
				running: d.privileged && i === 0,
				blocked: d.scheduled && !(d.privileged && i === 0),
				cpuTime: up ? per : 0,
				affinity: 'any cpu',
			});
		}
	}
	// in seconds to xm's one decimal, as xm list's cpuTime
	c.out.data = {vcpus: rows.map(r => ({...r, cpuTime: Math.round(r.cpuTime * 10) / 10}))};
	c.out.print(formatVcpuList(rows));
}

function xmVcpuSet(c: Cmd): void {
	argCheck(c, 2);
	const d = dom(c, c.args[0]!);
	if (!/^-?\d+$/.test(c.args[1]!)) xendFault(c, 'Invalid argument.');
	c.host.xend.setVcpus(d, Number(c.args[1]));
	changed(c);
	c.out.data = {ok: true, domain: domainJson(c.host, d, now(c))};
}

function xmMem(c: Cmd, max: boolean): void {
	argCheck(c, 2);
	const d = dom(c, c.args[0]!);
	let mib: number;
	try {
		mib = intUnitMiB(c.args[1]!);
	} catch {
		xendFault(c, 'Invalid argument.');
	}
	if (max) {
		if (mib < d.spec.memoryMiB && !d.privileged) xendFault(c, 'memory_static_max must be greater than or equal to memory_dynamic_max');
		d.spec = {...d.spec, maxmemMiB: mib};
	} else c.host.xend.setMemory(d, mib);
	changed(c);
	c.out.data = {ok: true, domain: domainJson(c.host, d, now(c))};
}

function xmRename(c: Cmd): void {
	argCheck(c, 2);
	const d = dom(c, c.args[0]!);
	try {
		c.host.xend.rename(d, c.args[1]!);
	} catch (e) {
		if (e instanceof DomainSpecError) xendFault(c, e.message);
		throw e;
	}
	changed(c);
	c.out.data = {ok: true, domain: domainJson(c.host, d, now(c))};
}

function xmDomid(c: Cmd): void {
	argCheck(c, 1);
	const d = dom(c, c.args[0]!);
	c.out.data = {name: d.name, domid: d.domid ?? null};
	c.out.print(d.domid === undefined ? 'None' : String(d.domid));
}

function xmDomname(c: Cmd): void {
	argCheck(c, 1);
	const d = dom(c, c.args[0]!);
	c.out.data = {name: d.name, domid: d.domid ?? null};
	c.out.print(d.name);
}

function xmLog(c: Cmd): void {
	argCheck(c, 0);
	const h = c.host.name;
	const mine = c.xen.log.entries().filter(e => e.source.endsWith(`@${h}`) && !e.type.startsWith('xvm.xenstore'));
	c.out.data = {events: mine};
	c.out.print(
		mine
			.map(e => {
				const s = (e.t / 1000).toFixed(3);
				const level = /failed|error|timeout/.test(e.type) ? 'ERROR' : 'INFO';
				return `[${s}] ${level} (${e.source.split('@')[0]}) ${e.summary}\n`;
			})
			.join(''),
	);
}

// ---- NPIV verbs --------------------------------------------------------------------------------

/** The library's random WWN pair for a virtual port on physical port `pp` (Sun_HBA_AdapterCreateWWN, random). */
function randomWwnPair(c: Cmd, pp: Wwn): {pwwn: Wwn; nwwn: Wwn} | 'no-port' | undefined {
	const api = c.host.hba;
	const opened = api.HBA_OpenAdapterByWWN(pp);
	if (opened.status !== HBA_STATUS.OK) return 'no-port';
	let index = -1;
	const attrs = api.HBA_GetAdapterAttributes(opened.value);
	const n = attrs.status === HBA_STATUS.OK ? attrs.value.NumberOfPorts : 0;
	for (let i = 0; i < n && index < 0; i++) {
		const pa = api.HBA_GetAdapterPortAttributes(opened.value, i);
		if (pa.status === HBA_STATUS.OK && pa.value.PortWWN === pp) index = i;
	}
	const r = index < 0 ? undefined : api.Sun_HBA_AdapterCreateWWN(opened.value, index, null, HBA_CREATE_WWN_RANDOM);
	api.HBA_CloseAdapter(opened.value);
	return r && r.status === HBA_STATUS.OK ? {pwwn: r.value!.pwwn, nwwn: r.value!.nwwn} : undefined;
}

function xmNpivAttach(c: Cmd): void {
	const p = getopt(c, 'p:n:', ['port=', 'node=', 'no-autoattach']);
	if (p.args.length !== 2) usageFail(c, `'xm npiv-attach' requires 2 arguments.\n`);
	const [ref, ppText] = p.args as [string, string];
	const d = dom(c, ref);
	const pp = strictWwn(ppText);
	if (!pp) usageFail(c, `Invalid physical port WWN: ${ppText}`);
	const vpText = value(p, '-p', '--port');
	const vnText = value(p, '-n', '--node');
	if ((vpText === undefined) !== (vnText === undefined)) usageFail(c, '-p and -n must be given together');
	let vp: Wwn;
	let vn: Wwn;
	if (vpText !== undefined && vnText !== undefined) {
		const a = strictWwn(vpText);
		const b = strictWwn(vnText);
		if (!a) usageFail(c, `Invalid port WWN: ${vpText}`);
		if (!b) usageFail(c, `Invalid node WWN: ${vnText}`);
		if (a === b) usageFail(c, 'Port WWN is same as Node WWN');
		vp = a;
		vn = b;
	} else {
		const pair = randomWwnPair(c, pp);
		if (pair === 'no-port') fail(c, `HBA port ${ppText}: not found`);
		if (!pair) fail(c, 'Fail to get Random WWN');
		vp = pair.pwwn;
		vn = pair.nwwn;
	}
	const spec = {vpwwn: vp, vnwwn: vn, ppwwn: pp, autoattach: !has(p, '--no-autoattach')};
	const op = wait(c, c.host.xend.attachNpiv(d, spec));
	changed(c);
	if (op.done && !op.succeeded) fail(c, op.error!);
	c.out.print(`NPIV port ${vp} (node ${vn}) on ${pp} attached to ${d.name}`);
	c.out.data = {ok: true, domain: d.name, portWwn: vp, nodeWwn: vn, physPortWwn: pp, autoattach: spec.autoattach};
}

function xmNpivDetach(c: Cmd): void {
	argCheck(c, 2);
	const d = dom(c, c.args[0]!);
	const vp = strictWwn(c.args[1]!);
	if (!vp) usageFail(c, `Invalid port WWN: ${c.args[1]}`);
	const op = wait(c, c.host.xend.detachNpiv(d, vp));
	changed(c);
	if (op.done && !op.succeeded) fail(c, op.error!);
	c.out.data = {ok: true, domain: d.name, portWwn: vp};
}

function xmNpivList(c: Cmd): void {
	const {long, ref} = resourceListArgs(c);
	const d = dom(c, ref);
	const rows: NpivRow[] = d.spec.npiv.map((n, idx) => {
		const devid = c.host.xend.vfcDevidOf(d, n.vpwwn);
		const be = devid === undefined ? undefined : backendPath('vfc', d.domid!, devid);
		const status = be ? c.host.store.read(`${be}/hotplug-status`) : undefined;
		const err = be ? c.host.store.read(`${be}/hotplug-error`) : undefined;
		const port = c.host.daemon.port(n.vpwwn);
		const state = !be ? 'inactive' : status === 'connected' ? (port?.state === 'deleting' ? 'deleting' : 'connected') : status === 'error' ? 'error' : 'creating';
		const attached = new Map((port?.attachedLuns ?? []).map(a => [a.lun.key, a.dev]));
		const luns = (port?.visibleLuns ?? []).map(l => ({dev: attached.get(l.key) ?? '', target: l.targetWwn, lun: l.lun, osDevice: l.osDevice, attached: attached.has(l.key), deviceType: l.deviceType}));
		return {idx, vpwwn: n.vpwwn, vnwwn: n.vnwwn, ppwwn: n.ppwwn, autoattach: n.autoattach, state, luns, ...(err && status === 'error' ? {error: err} : {})};
	});
	c.out.data = {domain: d.name, ports: rows};
	c.out.print(formatNpivList(rows, long));
}

function strictWwn(text: string): Wwn | undefined {
	return /^[0-9a-fA-F]{16}$/.test(text) ? parseWwn(text) : undefined;
}

/**
 * `npiv scenario generate`: a big lab for scale work, written as a store that is already booted
 * (its live state saved), so that the first command on it restores rather than boots. Shows its
 * progress on stderr while it generates and boots (see Progress).
 */
import {parseArgs} from 'node:util';
import path from 'node:path';
import {commandError, json, ok, usageError, type CommandOutput} from '../commands/CommandOutput.js';
import {asksForHelp, familyJson} from '../commands/families/FamilyOutput.js';
import type {GlobalOptions} from '../commands/GlobalOptions.js';
import {generateDocument, isStoreError, writeStoreFile, type ScenarioOptions} from '../store/index.js';
import type {BootPhase} from '../world/World.js';
import {Lab} from './Lab.js';
import {progressOn, type ProgressSink} from './Progress.js';

export const GENERATE_USAGE = `Usage: npiv scenario generate --hosts N --ports-per-host P --vports-per-port V --out FILE
         [--fabrics F] [--switches S] [--arrays A] [--luns L] [--seed S] [--force]

  Writes a booted store of N Solaris hosts with P QLE2562 ports each (port i on fabric i mod F),
  V virtual ports pre-created on every physical port, A disk arrays with one target port per
  fabric and L LUNs, zoned (peer zones, the targets as principals) and masked so that every
  virtual port sees LUNs. Defaults: 2 fabrics, as many switches as the ports need, 1 array,
  8 LUNs, seed 1. --force replaces an existing FILE.
`;

const PHASES: Record<BootPhase, string> = {
	cabling: 'plugging cables',
	logins: 'logging in and discovering',
	'port lists': 're-creating the virtual ports (npiv_config)',
	domains: 'starting domains',
	done: 'booted',
};

/** Initiator ports per switch when the switch count is not given (a 256-port switch, room for targets and ISLs). */
const PORTS_PER_SWITCH = 200;

export async function runScenarioGenerate(argv: readonly string[], globals: GlobalOptions, stderr: NodeJS.WriteStream = process.stderr): Promise<CommandOutput> {
	return familyJson(await generate(argv, globals, stderr), globals.json);
}

async function generate(argv: readonly string[], globals: GlobalOptions, stderr: NodeJS.WriteStream): Promise<CommandOutput> {
	if (asksForHelp(argv)) return ok(GENERATE_USAGE);
	let values: Record<string, string | boolean | undefined>;
	try {
		values = parseArgs({
			args: [...argv],
			strict: true,
			allowPositionals: false,
			options: {
				hosts: {type: 'string'},
				'ports-per-host': {type: 'string'},
				'vports-per-port': {type: 'string'},
				fabrics: {type: 'string'},
				switches: {type: 'string'},
				arrays: {type: 'string'},
				luns: {type: 'string'},
				seed: {type: 'string'},
				out: {type: 'string'},
				force: {type: 'boolean'},
				help: {type: 'boolean'},
			},
		}).values;
	} catch (error) {
		return usageError(`npiv scenario generate: ${(error as Error).message}\n${GENERATE_USAGE}`);
	}
	if (values['help']) return ok(GENERATE_USAGE);
	const problems: string[] = [];
	const whole = (name: string, min: number, max: number, fallback?: number): number => {
		const text = values[name];
		if (text === undefined) {
			if (fallback === undefined) problems.push(`--${name} is required`);
			return fallback ?? 0;
		}
		const n = Number(text);
		if (typeof text !== 'string' || !/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
			problems.push(`--${name} takes a whole number from ${min} to ${max} (got '${String(text)}')`);
			return fallback ?? 0;
		}
		return n;
	};
	const hosts = whole('hosts', 0, 100_000);
	const portsPerHost = whole('ports-per-host', 1, 64);
	const vportsPerPort = whole('vports-per-port', 0, 254);
	const fabrics = whole('fabrics', 1, 8, 2);
	const perFabric = hosts * Math.ceil(portsPerHost / fabrics);
	const switches = whole('switches', fabrics, 239, fabrics * Math.max(1, Math.ceil(perFabric / PORTS_PER_SWITCH)));
	const arrays = whole('arrays', 0, 1000, 1);
	const luns = whole('luns', 0, 65_536, 8);
	const seed = whole('seed', 0, 0xffff_ffff, globals.seed ?? 1);
	const out = values['out'];
	if (typeof out !== 'string' || out === '') problems.push('--out FILE is required');
	if (problems.length > 0) return usageError(`npiv scenario generate: ${problems.join('; ')}\n${GENERATE_USAGE}`);

	const options: ScenarioOptions = {hosts, portsPerHost, vportsPerPort, fabrics, switches, targets: arrays * fabrics, lunsPerTarget: luns, seed};
	const progress = progressOn(stderr, {json: globals.json});
	const started = performance.now();
	try {
		progress.step('generating the lab');
		let doc;
		try {
			doc = generateDocument(options);
		} catch (error) {
			if (error instanceof RangeError) return commandError(`npiv scenario generate: ${error.message}`);
			throw error;
		}
		const lab = Lab.open(doc, {boot: {record: false, onProgress: (phase, done) => (phase === 'done' ? progress.finished(PHASES.done) : progress.step(`booting: ${PHASES[phase]}`, done))}});
		const vports = lab.world.hosts.reduce((n, h) => n + h.stack.virtualPortCount, 0);
		const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
		const summary = `lab generated and booted: ${count(hosts, 'host')}, ${count(hosts * portsPerHost, 'HBA port')}, ${count(vports, 'virtual port')}, ${count(switches, 'switch', 'switches')} in ${count(fabrics, 'fabric')}, ${count(arrays, 'array')}`;
		lab.world.log.emit('scenario', 'scenario.generate', summary, {hosts, ports: hosts * portsPerHost, vports, fabrics, switches, arrays, seed});
		progress.step('saving');
		const next = lab.nextDocument() ?? lab.base;
		const file = path.resolve(out as string);
		const bytes = await writeStoreFile(file, next, {replace: values['force'] === true});
		progress.end();
		const seconds = (performance.now() - started) / 1000;
		const facts = {out: file, hosts, physicalPorts: hosts * portsPerHost, vports, fabrics, switches, arrays, luns, seed, bytes, bytesPerVport: vports > 0 ? bytes / vports : 0, seconds: Number(seconds.toFixed(3))};
		if (globals.json) return json(facts);
		return ok(`${file}: ${summary} (${bytes.toLocaleString('en-US')} bytes, ${seconds.toFixed(1)} s)\n`);
	} catch (error) {
		progress.end();
		if (isStoreError(error)) return commandError(`npiv scenario generate: ${(error as Error).message}`);
		throw error;
	} finally {
		progress.end();
	}
}



/**
 * Completion for the `:` bar: command families first, then their subcommands, then what fits the
 * argument being typed (WWNs of physical or virtual ports, domain, host and switch names, cable
 * ends). Candidates replace the word under the cursor (the end of the line).
 */
import {switchCommandNames} from '../../fabric/index.js';
import {SUBCOMMAND_HELP} from '../../commands/xm/XmHelp.js';
import {splitCommandLine} from '../../commands/families/dispatchFamily.js';
import type {World} from '../../world/World.js';
import type {Completion} from '../model/ConsoleSource.js';
import {cablesByWwpn} from './Cabling.js';
import {domainRows, xvmOf} from './DomainView.js';

export const COMPLETION_FAMILIES = ['fcinfo', 'fcadm', 'xm', 'switch', 'storage', 'fault', 'link', 'events'] as const;

const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
	fcinfo: ['hba-port', 'remote-port', 'logical-unit', 'lu'],
	fcadm: ['create-npiv-port', 'delete-npiv-port', 'create-port-list', 'force-lip', 'hba-port', 'remote-port', 'logical-unit', 'lu'],
	storage: ['lun', 'hostgroup', 'port'],
	fault: ['cable', 'port', 'target', 'npiv', 'list'],
	link: ['pull', 'plug'],
};

const STORAGE_VERBS: Readonly<Record<string, readonly string[]>> = {
	lun: ['list', 'create', 'delete'],
	hostgroup: ['list', 'add', 'remove'],
	port: ['list', 'offline', 'online'],
};

const FAULT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
	cable: ['pull', 'plug'],
	port: ['disable', 'enable'],
	target: ['offline', 'online'],
	npiv: ['off', 'on'],
};

/** More than this many candidates helps nobody; the operator types a few more characters. */
const MAX_CANDIDATES = 200;

export function completeLine(world: World | undefined, line: string, defaultHost: string | undefined): Completion {
	const start = /\S*$/.exec(line)!.index;
	const word = line.slice(start);
	const split = splitCommandLine(line.slice(0, start));
	let words = 'error' in split ? [] : split;
	if (words[0] === 'npiv') words = words.slice(1);
	let host = defaultHost;
	let i = 0;
	for (; i < words.length && words[i]!.startsWith('-'); i++) {
		const w = words[i]!;
		if (w === '--host') host = words[++i];
		else if (w.startsWith('--host=')) host = w.slice(7);
	}
	const globalsDone = i;
	const rest = words.slice(globalsDone);
	const pick = (list: Iterable<string>): Completion => ({start, candidates: matching(list, word)});
	if (words.at(-1) === '--host' && globalsDone === words.length + 1) return pick(world?.hosts.map(h => h.config.name) ?? []);
	if (rest.length === 0) {
		if (word.startsWith('-')) return pick(['--host', '--json']);
		return pick(COMPLETION_FAMILIES);
	}
	const [family, ...args] = rest as [string, ...string[]];
	if (!world) return {start, candidates: []};
	const ctx = new Facts(world, host);
	switch (family) {
		case 'fcinfo':
		case 'fcadm':
			return pick(fcWords(ctx, family, args, word));
		case 'xm':
			return pick(xmWords(ctx, args));
		case 'switch':
			return pick(switchWords(ctx, args));
		case 'storage':
			if (args.length === 0) return pick(SUBCOMMANDS['storage']!);
			if (args.length === 1) return pick(STORAGE_VERBS[args[0]!] ?? []);
			return pick(world.arrays.map(a => a.name));
		case 'fault':
			if (args.length === 0) return pick(SUBCOMMANDS['fault']!);
			if (args.length === 1) return pick(FAULT_ACTIONS[args[0]!] ?? []);
			if (args.length === 2) return pick(faultTargets(ctx, args[0]!));
			return {start, candidates: []};
		case 'link':
			if (args.length === 0) return pick(SUBCOMMANDS['link']!);
			if (args.length === 1) return pick(faultTargets(ctx, 'cable'));
			return {start, candidates: []};
		case 'events':
			if (args.at(-1) === '--type' || args.at(-1) === '-t') return pick(ctx.eventTypes());
			if (args.at(-1) === '--source') return pick(ctx.eventSources());
			return pick(['--type', '--since', '--source', '--limit', '--json']);
		default:
			return {start, candidates: []};
	}
}

function matching(list: Iterable<string>, word: string): string[] {
	const lower = word.toLowerCase();
	const out: string[] = [];
	const seen = new Set<string>();
	for (const c of list) {
		if (!c.toLowerCase().startsWith(lower) || seen.has(c)) continue;
		seen.add(c);
		out.push(c);
		if (out.length >= MAX_CANDIDATES) break;
	}
	return out;
}

/** Names and WWNs of the world, read on demand. */
class Facts {
	constructor(
		readonly world: World,
		readonly hostName: string | undefined,
	) {}

	get host() {
		return (this.hostName ? this.world.host(this.hostName) : undefined) ?? this.world.hosts[0];
	}

	physicalWwns(): string[] {
		return this.host?.stack.ports.map(p => p.wwpn) ?? [];
	}

	*virtualWwns(physical?: string): Iterable<string> {
		for (const p of this.host?.stack.ports ?? []) {
			if (physical !== undefined && p.wwpn !== physical.toLowerCase()) continue;
			for (const v of p.vports) yield v.wwpn;
		}
	}

	*remoteWwns(): Iterable<string> {
		const seen = new Set<string>();
		for (const p of this.host?.stack.ports ?? []) {
			for (const r of p.physical.remotePorts) {
				if (!seen.has(r.wwpn)) {
					seen.add(r.wwpn);
					yield r.wwpn;
				}
			}
		}
	}

	domainNames(): string[] {
		return domainRows(this.world).filter(d => d.name !== 'Domain-0').map(d => d.key);
	}

	xenHosts(): string[] {
		return xvmOf(this.world)?.hosts.map(h => h.name) ?? this.world.hosts.filter(h => h.config.kind === 'xen').map(h => h.config.name);
	}

	domainVports(name: string): string[] {
		return [...(domainRows(this.world).find(d => d.key === name)?.vports ?? [])];
	}

	eventTypes(): string[] {
		const types = new Set<string>();
		for (const e of this.world.log.entries()) {
			const parts = e.type.split('.');
			for (let n = 1; n <= parts.length; n++) types.add(parts.slice(0, n).join('.'));
		}
		return [...types].sort();
	}

	eventSources(): string[] {
		return [...new Set(this.world.log.entries().map(e => e.source))].sort();
	}
}

function fcWords(ctx: Facts, tool: 'fcinfo' | 'fcadm', args: readonly string[], word: string): string[] {
	if (args.length === 0) return [...SUBCOMMANDS[tool]!];
	const sub = args[0]!;
	const prev = args.at(-1);
	if (word.startsWith('-')) {
		if (sub === 'hba-port') return ['-l', '-e', '-i', '-t'];
		if (sub === 'remote-port') return ['-p', '-l', '-s'];
		if (sub === 'logical-unit' || sub === 'lu') return ['-v'];
		if (sub === 'create-npiv-port') return ['-p', '-n'];
		if (sub === 'delete-npiv-port') return ['-p'];
		return [];
	}
	switch (sub) {
		case 'create-npiv-port':
			return prev === '-p' || prev === '-n' ? [] : ctx.physicalWwns();
		case 'delete-npiv-port': {
			if (prev === '-p') return [...ctx.virtualWwns()];
			return ctx.physicalWwns();
		}
		case 'remote-port':
			if (prev === '-p') return ctx.physicalWwns();
			return [...ctx.remoteWwns()];
		case 'hba-port':
		case 'force-lip':
			return ctx.physicalWwns();
		default:
			return [];
	}
}

function xmWords(ctx: Facts, args: readonly string[]): string[] {
	if (args.length === 0) return Object.keys(SUBCOMMAND_HELP).sort();
	const verb = args[0]!;
	const positional = args.slice(1).filter(a => !a.startsWith('-'));
	if (verb === 'migrate') {
		if (positional.length === 0) return [...ctx.domainNames(), '--live'];
		if (positional.length === 1) return ctx.xenHosts();
		return [];
	}
	if (verb === 'npiv-attach') {
		if (positional.length === 0) return ctx.domainNames();
		if (positional.length === 1) return ctx.physicalWwns();
		return ['-p', '-n', '--no-autoattach'];
	}
	if (verb === 'npiv-detach') {
		if (positional.length === 0) return ctx.domainNames();
		if (positional.length === 1) return ctx.domainVports(positional[0]!);
		return [];
	}
	if (verb === 'create' || verb === 'new' || verb === 'restore' || verb === 'help' || verb === 'info' || verb === 'log' || verb === 'dmesg') return [];
	return positional.length === 0 ? ctx.domainNames() : [];
}

function switchWords(ctx: Facts, args: readonly string[]): string[] {
	const names = ctx.world.fabrics.switches.map(s => s.name);
	if (args.at(-1) === '--switch') return names;
	const words = args.filter((a, i) => a !== '--switch' && args[i - 1] !== '--switch');
	if (words.length === 0) return [...switchCommandNames(), '--switch'];
	const cmd = words[0]!;
	if (/^(zone|cfg|ali)/.test(cmd)) {
		const out: string[] = [];
		for (const f of ctx.world.fabrics.fabrics) {
			out.push(...f.zoning.configs.keys());
			for (const z of f.zoning.zones.keys()) out.push(z);
			for (const a of f.zoning.aliases.keys()) out.push(a);
		}
		return out.sort();
	}
	return [];
}

function faultTargets(ctx: Facts, what: string): string[] {
	const world = ctx.world;
	switch (what) {
		case 'cable': {
			const ends: string[] = [];
			for (const [wwpn, c] of cablesByWwpn(world)) {
				const host = world.hosts.find(h => h.stack.portByWwpn(wwpn));
				ends.push(host ? `${host.config.name}/${wwpn}` : c.end);
				if (c.switchName !== null) ends.push(`${c.switchName}/${c.switchPort}`);
			}
			return ends;
		}
		case 'port':
			return world.fabrics.switches.flatMap(sw => sw.ports.map(p => `${sw.name}/${p.index}`));
		case 'target':
			return world.arrays.flatMap(a => a.ports.map(p => `${a.name}/${p.name}`));
		case 'npiv':
			return world.fabrics.switches.flatMap(sw => [sw.name, ...sw.ports.map(p => `${sw.name}/${p.index}`)]);
		default:
			return [];
	}
}

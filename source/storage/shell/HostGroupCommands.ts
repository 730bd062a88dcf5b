import {parseWwn, type Wwn} from '../../sim/Wwn.js';
import type {HostGroup} from '../HostGroup.js';
import type {StorageArray} from '../StorageArray.js';
import {StorageError} from '../StorageError.js';
import {parseArgs, requireValue, UsageError} from './Argv.js';
import {noOperands} from './LunCommands.js';
import {json, noticeLine, parseCount, resolveArray, selectArrays, type ShellContext} from './ShellContext.js';
import {renderTable} from './TextTable.js';

export const HOSTGROUP_SYNOPSIS = {
	list: 'hostgroup list [--array A]',
	add: 'hostgroup add --array A --group G [--initiator WWPN]... [--lun ID[:HOSTLUN]]... [--port P]... [--all-ports]',
	remove: 'hostgroup remove --array A --group G [--initiator WWPN]... [--lun ID]... [--port P]...',
} as const;

export function hostGroupCommand(verb: string | undefined, argv: readonly string[], ctx: ShellContext): string {
	switch (verb) {
		case 'list':
		case 'ls':
			return hostGroupList(argv, ctx);
		case 'add':
			return hostGroupAdd(argv, ctx);
		case 'remove':
		case 'rm':
			return hostGroupRemove(argv, ctx);
		case undefined:
			throw new UsageError('hostgroup: missing subcommand (list, add, remove)', Object.values(HOSTGROUP_SYNOPSIS));
		default:
			throw new UsageError(`hostgroup: unknown subcommand '${verb}' (list, add, remove)`, Object.values(HOSTGROUP_SYNOPSIS));
	}
}

export function describeHostGroup(array: StorageArray, g: HostGroup) {
	return {
		array: array.name,
		name: g.name,
		ports: g.ports ?? null,
		initiators: [...g.initiators],
		luns: g.mappings(),
	};
}

function hostGroupList(argv: readonly string[], ctx: ShellContext): string {
	const args = parseArgs(argv, {single: ['array']}, HOSTGROUP_SYNOPSIS.list);
	noOperands(args.positionals, HOSTGROUP_SYNOPSIS.list);
	const groups = selectArrays(ctx.arrays, args.value('array')).flatMap(a => a.hostGroups().map(g => describeHostGroup(a, g)));
	if (ctx.json) return json(groups);
	if (groups.length === 0) return 'No host groups.\n';
	// One row per group; its initiators and LUN map run down the rows below it.
	const rows: string[][] = [];
	for (const g of groups) {
		const height = Math.max(1, g.initiators.length, g.luns.length);
		for (let i = 0; i < height; i++) {
			const first = i === 0;
			rows.push([
				first ? g.array : '',
				first ? g.name : '',
				first ? (g.ports?.join(',') ?? 'all') : '',
				g.initiators[i] ?? (first ? '-' : ''),
				g.luns[i] ? `${g.luns[i]!.lun}:${g.luns[i]!.hostLun}` : first ? '-' : '',
			]);
		}
	}
	return renderTable(
		[{header: 'ARRAY'}, {header: 'GROUP'}, {header: 'PORTS'}, {header: 'INITIATORS'}, {header: 'LUNS (ID:HOSTLUN)'}],
		rows,
	);
}

function hostGroupAdd(argv: readonly string[], ctx: ShellContext): string {
	const synopsis = HOSTGROUP_SYNOPSIS.add;
	const args = parseArgs(argv, {single: ['array', 'group'], repeat: ['initiator', 'lun', 'port'], flags: ['all-ports']}, synopsis);
	noOperands(args.positionals, synopsis);
	const arrayName = requireValue(args, 'array', synopsis);
	const name = requireValue(args, 'group', synopsis);
	if (args.flag('all-ports') && args.values('port').length > 0) {
		throw new UsageError('--all-ports and --port exclude each other', synopsis);
	}
	const array = resolveArray(ctx.arrays, arrayName);
	const initiators = args.values('initiator').map(parseInitiator);
	const luns = args.values('lun').map(text => {
		const m = /^(\d{1,9})(?::(\d{1,9}))?$/.exec(text);
		if (!m) throw new StorageError(`bad LUN '${text}': use ID or ID:HOSTLUN (e.g. 3 or 3:0)`);
		return {lun: Number(m[1]), ...(m[2] !== undefined ? {hostLun: Number(m[2])} : {})};
	});
	const ports = args.values('port');
	const allPorts = args.flag('all-ports');
	const existing = array.hostGroup(name);
	if (existing && initiators.length === 0 && luns.length === 0 && ports.length === 0 && !allPorts) {
		throw new StorageError(`host group '${name}' already exists on ${array.name}`);
	}
	if (existing && allPorts && existing.ports === undefined) {
		throw new StorageError(`host group '${name}' already applies to all ports`);
	}
	const result = array.editHostGroup(
		name,
		{addInitiators: initiators, mapLuns: luns, addPorts: ports, allPorts},
		{create: true},
	);
	if (ctx.json) return json({array: array.name, ...result});
	let out = result.created ? `Created host group ${name} on ${array.name}.\n` : '';
	if (ports.length > 0 || allPorts) out += portsLine(name, result.ports);
	for (const w of result.addedInitiators) out += `Added initiator ${w} to ${name}.\n`;
	for (const m of result.mapped) out += `Mapped LUN ${m.lun} to ${name} as host LUN ${m.hostLun}.\n`;
	return out + noticeLine(result);
}

function hostGroupRemove(argv: readonly string[], ctx: ShellContext): string {
	const synopsis = HOSTGROUP_SYNOPSIS.remove;
	const args = parseArgs(argv, {single: ['array', 'group'], repeat: ['initiator', 'lun', 'port']}, synopsis);
	noOperands(args.positionals, synopsis);
	const arrayName = requireValue(args, 'array', synopsis);
	const name = requireValue(args, 'group', synopsis);
	const array = resolveArray(ctx.arrays, arrayName);
	array.requireHostGroup(name);
	const initiators = args.values('initiator').map(parseInitiator);
	const luns = args.values('lun').map(text => {
		if (/^\d+:\d+$/.test(text)) throw new StorageError(`bad LUN '${text}': hostgroup remove takes the array LUN id only`);
		return parseCount(text, 'LUN id');
	});
	const ports = args.values('port');
	if (initiators.length === 0 && luns.length === 0 && ports.length === 0) {
		const notice = array.deleteHostGroup(name);
		if (ctx.json) return json({array: array.name, group: name, deleted: true, ...notice});
		return `Deleted host group ${name} on ${array.name}.\n` + noticeLine(notice);
	}
	const result = array.editHostGroup(name, {removeInitiators: initiators, unmapLuns: luns, removePorts: ports});
	if (ctx.json) return json({array: array.name, deleted: false, ...result});
	let out = '';
	for (const w of result.removedInitiators) out += `Removed initiator ${w} from ${name}.\n`;
	for (const m of result.unmapped) out += `Unmapped LUN ${m.lun} (host LUN ${m.hostLun}) from ${name}.\n`;
	if (ports.length > 0) out += portsLine(name, result.ports);
	return out + noticeLine(result);
}

function parseInitiator(text: string): Wwn {
	const w = parseWwn(text);
	if (!w) throw new StorageError(`bad initiator WWPN '${text}': 16 hex digits, with or without colons`);
	return w;
}

function portsLine(name: string, ports: readonly string[] | undefined): string {
	return ports === undefined ? `${name} now applies to all ports.\n` : `${name} now applies to port(s) ${ports.join(', ')}.\n`;
}

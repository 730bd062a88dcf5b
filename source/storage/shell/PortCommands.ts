import {formatFcId} from '../../sim/FcId.js';
import type {StorageArray} from '../StorageArray.js';
import type {TargetPort} from '../TargetPort.js';
import {parseArgs, requireValue, UsageError} from './Argv.js';
import {noOperands} from './LunCommands.js';
import {json, resolveArray, selectArrays, type ShellContext} from './ShellContext.js';
import {renderTable} from './TextTable.js';

export const PORT_SYNOPSIS = {
	list: 'port list [--array A]',
	offline: 'port offline --array A PORT',
	online: 'port online --array A PORT',
} as const;

export function portCommand(verb: string | undefined, argv: readonly string[], ctx: ShellContext): string {
	switch (verb) {
		case 'list':
		case 'ls':
			return portList(argv, ctx);
		case 'offline':
		case 'online':
			return portAdmin(verb, argv, ctx);
		case undefined:
			throw new UsageError('port: missing subcommand (list, offline, online)', Object.values(PORT_SYNOPSIS));
		default:
			throw new UsageError(`port: unknown subcommand '${verb}' (list, offline, online)`, Object.values(PORT_SYNOPSIS));
	}
}

export function describePort(array: StorageArray, p: TargetPort) {
	return {
		array: array.name,
		name: p.name,
		wwpn: p.wwpn,
		wwnn: p.wwnn,
		adminState: p.adminOnline ? 'online' : 'offline',
		state: p.state,
		fcid: p.fcid === undefined ? null : formatFcId(p.fcid),
		topology: p.topology ?? null,
		speedGbps: p.speedGbps ?? null,
		sessions: p.sessions().map(s => ({initiator: s.initiator, fcid: formatFcId(s.fcid)})),
	};
}

function portList(argv: readonly string[], ctx: ShellContext): string {
	const args = parseArgs(argv, {single: ['array']}, PORT_SYNOPSIS.list);
	noOperands(args.positionals, PORT_SYNOPSIS.list);
	const ports = selectArrays(ctx.arrays, args.value('array')).flatMap(a => a.ports.map(p => describePort(a, p)));
	if (ctx.json) return json(ports);
	if (ports.length === 0) return 'No target ports.\n';
	return renderTable(
		[
			{header: 'ARRAY'},
			{header: 'PORT'},
			{header: 'WWPN'},
			{header: 'ADMIN'},
			{header: 'STATE'},
			{header: 'PORT ID'},
			{header: 'TOPOLOGY'},
			{header: 'SPEED', align: 'right'},
			{header: 'SESSIONS', align: 'right'},
		],
		ports.map(p => [
			p.array,
			p.name,
			p.wwpn,
			p.adminState,
			p.state,
			p.fcid ?? '-',
			p.topology ?? '-',
			p.speedGbps === null ? '-' : `${p.speedGbps}G`,
			String(p.sessions.length),
		]),
	);
}

function portAdmin(verb: 'offline' | 'online', argv: readonly string[], ctx: ShellContext): string {
	const synopsis = PORT_SYNOPSIS[verb];
	const args = parseArgs(argv, {single: ['array']}, synopsis);
	const arrayName = requireValue(args, 'array', synopsis);
	if (args.positionals.length === 0) throw new UsageError('missing PORT', synopsis);
	if (args.positionals.length > 1) throw new UsageError(`unexpected operand '${args.positionals[1]}'`, synopsis);
	const array = resolveArray(ctx.arrays, arrayName);
	const port = array.requirePort(args.positionals[0]!);
	const changed = array.setPortOnline(port.name, verb === 'online');
	if (ctx.json) return json({array: array.name, port: port.name, adminState: verb, changed});
	return changed ? `Port ${port.name} on ${array.name} is now ${verb}.\n` : `Port ${port.name} on ${array.name} is already ${verb}.\n`;
}

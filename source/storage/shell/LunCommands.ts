import type {LogicalUnit} from '../LogicalUnit.js';
import {formatSizeMiB, parseSizeMiB} from '../Size.js';
import type {StorageArray} from '../StorageArray.js';
import {LUN_DEVICE_TYPES, type LunDeviceType} from '../StorageConfig.js';
import {StorageError} from '../StorageError.js';
import {parseArgs, requireValue, UsageError} from './Argv.js';
import {json, noticeLine, parseCount, resolveArray, selectArrays, type ShellContext} from './ShellContext.js';
import {renderTable} from './TextTable.js';

export const LUN_SYNOPSIS = {
	list: 'lun list [--array A]',
	create: 'lun create --array A --size SIZE [--name N] [--type TYPE] [--id N]',
	delete: 'lun delete --array A ID',
} as const;

export function lunCommand(verb: string | undefined, argv: readonly string[], ctx: ShellContext): string {
	switch (verb) {
		case 'list':
		case 'ls':
			return lunList(argv, ctx);
		case 'create':
			return lunCreate(argv, ctx);
		case 'delete':
		case 'rm':
			return lunDelete(argv, ctx);
		case undefined:
			throw new UsageError('lun: missing subcommand (list, create, delete)', Object.values(LUN_SYNOPSIS));
		default:
			throw new UsageError(`lun: unknown subcommand '${verb}' (list, create, delete)`, Object.values(LUN_SYNOPSIS));
	}
}

/** The facts about one LU that `lun list` shows, as JSON carries them. */
export function describeLun(array: StorageArray, lu: LogicalUnit) {
	return {
		array: array.name,
		id: lu.id,
		name: lu.name ?? null,
		type: lu.type,
		sizeMiB: lu.sizeMiB,
		size: formatSizeMiB(lu.sizeMiB),
		vendor: lu.vendor,
		product: lu.product,
		revision: lu.revision,
		serial: lu.serial,
		luid: lu.luid,
		mappings: array.mappingsOf(lu.id),
	};
}

function lunList(argv: readonly string[], ctx: ShellContext): string {
	const args = parseArgs(argv, {single: ['array']}, LUN_SYNOPSIS.list);
	noOperands(args.positionals, LUN_SYNOPSIS.list);
	const rows = selectArrays(ctx.arrays, args.value('array')).flatMap(a =>
		a
			.luns()
			.sort((x, y) => x.id - y.id)
			.map(lu => describeLun(a, lu)),
	);
	if (ctx.json) return json(rows);
	if (rows.length === 0) return 'No LUNs.\n';
	return renderTable(
		[
			{header: 'ARRAY'},
			{header: 'LUN', align: 'right'},
			{header: 'NAME'},
			{header: 'TYPE'},
			{header: 'SIZE', align: 'right'},
			{header: 'VENDOR'},
			{header: 'PRODUCT'},
			{header: 'REV'},
			{header: 'SERIAL'},
			{header: 'MAPPED TO (GROUP:HOSTLUN)'},
		],
		rows.map(r => [
			r.array,
			String(r.id),
			r.name ?? '-',
			r.type,
			r.sizeMiB === 0 ? '-' : r.size,
			r.vendor,
			r.product,
			r.revision,
			r.serial,
			r.mappings.length ? r.mappings.map(m => `${m.group}:${m.hostLun}`).join(', ') : '-',
		]),
	);
}

function lunCreate(argv: readonly string[], ctx: ShellContext): string {
	const synopsis = LUN_SYNOPSIS.create;
	const args = parseArgs(argv, {single: ['array', 'size', 'name', 'type', 'id']}, synopsis);
	noOperands(args.positionals, synopsis);
	const arrayName = requireValue(args, 'array', synopsis);
	const sizeText = requireValue(args, 'size', synopsis);
	const array = resolveArray(ctx.arrays, arrayName);
	const sizeMiB = parseSizeMiB(sizeText);
	const typeText = args.value('type');
	if (typeText !== undefined && !LUN_DEVICE_TYPES.includes(typeText as LunDeviceType)) {
		throw new StorageError(`bad type '${typeText}' (${LUN_DEVICE_TYPES.join(', ')})`);
	}
	const idText = args.value('id');
	const name = args.value('name');
	const lu = array.createLun({
		sizeMiB,
		...(typeText !== undefined ? {type: typeText as LunDeviceType} : {}),
		...(idText !== undefined ? {id: parseCount(idText, 'LUN id')} : {}),
		...(name !== undefined ? {name} : {}),
	});
	if (ctx.json) return json(describeLun(array, lu));
	return `Created LUN ${lu.id} on ${array.name}: ${formatSizeMiB(lu.sizeMiB)} ${lu.type}${lu.name ? ` '${lu.name}'` : ''}, serial ${lu.serial}.\n`;
}

function lunDelete(argv: readonly string[], ctx: ShellContext): string {
	const synopsis = LUN_SYNOPSIS.delete;
	const args = parseArgs(argv, {single: ['array']}, synopsis);
	const arrayName = requireValue(args, 'array', synopsis);
	if (args.positionals.length === 0) throw new UsageError('missing LUN id', synopsis);
	if (args.positionals.length > 1) throw new UsageError(`unexpected operand '${args.positionals[1]}'`, synopsis);
	const array = resolveArray(ctx.arrays, arrayName);
	const result = array.deleteLun(parseCount(args.positionals[0]!, 'LUN id'));
	if (ctx.json) {
		return json({
			array: array.name,
			id: result.lun.id,
			unmappedFrom: result.unmappedFrom,
			unitAttentions: result.unitAttentions,
			rscnPorts: result.rscnPorts,
		});
	}
	let out = `Deleted LUN ${result.lun.id} on ${array.name}.\n`;
	if (result.unmappedFrom.length > 0) {
		out += `Unmapped from host groups: ${result.unmappedFrom.map(m => `${m.group} (host LUN ${m.hostLun})`).join(', ')}.\n`;
	}
	return out + noticeLine(result);
}

export function noOperands(positionals: readonly string[], synopsis: string): void {
	if (positionals.length > 0) throw new UsageError(`unexpected operand '${positionals[0]}'`, synopsis);
}

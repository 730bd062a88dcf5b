/**
 * Name-server displays: nsshow (entries logged in on this switch, FOS layout) and nsallshow
 * (every N_Port_ID in the fabric).
 */
import {formatFcId} from '../../sim/FcId.js';
import {wwnColons} from '../../sim/Wwn.js';
import type {FabricLogin} from '../FabricLogin.js';
import {deviceType, fc4Names, loginView} from '../views.js';
import {UsageError} from './operands.js';
import type {CommandOutput, CommandSpec, ShellContext} from './ShellContext.js';

function entryLines(l: FabricLogin): string[] {
	const lines = [` N    ${formatFcId(l.fcid)};      3;${wwnColons(l.wwpn)};${wwnColons(l.wwnn)}; na`];
	if (l.fc4Types.length > 0) lines.push(`    FC4s: ${fc4Names(l.fc4Types).join(' ')}`);
	if (l.symbolicPortName) lines.push(`    PortSymb: [${l.symbolicPortName.length}] "${l.symbolicPortName}"`);
	if (l.symbolicNodeName) lines.push(`    NodeSymb: [${l.symbolicNodeName.length}] "${l.symbolicNodeName}"`);
	lines.push(
		`    Fabric Port Name: ${wwnColons(l.port.wwn)}`,
		`    Permanent Port Name: ${wwnColons(l.permanentPortName)}`,
		`    Device type: ${deviceType(l)}`,
		`    Port Index: ${l.port.index}`,
		'    Share Area: No',
		'    Device Shared in Other AD: No',
		'    Redirect: No',
		'    Partial: No',
		'    LSAN: No',
	);
	return lines;
}

function nsshow(ctx: ShellContext, args: readonly string[]): CommandOutput {
	if (args.length > 0) throw new UsageError('Usage: nsshow');
	const local = ctx.fabric.sortedLogins().filter(l => l.port.sw === ctx.sw);
	const lines = ['{', ' Type Pid    COS     PortName                NodeName                 TTL(sec)'];
	for (const l of local) lines.push(...entryLines(l));
	lines.push(`The Local Name Server has ${local.length} ${local.length === 1 ? 'entry' : 'entries'} }`);
	return {text: lines.join('\n') + '\n', json: {switch: ctx.sw.name, entries: local.map(loginView)}};
}

function nsallshow(ctx: ShellContext, args: readonly string[]): CommandOutput {
	if (args.length > 0) throw new UsageError('Usage: nsallshow');
	const all = ctx.fabric.sortedLogins();
	const lines = ['{'];
	for (let i = 0; i < all.length; i += 8) {
		lines.push(' ' + all.slice(i, i + 8).map(l => formatFcId(l.fcid)).join(' '));
	}
	lines.push(`${all.length} Nx_Port${all.length === 1 ? '' : 's'} in the Fabric }`);
	return {text: lines.join('\n') + '\n', json: {fabric: ctx.fabric.name, fcids: all.map(l => formatFcId(l.fcid))}};
}

export const nsCommands: Record<string, CommandSpec> = {
	nsshow: {run: nsshow, usage: 'nsshow', summary: 'name server entries of this switch'},
	nsallshow: {run: nsallshow, usage: 'nsallshow', summary: 'every N_Port_ID in the fabric'},
};

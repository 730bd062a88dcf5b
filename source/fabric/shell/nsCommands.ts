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

/**
 * `[VENDOR  PRODUCT         REV ]`: the INQUIRY fields as the FCP probe read them, 8/16/4 bytes
 * space-padded (`FC4s: FCP [HP      Ultrium 4-SCSI  H6AW]` in ttrnecka/brocadesan
 * test/outputs/ns_1.txt; `[IBM     2145            0000]` in the 5100 capture cited below).
 */
function probed(l: FabricLogin): {vendor: string; product: string; revision: string} | null {
	const inquiry = l.endpoint.responder?.probe?.();
	if (!inquiry) return null;
	const field = (text: string, width: number): string => text.slice(0, width).padEnd(width);
	return {vendor: field(inquiry.vendor, 8), product: field(inquiry.product, 16), revision: field(inquiry.revision, 4)};
}

function probedIdentity(l: FabricLogin): string {
	const id = probed(l);
	return id ? `[${id.vendor}${id.product}${id.revision}]` : '';
}

/**
 * One entry as FOS prints it, trailing spaces included: `FC4s: FCP ` ends in a space when no
 * identity follows, as do `Fabric Port Name: ... ` and `Redirect: No ` (ttrnecka/brocadesan
 * test/outputs/ns_1.txt and ns_2.txt; the same in a 5100 (66.1) `nsshow -t` capture kept with its
 * tabs in a Python parser's tests, code-corpus id 69092532223, which also has `LSAN: No`).
 */
function entryLines(l: FabricLogin): string[] {
	const lines = [` N    ${formatFcId(l.fcid)};      3;${wwnColons(l.wwpn)};${wwnColons(l.wwnn)}; na`];
	if (l.fc4Types.length > 0) lines.push(`    FC4s: ${fc4Names(l.fc4Types).join(' ')} ${probedIdentity(l)}`);
	if (l.symbolicPortName) lines.push(`    PortSymb: [${l.symbolicPortName.length}] "${l.symbolicPortName}"`);
	if (l.symbolicNodeName) lines.push(`    NodeSymb: [${l.symbolicNodeName.length}] "${l.symbolicNodeName}"`);
	lines.push(
		`    Fabric Port Name: ${wwnColons(l.port.wwn)} `,
		`    Permanent Port Name: ${wwnColons(l.permanentPortName)}`,
		`    Device type: ${deviceType(l)}`,
		`    Port Index: ${l.port.index}`,
		'    Share Area: No',
		'    Device Shared in Other AD: No',
		'    Redirect: No ',
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
	return {text: lines.join('\n') + '\n', json: {switch: ctx.sw.name, entries: local.map(l => ({...loginView(l), inquiry: probed(l)}))}};
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

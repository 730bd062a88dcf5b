/**
 * Switch and port commands: switchshow, fabricshow, portshow, portcfgshow, portdisable,
 * portenable, portcfgnpivport. Layouts follow Brocade FOS (reference/fabric.md 4.2).
 */
import {formatFcId} from '../../sim/FcId.js';
import {wwnColons} from '../../sim/Wwn.js';
import {MAX_NPIV_LIMIT} from '../FabricOptions.js';
import type {FcSwitch} from '../FcSwitch.js';
import type {SwitchPort} from '../SwitchPort.js';
import {fabricView, portView, switchView} from '../views.js';
import {portNumber, UsageError} from './operands.js';
import {CommandError, type CommandOutput, type CommandSpec, type ShellContext} from './ShellContext.js';

function requirePort(sw: FcSwitch, text: string | undefined, usage: string): SwitchPort {
	const n = portNumber(text);
	if (n === undefined) throw new UsageError(usage);
	const port = sw.port(n);
	if (!port) throw new CommandError(`Port ${n} is out of range (0-${sw.ports.length - 1})`);
	return port;
}

function speedText(p: SwitchPort): string {
	return p.fixedSpeedGbps !== undefined ? `${p.fixedSpeedGbps}G` : `N${p.speedGbps}`;
}

function islDirection(p: SwitchPort, peer: SwitchPort): string {
	if (peer.sw.isPrincipal) return '(upstream)';
	if (p.sw.isPrincipal) return '(downstream)';
	return peer.sw.domainId < p.sw.domainId ? '(upstream)' : '(downstream)';
}

/** State column and the words after `FC`. */
function portStatus(p: SwitchPort): {state: string; proto: string} {
	const att = p.attachment;
	if (p.adminDisabled) return {state: att ? 'In_Sync' : 'No_Light', proto: 'Disabled'};
	if (!att) return {state: 'No_Light', proto: ''};
	if (att.kind === 'isl') {
		const peer = att.peer;
		return {state: 'Online', proto: `E-Port  ${wwnColons(peer.sw.wwn)} "${peer.sw.name}" ${islDirection(p, peer)}`};
	}
	const base = p.base;
	if (!base) return {state: 'In_Sync', proto: ''};
	if (p.npivCount === 0) return {state: 'Online', proto: `F-Port  ${wwnColons(base.wwpn)}`};
	return {state: 'Online', proto: `F-Port  1 N Port + ${p.npivCount} NPIV public`};
}

function switchshow(ctx: ShellContext, args: readonly string[]): CommandOutput {
	if (args.length > 0) throw new UsageError('Usage: switchshow');
	const sw = ctx.sw;
	const eff = sw.fabric.zoning.effective;
	const lines = [
		`switchName:\t${sw.name}`,
		`switchType:\t${sw.model}`,
		'switchState:\tOnline',
		'switchMode:\tNative',
		`switchRole:\t${sw.isPrincipal ? 'Principal' : 'Subordinate'}`,
		`switchDomain:\t${sw.domainId}`,
		`switchId:\t${sw.switchId}`,
		`switchWwn:\t${wwnColons(sw.wwn)}`,
		`zoning:\t\t${eff ? `ON (${eff.name})` : 'OFF'}`,
		'switchBeacon:\tOFF',
		'FC Router:\tOFF',
		'Allow XISL Use:\tOFF',
		'LS Attributes:\t[FID: 128, Base Switch: No, Default Switch: Yes, Address Mode 0]',
		'',
		'Index Port Address Media Speed State       Proto',
		'================================================',
	];
	for (const p of sw.ports) {
		const {state, proto} = portStatus(p);
		const row = `${String(p.index).padStart(3)} ${String(p.index).padStart(3)}   ${formatFcId(p.baseFcId)}   id    ${speedText(p).padEnd(4)} ${state.padEnd(11)} FC  ${proto}`;
		lines.push(row.trimEnd());
	}
	return {text: lines.join('\n') + '\n', json: switchView(sw)};
}

function fabricshow(ctx: ShellContext, args: readonly string[]): CommandOutput {
	if (args.length > 0) throw new UsageError('Usage: fabricshow');
	const view = fabricView(ctx.fabric);
	const lines = [
		' Switch ID   Worldwide Name           Enet IP Addr    FC IP Addr      Name',
		'-------------------------------------------------------------------------',
	];
	for (const s of view.switches) {
		lines.push(
			`${String(s.domainId).padStart(3)}: ${s.switchId} ${wwnColons(s.wwn)} ${'0.0.0.0'.padEnd(15)} ${'0.0.0.0'.padEnd(14)} ${s.principal ? '>' : ' '}"${s.name}"`,
		);
	}
	const n = view.switches.length;
	lines.push('', `The Fabric has ${n} switch${n === 1 ? '' : 'es'}`, `Fabric Name: ${view.name}`);
	return {text: lines.join('\n') + '\n', json: view};
}

function portFlags(p: SwitchPort): string {
	const f: string[] = [];
	if (p.attachment) f.push('PRESENT');
	if (p.state === 'online' && (p.base || p.attachment?.kind === 'isl')) f.push('ACTIVE');
	if (p.attachment?.kind === 'isl') f.push('E_PORT');
	else if (p.base) f.push('F_PORT');
	f.push('G_PORT', 'U_PORT');
	if (p.npivEnabled) f.push('NPIV');
	if (p.adminDisabled) f.push('DISABLED');
	if (p.base) f.push('LOGIN', 'LED', 'ACCEPT', 'FLOGI');
	return f.join(' ');
}

function portshow(ctx: ShellContext, args: readonly string[]): CommandOutput {
	const usage = 'Usage: portshow [slot/]port';
	if (args.length !== 1) throw new UsageError(usage);
	const p = requirePort(ctx.sw, args[0], usage);
	const online = p.state === 'online' && (p.base !== null || p.attachment?.kind === 'isl');
	const scn = p.attachment?.kind === 'isl' ? '16   E_Port' : p.base ? '32   F_Port' : '2    Offline';
	const devices = [...p.logins.values()].map(l => `\t${wwnColons(l.wwpn)}`);
	const lines = [
		`portIndex: ${String(p.index).padStart(3)}`,
		`portName: ${p.name}`,
		`portHealth: ${online ? 'HEALTHY' : 'OFFLINE'}`,
		'',
		'Authentication: None',
		`portDisableReason: ${p.adminDisabled ? 'Disabled by user' : 'None'}`,
		`portFlags: ${portFlags(p)}`,
		'portType:  17.0',
		`portState: ${online ? '1    Online' : '2    Offline'}`,
		'Protocol: FC',
		`portPhys:  ${!p.attachment ? '2    No_Light' : online ? '6    In_Sync' : '5    No_Sync'}\tportScn:   ${scn}`,
		`port generation number:    ${p.transitions}`,
		`state transition count:    ${p.transitions}`,
		'',
		`portId:    ${formatFcId(p.baseFcId)}`,
		`portWwn:   ${wwnColons(p.wwn)}`,
		'portWwn of device(s) connected:',
		...(devices.length > 0 ? devices : ['\tNone']),
		'Distance:  normal',
		`portSpeed: ${p.fixedSpeedGbps !== undefined ? `${p.fixedSpeedGbps}Gbps` : `N${p.speedGbps}Gbps`}`,
		'',
		'Interrupts:        0          Link_failure: ' + p.errors.linkFailureCount + '          Frjt:         0',
		'Unknown:           0          Loss_of_sync: ' + p.errors.lossOfSyncCount + '          Fbsy:         0',
		'Lli:               0          Loss_of_sig:  ' + p.errors.lossOfSignalCount,
	];
	return {text: lines.join('\n') + '\n', json: portView(p)};
}

function portcfgshow(ctx: ShellContext, args: readonly string[]): CommandOutput {
	const usage = 'Usage: portcfgshow [slot/]port';
	if (args.length !== 1) throw new UsageError(usage);
	const p = requirePort(ctx.sw, args[0], usage);
	const row = (k: string, v: string): string => `${k.padEnd(26)}${v}`;
	const lines = [
		row('Area Number:', String(p.index)),
		row('Speed Level:', p.fixedSpeedGbps !== undefined ? `${p.fixedSpeedGbps}G` : 'AUTO(HW)'),
		row('Persistent Disable:', p.adminDisabled ? 'ON' : 'OFF'),
		row('NPIV capability', p.npiv ? 'ON' : 'OFF'),
		row('NPIV PP Limit:', String(p.npivLimit)),
	];
	if (!ctx.sw.npiv) lines.push('(NPIV is off for the whole switch)');
	return {
		text: lines.join('\n') + '\n',
		json: {port: p.index, speed: p.fixedSpeedGbps ?? 'auto', disabled: p.adminDisabled, npiv: p.npiv, npivEnabled: p.npivEnabled, npivLimit: p.npivLimit},
	};
}

function portEnable(enable: boolean, name: string) {
	return (ctx: ShellContext, args: readonly string[]): CommandOutput => {
		const usage = `Usage: ${name} [slot/]port`;
		if (args.length !== 1) throw new UsageError(usage);
		const p = requirePort(ctx.sw, args[0], usage);
		// Disabling an E_Port does not segment the fabric here (not emulated).
		ctx.fabric.setPortEnabled(p, enable);
		return {text: '', json: {ok: true, port: p.index, state: p.state}};
	};
}

function portcfgnpivport(ctx: ShellContext, args: readonly string[]): CommandOutput {
	const usage = 'Usage: portcfgnpivport [slot/]port 1|0\n       portcfgnpivport --enable|--disable [slot/]port\n       portcfgnpivport --setloginlimit [slot/]port limit';
	const [a, b, c] = args;
	let port: SwitchPort;
	if (a === '--setloginlimit') {
		if (args.length !== 3) throw new UsageError(usage);
		port = requirePort(ctx.sw, b, usage);
		const limit = Number(c);
		if (!/^\d+$/.test(c ?? '') || limit < 1 || limit > MAX_NPIV_LIMIT) {
			throw new CommandError(`Invalid login limit ${c}: valid range is 1-${MAX_NPIV_LIMIT}`);
		}
		ctx.fabric.setPortNpivLimit(port, limit);
		return {text: `NPIV Limit Set to ${limit} for Port ${port.index}\n`, json: {ok: true, port: port.index, npivLimit: limit}};
	}
	let on: boolean;
	if (a === '--enable' || a === '--disable') {
		if (args.length !== 2) throw new UsageError(usage);
		port = requirePort(ctx.sw, b, usage);
		on = a === '--enable';
	} else {
		if (args.length !== 2) throw new UsageError(usage);
		port = requirePort(ctx.sw, a, usage);
		const mode = (b ?? '').toLowerCase();
		if (mode === '1' || mode === 'on') on = true;
		else if (mode === '0' || mode === 'off') on = false;
		else throw new UsageError(usage);
	}
	ctx.fabric.setPortNpiv(port, on);
	const note = on && !ctx.sw.npiv ? ' (NPIV is off for the whole switch)' : '';
	return {
		text: `NPIV capability is ${on ? 'enabled' : 'disabled'} on port ${port.index}${note}\n`,
		json: {ok: true, port: port.index, npiv: on, npivEnabled: port.npivEnabled},
	};
}

export const switchCommands: Record<string, CommandSpec> = {
	switchshow: {run: switchshow, usage: 'switchshow', summary: 'switch and port status'},
	fabricshow: {run: fabricshow, usage: 'fabricshow', summary: 'switches in the fabric'},
	portshow: {run: portshow, usage: 'portshow [slot/]port', summary: 'one port in detail'},
	portcfgshow: {run: portcfgshow, usage: 'portcfgshow [slot/]port', summary: 'port configuration (speed, NPIV)'},
	portdisable: {run: portEnable(false, 'portdisable'), usage: 'portdisable [slot/]port', summary: 'disable a port'},
	portenable: {run: portEnable(true, 'portenable'), usage: 'portenable [slot/]port', summary: 'enable a port'},
	portcfgpersistentdisable: {run: portEnable(false, 'portcfgpersistentdisable'), usage: 'portcfgpersistentdisable [slot/]port', summary: 'disable a port'},
	portcfgpersistentenable: {run: portEnable(true, 'portcfgpersistentenable'), usage: 'portcfgpersistentenable [slot/]port', summary: 'enable a port'},
	portcfgnpivport: {
		run: portcfgnpivport,
		usage: 'portcfgnpivport [slot/]port 1|0 | --setloginlimit [slot/]port limit',
		summary: 'NPIV on/off and login limit of a port',
	},
};

/**
 * `npiv fault ...` (and `npiv link ...` for cables): fault injection. Each fault is
 * administrative state (a pulled cable stays pulled) and is saved like any other change.
 *
 *   fault cable pull|plug END        END = SWITCH/PORT, HOST/WWPN, ARRAY/PORT
 *   fault port disable|enable SWITCH/PORT
 *   fault target offline|online ARRAY/PORT
 *   fault npiv off|on SWITCH[/PORT]
 *   fault list
 */
import {commandError, json, ok, usageError, type CommandOutput} from '../CommandOutput.js';
import type {World} from '../../world/World.js';
import {settle, type FamilyContext} from './FamilyContext.js';
import {asksForHelp, helpOutput} from './FamilyOutput.js';

export const FAULT_USAGE = `Usage: npiv fault <fault> [arguments]
  cable pull|plug END          END is SWITCH/PORT, HOST/WWPN or ARRAY/PORT (e.g. fab-a1/0)
  port disable|enable SWITCH/PORT
  target offline|online ARRAY/PORT
  npiv off|on SWITCH[/PORT]
  list                         the faults in force
`;

export const LINK_USAGE = `Usage: npiv link pull|plug END
  END is SWITCH/PORT, HOST/WWPN or ARRAY/PORT (e.g. fab-a1/0); the same as 'npiv fault cable pull|plug END'
`;

export function runFaultFamily(argv: readonly string[], ctx: FamilyContext, asLink = false): CommandOutput {
	const usage = asLink ? LINK_USAGE : FAULT_USAGE;
	if (asksForHelp(argv) || argv[0] === 'help') return helpOutput(usage, ctx.globals.json);
	const words = asLink ? ['cable', ...argv] : [...argv];
	const [what, action, target, ...extra] = words;
	const {world} = ctx;
	if (what === undefined) return usageError(usage);
	if (what === 'list') return listFaults(world, ctx.globals.json);
	if (action === undefined || target === undefined) return usageError(`npiv fault ${what}: needs an action and a target\n${usage}`);
	if (extra.length > 0) return usageError(`npiv fault: unexpected '${extra.join(' ')}'\n${usage}`);
	let result: CommandOutput;
	switch (what) {
		case 'cable':
			result = cableFault(world, action, target, ctx.globals.json);
			break;
		case 'port':
			result = portFault(world, action, target, ctx.globals.json);
			break;
		case 'target':
			result = targetFault(world, action, target, ctx.globals.json);
			break;
		case 'npiv':
			result = npivFault(world, action, target, ctx.globals.json);
			break;
		default:
			return usageError(`npiv fault: unknown fault '${what}'\n${usage}`);
	}
	settle(ctx);
	return result;
}

/** What a fault did: a sentence, or with --json `{fault, action, target, ...}`. */
function faultDone(text: string, asJson: boolean, facts: Record<string, unknown>): CommandOutput {
	return asJson ? json(facts, 0, true) : ok(text, true);
}

function cableFault(world: World, action: string, end: string, asJson: boolean): CommandOutput {
	if (action !== 'pull' && action !== 'plug') return usageError(`npiv fault cable: action is pull or plug, not '${action}'`);
	const cable = world.findCable(end);
	if (!cable) return commandError(`npiv fault cable: no cable at '${end}' (give SWITCH/PORT, HOST/WWPN or ARRAY/PORT)`);
	const done = action === 'pull' ? world.pullCable(cable) : world.plugCable(cable);
	if (!done) return commandError(`npiv fault cable: ${cable.label} is already ${action === 'pull' ? 'pulled' : 'plugged in'}`);
	return faultDone(`cable ${action === 'pull' ? 'pulled' : 'plugged'}: ${cable.label}\n`, asJson, {fault: 'cable', action, target: end, cable: cable.label});
}

function switchPort(world: World, text: string): {sw: NonNullable<ReturnType<World['fabrics']['switch']>>; port?: number} | string {
	const [name, portText] = text.split('/', 2) as [string, string | undefined];
	const sw = world.fabrics.switch(name);
	if (!sw) return `no switch '${name}'`;
	if (portText === undefined) return {sw};
	const port = Number(portText);
	if (!Number.isInteger(port) || !sw.port(port)) return `switch ${name} has no port '${portText}'`;
	return {sw, port};
}

function portFault(world: World, action: string, text: string, asJson: boolean): CommandOutput {
	if (action !== 'disable' && action !== 'enable') return usageError(`npiv fault port: action is disable or enable, not '${action}'`);
	const at = switchPort(world, text);
	if (typeof at === 'string') return commandError(`npiv fault port: ${at}`);
	if (at.port === undefined) return usageError('npiv fault port: give SWITCH/PORT');
	const port = at.sw.requirePort(at.port);
	const wasDisabled = port.state === 'disabled';
	if ((action === 'disable') === wasDisabled) return commandError(`npiv fault port: ${text} is already ${action}d`);
	if (action === 'disable') at.sw.disablePort(at.port);
	else at.sw.enablePort(at.port);
	return faultDone(`port ${text} ${action}d\n`, asJson, {fault: 'port', action, target: text});
}

function targetFault(world: World, action: string, text: string, asJson: boolean): CommandOutput {
	if (action !== 'offline' && action !== 'online') return usageError(`npiv fault target: action is offline or online, not '${action}'`);
	const [name, portName] = text.split('/', 2) as [string, string | undefined];
	const array = world.arrays.find(a => a.name === name);
	if (!array) return commandError(`npiv fault target: no array '${name}'`);
	if (!portName || !array.port(portName)) return commandError(`npiv fault target: array ${name} has no port '${portName ?? ''}'`);
	const changed = array.setPortOnline(portName, action === 'online');
	if (!changed) return commandError(`npiv fault target: ${text} is already ${action}`);
	return faultDone(`target port ${text} ${action}\n`, asJson, {fault: 'target', action, target: text});
}

function npivFault(world: World, action: string, text: string, asJson: boolean): CommandOutput {
	if (action !== 'off' && action !== 'on') return usageError(`npiv fault npiv: action is off or on, not '${action}'`);
	const at = switchPort(world, text);
	if (typeof at === 'string') return commandError(`npiv fault npiv: ${at}`);
	const on = action === 'on';
	if (at.port === undefined) at.sw.setNpiv(on);
	else at.sw.setPortNpiv(at.port, on);
	world.recordNpivFault(at.port === undefined ? at.sw.name : `${at.sw.name}/${at.port}`, !on);
	return faultDone(`NPIV ${action} on ${text}\n`, asJson, {fault: 'npiv', action, target: text});
}

function listFaults(world: World, asJson: boolean): CommandOutput {
	const pulled = world.cables.filter(c => !c.connected).map(c => c.label);
	const lab = world.exportLab();
	const disabled: string[] = [];
	for (const s of lab.switches) {
		for (const p of s.ports ?? []) if (p.disabled) disabled.push(`${s.name}/${p.index}`);
	}
	// Only what `fault npiv off` turned off and is still off: a switch built with NPIV off (the
	// legacy fabric) or a port set with portcfgnpivport is the lab's configuration, not a fault.
	const npivOff = world.npivFaultTargets.filter(target => {
		const [name, port] = target.split('/', 2) as [string, string | undefined];
		const s = lab.switches.find(sw => sw.name === name);
		if (!s) return false;
		return port === undefined ? !s.npiv : s.ports?.find(p => p.index === Number(port))?.npiv === false;
	});
	const offline = lab.arrays.flatMap(a => a.ports.filter(p => p.online === false).map(p => `${a.name}/${p.name}`));
	if (asJson) return json({pulledCables: pulled, disabledPorts: disabled, offlineTargets: offline, npivOff});
	const lines = [
		...pulled.map(c => `cable pulled      ${c}`),
		...disabled.map(p => `port disabled     ${p}`),
		...offline.map(p => `target offline    ${p}`),
		...npivOff.map(p => `NPIV off          ${p}`),
	];
	return ok(lines.length === 0 ? 'No faults.\n' : lines.join('\n') + '\n');
}

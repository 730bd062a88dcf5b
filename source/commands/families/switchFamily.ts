/** `npiv switch [--switch NAME] <FOS command>`: the switch's own shell through its management API. */
import {runSwitchCommand} from '../../fabric/index.js';
import {commandError, usageError, type CommandOutput} from '../CommandOutput.js';
import {settle, type FamilyContext} from './FamilyContext.js';

export function runSwitchFamily(argv: readonly string[], ctx: FamilyContext): CommandOutput {
	const {world} = ctx;
	let words = [...argv];
	let name: string | undefined;
	const at = words.findIndex(w => w === '--switch' || w.startsWith('--switch='));
	if (at >= 0) {
		const word = words[at]!;
		name = word.includes('=') ? word.slice('--switch='.length) : words[at + 1];
		if (!name) return usageError('npiv switch: --switch needs a switch name');
		words.splice(at, word.includes('=') ? 1 : 2);
	}
	const switches = world.fabrics.switches;
	const sw = name === undefined ? switches[0] : world.fabrics.switch(name);
	if (!sw) return commandError(`npiv switch: no switch '${name}' (switches: ${switches.map(s => s.name).join(', ')})`);
	if (words.length === 0) return usageError('Usage: npiv switch [--switch NAME] <command> [arguments]\n  e.g. switchshow, nsshow, zoneshow, cfgshow, zonecreate, cfgenable, portdisable N\n');
	const result = runSwitchCommand(sw, words, {json: ctx.globals.json, ...(ctx.confirmed ? {confirmed: true} : {})});
	settle(ctx);
	return result;
}

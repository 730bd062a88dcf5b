/** `npiv fcinfo ...` and `npiv fcadm ...` on the host chosen by --host (default: the first host). */
import {createHbaApi} from '../../hbaapi/HbaLibrary.js';
import type {Wwn} from '../../sim/Wwn.js';
import {commandError, type CommandOutput} from '../CommandOutput.js';
import {MemoryNpivPortList, runFcTool} from '../fcinfo/index.js';
import {settle, type FamilyContext} from './FamilyContext.js';
import {pickHost} from './pickHost.js';

export function runFcFamily(tool: 'fcinfo' | 'fcadm', argv: readonly string[], ctx: FamilyContext): CommandOutput {
	const host = pickHost(ctx, h => h.kind === 'solaris' || h.kind === 'xen');
	if ('exitCode' in host) return host;
	const {world} = ctx;
	// Each run is its own process as far as the library goes: fcinfo frees the library when it is
	// done, which must not cut off xennpivd's callbacks on the host's long-lived instance.
	const api = createHbaApi(host.stack, {sim: world.sim, wwnRegistry: world.wwns, prng: world.prng});
	const smf = new MemoryNpivPortList(host.npivPorts);
	try {
		// Asked only by delete-npiv-port: other runs never touch the Xen side.
		const ownerOf = (vpwwn: Wwn) => world.xen.npivOwner(vpwwn);
		const result = runFcTool(tool, argv, {api, json: ctx.globals.json, smf, ownerOf});
		settle(ctx);
		if (result.changed) host.npivPorts = smf.get();
		return result;
	} catch (error) {
		return commandError(`${tool}: ${(error as Error).message}`);
	}
}

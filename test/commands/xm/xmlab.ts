/** Runs `xm` against the fake-SAN Xen lab of test/xvm. */
import {runXm, type XmResult} from '../../../source/commands/xm/runXm.js';
import {makeLab, type Lab} from '../../xvm/lab.js';
import type {DomainConfig} from '../../../source/world/LabConfig.js';

export interface XmLab extends Lab {
	files: Map<string, string>;
	xm(argv: string, opts?: {host?: string; json?: boolean}): XmResult;
}

export function makeXmLab(domains?: DomainConfig[]): XmLab {
	const lab = makeLab(domains);
	const files = new Map<string, string>();
	return {
		...lab,
		files,
		xm: (argv, opts = {}) => {
			const r = runXm(argv.split(/\s+/).filter(Boolean), {
				xen: lab.xen,
				json: opts.json ?? false,
				...(opts.host ? {host: opts.host} : {}),
				readFile: p => files.get(p),
				writeFile: (p, t) => {
					if (p.startsWith('/readonly/')) return false;
					files.set(p, t);
					return true;
				},
				canWrite: p => !p.startsWith('/readonly/'),
			});
			lab.sim.runUntilIdle();
			return r;
		},
	};
}

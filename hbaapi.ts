/**
 * `npiv-console/hbaapi`: the HBA-API v2 with Sun's NPIV extensions, for an operator's own tools.
 *
 *   import {openSan, HBA_STATUS} from 'npiv-console/hbaapi';
 *   const san = await openSan({state: './state/store.json'});
 *   const api = san.hbaApi('dom0-a');
 *   const n = api.HBA_GetNumberOfAdapters();
 *   ...
 *   san.run();            // let the SAN settle (discovery after a create, say)
 *   await san.save();     // persist what changed (virtual ports created, ...)
 *
 * Like the real library it lives in a host's user space: one `HbaApi` per host. The library sits
 * at the top of the tree (beside cli.tsx) because opening a store needs the store and world
 * layers, which the hbaapi layer itself may not import.
 */
import {Lab} from './source/lab/Lab.js';
import {openStore, StoreError} from './source/store/index.js';
import type {HbaApi, HbaApiVportViews} from './source/hbaapi/types.js';

export * from './source/hbaapi/index.js';

export interface OpenSanOptions {
	/** The store file; default NPIV_STATE or ./state/store.json (created from the default lab when missing). */
	readonly state?: string;
}

export interface San {
	/** Host names in lab order. */
	readonly hosts: readonly string[];
	/** A fresh library instance for `host` (the host's own user space). */
	hbaApi(host: string): HbaApi & HbaApiVportViews;
	/** Runs the simulated SAN until nothing is pending; returns the simulated time now (ms). */
	run(): number;
	/**
	 * Saves what changed, when something did: the live SAN (a virtual port made here stays, as on
	 * a running host), random WWNs handed out (never handed out again), the simulated clock and
	 * the events. As on Solaris, a port made with Sun_HBA_CreateNPIVPort directly (not through
	 * fcadm) is not in the npiv_config list, so a boot (`npiv scenario reset`) does not re-create
	 * it. Rejects with a StoreError of code 'newer', writing nothing, when another process saved
	 * the store since openSan() read it.
	 */
	save(): Promise<void>;
}

export async function openSan(options: OpenSanOptions = {}): Promise<San> {
	const file = options.state ?? process.env['NPIV_STATE'] ?? './state/store.json';
	const store = await openStore(file);
	const lab = Lab.open(store.document, store.liveSetAside ? {liveSetAside: store.liveSetAside} : {});
	if (lab.boot?.note) process.stderr.write(`${lab.boot.note}\n`);
	const world = lab.world;
	const hosts = world.hostNames;
	return {
		hosts,
		hbaApi(host: string) {
			if (!world.hostConfig(host)) throw new Error(`no host '${host}' in ${file} (hosts: ${hosts.join(', ')})`);
			return world.hbaLibrary(host);
		},
		run() {
			world.runUntilIdle();
			return world.sim.now;
		},
		async save() {
			world.runUntilIdle();
			const next = lab.nextDocument();
			if (!next) return;
			const base = lab.base.revision;
			const saved = await store.update(current => {
				// The SAN here went on from revision `base`: saving over a newer store would undo
				// whatever the other process did (an alias, a virtual port...).
				if (current.revision !== base) {
					throw new StoreError('newer', file, `store ${file}: another process saved it (revision ${current.revision}) since this SAN was opened at revision ${base}; nothing was saved. Open it again with openSan() and redo the change.`);
				}
				return next;
			});
			lab.rebase(saved);
		},
	};
}

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
import {openStore, type StoreDocument} from './source/store/index.js';
import {World} from './source/world/World.js';
import {createHbaApi} from './source/hbaapi/HbaLibrary.js';
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
	 * Saves what changed: random WWNs handed out (never handed out again) and the simulated clock.
	 * As on Solaris, a port made with Sun_HBA_CreateNPIVPort directly (not through fcadm) is not
	 * in the npiv_config list, so it is not re-created at the next boot.
	 */
	save(): Promise<void>;
}

export async function openSan(options: OpenSanOptions = {}): Promise<San> {
	const file = options.state ?? process.env['NPIV_STATE'] ?? './state/store.json';
	const store = await openStore(file);
	const doc: StoreDocument = store.document;
	const world = new World(doc);
	world.boot({record: doc.clock === 0 && doc.events.length === 0});
	const apis: {host: string; api: HbaApi}[] = [];
	return {
		hosts: world.hosts.map(h => h.config.name),
		hbaApi(host: string) {
			const h = world.host(host);
			if (!h) throw new Error(`no host '${host}' in ${file} (hosts: ${world.hosts.map(x => x.config.name).join(', ')})`);
			const api = createHbaApi(h.stack, {sim: world.sim, wwnRegistry: world.wwns, prng: world.prng});
			apis.push({host, api});
			return api;
		},
		run() {
			world.runUntilIdle();
			return world.sim.now;
		},
		async save() {
			world.runUntilIdle();
			await store.update(current => world.toDocument(current));
		},
	};
}

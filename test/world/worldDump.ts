/**
 * A world dumped field by field (graphDump) with every part touched, leaving out what is cache,
 * hint or a counter of work done, and comparing lookup-only Maps in key order: two worlds with
 * the same dump hold the same SAN state.
 */
import type {World} from '../../source/world/World.js';
import {SessionTable} from '../../source/storage/SessionTable.js';
import {graphDump, trimmed} from './graphDump.js';

/** Fields that are caches, hints or counters of work done: restored worlds rebuild them on use. */
const SKIP: Record<string, readonly string[]> = {
	World: ['base', 'saved', 'pendingCore', 'pendingXen', 'coreLinks', 'adminChanges', 'booted', 'partTexts'],
	Simulator: ['nextSeq', 'executed'],
	EventLog: ['listeners', 'muted'],
	// Its construction-time lab and retired list differ between one process and many; what it
	// knows is compared through the saved documents' retired lists.
	WwnLedger: ['labText', 'lab', 'retired', 'retiredSet', 'drawn', 'drawnSet'],
	FabricSet: ['adminRevision', 'listeners', 'switchConfigs'],
	Fabric: ['sorted', 'principalCache', 'walkStamp', 'adminRevision', 'movedSinceRestore'],
	FabricLogin: ['walkStamp', 'rscnFlush', 'changedSinceRestore', 'restoredIndex'],
	RscnService: ['last', 'registrationsChanged'],
	SwitchPort: ['freeHint', 'wwnCache'],
	FcaPort: ['newestFirst', 'lowestMaybeFree', 'resolveLink'],
	FpPort: ['remoteList'],
	HostFcStack: ['pendingLive'],
	FcpResponder: ['recent'],
	LogicalUnit: ['readCapacity'],
	LunMasking: ['lastInitiator', 'lastGroups', 'byInitiatorIndex', 'lookups'],
	HostGroup: ['portList', 'lunView'],
	StorageArray: ['changes', 'origins', 'built'],
	Xend: ['listeners'],
	XenWorld: ['bootIssues', 'migrations', 'domainConfigs'],
	XenStore: ['awaited'],
};

/** Maps used only for lookups (no one lists them): their insertion order is not state. */
const UNORDERED: Record<string, readonly string[]> = {
	HostFcStack: ['local'],
	XenStore: ['watches'],
	FabricSet: ['attachments'],
	Object: ['endpoints'],
	ZoningDatabase: ['names'],
};

export function dumpWorld(world: World): string[] {
	// Touch every part, so that a restored world has put all of its saved state back.
	void world.hosts;
	void world.fabrics;
	void world.xen;
	for (const a of world.arrays) for (const p of a.ports) void p.responder.sessionCount;
	return graphDump(world, {
		skip: (cls, field) => SKIP[cls]?.includes(field) ?? false,
		unordered: (cls, field) => UNORDERED[cls]?.includes(field) ?? false,
		transform: value => {
			// A session table is its sessions in login order, however much of it a restore put back.
			if (value instanceof SessionTable) return {sessions: [...value.values()].map(s => ({...s}))};
			// An HBA-API handle's view of a virtual port ring is its first `count` members; the
			// array behind it may be a newer one that grew since.
			const v = value as {created?: unknown; count?: unknown};
			if (Array.isArray(v.created) && typeof v.count === 'number' && Object.keys(value).length === 2) return {ring: v.created.slice(0, v.count)};
			// A host's configuration as loaded: its port list lives on in WorldHost.npivPorts.
			const h = value as {hbas?: unknown; npivPorts?: unknown; kind?: unknown};
			if (h.hbas && h.npivPorts && h.kind) {
				const {npivPorts: _stale, ...rest} = value as Record<string, unknown>;
				return rest;
			}
			// A cable's configuration as loaded: whether it is plugged lives on in Cable.connected.
			const c = value as {a?: unknown; b?: unknown; connected?: unknown};
			if (c.a && c.b && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).every(k => k === 'a' || k === 'b' || k === 'connected')) {
				const {connected: _stale, ...rest} = value as Record<string, unknown>;
				return rest;
			}
			return undefined;
		},
		opaque: value => {
			// Small value objects (INQUIRY data, FC-4 feature maps, type lists) compare by value:
			// one process shares them between owners, a restore makes one per owner.
			if (Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value)) return undefined;
			const values = Array.isArray(value) ? trimmed(value) : Object.values(value);
			if (!values.every(v => v === null || typeof v !== 'object')) return undefined;
			return JSON.stringify(Array.isArray(value) ? values : value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
		},
	});
}


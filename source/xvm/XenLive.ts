/**
 * The state the Xen side reached, as the store keeps it between processes: per Xen host, xend's
 * domains (identity, domid, power state, CPU accounting, the LUN names a guest has seen), its
 * next domid and generated MACs, xenstore (every node with its generation, and which watches are
 * registered), the backends' and guests' handshake bookkeeping, xfc's ports and xennpivd's
 * bindings with their HBA-API handles and callbacks.
 *
 * Saved only when the simulator is idle, so no domain is building, migrating or shutting down:
 * what is left is data. Watches and callbacks are closures; their owners register them again on
 * restore, under the saved tokens and handles, without the first watch event a new registration
 * would fire.
 */
import type {HbaLibraryLive} from '../hbaapi/HbaLibrary.js';
import type {DomainSpec} from './DomainSpec.js';
import type {PowerState} from './DomainState.js';
import type {NpivPortState} from './NpivDaemon.js';
import type {NpivSpec} from './NpivSpec.js';
import type {ShutdownReason} from './XenDomain.js';

export interface XenWorldLive {
	readonly hosts: readonly XenHostLive[];
}

export interface XenHostLive {
	readonly name: string;
	readonly bootTime: number;
	readonly dom0: XenDomainLive;
	readonly xend: XendLive;
	readonly store: XenStoreLive;
	readonly backends: readonly BackendDeviceLive[];
	readonly guests: readonly GuestLive[];
	readonly xfc: readonly XfcPortLive[];
	readonly daemon: NpivDaemonLive;
	/** xennpivd's HBA-API library: its open handles and next callback handle. */
	readonly library: HbaLibraryLive;
}

export interface XenDomainLive {
	readonly spec: DomainSpec;
	readonly uuid: string;
	readonly managed: boolean;
	readonly power: PowerState;
	readonly domid?: number;
	readonly shutdownRequested?: ShutdownReason;
	readonly onlineVcpus: number;
	readonly startTime?: number;
	readonly lunNames?: readonly (readonly [string, string])[];
	readonly restartCount?: number;
	readonly cpuSeconds: number;
	readonly runningSince?: number;
	readonly bootedAt?: number;
}

export interface XendLive {
	readonly domains: readonly XenDomainLive[];
	readonly nextDomid: number;
	readonly macs: readonly (readonly [string, readonly string[]])[];
}

/** A node: [name, value, generation, children]. The root is unnamed. */
export type XenStoreNodeLive = readonly [string, string, number, readonly XenStoreNodeLive[]];

export interface XenStoreLive {
	readonly root: XenStoreNodeLive;
	readonly gen: number;
	readonly watchSeq: number;
	/** Registered watches: [path, token, seq], in seq order. */
	readonly watches: readonly (readonly [string, string, number])[];
}

export interface BackendDeviceLive {
	readonly path: string;
	readonly hotplugged: boolean;
	/** Token of the watch on the frontend's state, when there is one. */
	readonly frontendWatch?: string;
}

export interface GuestLive {
	readonly domid: number;
	readonly shutdownPending: boolean;
	readonly nextChannel: number;
}

export interface XfcPortLive {
	readonly key: string;
	readonly state: 'attaching' | 'attached' | 'failed' | 'detaching' | 'closed';
	readonly spec: NpivSpec;
	readonly detachRequested: boolean;
}

export interface NpivDaemonLive {
	readonly loaded: boolean;
	readonly bindings: readonly NpivBindingLive[];
}

export interface NpivBindingLive {
	readonly domid: number;
	readonly devid: number;
	readonly domain: string;
	readonly spec: NpivSpec;
	readonly handle: number;
	readonly portIndex: number;
	readonly vindex: number;
	readonly state: NpivPortState;
	/** [registration kind, callback handle], in registration order. */
	readonly callbacks: readonly (readonly [CallbackKind, number])[];
	readonly visible: readonly NpivLunLive[];
	/** [LUN key, frontend name, the LUN as attached]. */
	readonly attached: readonly (readonly [string, string, NpivLunLive])[];
	readonly offlineTargets: readonly string[];
	readonly types: readonly (readonly [string, string])[];
}

export type CallbackKind = 'port' | 'target' | 'device';

/** An NpivLun with its FCP LUN as hex text. */
export interface NpivLunLive {
	readonly key: string;
	readonly vpwwn: string;
	readonly targetWwn: string;
	readonly fcpLun: string;
	readonly lun: number;
	readonly osDevice: string;
	readonly luid: string;
	readonly deviceType: string;
}

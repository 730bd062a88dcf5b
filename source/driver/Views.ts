/**
 * Read models of the host FC stack: what the console and the HBA-API read. The driver's own
 * objects implement them (no copies), so a pane listing 100,000 virtual ports reads live state.
 */
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {Topology} from '../fabric/NPort.js';

/**
 * - `offline`: no link, or logged out by the fabric
 * - `login`: FLOGI/FDISC sent, not yet registered with the name server
 * - `online`: logged in and registered (discovery may still be running)
 * - `failed`: the FLOGI/FDISC was rejected (see lastLoginError)
 * - `deleting`: a virtual port being torn down
 */
export type FpState = 'offline' | 'login' | 'online' | 'failed' | 'deleting';

export type DeviceState = 'online' | 'offline';

export interface LunPathView {
	readonly lun: number;
	/** The 64-bit FCP LUN (SAM format: LUN < 256 in byte 1). */
	readonly fcpLun: bigint;
	readonly targetWwpn: Wwn;
	readonly peripheralQualifier: number;
	readonly deviceType: number;
	readonly vendor: string;
	readonly product: string;
	readonly revision: string;
	readonly serial: string;
	readonly luid: string;
	/** READ CAPACITY: blocks and block size (disks); undefined for other types. */
	readonly blocks: bigint | undefined;
	readonly blockSize: number | undefined;
	/** blocks x blockSize, when READ CAPACITY answered. */
	readonly sizeBytes: bigint | undefined;
	readonly osDeviceName: string;
	readonly state: DeviceState;
}

export interface RemotePortView {
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	readonly fcid: FcId;
	readonly state: DeviceState;
	/** Active FC-4 types from the name server (8 = FCP, 5 = IP). */
	readonly fc4Types: readonly number[];
	readonly symbolicPortName: string;
	readonly symbolicNodeName: string;
	/** PRLI roles. */
	readonly target: boolean;
	readonly initiator: boolean;
	/** Sorted by LUN. */
	readonly luns: readonly LunPathView[];
}

export interface FcPortView {
	readonly host: string;
	/** `fp3` */
	readonly name: string;
	readonly instance: number;
	/** /devices path of the fp node, e.g. `/pci@0,0/pci8086,3595@2/pci1077,138@0/fp@1,0`. */
	readonly devfsPath: string;
	/** `/dev/cfg/c4` */
	readonly osDeviceName: string;
	readonly controller: number;
	readonly virtual: boolean;
	/** The kernel vport index (fp@<idx>,0); 0 for a physical port. */
	readonly vportIndex: number;
	readonly physicalWwpn: Wwn;
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	readonly fcid: FcId | undefined;
	readonly state: FpState;
	readonly topology: Topology | undefined;
	/** Negotiated speed in Gb/s; 0 when not established. */
	readonly speedGbps: number;
	readonly fabricName: Wwn | undefined;
	readonly symbolicNodeName: string;
	readonly symbolicPortName: string;
	/** Why the last FLOGI/FDISC failed, or why the port went offline. */
	readonly lastLoginError: string | undefined;
	/** Bumped on each remote-port (target) change and, on a physical port, each vport change. */
	readonly lastChange: number;
	readonly rscnCount: number;
	/** Discovery order. */
	readonly remotePorts: readonly RemotePortView[];
	/** Every LUN path of every remote port, in remote-port order then LUN order. */
	lunPaths(): LunPathView[];
}

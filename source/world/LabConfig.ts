/**
 * What an administrator configured: the plain-data shape of the lab that the store persists and
 * the world builds from. Nothing the SAN derives (logins, FCIDs, discovered ports, LUN paths,
 * domids of running domains) is here; booting derives it again, deterministically.
 *
 * This file is the contract between store/ (which validates it with zod, see
 * store/schema.ts) and world/ (which builds fabrics, arrays, hosts and domains from it).
 * WWNs are written as 16 hex digits or in colon form; the builders parse them.
 */

export type {
	DuplicateWwpnPolicy,
	SwitchPortConfig,
	SwitchConfig,
	IslConfig,
	ZoningConfig,
	FabricConfig,
	LoopConfig,
} from '../fabric/FabricConfig.js';
import type {FabricConfig, IslConfig, LoopConfig, SwitchConfig} from '../fabric/FabricConfig.js';

export type FcaModelName = 'QLE2462' | 'QLE2562' | 'LPe11002' | 'QLA2342' | 'LP10000';

export interface HbaConfig {
	/** FCA model; driver/ knows what each model reports. */
	readonly model: FcaModelName;
	readonly serial: string;
	/** Physical ports in order (port 0, 1, ...). */
	readonly ports: readonly {readonly wwpn: string; readonly wwnn: string}[];
}

export interface HostConfig {
	readonly name: string;
	/** `xen`: a Solaris xVM dom0 that runs domains; `solaris`: a plain host. */
	readonly kind: 'xen' | 'solaris';
	readonly cpus: number;
	readonly memoryMiB: number;
	readonly hbas: readonly HbaConfig[];
	/**
	 * The npiv_config SMF property `port_list`: one value per virtual port, exactly as fcadm writes
	 * it: `<physical WWN as typed>:<VPORT WWN UPPER>:<VNODE WWN UPPER>:<index>`.
	 */
	readonly npivPorts: readonly string[];
}

/** Arrays, LUNs and host groups: the storage layer's configuration shapes. */
export type {
	LunDeviceType,
	StorageLunConfig as LunConfig,
	StorageHostGroupConfig as HostGroupConfig,
	StorageArrayConfig as ArrayConfig,
} from '../storage/StorageConfig.js';
import type {StorageArrayConfig as ArrayConfig} from '../storage/StorageConfig.js';

/** One end of a cable. */
export type CableEnd =
	| {readonly switch: string; readonly port: number}
	| {readonly host: string; readonly wwpn: string}
	| {readonly array: string; readonly port: string}
	| {readonly loop: string};

export interface CableConfig {
	readonly a: CableEnd;
	readonly b: CableEnd;
	/** False when the cable is pulled (fault injection keeps the cable, unplugged). */
	readonly connected?: boolean;
}

/** A domain as the store keeps it: the xVM layer's configuration shape. */
export type {DomainConfig} from '../xvm/DomainSpec.js';
import type {DomainConfig} from '../xvm/DomainSpec.js';

/**
 * What `npiv fault` did that the configuration cannot tell apart from the lab's design: NPIV off
 * is the same `npiv: false` whether the lab was built that way (a legacy fabric) or a fault turned
 * it off. Cables, port disables and target ports carry their own state.
 */
export interface InjectedFaults {
	/** `fault npiv off` targets not yet turned back on: `SWITCH` or `SWITCH/PORT`. */
	readonly npivOff: readonly string[];
}

export interface LabConfig {
	readonly name: string;
	readonly description?: string;
	readonly fabrics: readonly FabricConfig[];
	readonly switches: readonly SwitchConfig[];
	readonly isls: readonly IslConfig[];
	readonly loops: readonly LoopConfig[];
	readonly hosts: readonly HostConfig[];
	readonly arrays: readonly ArrayConfig[];
	readonly cables: readonly CableConfig[];
	readonly domains: readonly DomainConfig[];
	/** Absent when no fault of this kind was injected. */
	readonly faults?: InjectedFaults;
}

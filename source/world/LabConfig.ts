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

export type LunDeviceType = 'disk' | 'tape' | 'medium-changer' | 'cdrom' | 'enclosure' | 'raid-controller';

export interface LunConfig {
	/** Array-internal LU number. */
	readonly id: number;
	readonly name?: string;
	readonly sizeMiB: number;
	readonly type: LunDeviceType;
	readonly vendor: string;
	readonly product: string;
	readonly revision: string;
	readonly serial?: string;
}

export interface HostGroupConfig {
	readonly name: string;
	/** Initiator WWPNs (physical or virtual). */
	readonly initiators: readonly string[];
	/** Array LU id -> LUN number the host sees. */
	readonly luns: readonly {readonly lun: number; readonly hostLun: number}[];
	/** Target ports (by name) the group applies to; absent = all ports of the array. */
	readonly ports?: readonly string[];
}

export interface ArrayConfig {
	readonly name: string;
	readonly vendor: string;
	readonly model: string;
	readonly ports: readonly {readonly name: string; readonly wwpn: string; readonly wwnn: string; readonly online?: boolean}[];
	readonly luns: readonly LunConfig[];
	readonly hostGroups: readonly HostGroupConfig[];
}

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

export interface DomainConfig {
	readonly name: string;
	/** The dom0 the domain is defined on / runs on. */
	readonly host: string;
	readonly memoryMiB: number;
	readonly vcpus: number;
	readonly disk?: readonly string[];
	readonly vif?: readonly string[];
	/** Sun xVM key: `vpwwn:vnwwn:autoattach:ppwwn`. */
	readonly npiv?: readonly string[];
	readonly onPoweroff?: string;
	readonly onReboot?: string;
	readonly onCrash?: string;
	/** Administrative power state the lab restores at boot. */
	readonly state: 'running' | 'paused' | 'halted' | 'suspended';
	/** Managed (xm new) domains stay defined when halted; unmanaged ones vanish on shutdown. */
	readonly managed: boolean;
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
}

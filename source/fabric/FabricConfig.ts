/**
 * The administrative configuration of fabrics, switches, ISLs, zoning and loops: the fabric's part
 * of the lab configuration (world/LabConfig.ts re-exports these). It lives here, in the fabric
 * layer, because the fabric builds from it and exports back to it.
 */

export type DuplicateWwpnPolicy = 'first-wins' | 'newest-wins';

export interface SwitchPortConfig {
	readonly index: number;
	/** Speed in Gb/s the port is fixed at; absent = auto-negotiate (up to the switch's max). */
	readonly speedGbps?: number;
	/** Administratively disabled (portdisable / portcfgpersistentdisable). */
	readonly disabled?: boolean;
	/** portcfgnpivport on/off; absent = on. */
	readonly npiv?: boolean;
	/** NPIV login limit of this port (default 126, at most 255). */
	readonly npivLimit?: number;
	readonly name?: string;
}

export interface SwitchConfig {
	readonly name: string;
	/** Which fabric this switch belongs to (switches of one fabric are joined by ISLs). */
	readonly fabric: string;
	readonly domainId: number;
	readonly wwn: string;
	/** Brocade switchType, e.g. "66.1" (5100). */
	readonly model?: string;
	readonly portCount: number;
	readonly maxSpeedGbps: number;
	/** NPIV on the whole switch (Cisco `feature npiv`); per-port settings override when on. */
	readonly npiv: boolean;
	/** Logins (FLOGI + FDISC) the whole switch accepts. */
	readonly loginLimit?: number;
	readonly duplicateWwpnPolicy?: DuplicateWwpnPolicy;
	/** Only the ports that differ from the defaults. */
	readonly ports?: readonly SwitchPortConfig[];
}

export interface IslConfig {
	readonly a: {readonly switch: string; readonly port: number};
	readonly b: {readonly switch: string; readonly port: number};
}

export interface ZoningConfig {
	readonly aliases: readonly {readonly name: string; readonly members: readonly string[]}[];
	/** Members: a WWPN, `domain,port`, or an alias name. */
	readonly zones: readonly {readonly name: string; readonly members: readonly string[]}[];
	readonly configs: readonly {readonly name: string; readonly zones: readonly string[]}[];
	/** The enabled configuration's name, or null when zoning is disabled (the default zone rules). */
	readonly effective: string | null;
	readonly defaultZone: 'all-access' | 'no-access';
	/** Edits made since the last cfgsave/cfgenable (Brocade's open transaction). */
	readonly transactionOpen?: boolean;
	/**
	 * The zones in force, when they differ from the defined zones of the effective configuration
	 * (edits made after cfgenable take effect only at the next cfgenable).
	 */
	readonly effectiveZones?: readonly {readonly name: string; readonly members: readonly string[]}[];
}

export interface FabricConfig {
	readonly name: string;
	readonly zoning: ZoningConfig;
}

export interface LoopConfig {
	readonly name: string;
}


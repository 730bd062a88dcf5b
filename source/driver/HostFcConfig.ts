/**
 * The part of a host's configuration the FC stack is built from. These types mirror
 * `world/LabConfig.ts` (HostConfig, HbaConfig, FcaModelName) field for field: driver/ sits below
 * world/ and may not import it, and structural typing lets world pass its HostConfig straight in
 * (test/driver checks that it stays assignable).
 */
export type FcaModelName = 'QLE2462' | 'QLE2562' | 'LPe11002' | 'QLA2342' | 'LP10000';

export interface HbaFcConfig {
	readonly model: FcaModelName;
	readonly serial: string;
	/** Physical ports in order (port 0, 1, ...). WWNs as 16 hex digits or in colon form. */
	readonly ports: readonly {readonly wwpn: string; readonly wwnn: string}[];
}

export interface HostFcConfig {
	readonly name: string;
	readonly kind: 'xen' | 'solaris';
	readonly hbas: readonly HbaFcConfig[];
}

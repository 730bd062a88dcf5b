/**
 * The plain-data shape of an array as the lab configuration holds it. These types mirror
 * `world/LabConfig.ts` (ArrayConfig, LunConfig, HostGroupConfig) field for field: storage/ sits
 * below world/ and may not import it, and TypeScript's structural typing lets world pass its
 * ArrayConfig straight in and take our export straight back (test/storage checks both ways).
 */
export type LunDeviceType = 'disk' | 'tape' | 'medium-changer' | 'cdrom' | 'enclosure' | 'raid-controller';

export const LUN_DEVICE_TYPES: readonly LunDeviceType[] = [
	'disk',
	'tape',
	'medium-changer',
	'cdrom',
	'enclosure',
	'raid-controller',
];

export interface StorageLunConfig {
	readonly id: number;
	readonly name?: string;
	readonly sizeMiB: number;
	readonly type: LunDeviceType;
	readonly vendor: string;
	readonly product: string;
	readonly revision: string;
	readonly serial?: string;
}

export interface StorageHostGroupConfig {
	readonly name: string;
	readonly initiators: readonly string[];
	readonly luns: readonly {readonly lun: number; readonly hostLun: number}[];
	readonly ports?: readonly string[];
}

export interface StoragePortConfig {
	readonly name: string;
	readonly wwpn: string;
	readonly wwnn: string;
	readonly online?: boolean;
}

export interface StorageArrayConfig {
	readonly name: string;
	readonly vendor: string;
	readonly model: string;
	readonly ports: readonly StoragePortConfig[];
	readonly luns: readonly StorageLunConfig[];
	readonly hostGroups: readonly StorageHostGroupConfig[];
}

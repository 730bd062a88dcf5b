import {DeviceType, type InquiryData} from '../fabric/Fcp.js';
import type {Wwn} from '../sim/Wwn.js';
import {StorageError} from './StorageError.js';
import type {LunDeviceType, StorageLunConfig} from './StorageConfig.js';

/** Array-internal LU numbers (LDEV-style) the emulation accepts. */
export const MAX_LUN_ID = 65535;
/** Host LUN numbers: the 14-bit flat space of SAM (peripheral addressing below 256). */
export const MAX_HOST_LUN = 16383;

const PERIPHERAL_TYPE: Readonly<Record<LunDeviceType, number>> = {
	'disk': DeviceType.disk,
	'tape': DeviceType.tape,
	'medium-changer': DeviceType.mediumChanger,
	'cdrom': DeviceType.cdrom,
	'enclosure': DeviceType.enclosure,
	'raid-controller': DeviceType.raidController,
};

/** RMB as tape drives, optical drives and library changers report it. */
const REMOVABLE: ReadonlySet<LunDeviceType> = new Set(['tape', 'cdrom', 'medium-changer']);

/** Only direct-access and CD/DVD devices answer READ CAPACITY; the others reject the opcode. */
const BLOCK_SIZE: Partial<Readonly<Record<LunDeviceType, number>>> = {disk: 512, cdrom: 2048};

export function checkHostLun(hostLun: number, where?: string): void {
	if (!Number.isInteger(hostLun) || hostLun < 0 || hostLun > MAX_HOST_LUN) {
		throw new StorageError(`${where ? `${where}: ` : ''}bad host LUN ${hostLun} (0-${MAX_HOST_LUN})`);
	}
}

export interface LogicalUnitSpec {
	readonly id: number;
	readonly name?: string;
	readonly sizeMiB: number;
	readonly type: LunDeviceType;
	readonly vendor: string;
	readonly product: string;
	readonly revision: string;
	/** As configured; absent = derived from the array identity and the LU id. */
	readonly serial?: string;
}

/**
 * One logical unit of an array. Immutable: the array replaces it rather than editing it, so a
 * reply handed to an initiator never changes under it.
 */
export class LogicalUnit {
	readonly id: number;
	readonly name: string | undefined;
	readonly sizeMiB: number;
	readonly type: LunDeviceType;
	readonly vendor: string;
	readonly product: string;
	readonly revision: string;
	/** VPD page 80 unit serial number. */
	readonly serial: string;
	/** VPD page 83 NAA identifier, 32 hex digits. */
	readonly luid: string;
	readonly inquiry: InquiryData;
	private readonly configuredSerial: string | undefined;
	/** capacity(), worked out once (size and type never change): null until then. */
	private readCapacity: {readonly blocks: bigint; readonly blockSize: number} | undefined | null = null;

	constructor(spec: LogicalUnitSpec, identity: ArrayIdentity) {
		this.id = spec.id;
		this.name = spec.name;
		this.sizeMiB = spec.sizeMiB;
		this.type = spec.type;
		this.vendor = spec.vendor;
		this.product = spec.product;
		this.revision = spec.revision;
		this.configuredSerial = spec.serial;
		this.serial = spec.serial ?? `${identity.vendorSpecific.toUpperCase()}${spec.id.toString(16).toUpperCase().padStart(4, '0')}`;
		this.luid = `6${identity.oui}${identity.vendorSpecific}${spec.id.toString(16).padStart(16, '0')}`;
		this.inquiry = {
			peripheralQualifier: 0,
			deviceType: PERIPHERAL_TYPE[spec.type],
			removable: REMOVABLE.has(spec.type),
			vendor: asciiField(spec.vendor, 8),
			product: asciiField(spec.product, 16),
			revision: asciiField(spec.revision, 4),
			serial: this.serial,
			luid: this.luid,
		};
	}

	/** READ CAPACITY: the number of blocks (not the last LBA) and the block size, or undefined if unsupported. */
	capacity(): {readonly blocks: bigint; readonly blockSize: number} | undefined {
		if (this.readCapacity !== null) return this.readCapacity;
		const blockSize = BLOCK_SIZE[this.type];
		this.readCapacity = blockSize === undefined ? undefined : {blocks: (BigInt(this.sizeMiB) * 1048576n) / BigInt(blockSize), blockSize};
		return this.readCapacity;
	}

	toConfig(): StorageLunConfig {
		return {
			id: this.id,
			...(this.name !== undefined ? {name: this.name} : {}),
			sizeMiB: this.sizeMiB,
			type: this.type,
			vendor: this.vendor,
			product: this.product,
			revision: this.revision,
			...(this.configuredSerial !== undefined ? {serial: this.configuredSerial} : {}),
		};
	}
}

/**
 * The company ID and vendor-specific bits every LU identifier of one array shares, taken from
 * the array's node WWN, so that LUIDs are stable across boots and unique across arrays.
 */
export interface ArrayIdentity {
	/** Six hex digits (IEEE company ID). */
	readonly oui: string;
	/** Nine hex digits. */
	readonly vendorSpecific: string;
}

export function arrayIdentity(nodeWwn: Wwn | undefined, arrayName: string): ArrayIdentity {
	if (nodeWwn === undefined) {
		// An array without ports has no WWN to borrow; a name hash keeps its LUIDs distinct.
		return {oui: '000000', vendorSpecific: fnv1a(arrayName).toString(16).padStart(9, '0').slice(-9)};
	}
	const naa = nodeWwn[0];
	if (naa === '1' || naa === '2') {
		// IEEE (extended): 1000:OUI:xxxxxx / 2xxx:OUI:xxxxxx
		return {oui: nodeWwn.slice(4, 10), vendorSpecific: `000${nodeWwn.slice(10, 16)}`};
	}
	// NAA 5/6 (registered): 5:OUI:36 bits. Other forms are read the same way.
	return {oui: nodeWwn.slice(1, 7), vendorSpecific: nodeWwn.slice(7, 16)};
}

/** INQUIRY text fields: printable ASCII, truncated or space-padded to the field width. */
export function asciiField(text: string, width: number): string {
	const printable = text.replace(/[^\x20-\x7e]/g, ' ');
	return printable.slice(0, width).padEnd(width, ' ');
}

function fnv1a(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/**
 * An fp instance's remote-port table entry (fctl's fc_remote_port_t) and the LUN paths fcp
 * created under it. Each fp instance, physical or virtual, has its own table.
 */
import type {InquiryData} from '../fabric/Fcp.js';
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {DeviceState, LunPathView, RemotePortView} from './Views.js';

export class LunPath implements LunPathView {
	state: DeviceState = 'online';

	constructor(
		readonly lun: number,
		readonly targetWwpn: Wwn,
		/** The INQUIRY answer as received: the target's own (unchanging) data, shared, not copied field by field. */
		private readonly inquiry: InquiryData,
		/** READ CAPACITY, when it answered (disks). */
		private readonly capacity: {readonly blocks: bigint; readonly blockSize: number} | undefined,
		readonly osDeviceName: string,
	) {}

	/** The INQUIRY answer as received (the store keeps it). */
	get inquiryData(): InquiryData {
		return this.inquiry;
	}

	get capacityData(): {readonly blocks: bigint; readonly blockSize: number} | undefined {
		return this.capacity;
	}

	get peripheralQualifier(): number {
		return this.inquiry.peripheralQualifier;
	}

	get deviceType(): number {
		return this.inquiry.deviceType;
	}

	get vendor(): string {
		return this.inquiry.vendor;
	}

	get product(): string {
		return this.inquiry.product;
	}

	get revision(): string {
		return this.inquiry.revision;
	}

	get serial(): string {
		return this.inquiry.serial;
	}

	get luid(): string {
		return this.inquiry.luid;
	}

	get blocks(): bigint | undefined {
		return this.capacity?.blocks;
	}

	get blockSize(): number | undefined {
		return this.capacity?.blockSize;
	}

	get fcpLun(): bigint {
		return encodeFcpLun(this.lun);
	}

	get sizeBytes(): bigint | undefined {
		return this.blocks === undefined || this.blockSize === undefined ? undefined : this.blocks * BigInt(this.blockSize);
	}
}

export class RemotePort implements RemotePortView {
	state: DeviceState = 'online';
	fc4Types: readonly number[] = [];
	symbolicPortName = '';
	symbolicNodeName = '';
	target = false;
	initiator = false;
	/** PLOGI and PRLI done in the current login session. */
	loggedIn = false;
	luns: LunPath[] = [];

	constructor(
		readonly wwpn: Wwn,
		public wwnn: Wwn,
		public fcid: FcId,
	) {}

	lunPath(lun: number): LunPath | undefined {
		return this.luns.find(l => l.lun === lun);
	}

	/** Kept in LUN order (LUNs are probed in REPORT LUNS order, usually ascending already). */
	addLun(path: LunPath): void {
		const luns = this.luns;
		let i = luns.length;
		while (i > 0 && luns[i - 1]!.lun > path.lun) i--;
		luns.splice(i, 0, path);
	}

	removeLun(path: LunPath): void {
		this.luns = this.luns.filter(l => l !== path);
	}
}

/** SAM LUN: peripheral addressing (byte 1) below 256, flat space (0x40 | high byte) above. */
export function encodeFcpLun(lun: number): bigint {
	if (lun < 256) return BigInt(lun) << 48n;
	return BigInt(((0x40 | ((lun >> 8) & 0x3f)) << 8) | (lun & 0xff)) << 48n;
}

/** The LUN number of a 64-bit FCP LUN, as fcinfo computes it: ((b0 & 0x3F) << 8) | b1. */
export function decodeFcpLun(fcpLun: bigint): number {
	const b0 = Number((fcpLun >> 56n) & 0xffn);
	const b1 = Number((fcpLun >> 48n) & 0xffn);
	return ((b0 & 0x3f) << 8) | b1;
}

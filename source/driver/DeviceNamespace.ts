/**
 * A host's device namespace: what /etc/path_to_inst and devfsadm keep. A devfs path gets its fp
 * instance number and its /dev/cfg/cN controller number the first time it attaches and keeps them
 * (a virtual port re-created with the same index, and so the same `fp@<idx>,0` path, gets the
 * same numbers back). Numbers are handed out in attach order, so a boot from the same
 * configuration names everything the same way.
 *
 * LUN device names (the OS Device Name fcinfo and the target mapping show), one form per type:
 * - disk, CD/DVD (sd):          /dev/rdsk/c<N>t<TARGET WWPN UPPER>d<LUN>s2
 * - tape (st):                  /dev/rmt/<n>n   (n host-wide, in discovery order; `n` = no rewind)
 * - medium changer (sgen):      /dev/scsi/changer/c<N>t<WWPN>d<LUN>
 * - array controller (sgen):    /dev/scsi/array_ctrl/c<N>t<WWPN>d<LUN>
 * - enclosure services (ses):   /dev/es/ses<n>
 * Other types get no device node (and no target-mapping entry).
 */
import {DeviceType} from '../fabric/Fcp.js';
import type {Wwn} from '../sim/Wwn.js';

/** c0 and c1 are the host's own disk controllers (boot disk c0t0d0); FC controllers follow. */
export const FIRST_FC_CONTROLLER = 2;
const PACK = 0x1000000;

export class DeviceNamespace {
	/** devfs path -> its fp instance and controller numbers, as instance * 2^24 + controller (kept for good). */
	private readonly attached = new Map<string, number>();
	private readonly tapes = new Map<string, number>();
	private readonly enclosures = new Map<string, number>();
	private nextInstance = 0;
	private nextController = FIRST_FC_CONTROLLER;

	/** The fp instance and controller number of a devfs path, allocated on first attach. */
	attachFp(path: string): {readonly instance: number; readonly controller: number} {
		let numbers = this.attached.get(path);
		if (numbers === undefined) {
			numbers = this.nextInstance++ * PACK + this.nextController++;
			this.attached.set(path, numbers);
		}
		return {instance: Math.floor(numbers / PACK), controller: numbers % PACK};
	}

	/** What path_to_inst and the device links hold, for the store (paths in attach order). */
	liveState(): {paths: string[]; tapes: string[]; enclosures: string[]} {
		const paths: string[] = [];
		let k = 0;
		for (const [path, numbers] of this.attached) {
			// Numbers are handed out together, one of each per path: the k-th path has both.
			if (numbers !== k * PACK + FIRST_FC_CONTROLLER + k) throw new Error(`device namespace: ${path} has unexpected numbers`);
			paths.push(path);
			k++;
		}
		return {paths, tapes: [...this.tapes.keys()], enclosures: [...this.enclosures.keys()]};
	}

	restoreLive(state: {readonly paths: readonly string[]; readonly tapes: readonly string[]; readonly enclosures: readonly string[]}): void {
		const physical = [...this.attached.keys()];
		physical.forEach((path, k) => {
			if (state.paths[k] !== path) throw new Error(`saved device namespace does not start with ${path}`);
		});
		this.attached.clear();
		state.paths.forEach((path, k) => this.attached.set(path, k * PACK + FIRST_FC_CONTROLLER + k));
		this.nextInstance = state.paths.length;
		this.nextController = FIRST_FC_CONTROLLER + state.paths.length;
		this.tapes.clear();
		state.tapes.forEach((key, n) => this.tapes.set(key, n));
		this.enclosures.clear();
		state.enclosures.forEach((key, n) => this.enclosures.set(key, n));
	}

	/**
	 * The device name of a LUN when it follows from the controller, target and LUN alone (disks,
	 * changers, array controllers); undefined for the numbered kinds (tapes, enclosures), whose
	 * names depend on discovery order. The store leaves out names it can work out again.
	 */
	derivedDevicePath(controller: number, target: Wwn, lun: number, deviceType: number): string | undefined {
		if (deviceType === DeviceType.tape || deviceType === DeviceType.enclosure) return undefined;
		return this.devicePath(controller, target, lun, deviceType);
	}

	/** The OS device name of a LUN seen through controller `controller`, or undefined (no node). */
	lunDevicePath(controller: number, target: Wwn, lun: number, deviceType: number): string | undefined {
		const path = this.devicePath(controller, target, lun, deviceType);
		return path === undefined ? undefined : flatString(path);
	}

	private devicePath(controller: number, target: Wwn, lun: number, deviceType: number): string | undefined {
		const ctd = `c${controller}t${target.toUpperCase()}d${lun}`;
		switch (deviceType) {
			case DeviceType.disk:
			case DeviceType.cdrom:
			case DeviceType.optical:
				return `/dev/rdsk/${ctd}s2`;
			case DeviceType.tape:
				return `/dev/rmt/${numbered(this.tapes, ctd)}n`;
			case DeviceType.mediumChanger:
				return `/dev/scsi/changer/${ctd}`;
			case DeviceType.raidController:
				return `/dev/scsi/array_ctrl/${ctd}`;
			case DeviceType.enclosure:
				return `/dev/es/ses${numbered(this.enclosures, ctd)}`;
			default:
				return undefined;
		}
	}
}

function numbered(map: Map<string, number>, key: string): number {
	let n = map.get(key);
	if (n === undefined) {
		n = map.size;
		map.set(key, n);
	}
	return n;
}

/**
 * The same text as one flat string. A name built by concatenation is a tree of pieces (about
 * three times the memory) until something reads its characters; names kept for every LUN path of
 * 100,000 virtual ports are read once here so that they are stored flat.
 */
export function flatString(text: string): string {
	text.charCodeAt(0);
	return text;
}

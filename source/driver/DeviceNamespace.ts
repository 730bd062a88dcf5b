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

export class DeviceNamespace {
	private readonly instances = new Map<string, number>();
	private readonly controllers = new Map<string, number>();
	private readonly tapes = new Map<string, number>();
	private readonly enclosures = new Map<string, number>();
	private nextInstance = 0;
	private nextController = FIRST_FC_CONTROLLER;

	/** The fp instance and controller number of a devfs path, allocated on first attach. */
	attachFp(path: string): {instance: number; controller: number} {
		let instance = this.instances.get(path);
		if (instance === undefined) {
			instance = this.nextInstance++;
			this.instances.set(path, instance);
		}
		let controller = this.controllers.get(path);
		if (controller === undefined) {
			controller = this.nextController++;
			this.controllers.set(path, controller);
		}
		return {instance, controller};
	}

	/** The OS device name of a LUN seen through controller `controller`, or undefined (no node). */
	lunDevicePath(controller: number, target: Wwn, lun: number, deviceType: number): string | undefined {
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

/**
 * One FC adapter card (an HbaConfig): its model, serial number and physical ports. The HBA-API
 * shows each card as one adapter; virtual ports are never adapters.
 */
import type {Wwn} from '../sim/Wwn.js';
import type {FcaModel} from './FcaModel.js';
import {FcaPort} from './FcaPort.js';
import type {FpHost} from './FpPort.js';

export interface FcaPortSpec {
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	/** The FCA driver instance of this port (qlc<N>). */
	readonly driverInstance: number;
}

export class Fca {
	readonly ports: readonly FcaPort[];
	/** The devfs node of the card's PCI slot; each port is a PCI function below it. */
	readonly slotPath: string;

	constructor(
		host: FpHost,
		/** Position on the host (HBA order of the configuration). */
		readonly index: number,
		readonly model: FcaModel,
		readonly serial: string,
		ports: readonly FcaPortSpec[],
	) {
		// A PCIe root port per card, then the card's functions: `pci1077,138@0`, `pci1077,138@0,1`.
		this.slotPath = `/pci@0,0/pci8086,3595@${(2 + index).toString(16)}`;
		const node = `pci${model.pciVendor.toString(16)},${model.pciDevice.toString(16)}`;
		this.ports = ports.map((p, i) => new FcaPort(host, this, i, p.wwpn, p.wwnn, p.driverInstance, `${this.slotPath}/${node}@0${i > 0 ? `,${i}` : ''}`));
	}

	/** The adapter's node WWN as HBA_ADAPTERATTRIBUTES reports it: port 0's. */
	get nodeWwn(): Wwn {
		return this.ports[0]!.wwnn;
	}

	/** PCI device and vendor ids, HBA_ADAPTERATTRIBUTES.VendorSpecificID. */
	get vendorSpecificId(): number {
		return ((this.model.pciDevice << 16) | this.model.pciVendor) >>> 0;
	}
}

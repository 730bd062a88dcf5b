/**
 * What each FCA (Fibre Channel Adapter) model reports to fp/fctl and, through it, to the HBA-API:
 * the strings fcinfo prints and the capabilities the NPIV code checks. Seed 2.4.2: the 4Gb and
 * later parts do NPIV, the 2Gb parts do not.
 *
 * Max NPIV ports is the FCA's `fca_num_npivports`, which fcinfo prints as `Max NPIV Ports:`. The
 * models carry qlc's 2010 generation, the one whose `Driver Version` we print (20100301-3.00; the
 * 2010 qlc in illumos/illumos-gate is 20100212-2.40 .. 20100408-3.01): its ql_attach() sets
 * fca_num_npivports to MAX_24_VIRTUAL_PORTS (127) for CFG_CTRL_2422 and MAX_25_VIRTUAL_PORTS (254)
 * for CFG_CTRL_2581 (illumos/illumos-gate usr/src/uts/common/io/fibre-channel/fca/qlc/ql_api.c
 * and usr/src/uts/common/sys/fibre-channel/fca/qlc/ql_api.h, "Copyright 2010 QLogic"). The later
 * qlc in illumos reports max_vports - 1 (same constants), one less: 126 and 253.
 * emlxs reports vpi_max = min(firmware vpi_max, MAX_VPORTS_LIMITED - 1) below the Saturn chip,
 * MAX_VPORTS_LIMITED being 101: 100 on the LPe11002 (Zephyr) (illumos/illumos-gate
 * usr/src/uts/common/io/fibre-channel/fca/emlxs/emlxs_sli3.c and emlxs_hw.h). No adapter may claim
 * 255: fctl_check_npiv_portindex() accepts vport indexes 1..254 only (FC_NPIV_MAX_PORT 255,
 * illumos/illumos-gate usr/src/uts/common/io/fibre-channel/impl/fctl.c).
 */
import type {FcaModelName} from './HostFcConfig.js';

export type FcaDriverName = 'qlc' | 'emlxs';

export interface FcaModel {
	readonly name: FcaModelName;
	readonly manufacturer: string;
	/** What HBA_ADAPTERATTRIBUTES.Model and fcinfo `Model:` show. */
	readonly model: string;
	readonly modelDescription: string;
	readonly hardwareVersion: string;
	readonly firmwareVersion: string;
	/**
	 * fcinfo `FCode/BIOS Version:` (OptionROMVersion), as the driver builds it. qlc appends each
	 * flash image as "%s BIOS: %s;" to an empty string, so its value starts with a space and
	 * fcinfo shows two after the colon (illumos/illumos-gate
	 * usr/src/uts/common/io/fibre-channel/fca/qlc/ql_hba_fru.c; the qlc capture in Oracle's
	 * "Managing SAN Devices and I/O Multipathing in Oracle Solaris 11.4", docs.oracle.com/cd/E37838_01/html/E61018/gqgjd.html,
	 * prints `FCode/BIOS Version:  BIOS: 3.19; fcode: 4.02; EFI: 5.36;`). emlxs prints
	 * "Boot:%s Fcode:%s" with no leading space (SPARC build; emlxs_solaris.c emlxs_fca_bind_port).
	 */
	readonly optionRomVersion: string;
	readonly driverName: FcaDriverName;
	readonly driverVersion: string;
	/** Speeds the port can negotiate, in Gb/s, ascending. */
	readonly supportedSpeedsGbps: readonly number[];
	readonly npiv: boolean;
	/** fca_num_npivports: 0 when the model has no NPIV. */
	readonly maxNpivPorts: number;
	/** PCI vendor and device ids: the devfs node name `pci<vendor>,<device>` and VendorSpecificID. */
	readonly pciVendor: number;
	readonly pciDevice: number;
}

export const FCA_MODELS: Readonly<Record<FcaModelName, FcaModel>> = {
	QLE2462: {
		name: 'QLE2462',
		manufacturer: 'QLogic Corp.',
		model: 'QLE2462',
		modelDescription: 'QLogic QLE2462 PCI-Express to 4Gb FC, Dual Channel',
		hardwareVersion: 'ISP2432',
		firmwareVersion: '05.03.02',
		optionRomVersion: ' BIOS: 2.02; fcode: 2.01; EFI: 2.00;',
		driverName: 'qlc',
		driverVersion: '20100301-3.00',
		supportedSpeedsGbps: [1, 2, 4],
		npiv: true,
		maxNpivPorts: 127,
		pciVendor: 0x1077,
		pciDevice: 0x138,
	},
	QLE2562: {
		name: 'QLE2562',
		manufacturer: 'QLogic Corp.',
		model: 'QLE2562',
		modelDescription: 'QLogic QLE2562 PCI-Express to 8Gb FC, Dual Channel',
		hardwareVersion: 'ISP2532',
		firmwareVersion: '05.03.02',
		optionRomVersion: ' BIOS: 2.16; fcode: 2.03; EFI: 2.05;',
		driverName: 'qlc',
		driverVersion: '20100301-3.00',
		supportedSpeedsGbps: [2, 4, 8],
		npiv: true,
		maxNpivPorts: 254,
		pciVendor: 0x1077,
		pciDevice: 0x15d,
	},
	LPe11002: {
		name: 'LPe11002',
		manufacturer: 'Emulex',
		model: 'LPe11002-M4',
		modelDescription: 'Emulex LPe11002-M4 4Gb 2-port PCIe Fibre Channel Adapter',
		hardwareVersion: 'Zephyr',
		firmwareVersion: '2.72a2 (Z3F2.72A2)',
		optionRomVersion: 'Boot:5.02a1 Fcode:3.01a1',
		driverName: 'emlxs',
		driverVersion: '2.50o (2010.01.08.09.45)',
		supportedSpeedsGbps: [1, 2, 4],
		npiv: true,
		maxNpivPorts: 100,
		pciVendor: 0x10df,
		pciDevice: 0xfe12,
	},
	LP10000: {
		name: 'LP10000',
		manufacturer: 'Emulex',
		model: 'LP10000',
		modelDescription: 'Emulex LP10000 2Gb PCI-X Fibre Channel Adapter',
		hardwareVersion: 'Thor',
		firmwareVersion: '1.92a1 (T2D1.92A1)',
		optionRomVersion: 'Boot:1.70a3 Fcode:1.50a4',
		driverName: 'emlxs',
		driverVersion: '2.50o (2010.01.08.09.45)',
		supportedSpeedsGbps: [1, 2],
		npiv: false,
		maxNpivPorts: 0,
		pciVendor: 0x10df,
		pciDevice: 0xfa00,
	},
	QLA2342: {
		name: 'QLA2342',
		manufacturer: 'QLogic Corp.',
		model: 'QLA2342',
		modelDescription: 'QLogic QLA2342 PCI-X to 2Gb FC, Dual Channel',
		hardwareVersion: 'ISP2312',
		firmwareVersion: '03.03.27',
		optionRomVersion: ' BIOS: 1.47; fcode: 1.24; EFI: 1.21;',
		driverName: 'qlc',
		driverVersion: '20100301-3.00',
		supportedSpeedsGbps: [1, 2],
		npiv: false,
		maxNpivPorts: 0,
		pciVendor: 0x1077,
		pciDevice: 0x10a,
	},
};

export function fcaModel(name: FcaModelName): FcaModel {
	const model = FCA_MODELS[name];
	if (!model) throw new Error(`unknown FCA model '${name}' (known: ${Object.keys(FCA_MODELS).join(', ')})`);
	return model;
}

/** The fastest speed both the FCA and the link can run: the medium reports what it negotiated. */
export function negotiatedSpeed(model: FcaModel, linkGbps: number): number {
	let best = 0;
	for (const s of model.supportedSpeedsGbps) if (s <= linkGbps) best = s;
	return best || model.supportedSpeedsGbps[0]!;
}

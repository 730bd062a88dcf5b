/**
 * EC_sunfc sysevents, as fp and fcp raise them (sys/fibre-channel/fc_types.h). Every event carries
 * the fp `instance` and the `port-wwn` of the port that raised it: a virtual port raises its own.
 * libsun_fc's FCSyseventBridge turns them into HBA-API callbacks (reference 8).
 */
import type {SimTime} from '../sim/Simulator.js';
import type {Wwn} from '../sim/Wwn.js';
import type {RscnPage} from '../fabric/NPort.js';

export const EC_SUNFC = 'EC_sunfc';

export type SyseventSubclass =
	| 'port_attach'
	| 'port_detach'
	| 'port_online'
	| 'port_offline'
	| 'port_rscn'
	| 'target_add'
	| 'target_remove'
	| 'device_online'
	| 'device_offline';

export interface Sysevent {
	readonly class: typeof EC_SUNFC;
	readonly subclass: SyseventSubclass;
	readonly t: SimTime;
	/** The fp instance that raised it. */
	readonly instance: number;
	readonly portWwn: Wwn;
	/** port_rscn: the `affected_page_N` values, each the 32-bit RSCN page word. */
	readonly affectedPages?: readonly number[];
	/** target_add/target_remove (`target-port-wwn`) and device events: the remote port. */
	readonly targetPortWwn?: Wwn;
	/** device_online/device_offline: the LUN and its OS device name. */
	readonly lun?: number;
	readonly devicePath?: string;
}

export type SyseventListener = (event: Sysevent) => void;

/** ESC_sunfc_port_online etc.: the subclass string a sysevent subscriber sees. */
export function escName(subclass: SyseventSubclass): string {
	return `ESC_sunfc_${subclass}`;
}

const FORMAT_BITS: Record<RscnPage['format'], number> = {port: 0, area: 1, domain: 2, fabric: 3};
const QUALIFIER_BITS: Record<RscnPage['qualifier'], number> = {
	unspecified: 0,
	'ns-object-changed': 1,
	'port-attribute-changed': 2,
	'service-object-changed': 3,
	'switch-config-changed': 4,
	'object-removed': 5,
};

/** The page as it travels in the RSCN payload: flags byte (qualifier, address format) + affected ID. */
export function rscnPageWord(page: RscnPage): number {
	const flags = (QUALIFIER_BITS[page.qualifier] << 2) | FORMAT_BITS[page.format];
	return ((flags << 24) | (page.affected & 0xffffff)) >>> 0;
}

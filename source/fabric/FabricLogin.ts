/**
 * One N_Port_ID logged in to a fabric: the login server's record and, at the same time, the name
 * server's object for that ID (an NS entry is created by FLOGI/FDISC and leaves with the login).
 */
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {ScrFunction} from './NPort.js';
import type {FPortLink} from './FPortLink.js';
import type {SwitchPort} from './SwitchPort.js';
import type {ZoneSubject} from './ZoneIndex.js';

/** Why a login ended. The N_Port is told (receiveLogo) only when it could not otherwise know. */
export type LogoutCause =
	| 'logo' // the N_Port sent LOGO for this ID
	| 'base-logo' // the port's FLOGI ID was logged out, taking its NPIV IDs along
	| 'implicit-flogi' // a new FLOGI on the port replaced every prior login
	| 'link-down' // cable pulled, LIP/reset, port disabled
	| 'npiv-off' // NPIV turned off on the switch or the port
	| 'duplicate-wwpn' // newest-wins: the same WWPN logged in elsewhere
	| 'limit'; // the port's NPIV limit was lowered below its login count

export function causeNotifiesNPort(cause: LogoutCause): boolean {
	return cause === 'base-logo' || cause === 'npiv-off' || cause === 'duplicate-wwpn' || cause === 'limit';
}

export class FabricLogin implements ZoneSubject {
	symbolicPortName = '';
	symbolicNodeName = '';
	fc4Types: readonly number[] = [];
	fc4Features: Readonly<Record<number, number>> = {};
	scr: ScrFunction | null = null;
	/** When the SCR was made, in the RSCN service's order of changes. */
	scrSeq = 0;
	/** FLOGI only: the LS_ACC promised FDISC support (NPIV on for switch and port). */
	npivAssigned = false;
	removed = false;
	/** The RSCN flush that last delivered to this login (one RSCN per recipient per window). */
	rscnFlush = -1;
	/** Visited mark of Fabric.forEachZonedPeer. */
	walkStamp = 0;
	readonly portKey: number;

	constructor(
		readonly fcid: FcId,
		readonly wwpn: Wwn,
		public wwnn: Wwn,
		/** Logged in by FDISC (an NPIV login) rather than FLOGI. */
		readonly npiv: boolean,
		readonly port: SwitchPort,
		readonly link: FPortLink,
		/** The physical N_Port's WWPN (nsshow "Permanent Port Name"). */
		readonly permanentPortName: Wwn,
		readonly npivCapable: boolean,
		/** Order of login across the fabric. */
		readonly seq: number,
	) {
		this.portKey = port.key;
	}

	get endpoint() {
		return this.link.endpoint;
	}
}

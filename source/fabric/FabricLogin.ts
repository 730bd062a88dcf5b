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

/** The name-server fields of a login that can change after it (see FabricLogin). */
export interface LoginFields {
	symbolicPortName: string;
	symbolicNodeName: string;
	fc4Types: readonly number[];
	fc4Features: Readonly<Record<number, number>>;
	scr: ScrFunction | null;
	scrSeq: number;
	npivAssigned: boolean;
}

const NONE: readonly number[] = Object.freeze([]);
const NO_FEATURES: Readonly<Record<number, number>> = Object.freeze({});

export function causeNotifiesNPort(cause: LogoutCause): boolean {
	return cause === 'base-logo' || cause === 'npiv-off' || cause === 'duplicate-wwpn' || cause === 'limit';
}

export class FabricLogin implements ZoneSubject {
	/**
	 * The name-server fields below can change after the login (RSPN_ID, RFT_ID, SCR...). Each
	 * change marks the login, so that a fabric restored from the store saves again only the logins
	 * that moved (FabricLive); the rest are copied from what was restored.
	 */
	private portName = '';
	private nodeName = '';
	private types: readonly number[] = NONE;
	private features: Readonly<Record<number, number>> = NO_FEATURES;
	private scrFunction: ScrFunction | null = null;
	private scrAt = 0;
	private assigned = false;
	/** Set when a field changed since the login was restored (or for a login that was never restored). */
	changedSinceRestore = true;
	/** Its place in the saved login columns it was restored from. */
	restoredIndex = -1;
	removed = false;
	/** The RSCN flush that last delivered to this login (one RSCN per recipient per window). */
	rscnFlush = -1;
	/** Visited mark of Fabric.forEachZonedPeer. */
	walkStamp = 0;
	readonly portKey: number;
	private node: Wwn;

	constructor(
		readonly fcid: FcId,
		readonly wwpn: Wwn,
		wwnn: Wwn,
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
		this.node = wwnn;
		this.portKey = port.key;
	}

	get wwnn(): Wwn {
		return this.node;
	}
	set wwnn(w: Wwn) {
		this.node = w;
		this.changedSinceRestore = true;
	}

	get symbolicPortName(): string {
		return this.portName;
	}
	set symbolicPortName(v: string) {
		this.portName = v;
		this.changedSinceRestore = true;
	}

	get symbolicNodeName(): string {
		return this.nodeName;
	}
	set symbolicNodeName(v: string) {
		this.nodeName = v;
		this.changedSinceRestore = true;
	}

	get fc4Types(): readonly number[] {
		return this.types;
	}
	set fc4Types(v: readonly number[]) {
		this.types = v;
		this.changedSinceRestore = true;
	}

	get fc4Features(): Readonly<Record<number, number>> {
		return this.features;
	}
	set fc4Features(v: Readonly<Record<number, number>>) {
		this.features = v;
		this.changedSinceRestore = true;
	}

	get scr(): ScrFunction | null {
		return this.scrFunction;
	}
	set scr(v: ScrFunction | null) {
		this.scrFunction = v;
		this.changedSinceRestore = true;
	}

	/** When the SCR was made, in the RSCN service's order of changes. */
	get scrSeq(): number {
		return this.scrAt;
	}
	set scrSeq(v: number) {
		this.scrAt = v;
		this.changedSinceRestore = true;
	}

	/** FLOGI only: the LS_ACC promised FDISC support (NPIV on for switch and port). */
	get npivAssigned(): boolean {
		return this.assigned;
	}
	set npivAssigned(v: boolean) {
		this.assigned = v;
		this.changedSinceRestore = true;
	}

	/** The login was just saved as row `index` of its fabric's columns: unchanged since, from now on. */
	restoreIndexAt(index: number): void {
		this.restoredIndex = index;
		this.changedSinceRestore = false;
	}

	/** Puts back a saved login's fields; it then counts as unchanged since its restore, at `index` of the saved columns. */
	restoreFields(fields: LoginFields, index: number): void {
		this.portName = fields.symbolicPortName;
		this.nodeName = fields.symbolicNodeName;
		this.types = fields.fc4Types;
		this.features = fields.fc4Features;
		this.scrFunction = fields.scr;
		this.scrAt = fields.scrSeq;
		this.assigned = fields.npivAssigned;
		this.restoredIndex = index;
		this.changedSinceRestore = false;
	}

	get endpoint() {
		return this.link.endpoint;
	}
}

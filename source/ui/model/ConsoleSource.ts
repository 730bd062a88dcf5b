/**
 * The console's view of the SAN: what one frame shows (a read-only `ConsoleSnapshot`), the detail
 * of one item, and the actions an operator can take. The console depends on nothing else below
 * it; the lead implements this contract over world/ and commands/, tests use FakeConsoleSource.
 *
 * Contract for implementers:
 * - `getSnapshot()` is cheap and returns the SAME object until something changes (the console
 *   compares identities, as React's useSyncExternalStore does). Row arrays that did not change
 *   keep their identity across snapshots, so 100,000 virtual ports are not re-filtered per tick.
 * - `subscribe(listener)` calls the listener after a change; the console coalesces bursts.
 * - Every row has a `key` that is stable for the life of the item (a WWN, a domain name...) and
 *   unique within its list; `detail(pane, key)` accepts those keys.
 * - Actions never throw for operator errors: they resolve `{ok: false, message}` with the text
 *   the mirrored tool would print. A rejected promise is shown as an internal error.
 * - Nothing here writes to the console (console.log would tear the full-screen frame).
 */
import type {Wwn} from '../../sim/Wwn.js';
import type {FcId} from '../../sim/FcId.js';
import type {SimTime} from '../../sim/Simulator.js';
import type {DomainVerb} from '../../xvm/DomainVerbRefusal.js';

export const PANES = ['adapters', 'vports', 'luns', 'events', 'domains', 'fabric'] as const;
export type PaneId = (typeof PANES)[number];

/** Stable identity of a row within its list. */
export type RowKey = string;

export type ClockSpeed = 1 | 10 | 100;
export const CLOCK_SPEEDS: readonly ClockSpeed[] = [1, 10, 100];

/** The words fcinfo prints for `State:`. */
export type PortState =
	| 'unknown'
	| 'online'
	| 'offline'
	| 'bypassed'
	| 'diagnostics'
	| 'link down'
	| 'error'
	| 'loopback';

export interface HeaderFacts {
	/** The store file as the operator named it (`state/store.json`). */
	readonly storeFile: string;
	/** Simulated time now. */
	readonly clock: SimTime;
	readonly speed: ClockSpeed;
	/** The simulated clock follows the wall clock (false: paused). */
	readonly running: boolean;
	/**
	 * Who moves the simulated clock: `wall` (the live console's ticker; absent means this too) or
	 * `manual` (a session replay, a test: the driver advances it, whatever `running` says).
	 */
	readonly clockMode?: 'wall' | 'manual' | 'commands';
	/**
	 * The lab is served to other processes: by this console (`serving`), or this console is
	 * attached to the console or headless server that serves it. `clients`: consoles attached.
	 */
	readonly serving?: {readonly role: 'serving' | 'attached' | 'lost'; readonly by: 'console' | 'headless'; readonly pid: number; readonly clients: number};
	readonly counts: {
		readonly hosts: number;
		/** Physical HBA ports of every host. */
		readonly ports: number;
		readonly virtualPorts: number;
		readonly domains: number;
		readonly fabrics: number;
	};
}

export interface HostRow {
	readonly key: RowKey;
	readonly name: string;
	readonly kind: 'xen' | 'solaris';
	readonly online: boolean;
}

// A `…Label` beside a WWN is what the console shows in its place when names are on (`w`): the
// zoning alias in the fabric the port is on, else the owner (`dom0-a/qlc0`, a domain,
// `array-1/A-1`). Absent: nothing in the lab names that WWN, and the WWN is shown.

/** A physical HBA port (what `fcinfo hba-port` lists), one per row. */
export interface AdapterRow {
	readonly key: RowKey;
	readonly host: string;
	readonly portWwn: Wwn;
	readonly nodeWwn: Wwn;
	readonly portLabel?: string;
	readonly nodeLabel?: string;
	readonly model: string;
	readonly state: PortState;
	/** `Current Speed` as fcinfo prints it without the trailing space: `4Gb`, `not established`. */
	readonly speed: string;
	/** Null while not logged in. */
	readonly fcid: FcId | null;
	/** Fabric name, or null when not cabled to a switch. */
	readonly fabric: string | null;
	readonly vportsUsed: number;
	/** `Max NPIV Ports`; 0 means `NPIV Not Supported`. */
	readonly vportsMax: number;
}

export interface VportRow {
	readonly key: RowKey;
	readonly portWwn: Wwn;
	readonly nodeWwn: Wwn;
	readonly physicalWwn: Wwn;
	readonly portLabel?: string;
	readonly nodeLabel?: string;
	readonly physicalLabel?: string;
	readonly host: string;
	readonly fcid: FcId | null;
	readonly state: PortState;
	/** The domain the port is bound to (xVM `npiv =`), or null. */
	readonly domain: string | null;
	readonly lunCount: number;
}

/** One LUN as discovered on one initiator port (physical or virtual). */
export interface LunRow {
	readonly key: RowKey;
	readonly host: string;
	readonly portWwn: Wwn;
	readonly portKind: 'physical' | 'virtual';
	readonly targetWwn: Wwn;
	readonly portLabel?: string;
	readonly targetLabel?: string;
	readonly lun: number;
	readonly vendor: string;
	readonly product: string;
	/** fcinfo `Device Type` words: `Disk Device`, `Tape Device`... */
	readonly deviceType: string;
	/** READ CAPACITY's answer; null for a device without a capacity (a tape, a medium changer). */
	readonly sizeBytes: number | null;
	/** `/dev/rdsk/c5t...d0s2`, or `Unknown`. */
	readonly osDevice: string;
	/** The domain the LUN is attached to, or null. */
	readonly domain: string | null;
}

export interface EventRow {
	readonly key: RowKey;
	readonly seq: number;
	readonly t: SimTime;
	readonly source: string;
	/** Dotted type, `fabric.rscn.sent`. */
	readonly type: string;
	readonly summary: string;
	/** Decoded RSCN pages (`port 010200`, `area 0102`, `fabric`), when the event carries an RSCN. */
	readonly rscnPages?: readonly string[];
}

export type MigrationPhase = 't0' | 't1' | 't2' | 't3' | 't4';

export interface MigrationView {
	readonly phase: MigrationPhase;
	/** 0..1 over the whole migration. */
	readonly progress: number;
	readonly from: string;
	readonly to: string;
	readonly live: boolean;
}

/** `xm list` columns plus where the domain runs and its NPIV ports. */
export interface DomainRow {
	readonly key: RowKey;
	readonly name: string;
	/** Null for a managed but halted domain (xm prints an empty ID). */
	readonly id: number | null;
	readonly memMiB: number;
	readonly vcpus: number;
	/** Six positional letters `rbpscd`, `-` when off: `r-----`. */
	readonly state: string;
	/** Cumulative CPU seconds. */
	readonly cpuTime: number;
	readonly host: string;
	readonly vports: readonly Wwn[];
	readonly lunCount: number;
	readonly migration: MigrationView | null;
}

export interface SwitchRow {
	readonly key: RowKey;
	readonly name: string;
	readonly fabric: string;
	readonly domainId: number;
	readonly npiv: boolean;
}

/** One switch port: `switchshow` row plus its logins. */
export interface SwitchPortRow {
	readonly key: RowKey;
	readonly switchName: string;
	readonly fabric: string;
	readonly index: number;
	/** switchshow words: `Online`, `No_Light`, `No_Sync`, `Disabled`. */
	readonly state: string;
	/** `N8`, `4G`, `--`. */
	readonly speed: string;
	/** `F-Port`, `E-Port`, or `` when nothing logged in. */
	readonly portType: string;
	/** WWN of the N_Port that did FLOGI, or null. */
	readonly attachedWwn: Wwn | null;
	readonly attachedLabel?: string;
	/** FLOGI + FDISC logins on this port. */
	readonly logins: number;
	/** Of which NPIV (FDISC). */
	readonly npivLogins: number;
}

export interface NameServerRow {
	readonly key: RowKey;
	readonly fabric: string;
	readonly fcid: FcId;
	readonly portWwn: Wwn;
	readonly nodeWwn: Wwn;
	readonly portLabel?: string;
	readonly nodeLabel?: string;
	/** `N`, `NL`. */
	readonly portType: string;
	/** `FCP`, `FCP IP`... */
	readonly fc4Types: string;
	readonly symbolicName: string;
	/** Registered by an NPIV (FDISC) login. */
	readonly virtual: boolean;
}

/** One zone of one configuration (defined or effective). */
export interface ZoneRow {
	readonly key: RowKey;
	readonly fabric: string;
	/** Configuration the zone belongs to, or `` for a zone in no configuration. */
	readonly config: string;
	readonly zone: string;
	readonly members: readonly string[];
	/** The zone is in the fabric's effective (enabled) configuration. */
	readonly effective: boolean;
}

export interface ZoningSummary {
	readonly fabric: string;
	readonly definedConfigs: readonly string[];
	/** Null when no configuration is enabled. */
	readonly effectiveConfig: string | null;
	readonly defaultZone: 'all-access' | 'no-access';
}

export interface FabricView {
	readonly switches: readonly SwitchRow[];
	readonly ports: readonly SwitchPortRow[];
	readonly nameServer: readonly NameServerRow[];
	readonly zones: readonly ZoneRow[];
	readonly zoning: readonly ZoningSummary[];
}

/**
 * The end of long work the operator started and may be waiting for (a migration done or failed),
 * for the status line; `seq` grows with each new one, so the console shows each once.
 */
export interface WorkNotice {
	readonly seq: number;
	readonly level: 'info' | 'error';
	readonly text: string;
}

/** Long work in progress (a migration, a scenario boot, a replay). */
export interface BusyInfo {
	readonly label: string;
	/** 0..1, or null when unknown. */
	readonly progress: number | null;
}

export interface ConsoleSnapshot {
	readonly header: HeaderFacts;
	readonly hosts: readonly HostRow[];
	readonly adapters: readonly AdapterRow[];
	readonly vports: readonly VportRow[];
	readonly luns: readonly LunRow[];
	/** Oldest first. */
	readonly events: readonly EventRow[];
	readonly domains: readonly DomainRow[];
	readonly fabric: FabricView;
	readonly busy: BusyInfo | null;
	/** When set, `q` asks before quitting and shows this text (e.g. a migration is running). */
	readonly quitWarning: string | null;
	/** The newest end of long work (absent or null: none yet). */
	readonly notice?: WorkNotice | null;
}

/** fcinfo-style attributes: `[label, value]`; a label with an empty value is a heading. */
export interface DetailView {
	readonly title: string;
	readonly lines: readonly (readonly [label: string, value: string])[];
}

export interface CommandResult {
	readonly stdout: string;
	readonly stderr: string;
	readonly exitCode: number;
	/**
	 * The console's own word on the command, not the tool's output: what it started that goes on
	 * in simulated time (`migration of web01 to dom0-b started; watch the Domains pane`).
	 */
	readonly note?: string;
}

/** Outcome of an action; `message` is shown in the status line. */
export interface ActionResult {
	readonly ok: boolean;
	readonly message: string;
}

/** Candidates replace `line.slice(start)`. */
export interface Completion {
	readonly start: number;
	readonly candidates: readonly string[];
}

/** A port that can be disabled or unplugged: a physical HBA port row or a switch port row. */
export interface LinkRef {
	readonly pane: 'adapters' | 'fabric';
	readonly key: RowKey;
}

export interface CreateVirtualPortRequest {
	readonly host: string;
	readonly physicalWwn: Wwn;
	/** Absent: random (`c0007d` form, fcadm's rule). */
	readonly portWwn?: Wwn;
	readonly nodeWwn?: Wwn;
}

export interface DomainActions {
	shutdown(key: RowKey): Promise<ActionResult>;
	destroy(key: RowKey): Promise<ActionResult>;
	reboot(key: RowKey): Promise<ActionResult>;
	pause(key: RowKey): Promise<ActionResult>;
	unpause(key: RowKey): Promise<ActionResult>;
	suspend(key: RowKey): Promise<ActionResult>;
	resume(key: RowKey): Promise<ActionResult>;
	migrate(key: RowKey, to: {readonly host: string; readonly live: boolean}): Promise<ActionResult>;
	npivAttach(key: RowKey, port: {readonly ppwwn: Wwn; readonly vpwwn?: Wwn; readonly vnwwn?: Wwn}): Promise<ActionResult>;
	npivDetach(key: RowKey, port: {readonly vpwwn: Wwn}): Promise<ActionResult>;
	/** `xm create` from the text of a domain configuration file. */
	create(config: {readonly configText: string}): Promise<ActionResult>;
}

export interface FabricActions {
	portDisable(ref: LinkRef): Promise<ActionResult>;
	portEnable(ref: LinkRef): Promise<ActionResult>;
	cablePull(ref: LinkRef): Promise<ActionResult>;
	cablePlug(ref: LinkRef): Promise<ActionResult>;
}

export interface ClockActions {
	pause(): void;
	resume(): void;
	/** Runs the next simulated event (the implementer may choose a fixed step when the queue is empty). */
	step(): void;
	setSpeed(speed: ClockSpeed): void;
}

/** Stable callbacks: the same functions for the life of the source. */
export interface ConsoleActions {
	/**
	 * Runs one `npiv` command line as typed in the `:` bar, without the leading `npiv`
	 * (`fcinfo hba-port -l`, `xm list`, `switch switchshow`...).
	 */
	runCommand(line: string): Promise<CommandResult>;
	/** Completion for the `:` bar (line without the leading `:` or `npiv`). */
	complete(line: string): Completion;
	createVirtualPort(request: CreateVirtualPortRequest): Promise<ActionResult>;
	deleteVirtualPort(key: RowKey): Promise<ActionResult>;
	readonly domain: DomainActions;
	readonly fabric: FabricActions;
	readonly clock: ClockActions;
}

export interface ConsoleSource {
	getSnapshot(): ConsoleSnapshot;
	subscribe(listener: () => void): () => void;
	/** Attributes of one item for the detail panel, or null when the key is gone. */
	detail(pane: PaneId, key: RowKey): DetailView | null;
	readonly actions: ConsoleActions;
	/**
	 * Why a domain action cannot apply to a domain as it stands (xend's words), so that it is not
	 * offered instead of failing after its confirmation; null when it can. Absent: always offered.
	 */
	domainRefusal?(key: RowKey, verb: DomainVerb): string | null;
}

/** The domain actions xend can refuse up front. */
export type {DomainVerb};

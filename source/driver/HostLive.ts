/**
 * The state one host's FC stack reached, as the store keeps it between processes: the device
 * namespace (path_to_inst: every devfs path that ever attached, in attach order, which gives the
 * fp instance and /dev/cfg controller numbers; tape and enclosure numbering), and per physical
 * port its link as the driver knows it, its FLOGI ACC, its counters, and every fp instance
 * (the physical one and the virtual ring, oldest first) with its login, counters, remote ports
 * and LUN paths.
 *
 * A host's state is restored the first time something touches the host (HostFcStack holds it
 * until then), so a command about one host of 500 rebuilds one host. INQUIRY answers and READ
 * CAPACITY results are kept as received, through per-host tables (a LUN seen by 200 virtual
 * ports is one entry), and repeated texts through a string table.
 */
import type {InquiryData} from '../fabric/Fcp.js';
import type {LoginAccept, Topology} from '../fabric/NPort.js';
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {FcaPort} from './FcaPort.js';
import type {FpPort} from './FpPort.js';
import type {HostFcStack} from './HostFcStack.js';
import {LunPath, RemotePort} from './RemotePort.js';
import type {DeviceState, FpState} from './Views.js';

export interface HostLive {
	readonly host: string;
	/** DeviceNamespace: devfs paths in attach order, tape and enclosure keys in numbering order. */
	readonly paths: readonly string[];
	readonly tapes?: readonly string[];
	readonly enclosures?: readonly string[];
	readonly strings: readonly string[];
	readonly inquiries: readonly InquiryData[];
	/** [blocks as decimal text, block size]. */
	readonly capacities: readonly (readonly [string, number])[];
	readonly ports: readonly FcaPortLive[];
}

export interface FcaPortLive {
	readonly wwpn: string;
	/** The link as the driver last saw it come up: [topology, Gb/s]; absent while down. */
	readonly link?: readonly [Topology, number];
	/** The physical port's FLOGI ACC: [N_Port_ID, NPIV assignment, F_Port, fabric name, F_Port name]. */
	readonly flogi?: readonly [number, boolean, boolean, string, string];
	readonly resetPending?: boolean;
	/** LinkStatistics in field order (see STAT_FIELDS), then resetAt. */
	readonly stats: readonly number[];
	readonly physical: FpPortLive;
	/** The virtual ports in creation order (the kernel lists them newest first). */
	readonly vports: readonly VportLive[];
}

/**
 * [state, N_Port_ID or -1, last login error (string index or -1), lastChange, rscnCount,
 * loop walks left, remote ports].
 */
export type FpPortLive = readonly [FpState, number, number, number, number, number, readonly RemoteLive[]];

/** [port WWN, node WWN, kernel index, ...the instance as FpPortLive]. */
export type VportLive = readonly [string, string, number, FpPortLive];

/**
 * [WWPN, WWNN, N_Port_ID, flags, symbolic port name, symbolic node name, FC-4 types (string
 * indexes, -1 none), LUN paths]. flags: 1 online, 2 target, 4 initiator, 8 logged in.
 */
export type RemoteLive = readonly [string, string, number, number, number, number, number, readonly LunLive[]];

/** [LUN, inquiry index, capacity index or -1, OS device name (string index), online (1/0)]. */
export type LunLive = readonly [number, number, number, number, number];

const STATE_WORDS: readonly DeviceState[] = ['offline', 'online'];

class Table<T> {
	readonly list: T[] = [];
	private readonly index = new Map<unknown, number>();

	constructor(private readonly key: (value: T) => unknown = v => v) {}

	add(value: T): number {
		const k = this.key(value);
		let i = this.index.get(k);
		if (i === undefined) {
			i = this.list.length;
			this.list.push(value);
			this.index.set(k, i);
		}
		return i;
	}
}

/** Saves a host whose simulator work is done (no login, discovery or expiry pending). */
export function saveHostLive(stack: HostFcStack): HostLive {
	const strings = new Table<string>();
	const inquiries = new Table<InquiryData>(v => v);
	const inquiryKeys = new Map<string, number>();
	const inquiryIndex = (d: InquiryData): number => {
		const key = JSON.stringify(d);
		let i = inquiryKeys.get(key);
		if (i === undefined) inquiryKeys.set(key, (i = inquiries.add(d)));
		return i;
	};
	const capacities = new Table<readonly [string, number]>(v => `${v[0]}/${v[1]}`);
	const saveFp = (fp: FpPort): FpPortLive => {
		const s = fp.liveState();
		return [
			s.state,
			s.fcid ?? -1,
			s.lastLoginError === undefined ? -1 : strings.add(s.lastLoginError),
			s.lastChange,
			s.rscnCount,
			s.directRetries,
			fp.remotePorts.map(
				(r): RemoteLive => [
					r.wwpn,
					r.wwnn,
					r.fcid,
					(r.state === 'online' ? 1 : 0) | (r.target ? 2 : 0) | (r.initiator ? 4 : 0) | (r.loggedIn ? 8 : 0),
					strings.add(r.symbolicPortName),
					strings.add(r.symbolicNodeName),
					r.fc4Types.length > 0 ? strings.add(r.fc4Types.join(',')) : -1,
					r.luns.map((l): LunLive => {
						const cap = l.capacityData;
						return [l.lun, inquiryIndex(l.inquiryData), cap ? capacities.add([cap.blocks.toString(), cap.blockSize]) : -1, strings.add(l.osDeviceName), STATE_WORDS.indexOf(l.state)];
					}),
				],
			),
		];
	};
	const names = stack.names.liveState();
	return {
		host: stack.name,
		paths: names.paths,
		...(names.tapes.length > 0 ? {tapes: names.tapes} : {}),
		...(names.enclosures.length > 0 ? {enclosures: names.enclosures} : {}),
		strings: strings.list,
		inquiries: inquiries.list,
		capacities: capacities.list,
		ports: stack.ports.map(port => {
			const s = port.liveState();
			return {
				wwpn: port.wwpn,
				...(s.link ? {link: [s.link.topology, s.link.speedGbps] as const} : {}),
				...(s.flogi ? {flogi: [s.flogi.fcid, s.flogi.npivAssignment, s.flogi.fPort, s.flogi.fabricName, s.flogi.fPortName] as const} : {}),
				...(s.resetPending ? {resetPending: true} : {}),
				stats: s.stats,
				physical: saveFp(port.physical),
				vports: port.createdOrder.map((vp): VportLive => [vp.wwpn, vp.wwnn, vp.vportIndex, saveFp(vp)]),
			};
		}),
	};
}

/**
 * Rebuilds a host's saved state into a HostFcStack built from the same configuration. `bindLink`
 * has a port that had light learn the medium's link object (bindRestoredLink), now or when the
 * medium is restored: a command that only reads the host never builds the fabric.
 */
export function loadHostLive(stack: HostFcStack, live: HostLive, bindLink: (port: FcaPort) => void): void {
	const fail = (why: string): never => {
		throw new Error(`saved state of host ${stack.name}: ${why}`);
	};
	if (live.host !== stack.name) fail(`it is the state of ${live.host}`);
	if (live.ports.length !== stack.ports.length) fail(`${live.ports.length} HBA ports saved, ${stack.ports.length} configured`);
	stack.names.restoreLive({paths: live.paths, tapes: live.tapes ?? [], enclosures: live.enclosures ?? []});
	const s = live.strings;
	const text = (i: number): string => (i >= 0 ? (s[i] ?? fail(`string ${i} missing`)) : '');
	const inquiry = (i: number): InquiryData => live.inquiries[i] ?? fail(`inquiry ${i} missing`);
	const capacity = (i: number): {blocks: bigint; blockSize: number} | undefined => {
		if (i < 0) return undefined;
		const c = live.capacities[i] ?? fail(`capacity ${i} missing`);
		return {blocks: BigInt(c[0]), blockSize: c[1]};
	};
	const loadFp = (fp: FpPort, saved: FpPortLive): void => {
		const [state, fcid, error, lastChange, rscnCount, directRetries, remotes] = saved;
		fp.restoreLive(
			{state, fcid: fcid >= 0 ? (fcid as FcId) : undefined, lastLoginError: error >= 0 ? text(error) : undefined, lastChange, rscnCount, directRetries},
			remotes.map(([wwpn, wwnn, rfcid, flags, sp, sn, types, luns]) => {
				const r = new RemotePort(wwpn as Wwn, wwnn as Wwn, rfcid as FcId);
				r.state = flags & 1 ? 'online' : 'offline';
				r.target = (flags & 2) !== 0;
				r.initiator = (flags & 4) !== 0;
				r.loggedIn = (flags & 8) !== 0;
				r.symbolicPortName = text(sp);
				r.symbolicNodeName = text(sn);
				r.fc4Types = types >= 0 ? text(types).split(',').map(Number) : [];
				r.luns = luns.map(([lun, inq, cap, dev, online]) => {
					const path = new LunPath(lun, r.wwpn, inquiry(inq), capacity(cap), text(dev));
					path.state = STATE_WORDS[online] ?? 'offline';
					return path;
				});
				return r;
			}),
		);
	};
	live.ports.forEach((p, i) => {
		const port = stack.ports[i]!;
		if (port.wwpn !== p.wwpn) fail(`HBA port ${i} is ${p.wwpn} in the saved state, ${port.wwpn} in the configuration`);
		const flogi = p.flogi;
		const accept: LoginAccept | undefined = flogi
			? {accepted: true, fcid: flogi[0] as FcId, npivAssignment: flogi[1], fPort: flogi[2], fabricName: flogi[3] as Wwn, fPortName: flogi[4] as Wwn}
			: undefined;
		port.restoreLive({
			link: p.link ? {topology: p.link[0], speedGbps: p.link[1]} : undefined,
			flogi: accept,
			resetPending: p.resetPending ?? false,
			stats: p.stats,
			resolveLink: () => bindLink(port),
		});
		loadFp(port.physical, p.physical);
		for (const [wwpn, wwnn, index, fp] of p.vports) loadFp(port.restoreVport(wwpn as Wwn, wwnn as Wwn, index), fp);
	});
	stack.restoreLocalPorts();
}

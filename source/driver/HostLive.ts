/**
 * The state one host's FC stack reached, as the store keeps it between processes: the device
 * namespace (path_to_inst: every devfs path that ever attached, in attach order, which gives the
 * fp instance and /dev/cfg controller numbers; tape and enclosure numbering), and per physical
 * port its link as the driver knows it, its FLOGI ACC, its counters, and every fp instance
 * (the physical one and the virtual ring, oldest first) with its login, counters, remote ports
 * and LUN paths.
 *
 * A host's state is restored the first time something touches the host (HostFcStack holds it
 * until then), so a command about one host of 500 rebuilds one host.
 *
 * It is kept small, since a 100,000-vport lab saves 100,000 fp instances: what many instances
 * share is said once per host (a remote port's identity as the name server gave it, a target's
 * LUN list with its INQUIRY and READ CAPACITY answers, texts), an fp instance refers to it by
 * number, and what can be worked out again is left out (a devfs path `<port node>/fp@<index>,0`,
 * a disk's device name `c<N>t<TARGET>d<LUN>s2`).
 */
import type {InquiryData} from '../fabric/Fcp.js';
import type {LoginAccept, Topology} from '../fabric/NPort.js';
import type {FcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {FcaPort} from './FcaPort.js';
import type {FpPort} from './FpPort.js';
import type {HostFcStack} from './HostFcStack.js';
import {LunPath, RemotePort} from './RemotePort.js';
import type {FpState} from './Views.js';

export interface HostLive {
	readonly host: string;
	/**
	 * DeviceNamespace, in attach order: an fp node of a physical port as `port * 256 + index`
	 * (`<port node>/fp@<index>,0`), any other path as its text.
	 */
	readonly paths: readonly (number | string)[];
	readonly tapes?: readonly string[];
	readonly enclosures?: readonly string[];
	readonly strings: readonly string[];
	readonly inquiries: readonly InquiryData[];
	/** [blocks as decimal text, block size]. */
	readonly capacities: readonly (readonly [string, number])[];
	/** Remote port identities: [WWPN, WWNN, symbolic port name, symbolic node name, FC-4 types] (texts as string numbers, -1 none). */
	readonly remotes: readonly (readonly [string, string, number, number, number])[];
	/** LUN lists: each [LUN, inquiry, capacity or -1, device name (string number, or -1: the derived one), online 1/0]. */
	readonly lunSets: readonly (readonly LunLive[])[];
	readonly ports: readonly FcaPortLive[];
}

export interface FcaPortLive {
	readonly wwpn: string;
	/** The link as the driver last saw it come up: [topology, Gb/s]; absent while down. */
	readonly link?: readonly [Topology, number];
	/** The physical port's FLOGI ACC: [N_Port_ID, NPIV assignment, F_Port, fabric name, F_Port name]. */
	readonly flogi?: readonly [number, boolean, boolean, string, string];
	readonly resetPending?: boolean;
	/** LinkStatistics in field order, then resetAt. */
	readonly stats: readonly number[];
	readonly physical: FpPortLive;
	/** The virtual ports in creation order (the kernel lists them newest first). */
	readonly vports: readonly VportLive[];
}

/**
 * [state (FP_STATES index), N_Port_ID or -1, last login error (string number or -1),
 * lastChange, rscnCount, loop walks left, remote ports].
 */
export type FpPortLive = readonly [number, number, number, number, number, number, readonly RemoteLive[]];

/** [port WWN, node WWN, kernel index, the instance]. */
export type VportLive = readonly [string, string, number, FpPortLive];

/** [identity (remotes index), N_Port_ID, flags, LUN list (lunSets index)]. flags: 1 online, 2 target, 4 initiator, 8 logged in. */
export type RemoteLive = readonly [number, number, number, number];

export type LunLive = readonly [number, number, number, number, number];

const FP_STATES: readonly FpState[] = ['offline', 'login', 'online', 'failed', 'deleting'];
const PORT_STRIDE = 256;

/** Values said once per host, numbered in the order first met. */
class Table<T> {
	readonly list: T[] = [];
	private readonly index = new Map<string, number>();

	constructor(private readonly key: (value: T) => string = v => String(v)) {}

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
	const text = (s: string | undefined): number => (s ? strings.add(s) : -1);
	const inquiries = new Table<InquiryData>(v => JSON.stringify(v));
	const capacities = new Table<readonly [string, number]>(v => `${v[0]}/${v[1]}`);
	const remotes = new Table<readonly [string, string, number, number, number]>(v => v.join('/'));
	const lunSets = new Table<readonly LunLive[]>(v => JSON.stringify(v));
	const saveFp = (fp: FpPort): FpPortLive => {
		const s = fp.liveState();
		return [
			FP_STATES.indexOf(s.state),
			s.fcid ?? -1,
			text(s.lastLoginError),
			s.lastChange,
			s.rscnCount,
			s.directRetries,
			fp.remotePorts.map((r): RemoteLive => {
				const identity = remotes.add([r.wwpn, r.wwnn, text(r.symbolicPortName), text(r.symbolicNodeName), r.fc4Types.length > 0 ? strings.add(r.fc4Types.join(',')) : -1]);
				const luns = r.luns.map((l): LunLive => {
					const cap = l.capacityData;
					const derived = stack.names.derivedDevicePath(fp.controller, r.wwpn, l.lun, l.deviceType);
					return [l.lun, inquiries.add(l.inquiryData), cap ? capacities.add([cap.blocks.toString(), cap.blockSize]) : -1, derived === l.osDeviceName ? -1 : strings.add(l.osDeviceName), l.state === 'online' ? 1 : 0];
				});
				const flags = (r.state === 'online' ? 1 : 0) | (r.target ? 2 : 0) | (r.initiator ? 4 : 0) | (r.loggedIn ? 8 : 0);
				return [identity, r.fcid, flags, lunSets.add(luns)];
			}),
		];
	};
	const names = stack.names.liveState();
	const portOf = new Map<string, number>(stack.ports.map((p, i) => [p.devfsNode, i]));
	const paths = names.paths.map(path => {
		const m = /^(.*)\/fp@([0-9a-f]+),0$/.exec(path);
		const port = m ? portOf.get(m[1]!) : undefined;
		const index = m ? parseInt(m[2]!, 16) : -1;
		return port !== undefined && index < PORT_STRIDE ? port * PORT_STRIDE + index : path;
	});
	const ports = stack.ports.map((port): FcaPortLive => {
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
	});
	return {
		host: stack.name,
		paths,
		...(names.tapes.length > 0 ? {tapes: names.tapes} : {}),
		...(names.enclosures.length > 0 ? {enclosures: names.enclosures} : {}),
		strings: strings.list,
		inquiries: inquiries.list,
		capacities: capacities.list,
		remotes: remotes.list,
		lunSets: lunSets.list,
		ports,
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
	const paths = live.paths.map(p => {
		if (typeof p === 'string') return p;
		const port = stack.ports[Math.floor(p / PORT_STRIDE)] ?? fail(`device path of port ${Math.floor(p / PORT_STRIDE)}, which the host does not have`);
		return `${port.devfsNode}/fp@${(p % PORT_STRIDE).toString(16)},0`;
	});
	stack.names.restoreLive({paths, tapes: live.tapes ?? [], enclosures: live.enclosures ?? []});
	const s = live.strings;
	const text = (i: number): string => (i >= 0 ? (s[i] ?? fail(`string ${i} missing`)) : '');
	const inquiry = (i: number): InquiryData => live.inquiries[i] ?? fail(`inquiry ${i} missing`);
	const capacities = live.capacities.map(([blocks, blockSize]) => ({blocks: BigInt(blocks), blockSize}));
	const loadFp = (fp: FpPort, saved: FpPortLive): void => {
		const [state, fcid, error, lastChange, rscnCount, directRetries, remotes] = saved;
		fp.restoreLive(
			{
				state: FP_STATES[state] ?? fail(`fp state ${state}`),
				fcid: fcid >= 0 ? (fcid as FcId) : undefined,
				lastLoginError: error >= 0 ? text(error) : undefined,
				lastChange,
				rscnCount,
				directRetries,
			},
			remotes.map(([identity, rfcid, flags, lunSet]) => {
				const [wwpn, wwnn, sp, sn, types] = live.remotes[identity] ?? fail(`remote port ${identity} missing`);
				const r = new RemotePort(wwpn as Wwn, wwnn as Wwn, rfcid as FcId);
				r.state = flags & 1 ? 'online' : 'offline';
				r.target = (flags & 2) !== 0;
				r.initiator = (flags & 4) !== 0;
				r.loggedIn = (flags & 8) !== 0;
				r.symbolicPortName = text(sp);
				r.symbolicNodeName = text(sn);
				r.fc4Types = types >= 0 ? text(types).split(',').map(Number) : [];
				r.luns = (live.lunSets[lunSet] ?? fail(`LUN list ${lunSet} missing`)).map(([lun, inq, cap, dev, online]) => {
					const data = inquiry(inq);
					const name = dev >= 0 ? text(dev) : (stack.names.derivedDevicePath(fp.controller, r.wwpn, lun, data.deviceType) ?? fail(`LUN ${lun} of ${r.wwpn} has no device name`));
					const path = new LunPath(lun, r.wwpn, data, cap >= 0 ? (capacities[cap] ?? fail(`capacity ${cap} missing`)) : undefined, name);
					path.state = online ? 'online' : 'offline';
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

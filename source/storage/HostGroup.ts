import type {Wwn} from '../sim/Wwn.js';
import type {StorageHostGroupConfig} from './StorageConfig.js';

export interface LunMapping {
	/** Array LU id. */
	readonly lun: number;
	/** The LUN number the host sees. */
	readonly hostLun: number;
}

/**
 * A host group (initiator group): the initiators it names see its mapped LUs through the target
 * ports it applies to. Plain mutable data; StorageArray edits a clone and swaps it in only when
 * the edit is valid, so a refused edit leaves nothing half done.
 */
export class HostGroup {
	/** WWPN -> the text it was configured as (exported unchanged, so a saved lab round-trips). */
	private readonly initiatorText = new Map<Wwn, string>();
	private readonly lunToHost = new Map<number, number>();
	private readonly hostToLun = new Map<number, number>();
	/** undefined = every port of the array. */
	private portList: string[] | undefined;
	/** This group's LUNs as a view (hostLun -> LU, ascending), kept until the mappings change. */
	private lunView: ReadonlyMap<number, number> | undefined;

	constructor(readonly name: string, ports?: readonly string[]) {
		this.portList = ports === undefined ? undefined : [...ports];
	}

	clone(): HostGroup {
		const copy = new HostGroup(this.name, this.portList);
		for (const [w, text] of this.initiatorText) copy.initiatorText.set(w, text);
		for (const [lun, host] of this.lunToHost) copy.map(lun, host);
		return copy;
	}

	get initiators(): Iterable<Wwn> {
		return this.initiatorText.keys();
	}

	get initiatorCount(): number {
		return this.initiatorText.size;
	}

	hasInitiator(w: Wwn): boolean {
		return this.initiatorText.has(w);
	}

	addInitiator(w: Wwn, text: string = w): void {
		this.initiatorText.set(w, text);
	}

	removeInitiator(w: Wwn): void {
		this.initiatorText.delete(w);
	}

	map(lun: number, hostLun: number): void {
		this.lunView = undefined;
		this.lunToHost.set(lun, hostLun);
		this.hostToLun.set(hostLun, lun);
	}

	unmap(lun: number): void {
		const host = this.lunToHost.get(lun);
		if (host === undefined) return;
		this.lunView = undefined;
		this.lunToHost.delete(lun);
		this.hostToLun.delete(host);
	}

	hostLunOf(lun: number): number | undefined {
		return this.lunToHost.get(lun);
	}

	lunAt(hostLun: number): number | undefined {
		return this.hostToLun.get(hostLun);
	}

	/** hostLun -> array LU id, ascending by host LUN (shared: do not change it). */
	view(): ReadonlyMap<number, number> {
		return (this.lunView ??= new Map([...this.hostToLun].sort((a, b) => a[0] - b[0])));
	}

	/** In mapping order. */
	mappings(): LunMapping[] {
		return [...this.lunToHost].map(([lun, hostLun]) => ({lun, hostLun}));
	}

	get mappingCount(): number {
		return this.lunToHost.size;
	}

	/** The lowest host LUN number not yet used in this group. */
	freeHostLun(): number {
		let n = 0;
		while (this.hostToLun.has(n)) n++;
		return n;
	}

	/** Port names the group is restricted to; undefined = all ports. */
	get ports(): readonly string[] | undefined {
		return this.portList;
	}

	restrictTo(ports: readonly string[] | undefined): void {
		this.portList = ports === undefined ? undefined : [...ports];
	}

	appliesTo(portName: string): boolean {
		return this.portList === undefined || this.portList.includes(portName);
	}

	toConfig(): StorageHostGroupConfig {
		return {
			name: this.name,
			initiators: [...this.initiatorText.values()],
			luns: this.mappings(),
			...(this.portList !== undefined ? {ports: [...this.portList]} : {}),
		};
	}
}

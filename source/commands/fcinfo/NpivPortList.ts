/**
 * The SMF property `svc:/network/npiv_config` pg `npiv-port-list` / `port_list`: one value per
 * virtual port, `<physical WWN as typed>:<VPORT WWN UPPER>:<VNODE WWN UPPER>:<vindex>`, replayed
 * at boot by `fcadm create-port-list`. The world keeps it in HostConfig.npivPorts. The values are
 * formatted and parsed by world/NpivPortListEntry.ts only.
 */
export interface NpivPortListStore {
	/** The values in order. */
	get(): string[];
	/** Appends a value; refuses (false) an exact duplicate. */
	add(value: string): boolean;
	/** Drops every value starting with `prefix`; returns how many went. */
	removePrefix(prefix: string): number;
}

/** A port list held in memory, e.g. over a copy of HostConfig.npivPorts. */
export class MemoryNpivPortList implements NpivPortListStore {
	private values: string[];

	constructor(initial: readonly string[] = []) {
		this.values = [...initial];
	}

	get(): string[] {
		return [...this.values];
	}

	add(value: string): boolean {
		if (this.values.includes(value)) return false;
		this.values.push(value);
		return true;
	}

	removePrefix(prefix: string): number {
		const before = this.values.length;
		this.values = this.values.filter(v => !v.startsWith(prefix));
		return before - this.values.length;
	}
}

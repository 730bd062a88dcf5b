import type {HbaApi} from '../../hbaapi/types.js';
import type {Wwn} from '../../sim/Wwn.js';
import type {NpivPortListStore} from './NpivPortList.js';
import type {ToolIo} from './ToolIo.js';

/** The Xen domain whose configuration (`npiv = [...]`) holds a virtual port, and its dom0. */
export interface NpivPortOwner {
	readonly domain: string;
	readonly host: string;
}

/**
 * Who owns a virtual port WWN, asked of the whole lab (a domain may be defined on another dom0 or
 * be halted). fcadm leaves such a port to xm: deleting it under the domain would leave a
 * configuration entry that brings it back at the next start, and LUNs the domain still uses.
 */
export type NpivPortOwnerQuery = (vpwwn: Wwn) => NpivPortOwner | undefined;

/** What the caller hands one fcinfo/fcadm run: the host's HBA-API, the output form, its SMF port list. */
export interface FcToolContext {
	readonly api: HbaApi;
	readonly json: boolean;
	readonly smf: NpivPortListStore;
	readonly ownerOf: NpivPortOwnerQuery;
}

/** What a subcommand handler works with. */
export interface FcHandlerContext {
	readonly api: HbaApi;
	readonly smf: NpivPortListStore;
	readonly io: ToolIo;
	readonly ownerOf: NpivPortOwnerQuery;
}

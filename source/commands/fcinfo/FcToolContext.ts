import type {HbaApi} from '../../hbaapi/types.js';
import type {NpivPortListStore} from './NpivPortList.js';
import type {ToolIo} from './ToolIo.js';

/** What the caller hands one fcinfo/fcadm run: the host's HBA-API, the output form, its SMF port list. */
export interface FcToolContext {
	readonly api: HbaApi;
	readonly json: boolean;
	readonly smf: NpivPortListStore;
}

/** What a subcommand handler works with. */
export interface FcHandlerContext {
	readonly api: HbaApi;
	readonly smf: NpivPortListStore;
	readonly io: ToolIo;
}

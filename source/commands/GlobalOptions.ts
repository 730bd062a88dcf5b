/** Options that come before the command family (`npiv --host sol-c fcadm ...`). */
export interface GlobalOptions {
	/** The host whose stack or dom0 runs fcinfo, fcadm or xm; default the first host. */
	readonly host?: string;
	readonly json: boolean;
	/** Path of the store file (already resolved from --state / NPIV_STATE / the default). */
	readonly statePath: string;
	readonly seed?: number;
	readonly noColor: boolean;
}

export const DEFAULT_STATE_PATH = './state/store.json';

import {MemoryNpivPortList, runFcTool} from '../../../source/commands/fcinfo/index.js';
import type {FcToolResult, NpivPortOwner} from '../../../source/commands/fcinfo/index.js';
import type {Wwn} from '../../../source/sim/Wwn.js';
import {FakeHbaApi} from './FakeHbaApi.js';

/** Lines joined with newlines, each ending in one: tabs and trailing blanks stay visible in the source. */
export function lines(...text: string[]): string {
	return text.map(t => t + '\n').join('');
}

export interface Bench {
	api: FakeHbaApi;
	smf: MemoryNpivPortList;
	/** Virtual port WWN -> the Xen domain that holds it in its configuration (fcadm asks before a delete). */
	owners: Map<Wwn, NpivPortOwner>;
	fcinfo(...argv: string[]): FcToolResult;
	fcadm(...argv: string[]): FcToolResult;
	json(tool: 'fcinfo' | 'fcadm', ...argv: string[]): {result: FcToolResult; value: Record<string, unknown>};
}

export function bench(options: {targetMode?: boolean; portList?: string[]} = {}): Bench {
	const api = new FakeHbaApi({targetMode: options.targetMode ?? false});
	const smf = new MemoryNpivPortList(options.portList ?? []);
	const owners = new Map<Wwn, NpivPortOwner>();
	const ownerOf = (vpwwn: Wwn) => owners.get(vpwwn);
	return {
		api,
		smf,
		owners,
		fcinfo: (...argv) => printed(runFcTool('fcinfo', argv, {api, json: false, smf, ownerOf})),
		fcadm: (...argv) => printed(runFcTool('fcadm', argv, {api, json: false, smf, ownerOf})),
		json: (tool, ...argv) => {
			const result = printed(runFcTool(tool, argv, {api, json: true, smf, ownerOf}));
			return {result, value: JSON.parse(result.stdout) as Record<string, unknown>};
		},
	};
}

/** What the tool printed and returned, without the facts it hands its caller (tested through --json). */
export function printed(result: FcToolResult): FcToolResult {
	const {facts: _facts, ...rest} = result;
	return rest;
}

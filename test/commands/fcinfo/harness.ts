import {MemoryNpivPortList, runFcTool} from '../../../source/commands/fcinfo/index.js';
import type {FcToolResult} from '../../../source/commands/fcinfo/index.js';
import {FakeHbaApi} from './FakeHbaApi.js';

/** Lines joined with newlines, each ending in one: tabs and trailing blanks stay visible in the source. */
export function lines(...text: string[]): string {
	return text.map(t => t + '\n').join('');
}

export interface Bench {
	api: FakeHbaApi;
	smf: MemoryNpivPortList;
	fcinfo(...argv: string[]): FcToolResult;
	fcadm(...argv: string[]): FcToolResult;
	json(tool: 'fcinfo' | 'fcadm', ...argv: string[]): {result: FcToolResult; value: Record<string, unknown>};
}

export function bench(options: {targetMode?: boolean; portList?: string[]} = {}): Bench {
	const api = new FakeHbaApi({targetMode: options.targetMode ?? false});
	const smf = new MemoryNpivPortList(options.portList ?? []);
	return {
		api,
		smf,
		fcinfo: (...argv) => runFcTool('fcinfo', argv, {api, json: false, smf}),
		fcadm: (...argv) => runFcTool('fcadm', argv, {api, json: false, smf}),
		json: (tool, ...argv) => {
			const result = runFcTool(tool, argv, {api, json: true, smf});
			return {result, value: JSON.parse(result.stdout) as Record<string, unknown>};
		},
	};
}

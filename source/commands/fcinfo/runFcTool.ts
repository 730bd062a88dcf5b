import {runCmdParse} from './CmdParse.js';
import type {FcToolContext} from './FcToolContext.js';
import {ToolIo} from './ToolIo.js';
import type {FcToolResult} from './ToolIo.js';
import {toolTables} from './ToolTables.js';
import type {FcToolName} from './ToolTables.js';

/**
 * Run fcinfo or fcadm as the Solaris binary would, over one host's HBA-API. `argv` is what
 * follows the tool name, e.g. ['hba-port', '-l'].
 */
export function runFcTool(tool: FcToolName, argv: readonly string[], ctx: FcToolContext): FcToolResult {
	const io = new ToolIo();
	const exitCode = runCmdParse(tool, argv, toolTables(tool), io, {api: ctx.api, smf: ctx.smf, io, ownerOf: ctx.ownerOf});
	return io.result(exitCode, ctx.json);
}

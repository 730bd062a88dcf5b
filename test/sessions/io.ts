/** What the session and snapshot commands print, captured; and the global options a test runs them with. */
import {PassThrough} from 'node:stream';
import type {GlobalOptions} from '../../source/commands/GlobalOptions.js';
import type {SessionIo} from '../../source/ui/sessionCommands.js';

/** A store path that does not exist: sessions must never need (or touch) the user's store. */
export const GLOBALS: GlobalOptions = {json: false, statePath: '/nonexistent/npiv-test-store.json', noColor: false};

export interface CapturedIo extends SessionIo {
	printed(): string;
	errors(): string;
}

/** Not a terminal: `session replay` without --headless refuses, as it would in a pipe. */
export function captureIo(): CapturedIo {
	let out = '';
	let err = '';
	return {
		stdin: new PassThrough() as unknown as NodeJS.ReadStream,
		stdout: new PassThrough() as unknown as NodeJS.WriteStream,
		out: text => void (out += text),
		err: text => void (err += text),
		printed: () => out,
		errors: () => err,
	};
}

/**
 * The console on a real terminal: alternate screen in, and out again however it ends (q,
 * Ctrl-C, a crash inside the app, the process exiting under it).
 */
import type {ConsoleSource} from './model/ConsoleSource.js';
import {mountConsole} from './mount.js';

export interface RunConsoleOptions {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr?: NodeJS.WriteStream;
	readonly noColor: boolean;
	readonly keysFile?: string;
}

export const NEEDS_TTY =
	"npiv: the console needs a terminal (stdin and stdout must be a TTY); use a command such as 'npiv fcinfo hba-port' instead";

const ENTER = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l';
const LEAVE = '\u001B[?25h\u001B[?1049l';

export async function runConsole(source: ConsoleSource, opts: RunConsoleOptions): Promise<number> {
	const stderr = opts.stderr ?? process.stderr;
	if (!opts.stdout.isTTY || !opts.stdin.isTTY) {
		stderr.write(NEEDS_TTY + '\n');
		return 2;
	}
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		opts.stdout.write(LEAVE);
	};
	opts.stdout.write(ENTER);
	process.once('exit', restore);
	let crash: ((error: unknown) => void) | undefined;
	const onUncaught = (error: unknown) => crash?.(error);
	process.on('uncaughtException', onUncaught);
	try {
		const mounted = mountConsole(source, {
			stdin: opts.stdin,
			stdout: opts.stdout,
			stderr,
			noColor: opts.noColor,
			...(opts.keysFile ? {keysFile: opts.keysFile} : {}),
		});
		const outcome = await Promise.race([
			mounted.exited,
			new Promise<{code: number; error: unknown}>(resolve => {
				crash = error => resolve({code: 1, error});
			}),
		]);
		try {
			mounted.instance.unmount();
		} catch {
			// Already unmounted by a render error.
		}
		restore();
		if (outcome.error !== undefined) {
			const e = outcome.error;
			stderr.write(`npiv: the console stopped on an internal error: ${e instanceof Error ? e.message : String(e)}\n`);
			if (e instanceof Error && e.stack) stderr.write(e.stack + '\n');
			return 1;
		}
		return outcome.code;
	} finally {
		restore();
		process.off('uncaughtException', onUncaught);
		process.off('exit', restore);
	}
}

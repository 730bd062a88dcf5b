/**
 * The console on a real terminal: alternate screen in, and out again however it ends (q,
 * Ctrl-C, a crash inside the app, the process exiting under it). When the terminal itself goes
 * away (hang-up, EIO on write) it ends quietly instead of crashing on the next write.
 */
import type {ConsoleSource} from './model/ConsoleSource.js';
import {mountConsole, type ConsoleExit} from './mount.js';

export interface RunConsoleOptions {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr?: NodeJS.WriteStream;
	readonly noColor: boolean;
	readonly keysFile?: string;
	/** Where the operator's settings are kept between consoles on this store. */
	readonly settingsFile?: string;
}

export const NEEDS_TTY =
	"npiv: the console needs a terminal (stdin and stdout must be a TTY); use a command such as 'npiv fcinfo hba-port' instead";

const CURSOR_SHOW = '\u001B[?25h';
const ENTER = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l';
const LEAVE = `${CURSOR_SHOW}\u001B[?1049l`;

let lateCursorShowDropped = false;

/**
 * Ink hides the cursor through cli-cursor, whose restore-cursor hook writes `\e[?25h` to
 * process.stderr as the very last thing the process does (a signal-exit "always last" handler):
 * with stderr redirected (`npiv 2>log`) that escape would land in the file. LEAVE has already
 * shown the cursor on the terminal itself, so that late copy is dropped. Our 'exit' listener runs
 * before signal-exit's handlers (they are called after the process's own 'exit' listeners).
 */
function dropLateCursorShow(): void {
	if (lateCursorShowDropped) return;
	lateCursorShowDropped = true;
	process.once('exit', () => {
		const stderr = process.stderr;
		const write = stderr.write;
		stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
			if (chunk === CURSOR_SHOW) return true;
			return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
		} as typeof stderr.write;
	});
}

type Outcome = ConsoleExit & {readonly terminalGone?: boolean};

export async function runConsole(source: ConsoleSource, opts: RunConsoleOptions): Promise<number> {
	const stderr = opts.stderr ?? process.stderr;
	if (!opts.stdout.isTTY || !opts.stdin.isTTY) {
		stderr.write(NEEDS_TTY + '\n');
		return 2;
	}
	let terminalGone = false;
	let restored = false;
	const restore = () => {
		if (restored || terminalGone) return;
		restored = true;
		opts.stdout.write(LEAVE);
	};
	let finish!: (outcome: Outcome) => void;
	const finished = new Promise<Outcome>(resolve => {
		finish = resolve;
	});
	const onUncaught = (error: unknown) => finish({code: 1, error});
	const onStdoutError = () => {
		terminalGone = true;
		finish({code: 1, terminalGone: true});
	};
	const onHangup = () => {
		terminalGone = true;
		finish({code: 129, terminalGone: true});
	};
	opts.stdout.write(ENTER);
	dropLateCursorShow();
	process.once('exit', restore);
	process.on('uncaughtException', onUncaught);
	process.once('SIGHUP', onHangup);
	opts.stdout.on('error', onStdoutError);
	try {
		const mounted = mountConsole(source, {
			stdin: opts.stdin,
			stdout: opts.stdout,
			stderr,
			noColor: opts.noColor,
			...(opts.keysFile ? {keysFile: opts.keysFile} : {}),
			...(opts.settingsFile ? {settingsFile: opts.settingsFile} : {}),
		});
		const outcome = await Promise.race([mounted.exited, finished]);
		mounted.saveSettings();
		try {
			// Also when the terminal is gone: it releases stdin; late write errors are caught above.
			mounted.instance.unmount();
			mounted.controller.dispose();
		} catch {
			// Already unmounted by a render error, or the terminal refused the last frame.
		}
		restore();
		if (outcome.error !== undefined && !terminalGone) {
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
		process.off('SIGHUP', onHangup);
		// A dead terminal may still report errors on late writes; they are expected now.
		if (!terminalGone) opts.stdout.off('error', onStdoutError);
	}
}

/**
 * What the replayer needs from a console, and nothing more. session/ sits below ui/, so the
 * console (or a test's fake) implements this; ui/session/ holds the adapter for the real one.
 *
 * Contract, in the order the replayer calls it:
 * - reset() builds a fresh console over the given start with the seed and size, simulated time
 *   stopped at the start's clock. Every later call is relative to that state, so the same start,
 *   seed and calls give the same frames, byte for byte.
 * - press/type/run/advance/resize change the state; the replayer awaits each, then awaits idle()
 *   (all rendering and in-flight work settled) before it reads frame() or paneText().
 * - Simulated time moves only in advance(); a driver never reads the wall clock.
 * - Only a DriverStart of kind 'store' lets the driver save to a file, and the replayer passes one
 *   only when the caller asked for --apply. Any other start lives in memory and is never saved.
 */
import type {KeyName} from './KeyNames.js';
import type {TerminalSize} from './SessionFormat.js';

/** One screen as the user sees it. */
export interface Frame {
	/** Exactly `rows` lines joined by \n, each padded or cut to `cols` characters; no escape codes. */
	readonly text: string;
	/** The same screen with its colours (SGR escapes), lines joined by \n; an emulated terminal of the frame's size shows `text`. */
	readonly ansi: string;
}

export type DriverStart =
	| {readonly kind: 'scenario'; readonly name: string}
	/** A store document held in memory: an embedded one, or a copy of a store file (`origin` is its path). Never saved. */
	| {readonly kind: 'document'; readonly document: string; readonly origin: string}
	/** Only with --apply: open this store file (an absolute path) and save changes to it as the console does. */
	| {readonly kind: 'store'; readonly path: string};

export interface SessionDriver {
	reset(start: DriverStart, seed: number, size: TerminalSize): void | Promise<void>;
	/** One key, normalised (see KeyNames.ts): what the console does when a person presses it. */
	press(key: KeyName): void | Promise<void>;
	/** Text typed into whatever has focus, as one paste-free burst of character keys. */
	type(text: string): void | Promise<void>;
	/** A command line as if entered at the console's ':' bar (e.g. `fcadm create-npiv-port …`). */
	run(commandLine: string): void | Promise<void>;
	/** Lets `ms` of simulated time pass, running every SAN event due in it. */
	advance(ms: number): void | Promise<void>;
	/** Runs every SAN event until nothing is pending (`wait idle`); returns the simulated ms that passed. */
	settle(): number | Promise<number>;
	resize(cols: number, rows: number): void | Promise<void>;
	/** Resolves when the console has rendered everything the last call caused. */
	idle(): Promise<void>;
	frame(): Frame;
	/** The plain text of one pane (rows joined by \n), whether or not it is on screen. */
	paneText(pane: string): string;
	/** Releases what reset() built (an Ink instance, timers); optional. */
	dispose?(): void | Promise<void>;
}

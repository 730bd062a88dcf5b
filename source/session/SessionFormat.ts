/**
 * What a session is, as data: where it starts, the seed, the terminal size, the speed, and the
 * steps. The parser builds it from text, the writer turns it back into text, the recorder builds
 * it from key events and the replayer drives a console with it.
 */
import type {KeyName} from './KeyNames.js';

export const SESSION_MAGIC = '# npiv session v1';

/** The console's panes an `expect … in PANE` may name; callers with more panes pass their own list. */
export const PANE_NAMES = ['adapters', 'vports', 'luns', 'events', 'domains', 'fabric'] as const;
export type PaneName = (typeof PANE_NAMES)[number];

/** 80x24 is the smallest size the console supports; anything above 500 is a typo, not a terminal. */
export const MIN_COLS = 80;
export const MIN_ROWS = 24;
export const MAX_COLS = 500;
export const MAX_ROWS = 500;
export const MAX_SPEED = 1000;
export const MAX_REPEAT = 1000;
export const MAX_SEED = 0xffff_ffff;

export interface TerminalSize {
	readonly cols: number;
	readonly rows: number;
}

/** Why a terminal size cannot be used, or undefined when it can. */
export function sizeProblem(cols: number, rows: number): string | undefined {
	if (!Number.isInteger(cols) || !Number.isInteger(rows)) return `terminal size ${cols}x${rows} is not whole columns and rows`;
	if (cols < MIN_COLS || rows < MIN_ROWS) return `terminal size ${cols}x${rows} is below the smallest the console supports, ${MIN_COLS}x${MIN_ROWS}`;
	if (cols > MAX_COLS || rows > MAX_ROWS) return `terminal size ${cols}x${rows} is above the largest accepted, ${MAX_COLS}x${MAX_ROWS}`;
	return undefined;
}

/** Names of snapshots and scenarios: safe as file names. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Where a replay starts. `store` names a store file (relative paths are relative to the session
 * file's folder); `embedded` carries a whole store document (JSON text) in the session itself.
 */
export type SessionStart =
	| {readonly kind: 'scenario'; readonly name: string}
	| {readonly kind: 'store'; readonly path: string}
	| {readonly kind: 'embedded'; readonly document: string};

export type Step =
	| {readonly kind: 'key'; readonly key: KeyName; readonly times: number}
	| {readonly kind: 'type'; readonly text: string}
	| {readonly kind: 'run'; readonly command: string}
	| {readonly kind: 'wait'; readonly ms: number}
	/** `wait idle`: the SAN runs until nothing is pending (what a one-shot command does after its work). */
	| {readonly kind: 'settle'}
	| {readonly kind: 'expect'; readonly pattern: string; readonly pane?: string; readonly negate: boolean}
	| {readonly kind: 'snapshot'; readonly name: string}
	| {readonly kind: 'resize'; readonly size: TerminalSize};

export type StepKind = Step['kind'];

export interface SessionHeader {
	readonly start: SessionStart;
	readonly seed: number;
	readonly size: TerminalSize;
	/** Simulated milliseconds per wall-clock millisecond when replayed in real time. */
	readonly speed: number;
}

export interface Session extends SessionHeader {
	readonly steps: readonly Step[];
}

/** A session read from text: also knows its file name and the line of each step, for messages. */
export interface ParsedSession extends Session {
	readonly file: string;
	readonly stepLines: readonly number[];
}

export function isParsedSession(session: Session): session is ParsedSession {
	return 'stepLines' in session && Array.isArray((session as ParsedSession).stepLines);
}

export const DEFAULT_HEADER = {seed: 1, size: {cols: 100, rows: 30}, speed: 1} as const;

export const SESSION_FORMAT_HELP = `A session file is plain text, one step a line. Lines whose first non-blank character is
'#' are comments; blank lines are ignored. The first line is the format's name:

  # npiv session v1
  start scenario lab          where the replay starts: a scenario by name,
                              or: start store ./drill-store.json (relative to the session file)
                              or: start embedded <base64 of a store document>
                              or: start embedded, then the document on lines beginning with '|'
  seed 1                      the PRNG seed, 0 to 4294967295 (default 1)
  size 100x30                 terminal columns x rows, 80x24 to 500x500 (default 100x30)
  speed 1                     simulated time per wall-clock time in a real-time replay (default 1)
  ---                         ends the header; steps follow
  key down                    one key: a character (j, 2, ?, A) or a name (enter, escape, tab,
                              space, backspace, delete, insert, up, down, left, right, home, end,
                              pageup, pagedown, f1..f12), with ctrl+, alt+, shift+ (shift+tab)
  key down x5                 the same key five times
  type "c0007d1a2b3c4d5e"     text typed into the focused prompt (JSON string escapes)
  run fcadm create-npiv-port 2100001b32812345
                              a command, as from the console's ':' bar (the rest of the line)
  wait 2s                     let simulated time pass: 250ms, 2s, 1.5s, 3m, 1h
  wait idle                   let the SAN run until nothing is pending, as a one-shot command does
                              after its work (a migration finishes, logins and discovery settle)
  expect "Virtual Port1" in vports
                              a regular expression (multiline; trailing spaces of each screen
                              line removed) that must match the pane's text, or without
                              'in PANE' the whole screen; 'expect not "…"' must not match
  snapshot after-create       a saved frame: <session>.frames/after-create.txt (check compares,
                              --update rewrites)
  resize 80x24                the terminal changes size

A replay never changes the store a session starts from unless it is run with --apply; without it
the console works on a copy.
`;

/**
 * Builds a session from what a person does at the console: keys (normalised names) with the
 * simulated time that passed before each, resizes, and explicit commands or snapshots. The time
 * between events becomes `wait` steps, so a replay runs the SAN's events at the same points.
 *
 * Typing into a prompt is gathered into one `type` step; the time spent between its keys is
 * moved after it as one `wait`. That keeps the replay faithful: what sits in a prompt does not
 * touch the SAN, so the SAN after `type "abc"` + `wait 900ms` is the SAN after the three keys
 * 300 ms apart, and the screen after the last key is the same.
 */
import {parseKeyName, printedText, type KeyName} from './KeyNames.js';
import {regexProblem} from './SessionParser.js';
import {MAX_REPEAT, NAME_PATTERN, sizeProblem, type Session, type SessionHeader, type Step} from './SessionFormat.js';
import {writeSession} from './SessionWriter.js';

export interface RecorderOptions {
	/** Gather character keys typed into a prompt into one `type` step; default true. */
	readonly typeRuns?: boolean;
	/** The same key again with no time between becomes `key NAME xN`; default true. */
	readonly repeats?: boolean;
}

export interface KeyContext {
	/** The key goes to a text prompt (`:` bar, `/` filter, a dialog's field). */
	readonly prompt?: boolean;
}

export class SessionRecorder {
	private readonly recorded: Step[] = [];
	private pendingWait = 0;
	private typing: {text: string; deferredWait: number} | undefined;
	private readonly typeRuns: boolean;
	private readonly repeats: boolean;

	constructor(readonly header: SessionHeader, options: RecorderOptions = {}) {
		this.typeRuns = options.typeRuns ?? true;
		this.repeats = options.repeats ?? true;
	}

	/** A key, `gapMs` of simulated time after the previous event (or the start). */
	key(name: string, gapMs = 0, context: KeyContext = {}): void {
		const parsed = parseKeyName(name);
		if ('error' in parsed) throw new Error(parsed.error);
		const key = parsed.key;
		const gap = checkGap(gapMs);
		const printed = this.typeRuns && context.prompt ? printedText(key) : undefined;
		if (printed !== undefined) {
			if (this.typing) {
				this.typing.text += printed;
				this.typing.deferredWait += gap;
			} else {
				this.pendingWait += gap;
				this.flushWait();
				this.typing = {text: printed, deferredWait: 0};
			}
			return;
		}
		this.before(gap);
		this.pushKey(key);
	}

	/** Text that arrived at once (a paste) into a prompt. */
	type(text: string, gapMs = 0): void {
		if (text === '') return;
		this.before(checkGap(gapMs));
		this.recorded.push({kind: 'type', text});
	}

	run(command: string, gapMs = 0): void {
		const line = command.trim();
		if (line === '' || /[\r\n]/.test(line)) throw new Error(`a recorded command must be one non-empty line, got ${JSON.stringify(command)}`);
		this.before(checkGap(gapMs));
		this.recorded.push({kind: 'run', command: line});
	}

	resize(cols: number, rows: number, gapMs = 0): void {
		const problem = sizeProblem(cols, rows);
		if (problem) throw new Error(problem);
		this.before(checkGap(gapMs));
		const last = this.recorded[this.recorded.length - 1];
		// a drag of the window edge sends many sizes; only where it stopped matters
		if (last?.kind === 'resize') this.recorded.pop();
		this.recorded.push({kind: 'resize', size: {cols, rows}});
	}

	snapshot(name: string, gapMs = 0): void {
		if (!NAME_PATTERN.test(name)) throw new Error(`expected a snapshot name (letters, digits, '.', '_', '-'), got '${name}'`);
		if (this.recorded.some(step => step.kind === 'snapshot' && step.name === name)) throw new Error(`snapshot name '${name}' is already used`);
		this.before(checkGap(gapMs));
		this.recorded.push({kind: 'snapshot', name});
	}

	expect(pattern: string, options: {readonly pane?: string; readonly negate?: boolean} = {}, gapMs = 0): void {
		const problem = regexProblem(pattern);
		if (problem) throw new Error(problem);
		this.before(checkGap(gapMs));
		this.recorded.push({kind: 'expect', pattern, negate: options.negate ?? false, ...(options.pane === undefined ? {} : {pane: options.pane})});
	}

	/** Simulated time passing with no input; written as a `wait` once something follows it. */
	wait(ms: number): void {
		this.endTyping();
		this.pendingWait += checkGap(ms);
	}

	/** The session so far. Time after the last event is left out until something follows it. */
	session(): Session {
		const steps = [...this.recorded];
		if (this.typing) {
			steps.push({kind: 'type', text: this.typing.text});
			if (this.typing.deferredWait > 0) steps.push({kind: 'wait', ms: this.typing.deferredWait});
		}
		return {...this.header, steps};
	}

	/** The session file's text (`:session save FILE` writes this). */
	text(): string {
		return writeSession(this.session());
	}

	private before(gap: number): void {
		this.endTyping();
		this.pendingWait += gap;
		this.flushWait();
	}

	private endTyping(): void {
		if (!this.typing) return;
		this.recorded.push({kind: 'type', text: this.typing.text});
		this.pushWait(this.typing.deferredWait);
		this.typing = undefined;
	}

	private flushWait(): void {
		this.pushWait(this.pendingWait);
		this.pendingWait = 0;
	}

	private pushWait(ms: number): void {
		if (ms <= 0) return;
		const last = this.recorded[this.recorded.length - 1];
		if (last?.kind === 'wait') this.recorded[this.recorded.length - 1] = {kind: 'wait', ms: last.ms + ms};
		else this.recorded.push({kind: 'wait', ms});
	}

	private pushKey(key: KeyName): void {
		const last = this.recorded[this.recorded.length - 1];
		if (this.repeats && last?.kind === 'key' && last.key === key && last.times < MAX_REPEAT) {
			this.recorded[this.recorded.length - 1] = {kind: 'key', key, times: last.times + 1};
		} else {
			this.recorded.push({kind: 'key', key, times: 1});
		}
	}
}

function checkGap(ms: number): number {
	if (!Number.isFinite(ms) || ms < 0) throw new Error(`the time between events must be a finite number of milliseconds >= 0, got ${ms}`);
	return Math.round(ms);
}

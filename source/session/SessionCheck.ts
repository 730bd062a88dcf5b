/**
 * `npiv session check`: replay, and stop at the first `expect` that does not hold or `snapshot`
 * that differs from its saved frame, saying where (file:line), what, and showing the difference.
 * With `update`, snapshots are (re)written instead of compared and only expects can fail.
 */
import {shown} from '../commands/ShownValue.js';
import {ExpectBudgetError, matchWithin} from './ExpectMatch.js';
import {unifiedDiff} from './FrameDiff.js';
import {savedFrameText, visibleText} from './FrameText.js';
import {runSession, type ReplayOptions, type ReplayResult, type StepContext} from './Replayer.js';
import {FrameDirectory, framesDirFor, type FrameArchive} from './SavedFrames.js';
import {ReplayError} from './SessionError.js';
import type {SessionDriver} from './SessionDriver.js';
import {isParsedSession, type Session, type Step} from './SessionFormat.js';
import {stepLine} from './SessionWriter.js';

export interface CheckOptions extends ReplayOptions {
	/** Folder of saved frames; default `<session file>.frames`. */
	readonly framesDir?: string;
	/** Saved frames from elsewhere (tests keep them in memory); overrides framesDir. */
	readonly frames?: FrameArchive;
	/** Write every snapshot's frame instead of comparing (`--update`). */
	readonly update?: boolean;
}

export interface SnapshotOutcome {
	readonly name: string;
	readonly line?: number;
	/** matched: equal to the saved frame; written: saved for the first time; updated: saved over a different frame. */
	readonly status: 'matched' | 'written' | 'updated';
}

export interface CheckFailure {
	readonly kind: 'expect' | 'snapshot-differs' | 'snapshot-missing';
	readonly index: number;
	readonly line?: number;
	readonly step: Step;
	/** One line: `drill.tape:12: expect "Virtual Port1" in vports: no match in pane vports`. */
	readonly message: string;
	/** For a snapshot, the unified diff saved -> replayed; for an expect, the text that was searched. */
	readonly detail: string;
}

export interface CheckResult {
	readonly ok: boolean;
	readonly failure?: CheckFailure;
	readonly replay: ReplayResult;
	readonly expects: number;
	readonly snapshots: readonly SnapshotOutcome[];
}

export async function check(session: Session, driver: SessionDriver, options: CheckOptions = {}): Promise<CheckResult> {
	const file = isParsedSession(session) ? session.file : undefined;
	let archive = options.frames;
	const frames = (): FrameArchive => {
		if (archive) return archive;
		const dir = options.framesDir ?? (file === undefined ? undefined : framesDirFor(file));
		if (dir === undefined) throw new ReplayError('this session has snapshot steps but no folder for its saved frames (give framesDir)');
		archive = new FrameDirectory(dir);
		return archive;
	};
	const snapshots: SnapshotOutcome[] = [];
	let expects = 0;

	const where = (context: StepContext): string => (file !== undefined && context.line !== undefined ? `${file}:${context.line}` : `step ${context.index + 1}`);

	const {result, stoppedBy} = await runSession<CheckFailure>(session, driver, options, (step, screen, context, target) => {
		const base = {index: context.index, step, ...(context.line === undefined ? {} : {line: context.line})};
		if (step.kind === 'expect') {
			expects++;
			const searched = visibleText(step.pane === undefined ? screen().text : target.paneText(step.pane));
			let match: string | null;
			try {
				match = matchWithin(step.pattern, 'm', searched);
			} catch (error) {
				if (error instanceof ExpectBudgetError) throw new ReplayError(`${where(context)}: ${shown(stepLine(step))}: ${error.message}`);
				throw error;
			}
			if ((match !== null) === !step.negate) return undefined;
			const subject = step.pane === undefined ? 'on the screen' : `in pane ${step.pane}`;
			const why = step.negate ? `matched '${match!}' ${subject}` : `no match ${subject}`;
			return {...base, kind: 'expect', message: `${where(context)}: ${stepLine(step)}: ${why}`, detail: framed(searched, step.pane === undefined ? 'screen' : `pane ${step.pane}`)};
		}
		const store = frames();
		const frame = screen();
		const saved = store.read(step.name);
		const actual = savedFrameText(frame.text);
		const outcome = (status: SnapshotOutcome['status']): void => {
			snapshots.push({name: step.name, status, ...(context.line === undefined ? {} : {line: context.line})});
		};
		if (options.update) {
			if (saved !== undefined && savedFrameText(saved) === actual) outcome('matched');
			else {
				store.write(step.name, frame.text);
				outcome(saved === undefined ? 'written' : 'updated');
			}
			return undefined;
		}
		if (saved === undefined) {
			return {...base, kind: 'snapshot-missing', message: `${where(context)}: snapshot ${step.name} has no saved frame (${store.where(step.name)}); run check with --update to save it`, detail: framed(frame.text, 'replayed')};
		}
		const expected = savedFrameText(saved);
		if (expected === actual) {
			outcome('matched');
			return undefined;
		}
		const diff = unifiedDiff(expected, actual, {before: `saved    ${store.where(step.name)}`, after: `replayed ${where(context)}`});
		return {...base, kind: 'snapshot-differs', message: `${where(context)}: snapshot ${step.name} differs from its saved frame (--update accepts the new one)`, detail: diff};
	});
	return stoppedBy ? {ok: false, failure: stoppedBy, replay: result, expects, snapshots} : {ok: true, replay: result, expects, snapshots};
}

/** The failure as the CLI prints it: the message, then the diff or the searched text. */
export function formatCheckFailure(failure: CheckFailure): string {
	return `${failure.message}\n${failure.detail}`;
}

function framed(text: string, title: string): string {
	const lines = visibleText(text).split('\n');
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	const width = Math.max(0, ...lines.map(line => line.length));
	const rule = '-'.repeat(Math.min(Math.max(width, 20), 120));
	return [`${title}:`, rule, ...lines, rule].join('\n') + '\n';
}

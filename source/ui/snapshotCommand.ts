/**
 * `npiv snapshot --pane NAME`: one screen of the console, headless, over the SAN of the current
 * store (booted as a one-shot command boots it), for people's own snapshot tests. The console is
 * drawn as it opens, with the pane focused and, with --select N, its Nth row selected. Nothing
 * is saved to the store.
 */
import path from 'node:path';
import {parseArgs} from 'node:util';
import {asksForHelp, familyJson} from '../commands/families/FamilyOutput.js';
import {json, type CommandOutput} from '../commands/CommandOutput.js';
import type {GlobalOptions} from '../commands/GlobalOptions.js';
import {visibleText} from '../session/FrameText.js';
import {MAX_COLS, MAX_ROWS, sizeProblem, type TerminalSize} from '../session/SessionFormat.js';
import {renderFrameToSvg} from '../session/SvgFrame.js';
import {isStoreError, openStore, type StoreDocument} from '../store/index.js';
import {WorldError} from '../world/WorldError.js';
import {computeLayout} from './layout.js';
import {WorldConsoleSource} from './live/WorldConsoleSource.js';
import {PANES, type PaneId} from './model/ConsoleSource.js';
import type {SessionIo} from './sessionCommands.js';
import {OnDemandConsoleDriver} from './session/OnDemandConsoleDriver.js';
import {listOf} from './state/uiState.js';

export const SNAPSHOT_FORMATS = ['text', 'ansi', 'svg'] as const;
export type SnapshotFormat = (typeof SNAPSHOT_FORMATS)[number];

export const SNAPSHOT_USAGE = `Usage: npiv snapshot --pane NAME [--select N] [--detail] [--cols C] [--rows R] [--format text|ansi|svg]

  Draws the console with pane NAME focused, over the SAN of the store (--state), and prints it.
  panes: ${PANES.join(', ')}
  --select N      select the Nth row of the pane (1 is the first)
  --detail        open the detail panel of the selected row
  --cols C, --rows R
                  the terminal size, at least 80x24 (default 100x30)
  --format F      text (default: the screen's characters), ansi (with colours), svg (a picture)
`;

export interface SnapshotRequest {
	readonly pane: PaneId;
	/** 1-based row, or undefined for the pane as it opens. */
	readonly select?: number;
	readonly detail: boolean;
	readonly size: TerminalSize;
	readonly format: SnapshotFormat;
}

class UsageError extends Error {}

export async function runSnapshotCommand(argv: readonly string[], globals: GlobalOptions, io: Pick<SessionIo, 'out' | 'err'>): Promise<number> {
	const out = familyJson(await snapshot(argv, globals), globals.json);
	if (out.stdout) io.out(out.stdout);
	if (out.stderr) io.err(out.stderr);
	return out.exitCode;
}

async function snapshot(argv: readonly string[], globals: GlobalOptions): Promise<CommandOutput> {
	const failed = (stderr: string, exitCode: number): CommandOutput => ({stdout: '', stderr, exitCode});
	if (asksForHelp(argv)) return {stdout: SNAPSHOT_USAGE, stderr: '', exitCode: 0};
	let request: SnapshotRequest;
	try {
		request = parseSnapshotArgs(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		return failed(`npiv snapshot: ${error.message}\n${SNAPSHOT_USAGE}`, 2);
	}
	let document: StoreDocument;
	try {
		const store = await openStore(globals.statePath, {seed: globals.seed});
		document = store.document.revision > 0 ? await store.read() : store.document;
	} catch (error) {
		if (!isStoreError(error)) throw error;
		return failed(`npiv: ${(error as Error).message}\n`, 1);
	}
	try {
		const screen = await renderSnapshot(document, displayPath(globals.statePath), request, globals.noColor);
		if (!globals.json) return {stdout: screen, stderr: '', exitCode: 0};
		// the request as it was understood, then the picture in the format asked for
		return json({pane: request.pane, ...(request.select === undefined ? {} : {select: request.select}), detail: request.detail, cols: request.size.cols, rows: request.size.rows, format: request.format, screen});
	} catch (error) {
		if (error instanceof SnapshotError || error instanceof WorldError) return failed(`npiv snapshot: ${(error as Error).message}\n`, 1);
		throw error;
	}
}

export function parseSnapshotArgs(argv: readonly string[]): SnapshotRequest {
	let values: Record<string, string | boolean | undefined>;
	let positionals: string[];
	try {
		({values, positionals} = parseArgs({
			args: [...argv],
			options: {pane: {type: 'string'}, select: {type: 'string'}, detail: {type: 'boolean'}, cols: {type: 'string'}, rows: {type: 'string'}, format: {type: 'string'}},
			allowPositionals: true,
			strict: true,
		}));
	} catch (error) {
		throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
	}
	if (positionals.length > 0) throw new UsageError(`unexpected '${positionals.join(' ')}'`);
	const pane = values['pane'] as string | undefined;
	if (pane === undefined) throw new UsageError('--pane NAME is required');
	if (!(PANES as readonly string[]).includes(pane)) throw new UsageError(`unknown pane '${pane}'; the panes are: ${PANES.join(', ')}`);
	const format = (values['format'] as string | undefined) ?? 'text';
	if (!(SNAPSHOT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}'; the formats are: ${SNAPSHOT_FORMATS.join(', ')}`);
	const cols = whole(values['cols'] as string | undefined, '--cols', 100, MAX_COLS);
	const rows = whole(values['rows'] as string | undefined, '--rows', 30, MAX_ROWS);
	const problem = sizeProblem(cols, rows);
	if (problem) throw new UsageError(problem);
	const selectText = values['select'] as string | undefined;
	if (selectText !== undefined && !/^[1-9]\d{0,15}$/.test(selectText)) throw new UsageError(`--select takes a row number, 1 for the first row; got '${selectText}'`);
	const select = selectText === undefined ? undefined : Number(selectText);
	return {pane: pane as PaneId, ...(select === undefined ? {} : {select}), detail: values['detail'] === true, size: {cols, rows}, format: format as SnapshotFormat};
}

/** A request that the store cannot satisfy (a row that is not there). */
export class SnapshotError extends Error {}

/** The screen for `request`, over a SAN booted from `document`; `storeFile` is what the header shows. */
export async function renderSnapshot(document: StoreDocument, storeFile: string, request: SnapshotRequest, noColor = false): Promise<string> {
	const source = new WorldConsoleSource({document, storeFile, clock: 'manual'});
	const driver = new OnDemandConsoleDriver(() => source, {noColor});
	try {
		await driver.reset({kind: 'document', document: '', origin: storeFile}, document.seed, request.size);
		const console = driver.console!;
		const {store, controller} = console;
		store.dispatch({type: 'focusPane', pane: request.pane});
		if (request.select !== undefined) {
			const ui = store.getState();
			const view = controller.currentView();
			if (request.select > view.rows.length) {
				throw new SnapshotError(`the ${request.pane} pane has ${view.rows.length} row${view.rows.length === 1 ? '' : 's'}; --select ${request.select} is past the last`);
			}
			if (request.pane === 'events') store.dispatch({type: 'follow', on: false});
			const index = request.select - 1;
			store.dispatch({type: 'select', list: listOf(ui), index, key: view.rows[index]!.key, height: computeLayout(ui).listRows});
		}
		if (request.detail) store.dispatch({type: 'detail', mode: 'open'});
		await driver.idle();
		const frame = driver.frame();
		switch (request.format) {
			case 'text':
				// every row, so the picture keeps the terminal's height; no trailing spaces
				return visibleText(frame.text) + '\n';
			case 'ansi':
				return frame.ansi + '\x1b[0m\n';
			case 'svg':
				return renderFrameToSvg(frame.ansi, request.size.cols, request.size.rows, {title: `npiv snapshot --pane ${request.pane}`});
		}
	} finally {
		await driver.dispose();
	}
}

function whole(text: string | undefined, option: string, fallback: number, max: number): number {
	if (text === undefined) return fallback;
	if (!/^\d{1,16}$/.test(text) || Number(text) > max) throw new UsageError(`${option} takes a whole number, at most ${max}; got '${text}'`);
	return Number(text);
}

/** The store file as the header shows it: relative to the working folder when inside it (as the console does). */
function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * What every command id does. Keys come in through `handleInput` (the one useInput of the app),
 * are normalised, and go to the dispatcher with the layers that are active now; the handlers
 * below change the UI state through the store and call the model's actions.
 */
import type {Key} from 'ink';
import {parseWwn, type Wwn} from '../../sim/Wwn.js';
import {isValidDomainName} from '../../xvm/DomainSpec.js';
import {PANES, type ActionResult, type CommandResult, type ConsoleSnapshot, type ConsoleSource, type DomainVerb, type LinkRef, type PaneId} from '../model/ConsoleSource.js';
import type {CommandId, Context} from '../keys/defaultBindings.js';
import {dispatchKey, type Dispatched, type KeyLayer} from '../keys/Dispatcher.js';
import {hintItems, type Hint} from '../keys/hints.js';
import type {KeyRegistry} from '../keys/KeyRegistry.js';
import {normaliseInput, type KeyPress} from '../keys/keyNames.js';
import {computeLayout, detailVisible, SIDE_DETAIL_COLS} from '../layout.js';
import {fitColumns} from '../panes/columns.js';
import {dialogFocus, dialogReducer, valueOf, type DialogAction, type DialogState, type FormDialog, type PendingAction} from '../state/dialog.js';
import {parseFilter} from '../state/filter.js';
import {columnsOf, ListViews, type ListView} from '../state/listViews.js';
import {editActionFor, editText, textEdit, type TextEditAction} from '../state/textEdit.js';
import {FABRIC_VIEWS, listOf, promptFor, type ListId, type OutputLine, type SortSpec, type StatusLevel, type StatusMessage, type UiStore} from '../state/uiState.js';
import {expandTabs} from '../text.js';
import {detailLines} from '../view/detailLines.js';
import {helpLines} from '../view/helpContent.js';
import {
	createDomainDialog,
	createVportDialog,
	deleteVportDialog,
	domainConfigText,
	domainConfirm,
	linkConfirm,
	migrateDialog,
	npivAttachDialog,
	npivDetachDialog,
} from './dialogs.js';

const PANE_ALIASES: Readonly<Record<string, PaneId>> = {
	adapters: 'adapters',
	hba: 'adapters',
	vports: 'vports',
	vp: 'vports',
	luns: 'luns',
	lun: 'luns',
	events: 'events',
	ev: 'events',
	domains: 'domains',
	dom: 'domains',
	fabric: 'fabric',
	fab: 'fabric',
};

const FILTER_TAG = 'filter';

/**
 * How long an information or a warning stays in the status line: wall-clock ms at the live
 * console, simulated ms when a replay or a test drives the clock (so that a replay shows the
 * same frames every time). Errors stay until the next key.
 */
export const STATUS_MS = 5000;

/** Runs `fn` once after `ms` of wall-clock time; returns a cancel. */
export type StatusTimer = (fn: () => void, ms: number) => () => void;

const wallTimer: StatusTimer = (fn, ms) => {
	const t = setTimeout(fn, ms);
	// A message about to expire must not keep a quitting console alive.
	t.unref?.();
	return () => clearTimeout(t);
};

export interface ControllerDeps {
	readonly source: ConsoleSource;
	readonly store: UiStore;
	readonly registry: KeyRegistry;
	readonly views: ListViews;
	/** Ends the console with an exit code (0 quit, 130 interrupt, 1 with the error of a crash). */
	readonly exit: (code: number, error?: unknown) => void;
	/** Expires status messages at the live console (default setTimeout); tests pass their own. */
	readonly timer?: StatusTimer;
	/** Puts text on the terminal's clipboard (OSC 52); absent: nowhere to copy to. */
	readonly clipboard?: (text: string) => void;
}

/** The domain keys whose verb xend may refuse up front. */
const DOMAIN_VERBS: Partial<Record<CommandId, DomainVerb>> = {
	'domain.shutdown': 'shutdown',
	'domain.destroy': 'destroy',
	'domain.reboot': 'reboot',
	'domain.pause': 'pause',
	'domain.unpause': 'unpause',
	'domain.suspend': 'suspend',
	'domain.resume': 'resume',
	'domain.migrate': 'migrate',
};

/** What a row may carry that an operator copies: its WWN first, else what names it. */
interface CopyableRow {
	readonly key: string;
	readonly portWwn?: string;
	readonly wwpn?: string;
	readonly wwn?: string;
	readonly summary?: string;
	readonly name?: string;
}

function copyTextOf(row: CopyableRow): string {
	return row.portWwn ?? row.wwpn ?? row.wwn ?? (parseWwn(row.key) ? row.key : (row.name ?? row.summary ?? row.key));
}

export class ConsoleController {
	private runId = 0;
	private filterStatusShown = false;
	/** The message shown and when it goes (see STATUS_MS). */
	private expiry: {status: StatusMessage; simUntil?: number; cancel?: () => void} | undefined;
	/** Notices up to this one were shown (or came before the console). */
	private noticeSeq: number;
	private observing = false;
	private readonly unsubscribe: () => void;

	constructor(private readonly deps: ControllerDeps) {
		this.noticeSeq = deps.source.getSnapshot().notice?.seq ?? 0;
		// After the source's change has finished (a microtask), not in the middle of it.
		this.unsubscribe = deps.source.subscribe(() => {
			if (this.observing) return;
			this.observing = true;
			queueMicrotask(() => {
				this.observing = false;
				this.observe();
			});
		});
	}

	/** Stops watching the source (the console is gone). */
	dispose(): void {
		this.unsubscribe();
		this.expiry?.cancel?.();
		this.expiry = undefined;
	}

	private get ui() {
		return this.deps.store.getState();
	}

	private get snapshot(): ConsoleSnapshot {
		return this.deps.source.getSnapshot();
	}

	private dispatch(action: Parameters<UiStore['dispatch']>[0]): void {
		this.deps.store.dispatch(action);
	}

	/** The one entry for keys (from Ink's useInput). */
	handleInput = (input: string, key: Key): void => {
		try {
			for (const press of normaliseInput(input, key)) this.handleKey(press);
		} catch (error) {
			this.deps.exit(1, error);
		}
	};

	handleKey(key: KeyPress): Dispatched {
		// An error stays until the operator has seen it and moved on: the next key.
		if (this.ui.status?.level === 'error') this.clearStatus();
		return dispatchKey(this.deps.registry, this.layers(), key);
	}

	/** Contexts whose keys work now, highest priority first (a modal layer hides the rest). */
	hintContexts(): Context[] {
		const layers = this.layers();
		return layers[0]!.modal ? [...layers[0]!.contexts] : layers.flatMap(l => [...l.contexts]);
	}

	/** The hint bar's items: what works now, worded for the current mode. */
	hints(): Hint[] {
		const ui = this.ui;
		let items = hintItems(this.deps.registry, this.hintContexts());
		if (ui.dialog) {
			const focus = dialogFocus(ui.dialog);
			const kind = focus.type === 'field' ? focus.field.kind : focus.type;
			const confirm = ui.dialog.kind === 'confirm';
			items = items.filter(h => (h.id !== 'dialog.optionNext' || kind === 'pick') && (h.id !== 'dialog.toggle' || kind === 'toggle') && ((h.id !== 'dialog.yes' && h.id !== 'dialog.no') || confirm));
		}
		if (ui.prompt?.mode === 'filter') {
			items = items
				.filter(h => h.id !== 'prompt.complete' && h.id !== 'prompt.historyPrev')
				.map(h => (h.id === 'prompt.submit' ? {...h, label: 'keep filter'} : h.id === 'prompt.cancel' ? {...h, label: 'clear filter'} : h));
		}
		return items;
	}

	currentView(): ListView {
		const ui = this.ui;
		return this.deps.views.view(this.snapshot, ui, listOf(ui));
	}

	private layers(): KeyLayer[] {
		const ui = this.ui;
		const global: KeyLayer = {name: 'global', contexts: ['global'], modal: false, handle: c => this.onGlobal(c)};
		if (computeLayout(ui).tooSmall) {
			return [{...global, handle: c => (c === 'app.quit' || c === 'app.interrupt' ? this.onGlobal(c) : false)}];
		}
		if (ui.dialog) {
			const focus = dialogFocus(ui.dialog);
			const text = focus.type === 'field' && focus.field.kind === 'text';
			return [{name: 'dialog', contexts: text ? ['edit', 'dialog'] : ['dialog'], modal: true, handle: (c, k) => this.onDialog(c, k)}, global];
		}
		if (ui.help) return [{name: 'help', contexts: ['help'], modal: true, handle: c => this.onHelp(c)}, global];
		if (ui.prompt) return [{name: 'prompt', contexts: ['prompt', 'edit'], modal: true, handle: (c, k) => this.onPrompt(c, k)}, global];
		if (ui.output) return [{name: 'output', contexts: ['output'], modal: false, handle: c => this.onOutput(c)}, global];
		return [{name: 'pane', contexts: [`pane:${ui.pane}`, 'pane'], modal: false, handle: c => this.onPane(c)}, global];
	}

	// -- status and actions ------------------------------------------------------------------

	private status(level: StatusLevel, text: string): void {
		this.filterStatusShown = false;
		const status: StatusMessage = {level, text};
		this.expiry?.cancel?.();
		this.expiry = undefined;
		this.dispatch({type: 'status', status});
		if (level === 'error') return;
		const header = this.snapshot.header;
		if (header.clockMode === 'manual') this.expiry = {status, simUntil: header.clock + STATUS_MS};
		else this.expiry = {status, cancel: (this.deps.timer ?? wallTimer)(() => this.expire(status), STATUS_MS)};
	}

	/** Another pane: what the status line said was about the one left. */
	private focusPane(pane: PaneId): void {
		const moved = pane !== this.ui.pane;
		this.dispatch({type: 'focusPane', pane});
		if (moved && this.ui.status) this.clearStatus();
	}

	private clearStatus(): void {
		this.expiry?.cancel?.();
		this.expiry = undefined;
		this.dispatch({type: 'status', status: null});
	}

	/** Takes `status` away if it is still the one shown. */
	private expire(status: StatusMessage): void {
		if (this.expiry?.status === status) this.expiry = undefined;
		if (this.ui.status === status) this.dispatch({type: 'status', status: null});
	}

	/** After the source changed: the end of long work replaces the message, and time moves on. */
	private observe(): void {
		const snap = this.snapshot;
		const notice = snap.notice;
		if (notice && notice.seq > this.noticeSeq) {
			this.noticeSeq = notice.seq;
			this.status(notice.level, notice.text);
			return;
		}
		const until = this.expiry?.simUntil;
		if (until !== undefined && snap.header.clock >= until) this.expire(this.expiry!.status);
	}

	/** Runs a model action and reports its outcome in the status line. */
	private perform(pending: string, result: Promise<ActionResult>): void {
		this.status('info', `${pending}…`);
		result.then(
			r => this.status(r.ok ? 'info' : 'error', r.message),
			(error: unknown) => this.status('error', `internal error: ${error instanceof Error ? error.message : String(error)}`),
		);
	}

	// -- global --------------------------------------------------------------------------------

	private onGlobal(command: CommandId | undefined): boolean {
		const {actions} = this.deps.source;
		switch (command) {
			case 'app.interrupt':
				this.deps.exit(130);
				return true;
			case 'app.quit': {
				const warning = this.snapshot.quitWarning;
				if (!warning) this.deps.exit(0);
				else this.openDialog({kind: 'confirm', title: 'Quit?', body: [warning, 'Quit the console anyway?'], confirmLabel: 'Quit', action: {type: 'app.quit'}, focus: 0});
				return true;
			}
			case 'help.toggle':
				this.dispatch({type: 'help', help: this.ui.help ? null : {top: 0}});
				return true;
			case 'prompt.command':
				this.dispatch({type: 'prompt', prompt: promptFor('command', listOf(this.ui))});
				return true;
			case 'pane.next':
			case 'pane.prev': {
				const i = PANES.indexOf(this.ui.pane);
				const next = PANES[(i + (command === 'pane.next' ? 1 : PANES.length - 1)) % PANES.length]!;
				this.focusPane(next);
				return true;
			}
			case 'pane.adapters':
			case 'pane.vports':
			case 'pane.luns':
			case 'pane.events':
			case 'pane.domains':
			case 'pane.fabric':
				this.focusPane(command.slice(5) as PaneId);
				return true;
			case 'clock.pause':
				if (this.snapshot.header.running) actions.clock.pause();
				else actions.clock.resume();
				return true;
			case 'clock.step':
				actions.clock.step();
				return true;
			case 'clock.speed1':
			case 'clock.speed10':
			case 'clock.speed100':
				actions.clock.setSpeed(Number(command.slice(11)) as 1 | 10 | 100);
				return true;
			default:
				return false;
		}
	}

	// -- lists ---------------------------------------------------------------------------------

	private listHeight(): number {
		return computeLayout(this.ui).listRows;
	}

	private moveIndex(command: CommandId | undefined, current: number, count: number, page: number): number | undefined {
		const last = Math.max(0, count - 1);
		switch (command) {
			case 'list.down':
				return Math.min(last, current + 1);
			case 'list.up':
				return Math.max(0, current - 1);
			case 'list.pageDown':
				return Math.min(last, current + page);
			case 'list.pageUp':
				return Math.max(0, current - page);
			case 'list.top':
				return 0;
			case 'list.bottom':
				return last;
			default:
				return undefined;
		}
	}

	private select(view: ListView, index: number): void {
		this.dispatch({type: 'select', list: view.list, index, key: view.rows[index]?.key ?? null, height: this.listHeight()});
	}

	private selectedRow<T>(view: ListView): T | undefined {
		return view.index >= 0 ? (view.rows[view.index] as T) : undefined;
	}

	private onPane(command: CommandId | undefined): boolean {
		const ui = this.ui;
		const view = this.currentView();
		const moved = this.moveIndex(command, Math.max(0, view.index), view.rows.length, this.listHeight());
		if (moved !== undefined) {
			if (view.rows.length === 0) return true;
			if (view.list === 'events' && ui.follow && moved < view.rows.length - 1) {
				this.dispatch({type: 'follow', on: false});
				this.status('info', 'Follow off (f to follow new events again)');
			}
			this.select(view, moved);
			return true;
		}
		switch (command) {
			case 'detail.down':
			case 'detail.up': {
				const row = view.rows[view.index];
				const rect = computeLayout(ui).detail;
				if (!row || !rect) return true;
				const detail = this.deps.source.detail(ui.pane, row.key);
				// Screen lines, as the panel lays them out (long values wrap).
				const total = detail ? detailLines(detail, rect.width - 2).length : 0;
				const current = ui.detailScroll.key === row.key ? ui.detailScroll.top : 0;
				const maxTop = Math.max(0, total - (rect.height - 2));
				const top = Math.max(0, Math.min(maxTop, current + (command === 'detail.down' ? 1 : -1)));
				this.dispatch({type: 'detailScroll', key: row.key, top});
				return true;
			}
			case 'detail.toggle':
				this.dispatch({type: 'detail', mode: detailVisible(ui) ? 'closed' : 'open'});
				return true;
			case 'pane.back':
				if (ui.detail === 'open' && ui.cols < SIDE_DETAIL_COLS) {
					this.dispatch({type: 'detail', mode: 'auto'});
					return true;
				}
				if (ui.lists[view.list].filter !== '') {
					this.dispatch({type: 'filter', list: view.list, filter: ''});
					this.clearFilterStatus();
					return true;
				}
				if (ui.detail === 'open') {
					this.dispatch({type: 'detail', mode: 'auto'});
					return true;
				}
				return false;
			case 'prompt.filter':
				this.dispatch({type: 'prompt', prompt: promptFor('filter', view.list, ui.lists[view.list].filter)});
				return true;
			case 'list.sort':
			case 'list.sortFlip': {
				// The columns on screen: a column the width hides is not one to sort by unseen.
				const columns = fitColumns(columnsOf(view.list, ui.names), computeLayout(ui).list.width - 4).map(f => f.column);
				const current = ui.lists[view.list].sort;
				let sort: SortSpec | null;
				if (command === 'list.sortFlip') sort = current ? {...current, desc: !current.desc} : columns[0] ? {column: columns[0].id, desc: true} : null;
				else {
					const at = current ? columns.findIndex(c => c.id === current.column) : -1;
					const next = columns[at + 1];
					sort = next ? {column: next.id, desc: false} : null;
				}
				this.dispatch({type: 'sort', list: view.list, sort});
				const title = sort ? columns.find(c => c.id === sort.column)?.title : undefined;
				this.status('info', sort && title ? `Sorted by ${title}, ${sort.desc ? 'descending' : 'ascending'} (o: next column, O: flip)` : 'Unsorted: the order the SAN lists them');
				return true;
			}
			case 'row.copy': {
				const row = this.selectedRow<CopyableRow>(view);
				if (!row) {
					this.status('warn', 'Nothing selected to copy.');
					return true;
				}
				const text = copyTextOf(row);
				if (!this.deps.clipboard) {
					this.status('warn', 'No terminal to copy to.');
					return true;
				}
				this.deps.clipboard(text);
				this.status('info', `Copied ${text} (OSC 52: the terminal puts it on the clipboard)`);
				return true;
			}
			case 'list.names': {
				const on = !ui.names;
				this.dispatch({type: 'names', on});
				// A pane without WWN columns shows no change: say where it shows.
				const where = columnsOf(view.list).some(c => c.named) ? '' : ' in the lists that have them';
				this.status('info', on ? `Names in place of WWNs${where || ': the zoning alias, else the owner'} (w: WWNs again)` : `WWNs again${where} (w: names)`);
				return true;
			}
			case 'vport.create': {
				const sel = this.selectedRow<{host?: string; portWwn?: Wwn; physicalWwn?: Wwn}>(view);
				const pre = ui.pane === 'adapters' ? {host: sel?.host, physicalWwn: sel?.portWwn} : {host: sel?.host, physicalWwn: sel?.physicalWwn};
				this.openOrSay(createVportDialog(this.snapshot, pre));
				return true;
			}
			case 'vport.delete': {
				const v = this.selectedRow<ConsoleSnapshot['vports'][number]>(view);
				if (!v) this.status('warn', 'No virtual port selected.');
				else this.openDialog(deleteVportDialog(v));
				return true;
			}
			case 'port.disable':
			case 'port.enable':
			case 'cable.pull':
			case 'cable.plug':
				this.linkCommand(command, view);
				return true;
			case 'fabric.viewNext':
			case 'fabric.viewPrev': {
				const i = FABRIC_VIEWS.indexOf(ui.fabricView);
				const d = command === 'fabric.viewNext' ? 1 : FABRIC_VIEWS.length - 1;
				this.dispatch({type: 'fabricView', view: FABRIC_VIEWS[(i + d) % FABRIC_VIEWS.length]!});
				return true;
			}
			case 'events.follow': {
				const on = !ui.follow;
				if (!on && view.rows.length > 0) this.select(view, view.rows.length - 1);
				this.dispatch({type: 'follow', on});
				this.status('info', on ? 'Following new events' : 'Follow off');
				return true;
			}
			case 'events.type': {
				const types = [...new Set(this.snapshot.events.map(e => e.type.split('.')[0]!))].sort();
				const cycle: (string | null)[] = [null, ...types];
				const next = cycle[(cycle.indexOf(ui.eventType) + 1) % cycle.length] ?? null;
				this.dispatch({type: 'eventType', eventType: next});
				this.status('info', next ? `Events of type ${next}.*` : 'Events of every type');
				return true;
			}
			default:
				return command?.startsWith('domain.') ? this.domainCommand(command, view) : false;
		}
	}

	private linkCommand(command: 'port.disable' | 'port.enable' | 'cable.pull' | 'cable.plug', view: ListView): void {
		const ui = this.ui;
		if (ui.pane === 'fabric' && ui.fabricView !== 'ports') {
			this.status('warn', 'Select a switch port first (] switches the fabric view to switch ports).');
			return;
		}
		const row = this.selectedRow<{key: string; portWwn?: string; switchName?: string; index?: number}>(view);
		if (!row) {
			this.status('warn', 'Nothing selected.');
			return;
		}
		const ref: LinkRef = {pane: ui.pane === 'fabric' ? 'fabric' : 'adapters', key: row.key};
		const what = row.portWwn ? `HBA port ${row.portWwn}` : `${row.switchName} port ${row.index}`;
		const {fabric} = this.deps.source.actions;
		if (command === 'port.disable' || command === 'cable.pull') this.openDialog(linkConfirm(command, ref, what));
		else if (command === 'port.enable') this.perform(`Enabling the switch port of ${what}`, fabric.portEnable(ref));
		else this.perform(`Plugging the cable of ${what}`, fabric.cablePlug(ref));
	}

	private domainCommand(command: CommandId, view: ListView): boolean {
		if (command === 'domain.create') {
			this.openDialog(createDomainDialog(this.snapshot));
			return true;
		}
		const d = this.selectedRow<ConsoleSnapshot['domains'][number]>(view);
		if (!d) {
			this.status('warn', 'No domain selected.');
			return true;
		}
		const {domain} = this.deps.source.actions;
		// An action xend would refuse is not offered: its reason now, not after a confirmation.
		const verb = DOMAIN_VERBS[command];
		const refusal = verb ? this.deps.source.domainRefusal?.(d.key, verb) : null;
		if (refusal) {
			this.status('warn', `${d.name}: ${refusal.replace(/^Error: /, '')}`);
			return true;
		}
		switch (command) {
			case 'domain.shutdown':
			case 'domain.destroy':
			case 'domain.reboot':
				this.openDialog(domainConfirm(command, d));
				return true;
			case 'domain.pause':
				this.perform(`Pausing ${d.name}`, domain.pause(d.key));
				return true;
			case 'domain.unpause':
				this.perform(`Unpausing ${d.name}`, domain.unpause(d.key));
				return true;
			case 'domain.suspend':
				this.perform(`Suspending ${d.name}`, domain.suspend(d.key));
				return true;
			case 'domain.resume':
				this.perform(`Resuming ${d.name}`, domain.resume(d.key));
				return true;
			case 'domain.migrate':
				this.openOrSay(migrateDialog(this.snapshot, d));
				return true;
			case 'domain.npivAttach':
				this.openOrSay(npivAttachDialog(this.snapshot, d));
				return true;
			case 'domain.npivDetach':
				this.openOrSay(npivDetachDialog(d));
				return true;
			default:
				return false;
		}
	}

	// -- help and output -----------------------------------------------------------------------

	private scroll(command: CommandId | undefined, top: number, lines: number, height: number): number | undefined {
		const maxTop = Math.max(0, lines - height);
		const next = this.moveIndex(command, top, maxTop + 1, height);
		return next === undefined ? undefined : Math.min(maxTop, next);
	}

	private onHelp(command: CommandId | undefined): boolean {
		const ui = this.ui;
		if (command === 'help.close' || command === 'help.toggle') {
			this.dispatch({type: 'help', help: null});
			return true;
		}
		const lines = helpLines(this.deps.registry, ui.pane, ui.keyProblems).length;
		const top = this.scroll(command, ui.help?.top ?? 0, lines, computeLayout(ui).body.height - 2);
		if (top === undefined) return false;
		this.dispatch({type: 'help', help: {top}});
		return true;
	}

	private onOutput(command: CommandId | undefined): boolean {
		const out = this.ui.output;
		if (!out) return false;
		if (command === 'output.close') {
			this.dispatch({type: 'output', output: null});
			return true;
		}
		const top = this.scroll(command, out.top, out.lines.length, computeLayout(this.ui).body.height - 2);
		if (top === undefined) return false;
		this.dispatch({type: 'output', output: {...out, top}});
		return true;
	}

	// -- prompt --------------------------------------------------------------------------------

	private onPrompt(command: CommandId | undefined, key: KeyPress): boolean {
		const prompt = this.ui.prompt;
		if (!prompt) return false;
		if (key.text !== '') {
			this.editPrompt({type: 'insert', text: key.text});
			return true;
		}
		const edit = editActionFor(command);
		if (edit) {
			this.editPrompt(edit);
			return true;
		}
		switch (command) {
			case 'prompt.cancel':
				if (prompt.mode === 'filter') {
					this.dispatch({type: 'filter', list: prompt.list, filter: ''});
					this.clearFilterStatus();
				}
				this.dispatch({type: 'prompt', prompt: null});
				return true;
			case 'prompt.submit':
				this.dispatch({type: 'prompt', prompt: null});
				if (prompt.mode === 'command') this.submitCommand(prompt.edit.text);
				return true;
			case 'prompt.complete':
				if (prompt.mode === 'command') this.complete();
				return true;
			case 'prompt.historyPrev':
			case 'prompt.historyNext':
				if (prompt.mode === 'command') this.walkHistory(command === 'prompt.historyPrev' ? -1 : 1);
				return true;
			default:
				return false;
		}
	}

	private editPrompt(action: TextEditAction): void {
		const prompt = this.ui.prompt!;
		const edit = editText(prompt.edit, action);
		this.dispatch({type: 'prompt', prompt: {...prompt, edit, candidates: null, historyIndex: null}});
		if (prompt.mode === 'filter') this.applyFilter(prompt.list, edit.text);
	}

	private applyFilter(list: ListId, text: string): void {
		this.dispatch({type: 'filter', list, filter: text});
		const spec = parseFilter(text);
		if (spec.kind === 'error') {
			this.dispatch({type: 'status', status: {level: 'error', text: spec.message}});
			this.filterStatusShown = true;
		} else this.clearFilterStatus();
	}

	private clearFilterStatus(): void {
		if (this.filterStatusShown) this.dispatch({type: 'status', status: null});
		this.filterStatusShown = false;
	}

	private walkHistory(direction: -1 | 1): void {
		const prompt = this.ui.prompt!;
		const history = this.ui.history;
		if (history.length === 0) return;
		let index = prompt.historyIndex;
		let draft = prompt.draft;
		if (index === null) {
			if (direction === 1) return;
			draft = prompt.edit.text;
			index = history.length - 1;
		} else index += direction;
		if (index < 0) index = 0;
		if (index >= history.length) {
			this.dispatch({type: 'prompt', prompt: {...prompt, edit: textEdit(draft), historyIndex: null, draft: '', candidates: null}});
			return;
		}
		this.dispatch({type: 'prompt', prompt: {...prompt, edit: textEdit(history[index]!), historyIndex: index, draft, candidates: null}});
	}

	private complete(): void {
		const prompt = this.ui.prompt!;
		const line = prompt.edit.text;
		const prefix = /^\s*npiv\s+/.exec(line)?.[0] ?? '';
		const rest = line.slice(prefix.length);
		const completion = this.deps.source.actions.complete(rest);
		let candidates = [...completion.candidates];
		if (!rest.includes(' ')) {
			const word = rest.trim();
			for (const extra of [...Object.keys(PANE_ALIASES).filter(a => a.length > 3), 'quit']) if (extra.startsWith(word) && !candidates.includes(extra)) candidates.push(extra);
		}
		candidates = [...new Set(candidates)];
		const start = prefix.length + completion.start;
		const word = line.slice(start);
		if (candidates.length === 0) {
			this.dispatch({type: 'prompt', prompt: {...prompt, candidates: null}});
			this.status('info', `No completion for '${word}'`);
			return;
		}
		if (candidates.length === 1) {
			const text = line.slice(0, start) + candidates[0]! + ' ';
			this.dispatch({type: 'prompt', prompt: {...prompt, edit: textEdit(text), candidates: null}});
			return;
		}
		const common = candidates.reduce((a, b) => {
			let i = 0;
			while (i < a.length && i < b.length && a[i] === b[i]) i++;
			return a.slice(0, i);
		});
		const text = common.length > word.length ? line.slice(0, start) + common : line;
		this.dispatch({type: 'prompt', prompt: {...prompt, edit: textEdit(text), candidates}});
	}

	private submitCommand(raw: string): void {
		const line = raw.trim().replace(/^npiv\s+/, '');
		if (line === '') return;
		this.dispatch({type: 'history', line});
		if (line === 'q' || line === 'quit') {
			this.onGlobal('app.quit');
			return;
		}
		const pane = PANE_ALIASES[line];
		if (pane) {
			this.dispatch({type: 'focusPane', pane});
			return;
		}
		const id = ++this.runId;
		this.dispatch({type: 'output', output: {id, command: line, lines: [{text: 'running…', stream: 'info'}], exitCode: null, top: 0}});
		this.deps.source.actions.runCommand(line).then(
			result => this.showResult(id, line, outputLines(result), result.exitCode),
			(error: unknown) => this.showResult(id, line, [{text: `internal error: ${error instanceof Error ? error.message : String(error)}`, stream: 'err'}], 1),
		);
	}

	private showResult(id: number, command: string, lines: OutputLine[], exitCode: number): void {
		const out = this.ui.output;
		if (!out || out.id !== id) {
			this.status(exitCode === 0 ? 'info' : 'error', `'${command}' finished with exit code ${exitCode}`);
			return;
		}
		this.dispatch({type: 'output', output: {...out, lines, exitCode}});
	}

	// -- dialogs -------------------------------------------------------------------------------

	private openDialog(dialog: DialogState): void {
		this.dispatch({type: 'dialog', dialog});
	}

	private openOrSay(result: DialogState | string): void {
		if (typeof result === 'string') this.status('warn', result);
		else this.openDialog(result);
	}

	private updateDialog(action: DialogAction): void {
		const dialog = this.ui.dialog;
		if (dialog) this.dispatch({type: 'dialog', dialog: dialogReducer(dialog, action)});
	}

	private onDialog(command: CommandId | undefined, key: KeyPress): boolean {
		const dialog = this.ui.dialog;
		if (!dialog) return false;
		const focus = dialogFocus(dialog);
		const inText = focus.type === 'field' && focus.field.kind === 'text';
		if (inText && key.text !== '') {
			this.updateDialog({type: 'edit', action: {type: 'insert', text: key.text}});
			return true;
		}
		const edit = inText ? editActionFor(command) : undefined;
		if (edit) {
			this.updateDialog({type: 'edit', action: edit});
			return true;
		}
		switch (command) {
			case 'dialog.cancel':
				this.dispatch({type: 'dialog', dialog: null});
				return true;
			case 'dialog.confirm':
				if (focus.type === 'cancel') this.dispatch({type: 'dialog', dialog: null});
				else if (focus.type === 'submit' || (dialog.kind === 'form' && !dialog.danger)) this.submitDialog(dialog);
				else this.updateDialog({type: 'next'});
				return true;
			case 'dialog.next':
				this.updateDialog({type: 'next'});
				return true;
			case 'dialog.prev':
				this.updateDialog({type: 'prev'});
				return true;
			case 'dialog.optionNext':
				this.updateDialog({type: 'option', delta: 1});
				return true;
			case 'dialog.optionPrev':
				this.updateDialog({type: 'option', delta: -1});
				return true;
			case 'dialog.toggle':
				this.updateDialog({type: 'toggle'});
				return true;
			// y/n answer a confirmation whatever has the focus; a form has fields and its own buttons.
			case 'dialog.yes':
				if (dialog.kind === 'confirm') this.submitDialog(dialog);
				return true;
			case 'dialog.no':
				if (dialog.kind === 'confirm') this.dispatch({type: 'dialog', dialog: null});
				return true;
			default:
				return false;
		}
	}

	private submitDialog(dialog: DialogState): void {
		if (dialog.kind === 'confirm') {
			this.dispatch({type: 'dialog', dialog: null});
			this.carryOut(dialog.action);
			return;
		}
		const error = this.submitForm(dialog);
		if (error) this.updateDialog({type: 'error', error});
	}

	private carryOut(action: PendingAction): void {
		const {actions} = this.deps.source;
		switch (action.type) {
			case 'vport.delete':
				this.perform(`Deleting virtual port ${action.key}`, actions.deleteVirtualPort(action.key));
				return;
			case 'domain.shutdown':
				this.perform(`Shutting down ${action.key}`, actions.domain.shutdown(action.key));
				return;
			case 'domain.destroy':
				this.perform(`Destroying ${action.key}`, actions.domain.destroy(action.key));
				return;
			case 'domain.reboot':
				this.perform(`Rebooting ${action.key}`, actions.domain.reboot(action.key));
				return;
			case 'port.disable':
				this.perform('Disabling the switch port', actions.fabric.portDisable(action.ref));
				return;
			case 'cable.pull':
				this.perform('Pulling the cable', actions.fabric.cablePull(action.ref));
				return;
			case 'app.quit':
				this.deps.exit(0);
				return;
		}
	}

	/** Validates and runs a form; returns an error to show in the dialog, or null when it ran. */
	private submitForm(dialog: FormDialog): string | null {
		const {actions} = this.deps.source;
		const v = (id: string) => valueOf(dialog, id);
		const close = () => this.dispatch({type: 'dialog', dialog: null});
		const purpose = dialog.purpose;
		switch (purpose.type) {
			case 'vport.create': {
				const physical = parseWwn(v('port'));
				if (!physical) return `${v('host')} has no HBA port to choose.`;
				const wwns = optionalWwnPair(v('portWwn'), v('nodeWwn'));
				if (typeof wwns === 'string') return wwns;
				close();
				this.perform(`Creating a virtual port on ${physical}`, actions.createVirtualPort({host: v('host'), physicalWwn: physical, ...wwns}));
				return null;
			}
			case 'domain.migrate':
				close();
				this.perform(`Migrating ${purpose.key} to ${v('host')}`, actions.domain.migrate(purpose.key, {host: v('host'), live: v('live') === 'yes'}));
				return null;
			case 'domain.npivAttach': {
				const ppwwn = parseWwn(v('ppwwn'));
				if (!ppwwn) return 'Choose a physical port.';
				const wwns = optionalWwnPair(v('vpwwn'), v('vnwwn'));
				if (typeof wwns === 'string') return wwns;
				close();
				this.perform(`Attaching an NPIV port to ${purpose.key}`, actions.domain.npivAttach(purpose.key, {ppwwn, ...(wwns.portWwn ? {vpwwn: wwns.portWwn, vnwwn: wwns.nodeWwn!} : {})}));
				return null;
			}
			case 'domain.npivDetach': {
				const vpwwn = parseWwn(v('vpwwn'));
				if (!vpwwn) return 'Choose a virtual port.';
				close();
				this.perform(`Detaching ${vpwwn} from ${purpose.key}`, actions.domain.npivDetach(purpose.key, {vpwwn}));
				return null;
			}
			case 'domain.create': {
				const name = v('name');
				// xm's own rule, asked here too only to answer inside the form
				if (!isValidDomainName(name)) return 'Name: letters, digits, . _ - (a letter or digit first, at most 64).';
				if (!/^[1-9]\d*$/.test(v('memory'))) return 'Memory: a whole number of MiB.';
				if (!/^[1-9]\d?$/.test(v('vcpus'))) return 'VCPUs: 1 to 99.';
				const wwns = optionalWwnPair(v('vpwwn'), v('vnwwn'));
				if (typeof wwns === 'string') return wwns;
				if (wwns.portWwn && !v('ppwwn')) return 'Virtual WWNs need a physical port to put the virtual port on (NPIV port on).';
				close();
				const configText = domainConfigText({name, memory: v('memory'), vcpus: v('vcpus'), ppwwn: v('ppwwn'), ...(wwns.portWwn && wwns.nodeWwn ? {vpwwn: wwns.portWwn, vnwwn: wwns.nodeWwn} : {}), autoattach: v('autoattach') === 'yes'});
				this.perform(`Creating domain ${name}`, actions.domain.create({configText}));
				return null;
			}
		}
	}
}

/** Both WWNs or neither (fcadm drops a lone one silently; the console says so instead). */
function optionalWwnPair(portText: string, nodeText: string): {portWwn?: Wwn; nodeWwn?: Wwn} | string {
	if (portText === '' && nodeText === '') return {};
	const portWwn = parseWwn(portText);
	const nodeWwn = parseWwn(nodeText);
	if (portText !== '' && !portWwn) return `Port WWN '${portText}': 16 hex digits (colons allowed), or empty for random.`;
	if (nodeText !== '' && !nodeWwn) return `Node WWN '${nodeText}': 16 hex digits (colons allowed), or empty for random.`;
	if (!portWwn || !nodeWwn) return 'Give both WWNs, or neither for random ones (fcadm ignores a lone WWN).';
	return {portWwn, nodeWwn};
}

/**
 * What the output panel shows: the tool's output, then the console's note. A tool that prints
 * nothing on success (xm, most switch commands) still gets a line, so that the panel does not
 * look as if the command had not run.
 */
function outputLines(result: CommandResult): OutputLine[] {
	const lines = splitOutput(result.stdout, 'out').concat(splitOutput(result.stderr, 'err'));
	if (result.note) lines.push({text: result.note, stream: 'info'});
	else if (lines.length === 0) lines.push({text: result.exitCode === 0 ? 'done (exit 0)' : `failed (exit ${result.exitCode})`, stream: result.exitCode === 0 ? 'info' : 'err'});
	return lines;
}

function splitOutput(text: string, stream: 'out' | 'err'): OutputLine[] {
	if (text === '') return [];
	return text
		.replace(/\n$/, '')
		.split('\n')
		.map(line => ({text: expandTabs(line), stream}));
}

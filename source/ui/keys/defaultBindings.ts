/**
 * The default key bindings: the one table that the hint bar, the `?` help, the README key table,
 * the user's keys.json and the tests all read. Order matters: within a context, the hint bar
 * and the help list bindings in this order, most useful first.
 */
import type {PaneId} from '../model/ConsoleSource.js';
import type {KeyName} from './keyNames.js';

/**
 * Where a binding applies. `pane` is every list pane; `pane:<id>` one pane; `edit` is any text
 * field (the `:`/`/` prompt and dialog fields); `output` the command output panel.
 */
export type Context = 'global' | 'pane' | `pane:${PaneId}` | 'dialog' | 'prompt' | 'edit' | 'output' | 'help';

export const CONTEXTS: readonly Context[] = [
	'global',
	'pane',
	'pane:adapters',
	'pane:vports',
	'pane:luns',
	'pane:events',
	'pane:domains',
	'pane:fabric',
	'output',
	'prompt',
	'edit',
	'dialog',
	'help',
];

export const CONTEXT_TITLES: Readonly<Record<Context, string>> = {
	global: 'Everywhere',
	pane: 'Lists (every pane)',
	'pane:adapters': 'Adapters pane',
	'pane:vports': 'Virtual ports pane',
	'pane:luns': 'LUNs pane',
	'pane:events': 'Events pane',
	'pane:domains': 'Domains pane',
	'pane:fabric': 'Fabric pane',
	output: 'Command output',
	prompt: 'Command bar (:) and filter (/)',
	edit: 'Text fields',
	dialog: 'Dialogs',
	help: 'Help',
};

export interface BindingSpec {
	readonly id: string;
	readonly keys: readonly KeyName[];
	/** Full sentence-case description for the help and the README. */
	readonly description: string;
	/** Short label for the hint bar; defaults to the description. */
	readonly hint?: string;
	readonly contexts: readonly Context[];
	readonly showInHints: boolean;
	/** Destroys or disrupts something; always asks first. */
	readonly dangerous: boolean;
}

function b<const I extends string>(
	id: I,
	keys: readonly KeyName[],
	contexts: readonly Context[],
	description: string,
	opts: {hint?: string; hints?: boolean; dangerous?: boolean} = {},
): BindingSpec & {readonly id: I} {
	return {
		id,
		keys,
		contexts,
		description,
		...(opts.hint ? {hint: opts.hint} : {}),
		showInHints: opts.hints ?? true,
		dangerous: opts.dangerous ?? false,
	};
}

const LISTS: readonly Context[] = ['pane', 'output', 'help'];
const LINKS: readonly Context[] = ['pane:adapters', 'pane:fabric'];

export const DEFAULT_BINDINGS = [
	// Pane-specific actions first: they lead the hint bar.
	b('vport.create', ['n'], ['pane:adapters', 'pane:vports'], 'Create a virtual port', {hint: 'new vport'}),
	b('vport.delete', ['d'], ['pane:vports'], 'Delete the selected virtual port', {hint: 'delete', dangerous: true}),
	b('port.disable', ['x'], LINKS, 'Disable the switch port of the selected link', {hint: 'port off', dangerous: true}),
	b('port.enable', ['e'], LINKS, 'Enable the switch port of the selected link', {hint: 'port on'}),
	b('cable.pull', ['c'], LINKS, 'Pull the cable of the selected link', {hint: 'pull cable', dangerous: true}),
	b('cable.plug', ['C'], LINKS, 'Plug the cable of the selected link back in', {hint: 'plug', hints: false}),
	b('fabric.viewNext', [']'], ['pane:fabric'], 'Next fabric view (switch ports, name server, zoning)', {hint: 'view'}),
	b('fabric.viewPrev', ['['], ['pane:fabric'], 'Previous fabric view', {hints: false}),
	b('events.follow', ['f'], ['pane:events'], 'Follow new events (auto-scroll) on or off', {hint: 'follow'}),
	b('events.type', ['t'], ['pane:events'], 'Cycle the event type filter (all, fabric, driver...)', {hint: 'type'}),
	b('domain.migrate', ['m'], ['pane:domains'], 'Migrate the selected domain to another host', {hint: 'migrate'}),
	b('domain.npivAttach', ['a'], ['pane:domains'], 'Attach an NPIV port to the selected domain', {hint: 'npiv-attach'}),
	b('domain.npivDetach', ['A'], ['pane:domains'], 'Detach an NPIV port from the selected domain', {hint: 'npiv-detach', dangerous: true}),
	b('domain.create', ['n'], ['pane:domains'], 'Create a domain (xm create)', {hint: 'new'}),
	b('domain.shutdown', ['s'], ['pane:domains'], 'Shut the selected domain down', {hint: 'shutdown', dangerous: true}),
	b('domain.reboot', ['r'], ['pane:domains'], 'Reboot the selected domain', {hint: 'reboot', dangerous: true}),
	b('domain.destroy', ['D'], ['pane:domains'], 'Destroy the selected domain (hard stop)', {hint: 'destroy', dangerous: true}),
	b('domain.pause', ['p'], ['pane:domains'], 'Pause the selected domain', {hint: 'pause'}),
	b('domain.unpause', ['u'], ['pane:domains'], 'Unpause the selected domain', {hint: 'unpause'}),
	b('domain.suspend', ['z'], ['pane:domains'], 'Suspend the selected domain', {hints: false}),
	b('domain.resume', ['Z'], ['pane:domains'], 'Resume the selected suspended domain', {hints: false}),

	// Lists.
	b('detail.toggle', ['enter'], ['pane'], 'Show or hide the detail of the selected item', {hint: 'detail'}),
	b('prompt.filter', ['/'], ['pane'], 'Filter the list (text; /re:… or /…/ for a regex)', {hint: 'filter'}),
	b('detail.down', ['J'], ['pane'], 'Scroll the detail panel down', {hints: false}),
	b('detail.up', ['K'], ['pane'], 'Scroll the detail panel up', {hints: false}),
	b('pane.back', ['esc'], ['pane'], 'Back: close the detail, then clear the filter', {hints: false}),
	b('list.sort', ['o'], ['pane'], 'Sort by the next column (past the last: unsorted)', {hints: false}),
	b('list.sortFlip', ['O'], ['pane'], 'Flip the sort order', {hints: false}),
	b('row.copy', ['y'], ['pane'], 'Copy the selected WWN (or row) to the clipboard (OSC 52)', {hints: false}),
	b('list.names', ['w'], ['pane'], 'Toggle WWNs and names (zoning alias, else owner)', {hint: 'names', hints: false}),
	b('list.down', ['j', 'down'], LISTS, 'Move down', {hints: false}),
	b('list.up', ['k', 'up'], LISTS, 'Move up', {hints: false}),
	b('list.pageDown', ['pagedown', 'ctrl+f'], LISTS, 'Page down', {hints: false}),
	b('list.pageUp', ['pageup', 'ctrl+b'], LISTS, 'Page up', {hints: false}),
	b('list.top', ['g', 'home'], LISTS, 'Go to the first row', {hints: false}),
	b('list.bottom', ['G', 'end'], LISTS, 'Go to the last row', {hints: false}),

	// Command output panel.
	b('output.close', ['esc'], ['output'], 'Close the command output', {hint: 'close'}),

	// Everywhere.
	b('prompt.command', [':'], ['global'], 'Open the command bar (any npiv command)', {hint: 'command'}),
	b('help.toggle', ['?'], ['global', 'help'], 'Show or hide this help', {hint: 'help'}),
	b('app.quit', ['q'], ['global'], 'Quit (asks while a migration is running)', {hint: 'quit'}),
	b('app.interrupt', ['ctrl+c'], ['global'], 'Quit at once', {hints: false}),
	b('pane.next', ['tab'], ['global'], 'Next pane', {hints: false}),
	b('pane.prev', ['shift+tab'], ['global'], 'Previous pane', {hints: false}),
	b('pane.adapters', ['1'], ['global'], 'Adapters pane', {hints: false}),
	b('pane.vports', ['2'], ['global'], 'Virtual ports pane', {hints: false}),
	b('pane.luns', ['3'], ['global'], 'LUNs pane', {hints: false}),
	b('pane.events', ['4'], ['global'], 'Events pane', {hints: false}),
	b('pane.domains', ['5'], ['global'], 'Domains pane', {hints: false}),
	b('pane.fabric', ['6'], ['global'], 'Fabric pane', {hints: false}),
	b('clock.pause', ['space'], ['global'], 'Pause or resume the simulated clock', {hint: 'clock'}),
	b('clock.step', ['.'], ['global'], 'Step the simulated clock (next event)', {hints: false}),
	b('clock.speed1', ['7'], ['global'], 'Simulated clock at 1x', {hints: false}),
	b('clock.speed10', ['8'], ['global'], 'Simulated clock at 10x', {hints: false}),
	b('clock.speed100', ['9'], ['global'], 'Simulated clock at 100x', {hints: false}),

	// Command bar and filter.
	b('prompt.submit', ['enter'], ['prompt'], 'Run the command / keep the filter', {hint: 'run'}),
	b('prompt.complete', ['tab'], ['prompt'], 'Complete the command', {hint: 'complete'}),
	b('prompt.historyPrev', ['up'], ['prompt'], 'Previous command in history', {hint: 'history'}),
	b('prompt.historyNext', ['down'], ['prompt'], 'Next command in history', {hints: false}),
	b('prompt.cancel', ['esc'], ['prompt'], 'Close the bar (a filter is cleared)', {hint: 'cancel'}),

	// Text editing.
	b('edit.deleteLeft', ['backspace'], ['edit'], 'Delete the character left of the cursor', {hints: false}),
	b('edit.deleteWord', ['ctrl+w'], ['edit'], 'Delete the word left of the cursor', {hints: false}),
	b('edit.clear', ['ctrl+u'], ['edit'], 'Clear the field', {hints: false}),
	b('edit.left', ['left'], ['edit'], 'Cursor left', {hints: false}),
	b('edit.right', ['right'], ['edit'], 'Cursor right', {hints: false}),
	b('edit.home', ['home', 'ctrl+a'], ['edit'], 'Cursor to the start', {hints: false}),
	b('edit.end', ['end', 'ctrl+e'], ['edit'], 'Cursor to the end', {hints: false}),

	// Dialogs.
	b('dialog.confirm', ['enter'], ['dialog'], 'Choose the focused button (in a field: submit)', {hint: 'choose'}),
	b('dialog.next', ['tab', 'down'], ['dialog'], 'Next field or button', {hint: 'next'}),
	b('dialog.prev', ['shift+tab', 'up'], ['dialog'], 'Previous field or button', {hints: false}),
	b('dialog.optionNext', ['right'], ['dialog'], 'Next choice in a pick list', {hint: 'pick'}),
	b('dialog.optionPrev', ['left'], ['dialog'], 'Previous choice in a pick list', {hints: false}),
	b('dialog.toggle', ['space'], ['dialog'], 'Toggle a checkbox', {hint: 'toggle'}),
	b('dialog.cancel', ['esc'], ['dialog'], 'Cancel', {hint: 'cancel'}),
	b('dialog.yes', ['y'], ['dialog'], 'Yes: carry out what a confirmation asks', {hint: 'yes'}),
	b('dialog.no', ['n'], ['dialog'], 'No: close a confirmation, nothing done', {hint: 'no'}),

	// Help overlay.
	b('help.close', ['esc', 'q'], ['help'], 'Close the help', {hint: 'close'}),
];

export type CommandId = (typeof DEFAULT_BINDINGS)[number]['id'];

/** The binding registry, key names, the dispatcher's priorities, the hint bar and the key table. */
import fc from 'fast-check';
import type {Key} from 'ink';
import {describe, expect, test} from 'vitest';
import {CONTEXT_TITLES, CONTEXTS, DEFAULT_BINDINGS, type Context} from '../../source/ui/keys/defaultBindings.js';
import {dispatchKey, type KeyLayer} from '../../source/ui/keys/Dispatcher.js';
import {hintItems, hintLine} from '../../source/ui/keys/hints.js';
import {canonicalKeyName, isKeyName, keyLabel, keySequence, normaliseInput} from '../../source/ui/keys/keyNames.js';
import {KeyRegistry} from '../../source/ui/keys/KeyRegistry.js';
import {renderKeyTableMarkdown} from '../../source/ui/keys/keyTable.js';

const registry = KeyRegistry.defaults();
const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

describe('key names', () => {
	test('every default key is a canonical key name with a terminal sequence', () => {
		for (const b of DEFAULT_BINDINGS) {
			for (const k of b.keys) {
				expect(isKeyName(k), `${b.id}: ${k}`).toBe(true);
				expect(keySequence(k).length).toBeGreaterThan(0);
			}
		}
	});

	test('the spellings people write in keys.json', () => {
		expect(canonicalKeyName('Return')).toBe('enter');
		expect(canonicalKeyName('Escape')).toBe('esc');
		expect(canonicalKeyName('PgDn')).toBe('pagedown');
		expect(canonicalKeyName('Shift-Tab')).toBe('shift+tab');
		expect(canonicalKeyName('C-n')).toBe('ctrl+n');
		expect(canonicalKeyName('Ctrl+N')).toBe('ctrl+n');
		expect(canonicalKeyName('alt+x')).toBe('alt+x');
		expect(canonicalKeyName(' ')).toBe('space');
		expect(canonicalKeyName('G')).toBe('G');
		// Control codes that are other keys, chords a terminal cannot send, nonsense.
		expect(canonicalKeyName('ctrl+i')).toBeUndefined();
		expect(canonicalKeyName('ctrl+shift+q')).toBeUndefined();
		expect(canonicalKeyName('hyper+x')).toBeUndefined();
		expect(canonicalKeyName('jj')).toBeUndefined();
		expect(canonicalKeyName('')).toBeUndefined();
	});

	test('labels for hints and help', () => {
		expect(keyLabel('ctrl+c')).toBe('Ctrl-C');
		expect(keyLabel('down')).toBe('↓');
		expect(keyLabel('enter')).toBe('Enter');
		expect(keyLabel('?')).toBe('?');
	});

	test('Ink input is normalised; a chunk becomes one key per character', () => {
		expect(normaliseInput('j', noKey)).toEqual([{name: 'j', text: 'j'}]);
		expect(normaliseInput('G', {...noKey, shift: true})).toEqual([{name: 'G', text: 'G'}]);
		expect(normaliseInput('', {...noKey, downArrow: true})).toEqual([{name: 'down', text: ''}]);
		expect(normaliseInput('', {...noKey, tab: true, shift: true})).toEqual([{name: 'shift+tab', text: ''}]);
		// Ink 6 calls the usual backspace byte "delete".
		expect(normaliseInput('', {...noKey, delete: true})).toEqual([{name: 'backspace', text: ''}]);
		expect(normaliseInput('c', {...noKey, ctrl: true})).toEqual([{name: 'ctrl+c', text: ''}]);
		expect(normaliseInput('xm l\r', noKey).map(k => k.name)).toEqual(['x', 'm', 'space', 'l', 'enter']);
	});
});

describe('registry', () => {
	test('the defaults have no clash and every command id is unique', () => {
		expect(registry.clashes()).toEqual([]);
		const ids = DEFAULT_BINDINGS.map(b => b.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	test('resolve takes the first context that binds the key', () => {
		expect(registry.resolve(['pane:vports', 'pane', 'global'], 'n')).toBe('vport.create');
		expect(registry.resolve(['pane:domains', 'pane', 'global'], 'n')).toBe('domain.create');
		expect(registry.resolve(['pane:luns', 'pane', 'global'], 'n')).toBeUndefined();
		expect(registry.resolve(['pane:luns', 'pane', 'global'], 'q')).toBe('app.quit');
		expect(registry.resolve(['help'], 'q')).toBe('help.close');
		expect(registry.resolve(['edit', 'dialog'], 'left')).toBe('edit.left');
		expect(registry.resolve(['dialog'], 'left')).toBe('dialog.optionPrev');
	});

	test('overrides: swapping two keys at once is fine', () => {
		const {registry: r, problems} = registry.withOverrides({'list.down': ['k'], 'list.up': ['j']});
		expect(problems).toEqual([]);
		expect(r.resolve(['pane'], 'k')).toBe('list.down');
		expect(r.resolve(['pane'], 'j')).toBe('list.up');
	});

	test('overrides: unknown ids, bad key names and clashes are refused, defaults kept', () => {
		const {registry: r, problems} = registry.withOverrides({
			'vport.nuke': ['x'],
			'list.up': ['ctrl+shift+q', 'up'],
			'vport.delete': ['j'],
			'help.toggle': ['ctrl+c'],
			'list.top': ['Home', 'g', 'ctrl+a'],
		});
		expect(problems).toEqual([
			"unknown command id 'vport.nuke'",
			"'ctrl+shift+q' is not a key name (list.up)",
			"'j' is bound to both list.down and vport.delete in pane",
			"'ctrl+c' for help.toggle is reserved for app.interrupt",
		]);
		expect(r.keysFor('list.up')).toEqual(['k', 'up']);
		expect(r.keysFor('vport.delete')).toEqual(['d']);
		expect(r.keysFor('help.toggle')).toEqual(['?']);
		expect(r.keysFor('list.top')).toEqual(['home', 'g', 'ctrl+a']);
	});

	test('an empty list unbinds a command', () => {
		const {registry: r} = registry.withOverrides({'clock.pause': []});
		expect(r.resolve(['global'], 'space')).toBeUndefined();
		expect(hintItems(r, ['global']).map(h => h.id)).not.toContain('clock.pause');
	});
});

describe('dispatcher', () => {
	const layer = (name: KeyLayer['name'], contexts: Context[], modal: boolean, log: string[]): KeyLayer => ({
		name,
		contexts,
		modal,
		handle: command => {
			log.push(`${name}:${command ?? '-'}`);
			return command !== undefined;
		},
	});

	test('dialog, then prompt, then pane, then global; a modal layer swallows the rest', () => {
		const log: string[] = [];
		const layers = [layer('global', ['global'], false, log), layer('pane', ['pane:vports', 'pane'], false, log)];
		expect(dispatchKey(registry, layers, {name: 'd', text: 'd'})).toMatchObject({handled: true, layer: 'pane', command: 'vport.delete'});
		expect(dispatchKey(registry, layers, {name: 'q', text: 'q'})).toMatchObject({handled: true, layer: 'global', command: 'app.quit'});
		expect(log).toEqual(['pane:vport.delete', 'pane:-', 'global:app.quit']);
		log.length = 0;
		const modal = [...layers, layer('dialog', ['dialog'], true, log)];
		expect(dispatchKey(registry, modal, {name: 'q', text: 'q'})).toMatchObject({handled: true, layer: 'dialog'});
		expect(log).toEqual(['dialog:-']);
	});

	test('Ctrl-C reaches the global layer even under a dialog', () => {
		const log: string[] = [];
		const layers = [layer('dialog', ['dialog'], true, log), layer('global', ['global'], false, log)];
		expect(dispatchKey(registry, layers, {name: 'ctrl+c', text: ''})).toMatchObject({layer: 'global', command: 'app.interrupt'});
		expect(log).toEqual(['global:app.interrupt']);
	});
});

describe('hint bar', () => {
	test('pane keys first, then lists, then un-shadowed global keys', () => {
		const line = hintLine(registry, ['pane:vports', 'pane', 'global'], 500);
		expect(line).toBe('new vport: n | delete: d | detail: Enter | filter: / | command: : | help: ? | quit: q | clock: Space');
		expect(hintLine(registry, ['dialog'], 500)).toBe('choose: Enter | next: Tab | pick: → | toggle: Space | cancel: Esc | yes: y | no: n');
	});

	test('a global key shadowed by the context is not offered', () => {
		const {registry: r} = registry.withOverrides({'vport.create': ['q']});
		const ids = hintItems(r, ['pane:vports', 'pane', 'global']).map(h => h.id);
		expect(ids).toContain('vport.create');
		expect(ids).not.toContain('app.quit');
	});

	test('never wider than the width; cut between whole hints, keeping the help key last', () => {
		const contextSets: Context[][] = [['pane:adapters', 'pane', 'global'], ['pane:domains', 'pane', 'global'], ['prompt', 'edit'], ['dialog'], ['output', 'global'], ['help']];
		fc.assert(
			fc.property(fc.integer({min: 1, max: 240}), fc.constantFrom(...contextSets), (width, contexts) => {
				const line = hintLine(registry, contexts, width);
				const full = hintLine(registry, contexts, 10_000);
				expect([...line].length).toBeLessThanOrEqual(width);
				if (full.length <= width) {
					expect(line).toBe(full);
					return;
				}
				expect(line).toContain('…');
				const help = hintItems(registry, contexts).find(h => h.id === 'help.toggle');
				const helpHint = help ? `${help.label}: ${help.key}` : undefined;
				const tail = helpHint ? `… | ${helpHint}` : '…';
				if (width < tail.length) return; // too narrow for whole hints: cut mid-word
				expect(line.endsWith(tail)).toBe(true);
				// Every hint shown is whole, in the order of the full bar.
				const shown = line.slice(0, line.length - tail.length).split(' | ').filter(h => h !== '');
				const all = full.split(' | ');
				expect(all.filter(h => shown.includes(h))).toEqual(shown);
			}),
		);
	});

	test('at 80 columns a pane with many keys still shows where help is', () => {
		expect(hintLine(registry, ['pane:adapters', 'pane', 'global'], 80)).toBe('new vport: n | port off: x | port on: e | pull cable: c | … | help: ?');
	});
});

describe('key table', () => {
	test('one section per context; every command once, or once per pane it works in', () => {
		const md = renderKeyTableMarkdown();
		for (const b of DEFAULT_BINDINGS) {
			const panes = b.contexts.filter(c => c.startsWith('pane:')).length;
			expect(md.split(`| \`${b.id}\` |`).length - 1, b.id).toBe(Math.max(1, panes));
		}
		expect(md).toContain('### Everywhere\n\n| Keys | Command | Description |\n|---|---|---|\n');
		expect(md).toContain('| `d` | `vport.delete` | Delete the selected virtual port (asks first) |');
		expect(md).toContain('| `j`, `↓` | `list.down` | Move down |');
		const firsts = CONTEXTS.filter(c => DEFAULT_BINDINGS.some(b => CONTEXTS.find(x => b.contexts.includes(x)) === c || (c.startsWith('pane:') && b.contexts.includes(c))));
		expect(md.match(/^### .*/gm)).toEqual(firsts.map(c => `### ${CONTEXT_TITLES[c]}`));
	});
});

/** The console's pure parts: filter, text editing, column fitting, windowing, layout, and the fake source. */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {computeLayout, MIN_COLS, MIN_ROWS} from '../../source/ui/layout.js';
import {FakeConsoleSource} from '../../source/ui/model/FakeConsoleSource.js';
import {PANES} from '../../source/ui/model/ConsoleSource.js';
import {fitColumns} from '../../source/ui/panes/columns.js';
import {matchesFilter, parseFilter} from '../../source/ui/state/filter.js';
import {columnsOf, windowTop} from '../../source/ui/state/listViews.js';
import {editText, textEdit, type TextEditAction} from '../../source/ui/state/textEdit.js';
import {initialUiState, LIST_IDS} from '../../source/ui/state/uiState.js';
import {expandTabs, truncate, wrap} from '../../source/ui/text.js';

describe('filter', () => {
	test('text, re: and /…/ forms; invalid regexes are reported', () => {
		expect(parseFilter('')).toEqual({kind: 'none'});
		expect(parseFilter('Web01')).toEqual({kind: 'text', needle: 'web01'});
		const re = parseFilter('re:^c0+7d');
		expect(re.kind).toBe('regex');
		expect(matchesFilter(re, 'c0007d1a2b')).toBe(true);
		expect(matchesFilter(re, 'x c0007d')).toBe(false);
		expect(matchesFilter(parseFilter('/DB0[12]/'), 'db02 dom0-a')).toBe(true);
		expect(parseFilter('re:[a')).toEqual({kind: 'error', message: 'invalid regex /[a/: Unterminated character class'});
		expect(parseFilter('/')).toEqual({kind: 'text', needle: '/'});
	});
});

describe('text editing', () => {
	const action = fc.oneof(
		fc.string({maxLength: 4}).map(text => ({type: 'insert', text}) as TextEditAction),
		fc.constantFrom<TextEditAction>({type: 'deleteLeft'}, {type: 'deleteWord'}, {type: 'clear'}, {type: 'left'}, {type: 'right'}, {type: 'home'}, {type: 'end'}),
	);
	test('the cursor always stays within the text', () => {
		fc.assert(
			fc.property(fc.array(action, {maxLength: 30}), actions => {
				let s = textEdit('xm list');
				for (const a of actions) {
					s = editText(s, a);
					expect(s.cursor).toBeGreaterThanOrEqual(0);
					expect(s.cursor).toBeLessThanOrEqual(s.text.length);
				}
			}),
		);
	});
	test('word deletion and insertion at the cursor', () => {
		let s = textEdit('fcinfo hba-port -l');
		s = editText(s, {type: 'deleteWord'});
		expect(s).toEqual({text: 'fcinfo hba-port ', cursor: 16});
		s = editText(editText(s, {type: 'home'}), {type: 'insert', text: 'npiv '});
		expect(s).toEqual({text: 'npiv fcinfo hba-port ', cursor: 5});
	});
});

describe('layout and columns', () => {
	test('the frame adds up to exactly the terminal height', () => {
		fc.assert(
			fc.property(fc.integer({min: MIN_COLS, max: 300}), fc.integer({min: MIN_ROWS, max: 120}), fc.constantFrom('auto', 'open', 'closed' as const), fc.boolean(), (cols, rows, detail, prompt) => {
				const ui = {...initialUiState({cols, rows, noColor: false}), detail};
				const layout = computeLayout(prompt ? {...ui, prompt: {mode: 'command', edit: textEdit(), list: 'adapters', historyIndex: null, draft: '', candidates: ['a']}} : ui);
				expect(2 + 1 + layout.body.height + layout.promptRows + 2).toBe(rows);
				const stacked = layout.detail?.placement === 'below' ? layout.list.height + layout.detail.height : layout.list.height;
				expect(stacked).toBe(layout.body.height);
				if (layout.detail?.placement === 'side') expect(layout.list.width + layout.detail.width).toBe(cols);
				expect(layout.listRows).toBeGreaterThanOrEqual(1);
			}),
		);
	});

	test('fitted columns never exceed the width and WWN columns are never cut', () => {
		fc.assert(
			fc.property(fc.constantFrom(...LIST_IDS), fc.integer({min: 40, max: 300}), (list, total) => {
				const fitted = fitColumns(columnsOf(list), total);
				const used = fitted.reduce((s, f) => s + f.width, 0) + fitted.length - 1;
				expect(used).toBeLessThanOrEqual(total);
				for (const f of fitted) if (/WWN|PHYSICAL PORT/.test(f.column.title)) expect(f.width).toBeGreaterThanOrEqual(16);
			}),
		);
	});

	test('the window always contains the selection', () => {
		fc.assert(
			fc.property(fc.nat(10_000), fc.nat(200_000), fc.integer({min: 1, max: 60}), fc.integer({min: 1, max: 200_000}), (top, index, height, count) => {
				const i = Math.min(index, count - 1);
				const t = windowTop(top, i, height, count);
				expect(i).toBeGreaterThanOrEqual(t);
				expect(i).toBeLessThan(t + height);
				expect(t).toBeLessThanOrEqual(Math.max(0, count - height));
			}),
		);
	});

	test('text helpers', () => {
		expect(truncate('2100001b32812345', 8)).toBe('2100001…');
		expect(expandTabs('\tPort Mode:\tx')).toBe('        Port Mode:      x');
		expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
	});
});

describe('fake source', () => {
	test('every row key is unique in its list and detail answers for every row', () => {
		const source = new FakeConsoleSource();
		const s = source.getSnapshot();
		const lists = {adapters: s.adapters, vports: s.vports, luns: s.luns, events: s.events, domains: s.domains, fabric: [...s.fabric.ports, ...s.fabric.nameServer, ...s.fabric.zones]};
		for (const pane of PANES) {
			const rows = lists[pane];
			expect(new Set(rows.map(r => r.key)).size, pane).toBe(rows.length);
			for (const r of rows) expect(source.detail(pane, r.key), `${pane} ${r.key}`).not.toBeNull();
		}
	});

	test('the snapshot keeps its identity until something changes', () => {
		const source = new FakeConsoleSource();
		const a = source.getSnapshot();
		expect(source.getSnapshot()).toBe(a);
		source.actions.clock.setSpeed(10);
		const b = source.getSnapshot();
		expect(b).not.toBe(a);
		expect(b.vports).toBe(a.vports);
	});

	test('100,000 generated virtual ports, 100 per physical port', () => {
		const source = FakeConsoleSource.large(100_000);
		const s = source.getSnapshot();
		expect(s.header.counts.virtualPorts).toBe(100_006);
		expect(new Set(s.vports.map(v => v.key)).size).toBe(100_006);
		expect(s.adapters.filter(a => a.host.startsWith('host-')).every(a => a.vportsUsed === 100)).toBe(true);
	});
});

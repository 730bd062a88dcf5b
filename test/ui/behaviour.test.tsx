/**
 * What an operator does, end to end on the fake lab: keys pressed by command id, the screen read
 * back as text. No sleeps: every step waits until the console is idle.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {KeyRegistry} from '../../source/ui/keys/KeyRegistry.js';
import {keySequence} from '../../source/ui/keys/keyNames.js';
import {computeLayout} from '../../source/ui/layout.js';
import {FakeConsoleSource} from '../../source/ui/model/FakeConsoleSource.js';
import {renderConsole, type Harness} from './harness.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

const start = async (opts: Parameters<typeof renderConsole>[0] = {}) => (h = await renderConsole(opts));
const statusLine = (c: Harness) => c.lines().at(-1)!;
const hintLine = (c: Harness) => c.lines().at(-2)!;
const selectedRow = (c: Harness) => c.lines().find(l => l.startsWith('│> ')) ?? '';
const tabs = (c: Harness) => c.lines()[2]!;
/** The list panel's bottom border, where the position (`3 of 32`) is. */
const position = (c: Harness) => c.lines().find(l => l.startsWith('╰')) ?? '';

describe('panes', () => {
	test('number keys and Tab / Shift-Tab switch panes', async () => {
		const c = await start();
		expect(tabs(c)).toContain('[1 Adapters]');
		await c.press('pane.luns');
		expect(tabs(c)).toContain('[3 LUNs]');
		expect(c.lines()[3]).toContain('LUNs (18)');
		await c.press('pane.next');
		expect(tabs(c)).toContain('[4 Events]');
		await c.press('pane.prev', 2);
		expect(tabs(c)).toContain('[2 Virtual ports]');
		await c.press('pane.prev', 2);
		expect(tabs(c)).toContain('[6 Fabric]');
		await c.press('pane.next');
		expect(tabs(c)).toContain('[1 Adapters]');
	});

	test('selection moves with j/k, pages, and jumps to the ends', async () => {
		const c = await start();
		await c.press('pane.fabric');
		expect(selectedRow(c)).toMatch(/fab-a1 +0 /);
		await c.press('list.down', 2);
		expect(selectedRow(c)).toMatch(/fab-a1 +2 /);
		await c.press('list.up');
		expect(selectedRow(c)).toMatch(/fab-a1 +1 /);
		await c.press('list.bottom');
		expect(selectedRow(c)).toMatch(/fab-b1 +15 /);
		expect(position(c)).toContain('32 of 32');
		await c.press('list.top');
		expect(selectedRow(c)).toMatch(/fab-a1 +0 /);
		const page = computeLayout(c.state()).listRows;
		await c.press('list.pageDown');
		expect(c.state().lists['fabric.ports'].index).toBe(page);
		await c.press('list.pageUp');
		expect(c.state().lists['fabric.ports'].index).toBe(0);
	});

	test('100,000 virtual ports: only the visible rows are rendered, the frame is exactly the terminal', async () => {
		const source = FakeConsoleSource.large(100_000);
		const c = await start({source, cols: 100, rows: 30});
		await c.press('pane.vports');
		expect(c.lines()[3]).toContain('Virtual ports (100,006)');
		const visible = () => c.lines().filter(l => /^│[> ] c0007d[0-9a-f]{10} /.test(l)).length;
		const listRows = computeLayout(c.state()).listRows;
		expect(visible()).toBe(listRows);
		await c.press('list.pageDown', 3);
		expect(c.state().lists.vports.index).toBe(3 * listRows);
		await c.press('list.bottom');
		expect(position(c)).toContain('100,006 of 100,006');
		expect(visible()).toBe(listRows);
		const frame = c.lastFrame().split('\n');
		expect(frame).toHaveLength(30);
		expect(frame.filter(l => /^│[> ] c0007d[0-9a-f]{10} /.test(l))).toHaveLength(listRows);
		expect(c.scrolled).toBe(0);
		await c.press('list.up');
		expect(position(c)).toContain('100,005 of 100,006');
	});

	test('the events pane follows new events until the selection moves up', async () => {
		const source = new FakeConsoleSource();
		const c = await start({source});
		await c.press('pane.events');
		expect(c.lines()[3]).toContain('follow on');
		expect(selectedRow(c)).toContain(' 29 ');
		await c.press('clock.step');
		await c.press('pane.vports');
		await c.press('vport.create');
		await c.press('dialog.confirm');
		await c.press('pane.events');
		const last = source.getSnapshot().events.at(-1)!;
		expect(selectedRow(c)).toContain(` ${last.seq} `);
		await c.press('list.up');
		expect(c.lines()[3]).toContain('follow off');
		expect(statusLine(c)).toContain('Follow off');
		await c.press('events.follow');
		expect(c.lines()[3]).toContain('follow on');
		await c.press('events.type');
		expect(c.lines()[3]).toContain('type driver.*');
		expect(c.lines().filter(l => /^│[> ] +\d+ /.test(l)).every(l => l.includes('driver.'))).toBe(true);
	});
});

describe('filter', () => {
	test('plain text narrows case-insensitively; Esc clears it', async () => {
		const c = await start();
		await c.press('prompt.filter');
		await c.type('SOL-C');
		expect(c.lines()[3]).toContain('Adapters (3 of 7)  /SOL-C');
		expect(c.lines().filter(l => l.includes('sol-c'))).toHaveLength(3);
		await c.press('prompt.submit');
		expect(c.lines()[3]).toContain('(3 of 7)');
		await c.press('pane.back');
		expect(c.lines()[3]).toContain('Adapters (7)');
	});

	test('regex with /re: or slashes; an invalid regex is a message, not a crash', async () => {
		const c = await start();
		await c.press('pane.vports');
		await c.press('prompt.filter');
		await c.type('re:^c0007d[15]');
		expect(c.lines()[3]).toContain('(4 of 6)');
		await c.press('edit.clear');
		await c.type('/(db01|app01)/');
		expect(c.lines()[3]).toContain('(3 of 6)');
		await c.press('edit.clear');
		await c.type('re:[c0');
		expect(statusLine(c)).toContain('invalid regex /[c0/');
		expect(c.lines()[3]).toContain('(invalid)');
		expect(c.lines().filter(l => /^│[> ] c0007d/.test(l))).toHaveLength(6);
		await c.press('edit.deleteWord');
		await c.type('re:c0]');
		expect(statusLine(c)).not.toContain('invalid regex');
		await c.press('prompt.cancel');
		expect(c.lines()[3]).toContain('Virtual ports (6)');
	});
});

describe('command bar', () => {
	test(': runs a command, shows its output, and remembers it', async () => {
		const source = new FakeConsoleSource();
		const c = await start({source});
		await c.press('prompt.command');
		await c.type('npiv xm list');
		await c.press('prompt.submit');
		expect(source.commandsRun).toEqual(['xm list']);
		expect(c.lines()[3]).toContain('$ npiv xm list');
		expect(c.screen()).toMatch(/web01 +3 +1024 +2 +-b----/);
		await c.press('output.close');
		expect(c.lines()[3]).toContain('Adapters (7)');
		await c.press('prompt.command');
		await c.press('prompt.historyPrev');
		expect(c.lines().at(-3)).toMatch(/^:xm list/);
		await c.press('prompt.historyNext');
		expect(c.lines().at(-3)).toMatch(/^: ?$/);
		await c.press('prompt.cancel');
		expect(c.state().prompt).toBeNull();
	});

	test('a failing command shows stderr and its exit code', async () => {
		const c = await start();
		await c.press('prompt.command');
		await c.type('fcinfo hba-port 2100001b3281ffff');
		await c.press('prompt.submit');
		expect(c.lines()[3]).toContain('exit 1');
		expect(c.screen()).toContain('Error: HBA port 2100001b3281ffff: not found');
	});

	test('Tab completes a unique word and lists several', async () => {
		const c = await start();
		await c.press('prompt.command');
		await c.type('xm mi');
		await c.press('prompt.complete');
		expect(c.lines().at(-3)).toMatch(/^:xm migrate /);
		await c.press('edit.clear');
		await c.type('fc');
		await c.press('prompt.complete');
		expect(c.lines().at(-4)).toContain('fcinfo  fcadm');
	});

	test(':<pane name> jumps to that pane', async () => {
		const c = await start();
		await c.press('prompt.command');
		await c.type('domains');
		await c.press('prompt.submit');
		expect(tabs(c)).toContain('[5 Domains]');
	});
});

describe('dialogs', () => {
	test('create a virtual port through the dialog adds a row', async () => {
		const c = await start();
		await c.press('pane.vports');
		await c.press('vport.create');
		expect(c.screen()).toContain('Create virtual port');
		await c.press('dialog.next', 2);
		await c.type('c0007d00000000a1');
		await c.press('dialog.next');
		await c.type('c0007d00000000a0');
		await c.press('dialog.confirm');
		expect(c.state().dialog).toBeNull();
		expect(c.lines()[3]).toContain('Virtual ports (7)');
		expect(c.screen()).toMatch(/c0007d00000000a1 c0007d00000000a0 2100001b32812345 dom0-a/);
		expect(statusLine(c)).toContain('Created virtual port c0007d00000000a1');
	});

	test('random WWNs by default; a lone WWN is refused inside the dialog', async () => {
		const c = await start();
		await c.press('pane.vports');
		await c.press('vport.create');
		await c.press('dialog.next', 2);
		await c.type('c0007d00000000a1');
		await c.press('dialog.confirm');
		expect(c.screen()).toContain('Give both WWNs, or neither');
		expect(c.state().dialog).not.toBeNull();
		await c.press('edit.clear');
		await c.press('dialog.prev');
		await c.press('dialog.optionNext');
		await c.press('dialog.confirm');
		expect(c.lines()[3]).toContain('Virtual ports (7)');
		expect(statusLine(c)).toMatch(/Created virtual port c0007d[0-9a-f]{10} \(node c0007d[0-9a-f]{10}\) on 2101001b32a12345/);
	});

	test('an NPIV-less port gives fcadm’s error in the status line', async () => {
		const c = await start();
		await c.press('list.bottom');
		await c.press('vport.create');
		expect(c.screen()).toContain('210000e08b012345  link down, NPIV not supported');
		await c.press('dialog.confirm');
		expect(statusLine(c)).toContain('Error: NPIV not Supported');
	});

	test('delete asks with Cancel focused; Esc and Enter on Cancel change nothing', async () => {
		const c = await start();
		await c.press('pane.vports');
		await c.press('vport.delete');
		expect(c.screen()).toContain('[ Cancel ]    Delete');
		await c.press('dialog.confirm');
		expect(c.state().dialog).toBeNull();
		expect(c.lines()[3]).toContain('Virtual ports (6)');
		await c.press('vport.delete');
		await c.press('dialog.cancel');
		expect(c.state().dialog).toBeNull();
		expect(c.lines()[3]).toContain('Virtual ports (6)');
		await c.press('vport.delete');
		await c.press('dialog.next');
		expect(c.screen()).toContain('  Cancel    [ Delete ]');
		await c.press('dialog.confirm');
		expect(c.lines()[3]).toContain('Virtual ports (5)');
		expect(c.lines().filter(l => l.startsWith('│') && l.includes('c0007d1a2b3c4d5f'))).toEqual([]);
		expect(statusLine(c)).toContain('Deleted virtual port c0007d1a2b3c4d5f (was bound to web01)');
	});

	test('migrate through the dialog: phases t0..t4 with a progress bar, then the domain runs on the destination', async () => {
		const c = await start();
		await c.press('pane.domains');
		await c.press('list.down');
		await c.press('domain.migrate');
		await c.press('dialog.confirm');
		expect(selectedRow(c)).toMatch(/web01 .* t0 ░+ +0% ->dom0-b/);
		expect(statusLine(c)).toContain('migrating web01 dom0-a -> dom0-b (t0)');
		await c.press('clock.step', 3);
		expect(selectedRow(c)).toMatch(/web01 .* t3 █+░+ +60% ->dom0-b/);
		await c.press('app.quit');
		expect(c.screen()).toContain('A migration is running (web01 dom0-a -> dom0-b).');
		await c.press('dialog.confirm');
		expect(c.state().dialog).toBeNull();
		await c.press('clock.step', 2);
		expect(c.screen()).toMatch(/web01 +\d+ +1024 +2 -b---- .*dom0-b/);
		expect(statusLine(c)).not.toContain('dom0-a -> dom0-b');
	});

	test('pause and destroy a domain; confirmations for shutdown/destroy', async () => {
		const c = await start();
		await c.press('pane.domains');
		await c.press('list.down', 2);
		await c.press('domain.pause');
		expect(selectedRow(c)).toMatch(/db01 .* --p---/);
		expect(statusLine(c)).toContain('db01: paused');
		await c.press('domain.destroy');
		expect(c.screen()).toContain('Destroy domain db01 (id 4) on dom0-a?');
		await c.press('dialog.next');
		await c.press('dialog.confirm');
		expect(selectedRow(c)).toMatch(/db01 +4096 +4 ------/);
	});

	test('cable pull asks first, then the adapter goes link down; plug brings it back', async () => {
		const c = await start();
		await c.press('cable.pull');
		expect(c.screen()).toContain('Pull the cable of HBA port 2100001b32812345.');
		await c.press('dialog.next');
		await c.press('dialog.confirm');
		expect(selectedRow(c)).toMatch(/2100001b32812345 QLE2462 +link down/);
		await c.press('cable.plug');
		expect(selectedRow(c)).toMatch(/2100001b32812345 QLE2462 +online/);
	});

	test('the create-domain form validates and builds an xm configuration', async () => {
		const c = await start();
		await c.press('pane.domains');
		await c.press('domain.create');
		await c.press('dialog.confirm');
		expect(c.screen()).toContain('Name: letters, digits');
		await c.type('web02');
		await c.press('dialog.next', 3);
		await c.press('dialog.optionNext');
		await c.press('dialog.confirm');
		expect(c.screen()).toMatch(/web02 +\d+ +512 +1 -b---- .*dom0-a +1/);
	});
});

describe('keys', () => {
	test('Esc goes back: help, prompt, detail, filter', async () => {
		const c = await start({cols: 100, rows: 30});
		await c.press('help.toggle');
		expect(c.lines()[3]).toContain('Keys (Esc closes');
		await c.press('help.close');
		expect(c.state().help).toBeNull();
		await c.press('detail.toggle');
		expect(c.screen()).toContain('HBA Port WWN:');
		await c.press('pane.back');
		expect(c.screen()).not.toContain('HBA Port WWN:');
	});

	test('the detail panel scrolls with J/K', async () => {
		const c = await start({cols: 80, rows: 24});
		await c.press('detail.toggle');
		expect(c.screen()).toContain('HBA Port WWN:');
		await c.press('detail.down', 3);
		expect(c.screen()).not.toContain('HBA Port WWN:');
		expect(c.screen()).toMatch(/4-\d+ of 26 \(J\/K\)/);
		await c.press('detail.up', 3);
		expect(c.screen()).toContain('HBA Port WWN:');
	});

	test('long detail values wrap under the value column, and J/K reach their last line', async () => {
		const reason = 'migration failed: the destination dom0-b could not log in virtual port c0007d5a3e81c241 (FDISC rejected: no more logins on fab-a1 port 1); web01 keeps running on dom0-a with its port logged in again';
		class LongDetail extends FakeConsoleSource {
			override detail = () => ({title: 'Domain web01', lines: [['name', 'web01'], ['last migration', reason], ['members', 'x'.repeat(150)], ...Array.from({length: 8}, (_, i) => [`field${i}`, `value ${i}`] as [string, string]), ['end', 'last line']] as const});
		}
		const c = await start({source: new LongDetail(), cols: 80, rows: 24});
		await c.press('detail.toggle');
		const words = (ls: string[]) => ls.map(l => l.slice(1, -1).trim()).join(' ');
		// Continuation lines start where the value starts: the label column stays blank.
		const first = c.lines().findIndex(l => l.includes('last migration: '));
		const column = c.lines()[first]!.indexOf('last migration: ') + 'last migration: '.length;
		const continuation = c.lines().slice(first + 1, first + 3);
		for (const l of continuation) expect(l.slice(0, column)).toMatch(/^│ +$/);
		expect(words(c.lines().slice(first))).toContain('FDISC rejected: no more logins on fab-a1 port');
		for (const l of c.lines()) expect(l.length).toBeLessThanOrEqual(80);
		expect(c.lastFrame().split('\n')).toHaveLength(24);
		expect(c.screen()).not.toContain('last line');
		await c.press('detail.down', 40);
		expect(c.screen()).toContain('end:');
		expect(c.screen()).toContain('last line');
		expect(c.screen()).toMatch(/\d+-(\d+) of \1 \(J\/K\)/);
	});

	test('status messages go when their time is up; an error stays until the next key', async () => {
		const c = await start();
		await c.press('pane.events');
		await c.press('events.follow');
		expect(statusLine(c)).toContain('Follow off');
		await c.expireStatus();
		expect(statusLine(c).trim()).toBe('');
		await c.press('pane.domains');
		while (!/^│> test01 /.test(selectedRow(c))) await c.press('list.down');
		await c.press('domain.pause');
		expect(statusLine(c)).toContain("Error: Domain 'test01' is not running.");
		await c.expireStatus();
		expect(statusLine(c)).toContain("Error: Domain 'test01' is not running.");
		await c.press('list.up');
		expect(statusLine(c).trim()).toBe('');
	});

	test('q quits with 0; Ctrl-C with 130', async () => {
		const c = await start();
		await c.press('app.quit');
		await expect(c.exited).resolves.toEqual({code: 0});
		const d = await renderConsole();
		await d.press('app.interrupt');
		await expect(d.exited).resolves.toEqual({code: 130});
		d.unmount();
	});

	test('a dialog swallows global keys (q types nothing, quits nothing)', async () => {
		const c = await start();
		await c.press('pane.vports');
		await c.press('vport.create');
		await c.press('app.quit');
		await c.press('pane.luns');
		expect(c.state().dialog).not.toBeNull();
		expect(tabs(c)).toContain('[2 Virtual ports]');
	});

	test('rebinding from keys.json changes the key; the old one no longer works', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'npiv-keys-'));
		const file = join(dir, 'keys.json');
		writeFileSync(file, JSON.stringify({bindings: {'list.down': ['ctrl+n', 'down'], 'vport.create': 'N'}}));
		const c = await start({keysFile: file});
		expect(c.registry.keysFor('list.down')).toEqual(['ctrl+n', 'down']);
		expect(statusLine(c).trim()).toBe('');
		await c.press('list.down');
		expect(selectedRow(c)).toContain('2101001b32a12345');
		// The default key for list.down, sent as bytes: no longer bound.
		await c.type(keySequence(KeyRegistry.defaults().keysFor('list.down')[0]!));
		expect(selectedRow(c)).toContain('2101001b32a12345');
		expect(hintLine(c)).toContain('new vport: N');
	});

	test('a bad keys.json is reported in the status line and the defaults are kept', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'npiv-keys-'));
		const file = join(dir, 'keys.json');
		writeFileSync(file, JSON.stringify({bindings: {'vport.nuke': ['x'], 'list.up': ['ctrl+shift+q'], 'list.down': ['x']}}));
		const c = await start({keysFile: file, cols: 160});
		expect(statusLine(c)).toContain(`${file}: unknown command id 'vport.nuke' (+2 more, see ? help)`);
		expect(c.registry.keysFor('list.up')).toEqual(['k', 'up']);
		expect(c.registry.keysFor('list.down')).toEqual(['j', 'down']);
		await c.press('help.toggle');
		expect(c.screen()).toContain("'ctrl+shift+q' is not a key name (list.up)");
		expect(c.screen()).toContain("'x' is bound to both");
		writeFileSync(file, '{"bindings": {');
		const d = await renderConsole({keysFile: file});
		expect(d.lines().at(-1)).toContain('not valid JSON');
		d.unmount();
	});

	test('the hint bar never exceeds the width, whatever is open', async () => {
		for (const cols of [80, 100, 133]) {
			const c = await renderConsole({cols, rows: 24});
			for (const id of ['pane.adapters', 'pane.vports', 'pane.domains', 'pane.fabric', 'prompt.command', 'prompt.cancel', 'help.toggle', 'help.close'] as const) {
				await c.press(id);
				expect(hintLine(c).length).toBeLessThanOrEqual(cols);
				expect(c.lines()).toHaveLength(24);
			}
			c.unmount();
		}
	});

	test('the clock: pause/resume, step, speed', async () => {
		const c = await start();
		expect(c.lines()[0]).toContain('sim 00:00:42.180 x1 PAUSED');
		await c.press('clock.pause');
		expect(c.lines()[0]).toContain('running');
		await c.press('clock.speed100');
		expect(c.lines()[0]).toContain('x100 running');
		await c.press('clock.pause');
		await c.press('clock.step');
		expect(c.lines()[0]).toContain('sim 00:00:43.180 x100 PAUSED');
	});
});

describe('terminal', () => {
	test('resize re-lays out: side detail when wide, notice when too small', async () => {
		const c = await start({cols: 100, rows: 30});
		expect(c.lines()[3]).not.toContain('╮╭');
		await c.resize(130, 40);
		expect(c.lines()[3]).toContain('╮╭─ HBA port 2100001b32812345');
		expect(c.lines()).toHaveLength(40);
		expect(c.lines().at(-2)).toMatch(/^new vport: n/);
		await c.resize(60, 20);
		expect(c.screen()).toContain('Terminal too small: 60x20.');
		await c.resize(80, 24);
		expect(c.lines()[3]).toMatch(/^╭─ Adapters \(7\) ─+╮$/);
	});

	test('colour: selection is inverse, states are coloured; --no-color writes no colour codes', async () => {
		const c = await start();
		expect(c.cell(2, 5).inverse).toBe(true);
		const online = c.lines()[6]!.indexOf('online');
		expect(c.cell(online, 6).isFgDefault).toBe(false);
		const d = await renderConsole({noColor: true});
		// eslint-disable-next-line no-control-regex
		expect(d.raw()).not.toMatch(/\u001B\[(3[0-7]|9[0-7]|38;)/);
		expect(d.screen()).toContain('> dom0-a     2100001b32812345');
		d.unmount();
	});
});

test('long command output scrolls with the list keys and closes with Esc', async () => {
	const c = await start({cols: 100, rows: 30});
	await c.press('prompt.command');
	await c.type('fcinfo hba-port');
	await c.press('prompt.submit');
	const note = () => c.lines().find(l => l.startsWith('╰')) ?? '';
	expect(note()).toMatch(/1-23 of (\d+)/);
	const total = Number(/of (\d+)/.exec(note())![1]);
	await c.press('list.down', 2);
	expect(note()).toContain(`3-25 of ${total}`);
	await c.press('list.bottom');
	expect(note()).toContain(`${total - 22}-${total} of ${total}`);
	expect(c.screen()).toContain('NPIV Not Supported');
	await c.press('output.close');
	expect(c.lines()[3]).toContain('Adapters (7)');
});

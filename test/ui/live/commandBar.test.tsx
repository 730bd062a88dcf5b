/**
 * The `:` bar over the real SAN: what the output panel says for commands that print nothing, and
 * for FOS commands that would ask a question at a switch.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {Lab} from '../../../source/lab/Lab.js';
import {renderConsole, type Harness} from '../harness.js';
import {labDocument, labSource} from './helpers.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

async function run(line: string): Promise<Harness> {
	const c = (h ??= await renderConsole({source: labSource(), cols: 100, rows: 30}));
	await c.press('prompt.command');
	await c.type(line);
	await c.press('prompt.submit');
	return c;
}

/** The output panel's text lines (inside its borders). */
const panel = (c: Harness) =>
	c
		.lines()
		.slice(4, -2)
		.filter(l => l.startsWith('│'))
		.map(l => l.slice(1, -1).trim())
		.filter(l => l !== '');

describe('command bar', () => {
	test('a migration started from the bar says so and where to watch it, not "(no output)"', async () => {
		const c = await run('xm migrate --live web01 dom0-b');
		expect(c.lines()[3]).toContain('$ npiv xm migrate --live web01 dom0-b');
		expect(panel(c)).toEqual(['live migration of web01 to dom0-b started; watch the Domains pane']);
		expect(c.screen()).not.toContain('(no output)');
	});

	test('a command that prints nothing on success says it is done', async () => {
		const c = await run('xm pause web01');
		expect(panel(c)).toEqual(['done (exit 0)']);
	});

	test('cfgenable at the console prints the question answered, without the one-shot remark', async () => {
		const c = await run('switch cfgenable cfg_fabric_a');
		const text = panel(c).join('\n');
		expect(text).toContain("Do you want to enable 'cfg_fabric_a' configuration  (yes, y, no, n): [no] yes");
		expect(text).toContain('zone config "cfg_fabric_a" is in effect');
		expect(text).not.toContain('not prompted');
		// The one-shot CLI still says that nobody was asked.
		const oneShot = Lab.open(labDocument()).run('switch', ['cfgenable', 'cfg_fabric_a'], {globals: {json: false, statePath: '', noColor: false}, settle: true});
		expect(oneShot.stdout).toContain("(yes, y, no, n): [no] yes (not prompted: one-shot command)\n");
	});
});

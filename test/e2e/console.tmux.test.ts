/**
 * The real console in a real terminal (tmux, 120x36): start it on a fresh store, look at every
 * pane, create a virtual port with the spare zoned WWN pair through the dialog, watch its LUNs
 * appear, quit, and check that the process exited 0, left the terminal as it found it, wrote
 * nothing to stderr, and saved the new port in the store like `fcadm create-npiv-port` would.
 *
 * Keys are pressed by command id (the binding registry says which key); the test waits for the
 * screen to show something, never for a fixed time.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {CLI, ensureBuilt} from '../cli/runCli.js';
import {HAS_TMUX, shellQuote, terminalEnv, TmuxConsole} from './tmux.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The default lab: dom0-a's first HBA port, the vport web01 boots with, and the spare WWN pair
// that the lab zones and masks (so LUNs appear on it) but that no host uses yet.
const PHYSICAL = '2100001b32813c5a';
const WEB01_VPORT = 'c0007d5a3e81c241';
const SPARE_PORT = 'c0007d1c6d04a9b3';
const SPARE_NODE = 'c0007d1c6d04a9b2';
const ARRAY_PORT = '500a0b810029edf4';

let tmux: TmuxConsole | undefined;
let dir: string | undefined;

afterEach(() => {
	tmux?.kill();
	tmux = undefined;
	if (dir) rmSync(dir, {recursive: true, force: true});
	dir = undefined;
});

describe('the console in tmux', () => {
	beforeAll(() => {
		if (HAS_TMUX) ensureBuilt();
	});

	const title = 'shows every pane, creates a virtual port whose LUNs appear, and quits cleanly';
	it.skipIf(!HAS_TMUX)(HAS_TMUX ? title : `${title} (SKIPPED: tmux is not installed)`, {timeout: 60_000}, async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'npiv-e2e-'));
		const store = path.join(dir, 'store.json');
		const stderrFile = path.join(dir, 'stderr.txt');
		// The session outlives the console so that its exit status and the restored screen stay visible.
		const command = `${shellQuote(process.execPath)} ${shellQuote(CLI)} --state ${shellQuote(store)} 2>${shellQuote(stderrFile)}; echo EXIT=$?; sleep 30`;
		const t = (tmux = TmuxConsole.start({command, cwd: ROOT, cols: 120, rows: 36, env: terminalEnv({XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir})}));

		// Header, pane tabs, and the Adapters pane with its side detail (120 columns).
		let screen = await t.waitFor(/Adapters \(7\)[\s\S]*HBA Port WWN:/);
		expect(screen).toContain('npiv-console');
		expect(screen).toMatch(/hosts 3 +HBA ports 7 +virtual ports 1 +domains 2/);
		expect(screen).toMatch(/\[1 Adapters\] +2 Virtual ports +3 LUNs +4 Events +5 Domains +6 Fabric/);
		expect(screen).toMatch(new RegExp(`> dom0-a +${PHYSICAL} .*online .*010000 .* 1/127`));
		expect(screen).toMatch(/Model: +QLE2462/);
		// The 2 Gb QLA2342 cannot do NPIV.
		expect(screen).toMatch(/sol-c +210000e08b1c4482 .*online .* n\/a/);

		t.press('pane.next');
		screen = await t.waitFor(/\[2 Virtual ports\][\s\S]*Virtual ports \(1\)/);
		expect(screen).toMatch(new RegExp(`> ${WEB01_VPORT} .*${PHYSICAL} +dom0-a +010001 +online +web01 +5`));
		expect(screen).toContain(`Virtual port ${WEB01_VPORT} (dom0-a)`);

		t.press('pane.luns');
		screen = await t.waitFor(/\[3 LUNs\][\s\S]*LUNs \(21\)/);
		expect(screen).toMatch(new RegExp(`dom0-a +${WEB01_VPORT} .*${ARRAY_PORT} +1 +100 GiB .* web01`));

		t.press('pane.events');
		screen = await t.waitFor(/\[4 Events\][\s\S]*Events \(\d+\) +follow on +type all/);
		expect(screen).toMatch(/xvm\.xenstore\.|fabric\.rscn/);

		t.press('pane.domains');
		screen = await t.waitFor(/\[5 Domains\][\s\S]*Domains \(4\)/);
		expect(screen).toMatch(/web01 +1 +1024 .*-b---- .*dom0-a +1/);

		t.press('pane.fabric');
		screen = await t.waitFor(/\[6 Fabric\][\s\S]*Fabric: \[switch ports\] name server zoning/);
		expect(screen).toMatch(new RegExp(`fab-a1 +0 +Online .*F-Port +${PHYSICAL} +2 +1 `));
		t.press('fabric.viewNext');
		screen = await t.waitFor(/Fabric: switch ports \[name server\] zoning/);
		expect(screen).toMatch(new RegExp(`${WEB01_VPORT} +c0007d5a3e81c240 .*yes`));

		// Below 80x24 the console says so instead of drawing a broken frame; back at size it draws again.
		t.resize(79, 23);
		screen = await t.waitFor(/Terminal too small: 79x23/);
		expect(screen).toContain('needs at least 80x24');
		expect(screen).not.toMatch(/[╭╰│]/);
		t.resize(120, 36);
		await t.waitFor(/Fabric: switch ports \[name server\] zoning/);

		// Create the virtual port from dom0-a's first port (the selected row) with the spare pair.
		t.press('pane.adapters');
		await t.waitFor(new RegExp(`\\[1 Adapters\\][\\s\\S]*> dom0-a +${PHYSICAL}`));
		t.press('vport.create');
		screen = await t.waitFor(/Create virtual port[\s\S]*Port WWN: +random/);
		expect(screen).toMatch(/> Host: +‹ dom0-a ›/);
		expect(screen).toMatch(new RegExp(`Physical port: +‹ ${PHYSICAL} `));
		t.press('dialog.next', 2);
		await t.waitFor(/> Port WWN:/);
		t.type(SPARE_PORT);
		t.press('dialog.next');
		await t.waitFor(/> Node WWN:/);
		t.type(SPARE_NODE);
		await t.waitFor(new RegExp(`Port WWN: +${SPARE_PORT}[\\s\\S]*> Node WWN: +${SPARE_NODE}`));
		t.press('dialog.confirm');
		screen = await t.waitFor(new RegExp(`Created virtual port ${SPARE_PORT}`));
		expect(screen).not.toContain('Create virtual port');
		expect(screen).toMatch(new RegExp(`> dom0-a +${PHYSICAL} .* 2/127`));

		t.press('pane.vports');
		screen = await t.waitFor(new RegExp(`Virtual ports \\(2\\)[\\s\\S]*${SPARE_PORT} .*${PHYSICAL} +dom0-a +010002 +online`));
		expect(screen).toContain(`Virtual port ${SPARE_PORT} (dom0-a)`);

		// Its LUNs: discovery on the new port runs on the simulated clock; 100x gets there sooner.
		t.press('clock.speed100');
		t.press('pane.luns');
		screen = await t.waitFor(new RegExp(`dom0-a +${SPARE_PORT} .*${ARRAY_PORT} +0 +10 GiB`));
		expect(screen).toMatch(/LUNs \((2[2-9]|[3-9]\d)\)/);

		t.press('app.quit');
		screen = await t.waitFor(/EXIT=\d+|Quit\?/);
		if (/Quit\?/.test(screen)) {
			// A confirmation opens on Cancel: move to the confirming button.
			t.press('dialog.next');
			t.press('dialog.confirm');
			screen = await t.waitFor(/EXIT=\d+/);
		}
		expect(screen).toMatch(/EXIT=0\b/);
		// The alternate screen was left: no frame, header or hint bar of the console remains.
		expect(screen).not.toMatch(/[╭╰│]|npiv-console|Adapters|help: \?/);
		expect(readFileSync(stderrFile, 'utf8')).toBe('');

		// Saved like `fcadm create-npiv-port`: dom0-a's NPIV port list holds the new port.
		const doc = JSON.parse(readFileSync(store, 'utf8')) as {lab: {hosts: {name: string; npivPorts: string[]}[]}};
		const dom0a = doc.lab.hosts.find(h => h.name === 'dom0-a');
		expect(dom0a?.npivPorts.map(p => p.toLowerCase())).toContainEqual(expect.stringMatching(new RegExp(`^${PHYSICAL}:${SPARE_PORT}:${SPARE_NODE}:\\d+$`)));
	});
});

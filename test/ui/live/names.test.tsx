/**
 * Names next to numbers, on the real lab: `w` shows each WWN column's name (the zoning alias in
 * the fabric the port is on, else the owner) in place of the WWN and back; the detail panel
 * always shows both; names follow the zoning; a filter finds a row by a name it does not show;
 * and the names cost nothing per keypress or per clock tick.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {renderConsole, type Harness} from '../harness.js';
import {labSource, SOLC_A, SOLC_LEGACY, WEB01_VPORT, listRows} from './helpers.js';

let h: Harness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

const rows = listRows;
const header = (c: Harness) => c.lines()[4]!.split('││')[0]!;
const title = (c: Harness) => c.lines()[3]!;
const statusLine = (c: Harness) => c.lines().at(-1)!;
/** The side detail panel's text (right of the list), its wrapped lines joined. */
const detail = (c: Harness) =>
	c
		.lines()
		.map(l => (l.split('││')[1] ?? '').replace(/│\s*$/, '').trim())
		.join(' ');

describe('names in place of WWNs', () => {
	test("w shows web01's virtual port as its zoning alias web01_v0, and w again shows the WWN", async () => {
		const c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36}));
		await c.press('pane.vports');
		const web01 = () => rows(c).find(l => /\bweb01\s+\d+│?$/.test(l.trimEnd()))!;
		expect(web01()).toContain(WEB01_VPORT);
		// 120 columns with the side detail: the node WWN is the first column to go.
		expect(header(c)).toMatch(/PORT WWN +PHYSICAL PORT +HOST/);

		await c.press('list.names');
		expect(c.state().names).toBe(true);
		// The physical port is dom0-a's port 0, aliased dom0a_p0 in fabric A; the widths stay.
		expect(web01()).toMatch(/│[> ] web01_v0 {9}dom0a_p0 {9}dom0-a /);
		expect(web01()).not.toContain(WEB01_VPORT);
		expect(header(c)).toMatch(/│ {2}PORT {13}PHYSICAL {9}HOST/);
		expect(title(c)).toContain('names');
		expect(statusLine(c)).toContain('Names in place of WWNs');

		await c.press('list.names');
		expect(web01()).toContain(WEB01_VPORT);
		expect(web01()).not.toContain('web01_v0');
		expect(header(c)).toMatch(/PORT WWN +PHYSICAL PORT +HOST/);
		expect(title(c)).not.toContain('names');
		// A list without WWNs says where the names show.
		await c.press('pane.events');
		await c.press('list.names');
		expect(statusLine(c)).toContain('Names in place of WWNs in the lists that have them');
		expect(title(c)).not.toContain('names');
	});

	test('a port no zoning names shows its owner: the host and adapter, or the array port', async () => {
		const source = labSource();
		// A virtual port with a random WWN: no alias anywhere, bound to no domain.
		const created = await source.actions.runCommand(`--host sol-c fcadm create-npiv-port ${SOLC_A}`);
		expect(created.exitCode, created.stderr).toBe(0);
		source.advance(1000);
		const fresh = source.getSnapshot().vports.find(v => v.physicalWwn === SOLC_A)!;
		const c = (h = await renderConsole({source, cols: 120, rows: 36}));
		await c.press('list.names');
		// The legacy fabric has no zoning: sol-c's QLA2342 is named by its owner; so is the loop's LP10000.
		expect(rows(c).find(l => l.includes(' legacy '))).toMatch(/│[> ] sol-c +sol-c\/qlc1 /);
		expect(rows(c).some(l => /│[> ] sol-c +sol-c\/emlxs0 /.test(l))).toBe(true);
		await c.press('pane.vports');
		// The new port is sol-c's QLE2562's (qlc0); that port itself has its alias solc_p0.
		expect(rows(c).find(l => /│[> ] sol-c\/qlc0 +solc_p0 +sol-c /.test(l))).toBeDefined();
		await c.press('list.names');
		expect(rows(c).find(l => l.includes(fresh.portWwn))).toMatch(new RegExp(`${fresh.portWwn} ${SOLC_A} sol-c `));
		// Targets on a loop have no fabric and so no alias: the JBOD's port by its owner.
		await c.press('list.names');
		await c.press('pane.luns');
		expect(rows(c).some(l => l.includes('jbod-1/loop-a'))).toBe(true);
		expect(rows(c).some(l => l.includes('array1_a1'))).toBe(true);
		expect(header(c)).toMatch(/│ {2}HOST {3}PORT {13}TARGET {12}LUN/);
	});

	test('the fabric pane: switch ports and the name server', async () => {
		const c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36}));
		await c.press('pane.fabric');
		await c.press('list.names');
		expect(header(c)).toContain('ATTACHED');
		expect(header(c)).not.toContain('ATTACHED WWN');
		expect(rows(c).find(l => /fab-a1 +8 /.test(l))).toContain('array1_a1');
		await c.press('prompt.filter');
		await c.type('legacy-1');
		await c.press('prompt.submit');
		expect(rows(c).find(l => /legacy-1 +0 /.test(l))).toContain('sol-c/qlc1');
		await c.press('fabric.viewNext');
		const web01 = rows(c).find(l => l.includes('web01_v0'))!;
		// Node WWNs have no alias in the lab: a virtual port's node is its domain's, an array's the array.
		expect(web01).toMatch(/web01_v0 +web01 /);
		expect(rows(c).find(l => l.includes('array1_a1'))).toMatch(/array1_a1 +array-1 /);
	});

	test('the detail shows the WWN and both names, whichever the list shows', async () => {
		const c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36}));
		await c.press('pane.vports');
		const at = rows(c).findIndex(l => l.includes(WEB01_VPORT));
		await c.press('list.down', at);
		for (const names of [false, true]) {
			expect(c.state().names).toBe(names);
			const text = detail(c);
			expect(text).toMatch(new RegExp(`Port WWN: +${WEB01_VPORT}`));
			expect(text).toMatch(/Zoning alias: +web01_v0 \(fabric A\)/);
			expect(text).toMatch(/Owner: +web01 /);
			expect(text).toMatch(/Physical Port WWN: +2100001b32813c5a\s+\(dom0a_p0,\s/);
			expect(text).toMatch(/500a0b810029edf4: 010800 online array-1 A-1 \(alias array1_a1\)/);
			await c.press('list.names');
		}
		// A domain's detail names its NPIV ports too.
		const domain = labSource().detail('domains', 'web01')!;
		expect(domain.lines).toContainEqual([`  ${WEB01_VPORT}`, 'alias web01_v0, node c0007d5a3e81c240 on 2100001b32813c5a (dom0a_p0, dom0-a/qlc0), autoattach']);
		// And the adapter's: the zoning alias with its fabric, and where none, the owner alone.
		const legacy = labSource().detail('adapters', SOLC_LEGACY)!;
		expect(legacy.lines).toContainEqual(['Zoning alias', 'none']);
		expect(legacy.lines).toContainEqual(['Owner', 'sol-c/qlc1']);
		// A LUN names its initiator and its target; fcinfo's own lines keep the bare WWNs.
		const lun = labSource().detail('luns', `${WEB01_VPORT}/500a0b810029edf4/1`)!;
		expect(lun.lines).toContainEqual(['HBA Port WWN', WEB01_VPORT]);
		expect(lun.lines).toContainEqual(['HBA port names', 'alias web01_v0 (fabric A), owner web01']);
		expect(lun.lines).toContainEqual(['Remote port names', 'alias array1_a1 (fabric A), owner array-1/A-1']);
	});

	test('names follow the zoning: an alias made with alicreate replaces the owner', async () => {
		const source = labSource();
		await source.actions.runCommand(`--host sol-c fcadm create-npiv-port ${SOLC_A}`);
		source.advance(1000);
		const wwn = source.getSnapshot().vports.find(v => v.physicalWwn === SOLC_A)!.portWwn;
		const before = source.getSnapshot().vports;
		expect(before.find(v => v.portWwn === wwn)!.portLabel).toBe('sol-c/qlc0');
		const out = await source.actions.runCommand(`switch --switch fab-a2 alicreate solc_new_v1, ${wwn}`);
		expect(out.exitCode, out.stderr).toBe(0);
		const after = source.getSnapshot().vports;
		expect(after.find(v => v.portWwn === wwn)!.portLabel).toBe('solc_new_v1');
		// Rows the alias does not touch are the same objects (RowList): nothing to redraw for them.
		expect(after.find(v => v.portWwn === WEB01_VPORT)).toBe(before.find(v => v.portWwn === WEB01_VPORT));
		// A second alias, first by name but zoned by nothing: the alias the enabled zoning uses stays.
		expect((await source.actions.runCommand(`switch --switch fab-a1 alicreate aaa_web01, ${WEB01_VPORT}`)).exitCode).toBe(0);
		expect(source.getSnapshot().vports.find(v => v.portWwn === WEB01_VPORT)!.portLabel).toBe('web01_v0');
		expect(source.getSnapshot().luns.filter(l => l.portWwn === WEB01_VPORT).every(l => l.portLabel === 'web01_v0')).toBe(true);
	});

	test('a filter finds a row by its alias while the list shows WWNs, and a sort orders by the names shown', async () => {
		const c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36}));
		await c.press('pane.luns');
		await c.press('prompt.filter');
		await c.type('tape1_p0');
		await c.press('prompt.submit');
		expect(rows(c).length).toBeGreaterThan(0);
		expect(rows(c).every(l => l.includes('50014380025e6a11'))).toBe(true);
		await c.press('pane.back');
		await c.press('list.names');
		await c.press('list.sort', 2);
		expect(header(c)).toMatch(/PORT▲/);
		const ports = rows(c).map(l => l.slice(3).trim().split(/\s+/)[1]!);
		expect(ports).toEqual([...ports].sort());
		expect(ports).toContain('web01_v0');
	});

	test('toggling builds no rows, and a clock tick keeps the rows and the names', async () => {
		const source = labSource();
		const c = (h = await renderConsole({source, cols: 120, rows: 36}));
		await c.press('pane.vports');
		const snapshot = source.getSnapshot();
		const vports = snapshot.vports;
		const builds = {...source.buildCounts};
		await c.press('list.names');
		await c.press('list.names');
		await c.press('list.names');
		expect(source.buildCounts).toEqual(builds);
		expect(source.getSnapshot().vports).toBe(vports);
		source.advance(5000);
		await c.waitIdle();
		expect(source.getSnapshot().vports).toBe(vports);
		expect(rows(c).some(l => l.includes('web01_v0'))).toBe(true);
	});

	test('the choice is kept with the other settings of the store', async () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-names-')), 'settings.json');
		let c = (h = await renderConsole({source: labSource(), cols: 120, rows: 36, settingsFile: file}));
		await c.press('list.names');
		h.unmount();
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({names: true});
		c = h = await renderConsole({source: labSource(), cols: 120, rows: 36, settingsFile: file});
		expect(c.state().names).toBe(true);
		expect(rows(c).some(l => l.includes('dom0a_p0'))).toBe(true);
	});
});

/** What the console's actions do to the SAN: each runs the command line a shell would. */
import {describe, expect, it} from 'vitest';
import {dispatchFamily} from '../../../source/commands/families/dispatchFamily.js';
import {World} from '../../../source/world/World.js';
import {Lab} from '../../../source/lab/Lab.js';
import {DOM0B_A, labDocument, labSource, parseHbaPort, SOLC_A, SOLC_LEGACY, SPARE, WEB01_VPORT} from './helpers.js';

describe('virtual ports', () => {
	it('creates one with random WWNs in the c0007d form and keeps the SMF port list as fcadm does', async () => {
		const source = labSource();
		const r = await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A});
		expect(r.ok).toBe(true);
		const [, port, node] = /^Created virtual port (c0007d[0-9a-f]{10}) \(node (c0007d[0-9a-f]{10}), index 1\)/.exec(r.message) ?? [];
		expect(port).toBeDefined();
		// the port WWN is the node WWN with the low bit flipped
		expect(parseInt(port!.slice(-1), 16) ^ parseInt(node!.slice(-1), 16)).toBe(1);
		expect(source.currentWorld.host('sol-c')!.npivPorts).toEqual([`${SOLC_A}:${port!.toUpperCase()}:${node!.toUpperCase()}:1`]);
		expect(source.getSnapshot().vports.map(v => v.portWwn)).toContain(port);
	});

	it('answers with the text fcadm prints when it cannot', async () => {
		const source = labSource();
		expect(await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_LEGACY})).toEqual({ok: false, message: 'Error: NPIV not Supported'});
		expect(await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, portWwn: WEB01_VPORT, nodeWwn: SPARE.nodeWwn})).toEqual({
			ok: false,
			message: 'Error: failed to create a npiv port',
		});
		expect(await source.actions.createVirtualPort({host: 'dom0-a', physicalWwn: SOLC_A})).toEqual({ok: false, message: `Error: HBA port ${SOLC_A}: not found`});
		expect(source.getSnapshot().header.counts.virtualPorts).toBe(1);
	});

	it('deletes one with fcadm delete-npiv-port, and refuses a port bound to a domain', async () => {
		const source = labSource();
		await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		source.advance(5000);
		expect(source.getSnapshot().luns.some(l => l.portWwn === SPARE.portWwn)).toBe(true);
		expect(await source.actions.deleteVirtualPort(SPARE.portWwn)).toEqual({ok: true, message: `Deleted virtual port ${SPARE.portWwn} from ${SOLC_A} of sol-c`});
		const snap = source.getSnapshot();
		expect(snap.vports.some(v => v.portWwn === SPARE.portWwn)).toBe(false);
		expect(snap.luns.some(l => l.portWwn === SPARE.portWwn)).toBe(false);
		expect(source.currentWorld.host('sol-c')!.npivPorts).toEqual([]);
		expect(source.detail('vports', SPARE.portWwn)).toBeNull();

		const refused = await source.actions.deleteVirtualPort(WEB01_VPORT);
		expect(refused.ok).toBe(false);
		// fcadm's own words: the console has no rule of its own.
		expect(refused.message).toBe(`Error: NPIV port ${WEB01_VPORT} belongs to domain web01 on dom0-a; detach it with: xm npiv-detach web01 ${WEB01_VPORT}`);
		expect(source.getSnapshot().vports.some(v => v.portWwn === WEB01_VPORT)).toBe(true);
		expect((await source.actions.deleteVirtualPort('0123456789abcdef')).ok).toBe(false);
	});
});

describe("the command bar and fcadm's rule for domain-owned ports", () => {
	it("`:` gets fcadm's own refusal, word for word as a shell does, and nothing changes", async () => {
		const source = labSource();
		const before = source.currentWorld.log.lastSeq;
		const out = await source.actions.runCommand(`--host dom0-a fcadm delete-npiv-port -p ${WEB01_VPORT} 2100001b32813c5a`);
		expect(out).toEqual({
			stdout: '',
			stderr: `Error: NPIV port ${WEB01_VPORT} belongs to domain web01 on dom0-a; detach it with: xm npiv-detach web01 ${WEB01_VPORT}\n`,
			exitCode: 1,
		});
		expect(source.currentWorld.log.lastSeq).toBe(before);
		expect(source.getSnapshot().vports.some(v => v.portWwn === WEB01_VPORT)).toBe(true);
	});
});

describe('fabric actions', () => {
	it('disables and enables the switch port an HBA port is cabled to', async () => {
		const source = labSource();
		const r = await source.actions.fabric.portDisable({pane: 'adapters', key: DOM0B_A});
		expect(r).toEqual({ok: true, message: 'port fab-a1/1 disabled'});
		source.advance(1000);
		let snap = source.getSnapshot();
		expect(snap.adapters.find(a => a.portWwn === DOM0B_A)).toMatchObject({state: 'offline', fcid: null});
		expect(snap.fabric.ports.find(p => p.key === 'port:fab-a1/1')).toMatchObject({state: 'Disabled', logins: 0});
		expect(await source.actions.fabric.portDisable({pane: 'adapters', key: DOM0B_A})).toEqual({ok: false, message: 'npiv fault port: fab-a1/1 is already disabled'});
		expect(await source.actions.fabric.portEnable({pane: 'fabric', key: 'port:fab-a1/1'})).toEqual({ok: true, message: 'port fab-a1/1 enabled'});
		source.advance(5000);
		snap = source.getSnapshot();
		expect(snap.adapters.find(a => a.portWwn === DOM0B_A)).toMatchObject({state: 'online', speed: '4Gb'});
		expect(snap.fabric.ports.find(p => p.key === 'port:fab-a1/1')!.state).toBe('Online');
	});

	it('pulls and plugs the cable of an HBA port and of a switch port', async () => {
		const source = labSource();
		const pulled = await source.actions.fabric.cablePull({pane: 'adapters', key: SOLC_A});
		expect(pulled.ok).toBe(true);
		expect(pulled.message).toBe('cable pulled: sol-c/21:00:00:1b:32:9e:77:30 <-> fab-a2/0');
		source.advance(1000);
		expect(source.getSnapshot().adapters.find(a => a.portWwn === SOLC_A)).toMatchObject({state: 'offline', fabric: null});
		expect(source.detail('adapters', SOLC_A)!.lines).toEqual(expect.arrayContaining([['Cable', 'fab-a2 port 0 (fabric A) (pulled)']]));
		expect((await source.actions.fabric.cablePlug({pane: 'fabric', key: 'port:fab-a2/0'})).ok).toBe(true);
		source.advance(5000);
		expect(source.getSnapshot().adapters.find(a => a.portWwn === SOLC_A)).toMatchObject({state: 'online', fabric: 'A'});
		const loop = await source.actions.fabric.portDisable({pane: 'adapters', key: '10000000c93e5d77'});
		expect(loop).toEqual({ok: false, message: 'HBA port 10000000c93e5d77 is not cabled to a switch port (loop loop-1): pull its cable instead.'});
	});
});

describe('the command bar', () => {
	it('prints what the CLI prints for the same world', async () => {
		const source = labSource();
		const world = Lab.open(labDocument(), {boot: {record: false}}).world;
		const cli = dispatchFamily('fcinfo', ['hba-port'], {world, globals: {json: false, statePath: '', noColor: true, host: 'sol-c'}, readFile: () => '', writeFile: () => false, settle: true});
		const out = await source.actions.runCommand('npiv --host sol-c fcinfo hba-port');
		expect(out).toEqual({stdout: cli.stdout, stderr: '', exitCode: 0});
		expect(parseHbaPort(out.stdout).map(b => b.fields['HBA Port WWN'])).toEqual(['2100001b329e7730', '210000e08b1c4482', '10000000c93e5d77']);
	});

	it('changes the SAN with commands and shows it', async () => {
		const source = labSource();
		const before = source.getSnapshot();
		const out = await source.actions.runCommand(`--host sol-c fcadm create-npiv-port -p ${SPARE.portWwn} -n ${SPARE.nodeWwn} ${SOLC_A}`);
		expect(out).toEqual({stdout: '', stderr: '', exitCode: 0});
		expect(source.getSnapshot()).not.toBe(before);
		expect(source.getSnapshot().vports.some(v => v.portWwn === SPARE.portWwn)).toBe(true);
		const fault = await source.actions.runCommand('fault cable pull fab-a1/1');
		expect(fault.stdout).toBe('cable pulled: dom0-b/10:00:00:00:c9:6b:2e:10 <-> fab-a1/1\n');
		source.advance(100);
		expect(source.getSnapshot().adapters.find(a => a.portWwn === DOM0B_A)!.state).toBe('offline');
	});

	it('shows zoning changed with the switch shell', async () => {
		const source = labSource();
		const zones = source.getSnapshot().fabric.zones;
		expect(zones.some(z => z.zone === 'z_new')).toBe(false);
		for (const line of [`switch --switch fab-a1 zonecreate z_new "${SPARE.portWwn}; array1_a1"`, 'switch --switch fab-a1 cfgadd cfg_fabric_a z_new', 'switch --switch fab-a1 cfgenable cfg_fabric_a']) {
			const out = await source.actions.runCommand(line);
			expect(out.exitCode, `${line}: ${out.stderr}${out.stdout}`).toBe(0);
		}
		const snap = source.getSnapshot();
		expect(snap.fabric.zones.find(z => z.zone === 'z_new')).toMatchObject({fabric: 'A', config: 'cfg_fabric_a', effective: true, members: [SPARE.portWwn.replace(/(..)(?!$)/g, '$1:'), 'array1_a1']});
		// a clock tick does not rebuild the zoning rows
		source.advance(1000);
		expect(source.getSnapshot().fabric.zones).toBe(snap.fabric.zones);
	});

	it('refuses what belongs to a shell, and bad lines, with exit 2', async () => {
		const {runCommand} = labSource().actions;
		expect(await runCommand('')).toEqual({stdout: '', stderr: '', exitCode: 0});
		expect(await runCommand('scenario show')).toEqual({stdout: '', stderr: "npiv: 'scenario' runs from a shell, not from the console's command bar\n", exitCode: 2});
		expect((await runCommand('--state /tmp/x fcinfo hba-port')).exitCode).toBe(2);
		expect(await runCommand("fcinfo 'hba-port")).toEqual({stdout: '', stderr: 'npiv: unterminated single quote\n', exitCode: 2});
		const unknown = await runCommand('frobnicate');
		expect(unknown.exitCode).toBe(2);
		expect(unknown.stderr).toMatch(/^npiv: unknown command 'frobnicate'\n/);
		expect((await runCommand('events --follow')).exitCode).toBe(2);
		expect((await runCommand('help')).stdout).toContain('Usage: npiv');
		expect(await runCommand('--host nowhere fcinfo hba-port')).toMatchObject({exitCode: 1, stderr: "npiv: no host 'nowhere' (hosts: dom0-a, dom0-b, sol-c)\n"});
	});

	it('completes families, subcommands, WWNs and names', () => {
		const {complete} = labSource().actions;
		expect(complete('fc')).toEqual({start: 0, candidates: ['fcinfo', 'fcadm']});
		expect(complete('')).toEqual({start: 0, candidates: ['fcinfo', 'fcadm', 'xm', 'switch', 'storage', 'fault', 'link', 'events']});
		expect(complete('fcadm c')).toEqual({start: 6, candidates: ['create-npiv-port', 'create-port-list']});
		expect(complete('--host sol-c fcadm create-npiv-port ')).toEqual({start: 36, candidates: ['2100001b329e7730', '210000e08b1c4482', '10000000c93e5d77']});
		expect(complete('fcadm delete-npiv-port -p c')).toEqual({start: 26, candidates: [WEB01_VPORT]});
		expect(complete('--host ')).toEqual({start: 7, candidates: ['dom0-a', 'dom0-b', 'sol-c']});
		expect(complete('xm mi').candidates).toEqual(['migrate']);
		expect(complete('xm migrate ').candidates).toEqual(['db01', 'web01', '--live']);
		expect(complete('xm migrate --live web01 ').candidates).toEqual(['dom0-a', 'dom0-b']);
		expect(complete('xm npiv-detach web01 ').candidates).toEqual([WEB01_VPORT]);
		expect(complete('switch --switch f').candidates).toEqual(['fab-a1', 'fab-a2', 'fab-b1']);
		expect(complete('switch switchsh').candidates).toEqual(['switchshow']);
		expect(complete('fault ').candidates).toEqual(['cable', 'port', 'target', 'npiv', 'list']);
		expect(complete('fault port disable fab-a1/2').candidates).toEqual(['fab-a1/2', 'fab-a1/20', 'fab-a1/21', 'fab-a1/22', 'fab-a1/23']);
		expect(complete('fault cable pull sol').candidates).toEqual(['sol-c/2100001b329e7730', 'sol-c/210000e08b1c4482', 'sol-c/10000000c93e5d77']);
		expect(complete('storage hostgroup ').candidates).toEqual(['list', 'add', 'remove']);
		expect(complete('events --type fabric.r').candidates).toEqual(['fabric.rscn']);
	});
});

describe('domains', () => {
	it('pauses and unpauses with xm on the domain host', async () => {
		const source = labSource();
		expect(await source.actions.domain.pause('web01')).toEqual({ok: true, message: 'web01: paused'});
		expect(source.getSnapshot().domains.find(d => d.key === 'web01')!.state).toBe('--p---');
		expect((await source.actions.domain.unpause('web01')).ok).toBe(true);
		expect(source.getSnapshot().domains.find(d => d.key === 'web01')!.state).not.toContain('p');
		const halted = await source.actions.domain.pause('db01');
		expect(halted.ok).toBe(false);
		expect(halted.message).toMatch(/^Error: /);
		expect(await source.actions.domain.shutdown('nobody')).toEqual({ok: false, message: "Error: Domain 'nobody' does not exist."});
	});

	it('migrates live with progress, a quit warning, and the domain on its new host at the end', async () => {
		const source = labSource();
		const r = await source.actions.domain.migrate('web01', {host: 'dom0-b', live: true});
		expect(r.ok).toBe(true);
		source.advance(500);
		let snap = source.getSnapshot();
		const row = snap.domains.find(d => d.key === 'web01')!;
		expect(row.migration).toMatchObject({from: 'dom0-a', to: 'dom0-b', live: true});
		expect(snap.busy?.label).toMatch(/^migrating web01 dom0-a -> dom0-b/);
		expect(snap.busy?.progress).toBeGreaterThan(0);
		expect(snap.quitWarning).toContain('A migration is running (web01 dom0-a -> dom0-b)');
		const phases = new Set<string>();
		for (let i = 0; i < 6000 && source.getSnapshot().busy; i++) {
			source.advance(50);
			const m = source.getSnapshot().domains.find(d => d.key === 'web01')!.migration;
			if (m) phases.add(m.phase);
		}
		snap = source.getSnapshot();
		expect(snap.busy).toBeNull();
		expect(snap.quitWarning).toBeNull();
		expect(phases.size).toBeGreaterThan(1);
		expect(snap.domains.find(d => d.key === 'web01')).toMatchObject({host: 'dom0-b', migration: null});
		expect(snap.vports.find(v => v.portWwn === WEB01_VPORT)).toMatchObject({host: 'dom0-b', domain: 'web01', state: 'online'});
	});

	it('detaches and attaches NPIV ports, and creates a domain from configuration text', async () => {
		const source = labSource();
		expect((await source.actions.domain.npivDetach('web01', {vpwwn: WEB01_VPORT})).ok).toBe(true);
		source.advance(2000);
		expect(source.getSnapshot().vports.some(v => v.portWwn === WEB01_VPORT)).toBe(false);
		const attach = await source.actions.domain.npivAttach('web01', {ppwwn: '2100001b32813c5a' as never, vpwwn: WEB01_VPORT, vnwwn: 'c0007d5a3e81c240' as never});
		expect(attach.ok).toBe(true);
		source.advance(5000);
		expect(source.getSnapshot().vports.find(v => v.portWwn === WEB01_VPORT)).toMatchObject({domain: 'web01', state: 'online'});

		const configText = `name = "app01"\nmemory = 256\nvcpus = 1\nnpiv = ['${SPARE.portWwn}:${SPARE.nodeWwn}:1:2100001b32813c5a']\n`;
		const created = await source.actions.domain.create({configText});
		expect(created.ok).toBe(true);
		source.advance(10_000);
		const snap = source.getSnapshot();
		expect(snap.domains.find(d => d.key === 'app01')).toMatchObject({host: 'dom0-a', memMiB: 256, vports: [SPARE.portWwn]});
		expect(snap.vports.find(v => v.portWwn === SPARE.portWwn)).toMatchObject({domain: 'app01', host: 'dom0-a'});
	});
});

/** The live console's rows and details say what the mirrored tools say about the same SAN. */
import {describe, expect, it} from 'vitest';
import {formatFcId} from '../../../source/sim/FcId.js';
import {LUN_COLUMNS} from '../../../source/ui/panes/columns.js';
import {DOM0B_A, labSource, parseHbaPort, parseLogicalUnits, SOLC_A, SPARE, WEB01_VPORT} from './helpers.js';

describe('rows over the default lab', () => {
	it('lists every HBA port as fcinfo hba-port prints it, host by host', async () => {
		const source = labSource();
		const rows = source.getSnapshot().adapters;
		const hosts = [...new Set(rows.map(r => r.host))];
		expect(hosts).toEqual(['dom0-a', 'dom0-b', 'sol-c']);
		for (const host of hosts) {
			const out = await source.actions.runCommand(`--host ${host} fcinfo hba-port`);
			expect(out.exitCode).toBe(0);
			const blocks = parseHbaPort(out.stdout);
			const mine = rows.filter(r => r.host === host);
			expect(mine.map(r => r.portWwn)).toEqual(blocks.map(b => b.fields['HBA Port WWN']));
			for (const [i, b] of blocks.entries()) {
				const r = mine[i]!;
				expect(r.nodeWwn).toBe(b.fields['Node WWN']);
				expect(r.model).toBe(b.fields['Model']);
				expect(r.state).toBe(b.fields['State']);
				expect(r.speed).toBe(b.fields['Current Speed']);
				expect(r.fcid === null ? '0' : r.fcid.toString(16)).toBe(b.fields['Port ID']);
				expect(r.vportsMax).toBe(b.npivSupported ? b.max : 0);
				expect(r.vportsUsed).toBe(b.vports.length);
			}
		}
		expect(source.getSnapshot().header.counts).toEqual({hosts: 3, ports: 7, virtualPorts: 1, domains: 2, fabrics: 3});
	});

	it('shows a virtual port the moment it is created, as fcinfo and the name server do', async () => {
		const source = labSource();
		const result = await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		expect(result).toEqual({ok: true, message: `Created virtual port ${SPARE.portWwn} (node ${SPARE.nodeWwn}, index 1) on ${SOLC_A} of sol-c`});
		const snap = source.getSnapshot();
		const row = snap.vports.find(v => v.portWwn === SPARE.portWwn);
		expect(row).toMatchObject({key: SPARE.portWwn, nodeWwn: SPARE.nodeWwn, physicalWwn: SOLC_A, host: 'sol-c', domain: null});
		const block = parseHbaPort((await source.actions.runCommand(`--host sol-c fcinfo hba-port ${SOLC_A}`)).stdout)[0]!;
		expect(block.vports).toEqual([{node: SPARE.nodeWwn, port: SPARE.portWwn}]);
		expect(snap.adapters.find(a => a.portWwn === SOLC_A)!.vportsUsed).toBe(1);
		expect(snap.header.counts.virtualPorts).toBe(2);

		source.advance(1000);
		const later = source.getSnapshot();
		const online = later.vports.find(v => v.portWwn === SPARE.portWwn)!;
		expect(online.state).toBe('online');
		const ns = later.fabric.nameServer.find(n => n.portWwn === SPARE.portWwn);
		expect(ns).toMatchObject({fabric: 'A', virtual: true, fcid: online.fcid, fc4Types: 'FCP'});
		const nsshow = (await source.actions.runCommand('switch --switch fab-a2 nsshow')).stdout;
		expect(nsshow).toContain(`${formatFcId(online.fcid!)};`);
	});

	it('lists the LUNs of physical ports as fcinfo lu -v prints them', async () => {
		const source = labSource();
		const luns = source.getSnapshot().luns;
		for (const host of ['dom0-a', 'dom0-b', 'sol-c']) {
			const units = parseLogicalUnits((await source.actions.runCommand(`--host ${host} fcinfo lu -v`)).stdout);
			const printed = units.flatMap(u => u.paths.map(p => ({...p, u})));
			const mine = luns.filter(l => l.host === host && l.portKind === 'physical');
			expect(mine.map(r => `${r.portWwn}/${r.targetWwn}/${r.lun}`).sort()).toEqual(printed.map(p => `${p.hbaPort}/${p.target}/${p.lun}`).sort());
			for (const r of mine) {
				const p = printed.find(x => x.hbaPort === r.portWwn && x.target === r.targetWwn && x.lun === r.lun)!;
				expect(r).toMatchObject({osDevice: p.u.osDevice, vendor: p.u.vendor, product: p.u.product, deviceType: p.u.deviceType, domain: null});
			}
		}
	});

	it('lists the LUNs a new virtual port discovers once the clock has run', async () => {
		const source = labSource();
		await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		expect(source.getSnapshot().luns.filter(l => l.portWwn === SPARE.portWwn)).toEqual([]);
		expect(source.getSnapshot().vports.find(v => v.portWwn === SPARE.portWwn)!.lunCount).toBe(0);
		source.advance(5000);
		const snap = source.getSnapshot();
		const rows = snap.luns.filter(l => l.portWwn === SPARE.portWwn);
		// z_spare_solc_1 zones it with array-1 A-1 and the tape library; both mask it a LUN or more
		expect([...new Set(rows.map(r => r.targetWwn))].sort()).toEqual(['50014380025e6a11', '500a0b810029edf4']);
		expect(snap.vports.find(v => v.portWwn === SPARE.portWwn)!.lunCount).toBe(rows.length);
		const controller = Object.fromEntries(source.detail('vports', SPARE.portWwn)!.lines)['OS Device Name']!.replace('/dev/cfg/', '');
		const disk = rows.find(r => r.deviceType === 'Disk Device')!;
		expect(disk).toMatchObject({host: 'sol-c', portKind: 'virtual', targetWwn: '500a0b810029edf4', vendor: 'SUN', product: 'CSM200_R', domain: null});
		expect(disk.osDevice).toBe(`/dev/rdsk/${controller}t500A0B810029EDF4d${disk.lun}s2`);
		expect(disk.sizeBytes).toBeGreaterThan(0);
		expect(source.detail('luns', disk.key)!.lines).toEqual(
			expect.arrayContaining([
				['OS Device Name', disk.osDevice],
				['HBA Port WWN', SPARE.portWwn],
				['Remote Port WWN', disk.targetWwn],
				['LUN', String(disk.lun)],
				['Device Type', 'Disk Device'],
			]),
		);
	});

	it('shows no size for a LUN without a capacity (tape, medium changer), not 0 B', async () => {
		const source = labSource();
		await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		source.advance(5000);
		const rows = source.getSnapshot().luns.filter(l => l.portWwn === SPARE.portWwn);
		const tapeLibrary = rows.filter(r => r.targetWwn === '50014380025e6a11');
		expect(tapeLibrary.map(r => r.deviceType).sort()).toEqual(expect.arrayContaining(['Tape Device']));
		const size = LUN_COLUMNS.find(c => c.id === 'size')!;
		for (const r of tapeLibrary) {
			expect(r.sizeBytes).toBeNull();
			expect(size.text(r, 9)).toBe('-');
			expect(Object.fromEntries(source.detail('luns', r.key)!.lines)['Size']).toBe('not applicable');
		}
		const disk = rows.find(r => r.deviceType === 'Disk Device')!;
		expect(size.text(disk, 9)).toMatch(/^\d+(\.\d)? [KMGT]iB$/);
	});

	it('knows which domain a virtual port and its LUNs belong to', () => {
		const snap = labSource().getSnapshot();
		expect(snap.vports.find(v => v.portWwn === WEB01_VPORT)).toMatchObject({host: 'dom0-a', domain: 'web01', state: 'online'});
		const luns = snap.luns.filter(l => l.portWwn === WEB01_VPORT);
		expect(luns.some(l => l.domain === 'web01')).toBe(true);
		expect(snap.luns.filter(l => l.portKind === 'physical').every(l => l.domain === null)).toBe(true);
	});

	it('lists switch ports, name server entries and zones as the switch shell shows them', async () => {
		const source = labSource();
		const fabric = source.getSnapshot().fabric;
		expect(fabric.switches.map(s => [s.name, s.fabric, s.domainId, s.npiv])).toEqual([
			['fab-a1', 'A', 1, true],
			['fab-a2', 'A', 2, true],
			['fab-b1', 'B', 3, true],
			['legacy-1', 'legacy', 10, false],
		]);
		const nsshow = (await source.actions.runCommand('switch --switch fab-a1 nsshow')).stdout;
		const pids = [...nsshow.matchAll(/^ N\s+([0-9a-f]{6});/gm)].map(m => m[1]);
		expect(fabric.nameServer.filter(n => n.fabric === 'A' && n.fcid >> 16 === 1).map(n => formatFcId(n.fcid))).toEqual(pids);
		expect(fabric.nameServer.find(n => n.portWwn === WEB01_VPORT)).toMatchObject({virtual: true, fabric: 'A'});

		const port0 = fabric.ports.find(p => p.key === 'port:fab-a1/0')!;
		expect(port0).toMatchObject({state: 'Online', portType: 'F-Port', attachedWwn: '2100001b32813c5a', logins: 2, npivLogins: 1});
		const switchshow = (await source.actions.runCommand('switch --switch fab-a1 switchshow')).stdout;
		expect(switchshow).toMatch(/^ {2}0 {3}0 {3}010000 {3}id {4}N4 {3}Online {6}FC {2}F-Port {2}1 N Port \+ 1 NPIV public $/m);
		expect(fabric.ports.find(p => p.key === 'port:fab-a1/2')).toMatchObject({state: 'No_Light', portType: '', attachedWwn: null, logins: 0});
		expect(source.detail('fabric', 'port:fab-a1/0')!.lines).toEqual(expect.arrayContaining([['Logins', '2 (1 NPIV)']]));

		const cfgshow = (await source.actions.runCommand('switch --switch fab-a1 cfgshow')).stdout;
		const zonesA = fabric.zones.filter(z => z.fabric === 'A');
		for (const z of zonesA) expect(cfgshow).toContain(` zone:\t${z.zone}\n\t\t${z.members.join('; ')}`);
		expect(zonesA.every(z => z.config === 'cfg_fabric_a' && z.effective)).toBe(true);
		expect(fabric.zoning).toEqual([
			{fabric: 'A', definedConfigs: ['cfg_fabric_a'], effectiveConfig: 'cfg_fabric_a', defaultZone: 'no-access'},
			{fabric: 'B', definedConfigs: ['cfg_fabric_b'], effectiveConfig: 'cfg_fabric_b', defaultZone: 'no-access'},
			{fabric: 'legacy', definedConfigs: [], effectiveConfig: null, defaultZone: 'all-access'},
		]);
	});

	it('lists domains as xm list does on each dom0', async () => {
		const source = labSource();
		const rows = source.getSnapshot().domains;
		for (const host of ['dom0-a', 'dom0-b']) {
			const out = (await source.actions.runCommand(`--host ${host} xm list`)).stdout.split('\n').slice(1).filter(Boolean);
			const listed = out.map(l => l.trim().split(/\s+/));
			const mine = rows.filter(r => r.host === host);
			expect(mine.map(r => r.name).sort()).toEqual(listed.map(w => w[0]).sort());
			for (const r of mine) {
				const words = listed.find(w => w[0] === r.name)!;
				// Name ID Mem VCPUs State Time: a halted managed domain has no ID and, as xend sends
				// no state without a domid, an empty State (the pane keeps its flags)
				const [id, mem, vcpus, state] = r.id === null ? ['', ...words.slice(1, 3), ''] : words.slice(1, 5);
				expect([r.id === null ? '' : String(r.id), String(r.memMiB), String(r.vcpus), r.id === null ? '' : r.state]).toEqual([id, mem, vcpus, state]);
				if (r.id === null) expect(words).toHaveLength(4);
			}
		}
		expect(rows.find(r => r.key === 'web01')).toMatchObject({host: 'dom0-a', vports: [WEB01_VPORT], migration: null});
		expect(rows.find(r => r.key === 'db01')).toMatchObject({host: 'dom0-b', id: null, state: '------'});
	});

	it('decodes the RSCN pages events carry', () => {
		const events = labSource().getSnapshot().events;
		const sent = events.find(e => e.type === 'fabric.rscn' && e.summary.includes('2 pages'))!;
		expect(sent.rscnPages).toEqual(['port 010800', 'port 020800']);
		const sysevent = events.find(e => e.type === 'driver.sysevent.port_rscn')!;
		expect(sysevent.rscnPages!.every(p => /^(port [0-9a-f]{6}|area [0-9a-f]{4}|domain [0-9a-f]{2}|fabric)$/.test(p))).toBe(true);
		expect(events.filter(e => e.type.startsWith('storage.')).every(e => e.rscnPages === undefined)).toBe(true);
	});
});

describe('details', () => {
	it('shows an HBA port with the lines fcinfo hba-port prints', async () => {
		const source = labSource();
		const printed = (await source.actions.runCommand(`--host dom0-b fcinfo hba-port ${DOM0B_A}`)).stdout;
		const expected = printed
			.split('\n')
			.filter(l => l.includes(': ') && !l.startsWith('\t\t'))
			.map(l => {
				const [label, value] = l.trim().split(/: (.*)/s) as [string, string];
				return [label, value.trimEnd()];
			});
		const detail = source.detail('adapters', DOM0B_A)!;
		expect(detail.title).toBe(`HBA port ${DOM0B_A} (dom0-b)`);
		expect(detail.lines.slice(0, expected.length)).toEqual(expected);
		expect(detail.lines).toEqual(expect.arrayContaining([['Cable', 'fab-a1 port 1 (fabric A)']]));
	});

	it('shows a virtual port with its N_Port_ID, domain and remote ports', () => {
		const source = labSource();
		const lines = Object.fromEntries(source.detail('vports', WEB01_VPORT)!.lines);
		expect(lines).toMatchObject({'Port WWN': WEB01_VPORT, 'Port ID': '10001', State: 'online', 'Physical Port WWN': '2100001b32813c5a (dom0a_p0, dom0-a/qlc0)', 'Bound domain': 'web01', 'Remote ports': '2'});
		expect(lines['  500a0b810029edf4']).toMatch(/^010800 online/);
		expect(source.detail('vports', '2100001b32813c5a')).toBeNull();
		expect(source.detail('vports', 'nonsense')).toBeNull();
	});

	it('shows an event with all its data and a domain as xm list -l would', () => {
		const source = labSource();
		const ev = source.getSnapshot().events.find(e => e.rscnPages)!;
		const lines = source.detail('events', ev.key)!.lines;
		expect(lines).toEqual(expect.arrayContaining([['Type', ev.type], ['Summary', ev.summary], ['RSCN pages', String(ev.rscnPages!.length)]]));
		const web01 = Object.fromEntries(source.detail('domains', 'web01')!.lines);
		expect(web01).toMatchObject({name: 'web01', host: 'dom0-a', memory: '1024 MiB', vcpus: '2'});
		expect(web01[`  ${WEB01_VPORT}`]).toContain('on 2100001b32813c5a');
		expect(source.detail('domains', 'nobody')).toBeNull();
	});
});

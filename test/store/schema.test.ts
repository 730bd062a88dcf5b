import {describe, expect, test} from 'vitest';
import {decodeDocumentValue, decodeLabValue, encodeDocument, loadEmbeddedLab, decodeDocumentText, STORE_VERSION} from '../../source/store/index.js';
import {mutableDocument, refusal} from './helpers.js';

const source = {file: 'state/store.json', kind: 'store'} as const;

describe('the embedded lab', () => {
	test('is a valid lab and a valid store document', () => {
		const lab = loadEmbeddedLab();
		expect(lab.name).toBe('default');
		const doc = mutableDocument();
		expect(decodeDocumentValue(doc, source).document.lab).toEqual(lab);
		// What the store writes it reads back unchanged.
		expect(decodeDocumentText(encodeDocument(doc), source).document).toEqual(doc);
	});

	test('describes the brief: fabrics, switches, hosts, arrays, domains', () => {
		const lab = loadEmbeddedLab();
		expect(lab.switches.map(s => [s.name, s.fabric, s.domainId, s.npiv])).toEqual([
			['fab-a1', 'A', 1, true],
			['fab-a2', 'A', 2, true],
			['fab-b1', 'B', 3, true],
			['legacy-1', 'legacy', 10, false],
		]);
		expect(lab.hosts.map(h => [h.name, h.kind, h.hbas.map(b => b.model).join('+')])).toEqual([
			['dom0-a', 'xen', 'QLE2462'],
			['dom0-b', 'xen', 'LPe11002'],
			['sol-c', 'solaris', 'QLE2562+QLA2342+LP10000'],
		]);
		expect(lab.hosts.every(h => h.npivPorts.length === 0)).toBe(true);
		expect(lab.arrays.find(a => a.name === 'array-1')!.luns).toHaveLength(12);
		expect(lab.domains.map(d => [d.name, d.host, d.state, d.managed])).toEqual([
			['web01', 'dom0-a', 'running', true],
			['db01', 'dom0-b', 'halted', true],
		]);
	});

	test('zones and masks every pre-provisioned virtual WWPN, including spares nobody uses yet', () => {
		const lab = loadEmbeddedLab();
		const fabricA = lab.fabrics.find(f => f.name === 'A')!.zoning;
		const aliased = fabricA.aliases.flatMap(a => a.members).map(m => m.replaceAll(':', ''));
		const masked = lab.arrays.find(a => a.name === 'array-1')!.hostGroups.flatMap(g => g.initiators).map(m => m.replaceAll(':', ''));
		const virtual = aliased.filter(w => w.startsWith('c0007d'));
		const inDomains = lab.domains.flatMap(d => d.npiv ?? []).map(e => e.split(':')[0]);
		const spares = virtual.filter(w => !inDomains.includes(w));
		expect(virtual).toHaveLength(5);
		expect(spares).toHaveLength(3);
		for (const w of virtual) expect(masked).toContain(w);
		// Sun's random form: the node WWN is the port WWN with the low bit flipped.
		for (const entry of lab.domains.flatMap(d => d.npiv ?? [])) {
			const [port, node] = entry.split(':') as [string, string];
			expect(parseInt(port.slice(-1), 16) ^ parseInt(node.slice(-1), 16)).toBe(1);
			expect(port.slice(0, 15)).toBe(node.slice(0, 15));
		}
	});
});

/** Each case breaks one thing and names the line the operator must see (path: message fragment). */
const cases: {what: string; mutate: (doc: any) => void; path: string; says: string}[] = [
	{what: 'a malformed WWN', mutate: d => (d.lab.hosts[0].hbas[0].ports[1].wwpn = '21:01:00:1b:32:a1:3c'), path: 'lab.hosts[0](dom0-a).hbas[0].ports[1].wwpn', says: 'is not a WWN (16 hex digits or 8 colon-separated bytes)'},
	{what: 'a 0x WWN', mutate: d => (d.lab.switches[0].wwn = '0x1000000051e901a01'), path: 'lab.switches[0](fab-a1).wwn', says: 'is not a WWN'},
	{what: 'a duplicate switch name', mutate: d => (d.lab.switches[1].name = 'fab-a1'), path: 'lab.switches[1](fab-a1).name', says: 'switch name "fab-a1" is used twice'},
	{what: 'a duplicate domain ID in a fabric', mutate: d => (d.lab.switches[1].domainId = 1), path: 'lab.switches[1](fab-a2).domainId', says: 'domain ID 1 is already used by switch fab-a1'},
	{what: 'a switch in an unknown fabric', mutate: d => (d.lab.switches[2].fabric = 'C'), path: 'lab.switches[2](fab-b1).fabric', says: 'fabric "C" is not in the fabrics list'},
	{what: 'a cable to a port the switch lacks', mutate: d => (d.lab.cables[0].b.port = 99), path: 'lab.cables[0].b', says: 'port 99 does not exist: switch fab-a1 has ports 0 to 23'},
	{what: 'a cable to an unknown host', mutate: d => (d.lab.cables[0].a.host = 'dom0-z'), path: 'lab.cables[0].a', says: 'host "dom0-z" does not exist'},
	{what: 'a cable to a WWPN the host lacks', mutate: d => (d.lab.cables[0].a.wwpn = '2100001b32000000'), path: 'lab.cables[0].a', says: 'host dom0-a has no HBA port 2100001b32000000'},
	{what: 'a cable to an unknown array port', mutate: d => (d.lab.cables[7].a.port = 'C-1'), path: 'lab.cables[7].a', says: 'array array-1 has no target port "C-1"'},
	{what: 'a cable to an unknown loop', mutate: d => (d.lab.cables[6].b.loop = 'loop-9'), path: 'lab.cables[6].b', says: 'loop "loop-9" does not exist'},
	{what: 'two cables on one switch port', mutate: d => (d.lab.cables[2].b.port = 0), path: 'lab.cables[2].b', says: 'port 0 of switch fab-a1 is already used by cable 0'},
	{what: 'a cable on an ISL port', mutate: d => (d.lab.cables[0].b.port = 23), path: 'lab.cables[0].b', says: 'port 23 of switch fab-a1 is already used by ISL 0'},
	{what: 'an HBA port cabled twice', mutate: d => (d.lab.cables[1].a.wwpn = d.lab.cables[0].a.wwpn), path: 'lab.cables[1].a', says: 'is already cabled (cable 0)'},
	{what: 'a switch-to-switch cable', mutate: d => (d.lab.cables[0].a = {switch: 'fab-a2', port: 5}), path: 'lab.cables[0]', says: 'list switch-to-switch links under isls'},
	{what: 'something that is not a cable end', mutate: d => (d.lab.cables[0].a = {hots: 'dom0-a'}), path: 'lab.cables[0].a', says: '{"hots":"dom0-a"} is not a cable end: expected {"switch": NAME, "port": NUMBER}'},
	{what: 'an ISL across fabrics', mutate: d => (d.lab.isls[0].b = {switch: 'fab-b1', port: 31}), path: 'lab.isls[0]', says: 'it would merge two fabrics'},
	{what: 'a fabric split in two', mutate: d => (d.lab.isls = []), path: 'lab.switches[1](fab-a2).fabric', says: 'no ISL path joins it to fab-a1'},
	{what: 'an NPIV port list entry that is not one', mutate: d => (d.lab.hosts[0].npivPorts = ['nonsense']), path: 'lab.hosts[0](dom0-a).npivPorts[0]', says: 'is not an NPIV port list entry: expected <physical WWN>:<virtual port WWN>:<virtual node WWN>:<index>'},
	{what: 'an NPIV port on another host\'s HBA', mutate: d => (d.lab.hosts[0].npivPorts = ['10000000c96b2e10:C0007D1C6D04A9B3:C0007D1C6D04A9B2:1']), path: 'lab.hosts[0](dom0-a).npivPorts[0]', says: 'host dom0-a has no HBA port 10000000c96b2e10'},
	{what: 'an NPIV index out of the kernel range', mutate: d => (d.lab.hosts[0].npivPorts = ['2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:255']), path: 'lab.hosts[0](dom0-a).npivPorts[0]', says: 'the index \'255\' is not a whole number from 1 to 254'},
	{
		what: 'the same vport twice on a host',
		mutate: d => (d.lab.hosts[0].npivPorts = ['2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:1', '2101001b32a13c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:1']),
		path: 'lab.hosts[0](dom0-a).npivPorts[1]',
		says: 'virtual port WWN c0007d1c6d04a9b3 is already a virtual port of host dom0-a',
	},
	{what: 'a domain NPIV entry with a bad WWN', mutate: d => (d.lab.domains[0].npiv = ['c0007d5a3e81c24:c0007d5a3e81c240:1:2100001b32813c5a']), path: 'lab.domains[0](web01).npiv[0]', says: "the virtual port WWN 'c0007d5a3e81c24' is not 16 hex digits"},
	{what: 'a domain NPIV entry with autoattach 2', mutate: d => (d.lab.domains[0].npiv = ['c0007d5a3e81c241:c0007d5a3e81c240:2:2100001b32813c5a']), path: 'lab.domains[0](web01).npiv[0]', says: "autoattach '2' must be 0 or 1"},
	{what: 'a domain NPIV entry on an unknown physical port', mutate: d => (d.lab.domains[0].npiv = ['c0007d5a3e81c241:c0007d5a3e81c240:1:2100001b329e7730']), path: 'lab.domains[0](web01).npiv[0]', says: 'physical port 2100001b329e7730 is not an HBA port of a xen host'},
	{what: 'a domain on a Solaris host', mutate: d => (d.lab.domains[1].host = 'sol-c'), path: 'lab.domains[1](db01).host', says: 'host sol-c is a solaris host; domains run on a xen host'},
	{what: 'a zone member that is nothing', mutate: d => (d.lab.fabrics[0].zoning.zones[0].members[1] = 'array9_a1'), path: 'lab.fabrics[0](A).zoning.zones[0](z_dom0a_p0).members[1]', says: 'is not a WWN, a domain,port pair or a defined alias'},
	{what: 'an effective configuration that is not defined', mutate: d => (d.lab.fabrics[1].zoning.effective = 'cfg_x'), path: 'lab.fabrics[1](B).zoning.effective', says: 'configuration "cfg_x" is not defined'},
	{what: 'a zone name Brocade refuses', mutate: d => (d.lab.fabrics[1].zoning.zones[0].name = '1zone'), path: 'lab.fabrics[1](B).zoning.zones[0](1zone).name', says: 'must start with a letter'},
	{
		what: 'an alias name FOS 8.0 refuses (a $)',
		mutate: d => (d.lab.fabrics[0].zoning.aliases[0].name = 'a$1'),
		path: 'lab.fabrics[0](A).zoning.aliases[0](a$1).name',
		says: 'alias name "a$1" must start with a letter and hold only letters, digits and underscores (at most 64 characters)',
	},
	{what: 'a zone member on a port index past 255', mutate: d => (d.lab.fabrics[0].zoning.zones[0].members[1] = '1,300'), path: 'lab.fabrics[0](A).zoning.zones[0](z_dom0a_p0).members[1]', says: 'member "1,300": port index 300 is outside 0 to 255'},
	{what: 'a host group mapping a LU the array lacks', mutate: d => (d.lab.arrays[0].hostGroups[0].luns[0].lun = 42), path: 'lab.arrays[0](array-1).hostGroups[0](dom0-a).luns[0].lun', says: 'LU 42 does not exist in array array-1'},
	{what: 'a duplicate physical WWPN', mutate: d => (d.lab.arrays[1].ports[0].wwpn = '50:0a:0b:81:00:29:ed:f4'), path: 'lab.arrays[1](tape-1).ports[0](p0).wwpn', says: 'is already used by array array-1 port A-1'},
	{what: 'an unknown host kind', mutate: d => (d.lab.hosts[0].kind = 'linux'), path: 'lab.hosts[0](dom0-a).kind', says: 'must be one of "xen", "solaris" (found text "linux")'},
	{what: 'a domain ID out of range', mutate: d => (d.lab.switches[0].domainId = 0), path: 'lab.switches[0](fab-a1).domainId', says: 'must be at least 1 (found the number 0)'},
	{what: 'a missing field', mutate: d => delete d.lab.switches[0].portCount, path: 'lab.switches[0](fab-a1).portCount', says: 'is missing (expected a number)'},
	{what: 'a field of the wrong type', mutate: d => (d.lab.hosts[2].cpus = 'four'), path: 'lab.hosts[2](sol-c).cpus', says: 'expected a number, found text "four"'},
	{what: 'a misspelt field', mutate: d => (d.lab.hosts[0].npivport = []), path: 'lab.hosts[0](dom0-a)', says: 'unknown field "npivport"'},
	{what: 'a SCSI vendor too long', mutate: d => (d.lab.arrays[0].luns[0].vendor = 'SUN MICROSYSTEMS'), path: 'lab.arrays[0](array-1).luns[0](xvm-images).vendor', says: 'must be at most 8 characters'},
	{what: 'a PRNG state of three words', mutate: d => (d.prng = [1, 2, 3]), path: 'prng', says: 'must be a list of exactly 4 whole numbers'},
	{what: 'a PRNG word that is not 32 bits', mutate: d => (d.prng[2] = 2 ** 32), path: 'prng[2]', says: 'must be at most 4294967295'},
	{what: 'a retired WWN that is not one', mutate: d => (d.retiredWwns = ['c0007d']), path: 'retiredWwns[0]', says: 'is not a WWN'},
	{what: 'an event without a type', mutate: d => (d.events = [{seq: 0, t: 0, source: 'fab-a1', summary: 'x', data: {}}]), path: 'events[0].type', says: 'is missing'},
	{what: 'an event value that is an object', mutate: d => (d.events = [{seq: 0, t: 0, source: 'fab-a1', type: 'fabric.x', summary: 'x', data: {port: {n: 1}}}]), path: 'events[0].data.port', says: 'is not an event value'},
];

describe('validation errors name the path and the problem', () => {
	test.each(cases)('$what', ({mutate, path, says}) => {
		const doc = mutableDocument();
		mutate(doc);
		const error = refusal(() => decodeDocumentValue(doc, source));
		expect(error.code).toBe('invalid');
		expect(error.message).toContain('store state/store.json is invalid (the file was left unchanged):');
		const line = error.problems.find(p => p.startsWith(`${path}: `));
		expect(line, `no problem at ${path} in:\n${error.problems.join('\n')}`).toBeDefined();
		expect(line).toContain(says);
		for (const problem of error.problems) expect(problem).not.toMatch(/Invalid input|Too small|Too big|Unrecognized key|received/);
	});

	test('every case above is valid before it is broken', () => {
		expect(() => decodeDocumentValue(mutableDocument(), source)).not.toThrow();
	});

	test('the WWN forms operators write are accepted as written', () => {
		const doc = mutableDocument();
		doc.lab.hosts[0].hbas[0].ports[0].wwpn = '2100001B32813C5A';
		doc.lab.cables[0].a.wwpn = '21:00:00:1b:32:81:3c:5a';
		doc.lab.hosts[0].npivPorts = ['2100001B32813C5A:C0007D1C6D04A9B3:C0007D1C6D04A9B2:1'];
		const lab = decodeDocumentValue(doc, source).document.lab;
		expect(lab.hosts[0]!.hbas[0]!.ports[0]!.wwpn).toBe('2100001B32813C5A');
		expect(lab.hosts[0]!.npivPorts).toEqual(['2100001B32813C5A:C0007D1C6D04A9B3:C0007D1C6D04A9B2:1']);
	});

	test('a flood of problems is cut short in the message but kept in full in problems', () => {
		const doc = mutableDocument();
		doc.retiredWwns = Array.from({length: 30}, (_, i) => `bad-${i}`);
		const error = refusal(() => decodeDocumentValue(doc, source));
		expect(error.problems).toHaveLength(30);
		expect(error.message).toContain('... and 10 more');
	});

	test('a lab file on its own reports paths from its top', () => {
		const doc = mutableDocument();
		doc.lab.switches[0].wwn = 'nope';
		const error = refusal(() => decodeLabValue(doc.lab, {file: 'my-lab.json', kind: 'scenario'}));
		expect(error.message).toMatch(/^scenario my-lab\.json is not a valid lab configuration \(nothing was loaded\):/);
		expect(error.problems).toEqual(['switches[0](fab-a1).wwn: text "nope" is not a WWN (16 hex digits or 8 colon-separated bytes)']);
	});
});

describe('document versions', () => {
	test('a newer schema version is refused by name', () => {
		const doc = mutableDocument();
		doc.version = STORE_VERSION + 1;
		const error = refusal(() => decodeDocumentValue(doc, source));
		expect(error.code).toBe('too-new');
		expect(error.message).toBe(`store state/store.json: was written by a newer npiv-console (schema version ${STORE_VERSION + 1}; this one reads versions 1 to ${STORE_VERSION}) (the file was left unchanged)`);
	});

	test('a lab configuration is not mistaken for a store', () => {
		const error = refusal(() => decodeDocumentValue(loadEmbeddedLab(), source));
		expect(error.code).toBe('not-a-store');
		expect(error.message).toContain('holds a lab configuration, not a store document (load it with `npiv scenario load FILE`)');
	});

	test('something else entirely says what it found', () => {
		expect(refusal(() => decodeDocumentValue([1, 2], source)).message).toContain('holds a list of 2, not a store document');
		expect(refusal(() => decodeDocumentValue({hello: 1}, source)).message).toContain('has no schema version');
		expect(refusal(() => decodeDocumentValue({version: '2'}, source)).message).toContain('has schema version text "2"; expected a whole number');
		expect(refusal(() => decodeDocumentValue({version: 0}, source)).message).toContain('older than any this npiv-console reads');
	});
});

describe('injected faults in the lab', () => {
	const scenario = {file: 'my-lab.json', kind: 'scenario'} as const;

	test('a lab may record the `fault npiv off` targets in force, and only as a list of names', () => {
		const lab = loadEmbeddedLab();
		expect(lab.faults).toBeUndefined();
		expect(decodeLabValue({...lab, faults: {npivOff: ['fab-a1', 'fab-a2/3']}}, scenario).faults).toEqual({npivOff: ['fab-a1', 'fab-a2/3']});
		refusal(() => decodeLabValue({...lab, faults: {npivOff: 'fab-a1'}}, scenario));
		refusal(() => decodeLabValue({...lab, faults: {npivOff: [], cables: []}}, scenario));
	});
});

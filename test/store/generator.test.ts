import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {decodeDocumentText, decodeLabValue, encodeDocument, generateDocument, generateScenario, measureStoreSize, parseNpivPortEntry, type ScenarioOptions} from '../../source/store/index.js';

const source = {file: 'generated', kind: 'scenario'} as const;
const small: ScenarioOptions = {switches: 4, hosts: 6, portsPerHost: 2, vportsPerPort: 5, targets: 4, lunsPerTarget: 3, seed: 11};

describe('generateScenario', () => {
	test('has the asked-for sizes', () => {
		const lab = generateScenario(small);
		expect(lab.fabrics.map(f => f.name)).toEqual(['A', 'B']);
		expect(lab.switches).toHaveLength(4);
		expect(lab.switches.filter(s => s.fabric === 'A')).toHaveLength(2);
		expect(lab.hosts).toHaveLength(6);
		expect(lab.hosts.every(h => h.kind === 'solaris' && h.hbas.every(b => b.model === 'QLE2562'))).toBe(true);
		expect(lab.hosts.flatMap(h => h.hbas.flatMap(b => b.ports))).toHaveLength(12);
		expect(lab.hosts.flatMap(h => h.npivPorts)).toHaveLength(60);
		expect(lab.arrays.flatMap(a => a.ports)).toHaveLength(4);
		expect(lab.arrays.every(a => a.luns.length === 3)).toBe(true);
		// Every physical port and target port is cabled; the fabric's switches are joined.
		expect(lab.cables).toHaveLength(12 + 4);
		expect(lab.isls).toHaveLength(2);
	});

	test('is a valid lab, also in odd shapes', () => {
		fc.assert(
			fc.property(
				fc.record({
					fabrics: fc.integer({min: 1, max: 3}),
					extraSwitches: fc.integer({min: 0, max: 4}),
					hosts: fc.integer({min: 0, max: 12}),
					portsPerHost: fc.integer({min: 1, max: 5}),
					vportsPerPort: fc.integer({min: 0, max: 6}),
					targets: fc.integer({min: 0, max: 7}),
					lunsPerTarget: fc.integer({min: 0, max: 4}),
					seed: fc.integer(),
				}),
				o => {
					const lab = generateScenario({...o, switches: o.fabrics + o.extraSwitches});
					expect(() => decodeLabValue(lab, source)).not.toThrow();
				},
			),
			{numRuns: 60},
		);
	});

	test('gives every virtual WWPN a LUN or two, and peer-zones each initiator port (domain,port) with the targets of its fabric', () => {
		const lab = generateScenario(small);
		const masked = new Map<string, number>();
		for (const array of lab.arrays) for (const group of array.hostGroups) for (const w of group.initiators) masked.set(w, group.luns.length);
		for (const entry of lab.hosts.flatMap(h => h.npivPorts)) {
			const vport = parseNpivPortEntry(entry).value!;
			expect(vport.nodeWwn.startsWith('c0007d')).toBe(true);
			expect(parseInt(vport.portWwn.slice(-2), 16) ^ parseInt(vport.nodeWwn.slice(-2), 16)).toBe(1);
			expect(masked.get(vport.portWwn)).toBeGreaterThanOrEqual(1);
			expect(masked.get(vport.portWwn)).toBeLessThanOrEqual(2);
		}
		const fabricA = lab.fabrics[0]!.zoning;
		expect(fabricA.effective).toBe('cfg_A');
		expect(fabricA.defaultZone).toBe('no-access');
		expect(fabricA.zones).toHaveLength(6); // one per port-0 initiator
		// FOS peer zone: property member (one principal), the targets alias, then the initiator port
		for (const zone of fabricA.zones) expect(zone.members).toEqual(['0002000000030101', 'targets_A', expect.stringMatching(/^\d+,\d+$/)]);
		// The D,I member is where the initiator is cabled.
		const cable = lab.cables.find(c => 'host' in c.a && c.a.host === 'h001' && c.a.wwpn === lab.hosts[0]!.hbas[0]!.ports[0]!.wwpn)!;
		const sw = lab.switches.find(s => 'switch' in cable.b && s.name === cable.b.switch)!;
		expect(fabricA.zones[0]!.members[2]).toBe(`${sw.domainId},${(cable.b as {port: number}).port}`);
	});

	test('raises the switch ports\' NPIV limit only when the vports need it', () => {
		expect(generateScenario(small).switches.every(s => s.ports === undefined)).toBe(true);
		const many = generateScenario({...small, hosts: 2, vportsPerPort: 200});
		const limits = many.switches.flatMap(s => s.ports ?? []).map(p => p.npivLimit);
		expect(limits).toHaveLength(4);
		expect(limits.every(l => l === 255)).toBe(true);
	});

	test('is the same for the same seed and differs in its virtual WWNs for another', () => {
		expect(JSON.stringify(generateScenario(small))).toBe(JSON.stringify(generateScenario(small)));
		const a = generateScenario(small);
		const b = generateScenario({...small, seed: 12});
		expect(a.hosts[0]!.hbas).toEqual(b.hosts[0]!.hbas);
		expect(a.hosts[0]!.npivPorts).not.toEqual(b.hosts[0]!.npivPorts);
	});

	test('refuses options it cannot build, saying which', () => {
		expect(() => generateScenario({...small, switches: 1})).toThrow('switches must be a whole number from 2 to 239 (got 1)');
		expect(() => generateScenario({...small, vportsPerPort: 255})).toThrow('vportsPerPort must be a whole number from 0 to 254 (got 255)');
		expect(() => generateScenario({...small, switches: 2, hosts: 300})).toThrow(/fabric A needs \d+ ports on its core switch .* use more switches/);
	});
});

describe('the store budget: at most 100 bytes per virtual port', () => {
	test('1,000 physical ports x 100 virtual ports (100,000 vports, 2 fabrics)', () => {
		const doc = generateDocument({switches: 8, fabrics: 2, hosts: 500, portsPerHost: 2, vportsPerPort: 100, targets: 4, lunsPerTarget: 16, seed: 1});
		const size = measureStoreSize(doc);
		expect(size.vports).toBe(100_000);
		expect(size.bytesPerVport).toBeLessThanOrEqual(100);
		const text = encodeDocument(doc);
		expect(text.length).toBe(size.bytes);
		// Large stores are written without indentation, and read back whole.
		expect(text.includes('\n\t')).toBe(false);
		const back = decodeDocumentText(text, {file: 'big', kind: 'store'}).document;
		expect(back.lab.hosts.flatMap(h => h.npivPorts)).toHaveLength(100_000);
	});
});

describe('generated store documents', () => {
	test('carry the PRNG on past the generated WWNs, so random WWNs do not replay them', async () => {
		const {Prng} = await import('../../source/sim/Prng.js');
		const options = {switches: 2, fabrics: 2, hosts: 2, portsPerHost: 2, vportsPerPort: 3, targets: 2, lunsPerTarget: 1, seed: 9};
		const doc = generateDocument(options);
		expect(doc.lab).toEqual(generateScenario(options));
		expect(doc.prng).not.toEqual(Prng.fromSeed(9).state);
	});
});

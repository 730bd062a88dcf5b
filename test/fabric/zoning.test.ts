import {describe, expect, it} from 'vitest';
import {ZoningDatabase, ZoningError} from '../../source/fabric/ZoningDatabase.js';
import {ZoneIndex} from '../../source/fabric/ZoneIndex.js';
import {canonicalMember, portKey} from '../../source/fabric/ZoneMember.js';
import {wwn, type Wwn} from '../../source/sim/Wwn.js';
import {makeLab, switchConfig, wwpnOf, zoningOf} from './helpers.js';

const W1 = '10:00:00:00:c9:2b:c9:0c';
const W2 = '21:00:00:e0:8b:05:05:04';

describe('zone members', () => {
	it('accepts colon and plain WWPNs, domain,index and alias names', () => {
		expect(canonicalMember(W1)).toBe('10000000c92bc90c');
		expect(canonicalMember('10000000C92BC90C')).toBe('10000000c92bc90c');
		expect(canonicalMember(' 1, 5 ')).toBe('1,5');
		expect(canonicalMember('array1')).toBe('array1');
		expect(canonicalMember('240,1')).toBeUndefined();
		expect(canonicalMember('10:00:00')).toBeUndefined();
		expect(canonicalMember('9bad')).toBeUndefined();
	});
});

describe('zoning database (FOS semantics)', () => {
	it('creates, extends and shrinks aliases, zones and configurations', () => {
		const db = new ZoningDatabase();
		db.aliCreate('array1', [W2]);
		db.zoneCreate('z1', [W1, 'array1', '1,5']);
		db.zoneCreate('z2', [W1]);
		db.cfgCreate('cfg1', ['z1', 'z2']);
		expect(db.transactionOpen).toBe(true);
		db.zoneAdd('z2', ['2,3', W1]);
		expect(db.zones.get('z2')).toEqual(['10000000c92bc90c', '2,3']);
		db.zoneRemove('z2', [W1, '2, 3']); // removing the last members deletes the zone
		expect(db.zones.has('z2')).toBe(false);
		expect(db.configs.get('cfg1')).toEqual(['z1']);
		expect(() => db.zoneCreate('z1', [W1])).toThrow('duplicate name "z1" (already a zone)');
		expect(() => db.cfgCreate('array1', ['z1'])).toThrow('duplicate name "array1" (already an alias)');
		expect(() => db.zoneCreate('z3', ['nosuchalias'])).toThrow('"nosuchalias" is not a WWN, domain,index or alias');
		expect(() => db.aliCreate('a2', ['array1'])).toThrow(/invalid alias member/);
		expect(() => db.cfgAdd('cfg1', ['zz'])).toThrow('"zz" is not a zone');
		expect(() => db.zoneRemove('z1', ['3,3'])).toThrow('"3,3" is not a member of "z1"');
		expect(() => db.zoneCreate('1bad', [W1])).toThrow('invalid name "1bad"');
		expect(() => db.aliDelete('nope')).toThrow(ZoningError);
	});

	it('cfgenable snapshots the configuration with aliases expanded; later edits need a new cfgenable', () => {
		const lab = makeLab();
		const f = lab.set.requireFabric('fab-a');
		f.editZoning('alicreate', 'array1', [W2]);
		f.editZoning('zonecreate', 'z1', [W1, 'array1', '1,5']);
		f.editZoning('cfgcreate', 'cfg1', ['z1']);
		f.cfgEnable('cfg1');
		expect(f.zoning.effective).toEqual({name: 'cfg1', zones: [{name: 'z1', members: ['10000000c92bc90c', '210000e08b050504', '1,5']}]});
		expect(f.zoning.transactionOpen).toBe(false);
		f.editZoning('zoneremove', 'z1', ['array1']);
		expect(f.zoning.effective!.zones[0]!.members).toHaveLength(3);
		// the store keeps the snapshot as long as it differs from the defined configuration
		expect(f.exportZoning()).toMatchObject({effective: 'cfg1', transactionOpen: true, effectiveZones: [{name: 'z1', members: ['10000000c92bc90c', '210000e08b050504', '1,5']}]});
		f.cfgSave();
		f.cfgEnable('cfg1');
		const exported = f.exportZoning();
		expect(exported.effectiveZones).toBeUndefined();
		expect(exported).toEqual({
			aliases: [{name: 'array1', members: ['210000e08b050504']}],
			zones: [{name: 'z1', members: ['10000000c92bc90c', '1,5']}],
			configs: [{name: 'cfg1', zones: ['z1']}],
			effective: 'cfg1',
			defaultZone: 'all-access',
		});
	});

	it('an exported state loads back to the same zoning (effective snapshot included)', () => {
		const lab = makeLab();
		const f = lab.set.requireFabric('fab-a');
		f.editZoning('zonecreate', 'z1', [W1, W2]);
		f.editZoning('cfgcreate', 'cfg1', ['z1']);
		f.cfgEnable('cfg1');
		f.editZoning('zoneadd', 'z1', ['1,1']);
		const state = f.exportZoning();
		const again = makeLab({fabrics: [{name: 'fab-a', zoning: state}]}).set.requireFabric('fab-a');
		expect(again.exportZoning()).toEqual(state);
		expect(again.zones.zonedWith({wwpn: wwn(W1), portKey: 0}, {wwpn: wwpnOf(77), portKey: portKey(1, 1)})).toBe(false);
	});

	it('cfgclear empties the defined configuration and leaves the effective one', () => {
		const lab = makeLab({fabrics: [{name: 'fab-a', zoning: zoningOf({z1: [W1, W2]})}]});
		const f = lab.set.requireFabric('fab-a');
		f.cfgClear();
		expect(f.zoning.zones.size).toBe(0);
		expect(f.zoning.effective?.name).toBe('cfg');
		expect(f.zoneMode).toBe('zones');
	});
});

describe('zone index', () => {
	it('domain,index members cover every login on the port; WWPN members follow the device', () => {
		const lab = makeLab({fabrics: [{name: 'fab-a', zoning: zoningOf({z1: ['1,2', wwpnOf(4)]})}], switches: [switchConfig('sw-a1', 'fab-a', 1)]});
		const h = lab.nport('h', 1, {autoFlogi: true});
		const t = lab.nport('t', 4, {autoFlogi: true});
		lab.set.plugIntoSwitch(h, 'sw-a1', 2);
		lab.set.plugIntoSwitch(t, 'sw-a1', 9);
		lab.run();
		h.fdisc(wwpnOf(0x101));
		const f = lab.set.requireFabric('fab-a');
		const tl = f.loginByWwpn(wwpnOf(4))!;
		expect(f.zonedPeers(tl).map(l => l.wwpn)).toEqual([wwpnOf(1), wwpnOf(0x101)]);
		expect(f.zonedWith(tl, f.loginByWwpn(wwpnOf(0x101))!)).toBe(true);
		lab.set.unplug(h);
		lab.set.plugIntoSwitch(h, 'sw-a1', 3);
		lab.run();
		expect(f.zonedPeers(tl)).toEqual([]);
	});

	it('answers zonedWith and zoned peers for 100,000 single-initiator zones', () => {
		const target = wwn('50060160aa000001');
		const zones = Array.from({length: 100_000}, (_, i) => ({name: `z${i}`, members: [(`c001${i.toString(16).padStart(12, '0')}`) as string, target as string]}));
		const db = new ZoningDatabase();
		db.load({aliases: [], zones, configs: [{name: 'cfg', zones: zones.map(z => z.name)}], effective: 'cfg', defaultZone: 'no-access'});
		const idx = ZoneIndex.of(db.effective, false);
		const s = (w: string) => ({wwpn: w as Wwn, portKey: portKey(1, 1)});
		expect(idx.zonedWith(s('c00100000000beef'), s(target))).toBe(true);
		expect(idx.zonedWith(s('c00100000000beef'), s('c00100000000beee'))).toBe(false);
		expect(idx.zonesByWwpn(target)).toHaveLength(100_000);
		expect(idx.zonesOf(s('c00100000000beef')).map(z => z.name)).toEqual([`z${0xbeef}`]);
	});
});

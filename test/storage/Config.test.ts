import {describe, expect, it} from 'vitest';
import {EventLog} from '../../source/sim/EventLog.js';
import {Simulator} from '../../source/sim/Simulator.js';
import {wwn} from '../../source/sim/Wwn.js';
import {arrayIdentity, buildArrays, exportArrays, formatSizeMiB, parseSizeMiB, runStorageCommand} from '../../source/storage/index.js';
import type {StorageArrayConfig} from '../../source/storage/index.js';
import type {ArrayConfig} from '../../source/world/LabConfig.js';
import {ARRAY_1, JBOD, lab} from './fixtures.js';

function build(configs: readonly StorageArrayConfig[]) {
	const sim = new Simulator();
	return buildArrays(configs, sim, new EventLog(sim));
}

describe('configuration round trip', () => {
	it('exports exactly what it was built from (WWN spellings, optional keys, order)', () => {
		expect(exportArrays(build([ARRAY_1, JBOD]))).toStrictEqual([ARRAY_1, JBOD]);
	});

	it('exports the changes commands made, and building the export gives the same arrays', () => {
		const {arrays} = lab();
		const run = (line: string) => expect(runStorageCommand(arrays, line.split(' '), {json: false}).exitCode).toBe(0);
		run('lun create --array array-1 --size 5G --name logs --id 3');
		run('hostgroup add --array array-1 --group vm01 --initiator c0007d0000000042 --lun 3:2 --port ct1');
		run('hostgroup remove --array array-1 --group web01 --initiator c0007d0000000001');
		run('lun delete --array array-1 1');
		run('port offline --array array-1 ct0');
		const exported = exportArrays(arrays);
		expect(exported[0]).toStrictEqual({
			...ARRAY_1,
			ports: [{...ARRAY_1.ports[0]!, online: false}, ARRAY_1.ports[1]!],
			luns: [ARRAY_1.luns[0], ARRAY_1.luns[2], {id: 3, name: 'logs', sizeMiB: 5120, type: 'disk', vendor: 'SUN', product: 'CSM200_R', revision: '0660'}],
			hostGroups: [
				{name: 'web01', initiators: ['2100001b32812345'], luns: [{lun: 0, hostLun: 0}]},
				{name: 'db01', initiators: ['21:00:00:1B:32:81:23:46'], luns: [{lun: 7, hostLun: 5}], ports: ['ct1']},
				{name: 'vm01', initiators: ['c0007d0000000042'], luns: [{lun: 3, hostLun: 2}], ports: ['ct1']},
			],
		});
		expect(exportArrays(build(exported))).toStrictEqual(exported);
		const rebuilt = build(exported)[0]!;
		expect(rebuilt.port('ct0')!.state).toBe('offline');
		expect(rebuilt.lun(3)!.luid).toBe(arrays[0]!.lun(3)!.luid);
	});

	it('writes a port back online without an `online` key, whoever wrote one: the same text in every process', () => {
		const explicit: StorageArrayConfig = {...ARRAY_1, ports: [{...ARRAY_1.ports[0]!, online: true}, ARRAY_1.ports[1]!]};
		const [array] = build([explicit]);
		array!.setPortOnline('ct0', false);
		array!.setPortOnline('ct0', true);
		expect(exportArrays([array!])[0]!.ports[0]).toStrictEqual(ARRAY_1.ports[0]);
	});

	it('gives back the very configuration it was built from while nothing changed', () => {
		const [array] = build([ARRAY_1]);
		expect(exportArrays([array!])[0]).toBe(ARRAY_1);
		array!.setPortOnline('ct0', false);
		expect(exportArrays([array!])[0]).not.toBe(ARRAY_1);
	});

	it('takes world ArrayConfig values and gives them back (the types match structurally)', () => {
		const fromWorld: readonly ArrayConfig[] = [ARRAY_1];
		const back: ArrayConfig[] = exportArrays(build(fromWorld));
		expect(back).toStrictEqual(fromWorld);
	});
});

describe('building from configuration', () => {
	const bad: [string, StorageArrayConfig[], string][] = [
		['duplicate array', [ARRAY_1, ARRAY_1], "duplicate array name 'array-1'"],
		['bad port WWPN', [{...ARRAY_1, ports: [{name: 'ct0', wwpn: 'xyz', wwnn: '200400a0b829f1a0'}]}], "array 'array-1', port ct0: bad WWPN 'xyz'"],
		['duplicate port name', [{...ARRAY_1, ports: [ARRAY_1.ports[0]!, {...ARRAY_1.ports[1]!, name: 'ct0'}]}], "array 'array-1': duplicate port name 'ct0'"],
		['WWPN shared by two arrays', [ARRAY_1, {...JBOD, ports: [{name: 'a', wwpn: '201400a0b829f1a0', wwnn: '2000002037e5a0b1'}]}], 'port WWPN 201400a0b829f1a0 of jbod-1/a is also used by array-1/ct0'],
		['duplicate LUN', [{...ARRAY_1, luns: [ARRAY_1.luns[0]!, ARRAY_1.luns[0]!]}], "array 'array-1': duplicate LUN id 0"],
		['bad LUN type', [{...ARRAY_1, luns: [{...ARRAY_1.luns[0]!, type: 'floppy' as 'disk'}]}], "array 'array-1', LUN 0: bad type 'floppy'"],
		['group maps unknown LUN', [{...ARRAY_1, hostGroups: [{name: 'g', initiators: [], luns: [{lun: 5, hostLun: 0}]}]}], "array 'array-1', host group 'g': unknown LUN 5"],
		['group names unknown port', [{...ARRAY_1, hostGroups: [{name: 'g', initiators: [], luns: [], ports: ['ct5']}]}], "array 'array-1', host group 'g': unknown port 'ct5'"],
		['bad initiator', [{...ARRAY_1, hostGroups: [{name: 'g', initiators: ['nope'], luns: []}]}], "array 'array-1', host group 'g': bad initiator WWPN 'nope'"],
		['host LUN twice in a group', [{...ARRAY_1, hostGroups: [{name: 'g', initiators: [], luns: [{lun: 0, hostLun: 1}, {lun: 1, hostLun: 1}]}]}], "host group 'g': host LUN 1 used by LUN 0 and LUN 1"],
		[
			'conflicting groups',
			[{...ARRAY_1, hostGroups: [...ARRAY_1.hostGroups, {name: 'g', initiators: ['2100001b32812346'], luns: [{lun: 0, hostLun: 5}]}]}],
			"array 'array-1': host LUN 5 would be LUN 0 in host group 'g' but LUN 7 in host group 'db01' for initiator 2100001b32812346 on port ct1",
		],
	];
	it.each(bad)('refuses %s with a message naming it', (_what, configs, message) => {
		expect(() => build(configs)).toThrow(message);
	});

	it('builds an array without ports or LUNs', () => {
		const [empty] = build([{name: 'empty', vendor: 'X', model: 'Y', ports: [], luns: [], hostGroups: []}]);
		expect(empty!.createLun({sizeMiB: 1}).luid).toMatch(/^6000000[0-9a-f]{25}$/);
	});
});

describe('LU identifiers', () => {
	it('use the company ID of the array node WWN in an NAA 6 identifier', () => {
		expect(arrayIdentity(wwn('50060e8005c3a400'), 'x')).toEqual({oui: '0060e8', vendorSpecific: '005c3a400'});
		expect(arrayIdentity(wwn('200400a0b829f1a0'), 'x')).toEqual({oui: '00a0b8', vendorSpecific: '00029f1a0'});
		expect(arrayIdentity(wwn('100000a0b829f1a0'), 'x')).toEqual({oui: '00a0b8', vendorSpecific: '00029f1a0'});
	});
});

describe('sizes', () => {
	it('parses M, G and T suffixes (binary) and bare MiB', () => {
		expect(parseSizeMiB('500M')).toBe(500);
		expect(parseSizeMiB('10G')).toBe(10240);
		expect(parseSizeMiB('10g')).toBe(10240);
		expect(parseSizeMiB('10GiB')).toBe(10240);
		expect(parseSizeMiB('1.5T')).toBe(1572864);
		expect(parseSizeMiB('64')).toBe(64);
	});

	it('refuses what is not a whole, positive number of MiB', () => {
		for (const text of ['', 'G', '10X', '-1G', '0M', '0.5M', '1e3M', '2048T']) expect(() => parseSizeMiB(text)).toThrow(/bad size/);
	});

	it('formats with the largest unit that keeps the number at least 1', () => {
		expect(formatSizeMiB(512)).toBe('512M');
		expect(formatSizeMiB(1024)).toBe('1G');
		expect(formatSizeMiB(1536)).toBe('1.5G');
		expect(formatSizeMiB(70006)).toBe('68.37G');
		expect(formatSizeMiB(3 * 1024 * 1024)).toBe('3T');
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Wwn} from '../../source/sim/Wwn.js';
import {StorageError} from '../../source/storage/index.js';
import type {HostGroupEdit} from '../../source/storage/index.js';
import {ARRAY_1, HOST_A, HOST_B, initiator, lab, login, reportLuns, STRANGER, VPORT_A} from './fixtures.js';

const INITIATORS = [HOST_A, VPORT_A, HOST_B, STRANGER, initiator('c0007d0000000002', 0x010202)];
const PORTS = ['ct0', 'ct1'];
const GROUPS = ['web01', 'db01', 'g1', 'g2'];
const LUNS = [0, 1, 7, 12];

interface ModelGroup {
	initiators: Set<Wwn>;
	map: Map<number, number>; // lun -> hostLun
	ports: string[] | undefined;
}

type Op =
	| {kind: 'edit'; group: string; create: boolean; edit: HostGroupEdit}
	| {kind: 'delete-group'; group: string}
	| {kind: 'create-lun'; id: number}
	| {kind: 'delete-lun'; id: number};

const wwpns = fc.subarray(INITIATORS.map(i => i.wwpn), {maxLength: 2});
const lunIds = fc.constantFrom(...LUNS);
const opArb: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constant('edit' as const),
		group: fc.constantFrom(...GROUPS),
		create: fc.boolean(),
		edit: fc.record(
			{
				addInitiators: wwpns,
				removeInitiators: wwpns,
				mapLuns: fc.array(fc.record({lun: lunIds, hostLun: fc.option(fc.integer({min: 0, max: 3}), {nil: undefined})}), {maxLength: 2}),
				unmapLuns: fc.subarray(LUNS, {maxLength: 1}),
				addPorts: fc.subarray(PORTS, {maxLength: 1}),
				removePorts: fc.subarray(PORTS, {maxLength: 1}),
				allPorts: fc.boolean(),
			},
			{requiredKeys: []},
		),
	}),
	fc.record({kind: fc.constant('delete-group' as const), group: fc.constantFrom(...GROUPS)}),
	fc.record({kind: fc.constant('create-lun' as const), id: lunIds}),
	fc.record({kind: fc.constant('delete-lun' as const), id: lunIds}),
);

/** The edit semantics, written out plainly: removals, ports, then additions. */
function applyToModel(model: Map<string, ModelGroup>, luns: Set<number>, op: Op): void {
	switch (op.kind) {
		case 'delete-group':
			model.delete(op.group);
			return;
		case 'create-lun':
			luns.add(op.id);
			return;
		case 'delete-lun':
			luns.delete(op.id);
			for (const g of model.values()) g.map.delete(op.id);
			return;
		case 'edit': {
			const g = model.get(op.group) ?? {initiators: new Set(), map: new Map(), ports: undefined};
			const e = op.edit;
			for (const w of e.removeInitiators ?? []) g.initiators.delete(w);
			for (const l of e.unmapLuns ?? []) g.map.delete(l);
			for (const p of e.removePorts ?? []) g.ports = g.ports!.filter(x => x !== p);
			if (e.allPorts) g.ports = undefined;
			if (e.addPorts?.length) g.ports = [...(g.ports ?? []), ...e.addPorts];
			for (const w of e.addInitiators ?? []) g.initiators.add(w);
			for (const m of e.mapLuns ?? []) {
				let host = m.hostLun;
				if (host === undefined) {
					host = 0;
					while ([...g.map.values()].includes(host)) host++;
				}
				g.map.set(m.lun, host);
			}
			model.set(op.group, g);
		}
	}
}

/** host LUN -> LU ids an initiator would see through a port, from the model. */
function expectedView(model: Map<string, ModelGroup>, w: Wwn, port: string): Map<number, Set<number>> {
	const view = new Map<number, Set<number>>();
	for (const g of model.values()) {
		if (!g.initiators.has(w) || (g.ports !== undefined && !g.ports.includes(port))) continue;
		for (const [lun, host] of g.map) view.set(host, (view.get(host) ?? new Set()).add(lun));
	}
	return view;
}

describe('LUN masking property', () => {
	it('REPORT LUNS is exactly the host LUNs of the groups naming the initiator for that port', () => {
		fc.assert(
			fc.property(fc.array(opArb, {maxLength: 25}), ops => {
				const {array} = lab();
				for (const p of array.ports) for (const who of INITIATORS) login(p, who);
				const model = new Map<string, ModelGroup>();
				for (const g of ARRAY_1.hostGroups) {
					model.set(g.name, {
						initiators: new Set(g.initiators.map(t => initiator(t.replaceAll(':', '').toLowerCase(), 0).wwpn)),
						map: new Map(g.luns.map(m => [m.lun, m.hostLun])),
						ports: g.ports ? [...g.ports] : undefined,
					});
				}
				const luns = new Set(ARRAY_1.luns.map(l => l.id));

				for (const op of ops) {
					const before = array.toConfig();
					try {
						if (op.kind === 'edit') array.editHostGroup(op.group, op.edit, {create: op.create});
						else if (op.kind === 'delete-group') array.deleteHostGroup(op.group);
						else if (op.kind === 'create-lun') array.createLun({id: op.id, sizeMiB: 64});
						else array.deleteLun(op.id);
					} catch (error) {
						if (!(error instanceof StorageError)) throw error;
						// Refused: nothing changed.
						expect(array.toConfig()).toStrictEqual(before);
						continue;
					}
					applyToModel(model, luns, op);

					for (const port of array.ports) {
						for (const who of INITIATORS) {
							const expected = expectedView(model, who.wwpn, port.name);
							expect(reportLuns(port, who)).toEqual([...expected.keys()].sort((a, b) => a - b));
							for (const [host, ids] of expected) {
								// Accepted edits never let one host LUN mean two LUs.
								expect(ids.size).toBe(1);
								const reply = port.responder.scsi(who, port.fcid!, {op: 'inquiry', lun: host});
								expect(reply).toMatchObject({status: 'good', inquiry: {luid: array.lun([...ids][0]!)!.luid}});
							}
						}
					}
				}
			}),
			{numRuns: 150},
		);
	});
});

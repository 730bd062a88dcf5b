/**
 * One rule for zoning object names: what the fabric's zoning database (and so the FOS shell)
 * accepts is exactly what the store's lab checks accept, so a command can never leave behind a
 * store that the next command refuses to read.
 */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {ZoningDatabase} from '../../source/fabric/ZoningDatabase.js';
import {checkLab} from '../../source/store/LabChecks.js';
import {loadEmbeddedLab} from '../../source/store/index.js';
import type {LabConfig} from '../../source/world/LabConfig.js';

const MEMBER = 'c0007d7e25f3d018';
/** FOS 8.0.x and earlier: a letter, then letters, digits and underscores, at most 64 (see fabric/ZoneObjectName.ts). */
const FOS_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const nameArb = fc.oneof(
	fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,70}$/),
	fc.array(fc.constantFrom(...'aZ09_-$^. :,;é'), {maxLength: 8}).map(a => a.join('')),
	fc.string({maxLength: 12}),
	fc.stringMatching(/^[a-f][0-9a-f]{15}$/),
);

function fabricTakes(name: string): boolean {
	try {
		new ZoningDatabase().aliCreate(name, [MEMBER]);
		return true;
	} catch {
		return false;
	}
}

function storeTakes(lab: LabConfig, name: string): boolean {
	const zoning = lab.fabrics[0]!.zoning;
	const edited: LabConfig = {...lab, fabrics: [{...lab.fabrics[0]!, zoning: {...zoning, aliases: [...zoning.aliases, {name, members: [MEMBER]}]}}, ...lab.fabrics.slice(1)]};
	return !checkLab(edited).some(i => i.path.join('.') === `fabrics.0.zoning.aliases.${zoning.aliases.length}.name`);
}

describe('zoning object names: the fabric and the store agree', () => {
	const lab = loadEmbeddedLab();

	test('every name the fabric takes the store takes, and the other way round', () => {
		fc.assert(
			fc.property(nameArb, name => {
				fc.pre(!lab.fabrics[0]!.zoning.aliases.some(a => a.name === name) && !lab.fabrics[0]!.zoning.zones.some(z => z.name === name) && !lab.fabrics[0]!.zoning.configs.some(c => c.name === name));
				const fabric = fabricTakes(name);
				expect(storeTakes(lab, name)).toBe(fabric);
				// FOS's rule, and the emulation's one addition: not 16 hex digits
				expect(fabric).toBe(FOS_NAME.test(name) && !/^[0-9a-fA-F]{16}$/.test(name));
			}),
			{numRuns: 1000},
		);
	});

	test('the embedded lab only uses names FOS 8.0 accepts', () => {
		for (const f of lab.fabrics) for (const o of [...f.zoning.aliases, ...f.zoning.zones, ...f.zoning.configs]) expect(o.name).toMatch(FOS_NAME);
	});
});

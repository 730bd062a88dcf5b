/**
 * A world restored from its saved live state is the world that was saved, field by field: every
 * object reachable from the World, with its Maps, Sets and arrays in the same order, compared by
 * graphDump. Caches and counters of work done are left out (listed below with why); everything
 * else must come back, or the next command would see a different SAN than the last one left.
 */
import {describe, expect, test} from 'vitest';
import {Lab} from '../../source/lab/Lab.js';
import {decodeDocumentText, encodeDocument, finaliseDocument} from '../../source/store/DocumentCodec.js';
import {loadEmbeddedLab, newDocument, type StoreDocument} from '../../source/store/index.js';
import {firstDifferences} from './graphDump.js';
import {dumpWorld} from './worldDump.js';

const globals = {json: false, statePath: '', noColor: true};

function saveAndRestore(lab: Lab): {saved: StoreDocument; restored: Lab} {
	const next = lab.nextDocument();
	if (!next) throw new Error('nothing to save');
	const saved = finaliseDocument(next, lab.base.revision + 1);
	const decoded = decodeDocumentText(encodeDocument(saved), {file: 'test', kind: 'store'}).document;
	return {saved, restored: Lab.open(decoded)};
}

function runAll(lab: Lab, commands: readonly string[]): void {
	for (const c of commands) {
		const [family, ...argv] = c.split(' ');
		lab.run(family!, argv, {globals, settle: true});
	}
}

describe('a restored world is the saved world, field by field', () => {
	const scenarios: Record<string, readonly string[]> = {
		'the default lab just booted': [],
		'virtual ports created and deleted, a cable pulled and plugged': [
			'fcadm create-npiv-port -p c0007d1c6d04a9b3 -n c0007d1c6d04a9b2 2100001b32813c5a',
			'fcadm create-npiv-port 2100001b32813c5a',
			'fault cable pull dom0-b/10000000c96b2e10',
			'fault cable plug dom0-b/10000000c96b2e10',
			'fcadm delete-npiv-port -p c0007d1c6d04a9b3 2100001b32813c5a',
		],
		'domains started, paused, migrated': ['xm start db01', 'xm pause web01', 'xm unpause web01', 'xm migrate --live web01 dom0-b'],
		'zoning and masking changed, a target port offline': [
			'switch alicreate newalias c0007d7e25f3d018',
			'storage port offline --array array-1 A-1',
			'storage lun create --array array-1 --size 10G',
			'switch portdisable 3',
		],
	};
	for (const [name, commands] of Object.entries(scenarios)) {
		test(name, () => {
			const lab = Lab.open(newDocument(loadEmbeddedLab(), 7));
			runAll(lab, commands);
			const {restored} = saveAndRestore(lab);
			const a = dumpWorld(lab.world);
			const b = dumpWorld(restored.world);
			expect(firstDifferences(a, b)).toBe('');
			expect(b.length).toBe(a.length);
		});
	}
});

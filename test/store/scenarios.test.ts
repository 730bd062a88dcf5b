import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {Prng} from '../../source/sim/Prng.js';
import {
	encodeDocument,
	formatScenarioSummary,
	generateScenario,
	loadEmbeddedLab,
	newDocument,
	openStore,
	parseScenarioText,
	readScenarioFile,
	replaceDocument,
	resetDocument,
	summariseScenario,
} from '../../source/store/index.js';
import {formatJson} from '../../source/store/JsonText.js';
import {refusal, refusalAsync, tempDir} from './helpers.js';

describe('scenario show', () => {
	test('counts what the default lab holds', () => {
		const summary = summariseScenario(newDocument(loadEmbeddedLab()));
		expect(summary).toMatchObject({
			name: 'default',
			fabrics: 3,
			switches: 4,
			hosts: 3,
			ports: 7,
			vports: 0,
			domainVports: 2,
			arrays: 3,
			targetPorts: 4,
			luns: 19,
			domains: 2,
			loops: 1,
			cables: 11,
			zones: 10,
			seed: 1,
			revision: 0,
			events: 0,
		});
		const text = formatScenarioSummary(summary);
		expect(text.split('\n')).toContain('Virtual ports:     0');
		expect(text.split('\n')).toContain('Switches:          4');
		expect(text.split('\n')[0]).toBe('Lab:               default');
	});
});

describe('scenario reset', () => {
	test('puts back the embedded lab, fresh PRNG and clock, and only the revision carries on', async () => {
		const store = await openStore(path.join(tempDir(), 'store.json'));
		const lab = generateScenario({switches: 2, hosts: 2, portsPerHost: 2, vportsPerPort: 2, targets: 2, lunsPerTarget: 2, seed: 5});
		await store.update(doc => ({...doc, lab, clock: 1234, prng: [9, 9, 9, 9], retiredWwns: ['c0007d0000000001'], events: [{seq: 0, t: 1, source: 'x', type: 'fabric.x', summary: 'x', data: {}}]}));
		const saved = await store.update(doc => resetDocument(doc));
		expect(saved).toEqual({...newDocument(loadEmbeddedLab()), revision: 3});
		expect(saved.prng).toEqual(Prng.fromSeed(1).state);
	});
});

describe('scenario load FILE', () => {
	test('a lab configuration is wrapped as a fresh document', async () => {
		const dir = tempDir();
		const file = path.join(dir, 'lab.json');
		const lab = generateScenario({switches: 2, hosts: 3, portsPerHost: 1, vportsPerPort: 1, targets: 1, lunsPerTarget: 1, seed: 2});
		writeFileSync(file, formatJson(lab));
		const loaded = await readScenarioFile(file, {seed: 9});
		expect(loaded).toEqual(newDocument(lab, 9));
		const store = await openStore(path.join(dir, 'store.json'));
		const saved = await store.update(doc => replaceDocument(doc, loaded));
		expect(saved.lab).toEqual(lab);
		expect(saved.revision).toBe(2);
	});

	test('a whole store document keeps its own seed, clock and PRNG', () => {
		const doc = {...newDocument(loadEmbeddedLab(), 77), clock: 5000, revision: 12};
		expect(parseScenarioText(encodeDocument(doc), 'saved.json')).toEqual(doc);
	});

	test('refusals name the file and the path of each problem', async () => {
		const lab = structuredClone(loadEmbeddedLab()) as any;
		lab.cables[3].b.switch = 'fab-z9';
		const error = refusal(() => parseScenarioText(JSON.stringify(lab), 'broken-lab.json'));
		expect(error.message).toBe('scenario broken-lab.json is not a valid lab configuration (nothing was loaded):\n  cables[3].b: switch "fab-z9" does not exist');

		const doc = structuredClone(newDocument(loadEmbeddedLab())) as any;
		doc.lab.hosts[1].cpus = 0;
		expect(refusal(() => parseScenarioText(JSON.stringify(doc), 'saved.json')).problems).toEqual(['lab.hosts[1](dom0-b).cpus: must be at least 1 (found the number 0)']);

		expect(refusal(() => parseScenarioText('{"version": 2, "lab": ', 'cut.json')).message).toBe(
			'scenario cut.json: not valid JSON: the text ends in the middle of the document (the file looks truncated) (nothing was loaded)',
		);
		const missing = await refusalAsync(() => readScenarioFile(path.join(tempDir(), 'nope.json')));
		expect(missing.code).toBe('io');
		expect(missing.message).toMatch(/^scenario .*nope\.json: cannot read it: no such file$/);
	});
});

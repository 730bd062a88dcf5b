import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {decodeDocumentValue, openStore, STORE_VERSION} from '../../source/store/index.js';
import {formatJson} from '../../source/store/JsonText.js';
import {mutableDocument, refusal, tempDir} from './helpers.js';

/** A version-1 document: NPIV ports as objects, no event log. */
function v1Document(): any {
	const doc = mutableDocument();
	delete doc.events;
	doc.version = 1;
	doc.lab.hosts[0].npivPorts = [
		{physical: '2100001b32813c5a', portWwn: 'c0:00:7d:1c:6d:04:a9:b3', nodeWwn: 'c0:00:7d:1c:6d:04:a9:b2', index: 1},
		{physical: '2100001B32813C5A', portWwn: 'c0007d7e25f3d018', nodeWwn: 'c0007d7e25f3d019', index: 2},
	];
	doc.lab.hosts[2].npivPorts = [{physical: '21:00:00:1b:32:9e:77:30', portWwn: 'C0007DC84B19E6AB', nodeWwn: 'C0007DC84B19E6AA', index: 7}];
	return doc;
}

const source = {file: 'old.json', kind: 'store'} as const;

describe('schema version 1 -> 2', () => {
	test('NPIV port objects become npiv_config values and an empty event log is added', () => {
		const decoded = decodeDocumentValue(v1Document(), source);
		expect(decoded.migratedFrom).toBe(1);
		const doc = decoded.document;
		expect(doc.version).toBe(STORE_VERSION);
		expect(doc.events).toEqual([]);
		expect(doc.lab.hosts[0]!.npivPorts).toEqual([
			'2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:1',
			// The physical WWN stays as it was typed; the virtual ones go upper case, as fcadm writes them.
			'2100001B32813C5A:C0007D7E25F3D018:C0007D7E25F3D019:2',
		]);
		expect(doc.lab.hosts[2]!.npivPorts).toEqual(['2100001b329e7730:C0007DC84B19E6AB:C0007DC84B19E6AA:7']);
		// Everything else is as it was.
		const {events: _events, version: _version, lab, ...rest} = doc;
		const {version: _v1, lab: oldLab, ...oldRest} = v1Document();
		expect(rest).toEqual(oldRest);
		expect(lab.switches).toEqual(oldLab.switches);
	});

	test('a broken version-1 entry is reported at its path, in version-1 terms', () => {
		const doc = v1Document();
		doc.lab.hosts[0].npivPorts[1].index = 0;
		const error = refusal(() => decodeDocumentValue(doc, source));
		expect(error.code).toBe('invalid');
		expect(error.message).toContain('store old.json cannot be migrated from schema version 1 (the file was left unchanged):');
		expect(error.problems).toEqual([
			'lab.hosts[0](dom0-a).npivPorts[1]: a version-1 NPIV port must be {"physical": WWN, "portWwn": WWN, "nodeWwn": WWN, "index": 1-254} with WWNs as 16 hex digits or 8 colon-separated bytes',
		]);
	});

	test('a migrated document that is still wrong is reported by the current schema', () => {
		const doc = v1Document();
		doc.lab.hosts[0].npivPorts[0].physical = '2100001b32000000';
		const error = refusal(() => decodeDocumentValue(doc, source));
		expect(error.problems).toEqual(['lab.hosts[0](dom0-a).npivPorts[0]: host dom0-a has no HBA port 2100001b32000000']);
	});

	test('the file stays version 1 until the next save, which writes the current version', async () => {
		const file = path.join(tempDir(), 'store.json');
		const bytes = formatJson(v1Document());
		writeFileSync(file, bytes);
		const store = await openStore(file);
		expect(store.migratedFrom).toBe(1);
		expect(store.document.lab.hosts[0]!.npivPorts).toHaveLength(2);
		expect(readFileSync(file, 'utf8')).toBe(bytes);
		const saved = await store.update(doc => ({...doc, clock: doc.clock + 1}));
		expect(store.migratedFrom).toBeUndefined();
		const onDisk = JSON.parse(readFileSync(file, 'utf8'));
		expect(onDisk.version).toBe(STORE_VERSION);
		expect(onDisk.events).toEqual([]);
		expect(onDisk.lab.hosts[0].npivPorts[0]).toBe('2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:1');
		expect(onDisk.revision).toBe(saved.revision);
	});
});

import {spawn} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {Prng} from '../../source/sim/Prng.js';
import {encodeDocument, loadEmbeddedLab, newDocument, openStore, resolveStorePath, STORE_EVENT_CAP, STORE_VERSION} from '../../source/store/index.js';
import {mutableDocument, refusalAsync, tempDir} from './helpers.js';

const children: {kill: (signal: NodeJS.Signals) => boolean; exitCode: number | null}[] = [];
afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('opening', () => {
	test('a missing store is created from the embedded lab, folder and all', async () => {
		const file = path.join(tempDir(), 'nested', 'state', 'store.json');
		const store = await openStore(file);
		expect(existsSync(file)).toBe(true);
		const saved = JSON.parse(readFileSync(file, 'utf8'));
		expect(saved.version).toBe(STORE_VERSION);
		expect(saved.revision).toBe(1);
		expect(saved.seed).toBe(1);
		expect(saved.prng).toEqual(Prng.fromSeed(1).state);
		expect(saved.clock).toBe(0);
		expect(saved.events).toEqual([]);
		expect(saved.retiredWwns).toEqual([]);
		expect(saved.lab).toEqual(loadEmbeddedLab());
		expect(store.document).toEqual(saved);
		// Opening again reads it; nothing is rewritten.
		const before = readFileSync(file, 'utf8');
		await openStore(file);
		expect(readFileSync(file, 'utf8')).toBe(before);
		expect(existsSync(`${file}.lock`)).toBe(false);
	});

	test('a new store takes the seed it is given', async () => {
		const store = await openStore(path.join(tempDir(), 'store.json'), {seed: 42});
		expect(store.document.seed).toBe(42);
		expect(store.document.prng).toEqual(Prng.fromSeed(42).state);
	});

	test('the path comes from --state, else NPIV_STATE, else ./state/store.json', () => {
		expect(resolveStorePath('/x/a.json', {NPIV_STATE: '/y/b.json'})).toBe('/x/a.json');
		expect(resolveStorePath(undefined, {NPIV_STATE: '/y/b.json'})).toBe('/y/b.json');
		expect(resolveStorePath(undefined, {})).toBe(path.resolve('state/store.json'));
		// An empty NPIV_STATE is an unset one.
		expect(resolveStorePath(undefined, {NPIV_STATE: ''})).toBe(path.resolve('state/store.json'));
	});
});

describe('a broken file is refused and left exactly as it was', () => {
	const valid = encodeDocument(newDocument(loadEmbeddedLab()));
	const broken: {what: string; bytes: string; code: string; says: string}[] = [
		{what: 'truncated', bytes: valid.slice(0, Math.floor(valid.length * 0.6)), code: 'bad-json', says: 'not valid JSON: the text ends in the middle of the document (the file looks truncated)'},
		{what: 'empty', bytes: '', code: 'bad-json', says: 'the file is empty'},
		{what: 'hand-broken (a trailing comma)', bytes: valid.replace('"seed": 1,', '"seed": 1,,'), code: 'bad-json', says: 'not valid JSON at line 4, column'},
		{what: 'hand-broken (a bad WWN)', bytes: valid.replace('"10:00:00:05:1e:90:1a:01"', '"10:00:00:05:1e:90:1a"'), code: 'invalid', says: 'lab.switches[0](fab-a1).wwn: text "10:00:00:05:1e:90:1a" is not a WWN'},
		{what: 'from a newer npiv-console', bytes: valid.replace(`"version": ${STORE_VERSION}`, `"version": ${STORE_VERSION + 7}`), code: 'too-new', says: `schema version ${STORE_VERSION + 7}`},
	];

	test.each(broken)('$what', async ({bytes, code, says}) => {
		const file = path.join(tempDir(), 'store.json');
		writeFileSync(file, bytes);
		const error = await refusalAsync(() => openStore(file));
		expect(error.code).toBe(code);
		expect(error.file).toBe(file);
		expect(error.message).toContain(`store ${file}`);
		expect(error.message).toContain(says);
		expect(error.message).toContain('(the file was left unchanged)');
		expect(readFileSync(file, 'utf8')).toBe(bytes);
		// No lock, no temporary file left beside it.
		expect(readdirSync(path.dirname(file))).toEqual(['store.json']);
	});

	test('update() refuses a file broken since open, and writes nothing', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file);
		const bytes = readFileSync(file, 'utf8').slice(0, 500);
		writeFileSync(file, bytes);
		const error = await refusalAsync(() => store.update(doc => ({...doc, clock: 5})));
		expect(error.code).toBe('bad-json');
		expect(readFileSync(file, 'utf8')).toBe(bytes);
		expect(existsSync(`${file}.lock`)).toBe(false);
	});

	test('a folder where the file should be is an io error naming the file', async () => {
		const dir = tempDir();
		const error = await refusalAsync(() => openStore(dir));
		expect(error.code).toBe('io');
		expect(error.message).toBe(`store ${dir} is a folder, not a store file: name a file (such as ${path.join(dir, 'store.json')})`);
		expect(readdirSync(dir)).toEqual([]);
	});
});

describe('updates', () => {
	test('re-read, change, bump the revision, save', async () => {
		const file = path.join(tempDir(), 'store.json');
		const a = await openStore(file);
		const b = await openStore(file);
		await a.update(doc => ({...doc, clock: doc.clock + 10}));
		// b still holds revision 1 in memory, but update() starts from the file.
		const saved = await b.update(doc => ({...doc, clock: doc.clock + 5}));
		expect(saved.clock).toBe(15);
		expect(saved.revision).toBe(3);
		expect(JSON.parse(readFileSync(file, 'utf8')).revision).toBe(3);
		expect((await a.read()).clock).toBe(15);
		expect(a.document.revision).toBe(3);
	});

	test('an update that would make the store invalid is refused and the file is untouched', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file);
		const before = readFileSync(file, 'utf8');
		const error = await refusalAsync(() => store.update(doc => ({...doc, lab: {...doc.lab, switches: [...doc.lab.switches, doc.lab.switches[0]!]}})));
		expect(error.code).toBe('invalid');
		expect(error.message).toContain(`store ${file}: the change was refused because the result would be invalid (the file was left unchanged):`);
		expect(error.message).toContain('lab.switches[4](fab-a1).name: switch name "fab-a1" is used twice');
		expect(readFileSync(file, 'utf8')).toBe(before);
		expect(existsSync(`${file}.lock`)).toBe(false);
	});

	test('a change that throws saves nothing and releases the lock', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file);
		const before = readFileSync(file, 'utf8');
		await expect(store.update(() => Promise.reject(new Error('operator cancelled')))).rejects.toThrow('operator cancelled');
		expect(readFileSync(file, 'utf8')).toBe(before);
		// The lock was released: the next update goes through. One that changes nothing writes nothing.
		expect((await store.update(doc => doc)).revision).toBe(1);
		expect(readFileSync(file, 'utf8')).toBe(before);
		expect((await store.update(doc => ({...doc, clock: 5}))).revision).toBe(2);
	});

	test('the event log is capped on save, keeping the newest', async () => {
		const store = await openStore(path.join(tempDir(), 'store.json'));
		const events = Array.from({length: STORE_EVENT_CAP + 25}, (_, seq) => ({seq, t: seq, source: 'fab-a1', type: 'fabric.test', summary: `event ${seq}`, data: {}}));
		const saved = await store.update(doc => ({...doc, events}));
		expect(saved.events).toHaveLength(STORE_EVENT_CAP);
		expect(saved.events[0]!.seq).toBe(25);
		expect((await store.read()).events.at(-1)!.seq).toBe(STORE_EVENT_CAP + 24);
	});

	test('a store deleted behind our back is created again by the next update', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file);
		await store.update(doc => ({...doc, clock: 99}));
		const {rmSync} = await import('node:fs');
		rmSync(file);
		const saved = await store.update(doc => ({...doc, clock: doc.clock + 1}));
		expect(saved.clock).toBe(1);
		expect(saved.revision).toBe(1);
	});

	test('many updates from two Store objects of one process lose nothing', async () => {
		const file = path.join(tempDir(), 'store.json');
		const a = await openStore(file);
		const b = await openStore(file);
		await Promise.all(Array.from({length: 40}, (_, i) => (i % 2 ? a : b).update(doc => ({...doc, clock: doc.clock + 1}))));
		const doc = await a.read();
		expect(doc.clock).toBe(40);
		expect(doc.revision).toBe(41);
	});

	test('small stores are written tab-indented with short objects on one line', async () => {
		const file = path.join(tempDir(), 'store.json');
		await openStore(file);
		const text = readFileSync(file, 'utf8');
		expect(text).toContain('\n\t"lab": {\n');
		expect(text).toContain('\t\t\t"b": {"switch": "fab-a1", "port": 0}');
		expect(text.endsWith('}\n')).toBe(true);
	});
});

describe('the lock', () => {
	function liveProcess(): Promise<number> {
		const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); process.stdout.write("up\\n")'], {stdio: ['ignore', 'pipe', 'inherit']});
		children.push(child);
		return new Promise(resolve => child.stdout!.once('data', () => resolve(child.pid!)));
	}

	test('a live holder makes update() give up with "store is locked by pid N"', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file, {lockTimeoutMs: 300});
		const pid = await liveProcess();
		writeFileSync(`${file}.lock`, `${pid}\n`);
		const before = readFileSync(file, 'utf8');
		const error = await refusalAsync(() => store.update(doc => ({...doc, clock: 1})));
		expect(error.code).toBe('locked');
		expect(error.message).toBe(
			`store ${file} is locked by pid ${pid} (lock file ${file}.lock); gave up after 0.3 s. If no npiv process is using this store, remove the lock file.`,
		);
		expect(readFileSync(file, 'utf8')).toBe(before);
		expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${pid}\n`);
	});

	test('a lock left by a process that has died is broken', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file, {lockTimeoutMs: 5000});
		const child = spawn(process.execPath, ['-e', '0']);
		const pid = child.pid!;
		await new Promise(resolve => child.once('exit', resolve));
		writeFileSync(`${file}.lock`, `${pid}\n`);
		expect((await store.update(doc => ({...doc, clock: 7}))).clock).toBe(7);
		expect(existsSync(`${file}.lock`)).toBe(false);
	});

	test('a lock holding our own pid is a leftover of an earlier process with that pid', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file, {lockTimeoutMs: 5000});
		writeFileSync(`${file}.lock`, `${process.pid}\n`);
		expect((await store.update(doc => ({...doc, clock: 3}))).clock).toBe(3);
	});

	test('an empty lock file is waited for while young and broken when old', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file, {lockTimeoutMs: 200});
		writeFileSync(`${file}.lock`, '');
		const error = await refusalAsync(() => store.update(doc => doc));
		expect(error.message).toContain(`store ${file} is locked by another process`);
		const past = new Date(Date.now() - 60_000);
		utimesSync(`${file}.lock`, past, past);
		expect((await store.update(doc => ({...doc, clock: 1}))).revision).toBe(2);
	});

	test('read() does not need the lock', async () => {
		const file = path.join(tempDir(), 'store.json');
		const store = await openStore(file, {lockTimeoutMs: 100});
		const pid = await liveProcess();
		writeFileSync(`${file}.lock`, `${pid}\n`);
		expect((await store.read()).revision).toBe(1);
	});
});

test('a store document keeps its exact shape through a save (nothing added, nothing lost)', async () => {
	const file = path.join(tempDir(), 'store.json');
	const store = await openStore(file);
	const doc = mutableDocument();
	doc.retiredWwns = ['c0007d0000000001'];
	doc.events = [{seq: 4, t: 1500, source: 'dom0-a/fp0', type: 'driver.rscn', summary: 'RSCN for 010800', data: {pages: ['010800'], count: 1, fabric: true, none: null}}];
	doc.clock = 1500;
	const saved = await store.update(() => doc);
	expect(saved).toEqual({...doc, revision: 2});
	expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({...doc, revision: 2});
});

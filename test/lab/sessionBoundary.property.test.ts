/**
 * The console is not another SAN: a session that types random commands at the console's `:` bar
 * (each followed by `wait idle`) and is replayed with `npiv session replay --headless --apply`
 * leaves the store exactly as running the same commands as one-shot CLI commands does: the same
 * event log, the same configuration and the same live state, leaf by leaf.
 *
 * The console runs a command without waiting for what it starts (a migration unfolds on screen),
 * so what it prints for an xm verb that takes simulated time is not the one-shot's text; the
 * state both reach once the SAN is idle is the same.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {Lab} from '../../source/lab/Lab.js';
import {decodeDocumentText, encodeDocument, finaliseDocument} from '../../source/store/DocumentCodec.js';
import {loadEmbeddedLab, newDocument, type StoreDocument} from '../../source/store/index.js';
import {runSessionCommand, type SessionIo} from '../../source/ui/sessionCommands.js';
import {commandLine, type Line} from './commandGrammar.js';
import {savedLeaves} from './savedLeaves.js';

const booted = (() => {
	const lab = Lab.open(newDocument(loadEmbeddedLab(), 11));
	return finaliseDocument(lab.nextDocument()!, 1);
})();
const bootedText = encodeDocument(booted);

/** A word as the `:` bar reads it: quoted when it holds a space or a quote. */
function word(w: string): string {
	return /^[^\s'"]+$/.test(w) ? w : `"${w}"`;
}

function barLine(l: Line): string {
	return [...(l.host ? ['--host', l.host] : []), l.family, ...l.argv].map(word).join(' ');
}

function cliDocument(lines: readonly Line[]): StoreDocument {
	let doc = booted;
	for (const l of lines) {
		const lab = Lab.open(decodeDocumentText(encodeDocument(doc), {file: 'cli', kind: 'store'}).document);
		lab.run(l.family, l.argv, {globals: {json: false, statePath: '', noColor: true, ...(l.host ? {host: l.host} : {})}, settle: true, readFile: () => '', writeFile: () => false});
		const next = lab.nextDocument();
		if (next) doc = finaliseDocument(next, doc.revision + 1);
	}
	return doc;
}

async function sessionDocument(lines: readonly Line[]): Promise<{doc: StoreDocument; err: string; code: number}> {
	const dir = mkdtempSync(path.join(tmpdir(), 'npiv-session-boundary-'));
	writeFileSync(path.join(dir, 'store.json'), bootedText);
	const steps = lines.flatMap(l => [`run ${barLine(l)}`, 'wait idle']);
	const file = path.join(dir, 'drill.tape');
	writeFileSync(file, ['# npiv session v1', 'start store store.json', 'seed 11', 'size 100x30', '---', ...steps, ''].join('\n'));
	let err = '';
	const io: SessionIo = {stdin: process.stdin, stdout: process.stdout, out: () => {}, err: text => void (err += text)};
	const code = await runSessionCommand(['replay', file, '--headless', '--apply'], {json: false, statePath: '', noColor: true}, io);
	const doc = decodeDocumentText(readFileSync(path.join(dir, 'store.json'), 'utf8'), {file: 'session', kind: 'store'}).document;
	return {doc, err, code};
}

describe('a session replayed in the console = the same commands from the CLI', () => {
	test('the saved store (events, configuration, live state) is the same', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(commandLine, {minLength: 1, maxLength: 8}), async lines => {
				const cli = cliDocument(lines);
				const session = await sessionDocument(lines);
				expect(session.err).toBe('');
				expect(session.code).toBe(0);
				expect(savedLeaves(session.doc)).toBe(savedLeaves(cli));
			}),
			{numRuns: Number(process.env['NPIV_SESSION_PROPERTY_RUNS'] ?? 150), seed: Number(process.env['NPIV_PROPERTY_SEED'] ?? 20261207)},
		);
	}, 600_000);
});

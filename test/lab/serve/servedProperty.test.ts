/**
 * A served lab prints what the command prints in-process: random sequences of commands sent to a
 * lab server (the real socket, in this process) give the same stdout, stderr and exit codes as the
 * same commands run in-process one after another on a copy of the store, and leave the same store.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {Lab} from '../../../source/lab/Lab.js';
import {runOneShotOutput} from '../../../source/lab/OneShot.js';
import {HeadlessLab} from '../../../source/lab/serve/HeadlessLab.js';
import {runThroughServer} from '../../../source/lab/serve/LabClient.js';
import {LabServer} from '../../../source/lab/serve/LabServer.js';
import {serveFilesFor} from '../../../source/lab/serve/ServeFiles.js';
import {decodeDocumentText, encodeDocument, finaliseDocument} from '../../../source/store/DocumentCodec.js';
import {loadEmbeddedLab, newDocument} from '../../../source/store/index.js';
import {commandLine, type Line} from '../commandGrammar.js';
import {savedLeaves} from '../savedLeaves.js';

const bootedText = (() => {
	const lab = Lab.open(newDocument(loadEmbeddedLab(), 11));
	return encodeDocument(finaliseDocument(lab.nextDocument()!, 1));
})();

function globalsOf(l: Line, statePath: string) {
	return {json: false, noColor: true, statePath, ...(l.host ? {host: l.host} : {})};
}

async function throughServer(lines: readonly Line[]): Promise<{outputs: string[]; store: string}> {
	const store = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-served-')), 'store.json');
	writeFileSync(store, bootedText);
	const lab = await HeadlessLab.open(store);
	const server = await LabServer.listen(serveFilesFor(store), lab);
	const outputs: string[] = [];
	try {
		for (const l of lines) {
			let out = '';
			let err = '';
			const code = await runThroughServer(l.family, l.argv, globalsOf(l, store), {out: t => void (out += t), err: t => void (err += t)});
			outputs.push(`${out}--- stderr\n${err}--- exit ${code}`);
		}
	} finally {
		await server.close();
		await lab.close();
	}
	return {outputs, store};
}

async function inProcess(lines: readonly Line[]): Promise<{outputs: string[]; store: string}> {
	const store = path.join(mkdtempSync(path.join(tmpdir(), 'npiv-inproc-')), 'store.json');
	writeFileSync(store, bootedText);
	const outputs: string[] = [];
	for (const l of lines) {
		const r = await runOneShotOutput(l.family, l.argv, globalsOf(l, store));
		outputs.push(`${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exitCode}`);
	}
	return {outputs, store};
}

const read = (file: string) => decodeDocumentText(readFileSync(file, 'utf8'), {file, kind: 'store'}).document;

describe('a served lab = the same commands in-process', () => {
	test('outputs and the saved store', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(commandLine, {minLength: 1, maxLength: 8}), async lines => {
				const served = await throughServer(lines);
				const local = await inProcess(lines);
				expect(served.outputs.join('\n')).toBe(local.outputs.join('\n'));
				expect(savedLeaves(read(served.store))).toBe(savedLeaves(read(local.store)));
			}),
			{numRuns: Number(process.env['NPIV_SERVED_PROPERTY_RUNS'] ?? 40), seed: Number(process.env['NPIV_PROPERTY_SEED'] ?? 20261207)},
		);
	}, 600_000);
});

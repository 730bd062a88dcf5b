/**
 * The definition of done of the live lab: running a sequence of commands in one lab gives the
 * same stdout, stderr, exit codes, event log and saved document, byte for byte, as running each
 * command in a fresh lab restored from the document the previous one saved (what a fresh process
 * does). Random sequences over fcadm, fcinfo, xm, switch, storage, fault and link, including
 * commands that fail; at the end the two worlds are also compared field by field.
 */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {Lab} from '../../source/lab/Lab.js';
import {decodeDocumentText, encodeDocument, finaliseDocument} from '../../source/store/DocumentCodec.js';
import {loadEmbeddedLab, newDocument, type StoreDocument} from '../../source/store/index.js';
import {commandLine, describeLine, type Line} from './commandGrammar.js';
import {dumpWorld} from '../world/worldDump.js';
import {firstDifferences} from '../world/graphDump.js';
import {savedLeaves} from './savedLeaves.js';

const booted = (() => {
	const lab = Lab.open(newDocument(loadEmbeddedLab(), 11));
	return finaliseDocument(lab.nextDocument()!, 1);
})();

function globalsFor(l: Line) {
	return {json: false, statePath: '', noColor: true, ...(l.host ? {host: l.host} : {})};
}

function outputOf(lab: Lab, l: Line): string {
	const r = lab.run(l.family, l.argv, {globals: globalsFor(l), settle: true, readFile: () => '', writeFile: () => false});
	return `$ ${describeLine(l)}\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exitCode}`;
}

function reread(doc: StoreDocument): StoreDocument {
	return decodeDocumentText(encodeDocument(finaliseDocument(doc, doc.revision)), {file: 'test', kind: 'store'}).document;
}

function inOneLab(lines: readonly Line[]): {outputs: string[]; doc: StoreDocument; lab: Lab} {
	const lab = Lab.open(reread(booted));
	const outputs = lines.map(l => outputOf(lab, l));
	return {outputs, doc: lab.nextDocument() ?? lab.base, lab};
}

function inFreshLabs(lines: readonly Line[]): {outputs: string[]; doc: StoreDocument; lab: Lab} {
	let doc = booted;
	let lab = Lab.open(reread(doc));
	const outputs: string[] = [];
	for (const l of lines) {
		lab = Lab.open(reread(doc));
		outputs.push(outputOf(lab, l));
		const next = lab.nextDocument();
		if (next) doc = finaliseDocument(next, doc.revision + 1);
	}
	return {outputs, doc, lab};
}

describe('the process boundary is invisible', () => {
	test('a sequence in one lab = each command in a fresh lab on the saved store', () => {
		fc.assert(
			fc.property(fc.array(commandLine, {minLength: 1, maxLength: 10}), lines => {
				const one = inOneLab(lines);
				const fresh = inFreshLabs(lines);
				expect(fresh.outputs.join('\n')).toBe(one.outputs.join('\n'));
				expect(savedLeaves(fresh.doc)).toBe(savedLeaves(one.doc));
				// The worlds themselves: a restore puts back everything, not just what was printed.
				const restored = Lab.open(reread(fresh.doc));
				expect(firstDifferences(dumpWorld(one.lab.world), dumpWorld(restored.world))).toBe('');
			}),
			{numRuns: Number(process.env['NPIV_PROPERTY_RUNS'] ?? 150), seed: Number(process.env['NPIV_PROPERTY_SEED'] ?? 20261207)},
		);
	}, 600_000);
});

/**
 * The embedded default lab behind a WorldConsoleSource, and what fcinfo prints, parsed, for the
 * tests to hold the console's rows against.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';
import {loadEmbeddedLab, newDocument, type StoreDocument} from '../../../source/store/index.js';
import {WorldConsoleSource, type WorldSourceOptions} from '../../../source/ui/live/WorldConsoleSource.js';
import type {Wwn} from '../../../source/sim/Wwn.js';

/** sol-c's QLE2562 port, cabled to fab-a2 (fabric A). */
export const SOLC_A = '2100001b329e7730' as Wwn;
/** sol-c's QLA2342 port: no NPIV. */
export const SOLC_LEGACY = '210000e08b1c4482' as Wwn;
/** dom0-b's port on fab-a1 port 1. */
export const DOM0B_A = '10000000c96b2e10' as Wwn;
/** A spare virtual WWN the lab zones (z_spare_solc_1) and masks (host group spare-solc-1). */
export const SPARE = {portWwn: 'c0007dc84b19e6ab' as Wwn, nodeWwn: 'c0007dc84b19e6aa' as Wwn};
/** web01's virtual port (bound by its npiv = [...] entry). */
export const WEB01_VPORT = 'c0007d5a3e81c241' as Wwn;

export function labDocument(): StoreDocument {
	return newDocument(loadEmbeddedLab());
}

/** The default lab in memory, its clock driven by the test (advance, step). */
export function labSource(opts: Partial<WorldSourceOptions> = {}): WorldConsoleSource {
	return new WorldConsoleSource({document: labDocument(), clock: 'manual', ...opts});
}

export interface HbaPortBlock {
	readonly fields: Record<string, string>;
	readonly npivSupported: boolean;
	readonly max: number;
	readonly vports: {node: string; port: string}[];
}

/** `fcinfo hba-port` output, one block per port (values as printed, trailing spaces trimmed). */
export function parseHbaPort(stdout: string): HbaPortBlock[] {
	const blocks: HbaPortBlock[] = [];
	let current: {fields: Record<string, string>; npivSupported: boolean; max: number; vports: {node: string; port: string}[]} | undefined;
	let pendingNode: string | undefined;
	for (const line of stdout.split('\n')) {
		const m = /^(\t*)(\s*)([^:]+):\s?(.*)$/.exec(line);
		if (line.startsWith('HBA Port WWN: ')) {
			current = {fields: {'HBA Port WWN': line.slice(14).trim()}, npivSupported: true, max: 0, vports: []};
			blocks.push(current);
		} else if (!current) {
			continue;
		} else if (line.trim() === 'NPIV Not Supported') {
			current.npivSupported = false;
		} else if (m && m[1] === '\t\t' && m[3] === 'Node WWN') {
			pendingNode = m[4]!.trim();
		} else if (m && m[1] === '\t\t' && m[3] === 'Port WWN') {
			current.vports.push({node: pendingNode ?? '', port: m[4]!.trim()});
		} else if (m && m[1] === '\t' && !m[2]) {
			if (m[3] === 'Max NPIV Ports') current.max = Number(m[4]);
			else current.fields[m[3]!] = m[4]!.trim();
		}
	}
	return blocks;
}

export interface LogicalUnit {
	readonly osDevice: string;
	readonly paths: {hbaPort: string; target: string; lun: number}[];
	readonly vendor: string;
	readonly product: string;
	readonly deviceType: string;
}

/** `fcinfo lu -v` output (Solaris 11: port lines, then the `LUN:` line that ends them). */
export function parseLogicalUnits(stdout: string): LogicalUnit[] {
	const out: LogicalUnit[] = [];
	let cur: {osDevice: string; paths: {hbaPort: string; target: string; lun: number}[]; vendor: string; product: string; deviceType: string} | undefined;
	let port = '';
	let pending: {hbaPort: string; target: string}[] = [];
	for (const line of stdout.split('\n')) {
		const t = line.trim();
		if (line.startsWith('OS Device Name: ')) out.push((cur = {osDevice: line.slice(16), paths: [], vendor: '', product: '', deviceType: ''}));
		else if (!cur) continue;
		else if (t.startsWith('HBA Port WWN: ')) port = t.slice(14);
		else if (t.startsWith('Remote Port WWN: ')) pending.push({hbaPort: port, target: t.slice(17)});
		else if (t.startsWith('LUN: ')) {
			for (const p of pending) cur.paths.push({...p, lun: Number(t.slice(5))});
			pending = [];
		}
		else if (line.startsWith('\tVendor: ')) cur.vendor = line.slice(9).trim();
		else if (line.startsWith('\tProduct: ')) cur.product = line.slice(10).trim();
		else if (line.startsWith('\tDevice Type: ')) cur.deviceType = line.slice(14).trim();
	}
	return out;
}

const made: string[] = [];
afterAll(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

export function tempDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'npiv-live-'));
	made.push(dir);
	return dir;
}

/**
 * Waits, on the wall clock, until `condition` holds: for what another process or the file
 * system does (fs.watch), which no fake clock can drive. Bounded; fails with `what`.
 */
export async function pollUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** The list panel's rows on a screen (the left panel, below its header), without the detail beside them. */
export function listRows(c: {lines(): string[]}): string[] {
	return c
		.lines()
		.slice(5)
		.map(l => l.split('││')[0]!)
		.filter(l => /^│[> ] +\S/.test(l));
}

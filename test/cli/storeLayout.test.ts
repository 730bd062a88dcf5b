/**
 * What the store file holds, as processes see it: the configuration and the live state, what a
 * change rewrites and what it leaves as it was, and a configuration edited by hand.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {npiv, tempStore} from './runCli.js';

const BOOTED_NOTE = 'npiv: booted the lab from its configuration: its configuration was edited by hand since the lab was last saved\n';

function lines(file: string): string[] {
	return readFileSync(file, 'utf8').split('\n');
}

/** A generated store big enough to be written compact (one lab item, one live part a line). */
function bigStore(): string {
	const state = tempStore();
	const r = npiv(state, ['--json', 'scenario', 'generate', '--hosts', '40', '--ports-per-host', '2', '--vports-per-port', '40', '--out', state, '--force']);
	expect(r.status).toBe(0);
	return state;
}

describe('the store file', () => {
	it('a big store: a change rewrites the pieces it touched; every other host line and live part is written back as it was', () => {
		const state = bigStore();
		const before = lines(state);
		const host = (name: string) => (l: string) => l.startsWith(`{"name":"${name}",`);
		const hostPart = (name: string) => (l: string) => l.startsWith(`{"host":"${name}",`);
		expect(before[0]).toMatch(/^\{"version":3,"revision":1,.*"lab":\{$/);
		const r = npiv(state, ['--host', 'h001', 'fcadm', 'create-npiv-port', '-p', 'c0007e0000000001', '-n', 'c0007e0000000002', '2100001b32000001']);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const after = lines(state);
		expect(after[0]).toMatch(/^\{"version":3,"revision":2,/);
		// h001's configuration (its SMF port list) and its live part changed; h002's did not.
		expect(after.find(host('h001'))).not.toBe(before.find(host('h001')));
		expect(after.find(host('h001'))).toContain('2100001b32000001:C0007E0000000001:C0007E0000000002:');
		expect(after.find(host('h002'))).toBe(before.find(host('h002')));
		expect(after.find(hostPart('h001'))).not.toBe(before.find(hostPart('h001')));
		expect(after.find(hostPart('h002'))).toBe(before.find(hostPart('h002')));
		// The next process restores what this one saved: no boot.
		const listed = npiv(state, ['--host', 'h001', 'fcinfo', 'hba-port', '2100001b32000001']);
		expect(listed.stderr).toBe('');
		expect(listed.stdout).toContain('Port WWN: c0007e0000000001');
	});

	it('a host edited by hand in a big store: the next command boots from the configuration and says so on stderr, once', () => {
		const state = bigStore();
		const text = readFileSync(state, 'utf8');
		// A second HBA port of h003 loses its NPIV port list entries (an administrator's edit).
		const edited = text.replace(/(\{"name":"h003",[^\n]*"npivPorts":\[)[^\]]*\]/, '$1]');
		expect(edited).not.toBe(text);
		writeFileSync(state, edited);
		const first = npiv(state, ['--host', 'h003', 'fcinfo', 'hba-port', '2100001b32000003']);
		expect(first.stderr).toBe(BOOTED_NOTE);
		expect(first.status).toBe(0);
		expect(first.stdout).not.toContain('Virtual Port1');
		const second = npiv(state, ['--host', 'h003', 'fcinfo', 'hba-port', '2100001b32000003']);
		expect(second.stderr).toBe('');
		expect(second.stdout).toBe(first.stdout);
	});

	it('the default store edited by hand (an array port offline in its configuration): one note, a boot, then no more notes', () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const doc = JSON.parse(readFileSync(state, 'utf8')) as {lab: {arrays: {name: string; ports: {name: string; online?: boolean}[]}[]}};
		doc.lab.arrays[0]!.ports[0]!.online = false;
		writeFileSync(state, JSON.stringify(doc, null, '\t') + '\n');
		const first = npiv(state, ['storage', 'port', 'list']);
		expect(first.stderr).toBe(BOOTED_NOTE);
		expect(first.status).toBe(0);
		const second = npiv(state, ['fault', 'list']);
		expect(second.stderr).toBe('');
		expect(second.stdout).toContain('offline');
	});

	it('events edited by hand are not a configuration change: the live state stays, and nothing is said', () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const uptime = npiv(state, ['xm', 'uptime']).stdout;
		const doc = JSON.parse(readFileSync(state, 'utf8')) as {events: {summary: string}[]};
		doc.events[0]!.summary = 'edited';
		writeFileSync(state, JSON.stringify(doc, null, '\t') + '\n');
		const r = npiv(state, ['xm', 'uptime']);
		expect(r.stderr).toBe('');
		expect(r.stdout).toBe(uptime);
	});

	it('a damaged event is refused with the file and the place named, and the file is left as it was', () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const doc = JSON.parse(readFileSync(state, 'utf8')) as {events: {t: unknown}[]};
		doc.events[0]!.t = 'soon';
		const text = JSON.stringify(doc, null, '\t') + '\n';
		writeFileSync(state, text);
		const r = npiv(state, ['xm', 'list']);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(new RegExp(`^npiv: store ${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid \\(the file was left unchanged\\):\\n  events\\[0\\]\\.t: expected a number, found text "soon"\\n$`));
		expect(readFileSync(state, 'utf8')).toBe(text);
	});
});

/**
 * The reproductions a new user met when every process re-booted the SAN from its configuration:
 * each is run here as separate `npiv` processes on one store, and must behave as in one process.
 */
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {npiv, tempStore} from './runCli.js';

const DOM0_A_P0 = '2100001b32813c5a';
const WEB01_VPORT = 'c0007d5a3e81c241';
const SOL_C_8G = '2100001b329e7730';

function ok(state: string, ...args: string[]): string {
	const r = npiv(state, args);
	expect(r.stderr).toBe('');
	expect(r.status).toBe(0);
	return r.stdout;
}

/** web01's line of `xm list`: name, id, memory, vcpus, state (CPU time left out: it runs on). */
function web01(state: string): string {
	const line = ok(state, 'xm', 'list', 'web01').split('\n')[1]!;
	return line.split(/\s+/).slice(0, 5).join(' ');
}

function revision(state: string): number {
	return (JSON.parse(readFileSync(state, 'utf8')) as {revision: number}).revision;
}

describe('one live lab across processes', () => {
	it('web01 keeps running after its dom0 port is unplugged and plugged back, and after a switch port bounce', () => {
		const state = tempStore();
		expect(web01(state)).toBe('web01 1 1024 2 -b----');
		ok(state, 'fault', 'cable', 'pull', `dom0-a/${DOM0_A_P0}`);
		expect(web01(state)).toBe('web01 1 1024 2 -b----');
		ok(state, 'fault', 'cable', 'plug', `dom0-a/${DOM0_A_P0}`);
		expect(web01(state)).toBe('web01 1 1024 2 -b----');
		ok(state, 'switch', '--switch', 'fab-a1', 'portdisable', '0');
		ok(state, 'switch', '--switch', 'fab-a1', 'portenable', '0');
		expect(web01(state)).toBe('web01 1 1024 2 -b----');
		// Its LUNs came back on its virtual port.
		const paths = ok(state, '--host', 'dom0-a', 'fcinfo', 'remote-port', '-p', WEB01_VPORT, '-s');
		expect(paths).toMatch(/LUN: 0\n/);
		expect(JSON.parse(readFileSync(state, 'utf8')).lab.domains.find((d: {name: string}) => d.name === 'web01').state).not.toBe('halted');
	});

	it('identities hold from one process to the next: UUID, domain id, uptime, FCIDs, device paths', () => {
		const state = tempStore();
		const uuid = ok(state, 'xm', 'list', '-l', 'web01').match(/\(uuid ([0-9a-f-]+)\)/)![1];
		const ns = ok(state, 'switch', '--switch', 'fab-a1', 'nsshow');
		const lu = ok(state, '--host', 'sol-c', 'fcinfo', 'lu');
		ok(state, 'switch', 'alicreate', 'ops_a', '21:00:00:1b:32:9e:77:30');
		ok(state, 'fault', 'cable', 'pull', `dom0-a/${DOM0_A_P0}`);
		ok(state, 'fault', 'cable', 'plug', `dom0-a/${DOM0_A_P0}`);
		expect(ok(state, 'xm', 'list', '-l', 'web01')).toContain(`(uuid ${uuid})`);
		expect(ok(state, 'xm', 'list', 'web01').split('\n')[1]).toMatch(/^web01\s+1\s/);
		// The clock carried on: the pull and plug took simulated time, and uptime shows it.
		expect(ok(state, 'xm', 'uptime', 'web01')).toMatch(/web01\s+1\s+0:00:(?!00)\d\d/);
		expect(ok(state, '--host', 'sol-c', 'fcinfo', 'lu')).toBe(lu);
		// dom0-a's ports logged in again after the plug; everyone else kept their N_Port_ID.
		const others = (text: string) => text.split('\n').filter(l => /^ N /.test(l) && !l.includes('21:00:00:1b:32:81:3c:5a') && !l.includes('c0:00:7d:5a:3e:81:c2:41'));
		expect(others(ok(state, 'switch', '--switch', 'fab-a1', 'nsshow'))).toEqual(others(ns));
		expect(ok(state, 'switch', '--switch', 'fab-a1', 'nsshow')).toBe(ok(state, 'switch', '--switch', 'fab-a1', 'nsshow'));
	});

	it('link error counters move on a fault and stay for the next process', () => {
		const state = tempStore();
		const counters = () => ok(state, '--host', 'dom0-a', 'fcinfo', 'hba-port', '-l', DOM0_A_P0).match(/Link Failure Count: (\d+)\n\t\tLoss of Sync Count: (\d+)\n\t\tLoss of Signal Count: (\d+)/)!.slice(1);
		expect(counters()).toEqual(['0', '0', '0']);
		ok(state, 'fault', 'cable', 'pull', `dom0-a/${DOM0_A_P0}`);
		ok(state, 'fault', 'cable', 'plug', `dom0-a/${DOM0_A_P0}`);
		expect(counters()).toEqual(['1', '1', '1']);
		expect(counters()).toEqual(['1', '1', '1']);
	});

	it('lists virtual ports newest first, as the kernel does, in every process', () => {
		const state = tempStore();
		ok(state, '--host', 'sol-c', 'fcadm', 'create-npiv-port', '-p', 'c0007d0000000a02', '-n', 'c0007d0000000a01', SOL_C_8G);
		ok(state, '--host', 'sol-c', 'fcadm', 'create-npiv-port', '-p', 'c0007d0000000b02', '-n', 'c0007d0000000b01', SOL_C_8G);
		const listed = ok(state, '--host', 'sol-c', 'fcinfo', 'hba-port', SOL_C_8G).match(/\t\tPort WWN: (\w+)/g);
		expect(listed).toEqual(['\t\tPort WWN: c0007d0000000b02', '\t\tPort WWN: c0007d0000000a02']);
		expect(ok(state, '--host', 'sol-c', 'fcinfo', 'hba-port', SOL_C_8G).match(/\t\tPort WWN: (\w+)/g)).toEqual(listed);
	});

	// (`fcinfo lu -v` and `fcinfo remote-port` are not among them: the frames they send move the
	// HBA port's Tx/Rx frame counters, which the HBA-API shows and the store keeps.)
	it('read-only commands leave the store as it was, byte for byte, and boot events are never logged again', () => {
		const state = tempStore();
		ok(state, 'xm', 'list');
		const before = readFileSync(state, 'utf8');
		const rev = revision(state);
		for (const args of [
			['xm', 'list'],
			['switch', 'zoneshow'],
			['fcadm', 'hba-port'],
			['fault', 'list'],
			['--host', 'sol-c', 'fcinfo', 'lu'],
			['events', '--limit', '3'],
			['storage', 'port', 'list'],
		]) {
			npiv(state, args);
		}
		expect(revision(state)).toBe(rev);
		expect(readFileSync(state, 'utf8')).toBe(before);
		const attaches = () => ok(state, 'events', '--type', 'driver.sysevent.port_attach').split('\n').filter(Boolean).length;
		const first = attaches();
		ok(state, 'switch', 'alicreate', 'ops_b', '21:00:00:1b:32:9e:77:30');
		ok(state, 'fault', 'cable', 'pull', `dom0-a/${DOM0_A_P0}`);
		expect(attaches()).toBe(first);
	});

	it("an alias name FOS refuses ('a$1') is refused by the switch and nothing is saved", () => {
		const state = tempStore();
		ok(state, 'xm', 'list');
		const before = readFileSync(state, 'utf8');
		const r = npiv(state, ['switch', 'alicreate', 'a$1', '21:00:00:1b:32:9e:77:30']);
		expect(r.status).toBe(1);
		expect(r.stdout + r.stderr).toMatch(/a\$1/);
		expect(readFileSync(state, 'utf8')).toBe(before);
	});
});

describe('a session replayed with --apply and the same commands from the CLI', () => {
	it('leave the same store, byte for byte', () => {
		const commands = [
			['--host', 'sol-c', 'fcadm', 'create-npiv-port', '-p', 'c0007d0000000c02', '-n', 'c0007d0000000c01', SOL_C_8G],
			['fault', 'cable', 'pull', `dom0-a/${DOM0_A_P0}`],
			['fault', 'cable', 'plug', `dom0-a/${DOM0_A_P0}`],
			['xm', 'migrate', '--live', 'web01', 'dom0-b'],
			['switch', 'alicreate', 'ops_c', 'c0:00:7d:00:00:00:0c:02'],
			['--host', 'sol-c', 'fcadm', 'delete-npiv-port', '-p', WEB01_VPORT, SOL_C_8G],
		];
		const cli = tempStore();
		ok(cli, 'xm', 'list');
		const dir = path.dirname(tempStore());
		const replayed = path.join(dir, 'store.json');
		copyFileSync(cli, replayed);
		for (const args of commands) npiv(cli, args);
		const session = path.join(dir, 'drill.tape');
		writeFileSync(session, ['# npiv session v1', 'start store store.json', '---', ...commands.flatMap(args => [`run ${args.join(' ')}`, 'wait idle']), ''].join('\n'));
		const r = npiv(replayed, ['session', 'replay', session, '--headless', '--apply']);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(readFileSync(replayed, 'utf8')).toBe(readFileSync(cli, 'utf8'));
	});
});

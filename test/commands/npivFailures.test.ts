/**
 * The NPIV failure cases of the specification (seed 000, 2.6.1, 2.6.8, 3.3) on the default lab,
 * through `fcadm` exactly as an operator types it: each prints what the real tool prints and
 * changes nothing (no port created, the npiv_config list untouched, existing logins undisturbed).
 */
import {describe, expect, it} from 'vitest';
import {dispatchFamily} from '../../source/commands/families/dispatchFamily.js';
import type {GlobalOptions} from '../../source/commands/GlobalOptions.js';
import {loadEmbeddedLab, newDocument} from '../../source/store/index.js';
import {World} from '../../source/world/World.js';
import {Lab} from '../../source/lab/Lab.js';

const DOM0_A_P0 = '2100001b32813c5a';
const DOM0_B_P0 = '10000000c96b2e10';
const SOL_C_8G = '2100001b329e7730';
const SOL_C_2G = '210000e08b1c4482';
const SOL_C_LOOP = '10000000c93e5d77';
const WEB01_VPORT = 'c0007d5a3e81c241';
const DB01_VPORT = 'c0007d93f0b27e17';

function lab(): World {
	return Lab.open(newDocument(loadEmbeddedLab()), {boot: {record: false}}).world;
}

function run(world: World, host: string, line: string): {stdout: string; stderr: string; exitCode: number} {
	const globals: GlobalOptions = {host, json: false, statePath: '/nonexistent', noColor: true};
	const [family, ...argv] = line.split(' ');
	return dispatchFamily(family!, argv, {world, globals, readFile: () => '', writeFile: () => false, settle: true});
}

function npivState(world: World): string {
	return JSON.stringify(world.hosts.map(h => [h.config.name, h.npivPorts, [...h.stack.fpPorts()].map(p => p.wwpn)]));
}

function expectRefused(world: World, host: string, line: string, stderr: string): void {
	const before = npivState(world);
	const r = run(world, host, line);
	expect(r).toMatchObject({exitCode: 1, stdout: '', stderr});
	expect(npivState(world)).toBe(before);
}

describe('NPIV failure cases on the default lab', () => {
	it('an HBA without NPIV (sol-c QLA2342 2Gb on legacy-1)', () => {
		expectRefused(lab(), 'sol-c', `fcadm create-npiv-port ${SOL_C_2G}`, 'Error: NPIV not Supported\n');
	});

	it('a port on a loop (sol-c Emulex LP10000 on loop-1): the adapter reports no NPIV', () => {
		const world = lab();
		expect(run(world, 'sol-c', `fcinfo hba-port ${SOL_C_LOOP}`).stdout).toContain('\tType: L-port\n');
		expectRefused(world, 'sol-c', `fcadm create-npiv-port ${SOL_C_LOOP}`, 'Error: NPIV not Supported\n');
	});

	it('a switch without NPIV: the FDISC is refused and the kernel reason collapses into fcadm\'s message', () => {
		const world = lab();
		expect(run(world, 'sol-c', 'fault npiv off fab-a2/0').exitCode).toBe(0);
		expectRefused(world, 'sol-c', `fcadm create-npiv-port ${SOL_C_8G}`, 'Error: failed to create a npiv port\n');
	});

	it('a switch port at its NPIV login limit', () => {
		const world = lab();
		// web01's virtual port already holds the one NPIV login the port now allows
		expect(run(world, 'dom0-a', 'switch portcfgnpivport --setloginlimit 0 1').exitCode).toBe(0);
		expectRefused(world, 'dom0-a', `fcadm create-npiv-port ${DOM0_A_P0}`, 'Error: failed to create a npiv port\n');
		expect(world.log.entries().some(e => e.type.startsWith('fabric.ls_rjt'))).toBe(true);
	});

	it('an adapter at its maximum of virtual ports (QLE2462: 127, the 2010 qlc)', () => {
		const world = lab();
		// FOS's default of 126 NPIV logins per port would refuse the 127th first
		expect(run(world, 'dom0-a', 'switch portcfgnpivport --setloginlimit 0 255').exitCode).toBe(0);
		for (let i = 0; i < 126; i++) expect(run(world, 'dom0-a', `fcadm create-npiv-port ${DOM0_A_P0}`).exitCode).toBe(0);
		expect(run(world, 'dom0-a', `fcinfo hba-port ${DOM0_A_P0}`).stdout).toContain('\tMax NPIV Ports: 127\n');
		expect(run(world, 'dom0-a', `fcinfo hba-port ${DOM0_A_P0}`).stdout).toContain('\t  Virtual Port127:\n');
		expectRefused(world, 'dom0-a', `fcadm create-npiv-port ${DOM0_A_P0}`, 'Error: Can not create more NPIV port\n');
	});

	it('a WWN already logged in from another host: the new login fails and the existing one stays', () => {
		const world = lab();
		const before = world.fabrics.fabric('A')!.loginByWwpn(WEB01_VPORT as never);
		expect(before).toBeDefined();
		expectRefused(world, 'dom0-b', `fcadm create-npiv-port -p ${WEB01_VPORT} -n c0007d5a3e81c240 ${DOM0_B_P0}`, 'Error: failed to create a npiv port\n');
		world.runUntilIdle();
		expect(world.fabrics.fabric('A')!.loginByWwpn(WEB01_VPORT as never)).toBe(before);
	});

	it('malformed WWNs, node WWN equal to port WWN, an unknown physical port, deleting an unknown virtual port', () => {
		const world = lab();
		expectRefused(world, 'dom0-a', `fcadm create-npiv-port -p c0007d1c6d04a9bz -n c0007d1c6d04a9b2 ${DOM0_A_P0}`, 'Invalid Port WWN\n');
		expectRefused(world, 'dom0-a', `fcadm create-npiv-port -p c0007d1c6d04a9b3 -n 12345 ${DOM0_A_P0}`, 'Invalid Node WWN\n');
		expectRefused(world, 'dom0-a', 'fcadm create-npiv-port 2100001b3281', 'Invalid Physical Port WWN\n');
		expectRefused(world, 'dom0-a', `fcadm create-npiv-port -p c0007d1c6d04a9b3 -n c0007d1c6d04a9b3 ${DOM0_A_P0}`, 'Error: Port WWN is same as Node WWN\n');
		expectRefused(world, 'dom0-a', 'fcadm create-npiv-port 2100001b32819999', 'Error: HBA port 2100001b32819999: not found\n');
		expectRefused(world, 'dom0-a', `fcadm delete-npiv-port -p c0007d0000000001 ${DOM0_A_P0}`, 'Error: failed to delete a npiv port\n');
	});

	it("a virtual port a Xen domain holds (web01's): fcadm refuses it and names the xm command; no event, nothing changed", () => {
		const world = lab();
		const seq = world.log.lastSeq;
		const refusal = `Error: NPIV port ${WEB01_VPORT} belongs to domain web01 on dom0-a; detach it with: xm npiv-detach web01 ${WEB01_VPORT}\n`;
		expectRefused(world, 'dom0-a', `fcadm delete-npiv-port -p ${WEB01_VPORT} ${DOM0_A_P0}`, refusal);
		// db01 is halted on dom0-b (its port does not exist now): asked from any host, the answer is the same
		expectRefused(world, 'sol-c', `fcadm delete-npiv-port -p ${DB01_VPORT} ${SOL_C_8G}`, `Error: NPIV port ${DB01_VPORT} belongs to domain db01 on dom0-b; detach it with: xm npiv-detach db01 ${DB01_VPORT}\n`);
		world.runUntilIdle();
		expect(world.log.lastSeq).toBe(seq);
		expect(run(world, 'dom0-a', 'xm npiv-list web01').stdout).toMatch(new RegExp(`${WEB01_VPORT}.*connected`));
		// the way out it names works, and then fcadm has nothing to refuse
		expect(run(world, 'dom0-a', `xm npiv-detach web01 ${WEB01_VPORT}`).exitCode).toBe(0);
		expect(world.xen.npivOwner(WEB01_VPORT as never)).toBeUndefined();
	});
});

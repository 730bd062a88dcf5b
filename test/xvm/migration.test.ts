import {describe, expect, it} from 'vitest';
import {makeLab, WEB_VP, A1, B1, type Lab} from './lab.js';
import type {DomainConfig} from '../../source/world/LabConfig.js';

function migrate(lab: Lab, dest: string, live = true) {
	const src = lab.xen.host('dom0-a')!;
	const m = lab.xen.migrate(src, 'web01', dest, {live});
	lab.settle();
	return m;
}

function lunsOn(lab: Lab, host: string, name = 'web01'): string[] {
	const h = lab.xen.host(host)!;
	const d = h.xend.lookup(name);
	return d ? h.xend.lunDevices(d).filter(l => l.connected).map(l => l.dev) : [];
}

function expectRunningOnSource(lab: Lab): void {
	const a = lab.xen.host('dom0-a')!;
	const web = a.xend.lookup('web01')!;
	expect(web.power).toBe('running');
	expect(web.vmState).toBe('running');
	expect(web.migrationRole).toBeUndefined();
	expect(lab.xen.host('dom0-b')!.xend.lookup('web01')).toBeUndefined();
	expect(lab.san.hostsWith(WEB_VP)).toEqual(['dom0-a']);
	expect(lunsOn(lab, 'dom0-a')).toEqual(['xvdb', 'xvdc']);
	expect(lab.san.violations).toEqual([]);
}

describe('xm migrate --live with delayed binding', () => {
	it('moves web01 to dom0-b: source logs out before the destination creates, t0..t4 in order', () => {
		const lab = makeLab();
		const m = migrate(lab, 'dom0-b');
		expect(m.op.succeeded).toBe(true);
		expect(m.phase).toBe('done');
		expect(m.progress).toBe(1);
		expect(m.timeline.map(x => x.phase)).toEqual(['t0', 't0', 't0-t1', 't1-t2', 't2', 't2-t3', 't3-t4', 't4']);
		expect(m.timeline.map(x => x.step)).toEqual([1, 2, 3, 4, 4, 5, 6, 7]);
		const times = m.timeline.map(x => x.t);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		expect(m.rounds.length).toBeGreaterThan(1);
		expect(m.rounds.at(-1)!.sourceRunning).toBe(false);
		expect(m.rounds.slice(0, -1).every(r => r.sourceRunning)).toBe(true);

		const events = lab.log.entries();
		const at = (pred: (e: (typeof events)[number]) => boolean): number => events.findIndex(pred);
		const srcDelete = at(e => e.type === 'xvm.daemon.delete' && e.source === 'xennpivd@dom0-a');
		const dstCreate = at(e => e.type === 'xvm.daemon.create' && e.source === 'xennpivd@dom0-b');
		const t2 = at(e => e.type === 'xvm.migrate.phase' && e.data['phase'] === 't2');
		const t23 = at(e => e.type === 'xvm.migrate.phase' && e.data['phase'] === 't2-t3');
		const t4 = at(e => e.type === 'xvm.migrate.phase' && e.data['phase'] === 't4');
		const running = at(e => e.type === 'xvm.domain.state' && e.source === 'xend@dom0-b' && e.data['to'] === 'running');
		expect(t2).toBeGreaterThan(0);
		expect(t2).toBeLessThan(srcDelete);
		expect(srcDelete).toBeLessThan(t23);
		expect(t23).toBeLessThan(dstCreate);
		expect(dstCreate).toBeLessThan(t4);
		expect(t4).toBeLessThan(running);

		const b = lab.xen.host('dom0-b')!;
		const web = b.xend.lookup('web01')!;
		expect(web.power).toBe('running');
		expect(web.migrationRole).toBeUndefined();
		expect(web.spec.npiv[0]!.ppwwn).toBe(B1);
		expect(lunsOn(lab, 'dom0-b')).toEqual(['xvdb', 'xvdc']);
		expect(lab.xen.host('dom0-a')!.xend.lookup('web01')).toBeUndefined();
		expect(lab.xen.host('dom0-a')!.xend.lookup('migrating-web01')).toBeUndefined();
		expect(lab.san.hostsWith(WEB_VP)).toEqual(['dom0-b']);
		expect(lab.san.violations).toEqual([]);
		const exported = lab.xen.exportDomains();
		expect(exported).toHaveLength(1);
		expect(exported[0]!.host).toBe('dom0-b');
		expect(exported[0]!.npiv).toEqual([`${WEB_VP}:c0007d0000000100:1:${B1}`]);
	});

	it('keeps the domain from running in two places at every step', () => {
		const lab = makeLab();
		const a = lab.xen.host('dom0-a')!;
		const m = lab.xen.migrate(a, 'web01', 'dom0-b', {live: true});
		let steps = 0;
		while (lab.sim.step()) {
			steps++;
			const running = lab.xen.domains().filter(({domain}) => domain.spec.name === 'web01' && domain.scheduled);
			expect(running.length).toBeLessThanOrEqual(1);
			expect(lab.san.hostsWith(WEB_VP).length).toBeLessThanOrEqual(1);
		}
		expect(steps).toBeGreaterThan(10);
		expect(m.op.succeeded).toBe(true);
	});

	it('source shows migrating-web01 while the destination holds the paused domain', () => {
		const lab = makeLab();
		const a = lab.xen.host('dom0-a')!;
		const b = lab.xen.host('dom0-b')!;
		const m = lab.xen.migrate(a, 'web01', 'dom0-b', {live: true});
		lab.xen.runUntil(() => m.phase === 't1-t2');
		lab.sim.runFor(500);
		expect(a.xend.lookup('migrating-web01')!.flags).toBe('-b----');
		expect(a.xend.lookup('migrating-web01')!.vmState).toBe('migrating');
		expect(b.xend.lookup('web01')!.flags).toBe('--p---');
		expect(b.xend.lookup('web01')!.vmState).toBe('migrating');
		expect(m.progress).toBeGreaterThan(0.05);
		expect(m.progress).toBeLessThan(0.8);
		lab.settle();
		expect(m.op.succeeded).toBe(true);
	});

	it('a non-live migration suspends the source before copying', () => {
		const lab = makeLab();
		const m = migrate(lab, 'dom0-b', false);
		expect(m.op.succeeded).toBe(true);
		expect(m.rounds).toHaveLength(1);
		expect(m.rounds[0]!.sourceRunning).toBe(false);
		expect(lunsOn(lab, 'dom0-b')).toEqual(['xvdb', 'xvdc']);
	});
});

describe('failed migrations leave the domain running on the source with its LUNs', () => {
	it('destination port without NPIV: create fails at step 5, source logs in again', () => {
		const lab = makeLab();
		lab.san.apis.get('dom0-b')!.port(B1).maxVports = 0;
		const m = migrate(lab, 'dom0-b');
		expect(m.op.succeeded).toBe(false);
		expect(m.failedStep).toBe(5);
		expect(m.error).toContain('does not support NPIV');
		expect(m.error).toContain('web01 is running on dom0-a');
		expectRunningOnSource(lab);
		const creates = lab.log.entries().filter(e => e.type === 'xvm.daemon.create').map(e => e.source);
		expect(creates).toEqual(['xennpivd@dom0-a', 'xennpivd@dom0-a']);
	});

	it('destination port out of virtual ports', () => {
		const db: DomainConfig = {name: 'db01', host: 'dom0-b', memoryMiB: 512, vcpus: 1, npiv: [`c0007d0000000201:c0007d0000000200:1:${B1}`], state: 'running', managed: false};
		const lab = makeLab(undefined, {});
		lab.san.apis.get('dom0-b')!.port(B1).maxVports = 1;
		lab.xen.host('dom0-b')!.xend.create((await_spec(db)));
		lab.settle();
		const m = migrate(lab, 'dom0-b');
		expect(m.failedStep).toBe(5);
		expect(m.error).toContain('has no free NPIV ports (1 of 1 in use)');
		expectRunningOnSource(lab);
	});

	it('FDISC rejected on the destination', () => {
		const lab = makeLab();
		lab.san.apis.get('dom0-b')!.port(B1).fdiscFails = true;
		const m = migrate(lab, 'dom0-b');
		expect(m.failedStep).toBe(5);
		expect(m.error).toContain('failed to create on HBA port 2100001b32b00001: ERROR');
		expectRunningOnSource(lab);
	});

	it('destination not cabled to the same fabric: refused at step 1, the source never stops', () => {
		const lab = makeLab();
		const m = migrate(lab, 'dom0-c');
		expect(m.failedStep).toBe(1);
		expect(m.error).toContain('dom0-c has no physical port on fabric fab-a');
		expectRunningOnSource(lab);
		expect(lab.log.entries().some(e => e.type === 'xvm.daemon.delete')).toBe(false);
	});

	it('virtual WWN not zoned on the destination path: LUNs never appear, step 6 times out', () => {
		const lab = makeLab();
		lab.san.present(WEB_VP, [], B1);
		const t0 = lab.sim.now;
		const m = migrate(lab, 'dom0-b');
		expect(m.failedStep).toBe(6);
		expect(m.error).toContain('xvdb (LUN 0 of target 500a098000000001 via c0007d0000000101), xvdc (LUN 1');
		expect(m.error).toContain('within 30 s');
		expect(lab.sim.now - t0).toBeGreaterThan(30_000);
		expectRunningOnSource(lab);
		expect(lab.xen.host('dom0-a')!.xend.lookup('web01')!.spec.npiv[0]!.ppwwn).toBe(A1);
	});
});

import {specFromDomainConfig} from '../../source/xvm/DomainSpec.js';
function await_spec(c: DomainConfig) {
	return specFromDomainConfig(c);
}

import {describe, expect, it} from 'vitest';
import {Simulator} from '../../source/sim/Simulator.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {XenStore} from '../../source/xvm/XenStore.js';
import {makeLab, WEB_VP} from './lab.js';
import {runXm} from '../../source/commands/xm/runXm.js';

function store(): {sim: Simulator; xs: XenStore; seen: string[]} {
	const sim = new Simulator();
	const xs = new XenStore(sim, new EventLog(sim), 'xenstore@test', 1);
	return {sim, xs, seen: []};
}

describe('xenstore', () => {
	it('fires a watch once on registration, then for changes at or below its path, in order, from the simulator', () => {
		const {sim, xs, seen} = store();
		xs.watch('/local/domain/0/backend', 'be', p => seen.push(`be ${p}`));
		xs.watch('/local/domain/1', 'd1', p => seen.push(`d1 ${p}`));
		xs.write('/local/domain/0/backend/vbd/1/51712/state', '1');
		xs.write('/local/domain/1/device/vbd/51712/state', '1');
		xs.write('/local/domain/2/name', 'other');
		xs.write('/local/domain/0/backendx', 'not below');
		expect(seen).toEqual([]); // nothing from inside the writes
		sim.runUntilIdle();
		expect(seen).toEqual([
			'be /local/domain/0/backend',
			'd1 /local/domain/1',
			'be /local/domain/0/backend/vbd/1/51712/state',
			'd1 /local/domain/1/device/vbd/51712/state',
		]);
		expect(sim.now).toBe(1);
	});

	it('fires watches below a removed node with their own path, and stops after unwatch', () => {
		const {sim, xs, seen} = store();
		xs.write('/a/b/c', 'x');
		const w = xs.watch('/a/b/c', 'c', p => seen.push(p));
		sim.runUntilIdle();
		xs.rm('/a');
		sim.runUntilIdle();
		expect(seen).toEqual(['/a/b/c', '/a/b/c']);
		expect(xs.exists('/a/b')).toBe(false);
		xs.unwatch(w);
		xs.write('/a/b/c', 'y');
		sim.runUntilIdle();
		expect(seen).toHaveLength(2);
		expect(xs.watchCount).toBe(0);
	});

	it('lists children in creation order and dumps like xenstore-ls', () => {
		const {xs} = store();
		xs.writeMany('/vm/u', {name: 'web01', memory: 1024});
		xs.write('/vm/u/image/ostype', 'linux');
		expect(xs.list('/vm/u')).toEqual(['name', 'memory', 'image']);
		expect(xs.dump('/vm')).toBe('u = ""\n name = "web01"\n memory = "1024"\n image = ""\n  ostype = "linux"\n');
	});

	it('commits a transaction, and refuses one whose reads changed meanwhile (EAGAIN)', () => {
		const {xs} = store();
		xs.write('/tool/counter', '1');
		const t1 = xs.transaction();
		t1.write('/tool/counter', String(Number(t1.read('/tool/counter')) + 1));
		expect(xs.read('/tool/counter')).toBe('1');
		expect(t1.commit()).toBe(true);
		expect(xs.read('/tool/counter')).toBe('2');
		const t2 = xs.transaction();
		const v = t2.read('/tool/counter');
		xs.write('/tool/counter', '10');
		t2.write('/tool/counter', String(Number(v) + 1));
		expect(t2.commit()).toBe(false);
		expect(xs.read('/tool/counter')).toBe('10');
	});
});

describe('device handshake', () => {
	it('a paused guest leaves its frontends Initialising while hotplug reports connected; unpause connects them', () => {
		const lab = makeLab();
		runXm(['create', '-p', 'name=p1', 'memory=256', 'disk=phy:/dev/dsk/c0t2d0s0,xvda,w'], {xen: lab.xen, json: false});
		lab.settle();
		const h = lab.xen.host('dom0-a')!;
		const d = h.xend.lookup('p1')!;
		const be = `/local/domain/0/backend/vbd/${d.domid}/51712`;
		const fe = `/local/domain/${d.domid}/device/vbd/51712`;
		expect(h.store.read(`${be}/hotplug-status`)).toBe('connected');
		expect(h.store.read(`${be}/state`)).toBe('2');
		expect(h.store.read(`${fe}/state`)).toBe('1');
		expect(h.store.read(`${fe}/ring-ref`)).toBeUndefined();
		runXm(['unpause', 'p1'], {xen: lab.xen, json: false});
		lab.settle();
		expect(h.store.read(`${be}/state`)).toBe('4');
		expect(h.store.read(`${fe}/state`)).toBe('4');
		expect(h.store.read(`${fe}/ring-ref`)).toBe('8');
		expect(h.store.read(`${fe}/event-channel`)).toBe('9');
	});

	it('deletes a virtual port in seed 7.3 order: hotplug-status error, xfc detach, daemon delete, Closed, removed', () => {
		const lab = makeLab();
		const h = lab.xen.host('dom0-a')!;
		const start = lab.log.lastSeq;
		runXm(['npiv-detach', 'web01', WEB_VP], {xen: lab.xen, json: false});
		lab.settle();
		const steps = lab.log
			.entries()
			.filter(e => e.seq > start)
			.map(e => (e.type === 'xvm.xenstore.write' ? `write ${String(e.data['path']).replace(/^.*\/vfc\/1\/0\/?/, '')}=${e.data['value'] ?? ''}` : e.type))
			.filter(s => /hotplug-status|state=|xfc|daemon\.(delete|lun)|xenstore\.rm|device\.destroy/.test(s));
		expect(steps).toEqual([
			'write hotplug-status=error',
			'xvm.xfc.detach',
			'xvm.daemon.lun.detach',
			'xvm.xenstore.rm',
			'xvm.xenstore.rm',
			'xvm.device.destroy',
			'xvm.daemon.lun.detach',
			'xvm.xenstore.rm',
			'xvm.xenstore.rm',
			'xvm.device.destroy',
			'xvm.daemon.delete',
			'write state=6',
			'xvm.xenstore.rm',
			'xvm.device.destroy',
		]);
		expect(h.store.exists('/local/domain/0/backend/vfc/1/0')).toBe(false);
		expect(lab.san.hostsWith(WEB_VP)).toEqual([]);
	});
});

/**
 * The xVM side over the real stack (fabric, storage, driver, HBA-API) of the embedded default lab:
 * web01's virtual port is created by xennpivd through the real HBA-API, logs in with FDISC, sees
 * its zoned and masked LUNs, and migrates to dom0-b with delayed binding.
 */
import {describe, expect, it} from 'vitest';
import {World} from '../../source/world/World.js';
import {Lab} from '../../source/lab/Lab.js';
import {loadEmbeddedLab, newDocument} from '../../source/store/EmbeddedLab.js';
import type {XenWorld} from '../../source/xvm/XenWorld.js';
import {runXm} from '../../source/commands/xm/runXm.js';

function boot(): {world: World; xen: XenWorld} {
	const lab = loadEmbeddedLab();
	// The world builds the Xen side and boots its domains with everything else.
	const world = Lab.open(newDocument(lab)).world;
	return {world, xen: world.xen};
}

describe('xVM over the real FC stack', () => {
	it('boots web01 with its virtual port logged in and its disk LUNs attached (tapes left alone)', () => {
		const {xen} = boot();
		const a = xen.host('dom0-a')!;
		const web = a.xend.lookup('web01')!;
		expect(web.power).toBe('running');
		const port = a.daemon.port(web.spec.npiv[0]!.vpwwn)!;
		expect(port.state).toBe('active');
		expect(port.visibleLuns.map(l => l.deviceType)).toContain('disk');
		const disks = port.visibleLuns.filter(l => l.deviceType === 'disk');
		expect(disks.length).toBe(2);
		expect(port.attachedLuns.map(x => x.dev)).toEqual(['xvda', 'xvdb']);
		const out = runXm(['npiv-list', 'web01'], {xen, json: false}).stdout;
		expect(out).toContain('connected  2');
		expect(xen.host('dom0-b')!.xend.lookup('db01')!.power).toBe('halted');
	});

	it('migrates web01 live to dom0-b: LOGO on dom0-a before FDISC on dom0-b, LUNs back under the same names', () => {
		const {world, xen} = boot();
		const before = world.log.lastSeq;
		const r = runXm(['migrate', '--live', 'web01', 'dom0-b'], {xen, json: true});
		expect(r.stderr).toBe('');
		const doc = JSON.parse(r.stdout);
		expect(doc.ok).toBe(true);
		world.sim.runUntilIdle();
		const b = xen.host('dom0-b')!;
		const web = b.xend.lookup('web01')!;
		expect(web.power).toBe('running');
		expect(web.spec.npiv[0]!.ppwwn).toBe('10000000c96b2e10');
		expect(b.xend.lunDevices(web).filter(l => l.connected).map(l => l.dev)).toEqual(['xvda', 'xvdb']);
		const events = world.log.entries().filter(e => e.seq > before);
		const deleted = events.findIndex(e => e.type === 'xvm.daemon.delete' && e.source === 'xennpivd@dom0-a');
		const created = events.findIndex(e => e.type === 'xvm.daemon.create' && e.source === 'xennpivd@dom0-b');
		expect(deleted).toBeGreaterThanOrEqual(0);
		expect(created).toBeGreaterThan(deleted);
		// On the fabric: the source's LOGO before the destination's FDISC of the same WWN.
		const logo = events.findIndex(e => e.type === 'fabric.logo' && e.summary.includes('c0:00:7d:5a:3e:81:c2:41'));
		const fdisc = events.findIndex(e => e.type === 'fabric.fdisc' && e.summary.includes('c0:00:7d:5a:3e:81:c2:41'));
		expect(logo).toBeGreaterThanOrEqual(0);
		expect(fdisc).toBeGreaterThan(logo);
		expect(xen.host('dom0-a')!.daemon.ports()).toEqual([]);
	});
});

import {describe, expect, it} from 'vitest';
import {makeLab, WEB01, WEB_VP, TARGET, A1} from './lab.js';
import {backendPath} from '../../source/xvm/DeviceController.js';

describe('booting a lab with an NPIV domain', () => {
	it('starts web01 running with its virtual port created through xfc and xennpivd and its LUNs attached', () => {
		const lab = makeLab();
		const host = lab.xen.host('dom0-a')!;
		const web = host.xend.lookup('web01')!;
		expect(web.power).toBe('running');
		expect(web.flags).toBe('-b----');
		expect(web.domid).toBe(1);
		expect(lab.san.hostsWith(WEB_VP)).toEqual(['dom0-a']);
		const luns = host.xend.lunDevices(web);
		expect(luns.map(l => [l.dev, l.connected])).toEqual([
			['xvdb', true],
			['xvdc', true],
		]);
		const be = backendPath('vfc', 1, 0);
		expect(host.store.read(`${be}/port-wwn`)).toBe(WEB_VP);
		expect(host.store.read(`${be}/phys-port-wwn`)).toBe(A1);
		expect(host.store.read(`${be}/hotplug-status`)).toBe('connected');
		expect(host.store.read(`${be}/state`)).toBe('4');
		const lunBe = backendPath('vbd', 1, 51728);
		expect(host.store.read(`${lunBe}/target-port-wwn`)).toBe(TARGET);
		expect(host.store.read(`${lunBe}/params`)).toMatch(/^\/dev\/rdsk\/c5t500A098000000001d0s2$/);
		// the guest's frontends completed the handshake
		expect(host.store.read('/local/domain/1/device/vbd/51712/state')).toBe('4');
		expect(host.store.read('/local/domain/1/device/vbd/51728/state')).toBe('4');
	});

	it('follows seed 7.3 create steps in order', () => {
		const lab = makeLab();
		const order = lab.types('xvm.').filter(t => ['xvm.xfc.attach', 'xvm.daemon.create', 'xvm.daemon.register', 'xvm.xfc.connected', 'xvm.daemon.event', 'xvm.daemon.lun.attach'].includes(t));
		const first = (t: string): number => order.indexOf(t);
		expect(first('xvm.xfc.attach')).toBeLessThan(first('xvm.daemon.create'));
		expect(first('xvm.daemon.create')).toBeLessThan(first('xvm.daemon.register'));
		expect(first('xvm.daemon.register')).toBeLessThan(first('xvm.xfc.connected'));
		expect(first('xvm.xfc.connected')).toBeLessThan(first('xvm.daemon.event'));
		expect(first('xvm.daemon.event')).toBeLessThan(first('xvm.daemon.lun.attach'));
		expect(order.filter(t => t === 'xvm.daemon.lun.attach')).toHaveLength(2);
	});

	it('exports the domain back as it was configured', () => {
		const lab = makeLab();
		expect(lab.xen.exportDomains()).toEqual([WEB01]);
	});
});

import {describe, expect, test} from 'vitest';
import {wwn} from '../../source/sim/Wwn.js';
import {FCA_MODELS} from '../../source/driver/FcaModel.js';
import {HBA_A0, HBA_A1, VPORT_1, VPORT_2, VPORT_3, lab, wwns} from './lab.js';

function vportN(n: number) {
	const hex = n.toString(16).padStart(4, '0');
	return {wwpn: wwn(`c0007d00${hex}0001`), wwnn: wwn(`c0007d00${hex}0000`)};
}

describe('virtual port create', () => {
	test('takes the lowest free index, lists newest first, and gets its own fp instance and controller', () => {
		const l = lab();
		const a = l.stack.createVirtualPort(HBA_A0, VPORT_1);
		const b = l.stack.createVirtualPort(HBA_A0, VPORT_2);
		const c = l.stack.createVirtualPort(HBA_A0, VPORT_3);
		expect([a, b, c].map(r => r.ok && r.port.vportIndex)).toEqual([1, 2, 3]);
		const port = l.stack.ports[0]!;
		expect(wwns(port.vports)).toEqual([VPORT_3.wwpn, VPORT_2.wwpn, VPORT_1.wwpn]);

		expect(l.stack.deleteVirtualPort(HBA_A0, VPORT_2.wwpn).ok).toBe(true);
		const d = l.stack.createVirtualPort(HBA_A0, vportN(9));
		expect(d.ok && d.port.vportIndex).toBe(2);
		expect(wwns(port.vports)).toEqual([vportN(9).wwpn, VPORT_3.wwpn, VPORT_1.wwpn]);

		const vp = a.ok ? a.port : undefined;
		expect(vp?.devfsPath).toBe(`${port.devfsNode}/fp@1,0`);
		expect(vp?.osDeviceName).toMatch(/^\/dev\/cfg\/c\d+$/);
		expect(vp?.controller).not.toBe(port.physical.controller);
		expect(vp?.name).not.toBe(port.physical.name);
	});

	test('a requested index is used when free, refused when taken or out of range, and the path is fp@<hex>,0', () => {
		const l = lab();
		const a = l.stack.createVirtualPort(HBA_A0, {...VPORT_1, index: 26});
		expect(a.ok && a.port.devfsPath.endsWith('/fp@1a,0')).toBe(true);
		const taken = l.stack.createVirtualPort(HBA_A0, {...VPORT_2, index: 26});
		expect(taken).toMatchObject({ok: false, errno: 'EFAULT', reason: 'NO_VALID_INDEX'});
		expect(l.stack.createVirtualPort(HBA_A0, {...VPORT_2, index: 255})).toMatchObject({ok: false, reason: 'NO_VALID_INDEX'});
		expect(l.stack.createVirtualPort(HBA_A0, {...VPORT_2, index: -1})).toMatchObject({ok: false, reason: 'NO_VALID_INDEX'});
		// Nothing was sent for a refused index: the failed WWN never logged in.
		expect(l.sw.loginByWwpn(VPORT_2.wwpn)).toBeUndefined();
	});

	test('re-creating a vport at the same index gets the same fp instance and /dev/cfg name back', () => {
		const l = lab();
		const first = l.stack.createVirtualPort(HBA_A0, {...VPORT_1, index: 5});
		const name = first.ok ? [first.port.name, first.port.osDeviceName] : [];
		l.stack.createVirtualPort(HBA_A0, VPORT_2);
		l.stack.deleteVirtualPort(HBA_A0, VPORT_1.wwpn);
		const again = l.stack.createVirtualPort(HBA_A0, {...VPORT_1, index: 5});
		expect(again.ok && [again.port.name, again.port.osDeviceName]).toEqual(name);
	});

	test('refuses a port WWN that any local port of the host already uses', () => {
		const l = lab({cableBoth: true});
		expect(l.stack.createVirtualPort(HBA_A0, VPORT_1).ok).toBe(true);
		const fcidBefore = l.stack.localPort(VPORT_1.wwpn)?.fcid;
		const dup = l.stack.createVirtualPort(HBA_A1, VPORT_1);
		expect(dup).toMatchObject({ok: false, errno: 'EFAULT', reason: 'WWN_IN_USE'});
		expect(l.stack.createVirtualPort(HBA_A0, {wwpn: HBA_A1, wwnn: wwn('2901001b32812345')})).toMatchObject({ok: false, reason: 'WWN_IN_USE'});
		l.settle();
		expect(l.stack.ports[1]!.vports).toHaveLength(0);
		expect(l.stack.localPort(VPORT_1.wwpn)).toMatchObject({state: 'online', fcid: fcidBefore});
	});

	test('QLE2462 takes 127 virtual ports (2010 qlc), the 128th is out of bounds', () => {
		const l = lab({model: 'QLE2462'});
		l.sw.npivLimit = 255;
		expect(FCA_MODELS.QLE2462.maxNpivPorts).toBe(127);
		for (let i = 1; i <= FCA_MODELS.QLE2462.maxNpivPorts; i++) expect(l.stack.createVirtualPort(HBA_A0, vportN(i)).ok).toBe(true);
		const over = l.stack.createVirtualPort(HBA_A0, vportN(128));
		expect(over).toMatchObject({ok: false, reason: 'FC_OUTOFBOUNDS'});
		expect(l.sw.loginByWwpn(vportN(128).wwpn)).toBeUndefined();
		expect(l.stack.ports[0]!.vports).toHaveLength(127);
	});

	test('QLE2562 (max 254) fills the kernel index range 1..254; no adapter claims a 255th', () => {
		expect(Math.max(...Object.values(FCA_MODELS).map(m => m.maxNpivPorts))).toBe(254);
		const l = lab({model: 'QLE2562'});
		l.sw.npivLimit = 255;
		for (let i = 1; i <= 254; i++) expect(l.stack.createVirtualPort(HBA_A0, vportN(i)).ok).toBe(true);
		expect(l.stack.createVirtualPort(HBA_A0, vportN(255))).toMatchObject({ok: false, reason: 'NO_VALID_INDEX'});
	});
});

describe('virtual port delete', () => {
	test('clears SCR, sends DA_ID, then LOGO to FFFFFE; the index is freed and the instance detached', () => {
		const l = lab();
		const r = l.stack.createVirtualPort(HBA_A0, VPORT_1);
		l.settle();
		const vp = r.ok ? r.port : undefined;
		const sid = vp!.fcid!;
		const mark = l.sw.els.length;
		expect(l.stack.deleteVirtualPort(HBA_A0, VPORT_1.wwpn)).toEqual({ok: true});
		const ops = l.sw.els.slice(mark).filter(e => e.sid === sid).map(e => e.op + (e.detail ? ` ${e.detail}` : ''));
		expect(ops.filter(o => !o.startsWith('LOGO_PORT'))).toEqual(['SCR clear', 'DA_ID', 'LOGO']);
		expect(l.sw.loginByWwpn(VPORT_1.wwpn)).toBeUndefined();
		expect(l.stack.localPort(VPORT_1.wwpn)).toBeUndefined();
		expect(l.stack.ports[0]!.pickIndex(0)).toBe(1);
		expect(vp!.remotePorts).toHaveLength(0);
		const detach = l.log.entries().filter(e => e.type === 'driver.sysevent.port_detach');
		expect(detach.map(e => e.data['portWwn'])).toEqual([VPORT_1.wwpn]);
	});

	test('an unknown virtual port, or one on another physical port, fails', () => {
		const l = lab({cableBoth: true});
		l.stack.createVirtualPort(HBA_A0, VPORT_1);
		expect(l.stack.deleteVirtualPort(HBA_A0, VPORT_2.wwpn)).toMatchObject({ok: false, errno: 'EFAULT', reason: 'NOT_FOUND'});
		expect(l.stack.deleteVirtualPort(HBA_A1, VPORT_1.wwpn)).toMatchObject({ok: false, reason: 'NOT_FOUND'});
		expect(l.stack.deleteVirtualPort(HBA_A0, HBA_A0)).toMatchObject({ok: false, reason: 'NOT_FOUND'});
		l.settle();
		expect(l.stack.localPort(VPORT_1.wwpn)?.state).toBe('online');
	});
});

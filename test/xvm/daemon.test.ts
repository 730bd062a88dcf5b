import {describe, expect, it} from 'vitest';
import {makeLab, WEB_VP, TARGET, TARGET2} from './lab.js';
import {runXm} from '../../source/commands/xm/runXm.js';

function devs(lab: ReturnType<typeof makeLab>): string[] {
	const h = lab.xen.host('dom0-a')!;
	return h.xend.lunDevices(h.xend.lookup('web01')!).map(l => `${l.dev}=${l.key.split('/').slice(1).join('/')}`);
}

describe('xennpivd follows the SAN', () => {
	it('attaches a LUN that appears later and detaches LUNs whose target goes away', () => {
		const lab = makeLab();
		expect(devs(lab)).toEqual([`xvdb=${TARGET}/0`, `xvdc=${TARGET}/1`]);
		lab.san.present(WEB_VP, [
			{target: TARGET, lun: 0},
			{target: TARGET, lun: 1},
			{target: TARGET2, lun: 4},
		]);
		lab.settle();
		expect(devs(lab)).toEqual([`xvdb=${TARGET}/0`, `xvdc=${TARGET}/1`, `xvdd=${TARGET2}/4`]);
		lab.san.present(WEB_VP, [{target: TARGET2, lun: 4}]);
		lab.settle();
		expect(devs(lab)).toEqual([`xvdd=${TARGET2}/4`]);
		const reasons = lab.log.entries().filter(e => e.type === 'xvm.daemon.event').map(e => e.data['event']);
		expect(reasons).toContain('TARGET_REMOVED');
		// the LUNs come back under the names they had
		lab.san.present(WEB_VP, [{target: TARGET, lun: 1}, {target: TARGET2, lun: 4}]);
		lab.settle();
		expect(devs(lab)).toEqual([`xvdd=${TARGET2}/4`, `xvdc=${TARGET}/1`]);
	});

	it('leaves LUNs alone on a port without autoattach, but lists them', () => {
		const lab = makeLab();
		lab.san.present('c0007d0000000401', [{target: TARGET2, lun: 0}]);
		runXm(['npiv-attach', 'web01', '2100001b32a00002', '-p', 'c0007d0000000401', '-n', 'c0007d0000000400', '--no-autoattach'], {xen: lab.xen, json: false});
		lab.settle();
		expect(devs(lab)).toHaveLength(2);
		const out = runXm(['npiv-list', '-l', 'web01'], {xen: lab.xen, json: false}).stdout;
		expect(out).toContain('1   c0007d0000000401  c0007d0000000400  2100001b32a00002  0    connected  0\n    -       target 500a098000000002 LUN 0    /dev/rdsk/c5t500A098000000002d0s2\n');
	});

	it('retries create on BUSY as fcadm does', () => {
		const lab = makeLab([]);
		lab.san.apis.get('dom0-a')!.setBusy(2);
		const r = runXm(['create', 'name=w', `npiv=${WEB_VP}:c0007d0000000100:1:2100001b32a00001`], {xen: lab.xen, json: false});
		expect(r.stdout).toBe('Started domain w (id=1)\n');
		expect(lab.sim.now).toBeGreaterThan(2000);
	});

	it('a port whose delete failed stays (and stays configured) until it can be taken over', () => {
		const lab = makeLab();
		lab.san.apis.get('dom0-a')!.failDeletes = true;
		const r = runXm(['npiv-detach', 'web01', WEB_VP], {xen: lab.xen, json: false});
		expect(r.exitCode).toBe(1);
		expect(r.stderr).toBe(`Error: NPIV port ${WEB_VP} could not be deleted; it is still logged in on dom0-a\n`);
		expect(lab.xen.exportDomains()[0]!.npiv).toHaveLength(1);
		lab.settle();
		expect(devs(lab)).toHaveLength(2); // the daemon keeps serving the port
		// another host may not create it meanwhile
		const b = runXm(['create', 'name=copy', `npiv=${WEB_VP}:c0007d0000000100:1:2100001b32b00001`], {xen: lab.xen, host: 'dom0-b', json: false});
		expect(b.stderr).toContain('already assigned to domain');
	});
});

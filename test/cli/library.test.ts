import {describe, expect, it} from 'vitest';
import {HBA_STATUS, openSan} from '../../hbaapi.js';
import {readFileSync} from 'node:fs';
import {npiv, tempStore} from './runCli.js';

describe('npiv-console/hbaapi as a library', () => {
	it('opens a store and answers HBA-API calls for a host, and saves a random WWN as seen', async () => {
		const state = tempStore();
		const san = await openSan({state});
		expect(san.hosts).toEqual(['dom0-a', 'dom0-b', 'sol-c']);
		const api = san.hbaApi('sol-c');
		const n = api.HBA_GetNumberOfAdapters();
		expect(n).toBe(3);
		const names = Array.from({length: n}, (_, i) => api.HBA_GetAdapterName(i).value);
		expect(names.some(name => name?.includes('QLE2562'))).toBe(true);
		const opened = api.HBA_OpenAdapterByWWN('2100001b329e7730' as never);
		expect(opened.status).toBe(HBA_STATUS.OK);
		const npiv = api.Sun_HBA_GetPortNPIVAttributes(opened.value!, 0);
		expect(npiv.value?.MaxNumberOfNPIVPorts).toBe(254); // QLE2562, 2010 qlc (MAX_25_VIRTUAL_PORTS)
		const wwn = api.Sun_HBA_AdapterCreateWWN(opened.value!, 0, null, 1);
		expect(wwn.value?.nwwn).toMatch(/^c0007d[0-9a-f]{10}$/);
		await san.save();
		expect(JSON.parse(readFileSync(state, 'utf8')).retiredWwns).toContain(wwn.value!.nwwn);
		expect(() => san.hbaApi('nope')).toThrow(/no host 'nope'/);
	});

	it('keeps a virtual port made through the library for the next process, which lists it from the live state', async () => {
		const state = tempStore();
		const san = await openSan({state});
		const api = san.hbaApi('sol-c');
		const opened = api.HBA_OpenAdapterByWWN('2100001b329e7730' as never);
		const created = api.Sun_HBA_CreateNPIVPort(opened.value!, 0, 'c0007d0000000101' as never, 'c0007d0000000102' as never, 0);
		expect(created.status).toBe(HBA_STATUS.OK);
		san.run();
		await san.save();
		const listed = npiv(state, ['--host', 'sol-c', 'fcinfo', 'hba-port', '2100001b329e7730']);
		expect(listed.status).toBe(0);
		expect(listed.stdout).toMatch(/NPIV port list:\n\t  Virtual Port1:\n\t\tNode WWN: c0007d0000000101\n\t\tPort WWN: c0007d0000000102/);
	});

	it('saves nothing when nothing changed', async () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const before = readFileSync(state, 'utf8');
		const san = await openSan({state});
		san.hbaApi('sol-c').HBA_GetNumberOfAdapters();
		await san.save();
		expect(readFileSync(state, 'utf8')).toBe(before);
	});

	it('never overwrites a store another process saved since it was opened', async () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const san = await openSan({state});
		const api = san.hbaApi('sol-c');
		const opened = api.HBA_OpenAdapterByWWN('2100001b329e7730' as never);
		expect(api.Sun_HBA_AdapterCreateWWN(opened.value!, 0, null, 1).status).toBe(HBA_STATUS.OK);
		expect(npiv(state, ['switch', 'alicreate', 'ops_alias', '21:00:00:1b:32:9e:77:30']).status).toBe(0);
		const between = readFileSync(state, 'utf8');
		await expect(san.save()).rejects.toMatchObject({code: 'newer', message: expect.stringMatching(/another process saved it .*nothing was saved/)});
		expect(readFileSync(state, 'utf8')).toBe(between);
		expect(npiv(state, ['switch', 'alishow', 'ops_alias']).stdout).toContain('ops_alias');
	});
});

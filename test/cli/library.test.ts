import {describe, expect, it} from 'vitest';
import {HBA_STATUS, openSan} from '../../hbaapi.js';
import {readFileSync} from 'node:fs';
import {tempStore} from './runCli.js';

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
		expect(npiv.value?.MaxNumberOfNPIVPorts).toBe(255);
		const wwn = api.Sun_HBA_AdapterCreateWWN(opened.value!, 0, null, 1);
		expect(wwn.value?.nwwn).toMatch(/^c0007d[0-9a-f]{10}$/);
		await san.save();
		expect(JSON.parse(readFileSync(state, 'utf8')).retiredWwns).toContain(wwn.value!.nwwn);
		expect(() => san.hbaApi('nope')).toThrow(/no host 'nope'/);
	});
});

import {describe, expect, test} from 'vitest';
import {HBA_EVENT, HBA_STATUS} from '../../source/hbaapi/index.js';
import {rscnPageWord} from '../../source/driver/Sysevent.js';
import type {FcId} from '../../source/sim/FcId.js';
import type {Wwn} from '../../source/sim/Wwn.js';
import {HBA_A0, HBA_A1, TARGET_1, VPORT_1} from '../driver/lab.js';
import {apiLab} from './api.js';

type Seen = [string, Wwn, number, ...unknown[]];

describe('sysevents become HBA-API callbacks', () => {
	test('a virtual port\'s life as seen through adapter-add, port, device and target callbacks', () => {
		const {api, open, target, sw, settle} = apiLab();
		const seen: Seen[] = [];
		const h = open();
		api.HBA_RegisterForAdapterAddEvents((u, w, t) => seen.push([u as string, w, t]), 'add');
		// The vport does not exist yet: registering on it is refused.
		expect(api.HBA_RegisterForAdapterPortEvents(() => {}, null, h, VPORT_1.wwpn).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);

		expect(api.Sun_HBA_CreateNPIVPort(h, 0, VPORT_1.wwnn, VPORT_1.wwpn, 0).status).toBe(0);
		expect(seen).toEqual([]); // callbacks are delivered from a later simulator event, never inside the call
		const port = api.HBA_RegisterForAdapterPortEvents((u, w, t, id) => seen.push([u as string, w, t, id]), 'port', h, VPORT_1.wwpn);
		const device = api.Sun_HBA_RegisterForAdapterDeviceEvents((u, w, t, id) => seen.push([u as string, w, t, id]), 'device', h, VPORT_1.wwpn);
		const tgt = api.HBA_RegisterForTargetEvents((u, w, d, t) => seen.push([u as string, w, t, d]), 'target', h, VPORT_1.wwpn, null, true);
		expect([port.status, device.status, tgt.status]).toEqual([0, 0, 0]);
		target.mask(VPORT_1.wwpn, [0, 1]);
		settle();
		expect(seen).toContainEqual(['add', VPORT_1.wwpn, HBA_EVENT.ADAPTER_ADD]);
		expect(seen).toContainEqual(['port', VPORT_1.wwpn, HBA_EVENT.PORT_ONLINE, 0]);
		expect(seen).toContainEqual(['port', VPORT_1.wwpn, HBA_EVENT.PORT_NEW_TARGETS, 0]);
		expect(seen.filter(s => s[0] === 'device' && s[2] === HBA_EVENT.DEVICE_ONLINE)).toHaveLength(2);
		expect(HBA_EVENT.DEVICE_ONLINE).toBe(0x602);

		seen.length = 0;
		const targetLogin = sw.loginByWwpn(TARGET_1)!;
		const page = rscnPageWord({format: 'port', qualifier: 'object-removed', affected: targetLogin.fcid});
		targetLogin.port.unplug();
		settle();
		expect(seen).toContainEqual(['port', VPORT_1.wwpn, HBA_EVENT.PORT_FABRIC, page as FcId]);
		expect(seen.filter(s => s[0] === 'device' && s[2] === HBA_EVENT.DEVICE_OFFLINE)).toHaveLength(2);
		expect(seen).toContainEqual(['target', VPORT_1.wwpn, HBA_EVENT.TARGET_REMOVED, TARGET_1]);
		expect(HBA_EVENT.DEVICE_OFFLINE).toBe(0x601);

		// RemoveCallback stops delivery; removing twice is an invalid handle
		seen.length = 0;
		expect(api.HBA_RemoveCallback(port.value!)).toBe(HBA_STATUS.OK);
		expect(api.HBA_RemoveCallback(port.value!)).toBe(HBA_STATUS.ERROR_INVALID_HANDLE);
		targetLogin.port.plug();
		settle();
		expect(seen.filter(s => s[0] === 'port')).toEqual([]);
		expect(seen.filter(s => s[0] === 'device' && s[2] === HBA_EVENT.DEVICE_ONLINE)).toHaveLength(2);
	});

	test('port_rscn gives one PORT_FABRIC per affected page', () => {
		const {api, open, stack, settle, sim} = apiLab();
		const h = open();
		const pages: number[] = [];
		api.HBA_RegisterForAdapterPortEvents((_u, _w, t, id) => t === HBA_EVENT.PORT_FABRIC && pages.push(id), null, h, HBA_A0);
		const affected = [0x010300, 0x010400, 0x020000];
		stack.ports[0]!.receiveRscn(stack.ports[0]!.physical.fcid!, {
			detectedBy: 'fabric',
			pages: [
				{format: 'port', qualifier: 'unspecified', affected: affected[0] as FcId},
				{format: 'port', qualifier: 'unspecified', affected: affected[1] as FcId},
				{format: 'domain', qualifier: 'unspecified', affected: affected[2] as FcId},
			],
		});
		sim.runFor(0);
		settle();
		expect(pages).toEqual([0x00010300, 0x00010400, 0x02020000]);
	});

	test('target events can filter on one discovered port; link events follow the physical ports', () => {
		const {api, open, sw, settle} = apiLab({cableBoth: true});
		const h = open();
		const only: Wwn[] = [];
		const other: Wwn[] = [];
		const link: [Wwn, number][] = [];
		api.HBA_RegisterForTargetEvents((_u, _w, d) => only.push(d), null, h, HBA_A0, TARGET_1, false);
		api.HBA_RegisterForTargetEvents((_u, _w, d) => other.push(d), null, h, HBA_A0, '5000000000000009' as Wwn, false);
		api.HBA_RegisterForLinkEvents((_u, w, t) => link.push([w, t]), null, h);
		expect(api.HBA_RegisterForTargetEvents(() => {}, null, h, HBA_A0, null, false).status).toBe(HBA_STATUS.ERROR_ILLEGAL_WWN);
		sw.loginByWwpn(TARGET_1)!.port.unplug();
		settle();
		expect(only).toEqual([TARGET_1]);
		expect(other).toEqual([]);
		expect(link).toContainEqual([HBA_A0, HBA_EVENT.RSCN]);
		link.length = 0;
		sw.loginByWwpn(HBA_A1)!.port.unplug();
		settle();
		expect(link.filter(([w]) => w === HBA_A1)).toEqual([[HBA_A1, HBA_EVENT.LINK_DOWN]]);
	});

	test('adapter events filter on the adapter\'s physical ports: a virtual port going away is no ADAPTER_REMOVE', () => {
		const {api, open, stack, settle} = apiLab();
		const removed: Wwn[] = [];
		const h = open();
		api.HBA_RegisterForAdapterEvents((_u, w) => removed.push(w), null, h);
		stack.createVirtualPort(HBA_A0, VPORT_1);
		settle();
		stack.deleteVirtualPort(HBA_A0, VPORT_1.wwpn);
		settle();
		expect(removed).toEqual([]);
		expect(api.HBA_RegisterForAdapterEvents(() => {}, null, 0x10999).status).toBe(HBA_STATUS.ERROR_INVALID_HANDLE);
	});

	test('FreeLibrary drops every callback and closes every handle', () => {
		const {api, open, stack, settle} = apiLab();
		const seen: number[] = [];
		const h = open();
		api.HBA_RegisterForAdapterAddEvents((_u, _w, t) => seen.push(t), null);
		api.HBA_FreeLibrary();
		stack.createVirtualPort(HBA_A0, VPORT_1);
		settle();
		expect(seen).toEqual([]);
		expect(api.HBA_GetAdapterAttributes(h).status).toBe(HBA_STATUS.ERROR_INVALID_HANDLE);
	});
});

describe('sysevent binding', () => {
	test('a library binds to the stack only while it has callbacks (a library per command leaks nothing)', () => {
		const {api, open, stack} = apiLab();
		const bound = () => stack.subscriberCount;
		expect(bound()).toBe(0);
		const h = open();
		const a = api.HBA_RegisterForAdapterPortEvents(() => {}, null, h, HBA_A0);
		const b = api.HBA_RegisterForLinkEvents(() => {}, null, h);
		expect(bound()).toBe(1);
		api.HBA_RemoveCallback(a.value!);
		expect(bound()).toBe(1);
		api.HBA_RemoveCallback(b.value!);
		expect(bound()).toBe(0);
		api.HBA_RegisterForAdapterAddEvents(() => {}, null);
		api.HBA_FreeLibrary();
		expect(bound()).toBe(0);
	});
});

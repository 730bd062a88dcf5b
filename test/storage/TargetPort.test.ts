import {describe, expect, it} from 'vitest';
import {LsRjtExplanation, LsRjtReason} from '../../source/fabric/ElsCodes.js';
import type {FcId} from '../../source/sim/FcId.js';
import {TargetTiming} from '../../source/storage/TargetPort.js';
import {busy, FakeLink} from './FakeLink.js';
import {ARRAY_1, eventTypes, HOST_A, JBOD, initiator, lab, login, reportLuns} from './fixtures.js';

describe('target port login on a fabric', () => {
	it('does FLOGI, registers FCP target with the name server, sends SCR, each step later than the last', () => {
		const {sim, array} = lab([ARRAY_1], {cable: false});
		const port = array.port('ct0')!;
		const link = new FakeLink(sim, 'fabric', 0x010400 as FcId);
		link.plug(port);
		sim.runUntilIdle();
		expect(link.whats()).toEqual([
			'FLOGI 201400a0b829f1a0',
			'RFT_ID [8] sid=010400',
			'RFF_ID 8 1 sid=010400',
			"RSPN_ID 'array-1 ct0' sid=010400",
			"RSNN_NN 200400a0b829f1a0 'SUN 6140 array-1' sid=010400",
			'SCR 010400 fabric-detected',
		]);
		const times = link.calls.map(c => c.t);
		for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
		expect(port.state).toBe('ready');
		expect(port.fcid).toBe(0x010400);
		expect(port.fabricServices).toBe(true);
	});

	it('answers nothing until the login sequence has finished', () => {
		const {sim, array} = lab([ARRAY_1], {cable: false});
		const port = array.port('ct0')!;
		const link = new FakeLink(sim, 'fabric', 0x010400 as FcId);
		link.plug(port);
		sim.runFor(TargetTiming.linkSettle + 1); // FLOGI done, registrations pending
		expect(port.state).toBe('logging-in');
		expect(port.responder.plogi(HOST_A, 0x010400 as FcId).accepted).toBe(false);
		sim.runUntilIdle();
		expect(port.responder.plogi(HOST_A, 0x010400 as FcId).accepted).toBe(true);
	});

	it('forgets its login and sessions on link down, and logs in again on link up', () => {
		const {sim, array, links} = lab();
		const port = array.port('ct1')!;
		login(port, HOST_A);
		expect(port.sessions()).toHaveLength(1);
		const link = links.get(port)!;
		link.unplug();
		sim.runUntilIdle();
		expect(port.state).toBe('link-down');
		expect(port.fcid).toBeUndefined();
		expect(port.sessions()).toEqual([]);
		link.plug(port);
		sim.runUntilIdle();
		expect(port.state).toBe('ready');
		// The old session did not survive: SCSI needs a new PLOGI.
		expect(port.responder.scsi(HOST_A, port.fcid!, {op: 'report-luns'})).toEqual({status: 'no-connection'});
	});

	it('gives up after a non-busy FLOGI reject and retries a busy one', () => {
		const {sim, array, log} = lab([ARRAY_1], {cable: false});
		const port = array.port('ct0')!;
		const link = new FakeLink(sim);
		link.flogiRejects.push(busy, {accepted: false, reason: LsRjtReason.unableToPerform, explanation: LsRjtExplanation.insufficientResources});
		link.plug(port);
		sim.runUntilIdle();
		expect(link.whats()).toEqual(['FLOGI 201400a0b829f1a0', 'FLOGI 201400a0b829f1a0']);
		expect(port.state).toBe('login-failed');
		expect(eventTypes(log)).toContain('array-1/ct0 storage.port.login-failed');
		// A new link up tries again.
		link.plug(port);
		sim.runUntilIdle();
		expect(port.state).toBe('ready');
	});

	it('logs in again after the fabric logs it out, a bounded number of times', () => {
		const {sim, array, links} = lab();
		const port = array.port('ct0')!;
		const link = links.get(port)!;
		// Under a newest-wins duplicate-WWPN policy two ports could log each other out forever.
		for (let i = 0; i < TargetTiming.maxRetries; i++) {
			port.receiveLogo(port.fcid!);
			expect(port.state).toBe('logged-out');
			expect(port.fcid).toBeUndefined();
			sim.runUntilIdle();
			expect(port.state).toBe('ready');
		}
		port.receiveLogo(port.fcid!);
		sim.runUntilIdle();
		expect(port.state).toBe('logged-out');
		expect(link.whats().filter(w => w.startsWith('FLOGI'))).toHaveLength(1 + TargetTiming.maxRetries);
	});

	it('drops the session of an initiator that left the fabric when an RSCN names it', () => {
		const {sim, array, links} = lab();
		const port = array.port('ct0')!;
		const link = links.get(port)!;
		const other = initiator('2100001b32800001', 0x010600);
		login(port, HOST_A);
		login(port, other);
		link.registered.set(HOST_A.fcid, HOST_A.wwpn); // HOST_A is still there, `other` is gone
		port.receiveRscn(port.fcid!, {detectedBy: 'fabric', pages: [{format: 'domain', qualifier: 'unspecified', affected: 0x010000 as FcId}]});
		sim.runUntilIdle();
		expect(port.sessions().map(s => s.initiator)).toEqual([HOST_A.wwpn]);
		// An RSCN about a port we have no session with costs no name-server query.
		const before = link.calls.length;
		port.receiveRscn(port.fcid!, {detectedBy: 'fabric', pages: [{format: 'port', qualifier: 'unspecified', affected: 0x020100 as FcId}]});
		sim.runUntilIdle();
		expect(link.calls.length).toBe(before);
	});
});

describe('administrative offline and online', () => {
	it('offline logs out of the fabric and goes dark; online logs in again', () => {
		const {sim, array, links, log} = lab();
		const port = array.port('ct0')!;
		const link = links.get(port)!;
		const fcid = port.fcid!;
		login(port, HOST_A);
		expect(array.setPortOnline('ct0', false)).toBe(true);
		expect(link.whats().at(-1)).toBe('LOGO 010400');
		expect(port.state).toBe('offline');
		expect(port.fcid).toBeUndefined();
		expect(port.responder.scsi(HOST_A, fcid, {op: 'report-luns'})).toEqual({status: 'no-connection'});
		expect(port.responder.plogi(HOST_A, fcid).accepted).toBe(false);
		sim.runUntilIdle();
		expect(port.state).toBe('offline'); // stays dark: no login attempt
		expect(array.setPortOnline('ct0', false)).toBe(false);

		const flogis = link.whats().filter(w => w.startsWith('FLOGI')).length;
		expect(array.setPortOnline('ct0', true)).toBe(true);
		sim.runUntilIdle();
		expect(port.state).toBe('ready');
		expect(link.whats().filter(w => w.startsWith('FLOGI'))).toHaveLength(flogis + 1);
		expect(eventTypes(log).filter(e => e.includes('port.o'))).toEqual(['array-1/ct0 storage.port.offline', 'array-1/ct0 storage.port.online']);
	});

	it('a port configured offline stays dark at link up', () => {
		const {sim, array, links} = lab([{...ARRAY_1, ports: [{...ARRAY_1.ports[0]!, online: false}, ARRAY_1.ports[1]!]}]);
		const port = array.port('ct0')!;
		expect(port.state).toBe('offline');
		expect(links.get(port)!.calls).toEqual([]);
		array.setPortOnline('ct0', true);
		sim.runUntilIdle();
		expect(port.state).toBe('ready');
	});

	it('offline while the cable is out only changes the administrative state', () => {
		const {sim, array} = lab([ARRAY_1], {cable: false});
		const port = array.port('ct0')!;
		array.setPortOnline('ct0', false);
		const link = new FakeLink(sim);
		link.plug(port);
		sim.runUntilIdle();
		expect(port.state).toBe('offline');
		expect(link.calls).toEqual([]);
	});
});

describe('JBOD on a private loop', () => {
	it('takes its loop address without fabric services and serves its loop initiators', () => {
		const {sim, array, log} = lab([JBOD], {cable: false});
		const port = array.port('a')!;
		const link = new FakeLink(sim, 'private-loop', 0x0000e8 as FcId, 2);
		link.plug(port);
		sim.runUntilIdle();
		expect(link.whats()).toEqual(['FLOGI 2200002037e5a0b1']); // no name server, no SCR
		expect(port.state).toBe('ready');
		expect(port.fcid).toBe(0xe8);
		expect(port.fabricServices).toBe(false);
		const host = initiator('210000e08b000001', 0x0000ef);
		login(port, host);
		expect(reportLuns(port, host)).toEqual([0]);

		// Masking change: no fabric controller to tell, but the nexus gets its unit attention.
		array.editHostGroup('loop-hosts', {unmapLuns: [0]});
		sim.runUntilIdle();
		expect(link.rscns).toEqual([]);
		expect(port.responder.scsi(host, port.fcid!, {op: 'test-unit-ready', lun: 0})).toMatchObject({
			status: 'check-condition',
			sense: {key: 6, asc: 0x3f, ascq: 0x0e},
		});
		expect(eventTypes(log)).not.toContain('jbod-1/a storage.rscn.sent');
	});

	it('offline and online on a loop ask the medium for a LIP and log in after it', () => {
		const {sim, array} = lab([JBOD], {cable: false});
		const port = array.port('a')!;
		const link = new FakeLink(sim, 'private-loop', 0x0000e8 as FcId);
		link.plug(port);
		sim.runUntilIdle();
		array.setPortOnline('a', false);
		sim.runUntilIdle();
		expect(port.state).toBe('offline');
		array.setPortOnline('a', true);
		sim.runUntilIdle();
		expect(port.state).toBe('ready');
		expect(link.whats()).toEqual(['FLOGI 2200002037e5a0b1', 'RESET', 'RESET', 'FLOGI 2200002037e5a0b1']);
	});
});

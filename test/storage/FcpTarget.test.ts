import {describe, expect, it} from 'vitest';
import {LsRjtExplanation, LsRjtReason} from '../../source/fabric/ElsCodes.js';
import {DeviceType, Sense} from '../../source/fabric/Fcp.js';
import type {FcId} from '../../source/sim/FcId.js';
import {eventTypes, HOST_A, HOST_B, initiator, lab, login, reportLuns, STRANGER, VPORT_A} from './fixtures.js';

describe('sessions (PLOGI, PRLI, LOGO)', () => {
	it('answers PLOGI with its names and PRLI as a target; LOGO ends the session', () => {
		const {array, log} = lab();
		const port = array.port('ct0')!;
		const plogi = port.responder.plogi(HOST_A, port.fcid!);
		expect(plogi).toEqual({accepted: true, wwpn: '201400a0b829f1a0', wwnn: '200400a0b829f1a0'});
		expect(port.responder.prli(HOST_A, port.fcid!)).toEqual({accepted: true, initiator: false, target: true});
		expect(port.sessions()).toEqual([
			{initiator: HOST_A.wwpn, initiatorNode: HOST_A.wwnn, fcid: HOST_A.fcid, prli: true, unitAttention: false},
		]);
		expect(eventTypes(log)).toContain('array-1/ct0 storage.login');
		port.responder.logo(HOST_A, port.fcid!);
		expect(port.sessions()).toEqual([]);
		expect(reportLuns(port, HOST_A)).toBe('{"status":"no-connection"}');
	});

	it('refuses PRLI and SCSI without a PLOGI session', () => {
		const {array} = lab();
		const port = array.port('ct0')!;
		expect(port.responder.prli(HOST_A, port.fcid!)).toEqual({
			accepted: false,
			reason: LsRjtReason.unableToPerform,
			explanation: LsRjtExplanation.nPortLoginRequired,
		});
		for (const op of ['inquiry', 'read-capacity', 'test-unit-ready'] as const) {
			expect(port.responder.scsi(HOST_A, port.fcid!, {op, lun: 0})).toEqual({status: 'no-connection'});
		}
		expect(port.responder.scsi(HOST_A, port.fcid!, {op: 'report-luns'})).toEqual({status: 'no-connection'});
	});

	it('does not let another WWPN use a session it did not log in', () => {
		const {array} = lab();
		const port = array.port('ct0')!;
		login(port, HOST_A);
		const impostor = {...STRANGER, fcid: HOST_A.fcid};
		expect(port.responder.scsi(impostor, port.fcid!, {op: 'report-luns'})).toEqual({status: 'no-connection'});
	});

	it('rejects frames for an N_Port_ID that is not its own', () => {
		const {array} = lab();
		const port = array.port('ct0')!;
		expect(port.responder.plogi(HOST_A, 0x999999 as FcId).accepted).toBe(false);
	});
});

describe('REPORT LUNS under LUN masking', () => {
	it('answers each initiator with only the host LUNs masked to it on that port', () => {
		const {array} = lab();
		const ct0 = array.port('ct0')!;
		const ct1 = array.port('ct1')!;
		for (const p of [ct0, ct1]) for (const who of [HOST_A, HOST_B, STRANGER]) login(p, who);
		expect(reportLuns(ct0, HOST_A)).toEqual([0]);
		expect(reportLuns(ct1, HOST_A)).toEqual([0]);
		// db01 is restricted to ct1.
		expect(reportLuns(ct0, HOST_B)).toEqual([]);
		expect(reportLuns(ct1, HOST_B)).toEqual([0, 5]);
		// Nothing masked: an empty list (no phantom LUN 0).
		expect(reportLuns(ct0, STRANGER)).toEqual([]);
	});

	it('treats an NPIV virtual WWPN as its own nexus', () => {
		const {array} = lab();
		const ct0 = array.port('ct0')!;
		login(ct0, HOST_A);
		login(ct0, VPORT_A);
		array.editHostGroup('vm01', {addInitiators: [VPORT_A.wwpn], mapLuns: [{lun: 1, hostLun: 3}]}, {create: true});
		array.editHostGroup('web01', {removeInitiators: [VPORT_A.wwpn]});
		expect(reportLuns(ct0, VPORT_A)).toEqual([3]);
		expect(reportLuns(ct0, HOST_A)).toEqual([0]);
		// The physical port sees none of the virtual port's LUNs and vice versa.
		expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'inquiry', lun: 3})).toEqual({
			status: 'check-condition',
			sense: Sense.logicalUnitNotSupported,
		});
	});

	it('unions the maps of every group naming the initiator, ascending', () => {
		const {array} = lab();
		const ct1 = array.port('ct1')!;
		login(ct1, HOST_A);
		array.editHostGroup('extra', {addInitiators: [HOST_A.wwpn], mapLuns: [{lun: 7, hostLun: 9}, {lun: 1, hostLun: 2}]}, {create: true});
		expect(reportLuns(ct1, HOST_A)).toEqual([0, 2, 9]);
	});
});

describe('INQUIRY, READ CAPACITY, TEST UNIT READY', () => {
	it('returns INQUIRY fields padded to their SCSI widths', () => {
		const {array} = lab();
		const ct1 = array.port('ct1')!;
		login(ct1, HOST_B);
		const reply = ct1.responder.scsi(HOST_B, ct1.fcid!, {op: 'inquiry', lun: 0});
		expect(reply).toEqual({
			status: 'good',
			inquiry: {
				peripheralQualifier: 0,
				deviceType: DeviceType.disk,
				removable: false,
				vendor: 'SUN     ',
				product: 'CSM200_R        ',
				revision: '0660',
				serial: 'SV71234567',
				luid: '600a0b800029f1a00000000000000001',
			},
		});
		const changer = ct1.responder.scsi(HOST_B, ct1.fcid!, {op: 'inquiry', lun: 5});
		expect(changer).toMatchObject({
			status: 'good',
			inquiry: {deviceType: DeviceType.mediumChanger, removable: true, vendor: 'STK     ', product: 'L180            '},
		});
	});

	it('derives a serial and NAA identifier from the array when none is configured', () => {
		const {array} = lab();
		const lu = array.lun(0)!;
		expect(lu.serial).toBe('00029F1A00000');
		expect(lu.luid).toMatch(/^6[0-9a-f]{31}$/);
		expect(new Set(array.luns().map(l => l.luid)).size).toBe(array.luns().length);
	});

	it('reports capacity in blocks and rejects READ CAPACITY on a medium changer', () => {
		const {array} = lab();
		const ct1 = array.port('ct1')!;
		login(ct1, HOST_B);
		expect(ct1.responder.scsi(HOST_B, ct1.fcid!, {op: 'read-capacity', lun: 0})).toEqual({
			status: 'good',
			capacity: {blocks: 20480n * 2048n, blockSize: 512},
		});
		expect(ct1.responder.scsi(HOST_B, ct1.fcid!, {op: 'read-capacity', lun: 5})).toEqual({
			status: 'check-condition',
			sense: {key: 5, asc: 0x20, ascq: 0},
		});
		expect(ct1.responder.scsi(HOST_B, ct1.fcid!, {op: 'test-unit-ready', lun: 0})).toEqual({status: 'good'});
	});

	it('answers CHECK CONDITION ILLEGAL REQUEST 25h/00h for a LUN not masked to the initiator', () => {
		const {array} = lab();
		const ct0 = array.port('ct0')!;
		login(ct0, HOST_A);
		const notSupported = {status: 'check-condition', sense: {key: 5, asc: 0x25, ascq: 0}};
		// LUN 1 exists on the array but is masked to db01 only; host LUN 4 exists nowhere.
		for (const lun of [1, 4]) {
			expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'inquiry', lun})).toEqual(notSupported);
			expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'read-capacity', lun})).toEqual(notSupported);
			expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'test-unit-ready', lun})).toEqual(notSupported);
		}
	});
});

describe('REPORTED LUNS DATA HAS CHANGED', () => {
	const ua = {status: 'check-condition', sense: {key: 6, asc: 0x3f, ascq: 0x0e}};

	it('is reported once on the next command of a changed nexus, then cleared', () => {
		const {array, log} = lab();
		const ct0 = array.port('ct0')!;
		login(ct0, HOST_A);
		array.editHostGroup('web01', {mapLuns: [{lun: 1, hostLun: 1}]});
		expect(ct0.sessions()[0]!.unitAttention).toBe(true);
		expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'test-unit-ready', lun: 0})).toEqual(ua);
		expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'test-unit-ready', lun: 0})).toEqual({status: 'good'});
		expect(eventTypes(log).filter(e => e.includes('.ua.'))).toEqual([
			'array-1/ct0 storage.ua.posted',
			'array-1/ct0 storage.ua.reported',
		]);
	});

	it('is not reported by INQUIRY and is cleared by REPORT LUNS, as SAM says', () => {
		const {array} = lab();
		const ct0 = array.port('ct0')!;
		login(ct0, HOST_A);
		array.editHostGroup('web01', {mapLuns: [{lun: 1, hostLun: 1}]});
		expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'inquiry', lun: 1})).toMatchObject({status: 'good'});
		expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'read-capacity', lun: 1})).toEqual(ua);
		array.editHostGroup('web01', {unmapLuns: [1]});
		expect(reportLuns(ct0, HOST_A)).toEqual([0]);
		expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'test-unit-ready', lun: 0})).toEqual({status: 'good'});
	});

	it('is posted only on the nexuses whose view changed', () => {
		const {array} = lab();
		const ct0 = array.port('ct0')!;
		const ct1 = array.port('ct1')!;
		for (const p of [ct0, ct1]) for (const who of [HOST_A, HOST_B, STRANGER]) login(p, who);
		// db01 (HOST_B) applies to ct1 only.
		const result = array.editHostGroup('db01', {unmapLuns: [7]});
		expect(result.unitAttentions).toBe(1);
		const flagged = [ct0, ct1].flatMap(p => p.sessions().filter(s => s.unitAttention).map(s => `${p.name} ${s.initiator}`));
		expect(flagged).toEqual([`ct1 ${HOST_B.wwpn}`]);
	});

	it('is posted when a mapped LUN is deleted, not when a LUN is created', () => {
		const {array} = lab();
		const ct0 = array.port('ct0')!;
		login(ct0, HOST_A);
		array.createLun({sizeMiB: 100});
		expect(ct0.sessions()[0]!.unitAttention).toBe(false);
		const deleted = array.deleteLun(0);
		expect(deleted.unmappedFrom).toEqual([{group: 'web01', hostLun: 0}]);
		expect(ct0.sessions()[0]!.unitAttention).toBe(true);
		expect(reportLuns(ct0, HOST_A)).toEqual([]);
	});

	it('is logged as one event when an edit reaches many nexuses', () => {
		const {array, log} = lab();
		const ct0 = array.port('ct0')!;
		const vports = Array.from({length: 40}, (_, i) => initiator(`c0007d00000001${i.toString(16).padStart(2, '0')}`, 0x010300 + i));
		for (const v of vports) login(ct0, v);
		array.editHostGroup('vms', {addInitiators: vports.map(v => v.wwpn)}, {create: true});
		const result = array.editHostGroup('vms', {mapLuns: [{lun: 1}]});
		expect(result.unitAttentions).toBe(40);
		const posted = log.entries().filter(e => e.type === 'storage.ua.posted');
		expect(posted.map(e => e.summary)).toEqual(['unit attention REPORTED LUNS DATA HAS CHANGED posted on 40 I_T nexuses']);
		expect(posted[0]!.data['initiators']).toHaveLength(40);
		expect(ct0.sessions().every(s => s.unitAttention)).toBe(true);
	});

	it('is forgotten with the session (a new PLOGI starts a fresh nexus)', () => {
		const {array} = lab();
		const ct0 = array.port('ct0')!;
		login(ct0, HOST_A);
		array.editHostGroup('web01', {mapLuns: [{lun: 1}]});
		login(ct0, HOST_A);
		expect(ct0.responder.scsi(HOST_A, ct0.fcid!, {op: 'test-unit-ready', lun: 0})).toEqual({status: 'good'});
	});
});

describe('N_Port-detected RSCN on masking changes', () => {
	it('each port whose views changed sends one RSCN naming itself, edits close together share it', () => {
		const {sim, array, links, log} = lab();
		const ct0 = array.port('ct0')!;
		const ct1 = array.port('ct1')!;
		const r1 = array.editHostGroup('db01', {addInitiators: [STRANGER.wwpn]});
		const r2 = array.editHostGroup('db01', {mapLuns: [{lun: 0, hostLun: 1}]});
		expect(r1.rscnPorts).toEqual(['ct1']);
		expect(r2.rscnPorts).toEqual(['ct1']);
		sim.runUntilIdle();
		expect(links.get(ct1)!.whats().filter(w => w.startsWith('RSCN'))).toEqual(['RSCN 010500 port:010500:unspecified']);
		expect(links.get(ct0)!.rscns).toEqual([]);
		expect(eventTypes(log)).toContain('array-1/ct1 storage.rscn.sent');

		array.editHostGroup('web01', {mapLuns: [{lun: 1, hostLun: 4}]});
		sim.runUntilIdle();
		expect(links.get(ct0)!.rscns).toHaveLength(1);
		expect(links.get(ct1)!.rscns).toHaveLength(2);
	});

	it('follows the change in the event log: group changed, unit attention, RSCN', () => {
		const {sim, array, log} = lab();
		login(array.port('ct0')!, HOST_A);
		const from = log.lastSeq;
		array.editHostGroup('web01', {mapLuns: [{lun: 1}]});
		sim.runUntilIdle();
		expect(log.entries().filter(e => e.seq > from).map(e => `${e.source} ${e.type}`)).toEqual([
			'array-1 storage.hostgroup.changed',
			'array-1/ct0 storage.ua.posted',
			'array-1/ct0 storage.rscn.sent',
			'array-1/ct1 storage.rscn.sent',
		]);
	});

	it('is not sent when no view changes, nor by a port that is not logged in', () => {
		const {sim, array, links} = lab();
		const ct0 = array.port('ct0')!;
		array.createLun({sizeMiB: 512});
		array.editHostGroup('empty', {}, {create: true});
		array.editHostGroup('nolun', {addInitiators: [STRANGER.wwpn]}, {create: true});
		array.setPortOnline('ct1', false);
		const r = array.editHostGroup('db01', {mapLuns: [{lun: 0, hostLun: 1}]});
		expect(r.rscnPorts).toEqual([]);
		sim.runUntilIdle();
		for (const link of links.values()) expect(link.rscns).toEqual([]);
		expect(ct0.state).toBe('ready');
	});
});

describe('masking edits are all or nothing', () => {
	it('refuses a host LUN that an initiator would see as two LUs, changing nothing', () => {
		const {array} = lab();
		const before = array.toConfig();
		// HOST_A (web01) sees LUN 0 as host LUN 0 everywhere; db01 maps LUN 1 as host LUN 0 on ct1.
		expect(() => array.editHostGroup('db01', {addInitiators: [HOST_A.wwpn, STRANGER.wwpn]})).toThrow(
			"host LUN 0 would be LUN 1 in host group 'db01' but LUN 0 in host group 'web01' for initiator 2100001b32812345 on port ct1",
		);
		expect(array.toConfig()).toStrictEqual(before);
		// Restricting web01 away from ct1 removes the overlap.
		array.editHostGroup('web01', {addPorts: ['ct0']});
		array.editHostGroup('db01', {addInitiators: [HOST_A.wwpn]});
		expect(array.hostGroup('db01')!.hasInitiator(HOST_A.wwpn)).toBe(true);
	});

	it('names the problem for duplicates, unknowns and missing members', () => {
		const {array} = lab();
		const cases: [() => unknown, string][] = [
			[() => array.editHostGroup('web01', {addInitiators: [HOST_A.wwpn]}), 'initiator 2100001b32812345 is already in host group \'web01\''],
			[() => array.editHostGroup('web01', {removeInitiators: [STRANGER.wwpn]}), 'initiator 2100001b32899999 is not in host group \'web01\''],
			[() => array.editHostGroup('web01', {mapLuns: [{lun: 0}]}), "LUN 0 is already mapped in host group 'web01' (host LUN 0)"],
			[() => array.editHostGroup('web01', {mapLuns: [{lun: 1, hostLun: 0}]}), "host LUN 0 is already LUN 0 in host group 'web01'"],
			[() => array.editHostGroup('web01', {mapLuns: [{lun: 42}]}), 'unknown LUN 42 on array-1'],
			[() => array.editHostGroup('web01', {unmapLuns: [7]}), "LUN 7 is not mapped in host group 'web01'"],
			[() => array.editHostGroup('web01', {addPorts: ['ct9']}), "unknown port 'ct9' on array-1"],
			[() => array.editHostGroup('db01', {removePorts: ['ct1']}), 'cannot remove port ct1, the last port of host group \'db01\'; delete the group or add another port first'],
			[() => array.editHostGroup('nope', {}), "unknown host group 'nope' on array-1"],
			[() => array.editHostGroup('bad name', {}, {create: true}), "bad host group name 'bad name': letters, digits, _ . : @ + -, at most 32, starting with a letter or digit"],
			[() => array.deleteLun(99), 'unknown LUN 99 on array-1'],
			[() => array.createLun({id: 7, sizeMiB: 1}), 'LUN 7 already exists on array-1'],
		];
		for (const [run, message] of cases) expect(run).toThrow(message);
	});
});

describe("a switch's FCP probe (what Brocade nsshow prints after FC4s)", () => {
	it('reads the INQUIRY identity of the array’s first LU, leaves no session and logs nothing', () => {
		const {array, log} = lab();
		const port = array.port('ct0')!;
		const before = log.lastSeq;
		expect(port.responder.probe()).toMatchObject({vendor: 'SUN     ', product: 'CSM200_R        ', revision: '0660'});
		expect(port.sessions()).toEqual([]);
		expect(log.lastSeq).toBe(before);
	});

	it('answers nothing while the port is offline', () => {
		const {array} = lab();
		array.setPortOnline('ct0', false);
		expect(array.port('ct0')!.responder.probe()).toBeUndefined();
	});
});

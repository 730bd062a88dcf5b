import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {runXm} from '../../source/commands/xm/runXm.js';
import {wwn, type Wwn} from '../../source/sim/Wwn.js';
import {makeLab, A1, A2, B1, B2, C1, TARGET, TARGET2, WEB_VP, DB_VP, WEB01, type Lab} from './lab.js';

const APP_VP = wwn('c0007d0000000301');
const VPS: Record<string, [Wwn, string]> = {
	web01: [WEB_VP, 'c0007d0000000100'],
	db01: [DB_VP, 'c0007d0000000200'],
	app01: [APP_VP, 'c0007d0000000300'],
};
const HOSTS = ['dom0-a', 'dom0-b', 'dom0-c'];
const PORTS = [A1, A2, B1, B2, C1];
const NAMES = Object.keys(VPS);

type Op =
	| {kind: 'create'; host: string; argv: string}
	/** A verb on the domain wherever it is (or on `host` when given: maybe the wrong one). */
	| {kind: 'verb'; verb: string; name: string; host: string | undefined}
	| {kind: 'migrate'; name: string; dest: string; live: boolean; wait: boolean}
	| {kind: 'attach'; name: string; port: Wwn; auto: boolean}
	| {kind: 'detach'; name: string; index: number}
	| {kind: 'crash'; name: string}
	| {kind: 'maxVports'; port: Wwn; max: number}
	| {kind: 'fdisc'; port: Wwn; fails: boolean}
	| {kind: 'zone'; vp: Wwn; path: Wwn | undefined; visible: boolean}
	| {kind: 'busy'; host: string; times: number}
	| {kind: 'failDeletes'; host: string; on: boolean}
	| {kind: 'run'; ms: number};

const host = fc.constantFrom(...HOSTS);
const name = fc.constantFrom(...NAMES);
const port = fc.constantFrom(...PORTS);
const PORTS_OF: Record<string, Wwn[]> = {'dom0-a': [A1, A2], 'dom0-b': [B1, B2], 'dom0-c': [C1]};

const domainOp: fc.Arbitrary<Op> = fc.oneof(
	// mostly a port of the host itself, sometimes one it does not have
	fc.record({h: host, n: name, pick: fc.nat(9), verb: fc.constantFrom('create', 'create', 'new'), auto: fc.nat(3)}).map(({h, n, pick, verb, auto}) => {
		const [vp, vn] = VPS[n]!;
		const own = PORTS_OF[h]!;
		const p = pick < 8 ? own[pick % own.length]! : PORTS[pick % PORTS.length]!;
		return {kind: 'create' as const, host: h, argv: `${verb} name=${n} memory=512 vcpus=1 npiv=${vp}:${vn}:${auto ? 1 : 0}:${p}`};
	}),
	fc.record({
		verb: fc.constantFrom('start', 'shutdown', 'shutdown -w', 'destroy', 'pause', 'unpause', 'reboot', 'suspend', 'resume', 'delete'),
		name,
		host: fc.option(host, {nil: undefined, freq: 5}),
	}).map(r => ({kind: 'verb' as const, ...r})),
	fc.record({name, port, auto: fc.boolean()}).map(r => ({kind: 'attach' as const, ...r})),
	fc.record({name, index: fc.nat(2)}).map(r => ({kind: 'detach' as const, ...r})),
);

const migrateOp: fc.Arbitrary<Op> = fc.record({name, dest: host, live: fc.boolean(), wait: fc.boolean()}).map(r => ({kind: 'migrate' as const, ...r}));

const faultOp: fc.Arbitrary<Op> = fc.oneof(
	fc.record({name}).map(r => ({kind: 'crash' as const, ...r})),
	fc.record({port, max: fc.constantFrom(0, 1, 8, 8)}).map(r => ({kind: 'maxVports' as const, ...r})),
	fc.record({port, fails: fc.boolean()}).map(r => ({kind: 'fdisc' as const, ...r})),
	fc.record({vp: fc.constantFrom(WEB_VP, DB_VP, APP_VP), path: fc.option(port, {nil: undefined}), visible: fc.boolean()}).map(r => ({kind: 'zone' as const, ...r})),
	fc.record({host, times: fc.integer({min: 1, max: 3})}).map(r => ({kind: 'busy' as const, ...r})),
	fc.record({host, on: fc.boolean()}).map(r => ({kind: 'failDeletes' as const, ...r})),
);

const runOp: fc.Arbitrary<Op> = fc.constantFrom(0, 50, 400, 5000, 40_000).map(ms => ({kind: 'run' as const, ms}));

const opArb: fc.Arbitrary<Op> = fc.oneof({weight: 5, arbitrary: domainOp}, {weight: 3, arbitrary: migrateOp}, {weight: 3, arbitrary: faultOp}, {weight: 2, arbitrary: runOp});

/** Counts of what the runs exercised, to keep the property honest. */
const exercised = new Map<string, number>();

/** The host where a domain named `name` is defined (the first one), if any. */
function whereIs(lab: Lab, n: string): string | undefined {
	return lab.xen.hosts.find(h => h.xend.lookup(n))?.name;
}

function checkInvariants(lab: Lab): void {
	expect(lab.san.violations).toEqual([]);
	for (const vp of [WEB_VP, DB_VP, APP_VP]) expect(lab.san.hostsWith(vp).length).toBeLessThanOrEqual(1);
	const running = new Map<string, string[]>();
	for (const {host, domain} of lab.xen.domains()) {
		if (domain.scheduled) running.set(domain.uuid, [...(running.get(domain.uuid) ?? []), host.name]);
		for (const l of host.xend.lunDevices(domain)) {
			const owned = domain.spec.npiv.some(n => n.vpwwn === l.vpwwn);
			const exists = lab.san.apis.get(host.name)!.hasVport(l.vpwwn);
			if (!owned || !exists) throw new Error(`${domain.name}@${host.name} has ${l.dev} from ${l.vpwwn} (in its config: ${owned}, port exists: ${exists})`);
		}
	}
	for (const [uuid, hosts] of running) if (hosts.length > 1) throw new Error(`domain ${uuid} runs on ${hosts.join(' and ')}`);
}

function xm(lab: Lab, host: string, argv: string[], wait = true): void {
	const r = runXm(argv, {xen: lab.xen, host, json: false, wait});
	expect(r.stderr).not.toContain('internal error');
}

function apply(lab: Lab, op: Op): void {
	switch (op.kind) {
		case 'create':
			return xm(lab, op.host, op.argv.split(' '));
		case 'verb':
			return xm(lab, op.host ?? whereIs(lab, op.name) ?? 'dom0-a', [...op.verb.split(' '), op.name]);
		case 'migrate':
			return xm(lab, whereIs(lab, op.name) ?? 'dom0-a', ['migrate', ...(op.live ? ['--live'] : []), op.name, op.dest], op.wait);
		case 'attach':
			return xm(lab, whereIs(lab, op.name) ?? 'dom0-a', ['npiv-attach', op.name, op.port, ...(op.auto ? [] : ['--no-autoattach'])]);
		case 'detach': {
			const h = whereIs(lab, op.name) ?? 'dom0-a';
			const n = lab.xen.host(h)!.xend.lookup(op.name)?.spec.npiv[op.index];
			return xm(lab, h, ['npiv-detach', op.name, n?.vpwwn ?? 'c0007d00000009ff']);
		}
		case 'crash': {
			const h = lab.xen.host(whereIs(lab, op.name) ?? 'dom0-a')!;
			const d = h.xend.lookup(op.name);
			if (d && d.active && d.power !== 'dying' && !d.migrationRole) h.xend.crash(d);
			return;
		}
		case 'maxVports':
			for (const api of lab.san.apis.values()) if (api.physicalPort(op.port)) api.port(op.port).maxVports = op.max;
			return;
		case 'fdisc':
			for (const api of lab.san.apis.values()) if (api.physicalPort(op.port)) api.port(op.port).fdiscFails = op.fails;
			return;
		case 'zone': {
			const luns = op.visible ? [{target: op.vp === DB_VP ? TARGET2 : TARGET, lun: 0}, {target: TARGET, lun: 2}] : [];
			lab.san.present(op.vp, luns, op.path);
			return;
		}
		case 'busy':
			lab.san.apis.get(op.host)!.setBusy(op.times);
			return;
		case 'failDeletes':
			lab.san.apis.get(op.host)!.failDeletes = op.on;
			return;
		case 'run':
			lab.sim.runFor(op.ms);
			return;
	}
}

describe('xVM safety properties under random xm operations and faults', () => {
	it('never creates a WWN on two hosts, never runs a domain twice, never attaches a foreign LUN', () => {
		fc.assert(
			fc.property(fc.array(opArb, {minLength: 1, maxLength: 40}), fc.integer({min: 1, max: 1000}), (ops, seed) => {
				const lab = makeLab([WEB01], {timing: {busyRetryMs: 200, migrationDeviceTimeoutMs: 5000, deviceTimeoutMs: 20_000}}, seed);
				const step = lab.sim.step.bind(lab.sim);
				lab.sim.step = () => {
					const more = step();
					checkInvariants(lab);
					return more;
				};
				for (const op of ops) {
					apply(lab, op);
					checkInvariants(lab);
				}
				lab.sim.runUntilIdle();
				checkInvariants(lab);
				for (const e of lab.log.entries()) {
					const k = e.type === 'xvm.migrate.phase' ? `phase ${e.data['phase']}` : e.type;
					exercised.set(k, (exercised.get(k) ?? 0) + 1);
				}
				// Nothing is left half-way: no migration in flight, no domain stuck mid-build.
				expect(lab.xen.activeMigrations()).toEqual([]);
				for (const {domain} of lab.xen.domains()) expect(['building', 'dying']).not.toContain(domain.power);
			}),
			{numRuns: 200, seed: 20240607},
		);
		if (process.env['XVM_STATS']) console.log([...exercised].filter(([k]) => !k.startsWith('xvm.xenstore')).map(([k, v]) => `${k}=${v}`).join(' '));
		// The runs reached every part of the migration and the failure paths.
		for (const k of ['phase t4', 'phase rollback', 'xvm.migrate.done', 'xvm.daemon.lun.attach', 'xvm.daemon.lun.detach', 'xvm.daemon.create.failed', 'xvm.daemon.delete.failed', 'xvm.daemon.adopt']) {
			expect(exercised.get(k) ?? 0, k).toBeGreaterThan(0);
		}
	});
});

/** The live clock (wall clock x speed, pause, step) and the identity rules of snapshots. */
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {IDLE_STEP_MS, WorldConsoleSource} from '../../../source/ui/live/WorldConsoleSource.js';
import {renderConsole} from '../harness.js';
import {labDocument, labSource, SOLC_A, SPARE} from './helpers.js';

describe('the simulated clock follows the wall clock', () => {
	let source: WorldConsoleSource;
	beforeEach(() => {
		vi.useFakeTimers();
		source = new WorldConsoleSource({document: labDocument(), clock: 'wall'});
		source.start();
	});
	afterEach(() => {
		source.dispose();
		vi.useRealTimers();
	});

	const clock = () => source.getSnapshot().header.clock;

	it('at 1x, 10x and 100x', () => {
		const t0 = clock();
		vi.advanceTimersByTime(1000);
		expect(clock()).toBe(t0 + 1000);
		source.actions.clock.setSpeed(10);
		expect(source.getSnapshot().header.speed).toBe(10);
		vi.advanceTimersByTime(1000);
		expect(clock()).toBe(t0 + 11_000);
		source.actions.clock.setSpeed(100);
		vi.advanceTimersByTime(500);
		expect(clock()).toBe(t0 + 61_000);
	});

	it('stands still while paused and does not catch up on resume', () => {
		source.actions.clock.pause();
		expect(source.getSnapshot().header.running).toBe(false);
		const t0 = clock();
		vi.advanceTimersByTime(5000);
		expect(clock()).toBe(t0);
		source.actions.clock.resume();
		expect(source.getSnapshot().header.running).toBe(true);
		vi.advanceTimersByTime(200);
		expect(clock()).toBe(t0 + 200);
	});

	it('carries on work a command started (discovery on a new virtual port)', async () => {
		await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		expect(source.getSnapshot().luns.some(l => l.portWwn === SPARE.portWwn)).toBe(false);
		vi.advanceTimersByTime(3000);
		expect(source.getSnapshot().luns.some(l => l.portWwn === SPARE.portWwn)).toBe(true);
	});

	it('steps one event at a time, or a fixed step when nothing is due', async () => {
		source.actions.clock.pause();
		const sim = source.currentWorld.sim;
		const t0 = sim.now;
		source.actions.clock.step();
		expect(sim.now).toBe(t0 + IDLE_STEP_MS);
		await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		const due = sim.nextDue()!;
		const ran = sim.eventsRun;
		source.actions.clock.step();
		expect(sim.eventsRun).toBe(ran + 1);
		expect(sim.now).toBe(due);
		expect(source.getSnapshot().header.clock).toBe(due);
	});

	it('publishes a new snapshot per tick, keeping the row arrays when only the clock moved', () => {
		const a = source.getSnapshot();
		const rows = [a.adapters, a.vports, a.luns, a.events, a.fabric.ports, a.fabric.nameServer, a.fabric.zones, a.hosts];
		expect(source.getSnapshot()).toBe(a);
		vi.advanceTimersByTime(100);
		const b = source.getSnapshot();
		expect(b).not.toBe(a);
		expect(b.header.clock).toBeGreaterThan(a.header.clock);
		expect([b.adapters, b.vports, b.luns, b.events, b.fabric.ports, b.fabric.nameServer, b.fabric.zones, b.hosts]).toEqual(rows);
		for (const [i, r] of [b.adapters, b.vports, b.luns, b.events, b.fabric.ports, b.fabric.nameServer, b.fabric.zones, b.hosts].entries()) expect(r).toBe(rows[i]);
	});

	it('tells subscribers, and stops telling them once unsubscribed', () => {
		let calls = 0;
		const stop = source.subscribe(() => calls++);
		vi.advanceTimersByTime(100);
		expect(calls).toBe(2);
		stop();
		vi.advanceTimersByTime(100);
		expect(calls).toBe(2);
	});
});

describe('snapshot identity', () => {
	it('is the same object until something changes, and a change keeps unchanged rows', async () => {
		const source = labSource();
		const a = source.getSnapshot();
		expect(source.getSnapshot()).toBe(a);
		const adapters = a.adapters;
		const vports = a.vports;
		expect(source.getSnapshot().vports).toBe(vports);

		await source.actions.createVirtualPort({host: 'sol-c', physicalWwn: SOLC_A, ...SPARE});
		const b = source.getSnapshot();
		expect(b).not.toBe(a);
		expect(b.vports).not.toBe(vports);
		expect(b.vports.filter(v => vports.includes(v))).toEqual([...vports]);
		// only sol-c's NPIV port changed
		expect(b.adapters).not.toBe(adapters);
		expect(b.adapters.filter((r, i) => r !== adapters[i]).map(r => r.portWwn)).toEqual([SOLC_A]);
		// the old snapshot keeps what it showed
		expect(a.vports).toBe(vports);
		expect(a.vports.length).toBe(1);

		source.advance(0);
		expect(source.getSnapshot()).toBe(b);
		expect(source.buildCounts['vports']).toBe(2);
	});

	it('builds a pane only when it is looked at', () => {
		const source = labSource();
		const snap = source.getSnapshot();
		expect(source.buildCounts).toEqual({});
		void snap.luns;
		void snap.luns;
		expect(source.buildCounts).toEqual({luns: 1});
	});

	it('does not rebuild rows when keys move through the Virtual ports pane', async () => {
		const source = labSource();
		for (let i = 0; i < 5; i++) await source.actions.createVirtualPort({host: 'dom0-b', physicalWwn: '10000000c96b2e10' as never});
		source.advance(3000);
		const h = await renderConsole({source, cols: 120, rows: 36});
		try {
			await h.press('pane.vports');
			expect(h.screen()).toContain('Virtual ports (6)');
			const built = {...source.buildCounts};
			const snapshot = source.getSnapshot();
			await h.press('list.down', 4);
			await h.press('list.up');
			expect(h.state().lists.vports.index).toBe(3);
			expect(h.state().lists.vports.key).toBe(snapshot.vports[3]!.key);
			expect(source.getSnapshot()).toBe(snapshot);
			expect(source.buildCounts).toEqual(built);
		} finally {
			h.unmount();
		}
	});
});

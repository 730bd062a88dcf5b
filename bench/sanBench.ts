/**
 * The SAN figures: boot of the 100,000-vport scenario to quiescence (wall time, memory), the RSCN
 * storm of a target port going offline, and the store's size per virtual port. Runs in a child
 * process of its own, so that its peak RSS is the SAN's and not the other parts'.
 */
import {PerformanceObserver, performance} from 'node:perf_hooks';
import {decodeDocumentText, encodeDocument, generateDocument, type ScenarioOptions} from '../source/store/index.js';
import {World} from '../source/world/World.js';
import {portListService} from '../source/lab/PortListReplay.js';

/** 500 hosts x 2 ports = 1,000 physical ports x 100 vports, 2 fabrics of 4 switches, 2 arrays. */
export const BENCH_SCENARIO: ScenarioOptions = {
	switches: 8,
	fabrics: 2,
	hosts: 500,
	portsPerHost: 2,
	vportsPerPort: 100,
	targets: 4,
	lunsPerTarget: 8,
	seed: 42,
};

export interface SanFigures {
	readonly scenario: string;
	readonly physicalPorts: number;
	readonly vports: number;
	readonly generateMs: number;
	/** Reading the store text back (JSON parse, schema check): what every `npiv` command does first. */
	readonly loadMs: number;
	/** new World(doc): fabrics, arrays, host stacks, Xen side built, nothing plugged yet. */
	readonly buildMs: number;
	/** world.boot(): cables plugged, logins, NPIV port lists replayed, discovery, to quiescence. */
	readonly bootMs: number;
	/** The budget's figure: build + boot. */
	readonly totalBootMs: number;
	/** Garbage collection pauses during build + boot (V8's own timings). */
	readonly bootGc: GcFigures;
	readonly bootEvents: number;
	readonly simMsAtQuiescence: number;
	/** Peak resident set of the whole process (generation, build, boot, storm). */
	readonly peakRssMiB: number;
	/** Heap in use after boot, after a full GC: what the booted SAN keeps. */
	readonly heapAfterBootMiB: number;
	readonly rssAfterBootMiB: number;
	readonly onlineVports: number;
	readonly vportsWithLuns: number;
	readonly storms: readonly StormFigures[];
}

export interface StormFigures {
	readonly what: string;
	readonly ms: number;
	readonly events: number;
	readonly rscnsSent: number;
	readonly vportsSawRscn: number;
	readonly vportsLostTarget: number;
}

const MiB = 1024 * 1024;

function gc(): void {
	(globalThis as {gc?: () => void}).gc?.();
}

export async function runSanBench(options: ScenarioOptions = BENCH_SCENARIO): Promise<SanFigures> {
	let t = performance.now();
	const generated = generateDocument(options);
	const generateMs = performance.now() - t;
	// Booted as `npiv` boots it: from the store's text, read back and checked.
	const text = encodeDocument(generated);
	t = performance.now();
	const doc = decodeDocumentText(text, {file: 'bench store', kind: 'store'}).document;
	const loadMs = performance.now() - t;
	gc();

	const gcWatch = watchGc();
	t = performance.now();
	const world = new World(doc);
	const buildMs = performance.now() - t;
	const eventsBefore = world.sim.eventsRun;
	t = performance.now();
	world.boot(portListService(world)); // muted, as a store's boot is when it is not new
	const bootMs = performance.now() - t;
	const bootGc = await gcWatch.stop();
	const bootEvents = world.sim.eventsRun - eventsBefore;
	const simMsAtQuiescence = world.sim.now;

	gc();
	const mem = process.memoryUsage();
	const vports = [...world.hosts.flatMap(h => [...h.stack.fpPorts()].filter(p => p.virtual))];
	const onlineVports = vports.filter(p => p.state === 'online').length;
	const vportsWithLuns = vports.filter(p => p.remotePorts.some(r => r.luns.length > 0)).length;

	const storms: StormFigures[] = [];
	const array = world.arrays[0]!;
	// One target port: reaches the logins of its own fabric (half the vports).
	storms.push(storm(world, vports, `target port ${array.name}/${array.ports[0]!.name} offline`, [array.ports[0]!.name], array.name));
	// Back online and settled, then the whole array (one port per fabric): every vport is zoned with it.
	t = performance.now();
	array.setPortOnline(array.ports[0]!.name, true);
	world.runUntilIdle();
	storms.push(storm(world, vports, `${array.name}'s ${array.ports.length} target ports offline`, array.ports.map(p => p.name), array.name));

	return {
		scenario: doc.lab.description ?? doc.lab.name,
		physicalPorts: world.hosts.reduce((n, h) => n + h.stack.ports.length, 0),
		vports: vports.length,
		generateMs,
		loadMs,
		buildMs,
		bootMs,
		totalBootMs: buildMs + bootMs,
		bootGc,
		bootEvents,
		simMsAtQuiescence,
		peakRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
		heapAfterBootMiB: mem.heapUsed / MiB,
		rssAfterBootMiB: mem.rss / MiB,
		onlineVports,
		vportsWithLuns,
		storms,
	};
}

type Vport = ReturnType<World['hosts'][number]['stack']['fpPorts']> extends IterableIterator<infer P> ? P : never;

function storm(world: World, vports: readonly Vport[], what: string, portNames: readonly string[], arrayName: string): StormFigures {
	const array = world.arrays.find(a => a.name === arrayName)!;
	const targets = new Set(portNames.map(n => array.port(n)!.wwpn));
	const rscnBefore = vports.map(p => p.rscnCount);
	const hadTarget = vports.map(p => p.remotePorts.some(r => targets.has(r.wwpn)));
	const sentBefore = world.fabrics.fabrics.reduce((n, f) => n + f.rscn.sent, 0);
	const eventsBefore = world.sim.eventsRun;
	gc();
	const t = performance.now();
	// With the event log on, as users run it (each RSCN, logout and rescan is an event).
	for (const name of portNames) array.setPortOnline(name, false);
	world.runUntilIdle();
	const ms = performance.now() - t;
	let saw = 0;
	let lost = 0;
	vports.forEach((p, i) => {
		if (p.rscnCount !== rscnBefore[i]) saw++;
		if (hadTarget[i] && !p.remotePorts.some(r => targets.has(r.wwpn) && r.state === 'online')) lost++;
	});
	return {
		what,
		ms,
		events: world.sim.eventsRun - eventsBefore,
		rscnsSent: world.fabrics.fabrics.reduce((n, f) => n + f.rscn.sent, 0) - sentBefore,
		vportsSawRscn: saw,
		vportsLostTarget: lost,
	};
}

export interface GcFigures {
	readonly minorCount: number;
	readonly minorMs: number;
	readonly majorCount: number;
	readonly majorMs: number;
}

/** Sums GC pauses from now until stop() (entries arrive asynchronously, hence the await). */
function watchGc(): {stop(): Promise<GcFigures>} {
	const totals = {minorCount: 0, minorMs: 0, majorCount: 0, majorMs: 0};
	let on = true;
	const observer = new PerformanceObserver(list => {
		if (!on) return;
		for (const entry of list.getEntries()) {
			const kind = (entry as {detail?: {kind?: number}}).detail?.kind;
			if (kind === 1) {
				totals.minorCount++;
				totals.minorMs += entry.duration;
			} else if (kind !== undefined) {
				totals.majorCount++;
				totals.majorMs += entry.duration;
			}
		}
	});
	observer.observe({entryTypes: ['gc']});
	return {
		async stop() {
			await new Promise(resolve => setTimeout(resolve, 100));
			on = false;
			observer.disconnect();
			return totals;
		},
	};
}

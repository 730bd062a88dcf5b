import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {MemoryWwnRegistry} from '../../source/driver/WwnRegistry.js';
import {HBA_CREATE_WWN_FACTORY, HBA_CREATE_WWN_RANDOM, HBA_STATUS, RandomWwnSource} from '../../source/hbaapi/index.js';
import {Prng} from '../../source/sim/Prng.js';
import {wwnFlipLowBit, type Wwn} from '../../source/sim/Wwn.js';
import {HBA_A0} from '../driver/lab.js';
import {apiLab} from './api.js';

describe('AdapterCreateWWN', () => {
	test('RANDOM: c0007d + 40 random bits, the port WWN is the node WWN with the low bit flipped', () => {
		const {api, open, registry} = apiLab();
		const r = api.Sun_HBA_AdapterCreateWWN(open(), 0, null, HBA_CREATE_WWN_RANDOM);
		expect(r.status).toBe(0);
		if (r.status !== 0) return;
		expect(r.value.nwwn).toMatch(/^c0007d[0-9a-f]{10}$/);
		expect(r.value.pwwn).toBe(wwnFlipLowBit(r.value.nwwn));
		expect(registry.isKnown(r.value.nwwn) && registry.isKnown(r.value.pwwn)).toBe(true);
	});

	test('an OUI: byte 0 is (OUI0 >> 2) | 0xC0', () => {
		const {api, open} = apiLab();
		const r = api.Sun_HBA_AdapterCreateWWN(open(), 0, 0x001b32, HBA_CREATE_WWN_RANDOM);
		expect(r.status === 0 && r.value.nwwn.slice(0, 6)).toBe('c01b32');
		const r2 = api.Sun_HBA_AdapterCreateWWN(open(), 0, 0xfc0000, HBA_CREATE_WWN_RANDOM);
		expect(r2.status === 0 && r2.value.nwwn.slice(0, 6)).toBe('ff0000');
	});

	test('FACTORY is not supported; another method is a bad argument', () => {
		const {api, open} = apiLab();
		expect(api.Sun_HBA_AdapterCreateWWN(open(), 0, null, HBA_CREATE_WWN_FACTORY).status).toBe(HBA_STATUS.ERROR_NOT_SUPPORTED);
		expect(api.Sun_HBA_AdapterCreateWWN(open(), 0, null, 7).status).toBe(HBA_STATUS.ERROR_ARG);
	});

	test('the same seed gives the same WWNs (a replay repeats)', () => {
		const a = apiLab({}, 42);
		const b = apiLab({}, 42);
		const draw = (x: typeof a) => [1, 2, 3].map(() => x.api.Sun_HBA_AdapterCreateWWN(x.open(), 0, null, HBA_CREATE_WWN_RANDOM).value?.nwwn);
		expect(draw(a)).toEqual(draw(b));
	});

	test('a created WWN pair is usable for a virtual port', () => {
		const {api, open, stack, settle} = apiLab();
		const h = open();
		const r = api.Sun_HBA_AdapterCreateWWN(h, 0, null, HBA_CREATE_WWN_RANDOM);
		if (r.status !== 0) throw new Error('create WWN');
		expect(api.Sun_HBA_CreateNPIVPort(h, 0, r.value.nwwn, r.value.pwwn, 0).status).toBe(0);
		settle();
		expect(stack.localPort(r.value.pwwn)?.state).toBe('online');
		expect(stack.localPort(r.value.pwwn)?.physicalWwpn).toBe(HBA_A0);
	});
});

describe('random WWN source properties', () => {
	test('never repeats a WWN', () => {
		fc.assert(
			fc.property(fc.integer(), fc.integer({min: 1, max: 400}), (seed, n) => {
				const source = new RandomWwnSource(Prng.fromSeed(seed), new MemoryWwnRegistry());
				const seen = new Set<Wwn>();
				for (let i = 0; i < n; i++) {
					const pair = source.next()!;
					expect(seen.has(pair.nwwn) || seen.has(pair.pwwn)).toBe(false);
					seen.add(pair.nwwn);
					seen.add(pair.pwwn);
				}
			}),
			{numRuns: 50},
		);
	});

	test('never returns a WWN the registry knows, even when it knows the next draws', () => {
		fc.assert(
			fc.property(fc.integer(), fc.integer({min: 1, max: 30}), fc.integer({min: 1, max: 20}), (seed, known, wanted) => {
				// A twin generator on the same seed predicts the next `known` draws; the registry knows them all.
				const twin = new RandomWwnSource(Prng.fromSeed(seed), new MemoryWwnRegistry());
				const predicted: Wwn[] = [];
				for (let i = 0; i < known; i++) {
					const p = twin.next()!;
					predicted.push(i % 2 ? p.pwwn : p.nwwn); // knowing either half is enough to skip the pair
				}
				const registry = new MemoryWwnRegistry(predicted);
				const source = new RandomWwnSource(Prng.fromSeed(seed), registry);
				for (let i = 0; i < wanted; i++) {
					const pair = source.next()!;
					expect(predicted).not.toContain(pair.nwwn);
					expect(predicted).not.toContain(pair.pwwn);
					expect(pair.pwwn).toBe(wwnFlipLowBit(pair.nwwn));
				}
				expect(registry.size).toBe(predicted.length + 2 * wanted);
			}),
			{numRuns: 50},
		);
	});
});

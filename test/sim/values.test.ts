import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {Prng} from '../../source/sim/Prng.js';
import {isStrictWwnText, parseWwn, wwnColons, wwnFlipLowBit, wwnFromBytes, wwnNaa, wwnToBytes, type Wwn} from '../../source/sim/Wwn.js';
import {fcid, fcidArea, fcidDomain, fcidPort, formatFcId, formatFcIdShort, parseFcId} from '../../source/sim/FcId.js';
import {EventLog} from '../../source/sim/EventLog.js';
import {Simulator} from '../../source/sim/Simulator.js';

describe('Prng', () => {
	it('repeats exactly from a saved state', () => {
		const a = Prng.fromSeed(42);
		a.nextUint32();
		const saved = a.state;
		const first = [a.nextUint32(), a.nextUint32(), a.nextUint32()];
		const b = new Prng(saved);
		expect([b.nextUint32(), b.nextUint32(), b.nextUint32()]).toEqual(first);
	});

	it('gives different streams for different seeds and stays in range', () => {
		expect(Prng.fromSeed(1).nextUint32()).not.toBe(Prng.fromSeed(2).nextUint32());
		const p = Prng.fromSeed(7);
		for (let i = 0; i < 1000; i++) {
			const n = p.nextInt(10);
			expect(n).toBeGreaterThanOrEqual(0);
			expect(n).toBeLessThan(10);
		}
	});
});

describe('Wwn', () => {
	it('parses the forms operators type and prints lowercase', () => {
		expect(parseWwn('2100001B32812345')).toBe('2100001b32812345');
		expect(parseWwn('21:00:00:1b:32:81:23:45')).toBe('2100001b32812345');
		expect(parseWwn('0x2100001b32812345')).toBe('2100001b32812345');
		expect(parseWwn('2100001b3281234')).toBeUndefined();
		expect(parseWwn('2100001b3281234g')).toBeUndefined();
		expect(wwnColons('2100001b32812345' as Wwn)).toBe('21:00:00:1b:32:81:23:45');
		expect(wwnNaa('5006016041e0a1b2' as Wwn)).toBe(5);
	});

	it('reads any text the way the general rule (trim, 0x, colons, 16 hex digits) does', () => {
		const rule = (text: string): string | undefined => {
			let t = text.trim();
			if (/^0x/i.test(t)) t = t.slice(2);
			if (/^([0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2}$/.test(t)) t = t.replaceAll(':', '');
			return /^[0-9a-fA-F]{16}$/.test(t) ? t.toLowerCase() : undefined;
		};
		const ch = fc.constantFrom(...'0123456789abcdefABCDEFgx: \t');
		fc.assert(
			fc.property(fc.oneof(fc.array(ch, {minLength: 14, maxLength: 25}), fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), {minLength: 16, maxLength: 16})), chars => {
				const text = chars.join('');
				expect(parseWwn(text)).toBe(rule(text));
			}),
			{numRuns: 3000},
		);
	});

	it('keeps fcadm strict rule: exactly 16 hex digits', () => {
		expect(isStrictWwnText('c0007d1a2b3c4d5e')).toBe(true);
		expect(isStrictWwnText('0xc0007d1a2b3c4d')).toBe(false);
		expect(isStrictWwnText('c0:00:7d:1a:2b:3c:4d:5e')).toBe(false);
	});

	it('flips the low bit of the last byte both ways', () => {
		expect(wwnFlipLowBit('c0007d1a2b3c4d5e' as Wwn)).toBe('c0007d1a2b3c4d5f');
		expect(wwnFlipLowBit('c0007d1a2b3c4d5f' as Wwn)).toBe('c0007d1a2b3c4d5e');
	});

	it('round-trips through bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({minLength: 8, maxLength: 8}), bytes => {
				expect(Array.from(wwnToBytes(wwnFromBytes(bytes)))).toEqual(Array.from(bytes));
			}),
		);
	});
});

describe('FcId', () => {
	it('packs domain, area and port and prints as switches and fcinfo do', () => {
		const id = fcid(1, 2, 0);
		expect([fcidDomain(id), fcidArea(id), fcidPort(id)]).toEqual([1, 2, 0]);
		expect(formatFcId(id)).toBe('010200');
		expect(formatFcIdShort(id)).toBe('10200');
		expect(parseFcId('0x010201')).toBe(0x010201);
		expect(parseFcId('zz')).toBeUndefined();
	});
});

describe('EventLog', () => {
	it('stamps simulated time and keeps only the newest entries', () => {
		const sim = new Simulator();
		const log = new EventLog(sim, 10);
		for (let i = 0; i < 25; i++) {
			sim.schedule(i, () => log.emit('fab-a1', 'fabric.flogi', `login ${i}`, {i}));
		}
		sim.runUntilIdle();
		const entries = log.entries();
		expect(entries).toHaveLength(10);
		expect(entries[0]!.summary).toBe('login 15');
		expect(entries.at(-1)!.t).toBe(24);
		expect(entries.at(-1)!.seq).toBe(24);
	});

	it('records nothing inside quietly() and tells listeners', () => {
		const sim = new Simulator();
		const log = new EventLog(sim);
		const heard: string[] = [];
		log.subscribe(e => heard.push(e.type));
		log.quietly(() => log.emit('x', 'a.b', 'muted'));
		log.emit('x', 'c.d', 'heard');
		expect(heard).toEqual(['c.d']);
		expect(log.entries().map(e => e.type)).toEqual(['c.d']);
	});
});

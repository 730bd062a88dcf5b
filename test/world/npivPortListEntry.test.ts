import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {isValidWwnText} from '../../source/commands/fcinfo/ScanWwn.js';
import {wwnFromBytes, type Wwn} from '../../source/sim/Wwn.js';
import {formatNpivPortEntry, npivPortListKey, parseNpivPortEntry, VPORT_INDEX_MAX, VPORT_INDEX_MIN} from '../../source/world/NpivPortListEntry.js';

const wwnArb = fc.uint8Array({minLength: 8, maxLength: 8}).map(b => wwnFromBytes(b));
/** The physical WWN as an operator may have typed it: fcadm keeps it in whatever case it was given. */
const typedCase = (w: Wwn) => fc.array(fc.boolean(), {minLength: 16, maxLength: 16}).map(up => [...w].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));

/**
 * Field texts near the valid form: fcadm's isValidWWN (16 hex digits, either case) decides which
 * of them it takes; the others are what an edited store might hold.
 */
const fieldText = fc.oneof(
	wwnArb.map(w => w.toUpperCase()),
	wwnArb,
	wwnArb.map(w => w.slice(1)),
	wwnArb.map(w => `${w}0`),
	wwnArb.map(w => `0x${w.slice(2)}`),
	wwnArb.map(w => `${w.slice(0, 15)}g`),
	wwnArb.map(w => ` ${w.slice(1)}`),
	fc.string({maxLength: 18}).filter(s => !s.includes(':')),
);
const indexText = fc.oneof(
	fc.integer({min: -5, max: 300}).map(String),
	fc.constantFrom('', 'x', '1.5', ' 7', '0x10', '001', '0001', '+3', '1e2'),
);

/** What fcadm accepts for each field (fcadm-list.c) and what it writes (virtual WWNs in upper case). */
function fcadmWouldWrite(physical: string, port: string, node: string, index: string): boolean {
	const n = Number(index);
	return (
		isValidWwnText(physical) &&
		isValidWwnText(port) &&
		isValidWwnText(node) &&
		port === port.toUpperCase() &&
		node === node.toUpperCase() &&
		// "Error: Port WWN is same as Node WWN"
		port.toLowerCase() !== node.toLowerCase() &&
		// the kernel's vport index range; %d never writes a sign or more than 3 digits for it
		/^\d{1,3}$/.test(index) &&
		n >= VPORT_INDEX_MIN &&
		n <= VPORT_INDEX_MAX
	);
}

describe('npiv_config port_list values: one parser, one formatter', () => {
	test('format -> parse gives the entry back; parse -> format gives the text back', () => {
		fc.assert(
			fc.property(
				wwnArb.chain(w => typedCase(w).map(text => [w, text] as const)),
				wwnArb,
				wwnArb,
				fc.integer({min: VPORT_INDEX_MIN, max: VPORT_INDEX_MAX}),
				([physicalWwn, physicalText], portWwn, nodeWwn, index) => {
					fc.pre(portWwn !== nodeWwn);
					const entry = {physicalText, physicalWwn, portWwn, nodeWwn, index};
					const text = formatNpivPortEntry(entry);
					expect(text).toBe(`${physicalText}:${portWwn.toUpperCase()}:${nodeWwn.toUpperCase()}:${index}`);
					expect(text.startsWith(`${npivPortListKey(physicalText, portWwn)}:`)).toBe(true);
					const parsed = parseNpivPortEntry(text);
					expect(parsed.value).toEqual(entry);
					expect(formatNpivPortEntry(parsed.value!)).toBe(text);
				},
			),
			{numRuns: 2000},
		);
	});

	test('parse takes exactly what fcadm would have written, and rejects the rest with a reason', () => {
		fc.assert(
			fc.property(fieldText, fieldText, fieldText, indexText, (physical, port, node, index) => {
				const text = `${physical}:${port}:${node}:${index}`;
				const parsed = parseNpivPortEntry(text);
				expect(parsed.value !== undefined).toBe(fcadmWouldWrite(physical, port, node, index));
				if (parsed.problem !== undefined) expect(parsed.problem).toMatch(new RegExp(`^in '${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}': `));
				// the first field fcadm's isValidWWN refuses is named, in the words the store has always used
				const fields = [physical, port, node];
				const names = ['physical port WWN', 'virtual port WWN', 'virtual node WWN'];
				const first = fields.findIndex((f, i) => !isValidWwnText(f) || (i > 0 && f !== f.toUpperCase()));
				if (first >= 0 && !isValidWwnText(fields[first]!)) expect(parsed.problem).toBe(`in '${text}': the ${names[first]} '${fields[first]}' is not 16 hex digits`);
			}),
			{numRuns: 5000},
		);
	});

	test('the reasons, word for word', () => {
		expect(parseNpivPortEntry('garbage').problem).toBe(
			"'garbage' is not an NPIV port list entry: expected <physical WWN>:<virtual port WWN>:<virtual node WWN>:<index>, e.g. 2100001b32813c5a:C0007D5A3E81C241:C0007D5A3E81C240:1",
		);
		expect(parseNpivPortEntry('2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B3:1').problem).toBe(
			"in '2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B3:1': the virtual port WWN is the same as the virtual node WWN",
		);
		expect(parseNpivPortEntry('2100001b32813c5a:c0007d1c6d04a9b3:C0007D1C6D04A9B2:1').problem).toBe(
			"in '2100001b32813c5a:c0007d1c6d04a9b3:C0007D1C6D04A9B2:1': the virtual port WWN 'c0007d1c6d04a9b3' must be in upper case, as fcadm writes it",
		);
		expect(parseNpivPortEntry('2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:255').problem).toBe(
			"in '2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:255': the index '255' is not a whole number from 1 to 254 (the kernel's vport index range)",
		);
		expect(parseNpivPortEntry('2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:0001').problem).toContain("the index '0001' is not a whole number");
	});

	test('the boot path reads a generated lab quickly (100,000 values)', () => {
		const values: string[] = [];
		for (let i = 0; i < 100_000; i++) {
			const hex = (0xc0007d0000000000n + BigInt(i) * 2n).toString(16);
			values.push(formatNpivPortEntry({physicalText: '2100001b32812345', portWwn: hex as Wwn, nodeWwn: (hex.slice(0, 15) + '1') as Wwn, index: (i % 254) + 1}));
		}
		let ok = 0;
		for (const v of values) if (parseNpivPortEntry(v).value) ok++;
		expect(ok).toBe(100_000);
	});
});

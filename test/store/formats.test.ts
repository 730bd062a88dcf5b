import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {wwnFromBytes} from '../../source/sim/Wwn.js';
import {formatDomainNpivEntry, formatNpivPortEntry, parseDomainNpivEntry, parseNpivPortEntry} from '../../source/store/index.js';
import {formatJson, jsonErrorOffset, parseJsonText} from '../../source/store/JsonText.js';

const wwnArb = fc.uint8Array({minLength: 8, maxLength: 8}).map(b => wwnFromBytes(b));

describe('npiv_config values', () => {
	test('format then parse gives the same vport back, as fcadm writes it', () => {
		fc.assert(
			fc.property(wwnArb, wwnArb, wwnArb, fc.integer({min: 1, max: 254}), fc.boolean(), (physical, port, node, index, upper) => {
				fc.pre(port !== node);
				const physicalText = upper ? physical.toUpperCase() : physical;
				const text = formatNpivPortEntry({physicalText, portWwn: port, nodeWwn: node, index});
				expect(text).toBe(`${physicalText}:${port.toUpperCase()}:${node.toUpperCase()}:${index}`);
				expect(parseNpivPortEntry(text).value).toEqual({physicalText, physicalWwn: physical, portWwn: port, nodeWwn: node, index});
			}),
		);
	});

	test('bad values say what is wrong', () => {
		expect(parseNpivPortEntry('2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B3:1').problem).toContain('the virtual port WWN is the same as the virtual node WWN');
		expect(parseNpivPortEntry('21:00:00:1b:32:81:3c:5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:1').problem).toContain('is not an NPIV port list entry');
		expect(parseNpivPortEntry('2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9BZ:1').problem).toContain("the virtual node WWN 'C0007D1C6D04A9BZ' is not 16 hex digits");
		expect(parseNpivPortEntry('2100001b32813c5a:C0007D1C6D04A9B3:C0007D1C6D04A9B2:0').problem).toContain("the index '0' is not a whole number from 1 to 254");
		expect(parseNpivPortEntry('2100001b32813c5a:c0007d1c6d04a9b3:C0007D1C6D04A9B2:1').problem).toBe(
			"in '2100001b32813c5a:c0007d1c6d04a9b3:C0007D1C6D04A9B2:1': the virtual port WWN 'c0007d1c6d04a9b3' must be in upper case, as fcadm writes it",
		);
	});
});

describe('domain npiv entries', () => {
	test('format then parse round-trips', () => {
		fc.assert(
			fc.property(wwnArb, wwnArb, fc.boolean(), wwnArb, (port, node, autoattach, physicalWwn) => {
				fc.pre(port !== node);
				const entry = {portWwn: port, nodeWwn: node, autoattach, physicalWwn};
				expect(parseDomainNpivEntry(formatDomainNpivEntry(entry)).value).toEqual(entry);
			}),
		);
	});
});

const jsonValue = fc.jsonValue({maxDepth: 4});

describe('store JSON text', () => {
	test('the readable form parses back to the same value', () => {
		fc.assert(
			fc.property(jsonValue, value => {
				expect(JSON.parse(formatJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
			}),
		);
	});

	test('the error locator agrees with JSON.parse on what is valid', () => {
		fc.assert(
			fc.property(jsonValue, fc.nat(), fc.nat(), fc.string({maxLength: 2}), (value, cut, at, insert) => {
				const text = formatJson(value);
				const damaged = text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1), Math.max(at % (text.length + 1), text.length - (cut % 3)));
				let valid = true;
				try {
					JSON.parse(damaged);
				} catch {
					valid = false;
				}
				expect(jsonErrorOffset(damaged) === undefined).toBe(valid);
			}),
			{numRuns: 500},
		);
	});

	test('a broken file is located by line and column', () => {
		expect(parseJsonText('{\n\t"a": 1,\n\t"b": [1, 2,]\n}').problem).toMatch(/^not valid JSON at line 3, column 13 \(near "\]\\n}"\): /);
		expect(parseJsonText('{"a": [1, 2').problem).toBe('not valid JSON: the text ends in the middle of the document (the file looks truncated)');
		expect(parseJsonText('  \n').problem).toBe('the file is empty');
	});
});

/** A value repeated in an error: never a control sequence, never more than 200 characters. */
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {SHOWN_VALUE_MAX, shown} from '../../source/commands/ShownValue.js';

// C0, DEL, C1, and the Unicode line/bidi controls
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

describe('shown', () => {
	test('escapes ESC, NUL and the other controls, readably', () => {
		expect(shown('\x1b[31mred\x1b[0m')).toBe('\\e[31mred\\e[0m');
		expect(shown('a\0b\tc\nd\re\x7f\x9b')).toBe('a\\x00b\\tc\\nd\\re\\x7f\\x9b');
		expect(shown('evil\u202etxt')).toBe('evil\\u202etxt');
		expect(shown('web01')).toBe('web01');
		expect(shown('dom0-ä/日本')).toBe('dom0-ä/日本');
	});

	test('cuts a long value at 200 characters with an ellipsis', () => {
		expect(shown('x'.repeat(SHOWN_VALUE_MAX))).toBe('x'.repeat(200));
		expect(shown('x'.repeat(5000))).toBe(`${'x'.repeat(200)}…`);
		// by code point: an emoji is never cut in half
		expect(shown('😀'.repeat(300))).toBe(`${'😀'.repeat(200)}…`);
	});

	test('whatever the value, nothing of it reaches the terminal as a control character', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 600}), value => {
				const text = shown(value);
				expect(CONTROL.test(text)).toBe(false);
				expect(Array.from(text.replace(/…$/, '')).length).toBeLessThanOrEqual(SHOWN_VALUE_MAX * 6);
			}),
			{numRuns: Number(process.env['NPIV_PROPERTY_RUNS'] ?? 100)},
		);
	});
});

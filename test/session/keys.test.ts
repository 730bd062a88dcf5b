import {describe, expect, test} from 'vitest';
import {keyName, keySequence, parseKeyName, printedText} from '../../source/session/index.js';

describe('key names', () => {
	test('one spelling per key a terminal can tell apart', () => {
		const spellings: [string, string][] = [
			['j', 'j'],
			['J', 'J'],
			['shift+j', 'J'],
			['Enter', 'enter'],
			['esc', 'escape'],
			['control+C', 'ctrl+c'],
			['ctrl+shift+c', 'ctrl+c'],
			['shift+ctrl+alt+up', 'ctrl+alt+shift+up'],
			['option+x', 'alt+x'],
			[' ', 'space'],
			['PgUp', 'pageup'],
			['F12', 'f12'],
			['?', '?'],
		];
		for (const [input, canonical] of spellings) expect([input, keyName(input)]).toEqual([input, canonical]);
	});

	test('what is not a key says what was expected', () => {
		expect(parseKeyName('ctrl+')).toEqual({error: "expected a key name such as 'enter', 'ctrl+c', 'j', got 'ctrl+'"});
		expect(parseKeyName('')).toEqual({error: "expected a key name such as 'enter', 'ctrl+c', 'j', got ''"});
		expect(parseKeyName('\u0007')).toEqual({error: "expected a key name such as 'enter', 'ctrl+c', 'j', got '\u0007'"});
		expect(parseKeyName('hyper+x')).toEqual({error: "expected a key name such as 'enter', 'ctrl+c', 'j', got 'hyper+x'"});
		expect(parseKeyName('enterr')).toMatchObject({error: expect.stringMatching(/^unknown key 'enterr'; expected a single character or one of: enter, escape/)});
	});

	test('a character key types itself; a named or modified key types nothing', () => {
		expect(['a', 'space', 'Ж', 'enter', 'ctrl+a', 'alt+x'].map(k => printedText(keyName(k)))).toEqual(['a', ' ', 'Ж', undefined, undefined, undefined]);
	});

	test('the bytes an xterm sends', () => {
		const bytes: [string, string][] = [
			['a', 'a'],
			['enter', '\r'],
			['escape', '\x1b'],
			['tab', '\t'],
			['shift+tab', '\x1b[Z'],
			['backspace', '\x7f'],
			['up', '\x1b[A'],
			['ctrl+up', '\x1b[1;5A'],
			['shift+end', '\x1b[1;2F'],
			['pagedown', '\x1b[6~'],
			['ctrl+delete', '\x1b[3;5~'],
			['f1', '\x1bOP'],
			['f5', '\x1b[15~'],
			['ctrl+c', '\x03'],
			['ctrl+[', '\x1b'],
			['alt+x', '\x1bx'],
			['space', ' '],
			['ctrl+space', '\x00'],
		];
		for (const [key, sequence] of bytes) expect([key, keySequence(keyName(key))]).toEqual([key, sequence]);
	});
});

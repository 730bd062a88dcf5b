import {describe, expect, test} from 'vitest';
import {
	ansiToScreenText, asciicastFromFrames, DARK_THEME, exportAsciicast, exportSvgSnapshots, fitFrameText,
	paletteColour, parseAsciicast, parseSession, renderFrameToSvg, screenPaint,
} from '../../source/session/index.js';
import {TextConsoleDriver} from './TextConsoleDriver.js';

const DRILL = `# npiv session v1
start scenario lab
seed 5
size 80x24
---
key 2
snapshot vports
wait 1500ms
run create-vport c0007d0000000001
key 4
resize 100x30
snapshot events
`;

describe('asciicast v2 export', () => {
	test('a header, then one output event per new frame in simulated time, and resize events', async () => {
		const cast = await exportAsciicast(parseSession(DRILL), new TextConsoleDriver(), {title: 'drill'});
		const lines = cast.trimEnd().split('\n');
		expect(JSON.parse(lines[0]!)).toEqual({version: 2, width: 80, height: 24, title: 'drill', env: {TERM: 'xterm-256color', SHELL: '/bin/sh'}});
		const {events} = parseAsciicast(cast);
		expect(events.map(([time, code]) => [time, code])).toEqual([
			[0, 'o'], // the start
			[0, 'o'], // key 2
			[1.5, 'o'], // wait
			[1.5, 'o'], // run
			[1.5, 'o'], // key 4
			[1.5, 'r'],
			[1.5, 'o'], // resize
		]);
		expect(events[5]![2]).toBe('100x30');
		for (const [, code, data] of events) expect(typeof data === 'string' && (code === 'r' || data.startsWith('\x1b['))).toBe(true);
	});

	test('each output event, played on an 80x24 terminal, shows exactly that frame', async () => {
		const driver = new TextConsoleDriver();
		const cast = await exportAsciicast(parseSession(DRILL), driver);
		const {events} = parseAsciicast(cast);
		const output = events.filter(([, code]) => code === 'o').slice(0, 5);
		let stream = '';
		for (const [, , data] of output) stream += data;
		// everything up to the resize plays on one 80x24 screen; the last frame is what shows
		expect(ansiToScreenText(stream, 80, 24)).toContain('created c0007d0000000001');
		expect(ansiToScreenText(stream, 80, 24).split('\n')[1]).toContain('[4 events]');
	});

	test('unchanged frames are not repeated; key delay spreads a burst of keys for players', () => {
		const size = {cols: 80, rows: 24};
		const cast = asciicastFromFrames([
			{timeMs: 0, ansi: 'a', size},
			{timeMs: 0, ansi: 'a', size},
			{timeMs: 250, ansi: 'b', size},
		], {idleTimeLimit: 2});
		const {header, events} = parseAsciicast(cast);
		expect(header).toMatchObject({version: 2, idle_time_limit: 2});
		expect(events).toEqual([
			[0, 'o', '\x1b[?25l\x1b[2J' + screenPaint('a', size)],
			[0.25, 'o', screenPaint('b', size)],
		]);
	});

	test('the same session exports the same bytes', async () => {
		const a = await exportAsciicast(parseSession(DRILL), new TextConsoleDriver(), {keyDelayMs: 100});
		const b = await exportAsciicast(parseSession(DRILL), new TextConsoleDriver(), {keyDelayMs: 100});
		expect(a).toBe(b);
		expect(parseAsciicast(a).events.map(([t]) => t)).toEqual([0, 0.1, 1.6, 1.7, 1.8, 1.9, 1.9]);
	});
});

describe('SVG frames', () => {
	test('the text is on a fixed grid, XML-escaped, with its colours and styles', () => {
		const svg = renderFrameToSvg('\x1b[1;32mOK\x1b[0m <a&b> "q"\n\x1b[44m blue \x1b[0m\x1b[38;5;208morange\x1b[38;2;1;2;3mrgb\x1b[0m', 20, 2);
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="56" viewBox="0 0 200 56"')).toBe(true);
		expect(svg).toContain(`<rect width="200" height="56" fill="${DARK_THEME.background}"/>`);
		expect(svg).toContain(`<text x="10" y="24" fill="${DARK_THEME.palette[2]}" font-weight="bold" textLength="18" lengthAdjust="spacingAndGlyphs">OK</text>`);
		expect(svg).toContain('>&lt;a&amp;b&gt; &quot;q&quot;</text>');
		expect(svg).toContain(`<rect x="10" y="28" width="54" height="18" fill="${DARK_THEME.palette[4]}"/>`);
		expect(svg).toContain('>blue</text>');
		expect(svg).toContain(`fill="${paletteColour(208, DARK_THEME)}" textLength="54" lengthAdjust="spacingAndGlyphs">orange</text>`);
		expect(paletteColour(208, DARK_THEME)).toBe('#ff8700');
		expect(svg).toContain('fill="#010203" textLength="27" lengthAdjust="spacingAndGlyphs">rgb</text>');
		expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
	});

	test('inverse video swaps the colours; cursor movement is applied before drawing', () => {
		const svg = renderFrameToSvg('\x1b[7mINV\x1b[0m\rX', 10, 1);
		expect(svg).toContain(`<rect x="19" y="10" width="18" height="18" fill="${DARK_THEME.foreground}"/>`);
		expect(svg).toContain(`fill="${DARK_THEME.background}" textLength="18" lengthAdjust="spacingAndGlyphs">NV</text>`);
		expect(svg).toContain('>X</text>');
		expect(svg).not.toContain('INV');
	});

	test('the same frame gives the same picture', () => {
		const frame = '\x1b[31mred\x1b[0m and plain';
		expect(renderFrameToSvg(frame, 80, 24)).toBe(renderFrameToSvg(frame, 80, 24));
	});

	test("export: one SVG per snapshot step, with the snapshot's text", async () => {
		const pictures = await exportSvgSnapshots(parseSession(DRILL, {file: 'drill.tape'}), new TextConsoleDriver());
		expect(pictures.map(p => [p.name, p.line])).toEqual([['vports', 7], ['events', 12]]);
		expect(pictures[0]!.svg).toContain('<title>vports</title>');
		expect(pictures[0]!.svg).toContain('width="740" height="452"');
		expect(pictures[1]!.svg).toContain('width="920" height="560"');
		expect(pictures[0]!.svg).toContain('Virtual Port1');
		expect(pictures[1]!.text).toContain('created c0007d0000000001');
	});
});

describe('frame text', () => {
	test('fitting counts terminal columns: wide characters take two', () => {
		expect(fitFrameText('界x\nlong line here', {cols: 6, rows: 3})).toBe('界x   \nlong l\n      ');
		expect(fitFrameText('ab界', {cols: 3, rows: 1})).toBe('ab ');
	});
});

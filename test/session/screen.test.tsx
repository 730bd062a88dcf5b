import {EventEmitter} from 'node:events';
import {Box, render, Text} from 'ink';
import {describe, expect, test} from 'vitest';
import {ansiToScreenCells, ansiToScreenText, ScreenEmulator} from '../../source/session/index.js';

function rows(text: string): string[] {
	return text.split('\n').map(line => line.trimEnd());
}

describe('the emulated screen', () => {
	test('text is exactly rows lines of cols characters', () => {
		const text = ansiToScreenText('hello', 20, 5);
		expect(text.split('\n')).toEqual(['hello               ', ...Array(4).fill(' '.repeat(20))]);
	});

	test('cursor movement and erases are honoured, as a terminal shows them', () => {
		// an Ink-like redraw: draw three lines, go back up two, erase them, draw again
		const stream = 'title\nold line 1\nold line 2' + '\x1b[2K\x1b[1A\x1b[2K\x1b[G' + 'new 1\nnew 2';
		expect(rows(ansiToScreenText(stream, 30, 4))).toEqual(['title', 'new 1', 'new 2', '']);
		// absolute positioning and overwrite in place
		expect(rows(ansiToScreenText('\x1b[2;5Hxy\x1b[1;1Habc\rZ', 10, 3))).toEqual(['Zbc', '    xy', '']);
		// a linear reading of the same bytes would be wrong
		expect(ansiToScreenText(stream, 30, 4)).not.toContain('old');
	});

	test('colours and styles are kept per cell: 16, 256 and 24-bit', () => {
		const cells = ansiToScreenCells('\x1b[1;31mR\x1b[0m\x1b[38;5;208mO\x1b[48;2;16;32;48mB\x1b[0m\x1b[7mI\x1b[0mn', 10, 2);
		const [r, o, b, i, n] = cells[0]!;
		expect(r).toMatchObject({chars: 'R', bold: true, fg: {mode: 'palette', index: 1}});
		expect(o).toMatchObject({chars: 'O', fg: {mode: 'palette', index: 208}});
		expect(b).toMatchObject({chars: 'B', bg: {mode: 'rgb', rgb: 0x102030}});
		expect(i).toMatchObject({chars: 'I', inverse: true});
		expect(n).toMatchObject({chars: 'n', bold: false, fg: {mode: 'default'}, bg: {mode: 'default'}});
	});

	test('wide characters take two cells', () => {
		const cells = ansiToScreenCells('界x', 10, 1);
		expect(cells[0]!.slice(0, 3).map(c => [c.chars, c.width])).toEqual([['界', 2], ['', 0], ['x', 1]]);
		expect(ansiToScreenText('界x', 10, 1)).toBe('界x'.padEnd(9));
	});

	test('a long-lived screen can be written in parts and resized', async () => {
		const screen = new ScreenEmulator(20, 3);
		screen.writeSync('abc');
		await screen.write('\x1b[1;1HX');
		expect(rows(screen.text())[0]).toBe('Xbc');
		screen.resize(30, 4);
		expect(screen.size).toEqual({cols: 30, rows: 4});
		expect(screen.text().split('\n')).toHaveLength(4);
		screen.dispose();
	});

	test("a real Ink app's output stream, redraws included, reads back as its last frame", async () => {
		const stdout = Object.assign(new EventEmitter(), {
			columns: 40,
			rows: 8,
			isTTY: true,
			chunks: [] as string[],
			write(chunk: string) {
				this.chunks.push(chunk);
				return true;
			},
		});
		const App = ({n}: {n: number}) => (
			<Box flexDirection="column">
				<Text color="green">npiv ink test</Text>
				{Array.from({length: n}, (_, i) => (
					<Text key={i}>{`row ${i} of ${n}`}</Text>
				))}
			</Box>
		);
		const app = render(<App n={3} />, {stdout: stdout as unknown as NodeJS.WriteStream, patchConsole: false, exitOnCtrlC: false});
		app.rerender(<App n={1} />);
		app.rerender(<App n={2} />);
		app.unmount();
		await new Promise(resolve => setImmediate(resolve));
		const stream = stdout.chunks.join('');
		// Ink erased and redrew in place: the stream still holds the old rows, the screen does not
		expect(stream).toContain('row 2 of 3');
		const screen = rows(ansiToScreenText(stream, 40, 8));
		expect(screen.slice(0, 3)).toEqual(['npiv ink test', 'row 0 of 2', 'row 1 of 2']);
		expect(screen.join('\n')).not.toContain('of 3');
		expect(screen.join('\n')).not.toContain('of 1');
	});
});

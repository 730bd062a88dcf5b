/** Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise, nothing for --json. */
import {describe, expect, it} from 'vitest';
import {progressOn} from '../../source/lab/Progress.js';

function stream(isTTY: boolean): {written: string[]; stream: NodeJS.WriteStream} {
	const written: string[] = [];
	return {written, stream: {isTTY, columns: 60, write: (s: string) => written.push(s) > 0} as unknown as NodeJS.WriteStream};
}

describe('progress', () => {
	it('on a terminal: one line redrawn in place with a bar and a percentage, cleared at the end', () => {
		const s = stream(true);
		const p = progressOn(s.stream, {json: false});
		p.step('booting: logging in', 0.5);
		p.finished('booted');
		p.end();
		expect(s.written).toEqual(['\r\u001b[2K[############............]  50% booting: logging in', '\r\u001b[2K[########################] 100% booted', '\r\u001b[2K']);
	});

	it('a terminal line never wraps: it is cut to the width', () => {
		const s = stream(true);
		progressOn(s.stream, {json: false}).step('x'.repeat(200), 0);
		expect(s.written[0]!.replace('\r\u001b[2K', '')).toHaveLength(59);
	});

	it('not a terminal: a plain line per step, the same step once, a finished stage without dots', () => {
		const s = stream(false);
		const p = progressOn(s.stream, {json: false});
		p.step('generating the lab');
		p.step('booting: logging in', 0.1);
		p.step('booting: logging in', 0.9);
		p.finished('booted');
		p.end();
		expect(s.written.join('')).toBe('generating the lab...\nbooting: logging in...\nbooted\n');
	});

	it('--json: nothing at all', () => {
		const s = stream(true);
		const p = progressOn(s.stream, {json: true});
		p.step('generating the lab', 0.5);
		p.finished('booted');
		p.end();
		expect(s.written).toEqual([]);
	});
});

/**
 * Progress of long work on stderr: a bar redrawn in place on a terminal, a plain line per step
 * otherwise (a log, CI), nothing at all when asked for JSON (stdout is then for a program, and
 * stderr stays quiet). The wall clock here only paces the redraws; the work itself is simulated.
 */
export interface ProgressSink {
	/** A step starts (or goes on); `done` from 0 to 1 when known. */
	step(label: string, done?: number): void;
	/** A stage of the work is complete (`booted`): said as done, not as going on. */
	finished(label: string): void;
	/** The work ended: leaves the line clean. */
	end(): void;
}

const BAR = 24;
const REDRAW_MS = 100;

export function progressOn(stream: NodeJS.WriteStream, mode: {readonly json: boolean}): ProgressSink {
	if (mode.json) return {step: () => undefined, finished: () => undefined, end: () => undefined};
	if (!stream.isTTY) {
		let last = '';
		return {
			step(label) {
				if (label === last) return;
				last = label;
				stream.write(`${label}...\n`);
			},
			finished(label) {
				last = label;
				stream.write(`${label}\n`);
			},
			end() {},
		};
	}
	let drawn = false;
	let lastDraw = 0;
	let lastLabel = '';
	return {
		step(label, done) {
			const now = Date.now();
			if (label === lastLabel && now - lastDraw < REDRAW_MS && done !== 1) return;
			lastDraw = now;
			lastLabel = label;
			const width = stream.columns || 80;
			const bar = done === undefined ? '' : `[${'#'.repeat(Math.round(done * BAR)).padEnd(BAR, '.')}] ${String(Math.round(done * 100)).padStart(3)}% `;
			stream.write(`\r\u001b[2K${(bar + label).slice(0, width - 1)}`);
			drawn = true;
		},
		finished(label) {
			this.step(label, 1);
		},
		end() {
			if (drawn) stream.write('\r\u001b[2K');
			drawn = false;
		},
	};
}

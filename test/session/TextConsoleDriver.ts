/**
 * A small console for the session tests: plain text panes, a `:` prompt, a simulated clock that
 * writes an event every simulated second, and a store (JSON) it can save when it was opened from
 * a file. It renders rows x cols text and a coloured copy, exactly like the real console's frames
 * are meant to, and it is deterministic in the start, the seed and the calls.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {Prng} from '../../source/sim/Prng.js';
import {keyParts, type KeyName} from '../../source/session/KeyNames.js';
import type {DriverStart, Frame, SessionDriver} from '../../source/session/SessionDriver.js';
import {PANE_NAMES, type TerminalSize} from '../../source/session/SessionFormat.js';

interface LabDocument {
	vports: string[];
}

const SGR = {reset: '\x1b[0m', inverse: '\x1b[7m', bold: '\x1b[1m', green: '\x1b[32m', red: '\x1b[31m', cyan: '\x1b[36m', bgBlue: '\x1b[44m'};

export class TextConsoleDriver implements SessionDriver {
	size: TerminalSize = {cols: 100, rows: 30};
	private time = 0;
	private prng = Prng.fromSeed(1);
	private lab: LabDocument = {vports: []};
	private events: string[] = [];
	private focus = 0;
	private selection = new Map<string, number>();
	private prompt: string | undefined;
	private status = '';
	private storeFile: string | undefined;
	/** Every call made, for tests that look at what the replayer did. */
	readonly calls: string[] = [];
	starts: DriverStart[] = [];

	reset(start: DriverStart, seed: number, size: TerminalSize): void {
		this.calls.push(`reset ${start.kind} ${seed} ${size.cols}x${size.rows}`);
		this.starts.push(start);
		this.size = size;
		this.time = 0;
		this.prng = Prng.fromSeed(seed);
		this.events = [];
		this.focus = 0;
		this.selection = new Map();
		this.prompt = undefined;
		this.status = '';
		this.storeFile = undefined;
		switch (start.kind) {
			case 'scenario':
				this.lab = {vports: []};
				for (let i = 0; i < (start.name === 'lab' ? 3 : 1); i++) this.lab.vports.push(this.randomWwn());
				break;
			case 'document':
				this.lab = JSON.parse(start.document) as LabDocument;
				break;
			case 'store':
				this.storeFile = start.path;
				this.lab = JSON.parse(readFileSync(start.path, 'utf8')) as LabDocument;
				break;
		}
	}

	/** Keys now go to the `:` prompt (what the real console tells its recorder). */
	get prompting(): boolean {
		return this.prompt !== undefined;
	}

	/** Nothing here is ever pending: its clock only writes an event when time is let pass. */
	settle(): number {
		this.calls.push('settle');
		return 0;
	}

	press(key: KeyName): void {
		this.calls.push(`press ${key}`);
		this.handleKey(key);
	}

	private handleKey(key: KeyName): void {
		const {ctrl, base} = keyParts(key);
		if (this.prompt !== undefined) {
			if (key === 'enter') {
				const line = this.prompt;
				this.prompt = undefined;
				this.execute(line);
			} else if (key === 'escape') this.prompt = undefined;
			else if (key === 'backspace') this.prompt = this.prompt.slice(0, -1);
			else if (key === 'space') this.prompt += ' ';
			else if (Array.from(key).length === 1) this.prompt += key;
			return;
		}
		if (ctrl && base === 'l') {
			this.status = 'redrawn';
			return;
		}
		const pane = PANE_NAMES[this.focus]!;
		const rows = this.paneLines(pane).length;
		const selected = this.selection.get(pane) ?? 0;
		switch (key) {
			case ':':
				this.prompt = '';
				break;
			case 'tab':
				this.focus = (this.focus + 1) % PANE_NAMES.length;
				break;
			case 'shift+tab':
				this.focus = (this.focus + PANE_NAMES.length - 1) % PANE_NAMES.length;
				break;
			case 'down':
			case 'j':
				this.selection.set(pane, Math.min(rows - 1, selected + 1));
				break;
			case 'up':
			case 'k':
				this.selection.set(pane, Math.max(0, selected - 1));
				break;
			case 'pagedown':
				this.selection.set(pane, Math.min(rows - 1, selected + 10));
				break;
			case 'pageup':
				this.selection.set(pane, Math.max(0, selected - 10));
				break;
			default:
				if (/^[1-6]$/.test(key)) this.focus = Number(key) - 1;
				else this.status = `no binding for ${key}`;
		}
	}

	type(text: string): void {
		this.calls.push(`type ${JSON.stringify(text)}`);
		for (const ch of text) this.handleKey((ch === ' ' ? 'space' : ch) as KeyName);
	}

	run(commandLine: string): void {
		this.calls.push(`run ${commandLine}`);
		this.execute(commandLine);
	}

	advance(ms: number): void {
		this.calls.push(`advance ${ms}`);
		// one event each whole simulated second, like a periodic RSCN
		const before = Math.floor(this.time / 1000);
		this.time += ms;
		for (let s = before + 1; s <= Math.floor(this.time / 1000); s++) this.events.push(`t=${s}s heartbeat ${this.prng.nextUint32().toString(16).padStart(8, '0')}`);
	}

	resize(cols: number, rows: number): void {
		this.calls.push(`resize ${cols}x${rows}`);
		this.size = {cols, rows};
	}

	idle(): Promise<void> {
		return Promise.resolve();
	}

	paneText(pane: string): string {
		return this.paneLines(pane).join('\n');
	}

	frame(): Frame {
		this.calls.push('frame');
		const {cols, rows} = this.size;
		const lines: {text: string; sgr: string}[] = [];
		lines.push({text: `npiv test console  t=${this.time}ms  ${cols}x${rows}`, sgr: SGR.inverse});
		lines.push({text: PANE_NAMES.map((pane, i) => (i === this.focus ? `[${i + 1} ${pane}]` : ` ${i + 1} ${pane} `)).join(''), sgr: SGR.bold});
		const pane = PANE_NAMES[this.focus]!;
		const body = this.paneLines(pane);
		const height = rows - 4;
		const selected = this.selection.get(pane) ?? 0;
		const top = Math.max(0, Math.min(selected - height + 1, body.length - height));
		for (let y = 0; y < height; y++) {
			const index = top + y;
			const text = body[index];
			if (text === undefined) lines.push({text: '', sgr: ''});
			else lines.push({text: `${index === selected ? '>' : ' '} ${text}`, sgr: index === selected ? SGR.bgBlue : pane === 'events' ? SGR.cyan : ''});
		}
		lines.push({text: this.status, sgr: this.status.startsWith('error') ? SGR.red : SGR.green});
		lines.push({text: this.prompt === undefined ? 'q quit  : command  tab next pane' : `:${this.prompt}`, sgr: ''});
		const fit = (text: string): string => (text.length >= cols ? text.slice(0, cols) : text + ' '.repeat(cols - text.length));
		return {
			text: lines.map(line => fit(line.text)).join('\n'),
			ansi: lines.map(line => (line.sgr === '' ? line.text.slice(0, cols) : `${line.sgr}${line.text.slice(0, cols)}${SGR.reset}`)).join('\n'),
		};
	}

	private paneLines(pane: string): string[] {
		switch (pane) {
			case 'vports':
				return this.lab.vports.map((wwn, i) => `Virtual Port${i + 1}  ${wwn}`);
			case 'events':
				return this.events;
			case 'adapters':
				return ['host01  2100001b32812345  online'];
			default:
				return [`(${pane} is empty)`];
		}
	}

	private execute(line: string): void {
		const words = line.trim().split(/\s+/);
		if (words[0] === 'create-vport') {
			const wwn = words[1] ?? this.randomWwn();
			this.lab.vports.push(wwn);
			this.events.push(`t=${this.time}ms vport ${wwn} created`);
			this.status = `created ${wwn}`;
			this.save();
		} else if (words[0] === 'delete-vport') {
			this.lab.vports = this.lab.vports.filter(wwn => wwn !== words[1]);
			this.status = `deleted ${words[1]}`;
			this.save();
		} else {
			this.status = `error: unknown command '${words[0]}'`;
		}
	}

	private save(): void {
		if (this.storeFile) writeFileSync(this.storeFile, JSON.stringify(this.lab));
	}

	private randomWwn(): string {
		const hi = this.prng.nextUint32().toString(16).padStart(8, '0').slice(2);
		const lo = this.prng.nextUint32().toString(16).padStart(8, '0');
		return `c0007d${hi.slice(0, 2)}${lo}`;
	}
}

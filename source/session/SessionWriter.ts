/**
 * Session -> text, in the exact form SessionParser reads: parseSession(writeSession(s)) gives s
 * back (with the file name and line numbers added). The recorder writes through this.
 */
import {quote} from './QuotedString.js';
import {SESSION_MAGIC, type Session, type SessionStart, type Step} from './SessionFormat.js';

export function writeSession(session: Session): string {
	const lines = [SESSION_MAGIC, ...startLines(session.start)];
	lines.push(`seed ${session.seed}`, `size ${session.size.cols}x${session.size.rows}`, `speed ${String(session.speed)}`, '---');
	for (const step of session.steps) lines.push(stepLine(step));
	return lines.join('\n') + '\n';
}

function startLines(start: SessionStart): string[] {
	switch (start.kind) {
		case 'scenario':
			return [`start scenario ${start.name}`];
		case 'store':
			return [`start store ${needsQuotes(start.path) ? quote(start.path) : start.path}`];
		case 'embedded':
			// a carriage return would not survive the line split, so such a document goes as base64
			if (start.document.includes('\r')) return [`start embedded ${Buffer.from(start.document, 'utf8').toString('base64')}`];
			return ['start embedded', ...start.document.split('\n').map(line => (line === '' ? '|' : `| ${line}`))];
	}
}

export function stepLine(step: Step): string {
	switch (step.kind) {
		case 'key':
			return step.times === 1 ? `key ${step.key}` : `key ${step.key} x${step.times}`;
		case 'type':
			return `type ${quote(step.text)}`;
		case 'run':
			if (/[\r\n]/.test(step.command)) throw new Error(`a run step's command cannot span lines: ${quote(step.command)}`);
			if (/[\u0000-\u001f\u007f-\u009f]/.test(step.command)) throw new Error(`a run step's command cannot hold control characters: ${quote(step.command)}`);
			return `run ${step.command.trim()}`;
		case 'wait':
			return `wait ${formatDuration(step.ms)}`;
		case 'settle':
			return 'wait idle';
		case 'expect':
			return `expect ${step.negate ? 'not ' : ''}${quote(step.pattern)}${step.pane === undefined ? '' : ` in ${step.pane}`}`;
		case 'snapshot':
			return `snapshot ${step.name}`;
		case 'resize':
			return `resize ${step.size.cols}x${step.size.rows}`;
	}
}

/** The shortest exact spelling: `2s`, `3m`, `1h`, else milliseconds. */
export function formatDuration(ms: number): string {
	if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
	if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
	if (ms > 0 && ms % 1000 === 0) return `${ms / 1000}s`;
	return `${ms}ms`;
}

function needsQuotes(path: string): boolean {
	return path === '' || path !== path.trim() || path.startsWith('"') || /[\p{Cc}]/u.test(path);
}

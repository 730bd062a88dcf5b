import {jsonReplacer} from '../CommandOutput.js';
import type {CommandOutput} from '../CommandOutput.js';

export interface FcToolResult extends CommandOutput {
	readonly changed: boolean;
}

/**
 * The two streams of one fcinfo/fcadm run, plus the same facts as structured data for `--json`.
 * Handlers print exactly what the original prints and record what they printed in `facts`;
 * the result picks one form at the end.
 */
export class ToolIo {
	private out = '';
	private err = '';
	/** Every complaint in the order made, whichever stream the original used. */
	private readonly complaints: string[] = [];
	readonly facts: Record<string, unknown> = {};
	changed = false;

	print(text: string): void {
		this.out += text;
	}

	/** A message the original writes to stderr. */
	warn(text: string): void {
		this.err += text;
		this.complaints.push(text);
	}

	/** A complaint the original writes to stdout (cmdparse's syntax errors). */
	complain(text: string): void {
		this.out += text;
		this.complaints.push(text);
	}

	/** Usage text: printed, and kept for `--json`. */
	usage(text: string): void {
		this.out += text;
		this.facts['usage'] = ((this.facts['usage'] as string | undefined) ?? '') + text;
	}

	list<T>(key: string): T[] {
		const existing = this.facts[key];
		if (Array.isArray(existing)) return existing as T[];
		const fresh: T[] = [];
		this.facts[key] = fresh;
		return fresh;
	}

	result(exitCode: number, json: boolean): FcToolResult {
		if (!json) return {stdout: this.out, stderr: this.err, exitCode, changed: this.changed, facts: this.facts};
		const error = this.complaints.join('').trimEnd();
		const value = error === '' ? this.facts : {...this.facts, error};
		return {stdout: JSON.stringify(value, jsonReplacer, 2) + '\n', stderr: '', exitCode, changed: this.changed, facts: value};
	}
}

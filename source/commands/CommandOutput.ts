/** What any command returns: the bytes for each stream and the exit status (0 ok, 1 command error, 2 usage error). */
export interface CommandOutput {
	readonly stdout: string;
	readonly stderr: string;
	readonly exitCode: number;
	/** True when the command changed administrative state that must be saved. */
	readonly changed?: boolean;
	/**
	 * What the command did, as data (the same facts `--json` prints): callers that need to know
	 * (the console's create dialog wants the WWNs drawn) read these, never the printed text.
	 */
	readonly facts?: Readonly<Record<string, unknown>>;
}

export const ExitCode = {ok: 0, commandError: 1, usageError: 2} as const;

export function ok(stdout = '', changed = false): CommandOutput {
	return {stdout, stderr: '', exitCode: 0, changed};
}

export function commandError(message: string): CommandOutput {
	return {stdout: '', stderr: message.endsWith('\n') ? message : message + '\n', exitCode: 1};
}

export function usageError(message: string): CommandOutput {
	return {stdout: '', stderr: message.endsWith('\n') ? message : message + '\n', exitCode: 2};
}

export function json(value: unknown, exitCode = 0, changed = false): CommandOutput {
	return {stdout: JSON.stringify(value, jsonReplacer, 2) + '\n', stderr: '', exitCode, changed};
}

/** BigInt (64-bit FCP LUNs) has no JSON form; print it as a decimal string. */
export function jsonReplacer(_key: string, value: unknown): unknown {
	return typeof value === 'bigint' ? value.toString() : value;
}

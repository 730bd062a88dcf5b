import type {StorageArray} from '../StorageArray.js';
import {StorageError} from '../StorageError.js';
import type {ChangeNotice} from '../StorageArray.js';

export interface ShellContext {
	readonly arrays: readonly StorageArray[];
	readonly json: boolean;
}

export function resolveArray(arrays: readonly StorageArray[], name: string): StorageArray {
	const array = arrays.find(a => a.name === name);
	if (array) return array;
	const known = arrays.length ? ` (arrays: ${arrays.map(a => a.name).join(', ')})` : ' (no arrays in this lab)';
	throw new StorageError(`unknown array '${name}'${known}`);
}

/** All arrays, or the one `--array` names. */
export function selectArrays(arrays: readonly StorageArray[], name: string | undefined): readonly StorageArray[] {
	return name === undefined ? arrays : [resolveArray(arrays, name)];
}

/** A decimal integer operand or option value. */
export function parseCount(text: string, what: string): number {
	if (!/^\d{1,9}$/.test(text)) throw new StorageError(`bad ${what} '${text}': not a number`);
	return Number(text);
}

export function json(value: unknown): string {
	return `${JSON.stringify(value, null, 2)}\n`;
}

/** How the hosts were told about a change, for people: empty when nobody needed telling. */
export function noticeLine(notice: ChangeNotice): string {
	const parts: string[] = [];
	if (notice.unitAttentions > 0) parts.push(`unit attention posted on ${notice.unitAttentions} I_T nexus(es)`);
	if (notice.rscnPorts.length > 0) parts.push(`N_Port-detected RSCN from ${notice.rscnPorts.join(', ')}`);
	if (parts.length === 0) return '';
	const text = parts.join('; ');
	return `${text[0]!.toUpperCase()}${text.slice(1)}.\n`;
}

/**
 * Labs, and parts of labs, known to be valid: checked in this process, or read from a file whose
 * hash shows that this program wrote (and checked) it. Store documents are never changed in
 * place: a changed host, array or fabric is a new object, so "this very object was valid" stays
 * true. A save after a command then checks only what the command made anew (one host's port list
 * in a 100,000-port lab) together with the references between parts, instead of the whole lab.
 */
import type {LabConfig} from '../world/LabConfig.js';

const valid = new WeakSet<object>();

export function markLabValid(lab: LabConfig): void {
	valid.add(lab);
	for (const part of [lab.hosts, lab.arrays, lab.fabrics]) for (const item of part) valid.add(item);
}

export function isKnownValid(part: object): boolean {
	return valid.has(part);
}

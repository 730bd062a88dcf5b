/**
 * The one rule for the names of an array's objects (the array itself, its target ports and its
 * host groups), used by the array model, the storage commands and the store's schema alike, so
 * that a name the array takes is a name the store keeps.
 *
 * A name starts with a letter or digit and holds letters, digits and `_ . : @ + -`, at most 32
 * characters: the set the storage model has always taken (array management tools commonly allow
 * `:` and `@` for names derived from host names and WWNs, such as `web01@dom0-a`).
 */

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,31}$/;

export const STORAGE_NAME_RULE = 'letters, digits, _ . : @ + -, at most 32, starting with a letter or digit';

export function isStorageObjectName(name: string): boolean {
	return NAME.test(name);
}

/**
 * Why a store file was refused or could not be saved. The message always names the file, so a
 * command can print it as is; `problems` holds the individual lines for a `--json` answer.
 */
export type StoreErrorCode =
	/** The file could not be read or written (permissions, a directory in the way...). */
	| 'io'
	/** The store's permissions say it is not to be changed (no write bit, or not writable by us). */
	| 'read-only'
	/** Not JSON at all, or truncated. */
	| 'bad-json'
	/** JSON, but not a store document of a version we know how to read. */
	| 'not-a-store'
	/** Written by a newer npiv-console. */
	| 'too-new'
	/** Violates the schema (after migration). */
	| 'invalid'
	/** Another process held the lock for longer than we were willing to wait. */
	| 'locked'
	/** Another process saved since this one read the file: saving would overwrite its change. */
	| 'newer';

export class StoreError extends Error {
	override readonly name = 'StoreError';

	constructor(
		readonly code: StoreErrorCode,
		/** The file as the caller named it. */
		readonly file: string,
		message: string,
		readonly problems: readonly string[] = [],
	) {
		super(message);
	}
}

export function isStoreError(error: unknown): error is StoreError {
	return error instanceof StoreError;
}

/**
 * A refused management request (unknown array, LUN, group or port; a bad size; a masking
 * conflict). The shell prints the message as is and exits 1, so it must read well on its own.
 */
export class StorageError extends Error {
	override readonly name = 'StorageError';
}

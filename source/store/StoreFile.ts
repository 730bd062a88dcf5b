/**
 * Where a store's bytes really live and how a new version of them is put there. A save writes a
 * temporary file beside the store and renames it over the store (a crash leaves the old file or
 * the new one, never half of one), like lowdb's writer, with what that writer leaves out: the
 * store named through a symbolic link is the file the link points to (the link stays a link),
 * and the new file keeps the old one's permissions; a store its owner made read-only is refused
 * rather than replaced.
 */
import {accessSync, constants, lstatSync, readlinkSync, realpathSync, statSync} from 'node:fs';
import {open, rename, unlink, type FileHandle} from 'node:fs/promises';
import path from 'node:path';
import {StoreError} from './StoreError.js';

/** As many links as the kernel follows before it says ELOOP. */
const MAX_LINKS = 40;
const WRITE_BATCH = 1 << 20;

/**
 * The file `file` names with every symbolic link followed, also when the last one dangles (a
 * store about to be created where the link points). Absolute.
 */
export function storeTarget(file: string): string {
	let current = path.resolve(file);
	for (let hops = 0; hops <= MAX_LINKS; hops++) {
		let info;
		try {
			info = lstatSync(current);
		} catch {
			return current; // missing (to be created) or unreachable (reading says why)
		}
		if (!info.isSymbolicLink()) return current;
		const target = readlinkSync(current);
		// Relative to the folder the link is really in: `..` after a linked folder goes up from its target.
		current = path.resolve(realFolder(path.dirname(current)), target);
	}
	throw new StoreError('io', file, `store ${file}: too many levels of symbolic links`);
}

function realFolder(folder: string): string {
	try {
		return realpathSync(folder);
	} catch {
		return folder;
	}
}

/** How the store is named in a message: as given, and where a link leads when it is one. */
export function storeName(file: string, target: string): string {
	return target === path.resolve(file) ? file : `${file} (a link to ${target})`;
}

/**
 * Replaces `target` with `content` whole, or leaves it as it was. Refuses a store made read-only
 * and anything that is not a regular file; keeps the mode of the file it replaces.
 */
export async function saveStoreBytes(file: string, target: string, content: Iterable<string | Uint8Array>): Promise<void> {
	const name = storeName(file, target);
	let mode: number | undefined;
	try {
		const existing = statSync(target);
		if (existing.isDirectory()) throw new StoreError('io', file, `store ${name} is a folder, not a store file`);
		if (!existing.isFile()) throw new StoreError('io', file, `store ${name} is not a regular file`);
		mode = existing.mode & 0o7777;
	} catch (error) {
		if (error instanceof StoreError) throw error;
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError('io', file, `store ${name}: cannot save it: ${(error as Error).message}`);
	}
	if (mode !== undefined && !writable(target, mode)) throw readOnly(file, target, mode);
	const folder = path.dirname(target);
	// One temporary name per store, as lowdb's writer uses: saves of one store take its lock, so
	// two never share it, and one left by a killed process is simply replaced.
	const temporary = path.join(folder, `.${path.basename(target)}.tmp`);
	await unlink(temporary).catch(() => undefined);
	let handle;
	try {
		handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode ?? 0o666);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? `its folder ${folder} is not writable (a save writes a new file beside the store and renames it over the store)` : (error as Error).message;
		throw new StoreError('io', file, `store ${name}: cannot save it: ${why}`);
	}
	try {
		try {
			// The umask narrowed the mode open() was given: the store keeps exactly what it had.
			if (mode !== undefined) await handle.chmod(mode);
			await writeAll(handle, content);
		} finally {
			await handle.close();
		}
		await rename(temporary, target);
	} catch (error) {
		await unlink(temporary).catch(() => undefined);
		throw new StoreError('io', file, `store ${name}: cannot save it: ${(error as Error).message}`);
	}
}

/** A few large writes rather than one per piece (a big store comes in hundreds of pieces). */
async function writeAll(handle: FileHandle, content: Iterable<string | Uint8Array>): Promise<void> {
	let batch: Uint8Array[] = [];
	let size = 0;
	const flush = async (): Promise<void> => {
		const bytes = batch.length === 1 ? batch[0]! : Buffer.concat(batch);
		for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
		batch = [];
		size = 0;
	};
	for (const chunk of content) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
		batch.push(bytes);
		size += bytes.length;
		if (size >= WRITE_BATCH) await flush();
	}
	if (size > 0) await flush();
}

/**
 * Refuses a change to a store made read-only before anything is locked or run (saving checks
 * again): its folder may be read-only too, and then even the lock could not be taken.
 */
export function refuseReadOnly(file: string, target: string): void {
	let mode: number;
	try {
		const info = statSync(target);
		if (!info.isFile()) return;
		mode = info.mode & 0o7777;
	} catch {
		return; // missing: it will be created
	}
	if (!writable(target, mode)) throw readOnly(file, target, mode);
}

function readOnly(file: string, target: string, mode: number): StoreError {
	return new StoreError(
		'read-only',
		file,
		`store ${storeName(file, target)} is read-only (mode ${modeText(mode)}): the change was refused and the file was left unchanged; make it writable (chmod u+w ${target}) to change its lab`,
	);
}

/**
 * Whether the store may be replaced: the system lets us write it, and its mode has a write bit at
 * all (root may write anything; a store made r--r--r-- still says "leave me as I am").
 */
function writable(target: string, mode: number): boolean {
	if ((mode & 0o222) === 0) return false;
	try {
		accessSync(target, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

function modeText(mode: number): string {
	const bits = 'rwxrwxrwx';
	let text = '';
	for (let i = 0; i < 9; i++) text += mode & (0o400 >> i) ? bits[i] : '-';
	return text;
}

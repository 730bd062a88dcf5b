/**
 * Files a command writes where the operator said (`xm save DOM FILE`, an exported cast). A
 * command checks first that the file can be made (`canCreateOutputFile`), does its work, and
 * only then writes: through a temporary file in the same folder and a rename, so a refused or
 * interrupted command never truncates what was there, and a reader sees the old file or the new
 * one, never half of one. (The store's own saves work the same way: see StoreFile.ts.)
 */
import {accessSync, chmodSync, closeSync, constants, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import path from 'node:path';

/**
 * Whether FILE can be written without writing it: its folder exists and is writable, and FILE is
 * not a folder. xm asks the same before it asks xend to save (`os.access(dirname, W_OK)` in
 * xen/xm/main.py), so an unwritable path fails before the domain is touched.
 */
export function canCreateOutputFile(file: string): boolean {
	return outputFileProblem(file) === undefined;
}

/** Why FILE could not be written (in words for a message: "no such folder /x"), or undefined when it can. */
export function outputFileProblem(file: string): string | undefined {
	if (file === '') return 'no file named';
	const resolved = path.resolve(file);
	const folder = path.dirname(resolved);
	try {
		if (!statSync(folder).isDirectory()) return `${folder} is not a folder`;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' ? `no such folder ${folder}` : code === 'ENOTDIR' ? `${folder} is not a folder` : `cannot reach the folder ${folder} (${code ?? (error as Error).message})`;
	}
	try {
		accessSync(folder, constants.W_OK);
	} catch {
		return `the folder ${folder} is not writable`;
	}
	try {
		return statSync(resolved).isDirectory() ? 'it is a folder' : undefined;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' ? undefined : `cannot reach it (${code ?? (error as Error).message})`;
	}
}

/**
 * Writes FILE whole or not at all; throws with the system's reason when it cannot. `sync: false`
 * skips the flush to disk (a replay's thousands of frames), keeping the all-or-nothing rename.
 */
export function replaceOutputFile(file: string, text: string | Uint8Array, options: {readonly sync?: boolean} = {}): void {
	const resolved = path.resolve(file);
	const folder = path.dirname(resolved);
	let mode: number | undefined;
	try {
		const existing = statSync(resolved);
		if (existing.isDirectory()) throw Object.assign(new Error(`${file} is a folder`), {code: 'EISDIR'});
		// A file being replaced keeps its permissions, as an in-place write would.
		mode = existing.mode & 0o7777;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const {fd, temporary} = openTemporary(folder, path.basename(resolved));
	try {
		const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
		for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
		if (options.sync !== false) fsyncSync(fd);
		closeSync(fd);
		if (mode !== undefined) chmodSync(temporary, mode);
		renameSync(temporary, resolved);
	} catch (error) {
		try {
			closeSync(fd);
		} catch {
			// closed already
		}
		try {
			unlinkSync(temporary);
		} catch {
			// never created or already renamed
		}
		throw error;
	}
}

/** `replaceOutputFile` for commands that only say whether it worked (xm: "Unable to create file"). */
export function writeOutputFile(file: string, text: string): boolean {
	try {
		replaceOutputFile(file, text);
		return true;
	} catch {
		return false;
	}
}

let temporaries = 0;

/** A new file beside the target, created exclusively so two writers never share one. */
function openTemporary(folder: string, base: string): {fd: number; temporary: string} {
	for (let attempt = 0; ; attempt++) {
		const temporary = path.join(folder, `.${base}.${process.pid}.${++temporaries}.tmp`);
		try {
			return {fd: openSync(temporary, 'wx', 0o666), temporary};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
		}
	}
}

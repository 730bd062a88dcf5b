/**
 * Files a command reads because the operator named them (`xm create CONFIG`, `xm restore FILE`).
 * The name may come from a session someone sent, so a read must be cheap whatever it names:
 * only a regular file, at most a size cap, and never a wait (a FIFO nobody writes to would block
 * an ordinary open forever; /dev/zero would fill the memory).
 */
import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs';

/** 1 MiB: a domain configuration or checkpoint is a few KiB. */
export const INPUT_FILE_CAP = 1024 * 1024;

export class InputFileError extends Error {
	constructor(
		readonly file: string,
		/** Why, in a few words: 'no such file', 'not a regular file', ... */
		readonly reason: string,
		readonly code: string,
	) {
		super(`${file}: ${reason}`);
		this.name = 'InputFileError';
	}
}

export function isInputFileError(error: unknown): error is InputFileError {
	return error instanceof InputFileError;
}

/** Reads FILE as UTF-8 text; throws an InputFileError when it is missing, not a regular file, or larger than `cap` bytes. */
export function readInputFile(file: string, cap: number = INPUT_FILE_CAP): string {
	let fd: number;
	try {
		// O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
		fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
	} catch (error) {
		throw fromSystem(file, error);
	}
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile()) throw new InputFileError(file, stat.isDirectory() ? 'it is a folder' : 'not a regular file', 'ENOTREG');
		if (stat.size > cap) throw new InputFileError(file, `larger than ${capText(cap)}`, 'EFBIG');
		// One byte more than it said: a file that grows while we read is refused, not cut.
		const buffer = Buffer.alloc(stat.size + 1);
		let length = 0;
		for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
		if (length > stat.size) throw new InputFileError(file, 'it changed while it was read', 'EAGAIN');
		return buffer.subarray(0, length).toString('utf8');
	} catch (error) {
		if (error instanceof InputFileError) throw error;
		throw fromSystem(file, error);
	} finally {
		closeSync(fd);
	}
}

function fromSystem(file: string, error: unknown): InputFileError {
	const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
	const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' ? 'no such file' : 'cannot be read';
	return new InputFileError(file, reason, code);
}

function capText(cap: number): string {
	return cap % (1024 * 1024) === 0 ? `${cap / (1024 * 1024)} MiB` : `${cap} bytes`;
}

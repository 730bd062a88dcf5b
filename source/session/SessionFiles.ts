/** Reading and writing session files and exported pictures; the only file I/O besides saved frames and store copies. */
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {replaceOutputFile} from '../store/OutputFile.js';
import {SessionSyntaxError} from './SessionError.js';
import type {ParsedSession, Session} from './SessionFormat.js';
import {parseSession, type ParseOptions} from './SessionParser.js';
import type {StepContext} from './Replayer.js';
import type {Frame} from './SessionDriver.js';
import type {SvgSnapshot} from './SessionExport.js';
import {writeSession} from './SessionWriter.js';

/** Reads and parses a session; a missing or unreadable file is a SessionSyntaxError at line 0, like a bad line. */
export function readSessionFile(file: string, options: Omit<ParseOptions, 'file'> = {}): ParsedSession {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		throw new SessionSyntaxError([{file, line: 0, message: `cannot read the session: ${why}`}]);
	}
	return parseSession(text, {...options, file});
}

/** Writes a session (or a recorder's text) through a temporary file, so a crash never leaves half a session. */
export function writeSessionFile(file: string, session: Session | string): void {
	const text = typeof session === 'string' ? session : writeSession(session);
	mkdirSync(path.dirname(path.resolve(file)), {recursive: true});
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, text);
	renameSync(temporary, file);
}

/** Writes `<dir>/<name>.svg` for each snapshot; returns the paths written. */
export function writeSvgSnapshots(dir: string, pictures: readonly SvgSnapshot[]): string[] {
	mkdirSync(dir, {recursive: true});
	return pictures.map(picture => {
		const file = path.join(dir, `${picture.name}.svg`);
		replaceOutputFile(file, picture.svg);
		return file;
	});
}

/**
 * An onFrame callback for `--frames DIR`: every frame as `<dir>/0001.txt` (the screen text) and
 * `<dir>/0001.ans` (with colours), numbered in replay order from 0000 (the start).
 */
export function frameFolderWriter(dir: string): (frame: Frame, context: StepContext) => void {
	mkdirSync(dir, {recursive: true});
	let index = 0;
	return frame => {
		const base = path.join(dir, String(index++).padStart(4, '0'));
		replaceOutputFile(`${base}.txt`, frame.text + '\n', {sync: false});
		replaceOutputFile(`${base}.ans`, frame.ansi + '\n', {sync: false});
	};
}

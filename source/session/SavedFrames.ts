/**
 * The frames a session's `snapshot` steps are checked against, kept beside the session file as
 * `<session>.frames/<name>.txt` so they are reviewed and committed with it.
 */
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {savedFrameText} from './FrameText.js';

export interface FrameArchive {
	/** Where the frame lives, for messages. */
	where(name: string): string;
	/** The saved text, or undefined when there is none. */
	read(name: string): string | undefined;
	write(name: string, text: string): void;
}

export function framesDirFor(sessionFile: string): string {
	return `${sessionFile}.frames`;
}

export class FrameDirectory implements FrameArchive {
	constructor(readonly dir: string) {}

	where(name: string): string {
		return path.join(this.dir, `${name}.txt`);
	}

	read(name: string): string | undefined {
		try {
			return readFileSync(this.where(name), 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw error;
		}
	}

	write(name: string, text: string): void {
		mkdirSync(this.dir, {recursive: true});
		const file = this.where(name);
		// write then rename: an interrupted --update never leaves half a frame
		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, savedFrameText(text));
		renameSync(temporary, file);
	}
}

/** Frames held in memory: for tests and for callers that keep frames elsewhere. */
export class FrameMemory implements FrameArchive {
	readonly frames = new Map<string, string>();

	where(name: string): string {
		return `${name}.txt`;
	}

	read(name: string): string | undefined {
		return this.frames.get(name);
	}

	write(name: string, text: string): void {
		this.frames.set(name, savedFrameText(text));
	}
}

/**
 * The files a replayed session may touch. A session is a file someone may have sent you, and its
 * steps run real commands (`run xm save web01 FILE`, `xm create FILE`, a `:` line typed key by
 * key), so a replay confines them: every file a step reads or writes, and the store it starts
 * from, must be inside the session file's own folder. Relative names are taken from that folder
 * (not the working directory, so a session means the same wherever it is replayed from); a name
 * is checked on its real path (symlinks resolved), so neither `..`, an absolute path nor a link
 * leads out. The command line's own outputs (--frames, --cast, --svg, the session's .frames
 * folder) are written by the command, not by a step, and are not limited.
 *
 * A refused access fails the step's command before it changes anything (the command sees an
 * unreadable or uncreatable file), and the replayer then stops the whole replay with the
 * refusal, naming the session file and the step's line.
 */
import {realpathSync} from 'node:fs';
import path from 'node:path';
import {InputFileError, readInputFile} from '../store/InputFile.js';
import {canCreateOutputFile, writeOutputFile} from '../store/OutputFile.js';
import {shown} from '../commands/ShownValue.js';

/** What the replayer asks after each step: the first access refused since it last asked. */
export interface RefusalSource {
	takeRefusal(): string | undefined;
}

export class SessionSandbox implements RefusalSource {
	/** The session's folder, as a real path. */
	readonly root: string;
	private refusal: string | undefined;

	/** The sandbox of the session in `sessionFile`: that file's folder. */
	static forSession(sessionFile: string): SessionSandbox {
		return new SessionSandbox(path.dirname(path.resolve(sessionFile)));
	}

	constructor(folder: string) {
		this.root = realPath(path.resolve(folder));
	}

	/** The real path of `name` (relative to the session's folder) when it is inside; otherwise undefined, and the refusal noted. */
	resolve(name: string, what: string): string | undefined {
		const inside = this.inside(name);
		if (inside !== undefined) return inside;
		this.refusal ??= `${what} ${quoted(name)}: outside the session's folder ${shown(this.root)} (a replayed session reads and writes only files in its own folder)`;
		return undefined;
	}

	/** As resolve, without noting anything: for checks made before the replay (the start store). */
	inside(name: string): string | undefined {
		if (name === '' || name.includes('\0')) return undefined;
		let real: string;
		try {
			real = realPath(path.resolve(this.root, name));
		} catch {
			// A link loop or a folder we may not list: where it leads cannot be known, so it is refused.
			return undefined;
		}
		return contains(this.root, real) ? real : undefined;
	}

	readFile = (name: string): string => {
		const file = this.resolve(name, 'may not read');
		if (file === undefined) throw new InputFileError(name, 'outside the session folder', 'EACCES');
		return readInputFile(file);
	};

	canWrite = (name: string): boolean => {
		const file = this.resolve(name, 'may not write');
		return file !== undefined && canCreateOutputFile(file);
	};

	writeFile = (name: string, text: string): boolean => {
		const file = this.resolve(name, 'may not write');
		return file !== undefined && writeOutputFile(file, text);
	};

	takeRefusal(): string | undefined {
		const refusal = this.refusal;
		this.refusal = undefined;
		return refusal;
	}
}

/**
 * The real path of `file`: its deepest existing ancestor through realpath, then the rest of the
 * names as given. A name that does not exist yet cannot be a link, and a file written there is
 * renamed into place (store/OutputFile), which replaces a dangling link rather than following it.
 */
function realPath(file: string): string {
	const rest: string[] = [];
	let at = file;
	for (;;) {
		try {
			return path.join(realpathSync(at), ...rest.reverse());
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
			const up = path.dirname(at);
			if (up === at) return file;
			rest.push(path.basename(at));
			at = up;
		}
	}
}

function contains(root: string, file: string): boolean {
	const relative = path.relative(root, file);
	return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function quoted(name: string): string {
	return `'${shown(name)}'`;
}

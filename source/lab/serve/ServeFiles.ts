/**
 * Where the server of a store listens, and where a detached server notes its pid: beside the
 * store (`.store.json.npiv.sock`, beside the file a link points to), so that two stores never share a socket and whoever can read
 * the store's folder finds its server. A path too long for a Unix socket (about 100 bytes) goes to
 * $XDG_RUNTIME_DIR, or a private folder in the temporary directory, named by a hash of the
 * store's real path. Windows has named pipes instead.
 *
 * This module is loaded by every one-shot command looking for a server: node built-ins only.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, realpathSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServeFiles {
	/** The store's absolute path, with its folder's symbolic links resolved (one store, one name). */
	readonly store: string;
	readonly socket: string;
	/** Written by `npiv lab serve --detach`. */
	readonly pidFile: string;
}

/** sun_path holds 108 bytes on Linux and 104 on macOS; keep clear of both. */
const MAX_SOCKET_PATH = 100;

export function serveFilesFor(statePath: string): ServeFiles {
	const resolved = path.resolve(statePath);
	// The store a link points to is the store: a console opened through the link and a command
	// given the file itself find the same server (and the lock lies beside the real file too).
	const store = realFile(resolved) ?? path.join(realFolder(path.dirname(resolved)), path.basename(resolved));
	const beside = path.join(path.dirname(store), `.${path.basename(store)}.npiv`);
	const hash = createHash('sha1').update(store).digest('hex').slice(0, 16);
	if (process.platform === 'win32') return {store, socket: `\\\\.\\pipe\\npiv-${hash}`, pidFile: `${beside}.pid`};
	if (Buffer.byteLength(`${beside}.sock`) <= MAX_SOCKET_PATH) return {store, socket: `${beside}.sock`, pidFile: `${beside}.pid`};
	return {store, socket: path.join(runtimeFolder(), `npiv-${hash}.sock`), pidFile: `${beside}.pid`};
}

function realFile(file: string): string | undefined {
	try {
		return realpathSync(file);
	} catch {
		return undefined;
	}
}

function realFolder(folder: string): string {
	try {
		return realpathSync(folder);
	} catch {
		return folder;
	}
}

/** $XDG_RUNTIME_DIR (private to the user by definition), else a folder only the user can enter. */
function runtimeFolder(): string {
	const xdg = process.env['XDG_RUNTIME_DIR'];
	if (xdg) return xdg;
	const folder = path.join(os.tmpdir(), `npiv-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
	try {
		mkdirSync(folder, {recursive: true, mode: 0o700});
	} catch {
		// used as it is; the socket itself is 0600
	}
	return folder;
}

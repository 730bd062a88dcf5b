/**
 * This npiv-console's version (package.json), which a client and a server compare: a server of
 * another version may print other bytes, so a client then runs the command itself. Node built-ins
 * only (loaded by every one-shot command).
 */
import {readFileSync} from 'node:fs';

function ownVersion(): string {
	// dist/*.js sit one level below the package; source/lab/serve/*.ts three.
	for (const up of ['../package.json', '../../../package.json']) {
		try {
			const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {name?: unknown; version?: unknown};
			if (pkg.name === 'npiv-console' && typeof pkg.version === 'string') return pkg.version;
		} catch {
			// not there: one level up
		}
	}
	return 'unknown';
}

export const NPIV_VERSION = ownVersion();

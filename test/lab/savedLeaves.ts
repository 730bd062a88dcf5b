/**
 * What a save writes, minus the revision (one lab saves once, another once per command), as one
 * line per leaf with its path and the live state's texts parsed: a difference names its place.
 */
import {finaliseDocument} from '../../source/store/DocumentCodec.js';
import type {StoreDocument} from '../../source/store/index.js';

export function savedLeaves(doc: StoreDocument): string {
	const {revision: _r, live, ...rest} = finaliseDocument(doc, 0);
	const parsed = live ? {media: JSON.parse(live.media.text) as unknown, fabrics: live.fabrics.map(f => JSON.parse(f.text) as unknown), hosts: live.hosts.map(h => JSON.parse(h.text) as unknown), xen: JSON.parse(live.xen.text) as unknown} : null;
	const lines: string[] = [];
	const walk = (path: string, v: unknown): void => {
		if (v && typeof v === 'object') {
			for (const [k, x] of Object.entries(v)) walk(`${path}.${k}`, x);
			if (Object.keys(v).length === 0) lines.push(`${path} = ${Array.isArray(v) ? '[]' : '{}'}`);
		} else lines.push(`${path} = ${JSON.stringify(v)}`);
	};
	walk('doc', rest);
	walk('live', parsed);
	return lines.join('\n');
}

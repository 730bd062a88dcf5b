/**
 * RSCN pages as people read them (`port 010800`, `area 0108`, `domain 01`, `fabric`), decoded
 * from what an event carries: the fabric's `fabric.rscn` events name the address format and the
 * affected IDs, the driver's `port_rscn` sysevents the 32-bit page words of the payload.
 */
import type {SanEvent} from '../../sim/EventLog.js';

const FORMATS = ['port', 'area', 'domain', 'fabric'] as const;
type Format = (typeof FORMATS)[number];

export function pageText(format: Format, affected: number): string {
	const hex = (affected & 0xffffff).toString(16).padStart(6, '0');
	switch (format) {
		case 'port':
			return `port ${hex}`;
		case 'area':
			return `area ${hex.slice(0, 4)}`;
		case 'domain':
			return `domain ${hex.slice(0, 2)}`;
		case 'fabric':
			return 'fabric';
	}
}

/** A payload word: flags byte (qualifier << 2 | address format) then the affected ID. */
export function pageWordText(word: number): string {
	return pageText(FORMATS[(word >>> 24) & 0x3]!, word & 0xffffff);
}

/** The decoded pages of an event that carries an RSCN, or undefined. */
export function rscnPages(event: SanEvent): string[] | undefined {
	const data = event.data;
	const words = data['affectedPages'];
	if (Array.isArray(words) && words.length > 0) return words.map(w => pageWordText(parseInt(String(w), 16)));
	if (!event.type.includes('rscn')) return undefined;
	const format = data['format'];
	const affected = data['affected'];
	if (format === 'fabric') return ['fabric'];
	if (typeof format === 'string' && (FORMATS as readonly string[]).includes(format) && Array.isArray(affected) && affected.length > 0) {
		return affected.map(a => pageText(format as Format, parseInt(String(a), 16)));
	}
	if (Array.isArray(affected) && affected.length > 0) return affected.map(a => pageText('port', parseInt(String(a), 16)));
	return undefined;
}

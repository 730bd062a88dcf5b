/**
 * The Events pane over the world's capped event log. Rows are made once per event and kept by
 * sequence number, so a new event costs one row and an array of at most the log's capacity.
 */
import type {EventLog, SanEvent} from '../../sim/EventLog.js';
import type {EventRow} from '../model/ConsoleSource.js';
import {rscnPages} from './RscnPages.js';

export function eventKey(seq: number): string {
	return `ev:${seq}`;
}

export function eventRow(e: SanEvent): EventRow {
	const pages = rscnPages(e);
	return {key: eventKey(e.seq), seq: e.seq, t: e.t, source: e.source, type: e.type, summary: e.summary, ...(pages ? {rscnPages: pages} : {})};
}

export class EventRows {
	private rows: readonly EventRow[] = [];
	private byKey = new Map<string, {row: EventRow; event: SanEvent}>();
	private log: EventLog | undefined;
	private seenSeq = Number.NaN;
	private seenFirst = Number.NaN;

	/** The rows for `log` as it is now; the same array while the log has not moved. */
	update(log: EventLog): readonly EventRow[] {
		const entries = log.entries();
		const first = entries[0]?.seq ?? -1;
		if (log === this.log && log.lastSeq === this.seenSeq && first === this.seenFirst) return this.rows;
		if (log !== this.log) this.byKey.clear();
		const next = new Map<string, {row: EventRow; event: SanEvent}>();
		const rows = entries.map(e => {
			const key = eventKey(e.seq);
			const known = this.byKey.get(key);
			const entry = known && known.event === e ? known : {row: eventRow(e), event: e};
			next.set(key, entry);
			return entry.row;
		});
		this.byKey = next;
		this.rows = rows;
		this.log = log;
		this.seenSeq = log.lastSeq;
		this.seenFirst = first;
		return rows;
	}

	/** The event behind a row key (for the detail panel). */
	event(key: string): SanEvent | undefined {
		return this.byKey.get(key)?.event;
	}
}

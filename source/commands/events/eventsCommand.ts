/**
 * `npiv events [--type T] [--since TIME] [--source S] [--limit N] [--follow]`: the event log.
 * A type filter matches a dotted prefix (`fabric.rscn` matches `fabric.rscn.sent`) and may be
 * given several times or comma-separated. Following is done by the caller (it watches the store).
 */
import type {SanEvent} from '../../sim/EventLog.js';
import {formatSimTime, parseSimTime} from '../../world/SimClockText.js';
import {commandError, json, ok, usageError, type CommandOutput} from '../CommandOutput.js';
import {asksForHelp, helpOutput} from '../families/FamilyOutput.js';
import {eventJson} from './SimTimeJson.js';

export interface EventsQuery {
	readonly types: readonly string[];
	readonly since?: number;
	readonly source?: string;
	readonly limit?: number;
	readonly follow: boolean;
}

export const EVENTS_USAGE = 'Usage: npiv events [--type T[,T...]] [--since TIME] [--source NAME] [--limit N] [--follow] [--json]\n';

export function parseEventsArgs(argv: readonly string[], asJson = false): EventsQuery | CommandOutput {
	if (asksForHelp(argv)) return helpOutput(EVENTS_USAGE, asJson);
	const types: string[] = [];
	let since: number | undefined;
	let source: string | undefined;
	let limit: number | undefined;
	let follow = false;
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i]!;
		const [name, inline] = word.includes('=') ? (word.split(/=(.*)/s, 2) as [string, string]) : [word, undefined];
		const value = (): string | undefined => inline ?? argv[++i];
		switch (name) {
			case '--type':
			case '-t': {
				const v = value();
				if (!v) return usageError(`npiv events: --type needs a value\n${EVENTS_USAGE}`);
				types.push(...v.split(',').filter(Boolean));
				break;
			}
			case '--since': {
				const v = value();
				const t = v === undefined ? undefined : parseSimTime(v);
				if (t === undefined) return usageError(`npiv events: --since takes a simulated time such as 2.5s, 1500ms or 00:01:02.5, not '${v ?? ''}'\n${EVENTS_USAGE}`);
				since = t;
				break;
			}
			case '--source': {
				const v = value();
				if (!v) return usageError(`npiv events: --source needs a value\n${EVENTS_USAGE}`);
				source = v;
				break;
			}
			case '--limit':
			case '-n': {
				const v = value();
				const n = Number(v);
				if (!Number.isInteger(n) || n <= 0) return usageError(`npiv events: --limit takes a positive whole number\n${EVENTS_USAGE}`);
				limit = n;
				break;
			}
			case '--follow':
			case '-f':
				follow = true;
				break;
			default:
				return usageError(`npiv events: unknown option '${word}'\n${EVENTS_USAGE}`);
		}
	}
	return {types, since, source, limit, follow};
}

export function selectEvents(events: readonly SanEvent[], q: EventsQuery): SanEvent[] {
	let out = events.filter(
		e =>
			(q.types.length === 0 || q.types.some(t => e.type === t || e.type.startsWith(t + '.'))) &&
			(q.since === undefined || e.t >= q.since) &&
			(q.source === undefined || e.source === q.source || e.source.startsWith(q.source + '/')),
	);
	if (q.limit !== undefined) out = out.slice(-q.limit);
	return out;
}

export function formatEventLine(e: SanEvent): string {
	return `${formatSimTime(e.t)}  ${e.source.padEnd(16)} ${e.type.padEnd(26)} ${e.summary}`;
}

/** With --json an object, `{"events": [...]}`, so that an error (`{"error": ...}`) is told apart by its key. */
export function renderEvents(events: readonly SanEvent[], asJson: boolean): CommandOutput {
	if (asJson) return json({events: events.map(eventJson)});
	if (events.length === 0) return ok('');
	return ok(events.map(formatEventLine).join('\n') + '\n');
}

export function eventsCommand(events: readonly SanEvent[], argv: readonly string[], asJson: boolean): CommandOutput {
	const q = parseEventsArgs(argv, asJson);
	if ('exitCode' in q) return q;
	if (q.follow) return commandError('npiv events: --follow is handled by the caller');
	return renderEvents(selectEvents(events, q), asJson);
}

/**
 * `npiv events --follow`: prints the log, then every event other processes save to the store,
 * until interrupted. It watches the store's folder (a save is a rename, so the file itself is
 * replaced) instead of polling.
 */
import {watch} from 'node:fs';
import path from 'node:path';
import type {Store} from '../../store/index.js';
import {jsonReplacer, ok, type CommandOutput} from '../CommandOutput.js';
import {formatEventLine, selectEvents, type EventsQuery} from './eventsCommand.js';
import {eventJson} from './SimTimeJson.js';

export async function followEvents(store: Store, query: EventsQuery, asJson: boolean): Promise<CommandOutput> {
	let lastSeq = -1;
	const print = (events: ReturnType<typeof selectEvents>): void => {
		for (const e of events) {
			if (e.seq <= lastSeq) continue;
			lastSeq = e.seq;
			process.stdout.write(asJson ? JSON.stringify(eventJson(e), jsonReplacer) + '\n' : formatEventLine(e) + '\n');
		}
	};
	print(selectEvents((await store.read()).events, query));
	const dir = path.dirname(path.resolve(store.file));
	const base = path.basename(store.file);
	await new Promise<void>(resolve => {
		let reading = false;
		let again = false;
		const watcher = watch(dir, (_event, name) => {
			if (name !== base) return;
			const readNew = async (): Promise<void> => {
				if (reading) {
					again = true;
					return;
				}
				reading = true;
				try {
					print(selectEvents((await store.read()).events, {...query, limit: undefined}));
				} catch {
					// A store mid-replacement or briefly invalid: the next change reads it again.
				} finally {
					reading = false;
					if (again) {
						again = false;
						void readNew();
					}
				}
			};
			void readNew();
		});
		const stop = (): void => {
			watcher.close();
			resolve();
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
	return ok('');
}

/**
 * The headless replay figure for `npm run bench` over the real SAN: a session of the keys a person
 * presses (panes, lists, filter, help, the command bar) and waits that let the SAN run, replayed
 * over the default lab with on-demand drawing, the way `npiv session check` replays.
 */
import {parseSession} from '../../session/SessionParser.js';
import {measureReplaySpeed, type ReplaySpeed} from '../../session/ReplaySpeed.js';
import {createConsoleSessionDriver} from './ConsoleSessionDriver.js';
import {worldReplaySourceFactory} from './WorldReplaySource.js';

export interface WorldReplaySpeed extends ReplaySpeed {
	/** What was replayed over what, for the bench's note. */
	readonly source: string;
}

const ROUND = [
	'key 1',
	'key j x6',
	'key k x6',
	'key 2',
	'key j',
	'key 3',
	'key j x20',
	'key G',
	'key g',
	'key 4',
	'key k x30',
	'key f',
	'key 5',
	'key j x3',
	'key 6',
	'key ] x3',
	'key /',
	'type "dom0"',
	'key enter',
	'key escape',
	'key ?',
	'key escape',
	'run fcinfo hba-port',
	'key escape',
	'wait 250ms',
];

/** `rounds` times the keys above (about 120 steps a round); the figure counts each key press. */
export async function measureWorldReplaySpeed(rounds = 20): Promise<WorldReplaySpeed> {
	const steps = Array.from({length: rounds}, () => ROUND.join('\n')).join('\n');
	const session = parseSession(`# npiv session v1\nstart scenario lab\nsize 120x40\n---\n${steps}\nexpect "npiv-console"\n`);
	const driver = createConsoleSessionDriver(worldReplaySourceFactory('scenario lab'), {render: 'on-demand'});
	try {
		const speed = await measureReplaySpeed(session, driver);
		return {...speed, source: 'console (on-demand render) over the default lab (World), boot included'};
	} finally {
		await driver.dispose();
	}
}

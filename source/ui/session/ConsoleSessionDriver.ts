/**
 * The real console as a SessionDriver, in one of two ways (see ConsoleDriverOptions.render):
 * live, mounted and drawing after every step as on a terminal, or on demand, drawing only the
 * frames a replay looks at.
 */
import type {SessionDriver} from '../../session/SessionDriver.js';
import {InkSessionDriver} from './InkSessionDriver.js';
import {OnDemandConsoleDriver} from './OnDemandConsoleDriver.js';
import {buildConsole, type ConsoleDriverOptions, type ReplaySourceFactory} from './ReplayConsole.js';

export type {ConsoleDriverOptions, ConsoleUnderReplay, ReplayableSource, ReplaySourceFactory} from './ReplayConsole.js';
export {buildConsole} from './ReplayConsole.js';

export type DisposableSessionDriver = SessionDriver & {dispose(): Promise<void>};

export function createConsoleSessionDriver(createSource: ReplaySourceFactory, options: ConsoleDriverOptions = {}): DisposableSessionDriver {
	if (options.render === 'on-demand') return new OnDemandConsoleDriver(createSource, options);
	return new InkSessionDriver(async (start, seed, size) => buildConsole(await createSource(start, seed, size), size, options), options);
}

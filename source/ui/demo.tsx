/** The console on the fake lab (`npiv ui --demo`): everything works, nothing is saved. */
import {FakeConsoleSource} from './model/FakeConsoleSource.js';
import {runConsole} from './runConsole.js';

export interface DemoOptions {
	readonly noColor?: boolean;
	/** Extra generated virtual ports, to feel 100,000 rows. */
	readonly vports?: number;
	readonly keysFile?: string;
}

export async function runDemo(opts: DemoOptions = {}): Promise<number> {
	const source = new FakeConsoleSource({live: true, storeFile: '(demo: in memory)', ...(opts.vports ? {extraVports: opts.vports} : {})});
	try {
		return await runConsole(source, {
			stdin: process.stdin,
			stdout: process.stdout,
			noColor: opts.noColor ?? process.env['NO_COLOR'] !== undefined,
			...(opts.keysFile ? {keysFile: opts.keysFile} : {}),
		});
	} finally {
		source.dispose();
	}
}

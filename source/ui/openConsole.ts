import type {GlobalOptions} from '../commands/GlobalOptions.js';

/** Opens the console (wired once the console adapter over the world exists). */
export async function openConsole(_globals: GlobalOptions, _opts: {record?: string; args: string[]}): Promise<number> {
	process.stderr.write('npiv: the console is not wired yet; try npiv fcinfo hba-port\n');
	return 2;
}

import type {World} from '../../world/World.js';
import type {GlobalOptions} from '../GlobalOptions.js';

/** What a command family runs against: the booted world and the global options. */
export interface FamilyContext {
	readonly world: World;
	readonly globals: GlobalOptions;
	/** Reads a file the operator named (xm create CONFIG); commands/ may touch the file system. */
	readonly readFile: (path: string) => string;
}

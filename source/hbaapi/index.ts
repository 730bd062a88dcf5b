/**
 * The HBA-API v2 with Sun's NPIV extensions, importable as `npiv-console/hbaapi`.
 * `createHbaApi(stack, {sim, wwnRegistry, prng})` gives one host's view of the library.
 */
export * from './types.js';
export {createHbaApi, type HbaApiLive, type HbaApiOptions, type HbaLibraryLive} from './HbaLibrary.js';
export {speedBit, speedBits, portTypeOf} from './Attributes.js';
export {SUN_OUI, RandomWwnSource, type RandomWwnPair} from './RandomWwn.js';
export type {WwnRegistry} from '../driver/WwnRegistry.js';
export {MemoryWwnRegistry} from '../driver/WwnRegistry.js';

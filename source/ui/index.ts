/** The console's public surface for cli.tsx, the benchmark, the README script and sessions. */
export type * from './model/ConsoleSource.js';
export {PANES, CLOCK_SPEEDS} from './model/ConsoleSource.js';
export {FakeConsoleSource, type FakeSourceOptions} from './model/FakeConsoleSource.js';
export {runConsole, NEEDS_TTY, type RunConsoleOptions} from './runConsole.js';
export {mountConsole, type MountOptions, type MountedConsole, type ConsoleExit} from './mount.js';
export {runDemo, type DemoOptions} from './demo.js';
export {measureKeypressToFrame, type KeypressBenchResult, type KeypressBenchOptions} from './bench.js';
export {renderKeyTableMarkdown} from './keys/keyTable.js';
export {KeyRegistry} from './keys/KeyRegistry.js';
export {loadKeyRegistry, defaultKeysFile} from './keys/userBindings.js';
export {DEFAULT_BINDINGS, type CommandId, type Context} from './keys/defaultBindings.js';
export {keySequence, canonicalKeyName, type KeyName} from './keys/keyNames.js';
export {HeadlessStdin, HeadlessStdout} from './headless.js';

// Stable frames: Ink renders non-interactively under CI and drops colour under NO_COLOR;
// snapshot tests force both so that a developer's shell and CI produce the same bytes.
delete process.env['CI'];
delete process.env['NO_COLOR'];
process.env['FORCE_COLOR'] = '1';

// A console a test opens keeps the operator's settings (pane, sorts...) under XDG_STATE_HOME:
// in a folder of the test run, never in the developer's own.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
process.env['XDG_STATE_HOME'] = mkdtempSync(join(tmpdir(), 'npiv-test-state-'));

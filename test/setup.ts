// Stable frames: Ink renders non-interactively under CI and drops colour under NO_COLOR;
// snapshot tests force both so that a developer's shell and CI produce the same bytes.
delete process.env['CI'];
delete process.env['NO_COLOR'];
process.env['FORCE_COLOR'] = '1';

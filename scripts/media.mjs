// `npm run media`: the README's pictures and cast, made from the project's own sessions by the
// built binary. Each session is checked first (its expects and saved frames), so a picture never
// shows a screen the tests have not accepted. Then:
//   media/<session>/<snapshot>.svg   one picture per snapshot step of each test/sessions/*.tape
//   media/tour.cast                  an asciicast v2 of test/sessions/tour.tape
// Colours are forced (FORCE_COLOR=1, no NO_COLOR) so the bytes are the same on every machine.
import {spawnSync} from 'node:child_process';
import {readdirSync, rmSync} from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const sessions = path.join(root, 'test/sessions');
const media = path.join(root, 'media');
const env = {...process.env, FORCE_COLOR: '1', TERM: 'xterm-256color'};
delete env.NO_COLOR;
delete env.CI;
delete env.NPIV_STATE;

function npiv(args) {
	const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], {cwd: root, env, encoding: 'utf8'});
	if (r.status !== 0) {
		process.stderr.write(r.stderr || r.stdout);
		process.stderr.write(`npm run media: npiv ${args.join(' ')} failed (exit ${r.status})\n`);
		process.exit(1);
	}
	return r.stdout;
}

const tapes = readdirSync(sessions).filter(name => name.endsWith('.tape')).sort();
npiv(['session', 'check', ...tapes.map(tape => path.relative(root, path.join(sessions, tape)))]);

for (const tape of tapes) {
	const dir = path.join(media, path.basename(tape, '.tape'));
	rmSync(dir, {recursive: true, force: true});
	process.stdout.write(npiv(['session', 'export', path.relative(root, path.join(sessions, tape)), '--svg', path.relative(root, dir)]));
}
// a person watching needs a moment after each key; the migration's progress moves every half second
process.stdout.write(
	npiv(['session', 'export', 'test/sessions/tour.tape', '--cast', 'media/tour.cast', '--key-delay', '400', '--tick', '500', '--title', 'npiv-console: a tour']),
);

// `node scripts/screenshot.mjs`: the README's picture of the live console, taken from a real run
// in a real terminal (tmux, 120x36) on a fresh copy of the default lab, the same way the
// end-to-end test drives it (test/e2e/tmux.ts: keys by command id, waiting for the screen).
// It creates the spare zoned virtual port c0007d1c6d04a9b3 on dom0-a, waits for its LUNs, and
// captures the Virtual ports pane with that port selected and its detail beside it:
//   media/console-vports.txt   the screen as plain text
//   media/console-vports.ans   the screen with its colours (tmux capture-pane -e)
//   media/console-vports.svg   the ANSI drawn by the project's own renderFrameToSvg
// The simulated clock in the header differs from run to run; everything else is the same.
import {build} from 'esbuild';
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const media = path.join(root, 'media');
const COLS = 120;
const ROWS = 36;
const PHYSICAL = '2100001b32813c5a';
const SPARE_PORT = 'c0007d1c6d04a9b3';
const SPARE_NODE = 'c0007d1c6d04a9b2';

function fail(message) {
	process.stderr.write(`screenshot: ${message}\n`);
	process.exit(1);
}

if (spawnSync('tmux', ['-V']).status !== 0) fail('tmux is not installed');
const built = spawnSync(process.execPath, ['scripts/build.mjs'], {cwd: root, stdio: 'inherit'});
if (built.status !== 0) fail('the build failed');

// The tmux driver and the SVG renderer are TypeScript: bundle them into a throwaway module.
const work = mkdtempSync(path.join(tmpdir(), 'npiv-screenshot-'));
const lib = path.join(work, 'lib.mjs');
await build({
	stdin: {
		contents: "export * from './test/e2e/tmux.ts';\nexport {renderFrameToSvg} from './source/session/SvgFrame.ts';\n",
		resolveDir: root,
		loader: 'ts',
		sourcefile: 'screenshot-lib.ts',
	},
	outfile: lib,
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	logLevel: 'warning',
	// @xterm/headless is CommonJS; give the bundle a require() for it.
	banner: {js: "import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);"},
});
const {TmuxConsole, HAS_TMUX, shellQuote, terminalEnv, renderFrameToSvg} = await import(lib);
if (!HAS_TMUX) fail('tmux is not installed');

// Run where the default store lands (./state/store.json), so the header shows a short path.
const lab = path.join(work, 'lab');
mkdirSync(lab);
const command = `${shellQuote(process.execPath)} ${shellQuote(path.join(root, 'dist/cli.js'))}; echo EXIT=$?; sleep 30`;
const t = TmuxConsole.start({command, cwd: lab, cols: COLS, rows: ROWS, env: terminalEnv({XDG_CONFIG_HOME: work})});
try {
	await t.waitFor(/Adapters \(7\)[\s\S]*HBA Port WWN:/);
	t.press('vport.create');
	await t.waitFor(new RegExp(`Create virtual port[\\s\\S]*Physical port: +‹ ${PHYSICAL} `));
	t.press('dialog.next', 2);
	await t.waitFor(/> Port WWN:/);
	t.type(SPARE_PORT);
	t.press('dialog.next');
	await t.waitFor(/> Node WWN:/);
	t.type(SPARE_NODE);
	await t.waitFor(new RegExp(`> Node WWN: +${SPARE_NODE}`));
	t.press('dialog.confirm');
	await t.waitFor(new RegExp(`Created virtual port ${SPARE_PORT}`));

	t.press('pane.vports');
	t.press('list.top');
	const screen = await t.waitFor(/Virtual ports \(2\)[\s\S]*> [0-9a-f]{16} /);
	if (!screen.includes(`> ${SPARE_PORT}`)) {
		t.press('list.down');
		await t.waitFor(new RegExp(`> ${SPARE_PORT}`));
	}
	// Discovery on the new port runs on the simulated clock: hurry it, then back to 1x.
	t.press('clock.speed100');
	await t.waitFor(new RegExp(`> ${SPARE_PORT} .* online[\\s\\S]*LUNs: +4`));
	t.press('clock.speed1');
	await t.waitFor(/ x1 running/);
	// One more frame so that nothing is half drawn.
	await new Promise(resolve => setTimeout(resolve, 300));

	const text = t.screen();
	const ansi = t.screenAnsi();
	if (!text.includes(`> ${SPARE_PORT}`)) fail(`the new virtual port is not selected:\n${text}`);
	mkdirSync(media, {recursive: true});
	writeFileSync(path.join(media, 'console-vports.txt'), text);
	writeFileSync(path.join(media, 'console-vports.ans'), ansi);
	const svg = renderFrameToSvg(ansi.replace(/\n$/, ''), COLS, ROWS, {title: 'npiv-console: the Virtual ports pane with a new virtual port selected'});
	writeFileSync(path.join(media, 'console-vports.svg'), svg);

	t.press('app.quit');
	await t.waitFor(/EXIT=0/);
	process.stdout.write('media/console-vports.txt, media/console-vports.ans, media/console-vports.svg\n');
} finally {
	t.kill();
	rmSync(work, {recursive: true, force: true});
}

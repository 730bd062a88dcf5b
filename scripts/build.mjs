// Bundles the CLI and the importable HBA-API into dist/ with esbuild. ESM with code splitting,
// so a one-shot `npiv fcinfo` never loads Ink or React (they sit in the console's chunk).
// The packages a one-shot command needs (meow, zod) are bundled in: loading them from
// node_modules file by file cost more than the command itself. The console's packages (Ink,
// React, yoga, xterm) stay external, imported only when the console or a renderer starts.
import {build} from 'esbuild';
import {chmodSync, readdirSync, rmSync} from 'node:fs';
import path from 'node:path';

const entryPoints = {cli: 'cli.tsx', hbaapi: 'hbaapi.ts'};
import {existsSync} from 'node:fs';
if (existsSync('bench/bench.ts')) entryPoints.bench = 'bench/bench.ts';

const result = await build({
	metafile: true,
	entryPoints,
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	external: ['ink', 'ink-*', 'react', 'react/*', 'react-dom', 'react-reconciler', 'react-devtools-core', 'scheduler', 'yoga-layout', 'yoga-layout/*', '@xterm/*', '@alcalzone/*'],
	jsx: 'automatic',
	sourcemap: 'linked',
	logLevel: 'warning',
	banner: {js: ''},
});
chmodSync('dist/cli.js', 0o755);

// Chunk names carry content hashes: drop the ones an earlier build left (after this build, so a
// process running the old files never finds dist/ half empty).
const fresh = new Set(Object.keys(result.metafile.outputs).map(f => path.resolve(f)));
for (const name of readdirSync('dist')) {
	const file = path.resolve('dist', name);
	if (!fresh.has(file)) rmSync(file, {force: true});
}

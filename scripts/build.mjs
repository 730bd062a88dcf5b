// Bundles the CLI and the importable HBA-API into dist/ with esbuild. ESM with code splitting,
// so a one-shot `npiv fcinfo` never loads Ink or React (they sit in the console's chunk).
import {build} from 'esbuild';
import {chmodSync} from 'node:fs';

const entryPoints = {cli: 'cli.tsx', hbaapi: 'hbaapi.ts'};
import {existsSync} from 'node:fs';
if (existsSync('bench/bench.ts')) entryPoints.bench = 'bench/bench.ts';

await build({
	entryPoints,
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	packages: 'external',
	jsx: 'automatic',
	sourcemap: 'linked',
	logLevel: 'warning',
	banner: {js: ''},
});
chmodSync('dist/cli.js', 0o755);

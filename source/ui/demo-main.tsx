/** Throwaway entry for trying the console by hand: `node demo.mjs [--no-color] [--vports N]`. */
import {runDemo} from './demo.js';

const args = process.argv.slice(2);
const vports = args.includes('--vports') ? Number(args[args.indexOf('--vports') + 1]) : undefined;
runDemo({noColor: args.includes('--no-color') || process.env['NO_COLOR'] !== undefined, ...(vports ? {vports} : {})}).then(code => {
	process.exitCode = code;
});

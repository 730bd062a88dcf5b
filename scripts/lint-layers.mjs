// Checks the architecture rules of DESIGN.md that the compiler cannot: a layer imports only from
// layers below it, and nothing below ui/ reads the wall clock, timers or Math.random.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';

const order = ['sim', 'fabric', 'storage', 'driver', 'hbaapi', 'xvm', 'world', 'store', 'commands', 'lab', 'session', 'ui'];
const problems = [];

function walk(dir) {
	for (const name of readdirSync(dir)) {
		const file = path.join(dir, name);
		if (statSync(file).isDirectory()) walk(file);
		else if (/\.tsx?$/.test(name)) check(file);
	}
}

function check(file) {
	const layer = file.split(path.sep)[1];
	const rank = order.indexOf(layer);
	const text = readFileSync(file, 'utf8');
	for (const match of text.matchAll(/from\s+['"](\.\.?\/[^'"]+)['"]/g)) {
		const target = path.normalize(path.join(path.dirname(file), match[1]));
		const parts = target.split(path.sep);
		if (parts[0] !== 'source') {
			if (parts[0] !== 'state') problems.push(`${file}: imports ${match[1]} from outside source/`);
			continue;
		}
		const targetRank = order.indexOf(parts[1]);
		if (targetRank > rank) problems.push(`${file}: layer ${layer} imports from the higher layer ${parts[1]} (${match[1]})`);
	}
	for (const fs of ['node:fs', 'node:fs/promises', 'fs']) {
		if (rank < order.indexOf('store') && text.includes(`from '${fs}'`)) problems.push(`${file}: touches the file system below store/`);
	}
	if (layer !== 'ui') {
		const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
		for (const banned of ['Math.random(', 'Date.now(', 'new Date()', 'setTimeout(', 'setInterval(']) {
			if (code.includes(banned) && !(rank >= order.indexOf('store') && (banned === 'setTimeout(' || banned === 'Date.now('))) {
				problems.push(`${file}: uses ${banned} below ui/ (DESIGN.md, Determinism)`);
			}
		}
	}
}

walk('source');
if (problems.length > 0) {
	console.error(problems.join('\n'));
	process.exit(1);
}
console.log('layers ok');

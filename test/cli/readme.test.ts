import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderKeyTableMarkdown} from '../../source/ui/keys/keyTable.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('README', () => {
	it('carries the key table generated from the binding registry (run `npm run docs` after changing keys)', () => {
		const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const a = readme.indexOf('-->', readme.indexOf('<!-- keys:start')) + 3;
		const b = readme.indexOf('<!-- keys:end -->');
		expect(readme.slice(a, b).trim()).toBe(renderKeyTableMarkdown().trim());
	});

	it('gives one command that installs and starts the console, and the test command CI runs', () => {
		const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
		expect(readme).toContain('npm install && npm start');
		expect(readme).toMatch(/^npm test\b/m);
		expect(ci).toMatch(/^npm test$/m);
	});
});

import {test} from 'vitest';
import {parseSession, replay} from '../../source/session/index.js';
import {createConsoleSessionDriver} from '../../source/ui/session/ConsoleSessionDriver.js';
import {FakeConsoleSource} from '../../source/ui/model/FakeConsoleSource.js';
test('d', async () => {
	const d = createConsoleSessionDriver((_s, seed) => new FakeConsoleSource({seed}));
	const s = parseSession(`# npiv session v1\nstart scenario lab\nsize 100x30\n---\nkey 2\nkey down\nwait 5s\nrun fcinfo hba-port\n`);
	const frames: string[] = [];
	await replay(s, d, {onFrame: f => void frames.push(f.text)});
	console.log(frames[0]); console.log(frames[2]); console.log(frames.at(-1));
	console.log(d.paneText('vports').split('\n').slice(0,3).join('\n'));
	await d.dispose();
});

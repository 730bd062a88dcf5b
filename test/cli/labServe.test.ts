/**
 * A served lab across real processes: `npiv lab serve` in a process of its own, commands in
 * others, over the real socket. Each command prints what it prints without a server; anything
 * wrong with the server (stale socket, another version, a server that dies mid-command) is said in
 * one line and never hangs or runs a change twice.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {copyFileSync, existsSync, readFileSync, statSync, symlinkSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {serveFilesFor} from '../../source/lab/serve/ServeFiles.js';
import {PROTOCOL} from '../../source/lab/serve/ServeProtocol.js';
import {CLI, ensureBuilt, npiv, tempStore} from './runCli.js';

const running: ChildProcess[] = [];
afterEach(() => {
	for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** `npiv lab serve` on `state`, resolved once it serves. */
async function serve(state: string): Promise<ChildProcess> {
	ensureBuilt();
	const child = spawn(process.execPath, [CLI, '--state', state, 'lab', 'serve'], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NPIV_SERVE: ''}});
	running.push(child);
	await new Promise<void>((resolve, reject) => {
		let err = '';
		child.stderr!.on('data', (chunk: Buffer) => {
			err += chunk.toString();
			if (err.includes('npiv: serving')) resolve();
		});
		child.once('exit', code => reject(new Error(`lab serve exited (${code}): ${err}`)));
	});
	return child;
}

function exited(child: ChildProcess): Promise<number | null> {
	return new Promise(resolve => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', code => resolve(code))));
}

/** A socket that speaks the protocol as told, for the cases a real server never produces. */
async function fakeServer(state: string, behave: (line: Record<string, unknown>, socket: net.Socket) => void): Promise<net.Server> {
	const server = net.createServer(socket => {
		socket.setEncoding('utf8');
		let pending = '';
		socket.on('data', chunk => {
			pending += chunk;
			for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
				const line = pending.slice(0, nl);
				pending = pending.slice(nl + 1);
				behave(JSON.parse(line) as Record<string, unknown>, socket);
			}
		});
	});
	await new Promise<void>(resolve => server.listen(serveFilesFor(state).socket, () => resolve()));
	return server;
}

const COMMANDS: readonly (readonly string[])[] = [
	['fcinfo', 'hba-port'],
	['--host', 'dom0-a', 'fcadm', 'create-npiv-port', '-p', 'c0007d1c6d04a9b3', '-n', 'c0007d1c6d04a9b2', '2100001b32813c5a'],
	['--host', 'dom0-a', 'fcinfo', 'remote-port', '-p', 'c0007d1c6d04a9b3', '-s'],
	['xm', 'list'],
	['xm', 'migrate', '--live', 'web01', 'dom0-b'],
	['switch', 'alicreate', 'served_a', 'c0:00:7d:1c:6d:04:a9:b3'],
	['switch', 'alicreate', 'a$1', 'c0:00:7d:1c:6d:04:a9:b3'],
	['fault', 'cable', 'pull', 'array-1/A-1'],
	['--json', 'events', '--type', 'xvm.migrate', '--limit', '3'],
	['fcadm', 'delete-npiv-port', '-p', 'c0007d5a3e81c241', '2100001b32813c5a'],
	['scenario', 'show'],
	['storage', 'lun', 'create', '--array', 'nosuch', '--size', '1G'],
];

describe('npiv lab serve, with commands in other processes', () => {
	it('every command prints byte for byte what it prints without a server, and the stores end the same', async () => {
		const served = tempStore();
		const local = tempStore();
		expect(npiv(served, ['xm', 'list']).status).toBe(0);
		copyFileSync(served, local);
		await serve(served);
		expect(existsSync(serveFilesFor(served).socket)).toBe(true);
		expect(statSync(serveFilesFor(served).socket).mode & 0o777).toBe(0o600);
		for (const args of COMMANDS) {
			const a = npiv(served, args);
			const b = npiv(local, ['--no-server', ...args]);
			expect({args, ...a}).toEqual({args, ...b});
		}
		expect(npiv(served, ['lab', 'stop']).status).toBe(0);
		const doc = (file: string) => {
			const {revision: _r, ...rest} = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
			return rest;
		};
		expect(doc(served)).toEqual(doc(local));
	});

	it('status says who serves; stop saves and ends the server; then nobody serves', async () => {
		const state = tempStore();
		const child = await serve(state);
		const status = npiv(state, ['lab', 'status']);
		expect(status.status).toBe(0);
		expect(status.stdout).toMatch(new RegExp(`^${escape(serveFilesFor(state).store)} is served by npiv lab serve \\(pid ${child.pid}, npiv-console [^)]+\\)\\n  up \\d+s, 0 clients connected, 0 consoles attached\\n  1 virtual ports?, store revision \\d+\\n$`));
		const json = JSON.parse(npiv(state, ['--json', 'lab', 'status']).stdout) as Record<string, unknown>;
		expect(json).toMatchObject({served: true, pid: child.pid, by: 'headless', clients: 0});
		const stop = npiv(state, ['lab', 'stop']);
		expect(stop).toMatchObject({status: 0, stderr: ''});
		expect(stop.stdout).toBe(`stopped the lab server of ${serveFilesFor(state).store} (pid ${child.pid}); the lab is saved\n`);
		expect(await exited(child)).toBe(0);
		expect(existsSync(serveFilesFor(state).socket)).toBe(false);
		expect(npiv(state, ['lab', 'status'])).toMatchObject({status: 1, stdout: `${serveFilesFor(state).store} is not served\n`});
	});

	it('a store reached through a symbolic link is served once: the link and the file find the same server', async () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const link = path.join(path.dirname(state), 'linked.json');
		symlinkSync(state, link);
		const child = await serve(link);
		const viaFile = npiv(state, ['lab', 'status']);
		expect(viaFile.status).toBe(0);
		expect(viaFile.stdout).toContain(`(pid ${child.pid},`);
		expect(npiv(state, ['fault', 'cable', 'pull', 'dom0-a/2100001b32813c5a']).stdout).toContain('cable pulled');
		expect(npiv(link, ['fcinfo', 'hba-port', '2100001b32813c5a']).stdout).toContain('State: offline');
		expect(npiv(link, ['lab', 'stop']).status).toBe(0);
	});

	it('a second server of the same store is refused', async () => {
		const state = tempStore();
		await serve(state);
		const again = npiv(state, ['lab', 'serve']);
		expect(again.status).toBe(1);
		expect(again.stderr).toMatch(/^npiv lab serve: another process serves .* already/);
	});

	it('a server killed with -9 loses nothing it acknowledged; its socket is then stale: one line, and the command runs here', async () => {
		const state = tempStore();
		const child = await serve(state);
		expect(npiv(state, ['switch', 'alicreate', 'kept_a', 'c0:00:7d:1c:6d:04:a9:b3']).status).toBe(0);
		child.kill('SIGKILL');
		await exited(child);
		expect(existsSync(serveFilesFor(state).socket)).toBe(true);
		const r = npiv(state, ['switch', 'alishow', 'kept_a']);
		expect(r.stderr).toBe(`npiv: no lab server answers at ${serveFilesFor(state).socket} (a server stopped without cleaning up; removed); running the command here\n`);
		expect(r.stdout).toBe(' alias:\tkept_a\tc0:00:7d:1c:6d:04:a9:b3\n');
		expect(existsSync(serveFilesFor(state).socket)).toBe(false);
	});

	it('a server of another version: one line, and the command runs here', async () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const fake = await fakeServer(state, (line, socket) => {
			if (line['type'] === 'hello') socket.write(`${JSON.stringify({type: 'hello', protocol: PROTOCOL, version: '0.0.1-other', pid: 1, store: state, by: 'headless'})}\n`);
		});
		try {
			const r = await npivAsync(state, ['xm', 'list']);
			expect(r.stderr).toMatch(/^npiv: the lab server of .* is npiv-console 0\.0\.1-other \(this is [^)]+\); running the command here\n$/);
			expect(r.stdout).toMatch(/^Name +ID/);
			expect(r.status).toBe(0);
		} finally {
			fake.close();
		}
	});

	it('a server that does not answer: after 2 s, one line, and the command runs here', async () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const fake = await fakeServer(state, () => undefined);
		try {
			const started = Date.now();
			const r = await npivAsync(state, ['xm', 'list']);
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(r.stderr).toMatch(/did not say hello within 2 s; running the command here\n$/);
			expect(r.status).toBe(0);
		} finally {
			fake.close();
		}
	});

	it('a server that dies in the middle of a command: said, exit 1, and the command is not run again here', async () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const before = readFileSync(state, 'utf8');
		const fake = await fakeServer(state, (line, socket) => {
			if (line['type'] === 'hello') socket.write(`${JSON.stringify({type: 'hello', protocol: PROTOCOL, version: JSON.parse(readFileSync(path.join(path.dirname(CLI), '../package.json'), 'utf8')).version, pid: 1, store: state, by: 'headless'})}\n`);
			else socket.destroy();
		});
		try {
			const r = await npivAsync(state, ['switch', 'alicreate', 'once_a', 'c0:00:7d:1c:6d:04:a9:b3']);
			expect(r.status).toBe(1);
			expect(r.stdout).toBe('');
			expect(r.stderr).toMatch(/stopped before answering .*; the command may or may not have run: see 'npiv events'\n$/);
			expect(readFileSync(state, 'utf8')).toBe(before);
		} finally {
			fake.close();
		}
	});

	it('malformed and oversized requests get an error reply, and the server goes on serving', async () => {
		const state = tempStore();
		await serve(state);
		const replies = await rawExchange(serveFilesFor(state).socket, [
			`{"type":"hello","protocol":${PROTOCOL},"version":"x","pid":1}\n`,
			'not json\n',
			'{"type":"run","id":7}\n',
			'{"type":"dance","id":8}\n',
			`${'x'.repeat(5 * 1024 * 1024)}\n`,
			'{"type":"status","id":9}\n',
		]);
		expect(replies[0]).toMatchObject({type: 'hello', by: 'headless'});
		expect(replies.slice(1, 5)).toEqual([
			{type: 'error', message: 'refused a message that is not JSON'},
			{type: 'error', id: 7, message: 'run needs family, argv (texts), globals and cwd'},
			{type: 'error', id: 8, message: "unknown request 'dance'"},
			{type: 'error', message: `refused a message longer than ${4 * 1024 * 1024} bytes`},
		]);
		expect(replies[5]).toMatchObject({type: 'status', id: 9});
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
	});

	it('serve --detach returns once the server answers, with its pid beside the store; NPIV_SERVE=auto starts one', async () => {
		const state = tempStore();
		const r = npiv(state, ['lab', 'serve', '--detach']);
		expect(r).toMatchObject({status: 0, stderr: ''});
		const pid = Number(/\(pid (\d+)\)/.exec(r.stdout)![1]);
		expect(readFileSync(serveFilesFor(state).pidFile, 'utf8')).toBe(`${pid}\n`);
		expect(npiv(state, ['lab', 'stop']).status).toBe(0);
		expect(existsSync(serveFilesFor(state).pidFile)).toBe(false);

		const auto = tempStore();
		const first = npiv(auto, ['xm', 'list'], {env: {NPIV_SERVE: 'auto'}});
		expect(first).toMatchObject({status: 0, stderr: ''});
		expect(npiv(auto, ['--json', 'lab', 'status']).stdout).toMatch(/"served": true/);
		expect(npiv(auto, ['lab', 'stop']).status).toBe(0);
	});

	it('events --follow through the server prints each new event as another process causes it', async () => {
		const state = tempStore();
		await serve(state);
		const follower = spawn(process.execPath, [CLI, '--state', state, 'events', '--follow', '--type', 'fabric.zoning'], {stdio: ['ignore', 'pipe', 'pipe']});
		running.push(follower);
		let out = '';
		follower.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
		await new Promise(resolve => setTimeout(resolve, 500));
		const seen = out.length;
		expect(npiv(state, ['switch', 'alicreate', 'followed_a', 'c0:00:7d:1c:6d:04:a9:b3']).status).toBe(0);
		for (let i = 0; i < 100 && !out.slice(seen).includes('followed_a'); i++) await new Promise(resolve => setTimeout(resolve, 50));
		expect(out.slice(seen)).toMatch(/fabric\.zoning +alicreate followed_a /);
		follower.kill('SIGINT');
		expect(await exited(follower)).toBe(0);
	});
});

/** `npiv` in a child process without blocking this one (a fake server here must go on answering). */
function npivAsync(state: string, args: readonly string[]): Promise<{stdout: string; stderr: string; status: number | null}> {
	ensureBuilt();
	return new Promise(resolve => {
		const child = spawn(process.execPath, [CLI, '--state', state, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1', NPIV_SERVE: ''}});
		running.push(child);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('close', status => resolve({stdout, stderr, status}));
	});
}

describe('several clients at once', () => {
	// `npm run bench` runs the full 6 x 50; here fewer, the same checks.
	it('6 clients x 10 changes: none lost, none twice, each output what in-process runs print in the order the server ran them', async () => {
		const state = tempStore();
		expect(npiv(state, ['xm', 'list']).status).toBe(0);
		const initial = tempStore();
		copyFileSync(state, initial);
		await serve(state);
		const CLIENTS = 6;
		const EACH = 10;
		const lunCreate = (client: number, i: number) => ['storage', 'lun', 'create', '--array', 'array-1', '--size', '1G', '--name', `c${client}-${i}`];
		const outputs = await Promise.all(
			Array.from({length: CLIENTS}, async (_, client) => {
				const mine: {args: string[]; stdout: string; stderr: string; status: number | null}[] = [];
				for (let i = 0; i < EACH; i++) {
					const args = lunCreate(client, i);
					mine.push({args, ...(await npivAsync(state, args))});
				}
				return mine;
			}),
		);
		const all = outputs.flat();
		expect(all.every(o => o.status === 0 && o.stderr === '')).toBe(true);
		// The server's order: the LUN id each creation got.
		const ids = all.map(o => Number(/^Created LUN (\d+) /.exec(o.stdout)![1]));
		expect(new Set(ids).size).toBe(CLIENTS * EACH);
		expect(npiv(state, ['lab', 'stop']).status).toBe(0);
		const inOrder = [...all].sort((a, b) => Number(/LUN (\d+)/.exec(a.stdout)![1]) - Number(/LUN (\d+)/.exec(b.stdout)![1]));
		for (const o of inOrder) {
			const local = npiv(initial, ['--no-server', ...o.args]);
			expect({args: o.args, stdout: local.stdout, stderr: local.stderr, status: local.status}).toEqual({args: o.args, stdout: o.stdout, stderr: o.stderr, status: o.status});
		}
		const doc = (file: string) => {
			const {revision: _r, ...rest} = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
			return rest;
		};
		expect(doc(state)).toEqual(doc(initial));
	}, 300_000);
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Writes lines to a socket and collects the replies until the server has answered the last. */
function rawExchange(socketPath: string, lines: readonly string[]): Promise<Record<string, unknown>[]> {
	return new Promise((resolve, reject) => {
		const socket = net.createConnection(socketPath);
		const replies: Record<string, unknown>[] = [];
		let pending = '';
		socket.setEncoding('utf8');
		socket.on('data', chunk => {
			pending += chunk;
			for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
				replies.push(JSON.parse(pending.slice(0, nl)) as Record<string, unknown>);
				pending = pending.slice(nl + 1);
				if (replies.at(-1)?.['type'] === 'status') {
					socket.end();
					resolve(replies);
				}
			}
		});
		socket.on('error', reject);
		socket.on('connect', () => {
			for (const line of lines) socket.write(line);
		});
	});
}

/**
 * Reads an xm domain configuration: the Python file xm create executes (only the subset real
 * configs use: `key = value` with strings, integers and lists, comments, lists over several
 * lines) plus `key=value` words from the command line, which override the file (list keys append,
 * as create.py's append_value does). Errors are worded as xm prints them.
 */
import {DomainSpecError, makeDomainSpec, type DomainSpec, type DomainSpecInput} from './DomainSpec.js';
import {NpivSpecError} from './NpivSpec.js';
import {parseWwn, type Wwn} from '../sim/Wwn.js';

export type ConfigValue = string | number | boolean | null | ConfigValue[];

type Tok =
	| {kind: 'name'; text: string; line: number}
	| {kind: 'str'; text: string; line: number}
	| {kind: 'num'; value: number; line: number}
	| {kind: 'op'; text: string; line: number}
	| {kind: 'nl'; line: number};

class ConfigSyntaxError extends Error {
	constructor(readonly line: number) {
		super('syntax');
	}
}

/** Python's SyntaxError as xm reports it. */
export class ConfigTextError extends Error {}

function tokenize(text: string): Tok[] {
	const toks: Tok[] = [];
	let line = 1;
	let depth = 0;
	let i = 0;
	while (i < text.length) {
		const c = text[i]!;
		if (c === '\n') {
			if (depth === 0) toks.push({kind: 'nl', line});
			line++;
			i++;
		} else if (c === ' ' || c === '\t' || c === '\r') {
			i++;
		} else if (c === '\\' && text[i + 1] === '\n') {
			line++;
			i += 2;
		} else if (c === '#') {
			while (i < text.length && text[i] !== '\n') i++;
		} else if (c === '"' || c === "'") {
			const triple = text.startsWith(c.repeat(3), i);
			const quote = triple ? c.repeat(3) : c;
			const startLine = line;
			i += quote.length;
			let s = '';
			for (;;) {
				if (i >= text.length) throw new ConfigSyntaxError(startLine);
				if (text.startsWith(quote, i)) {
					i += quote.length;
					break;
				}
				const ch = text[i]!;
				if (ch === '\n') {
					if (!triple) throw new ConfigSyntaxError(startLine);
					line++;
				}
				if (ch === '\\' && i + 1 < text.length) {
					const e = text[i + 1]!;
					const map: Record<string, string> = {n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"', '\n': ''};
					s += map[e] ?? `\\${e}`;
					if (e === '\n') line++;
					i += 2;
					continue;
				}
				s += ch;
				i++;
			}
			toks.push({kind: 'str', text: s, line: startLine});
		} else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
			const m = /^-?(0x[0-9a-fA-F]+|\d+(\.\d+)?)[lL]?/.exec(text.slice(i))!;
			const t = m[0].replace(/[lL]$/, '');
			toks.push({kind: 'num', value: t.includes('x') ? parseInt(t, 16) : Number(t), line});
			i += m[0].length;
			if (/[A-Za-z_]/.test(text[i] ?? '')) throw new ConfigSyntaxError(line);
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
			toks.push({kind: 'name', text: m[0], line});
			i += m[0].length;
		} else if ('[](){},=;'.includes(c)) {
			if (c === '[' || c === '(' || c === '{') depth++;
			if (c === ']' || c === ')' || c === '}') depth = Math.max(0, depth - 1);
			toks.push({kind: 'op', text: c, line});
			i++;
		} else {
			throw new ConfigSyntaxError(line);
		}
	}
	if (depth > 0) throw new ConfigSyntaxError(line);
	toks.push({kind: 'nl', line});
	return toks;
}

/**
 * Executes the file's assignments. Throws ConfigTextError with xm's message,
 * `Errors were found at line N while processing FILE`, or Python's NameError text. xm also quotes
 * the line; we do not, since FILE may be any file the operator (or a session) names, and an
 * error must not be a way to print a line of /etc/shadow.
 */
export function parseConfigText(text: string, fileName: string): Map<string, ConfigValue> {
	const vars = new Map<string, ConfigValue>();
	try {
		const toks = tokenize(text);
		let p = 0;
		const peek = (): Tok => toks[p]!;
		const next = (): Tok => toks[p++]!;
		const expectOp = (op: string): void => {
			const t = next();
			if (t.kind !== 'op' || t.text !== op) throw new ConfigSyntaxError(t.line);
		};
		const expr = (): ConfigValue => {
			const t = next();
			if (t.kind === 'str') {
				let s = t.text;
				while (peek().kind === 'str') s += (next() as {text: string}).text;
				return s;
			}
			if (t.kind === 'num') return t.value;
			if (t.kind === 'name') {
				if (t.text === 'True') return true;
				if (t.text === 'False') return false;
				if (t.text === 'None') return null;
				if (vars.has(t.text)) return vars.get(t.text)!;
				throw new ConfigTextError(`name '${t.text}' is not defined`);
			}
			if (t.kind === 'op' && (t.text === '[' || t.text === '(')) {
				const close = t.text === '[' ? ']' : ')';
				const items: ConfigValue[] = [];
				for (;;) {
					const n = peek();
					if (n.kind === 'op' && n.text === close) {
						next();
						break;
					}
					items.push(expr());
					const sep = next();
					if (sep.kind === 'op' && sep.text === ',') continue;
					if (sep.kind === 'op' && sep.text === close) break;
					throw new ConfigSyntaxError(sep.line);
				}
				return items;
			}
			throw new ConfigSyntaxError(t.line);
		};
		while (p < toks.length) {
			const t = next();
			if (t.kind === 'nl' || (t.kind === 'op' && t.text === ';')) continue;
			if (t.kind !== 'name') throw new ConfigSyntaxError(t.line);
			expectOp('=');
			const value = expr();
			const end = next();
			if (end.kind !== 'nl' && !(end.kind === 'op' && end.text === ';')) throw new ConfigSyntaxError(end.line);
			vars.set(t.text, value);
		}
	} catch (e) {
		if (e instanceof ConfigSyntaxError) {
			throw new ConfigTextError(`Errors were found at line ${e.line} while processing ${fileName}`);
		}
		throw e;
	}
	return vars;
}

const INT_KEYS = ['memory', 'maxmem', 'vcpus'] as const;
const STRING_KEYS = ['name', 'on_poweroff', 'on_reboot', 'on_crash', 'kernel', 'ramdisk', 'extra', 'root', 'builder', 'bootloader'] as const;
const LIST_KEYS = ['disk', 'vif', 'npiv'] as const;
/** Keys xm knows but this emulator does not model; accepted and ignored. */
const IGNORED_KEYS = new Set([
	'cpus', 'cpu_weight', 'cpu_cap', 'vcpu_avail', 'uuid', 'localtime', 'vfb', 'pci', 'vscsi', 'vtpm', 'ioports', 'irq',
	'bootargs', 'nics', 'nomigrate', 'shadow_memory', 'features', 'device_model', 'boot', 'vnc', 'sdl', 'serial',
	'acpi', 'apic', 'pae', 'usb', 'usbdevice', 'keymap', 'hap', 'ip', 'netmask', 'gateway', 'hostname', 'dhcp',
	'nfs_server', 'nfs_root', 'access_control', 'on_xend_start', 'on_xend_stop', 'target', 'cpuid', 'cpuid_check',
]);

export function isConfigWord(word: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
}

/**
 * Builds the domain configuration from the file's variables (if any) and the command-line words.
 * `defaultName` is the config file's base name, which create.py uses when `name` is not set.
 */
/**
 * Picks a virtual WWN pair for an `npiv` entry that leaves both empty (`::1:PPWWN`): the NPIV
 * specification lets the library select the WWNs (3.3, the Xen random-MAC idea with 40 random
 * bits). Undefined: no pair could be had (the caller's error).
 */
export type RandomNpivPair = (ppwwn: Wwn) => {readonly pwwn: Wwn; readonly nwwn: Wwn} | undefined;

export function domainSpecFromConfig(fileVars: Map<string, ConfigValue> | undefined, words: readonly string[], defaultName?: string, randomPair?: RandomNpivPair): DomainSpec {
	const ints = new Map<string, number>();
	const strings = new Map<string, string>();
	const lists = new Map<string, string[]>();
	const wordLists = new Map<string, string[]>();

	for (const [k, v] of fileVars ?? []) {
		if ((INT_KEYS as readonly string[]).includes(k)) ints.set(k, toInt(v));
		else if ((STRING_KEYS as readonly string[]).includes(k)) strings.set(k, toStr(v));
		else if ((LIST_KEYS as readonly string[]).includes(k)) lists.set(k, toList(k, v));
	}
	for (const w of words) {
		const eq = w.indexOf('=');
		if (eq <= 0) throw new DomainSpecError(`Invalid argument: ${w}`);
		const k = w.slice(0, eq).trim();
		const v = w.slice(eq + 1).trim();
		if ((INT_KEYS as readonly string[]).includes(k)) ints.set(k, toInt(v));
		else if ((STRING_KEYS as readonly string[]).includes(k)) strings.set(k, v);
		else if ((LIST_KEYS as readonly string[]).includes(k)) wordLists.set(k, [...(wordLists.get(k) ?? []), v]);
		else if (!IGNORED_KEYS.has(k)) throw new DomainSpecError(`Unknown configuration variable: ${k}`);
	}
	// Variables given on the command line win over the file's (Opts.load skips specified options).
	for (const [k, v] of wordLists) lists.set(k, v);

	const input: DomainSpecInput = {
		name: strings.get('name') ?? defaultName ?? '',
		...(ints.has('memory') ? {memoryMiB: ints.get('memory')!} : {}),
		...(ints.has('maxmem') ? {maxmemMiB: ints.get('maxmem')!} : {}),
		...(ints.has('vcpus') ? {vcpus: ints.get('vcpus')!} : {}),
		disk: lists.get('disk') ?? [],
		vif: lists.get('vif') ?? [],
		npiv: (lists.get('npiv') ?? []).map(entry => withChosenWwns(entry, randomPair)),
		...(strings.has('on_poweroff') ? {onPoweroff: strings.get('on_poweroff')!} : {}),
		...(strings.has('on_reboot') ? {onReboot: strings.get('on_reboot')!} : {}),
		...(strings.has('on_crash') ? {onCrash: strings.get('on_crash')!} : {}),
		...(strings.has('kernel') ? {kernel: strings.get('kernel')!} : {}),
		...(strings.has('ramdisk') ? {ramdisk: strings.get('ramdisk')!} : {}),
		...(strings.has('extra') ? {extra: strings.get('extra')!} : {}),
		...(strings.has('root') ? {root: strings.get('root')!} : {}),
		...(strings.has('builder') ? {builder: strings.get('builder')!} : {}),
		...(strings.has('bootloader') ? {bootloader: strings.get('bootloader')!} : {}),
	};
	try {
		return makeDomainSpec(input);
	} catch (e) {
		if (e instanceof NpivSpecError) throw new DomainSpecError(e.message);
		throw e;
	}
}

function toInt(v: ConfigValue): number {
	if (typeof v === 'number' && Number.isInteger(v)) return v;
	if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
	throw new DomainSpecError(`Invalid value: ${showValue(v)}`);
}

function toStr(v: ConfigValue): string {
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return String(v);
	throw new DomainSpecError(`Invalid value: ${showValue(v)}`);
}

function toList(key: string, v: ConfigValue): string[] {
	const items = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
	if (!items || !items.every(i => typeof i === 'string')) throw new DomainSpecError(`Invalid value for ${key}: ${showValue(v)}`);
	return items as string[];
}

function showValue(v: ConfigValue): string {
	if (Array.isArray(v)) return `[${v.map(showValue).join(', ')}]`;
	if (typeof v === 'string') return v;
	if (v === null) return 'None';
	if (typeof v === 'boolean') return v ? 'True' : 'False';
	return String(v);
}

/** Formats a spec back as a config file (for `xm save` images and `xm list -l` readers). */
export function formatConfigText(spec: DomainSpec): string {
	const q = (s: string): string => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
	const list = (xs: readonly string[]): string => `[${xs.map(x => `'${x.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`).join(', ')}]`;
	const lines = [`name = ${q(spec.name)}`, `memory = ${spec.memoryMiB}`];
	if (spec.maxmemMiB !== spec.memoryMiB) lines.push(`maxmem = ${spec.maxmemMiB}`);
	lines.push(`vcpus = ${spec.vcpus}`);
	for (const k of ['kernel', 'ramdisk', 'extra', 'root', 'builder', 'bootloader'] as const) {
		const v = spec[k];
		if (v !== undefined) lines.push(`${k} = ${q(v)}`);
	}
	if (spec.disk.length) lines.push(`disk = ${list(spec.disk.map(d => [d.uname, d.dev, d.mode, ...(d.backend ? [d.backend] : [])].join(',')))}`);
	if (spec.vif.length) lines.push(`vif = ${list(spec.vif)}`);
	if (spec.npiv.length) lines.push(`npiv = ${list(spec.npiv.map(n => `${n.vpwwn}:${n.vnwwn}:${n.autoattach ? 1 : 0}:${n.ppwwn}`))}`);
	lines.push(`on_poweroff = ${q(spec.onPoweroff)}`, `on_reboot = ${q(spec.onReboot)}`, `on_crash = ${q(spec.onCrash)}`);
	return lines.join('\n') + '\n';
}

/** An entry without WWNs gets the library's random pair, written into it so the domain keeps it. */
function withChosenWwns(entry: string, randomPair: RandomNpivPair | undefined): string {
	const m = /^\s*:\s*:\s*([01])\s*:\s*([0-9a-fA-F]{16})\s*$/.exec(entry);
	if (!m || !randomPair) return entry;
	const ppwwn = parseWwn(m[2]!);
	const pair = ppwwn ? randomPair(ppwwn) : undefined;
	if (!pair) throw new DomainSpecError('Fail to get Random WWN');
	return `${pair.pwwn}:${pair.nwwn}:${m[1]}:${ppwwn}`;
}

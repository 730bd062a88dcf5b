/**
 * S-expressions as xend hands them to `xm list -l` and `xm create -n`, laid out by xend's
 * PrettyPrint.prettyprint (width 80): a list that fits where it starts stays on one line, a list
 * that does not puts each element on its own line, four columns in from its parenthesis, and its
 * `)` under it. Atoms are written as sxp.show writes them. Source: huddy1985/xen-3.4.4
 * tools/python/xen/xend/PrettyPrint.py and tools/python/xen/xend/sxp.py. The field set is xend's
 * most useful subset.
 */
import type {XenHost} from '../../xvm/XenHost.js';
import type {XenDomain} from '../../xvm/XenDomain.js';
import {formatNpivSpec} from '../../xvm/NpivSpec.js';
import type {DomainSpec} from '../../xvm/DomainSpec.js';

type Sxp = string | number | PyFloat | Sxp[];

/** A Python float, which str() writes with a decimal point (`0.0`). */
class PyFloat {
	constructor(readonly value: number) {}
	toString(): string {
		const s = String(Number(this.value.toPrecision(12)));
		return /[.e]/.test(s) ? s : `${s}.0`;
	}
}

/** sxp.atomp: what sxp.show writes bare; anything else goes through repr(). */
function atomp(s: string): boolean {
	if (/^[A-Za-z0-9]+$/.test(s) || s === '@') return true;
	return /^[A-Za-z0-9.\-_:/~]*$/.test(s);
}

/** Python 2 repr() of a byte string. */
function pyRepr(s: string): string {
	const q = s.includes("'") && !s.includes('"') ? '"' : "'";
	let out = q;
	for (const byte of new TextEncoder().encode(s)) {
		const c = String.fromCharCode(byte);
		if (c === q || c === '\\') out += `\\${c}`;
		else if (c === '\t') out += '\\t';
		else if (c === '\n') out += '\\n';
		else if (c === '\r') out += '\\r';
		else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
		else out += c;
	}
	return out + q;
}

/** sxp.show of an atom. */
function atomText(x: string | number | PyFloat): string {
	if (typeof x === 'number' || x instanceof PyFloat) return String(x);
	return atomp(x) ? x : pyRepr(x);
}

// ---- PrettyPrint.py: Oppen-style blocks and breaks -----------------------------------------

interface PString {
	readonly kind: 'string';
	readonly text: string;
	readonly width: number;
}

interface PBreak {
	readonly kind: 'break';
	readonly width: number;
	readonly indent: number;
	/** Width from this break up to the next one in its line (PrettyLine.end). */
	space: number;
}

interface PBlock {
	readonly kind: 'block';
	readonly items: PItem[];
	readonly parent: PBlock | undefined;
	width: number;
	indent: number;
	broken: boolean;
}

type PItem = PString | PBreak | PBlock;

/** SXPPrettyPrinter.pprint: every list is a block with all=1, a break of 1 (indent 4) between elements and a break of 0 before `)`. */
function layout(x: Sxp, parent: PBlock | undefined): PItem {
	if (!Array.isArray(x)) {
		const text = atomText(x);
		return {kind: 'string', text, width: text.length};
	}
	const block: PBlock = {kind: 'block', items: [], parent, width: 0, indent: 0, broken: false};
	const write = (text: string): void => void block.items.push({kind: 'string', text, width: text.length});
	const addbreak = (width: number, indent: number): void => void block.items.push({kind: 'break', width, indent, space: 0});
	write('(');
	x.forEach((e, i) => {
		if (i) addbreak(1, 4);
		block.items.push(layout(e, block));
	});
	addbreak(0, 0);
	write(')');
	// PrettyLine.end / PrettyBlock.end
	let width = 0;
	let lastwidth = 0;
	let lastbreak: PBreak | undefined;
	for (const item of block.items) {
		if (item.kind === 'break') {
			if (lastbreak) lastbreak.space = width - lastwidth;
			lastbreak = item;
			lastwidth = width;
		}
		width += item.width;
	}
	if (lastbreak) lastbreak.space = width - lastwidth;
	block.width = width;
	return block;
}

/** PrettyPrint.prettyprint(sxpr, width=80) without its final newline. */
export function prettyprint(x: Sxp, width = 80): string {
	let out = '';
	let used = 0;
	let space = width;
	let current: PBlock | undefined;
	const fits = (n: number): boolean => space - n >= 0;
	const output = (w: number, text: string): void => {
		space = Math.max(0, space - w);
		used += w;
		out += text;
	};
	const newline = (indent: number): void => {
		const at = indent + current!.indent;
		out += `\n${' '.repeat(at)}`;
		used = at;
		space = width - used;
	};
	const print = (item: PItem): void => {
		if (item.kind === 'string') output(item.width, item.text);
		else if (item.kind === 'break') {
			if (current!.broken || !fits(item.space)) newline(item.indent);
			else output(item.width, ' '.repeat(item.width));
		} else {
			item.indent = used;
			current = item;
			if (!fits(item.width)) item.broken = true;
			for (const i of item.items) print(i);
			current = item.parent;
		}
	};
	print(layout(x, undefined));
	return out;
}

function devices(spec: DomainSpec): Sxp[] {
	const out: Sxp[] = [];
	for (const d of spec.disk) out.push(['device', ['vbd', ['uname', d.uname], ['dev', d.dev], ['mode', d.mode]]]);
	for (const v of spec.vif) out.push(['device', ['vif', ...v.split(',').filter(Boolean).map(kv => kv.split('=') as Sxp[])]]);
	for (const n of spec.npiv) out.push(['device', ['vfc', ['port-wwn', n.vpwwn], ['node-wwn', n.vnwwn], ['phys-port-wwn', n.ppwwn], ['autoattach', n.autoattach ? 1 : 0]]]);
	return out;
}

export function specSxp(spec: DomainSpec): string {
	const x: Sxp = [
		'vm',
		['name', spec.name],
		['memory', spec.memoryMiB],
		...(spec.maxmemMiB !== spec.memoryMiB ? [['maxmem', spec.maxmemMiB] as Sxp] : []),
		['on_poweroff', spec.onPoweroff],
		['on_reboot', spec.onReboot],
		['on_crash', spec.onCrash],
		['vcpus', spec.vcpus],
		...spec.npiv.map(n => ['npiv', formatNpivSpec(n)] as Sxp),
		['image', ['linux', ...(spec.kernel ? [['kernel', spec.kernel] as Sxp] : []), ...(spec.extra ? [['args', spec.extra] as Sxp] : [])]],
		...devices(spec),
	];
	return prettyprint(x);
}

export function domainSxp(host: XenHost, d: XenDomain, now: number): string {
	const x: Sxp = [
		'domain',
		...(d.domid !== undefined ? [['domid', d.domid] as Sxp] : []),
		['uuid', d.uuid],
		['vcpus', d.active ? d.onlineVcpus : d.spec.vcpus],
		['cpu_time', new PyFloat(Number(d.cpuTime(now).toFixed(6)))],
		['name', d.name],
		['memory', d.spec.memoryMiB],
		['maxmem', d.spec.maxmemMiB],
		['on_poweroff', d.spec.onPoweroff],
		['on_reboot', d.spec.onReboot],
		['on_crash', d.spec.onCrash],
		// XendConfig.to_sxp writes `state` only for a domain with a domid
		...(d.domid !== undefined ? [['state', d.flags] as Sxp] : []),
		...(d.startTime !== undefined && d.active ? [['start_time', (d.startTime / 1000).toFixed(2)] as Sxp] : []),
		...(d.shutdownRequested ? [['shutdown_reason', d.shutdownRequested] as Sxp] : []),
		['status', d.active ? 2 : 0],
		...d.spec.npiv.map(n => ['npiv', formatNpivSpec(n)] as Sxp),
		...(d.privileged ? [] : devices(d.spec)),
	];
	void host;
	return prettyprint(x);
}

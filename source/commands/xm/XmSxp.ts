/**
 * S-expressions as xend hands them to `xm list -l` and `xm create -n` (PrettyPrint layout:
 * one child per line, four spaces per level). The field set is xend's most useful subset.
 */
import type {XenHost} from '../../xvm/XenHost.js';
import type {XenDomain} from '../../xvm/XenDomain.js';
import {formatNpivSpec} from '../../xvm/NpivSpec.js';
import type {DomainSpec} from '../../xvm/DomainSpec.js';

type Sxp = string | number | Sxp[];

function render(x: Sxp, depth: number): string {
	if (!Array.isArray(x)) return typeof x === 'number' ? String(x) : quote(x);
	const simple = x.every(e => !Array.isArray(e));
	if (simple) return `(${x.map(e => render(e, depth + 1)).join(' ')})`;
	const pad = '    '.repeat(depth + 1);
	const [head, ...rest] = x;
	const parts = rest.map(e => `${pad}${render(e, depth + 1)}`);
	return `(${render(head!, depth + 1)}\n${parts.join('\n')}\n${'    '.repeat(depth)})`;
}

function quote(s: string): string {
	return /^[A-Za-z0-9_.:/,+@-]+$/.test(s) ? s : `'${s.replaceAll("'", "\\'")}'`;
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
	return render(x, 0);
}

export function domainSxp(host: XenHost, d: XenDomain, now: number): string {
	const x: Sxp = [
		'domain',
		...(d.domid !== undefined ? [['domid', d.domid] as Sxp] : []),
		['uuid', d.uuid],
		['vcpus', d.active ? d.onlineVcpus : d.spec.vcpus],
		['cpu_time', Number(d.cpuTime(now).toFixed(6))],
		['name', d.name],
		['memory', d.spec.memoryMiB],
		['maxmem', d.spec.maxmemMiB],
		['on_poweroff', d.spec.onPoweroff],
		['on_reboot', d.spec.onReboot],
		['on_crash', d.spec.onCrash],
		['state', d.flags],
		...(d.startTime !== undefined && d.active ? [['start_time', (d.startTime / 1000).toFixed(2)] as Sxp] : []),
		...(d.shutdownRequested ? [['shutdown_reason', d.shutdownRequested] as Sxp] : []),
		['status', d.active ? 2 : 0],
		...d.spec.npiv.map(n => ['npiv', formatNpivSpec(n)] as Sxp),
		...(d.privileged ? [] : devices(d.spec)),
	];
	void host;
	return render(x, 0);
}

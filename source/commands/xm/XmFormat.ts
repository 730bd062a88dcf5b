/**
 * xm's output formats (xen/xm/main.py 3.4): `xm list`, `vcpu-list`, `uptime`, `block-list`,
 * `network-list` and `info`, as Python's %-formatting lays them out (pad, never truncate), plus
 * the NPIV port listing of the xVM extension.
 */

export function ljust(s: string, n: number): string {
	return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function rjust(s: string, n: number): string {
	return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** Python `%-Nd`. */
function ld(n: number, w: number): string {
	return ljust(String(Math.trunc(n)), w);
}

/** Python `%8.1f`. */
function f81(x: number): string {
	return rjust(x.toFixed(1), 8);
}

export interface ListRow {
	readonly name: string;
	/** undefined for a managed domain that is not running (empty ID column). */
	readonly domid: number | undefined;
	readonly memMiB: number;
	readonly vcpus: number;
	readonly state: string;
	readonly cpuTime: number;
}

export function formatList(rows: readonly ListRow[]): string {
	let out = `${ljust('Name', 40)} ${rjust('ID', 5)} ${rjust('Mem', 5)} ${rjust('VCPUs', 5)} ${rjust('State', 10)} ${rjust('Time(s)', 9)}\n`;
	for (const r of rows) {
		out += `${ljust(r.name, 40)} ${rjust(r.domid === undefined ? '' : String(r.domid), 5)} ${rjust(String(r.memMiB), 5)} ${rjust(String(r.vcpus), 5)} ${rjust(r.state, 10)} ${f81(r.cpuTime)}\n`;
	}
	return out;
}

export interface VcpuRow {
	readonly name: string;
	readonly domid: number;
	readonly vcpu: number;
	/** undefined when the VCPU is offline (CPU column `-`, state `--p`). */
	readonly cpu: number | undefined;
	readonly running: boolean;
	readonly blocked: boolean;
	readonly cpuTime: number;
	readonly affinity: string;
}

export function formatVcpuList(rows: readonly VcpuRow[]): string {
	let out = `${ljust('Name', 32)} ${rjust('ID', 5)} ${rjust('VCPU', 5)} ${rjust('CPU', 5)} ${rjust('State', 5)} ${rjust('Time(s)', 9)} CPU Affinity\n`;
	for (const r of rows) {
		const c = r.cpu === undefined ? '-' : String(r.cpu);
		const s = r.cpu === undefined ? '--p' : `${r.running ? 'r' : '-'}${r.blocked ? 'b' : '-'}-`;
		out += `${ljust(r.name, 32)} ${rjust(String(r.domid), 5)} ${rjust(String(r.vcpu), 5)} ${rjust(c, 5)} ${rjust(s, 5)}  ${f81(r.cpuTime)} ${r.affinity}\n`;
	}
	return out;
}

export interface UptimeRow {
	readonly name: string;
	readonly domid: number | undefined;
	readonly seconds: number;
}

function upString(total: number): string {
	let up = Math.round(total);
	const days = Math.floor(up / 86400);
	up -= days * 86400;
	const hours = Math.floor(up / 3600);
	up -= hours * 3600;
	const minutes = Math.floor(up / 60);
	const days_ = days > 0 ? `${days} day${days > 1 ? 's' : ''}, ` : '';
	// seconds are appended by the caller in the long form only
	return `${days_}${rjust(String(hours), 2)}:${String(minutes).padStart(2, '0')}`;
}

export function formatUptime(rows: readonly UptimeRow[], short: boolean, clockSeconds: number): string {
	let out = short ? '' : `${ljust('Name', 33)} ${rjust('ID', 4)} Uptime \n`;
	for (const r of rows) {
		const secs = r.domid === undefined ? 0 : Math.round(r.seconds);
		const up = upString(secs);
		if (short) {
			const t = Math.floor(clockSeconds) % 86400;
			const hh = String(Math.floor(t / 3600)).padStart(2, '0');
			const mm = String(Math.floor((t % 3600) / 60)).padStart(2, '0');
			const ss = String(t % 60).padStart(2, '0');
			out += ` ${hh}:${mm}:${ss} up ${up}, ${r.name} (${r.domid ?? ''})\n`;
		} else {
			out += `${ljust(r.name, 32)} ${rjust(r.domid === undefined ? '' : String(r.domid), 5)} ${up}:${String(secs % 60).padStart(2, '0')}\n`;
		}
	}
	return out;
}

export interface DeviceRow {
	readonly idx: number;
	readonly backendId: number;
	readonly handle: number;
	readonly state: number;
	readonly eventChannel: number;
	readonly ringRef: number;
	readonly bePath: string;
	readonly mac?: string;
	readonly txRingRef?: number;
	readonly rxRingRef?: number;
}

export function formatBlockList(rows: readonly DeviceRow[]): string {
	if (rows.length === 0) return '';
	let out = 'Vdev  BE handle state evt-ch ring-ref BE-path\n';
	for (const r of rows) {
		out += `${ld(r.idx, 5)}  ${ld(r.backendId, 3)}  ${ld(r.handle, 3)}   ${ld(r.state, 3)}    ${ld(r.eventChannel, 3)}    ${ld(r.ringRef, 5)} ${ljust(r.bePath, 30)}  \n`;
	}
	return out;
}

export function formatNetworkList(rows: readonly DeviceRow[]): string {
	if (rows.length === 0) return '';
	let out = 'Idx BE     MAC Addr.     handle state evt-ch tx-/rx-ring-ref BE-path\n';
	for (const r of rows) {
		out += `${ld(r.idx, 3)} ${ld(r.backendId, 3)}${ljust(r.mac ?? '??', 17)}    ${ld(r.handle, 3)}   ${ld(r.state, 3)}    ${ld(r.eventChannel, 3)}   ${ld(r.txRingRef ?? -1, 5)}/${ld(r.rxRingRef ?? -1, 5)}   ${ljust(r.bePath, 30)}  \n`;
	}
	return out;
}

export function formatInfo(pairs: readonly (readonly [string, string | number])[]): string {
	return pairs.map(([k, v]) => `${ljust(k, 23)}: ${v}\n`).join('');
}

export interface NpivRow {
	readonly idx: number;
	readonly vpwwn: string;
	readonly vnwwn: string;
	readonly ppwwn: string;
	readonly autoattach: boolean;
	/** connected, error, creating, deleting, or inactive (domain not running). */
	readonly state: string;
	readonly luns: readonly {readonly dev: string; readonly target: string; readonly lun: number; readonly osDevice: string; readonly attached: boolean; readonly deviceType: string}[];
	readonly error?: string;
}

export function formatNpivList(rows: readonly NpivRow[], long: boolean): string {
	if (rows.length === 0) return '';
	let out = `${ljust('Idx', 4)}${ljust('Port WWN', 18)}${ljust('Node WWN', 18)}${ljust('Phys Port WWN', 18)}${ljust('Auto', 5)}${ljust('State', 11)}LUNs\n`;
	for (const r of rows) {
		const attached = r.luns.filter(l => l.attached);
		out += `${ljust(String(r.idx), 4)}${ljust(r.vpwwn, 18)}${ljust(r.vnwwn, 18)}${ljust(r.ppwwn, 18)}${ljust(r.autoattach ? '1' : '0', 5)}${ljust(r.state, 11)}${attached.length}\n`;
		if (r.error) out += `    error: ${r.error}\n`;
		for (const l of long ? r.luns : attached) {
			out += `    ${ljust(l.attached ? l.dev : '-', 7)} target ${l.target} LUN ${ljust(String(l.lun), 4)} ${l.osDevice}${l.deviceType === 'disk' ? '' : ` (${l.deviceType})`}\n`;
		}
	}
	return out;
}

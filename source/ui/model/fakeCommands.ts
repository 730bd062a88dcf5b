/**
 * The few commands the fake source answers itself (fcinfo hba-port, xm list, switch switchshow,
 * events), plus completion over the whole npiv command table. Enough to drive the `:` bar in
 * tests and the demo; the real commands come from commands/.
 */
import {fcid, formatFcId, formatFcIdShort} from '../../sim/FcId.js';
import {formatSimTime} from '../../world/SimClockText.js';
import type {CommandResult, Completion, EventRow} from './ConsoleSource.js';
import type {DerivedRows, FakeLab} from './fakeLab.js';

export const COMMAND_TREE: Readonly<Record<string, readonly string[]>> = {
	fcinfo: ['hba-port', 'remote-port', 'logical-unit', 'lu'],
	fcadm: ['hba-port', 'remote-port', 'logical-unit', 'create-npiv-port', 'delete-npiv-port', 'create-port-list', 'force-lip'],
	xm: ['list', 'create', 'shutdown', 'destroy', 'reboot', 'pause', 'unpause', 'suspend', 'resume', 'migrate', 'npiv-attach', 'npiv-detach', 'npiv-list', 'info', 'uptime'],
	switch: ['switchshow', 'nsshow', 'zoneshow', 'cfgshow', 'portshow', 'portdisable', 'portenable', 'zonecreate', 'cfgenable'],
	storage: ['lun', 'hostgroup', 'target'],
	fault: ['cable-pull', 'cable-plug', 'target-offline', 'target-online', 'switch-npiv'],
	events: ['--follow', '--json'],
};

const ok = (stdout: string): CommandResult => ({stdout, stderr: '', exitCode: 0});
const fail = (stderr: string, exitCode = 1): CommandResult => ({stdout: '', stderr, exitCode});

export function fakeRunCommand(lab: FakeLab, rows: DerivedRows, events: readonly EventRow[], line: string): CommandResult {
	const argv = line.trim().split(/\s+/).filter(Boolean);
	const [family, sub, ...rest] = argv;
	if (!family) return fail('npiv: no command given\n', 2);
	if (!(family in COMMAND_TREE)) return fail(`npiv: unknown command '${family}'. Commands: ${Object.keys(COMMAND_TREE).join(', ')}\n`, 2);
	if (family === 'fcinfo' && sub === 'hba-port') return fcinfoHbaPort(lab, rows, rest);
	if (family === 'xm' && sub === 'list') return xmList(rows);
	if (family === 'switch' && sub === 'switchshow') return switchshow(rows, rest[0]);
	if (family === 'events') return ok(events.slice(-20).map(e => `${formatSimTime(e.t)} ${e.source} ${e.type} ${e.summary}`).join('\n') + '\n');
	return fail(`npiv ${family}${sub ? ' ' + sub : ''}: not available in the demo source\n`);
}

function fcinfoHbaPort(lab: FakeLab, rows: DerivedRows, args: readonly string[]): CommandResult {
	const wanted = args.filter(a => !a.startsWith('-'));
	const out: string[] = [];
	const errors: string[] = [];
	const list = wanted.length > 0 ? wanted.map(w => ({w, a: lab.adapters.find(x => x.portWwn === w.toLowerCase())})) : lab.adapters.filter(a => !a.host.startsWith('host-')).map(a => ({w: a.portWwn as string, a}));
	for (const {w, a} of list) {
		if (!a) {
			errors.push(`Error: HBA port ${w}: not found\n`);
			continue;
		}
		const row = rows.adapters.find(r => r.key === a.portWwn)!;
		out.push(
			`HBA Port WWN: ${a.portWwn}`,
			'\tPort Mode: Initiator',
			`\tPort ID: ${row.fcid === null ? '0' : formatFcIdShort(row.fcid)}`,
			`\tOS Device Name: /dev/cfg/c${a.controller}`,
			`\tManufacturer: ${a.manufacturer}`,
			`\tModel: ${a.model}`,
			`\tFirmware Version: ${a.firmware}`,
			`\tFCode/BIOS Version: ${a.fcode}`,
			`\tSerial Number: ${a.serial}`,
			`\tDriver Name: ${a.driver}`,
			`\tDriver Version: ${a.driverVersion}`,
			`\tType: ${row.state === 'online' ? 'N-port' : 'unknown'}`,
			`\tState: ${row.state}`,
			`\tSupported Speeds: ${a.supportedGb.map(g => `${g}Gb `).join('')}`,
			`\tCurrent Speed: ${row.speed} `,
			`\tNode WWN: ${a.nodeWwn}`,
		);
		if (a.maxNpiv === 0) out.push('\tNPIV Not Supported');
		else {
			out.push(`\tMax NPIV Ports: ${a.maxNpiv}`, '\tNPIV port list:');
			lab.vports
				.filter(v => v.physicalWwn === a.portWwn)
				.reverse()
				.forEach((v, i) => out.push(`\t  Virtual Port${i + 1}:`, `\t\tNode WWN: ${v.nodeWwn}`, `\t\tPort WWN: ${v.portWwn}`));
		}
	}
	if (wanted.length > 1 && errors.length > 0) errors.push(errors.length === wanted.length ? 'Error: All specified HBA ports are not found\n' : 'Error: Some of specified HBA ports are not found\n');
	return {stdout: out.length > 0 ? out.join('\n') + '\n' : '', stderr: errors.join(''), exitCode: errors.length > 0 ? 1 : 0};
}

// As xm 3.4.4: a domain without a domid has no state in xend's answer (see commands/xm/runXm.ts listRow).
function xmList(rows: DerivedRows): CommandResult {
	const lines = [`${'Name'.padEnd(40)} ${'ID'.padStart(5)} ${'Mem'.padStart(5)} ${'VCPUs'.padStart(5)} ${'State'.padStart(10)} ${'Time(s)'.padStart(9)}`];
	for (const d of rows.domains.filter(x => x.host === rows.domains[0]?.host)) {
		lines.push(`${d.name.padEnd(40)} ${(d.id === null ? '' : String(d.id)).padStart(5)} ${String(d.memMiB).padStart(5)} ${String(d.vcpus).padStart(5)} ${(d.id === null ? '' : d.state).padStart(10)} ${d.cpuTime.toFixed(1).padStart(8)}`);
	}
	return ok(lines.join('\n') + '\n');
}

function switchshow(rows: DerivedRows, name: string | undefined): CommandResult {
	const sw = rows.switches.find(s => s.name === name) ?? rows.switches[0];
	if (!sw) return fail('switchshow: no switch\n');
	const lines = [`switchName:\t${sw.name}`, `switchDomain:\t${sw.domainId}`, 'Index Port Address Media Speed State     Proto', '=================================================='];
	for (const p of rows.ports.filter(x => x.switchName === sw.name)) {
		const addr = formatFcId(fcid(sw.domainId, p.index, 0));
		const proto = p.attachedWwn ? `FC  ${p.portType} ${p.attachedWwn}${p.npivLogins > 0 ? ` ${p.npivLogins} NPIV public` : ''}` : 'FC';
		lines.push(`${String(p.index).padStart(5)} ${String(p.index).padStart(4)}   ${addr}   id    ${p.speed.padEnd(4)}  ${p.state.padEnd(9)} ${proto}`);
	}
	return ok(lines.join('\n') + '\n');
}

/** Completion of the command word, the subcommand, then domain names or WWNs. */
export function fakeComplete(rows: DerivedRows, line: string): Completion {
	const start = line.lastIndexOf(' ') + 1;
	const word = line.slice(start);
	const words = line.slice(0, start).trim().split(/\s+/).filter(Boolean);
	let pool: readonly string[];
	if (words.length === 0) pool = Object.keys(COMMAND_TREE);
	else if (words.length === 1) pool = COMMAND_TREE[words[0]!] ?? [];
	else if (words[0] === 'xm') pool = [...new Set(rows.domains.map(d => d.name)), ...rows.hosts.map(h => h.name)];
	else if (words[0] === 'switch') pool = rows.switches.map(s => s.name);
	else pool = [...rows.adapters.map(a => a.portWwn), ...rows.vports.slice(0, 200).map(v => v.portWwn)];
	return {start, candidates: pool.filter(c => c.startsWith(word))};
}

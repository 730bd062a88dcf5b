import type {StorageArray} from '../StorageArray.js';
import {StorageError} from '../StorageError.js';
import {UsageError} from './Argv.js';
import {HOSTGROUP_SYNOPSIS, hostGroupCommand} from './HostGroupCommands.js';
import {LUN_SYNOPSIS, lunCommand} from './LunCommands.js';
import {PORT_SYNOPSIS, portCommand} from './PortCommands.js';

export interface StorageCommandResult {
	readonly stdout: string;
	readonly stderr: string;
	/** 0 success, 1 command error, 2 usage error. */
	readonly exitCode: 0 | 1 | 2;
}

const PROGRAM = 'npiv storage';

export const STORAGE_USAGE = `Usage: ${PROGRAM} <command> [--json]

Commands:
${[...Object.values(LUN_SYNOPSIS), ...Object.values(HOSTGROUP_SYNOPSIS), ...Object.values(PORT_SYNOPSIS)].map(s => `  ${s}`).join('\n')}

SIZE is a number with M, G or T (500M, 10G, 1.5T). TYPE is one of disk, tape,
medium-changer, cdrom, enclosure, raid-controller (default disk). hostgroup add
creates the group if it is missing; without :HOSTLUN a LUN gets the lowest free
host LUN of the group; --port restricts the group to that port. hostgroup remove
with no --initiator, --lun or --port deletes the group. PORT is a port name or WWPN.
`;

/**
 * `npiv storage ...`: LUNs, host groups (LUN masking) and target ports of the lab's arrays.
 * `argv` is what follows `storage`. Never throws: errors come back on stderr with exit 1
 * (command error) or 2 (usage error).
 */
export function runStorageCommand(
	arrays: readonly StorageArray[],
	argv: readonly string[],
	opts: {readonly json: boolean},
): StorageCommandResult {
	const json = opts.json || argv.includes('--json');
	try {
		const [family, verb, ...rest] = argv.filter(a => a !== '--json');
		const ctx = {arrays, json};
		if (argv.includes('--help') || argv.includes('-h')) return ok(usageOf(family));
		switch (family) {
			case 'lun':
			case 'luns':
				return ok(lunCommand(verb, rest, ctx));
			case 'hostgroup':
			case 'hostgroups':
			case 'hg':
				return ok(hostGroupCommand(verb, rest, ctx));
			case 'port':
			case 'ports':
				return ok(portCommand(verb, rest, ctx));
			case 'help':
			case '--help':
			case '-h':
				return ok(STORAGE_USAGE);
			case undefined:
				throw new UsageError('missing command');
			default:
				throw new UsageError(`unknown command '${family}'`);
		}
	} catch (error) {
		if (error instanceof UsageError) {
			const lines = typeof error.synopsis === 'string' ? [error.synopsis] : error.synopsis;
			const usage = lines ? synopsisText(lines) : STORAGE_USAGE;
			return {stdout: '', stderr: `${PROGRAM}: ${error.message}\n${usage}`, exitCode: 2};
		}
		if (error instanceof StorageError) return {stdout: '', stderr: `${PROGRAM}: ${error.message}\n`, exitCode: 1};
		const message = error instanceof Error ? error.message : String(error);
		return {stdout: '', stderr: `${PROGRAM}: internal error: ${message}\n`, exitCode: 1};
	}
}

const FAMILIES: Readonly<Record<string, readonly string[]>> = {
	lun: Object.values(LUN_SYNOPSIS),
	luns: Object.values(LUN_SYNOPSIS),
	hostgroup: Object.values(HOSTGROUP_SYNOPSIS),
	hostgroups: Object.values(HOSTGROUP_SYNOPSIS),
	hg: Object.values(HOSTGROUP_SYNOPSIS),
	port: Object.values(PORT_SYNOPSIS),
	ports: Object.values(PORT_SYNOPSIS),
};

function usageOf(family: string | undefined): string {
	const lines = family === undefined ? undefined : FAMILIES[family];
	return lines ? synopsisText(lines) : STORAGE_USAGE;
}

function synopsisText(lines: readonly string[]): string {
	return lines.map((l, i) => `${i === 0 ? 'Usage:' : '      '} ${PROGRAM} ${l}\n`).join('');
}

function ok(stdout: string): StorageCommandResult {
	return {stdout, stderr: '', exitCode: 0};
}

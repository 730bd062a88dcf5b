/**
 * Random command lines over the default lab, for the process-boundary property tests: fcadm,
 * fcinfo, xm, switch, storage, fault and link, with the lab's own names and WWNs and with wrong
 * ones, so that refusals are exercised as much as changes.
 */
import fc from 'fast-check';

export const DOM0_A = ['2100001b32813c5a', '2101001b32a13c5a'] as const;
export const DOM0_B = ['10000000c96b2e10', '10000000c96b2e11'] as const;
export const SOL_C = ['2100001b329e7730', '210000e08b1c4482', '10000000c93e5d77'] as const;
const PHYSICAL = [...DOM0_A, ...DOM0_B, ...SOL_C];
const SPARES = [
	['c0007d1c6d04a9b3', 'c0007d1c6d04a9b2'],
	['c0007d7e25f3d018', 'c0007d7e25f3d019'],
	['c0007dc84b19e6ab', 'c0007dc84b19e6aa'],
] as const;
const WEB01_VP = 'c0007d5a3e81c241';
const DB01_VP = 'c0007d93f0b27e17';
const VPORTS = [...SPARES.map(s => s[0]), WEB01_VP, DB01_VP, 'c0007d0000000001'];
const HOSTS = ['dom0-a', 'dom0-b', 'sol-c'] as const;
const DOMAINS = ['web01', 'db01', 'nosuch'] as const;
const SWITCHES = ['fab-a1', 'fab-a2', 'fab-b1', 'legacy-1'] as const;
const ENDS = [
	'dom0-a/2100001b32813c5a',
	'dom0-a/2101001b32a13c5a',
	'dom0-b/10000000c96b2e10',
	'sol-c/2100001b329e7730',
	'sol-c/10000000c93e5d77',
	'array-1/A-1',
	'array-1/B-1',
	'tape-1/p0',
	'jbod-1/loop-a',
	'fab-a1/8',
	'fab-b1/1',
	'nowhere/1',
] as const;

/** A command line: [--host H] family words... as the CLI takes it (host first when given). */
export interface Line {
	readonly host?: string;
	readonly family: string;
	readonly argv: readonly string[];
}

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const line = (family: string, argv: readonly string[], host?: string): Line => (host === undefined ? {family, argv} : {host, family, argv});

const fcadm: fc.Arbitrary<Line> = fc.oneof(
	fc.tuple(pick(HOSTS), pick(PHYSICAL), fc.option(pick(SPARES), {nil: undefined})).map(([h, p, pair]) => line('fcadm', ['create-npiv-port', ...(pair ? ['-p', pair[0], '-n', pair[1]] : []), p], h)),
	fc.tuple(pick(HOSTS), pick(PHYSICAL), pick(VPORTS)).map(([h, p, v]) => line('fcadm', ['delete-npiv-port', '-p', v, p], h)),
	fc.tuple(pick(HOSTS), pick(PHYSICAL)).map(([h, p]) => line('fcadm', ['force-lip', p], h)),
	fc.constant(line('fcadm', ['create-npiv-port', '-p', 'zz', '2100001b32813c5a'])),
);

const fcinfo: fc.Arbitrary<Line> = fc.oneof(
	pick(HOSTS).map(h => line('fcinfo', ['hba-port', '-l'], h)),
	fc.tuple(pick(HOSTS), pick([...PHYSICAL, ...VPORTS])).map(([h, p]) => line('fcinfo', ['remote-port', '-s', '-p', p], h)),
	pick(HOSTS).map(h => line('fcinfo', ['lu', '-v'], h)),
);

const xm: fc.Arbitrary<Line> = fc.oneof(
	fc.constant(line('xm', ['list', '-l'])),
	fc.tuple(pick(['dom0-a', 'dom0-b']), pick(['list', 'uptime', 'info'])).map(([h, v]) => line('xm', [v], h)),
	fc.tuple(pick(['dom0-a', 'dom0-b']), pick(['start', 'shutdown', 'destroy', 'pause', 'unpause', 'suspend', 'resume', 'reboot', 'npiv-list', 'block-list']), pick(DOMAINS)).map(([h, v, d]) => line('xm', [v, d], h)),
	fc.tuple(pick(['dom0-a', 'dom0-b']), pick(DOMAINS), pick(['dom0-a', 'dom0-b', 'sol-c'])).map(([h, d, to]) => line('xm', ['migrate', '--live', d, to], h)),
	fc.tuple(pick(['dom0-a', 'dom0-b']), pick(DOMAINS), pick([...DOM0_A, ...DOM0_B]), fc.option(pick(SPARES), {nil: undefined})).map(([h, d, p, pair]) =>
		line('xm', ['npiv-attach', d, p, ...(pair ? ['-p', pair[0], '-n', pair[1]] : [])], h),
	),
	fc.tuple(pick(['dom0-a', 'dom0-b']), pick(DOMAINS), pick(VPORTS)).map(([h, d, v]) => line('xm', ['npiv-detach', d, v], h)),
	fc.tuple(pick(['dom0-a', 'dom0-b']), pick(DOMAINS), fc.integer({min: 256, max: 4096})).map(([h, d, m]) => line('xm', ['mem-set', d, String(m)], h)),
);

const sw: fc.Arbitrary<Line> = fc.oneof(
	fc.tuple(pick(SWITCHES), pick(['portdisable', 'portenable']), fc.integer({min: 0, max: 9})).map(([s, v, p]) => line('switch', ['--switch', s, v, String(p)])),
	fc.tuple(pick(SWITCHES), fc.integer({min: 0, max: 9}), pick(['0', '1'])).map(([s, p, on]) => line('switch', ['--switch', s, 'portcfgnpivport', String(p), on])),
	fc.tuple(pick(SWITCHES), pick(['nsshow', 'switchshow', 'zoneshow', 'cfgshow', 'fabricshow'])).map(([s, v]) => line('switch', ['--switch', s, v])),
	fc.tuple(pick(['al_x', 'al_y', 'bad$name']), pick(VPORTS)).map(([n, w]) => line('switch', ['alicreate', n, w])),
	fc.tuple(pick(['z_x', 'z_y']), pick(['al_x', 'array1_a1; al_y', 'array1_a1; al_x'])).map(([n, m]) => line('switch', ['zonecreate', n, m])),
	fc.tuple(pick(['cfg_fabric_a', 'cfg_new']), pick(['z_x', 'z_y'])).map(([c, z]) => line('switch', ['cfgadd', c, z])),
	pick(['cfg_fabric_a', 'cfg_new']).map(c => line('switch', ['cfgenable', c])),
	fc.constant(line('switch', ['cfgsave'])),
);

const storage: fc.Arbitrary<Line> = fc.oneof(
	fc.tuple(pick(['array-1', 'jbod-1']), pick(['1G', '10G', 'x'])).map(([a, s]) => line('storage', ['lun', 'create', '--array', a, '--size', s])),
	fc.tuple(pick(['array-1', 'jbod-1']), fc.integer({min: 0, max: 14})).map(([a, id]) => line('storage', ['lun', 'delete', '--array', a, String(id)])),
	fc.tuple(pick(['array-1']), pick(['web01', 'spare-a0-1', 'newgroup']), pick(VPORTS), fc.integer({min: 0, max: 13})).map(([a, g, w, lun]) =>
		line('storage', ['hostgroup', 'add', '--array', a, '--group', g, '--initiator', w, '--lun', String(lun)]),
	),
	fc.tuple(pick(['array-1']), pick(['web01', 'spare-a0-1']), fc.integer({min: 0, max: 13})).map(([a, g, lun]) => line('storage', ['hostgroup', 'remove', '--array', a, '--group', g, '--lun', String(lun)])),
	fc.tuple(pick(['offline', 'online']), pick(['array-1 A-1', 'array-1 B-1', 'tape-1 p0'])).map(([v, ap]) => {
		const [a, p] = ap.split(' ') as [string, string];
		return line('storage', ['port', v, '--array', a, p]);
	}),
);

const fault: fc.Arbitrary<Line> = fc.oneof(
	fc.tuple(pick(['pull', 'plug']), pick(ENDS)).map(([v, e]) => line('fault', ['cable', v, e])),
	fc.tuple(pick(['pull', 'plug']), pick(ENDS)).map(([v, e]) => line('link', [v, e])),
	fc.tuple(pick(['disable', 'enable']), pick(['fab-a1/0', 'fab-a1/8', 'fab-b1/0', 'fab-a2/8'])).map(([v, p]) => line('fault', ['port', v, p])),
	fc.tuple(pick(['offline', 'online']), pick(['array-1/A-1', 'tape-1/p0'])).map(([v, p]) => line('fault', ['target', v, p])),
	fc.tuple(pick(['off', 'on']), pick(['fab-a1', 'fab-a1/0', 'fab-b1/1'])).map(([v, s]) => line('fault', ['npiv', v, s])),
	fc.constant(line('fault', ['list'])),
	fc.constant(line('events', ['--limit', '3'])),
);

export const commandLine: fc.Arbitrary<Line> = fc.oneof(
	{arbitrary: fcadm, weight: 3},
	{arbitrary: fcinfo, weight: 1},
	{arbitrary: xm, weight: 3},
	{arbitrary: sw, weight: 2},
	{arbitrary: storage, weight: 2},
	{arbitrary: fault, weight: 3},
);

export function describeLine(l: Line): string {
	return `${l.host ? `--host ${l.host} ` : ''}${l.family} ${l.argv.join(' ')}`;
}

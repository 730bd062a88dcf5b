import {describe, expect, test} from 'vitest';
import {bench, lines} from './harness.js';

const FCINFO_GENERAL = lines(
	'Usage:\tfcinfo -?,-V,--help',
	'Usage:\tfcinfo hba-port [-?]',
	'Usage:\tfcinfo remote-port [-?]',
	'Usage:\tfcinfo logical-unit [-?]',
	'Usage:\tfcinfo lu [-?]',
);

const FCADM_GENERAL = lines(
	'Usage:\tfcadm -?,-V,--help',
	'Usage:\tfcadm create-npiv-port [-?]',
	'Usage:\tfcadm delete-npiv-port [-?]',
	'Usage:\tfcadm hba-port [-?]',
	'Usage:\tfcadm remote-port [-?]',
	'Usage:\tfcadm create-port-list [-?]',
	'Usage:\tfcadm logical-unit [-?]',
	'Usage:\tfcadm lu [-?]',
	'Usage:\tfcadm create-fcoe-port [-?]',
	'Usage:\tfcadm delete-fcoe-port [-?]',
	'Usage:\tfcadm list-fcoe-ports [-?]',
	'Usage:\tfcadm force-lip [-?]',
);

/** Detailed usage of each subcommand: it starts with an empty line, options end with two blanks. */
const DETAIL = {
	fcinfo: {
		'hba-port': lines('', 'Usage:\tfcinfo hba-port [OPTIONS] [WWN ...]', '\tOPTIONS:', '\t\t-i, --initiator  ', '\t\t-t, --target  ', '\t\t-e, --fcoe  ', '\t\t-l, --linkstat  '),
		'remote-port': lines('', 'Usage:\tfcinfo remote-port <OPTIONS> [WWN ...]', '\tOPTIONS:', '\t\t-l, --linkstat  ', '\t\t-s, --scsi-target  ', '\t\t-p, --port  <HBA Port WWN>'),
		'logical-unit': lines('', 'Usage:\tfcinfo logical-unit [OPTIONS] [OS Device Path ...]', '\tOPTIONS:', '\t\t-v, --verbose  '),
		lu: lines('', 'Usage:\tfcinfo lu [OPTIONS] [OS Device Path ...]', '\tOPTIONS:', '\t\t-v, --verbose  '),
	},
	fcadm: {
		'create-npiv-port': lines('', 'Usage:\tfcadm create-npiv-port [OPTIONS] <WWN>', '\tOPTIONS:', '\t\t-p, --port  <HBA Port WWN>', '\t\t-n, --node  <HBA Node WWN>'),
		'delete-npiv-port': lines('', 'Usage:\tfcadm delete-npiv-port <OPTIONS> <WWN>', '\tOPTIONS:', '\t\t-p, --port  <HBA Port WWN>'),
		'hba-port': lines('', 'Usage:\tfcadm hba-port [OPTIONS] [WWN ...]', '\tOPTIONS:', '\t\t-i, --initiator  ', '\t\t-t, --target  ', '\t\t-e, --fcoe  ', '\t\t-l, --linkstat  '),
		'remote-port': lines('', 'Usage:\tfcadm remote-port <OPTIONS> [WWN ...]', '\tOPTIONS:', '\t\t-p, --port  <HBA Port WWN>', '\t\t-s, --scsi-target  ', '\t\t-l, --linkstat  '),
		'create-port-list': lines('', 'Usage:\tfcadm create-port-list '),
		'logical-unit': lines('', 'Usage:\tfcadm logical-unit [OPTIONS] [OS Device Path ...]', '\tOPTIONS:', '\t\t-v, --verbose  '),
		lu: lines('', 'Usage:\tfcadm lu [OPTIONS] [OS Device Path ...]', '\tOPTIONS:', '\t\t-v, --verbose  '),
		'create-fcoe-port': lines(
			'',
			'Usage:\tfcadm create-fcoe-port [OPTIONS] <Network Interface Name>',
			'\tOPTIONS:',
			'\t\t-i, --initiator  ',
			'\t\t-t, --target  ',
			'\t\t-p, --port  <HBA Port WWN>',
			'\t\t-n, --node  <HBA Node WWN>',
			'\t\t-f, --fcoe-force-promisc  ',
		),
		'delete-fcoe-port': lines('', 'Usage:\tfcadm delete-fcoe-port <Network Interface Name>'),
		'list-fcoe-ports': lines('', 'Usage:\tfcadm list-fcoe-ports [OPTIONS] ', '\tOPTIONS:', '\t\t-i, --initiator  ', '\t\t-t, --target  '),
		'force-lip': lines('', 'Usage:\tfcadm force-lip <WWN>'),
	},
} as const;

const MORE_FCINFO = 'For more information, please see fcinfo(1M)\n';
const MORE_FCADM = 'For more information, please see fcadm(1M)\n';

describe('general usage', () => {
	test('no subcommand prints the general usage and the man page pointer, exit 1', () => {
		const r = bench().fcinfo();
		expect(r).toEqual({stdout: FCINFO_GENERAL + MORE_FCINFO, stderr: '', exitCode: 1, changed: false});
		expect(bench().fcadm().stdout).toBe(FCADM_GENERAL + MORE_FCADM);
	});

	test('an unknown subcommand says so first', () => {
		const r = bench().fcinfo('list-ports');
		expect(r.stdout).toBe('fcinfo: invalid subcommand\n' + FCINFO_GENERAL + MORE_FCINFO);
		expect(r.exitCode).toBe(1);
	});

	test('fcadm has logical-unit/lu as Solaris 11 builds it; fcinfo has no NPIV subcommands', () => {
		const fcadm = bench().fcadm('lu', '-v');
		const fcinfo = bench().fcinfo('lu', '-v');
		expect(fcadm).toEqual(fcinfo);
		expect(bench().fcadm('logical-unit').exitCode).toBe(0);
		expect(bench().fcadm('lu', '-l').stdout).toBe("fcadm: '-l': invalid option\n" + DETAIL.fcadm.lu + MORE_FCADM);
		expect(bench().fcinfo('create-npiv-port', '2100001b32812345').stdout).toBe('fcinfo: invalid subcommand\n' + FCINFO_GENERAL + MORE_FCINFO);
	});

	test('an unknown option before the subcommand: getopt complains on stderr, general usage on stdout', () => {
		const r = bench().fcinfo('-x', 'hba-port');
		expect(r.stderr).toBe('fcinfo: illegal option -- x\n');
		expect(r.stdout).toBe(FCINFO_GENERAL + MORE_FCINFO);
		expect(r.exitCode).toBe(1);
		expect(bench().fcadm('--bogus').stderr).toBe('fcadm: illegal option -- bogus\n');
	});
});

describe('help and version', () => {
	test.each([['-?'], ['--help'], ['--he']])('%s prints every detailed usage and exits 0', flag => {
		const r = bench().fcinfo(flag);
		expect(r.stdout).toBe('Usage:\tfcinfo -?,-V\n' + Object.values(DETAIL.fcinfo).join(''));
		expect(r.stderr).toBe('');
		expect(r.exitCode).toBe(0);
	});

	test('fcadm -? lists its own subcommands', () => {
		expect(bench().fcadm('-?').stdout).toBe('Usage:\tfcadm -?,-V\n' + Object.values(DETAIL.fcadm).join(''));
	});

	test.each([['-V'], ['--version'], ['--vers']])('%s prints the version', flag => {
		expect(bench().fcinfo(flag)).toEqual({stdout: 'fcinfo: Version 1.0\n', stderr: '', exitCode: 0, changed: false});
		expect(bench().fcadm(flag).stdout).toBe('fcadm: Version 1.0\n');
	});

	test('-V wins over a subcommand after it', () => {
		expect(bench().fcinfo('-V', 'hba-port').stdout).toBe('fcinfo: Version 1.0\n');
	});

	test.each(Object.keys(DETAIL.fcinfo))('fcinfo %s -? prints its detailed usage only, exit 0', sub => {
		const r = bench().fcinfo(sub, '-?');
		expect(r.stdout).toBe(DETAIL.fcinfo[sub as keyof typeof DETAIL.fcinfo]);
		expect(r.exitCode).toBe(0);
	});

	test.each(Object.keys(DETAIL.fcadm))('fcadm %s --help prints its detailed usage only, exit 0', sub => {
		const r = bench().fcadm(sub, '--help');
		expect(r.stdout).toBe(DETAIL.fcadm[sub as keyof typeof DETAIL.fcadm]);
		expect(r.exitCode).toBe(0);
	});

	test('-? stops the parse even after other options', () => {
		const b = bench();
		expect(b.fcinfo('hba-port', '-l', '-?').stdout).toBe(DETAIL.fcinfo['hba-port']);
		expect(b.api.count('HBA_LoadLibrary')).toBe(0);
	});
});

describe('parser errors', () => {
	test('an option letter nobody knows: getopt names the subcommand as typed, no man page line', () => {
		const r = bench().fcinfo('HBA-PORT', '-x');
		expect(r.stderr).toBe('HBA-PORT: illegal option -- x\n');
		expect(r.stdout).toBe(DETAIL.fcinfo['hba-port']);
		expect(r.exitCode).toBe(1);
	});

	test('a known letter the subcommand does not take', () => {
		const r = bench().fcinfo('hba-port', '-v');
		expect(r.stdout).toBe("fcinfo: '-v': invalid option\n" + DETAIL.fcinfo['hba-port'] + MORE_FCINFO);
		expect(r.stderr).toBe('');
		expect(r.exitCode).toBe(1);
	});

	test('fcadm hba-port takes -i/-t/-e/-l (Solaris 11) but not -v; delete-npiv-port has no -n', () => {
		expect(bench().fcadm('hba-port', '-i')).toEqual(bench().fcinfo('hba-port', '-i'));
		expect(bench().fcadm('hba-port', '-v').stdout).toBe("fcadm: '-v': invalid option\n" + DETAIL.fcadm['hba-port'] + MORE_FCADM);
		const b = bench();
		const r = b.fcadm('delete-npiv-port', '-p', 'c0007d1a2b3c4d5f', '-n', 'c0007d1a2b3c4d5e', '2100001b32812345');
		expect(r.stdout).toBe("fcadm: '-n': invalid option\n" + DETAIL.fcadm['delete-npiv-port'] + MORE_FCADM);
		expect(r.exitCode).toBe(1);
		expect(b.api.count('Sun_HBA_DeleteNPIVPort')).toBe(0);
	});

	test('no options permitted', () => {
		const r = bench().fcadm('create-port-list', '-l');
		expect(r.stdout).toBe('fcadm: no options permitted\n' + DETAIL.fcadm['create-port-list'] + MORE_FCADM);
		expect(r.exitCode).toBe(1);
		expect(bench().fcadm('force-lip', '-p', 'x', '2100001b32812345').stdout).toBe('fcadm: no options permitted\n' + DETAIL.fcadm['force-lip'] + MORE_FCADM);
	});

	test('at least one option required', () => {
		const r = bench().fcinfo('remote-port');
		expect(r.stdout).toBe('fcinfo: at least one option required\n' + DETAIL.fcinfo['remote-port'] + MORE_FCINFO);
		expect(r.exitCode).toBe(1);
	});

	test('following option(s) required, also when the required option is given twice', () => {
		const expected = 'fcinfo: Following option(s) required: p\n' + DETAIL.fcinfo['remote-port'] + MORE_FCINFO;
		expect(bench().fcinfo('remote-port', '-s').stdout).toBe(expected);
		expect(bench().fcinfo('remote-port', '-p', '2100001b32812345', '-p', '2100001b32812345').stdout).toBe(expected);
		expect(bench().fcadm('delete-npiv-port', '2100001b32812345').stdout).toBe('fcadm: at least one option required\n' + DETAIL.fcadm['delete-npiv-port'] + MORE_FCADM);
	});

	test('requires an operand', () => {
		const r = bench().fcadm('create-npiv-port', '-p', 'c0007d1a2b3c4d61', '-n', 'c0007d1a2b3c4d60');
		expect(r.stdout).toBe('fcadm: create-npiv-port requires an operand\n' + DETAIL.fcadm['create-npiv-port'] + MORE_FCADM);
		expect(r.exitCode).toBe(1);
		expect(bench().fcadm('force-lip').stdout).toBe('fcadm: force-lip requires an operand\n' + DETAIL.fcadm['force-lip'] + MORE_FCADM);
	});

	test('takes no operands: the message alone goes to stderr', () => {
		const r = bench().fcadm('create-port-list', 'now');
		expect(r.stderr).toBe('fcadm: create-port-list takes no operands\n');
		expect(r.stdout).toBe(DETAIL.fcadm['create-port-list'] + MORE_FCADM);
		expect(r.exitCode).toBe(1);
		expect(bench().fcadm('list-fcoe-ports', 'e1000g0').stderr).toBe('fcadm: list-fcoe-ports takes no operands\n');
	});

	test('accepts only a single operand', () => {
		const r = bench().fcadm('create-npiv-port', '2100001b32812345', '2101001b32a12345');
		expect(r.stdout).toBe('fcadm: create-npiv-port accepts only a single operand\n' + DETAIL.fcadm['create-npiv-port'] + MORE_FCADM);
		expect(r.exitCode).toBe(1);
	});

	test('a missing option argument, short and long', () => {
		const short = bench().fcinfo('remote-port', '-p');
		expect(short.stderr).toBe('remote-port: option requires an argument -- p\n');
		expect(short.stdout).toBe(DETAIL.fcinfo['remote-port']);
		expect(short.exitCode).toBe(1);
		expect(bench().fcinfo('remote-port', '--port').stderr).toBe('remote-port: option requires an argument -- port\n');
	});

	test('an argument given to a long option that takes none', () => {
		const r = bench().fcinfo('hba-port', '--linkstat=yes');
		expect(r.stderr).toBe("hba-port: option doesn't take an argument -- linkstat\n");
		expect(r.stdout).toBe(DETAIL.fcinfo['hba-port']);
		expect(r.exitCode).toBe(1);
	});

	test('an unknown long option after the subcommand', () => {
		const r = bench().fcinfo('lu', '--all=1');
		expect(r.stderr).toBe('lu: illegal option -- all=1\n');
		expect(r.stdout).toBe(DETAIL.fcinfo.lu);
		expect(r.exitCode).toBe(1);
	});

	test('an option argument over 512 characters: option too long, then perror', () => {
		const b = bench();
		const r = b.fcinfo('remote-port', '-p', '2'.repeat(513));
		expect(r.stdout).toBe('fcinfo: option too long\n');
		expect(r.stderr).toBe('fcinfo: Invalid argument\n');
		expect(r.exitCode).toBe(1);
		expect(b.api.count('HBA_LoadLibrary')).toBe(0);
		// 512 is still accepted (and read as its first 16 digits)
		expect(bench().fcinfo('remote-port', '-p', '2100001b32812345' + '0'.repeat(496)).exitCode).toBe(0);
	});
});

describe('accepted forms', () => {
	test('the subcommand matches in any case', () => {
		const b = bench();
		expect(b.fcinfo('HBA-Port').stdout).toBe(b.fcinfo('hba-port').stdout);
		expect(b.fcinfo('LU').stdout).toBe(b.fcinfo('lu').stdout);
	});

	test('options may follow operands, clusters and attached arguments work', () => {
		const b = bench();
		const reference = b.fcinfo('remote-port', '-p', '2100001b32812345', '-s', '-l').stdout;
		expect(reference).toContain('Remote Port WWN: 50060e8005123400');
		expect(b.fcinfo('remote-port', '-slp2100001b32812345').stdout).toBe(reference);
		expect(b.fcinfo('remote-port', '--port=2100001b32812345', '--scsi-target', '--link').stdout).toBe(reference);
		expect(b.fcinfo('remote-port', '--port', '2100001b32812345', '-ls').stdout).toBe(reference);
		expect(b.fcinfo('hba-port', '2100001b32812345', '-l').stdout).toBe(b.fcinfo('hba-port', '-l', '2100001b32812345').stdout);
	});

	test('-- ends the options: what follows is an operand', () => {
		const r = bench().fcinfo('lu', '--', '-v');
		expect(r.stderr).toBe('-v: no such path\n');
		expect(r.exitCode).toBe(1);
	});
});

describe('--json', () => {
	test('version and help as data', () => {
		expect(bench().json('fcinfo', '-V').value).toEqual({command: 'fcinfo', version: '1.0'});
		const help = bench().json('fcadm', 'force-lip', '-?');
		expect(help.result.exitCode).toBe(0);
		expect(help.value).toEqual({usage: DETAIL.fcadm['force-lip']});
	});

	test('a syntax error is {error, usage} with exit 1 and nothing on stderr', () => {
		const {result, value} = bench().json('fcinfo', 'hba-port', '-v');
		expect(result.exitCode).toBe(1);
		expect(result.stderr).toBe('');
		expect(value).toEqual({usage: DETAIL.fcinfo['hba-port'], error: "fcinfo: '-v': invalid option\nFor more information, please see fcinfo(1M)"});
		expect(bench().json('fcinfo', 'hba-port', '-x').value).toEqual({usage: DETAIL.fcinfo['hba-port'], error: 'hba-port: illegal option -- x'});
	});
});

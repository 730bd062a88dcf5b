/**
 * xm's subcommand table and help output, laid out as xen/xm/main.py (3.4) prints it: the short
 * help of `xm` alone, the full list of `xm help`, and a subcommand's usage after an error. The
 * Sun xVM NPIV verbs join the device commands.
 */

/** name -> [argument string, description] (SUBCOMMAND_HELP). */
export const SUBCOMMAND_HELP: Readonly<Record<string, readonly [string, string]>> = {
	shell: ['', 'Launch an interactive shell.'],
	console: ['[-q|--quiet] <Domain>', "Attach to <Domain>'s console."],
	vncviewer: ['[--[vncviewer-]autopass] <Domain>', "Attach to <Domain>'s VNC server."],
	create: ['<ConfigFile> [options] [vars]', 'Create a domain based on <ConfigFile>.'],
	destroy: ['<Domain>', 'Terminate a domain immediately.'],
	help: ['', 'Display this message.'],
	list: ['[options] [Domain, ...]', 'List information about all/some domains.'],
	'mem-max': ['<Domain> <Mem>', 'Set the maximum amount reservation for a domain.'],
	'mem-set': ['<Domain> <Mem>', 'Set the current memory usage for a domain.'],
	migrate: ['<Domain> <Host>', 'Migrate a domain to another machine.'],
	pause: ['<Domain>', 'Pause execution of a domain.'],
	reboot: ['<Domain> [-wa]', 'Reboot a domain.'],
	reset: ['<Domain>', 'Reset a domain.'],
	restore: ['<CheckpointFile> [-p]', 'Restore a domain from a saved state.'],
	save: ['[-c] <Domain> <CheckpointFile>', 'Save a domain state to restore later.'],
	shutdown: ['<Domain> [-waRH]', 'Shutdown a domain.'],
	top: ['', 'Monitor a host and the domains in real time.'],
	unpause: ['<Domain>', 'Unpause a paused domain.'],
	uptime: ['[-s] [Domain, ...]', 'Print uptime for all/some domains.'],
	new: ['<ConfigFile> [options] [vars]', 'Adds a domain to Xend domain management'],
	delete: ['<DomainName>', 'Remove a domain from Xend domain management.'],
	start: ['<DomainName>', 'Start a Xend managed domain'],
	resume: ['<DomainName>', 'Resume a Xend managed domain'],
	suspend: ['<DomainName>', 'Suspend a Xend managed domain'],
	dmesg: ['[-c|--clear]', "Read and/or clear Xend's message buffer."],
	domid: ['<DomainName>', 'Convert a domain name to domain id.'],
	domname: ['<DomId>', 'Convert a domain id to domain name.'],
	'dump-core': ['[-L|--live] [-C|--crash] [-R|--reset] <Domain> [Filename]', 'Dump core for a specific domain.'],
	info: ['[-c|--config]', 'Get information about Xen host.'],
	log: ['', 'Print Xend log'],
	rename: ['<Domain> <NewDomainName>', 'Rename a domain.'],
	'sched-sedf': ['<Domain> [options]', 'Get/set EDF parameters.'],
	'sched-credit': ['[-d <Domain> [-w[=WEIGHT]|-c[=CAP]]]', 'Get/set credit scheduler parameters.'],
	sysrq: ['<Domain> <letter>', 'Send a sysrq to a domain.'],
	'debug-keys': ['<Keys>', 'Send debug keys to Xen.'],
	trigger: ['<Domain> <nmi|reset|init|s3resume|power> [<VCPU>]', 'Send a trigger to a domain.'],
	'vcpu-list': ['[Domain, ...]', 'List the VCPUs for all/some domains.'],
	'vcpu-pin': ['<Domain> <VCPU|all> <CPUs|all>', 'Set which CPUs a VCPU can use.'],
	'vcpu-set': ['<Domain> <vCPUs>', 'Set the number of active VCPUs for allowed for the domain.'],
	'usb-add': ['<domain> <[host:bus.addr] [host:vendor_id:product_id]>', 'Add the usb device to FV VM.'],
	'usb-del': ['<domain> <[host:bus.addr] [host:vendor_id:product_id]>', 'Delete the usb device to FV VM.'],
	'block-attach': ['<Domain> <BackDev> <FrontDev> <Mode> [BackDomain]', 'Create a new virtual block device.'],
	'block-configure': ['<Domain> <BackDev> <FrontDev> <Mode> [BackDomain]', 'Change block device configuration'],
	'block-detach': ['<Domain> <DevId> [-f|--force]', "Destroy a domain's virtual block device."],
	'block-list': ['<Domain> [--long]', 'List virtual block devices for a domain.'],
	'network-attach': [
		'<Domain> [type=<type>] [mac=<mac>] [bridge=<bridge>] [ip=<ip>] [script=<script>] [backend=<BackDomain>] [vifname=<name>] [rate=<rate>] [model=<model>][accel=<accel>]',
		'Create a new virtual network device.',
	],
	'network-detach': ['<Domain> <DevId> [-f|--force]', "Destroy a domain's virtual network device."],
	'network-list': ['<Domain> [--long]', 'List virtual network interfaces for a domain.'],
	'vnet-create': ['<ConfigFile>', 'Create a vnet from ConfigFile.'],
	'vnet-delete': ['<VnetId>', 'Delete a Vnet.'],
	'vnet-list': ['[-l|--long]', 'List Vnets.'],
	'vtpm-list': ['<Domain> [--long]', 'List virtual TPM devices.'],
	'pci-attach': ['[-o|--options=<opt>] <Domain> <domain:bus:slot.func> [virtual slot]', 'Insert a new pass-through pci device.'],
	'pci-detach': ['<Domain> <domain:bus:slot.func>', "Remove a domain's pass-through pci device."],
	'pci-list': ['<Domain>', 'List pass-through pci devices for a domain.'],
	'pci-list-assignable-devices': ['', 'List all the assignable pci devices'],
	'scsi-attach': ['<Domain> <PhysDevice> <VirtDevice> [BackDomain]', 'Attach a new SCSI device.'],
	'scsi-detach': ['<Domain> <VirtDevice>', 'Detach a specified SCSI device.'],
	'scsi-list': ['<Domain> [--long]', 'List all SCSI devices currently attached.'],
	'npiv-attach': ['<Domain> <PhysPortWWN> [-p <PortWWN> -n <NodeWWN>] [--no-autoattach]', 'Create a virtual FC port for a domain.'],
	'npiv-detach': ['<Domain> <PortWWN>', "Delete a domain's virtual FC port."],
	'npiv-list': ['<Domain> [--long]', "List a domain's virtual FC ports and LUNs."],
	labels: ['[policy] [type=dom|res|any]', 'List <type> labels for (active) policy.'],
	addlabel: ['<label> {dom <ConfigFile>|res <resource>|mgt <managed domain>}\n                   [<policy>]', 'Add security label to domain.'],
	rmlabel: ['{dom <ConfigFile>|res <Resource>|mgt<managed domain>}', 'Remove a security label from domain.'],
	getlabel: ['{dom <ConfigFile>|res <Resource>|mgt <managed domain>}', 'Show security label for domain or resource.'],
	'dry-run': ['<ConfigFile>', 'Test if a domain can access its resources.'],
	resources: ['', 'Show info for each labeled resource.'],
	dumppolicy: ['', 'Print hypervisor ACM state information.'],
	setpolicy: ['<policytype> <policyfile> [options]', 'Set the policy of the system.'],
	resetpolicy: ['', 'Set the policy of the system to the default policy.'],
	getpolicy: ['[options]', 'Get the policy of the system.'],
	serve: ['', 'Proxy Xend XMLRPC over stdio.'],
};

/** Options listed under a subcommand's usage (SUBCOMMAND_OPTIONS, plus create/new/NPIV). */
export const SUBCOMMAND_OPTIONS: Readonly<Record<string, readonly (readonly [string, string, string])[]>> = {
	list: [
		['-l', '--long', 'Output all VM details in SXP'],
		['', '--label', 'Include security labels'],
		['', '--state=<state>', 'Select only VMs with the specified state'],
	],
	start: [
		['-p', '--paused', 'Do not unpause domain after starting it'],
		['-c', '--console_autoconnect', 'Connect to the console after the domain is created'],
	],
	resume: [['-p', '--paused', 'Do not unpause domain after resuming it']],
	save: [['-c', '--checkpoint', 'Leave domain running after creating snapshot']],
	restore: [['-p', '--paused', 'Do not unpause domain after restoring it']],
	info: [['-c', '--config', 'List Xend configuration parameters']],
	create: [
		['-p', '--paused', 'Leave the domain paused after it is created.'],
		['-n', '--dryrun', 'Dry run - prints the resulting configuration in SXP but does not create the domain.'],
		['-q', '--quiet', 'Quiet.'],
		['-f FILE', '--defconfig=FILE', 'Use the given Python configuration script.'],
	],
	new: [
		['-n', '--dryrun', 'Dry run - prints the resulting configuration in SXP but does not create the domain.'],
		['-q', '--quiet', 'Quiet.'],
		['-f FILE', '--defconfig=FILE', 'Use the given Python configuration script.'],
	],
	'npiv-attach': [
		['-p <PortWWN>', '--port=<PortWWN>', 'Virtual port WWN (with -n); random when omitted.'],
		['-n <NodeWWN>', '--node=<NodeWWN>', 'Virtual node WWN (with -p); random when omitted.'],
		['', '--no-autoattach', 'Do not attach LUNs that appear on the port to the domain.'],
	],
	'npiv-list': [['-l', '--long', 'Also list the LUNs each port sees but has not attached']],
};

export const COMMON_COMMANDS = [
	'console', 'vncviewer', 'create', 'new', 'delete', 'destroy', 'dump-core', 'help', 'list', 'mem-set', 'migrate', 'pause', 'reboot', 'reset',
	'restore', 'resume', 'save', 'shell', 'shutdown', 'start', 'suspend', 'top', 'unpause', 'uptime', 'usb-add', 'usb-del', 'vcpu-set',
];

const DOMAIN_COMMANDS = [
	'console', 'vncviewer', 'create', 'new', 'delete', 'destroy', 'domid', 'domname', 'dump-core', 'list', 'mem-max', 'mem-set', 'migrate', 'pause',
	'reboot', 'rename', 'reset', 'restore', 'resume', 'save', 'shutdown', 'start', 'suspend', 'sysrq', 'trigger', 'top', 'unpause', 'uptime',
	'usb-add', 'usb-del', 'vcpu-list', 'vcpu-pin', 'vcpu-set',
];
const HOST_COMMANDS = ['debug-keys', 'dmesg', 'info', 'log', 'serve'];
const SCHEDULER_COMMANDS = ['sched-credit', 'sched-sedf'];
const DEVICE_COMMANDS = [
	'block-attach', 'block-detach', 'block-list', 'block-configure', 'network-attach', 'network-detach', 'network-list', 'vtpm-list',
	'pci-attach', 'pci-detach', 'pci-list', 'pci-list-assignable-devices', 'scsi-attach', 'scsi-detach', 'scsi-list',
	'npiv-attach', 'npiv-detach', 'npiv-list',
];
const VNET_COMMANDS = ['vnet-list', 'vnet-create', 'vnet-delete'];
const ACM_COMMANDS = ['labels', 'addlabel', 'rmlabel', 'getlabel', 'dry-run', 'resources', 'dumppolicy', 'setpolicy', 'resetpolicy', 'getpolicy'];

export const ALL_COMMANDS = [...DOMAIN_COMMANDS, ...HOST_COMMANDS, ...SCHEDULER_COMMANDS, ...DEVICE_COMMANDS, ...VNET_COMMANDS, ...ACM_COMMANDS, 'shell', 'event-monitor'];

/** Every name xm's dispatcher knows (its `commands` dict), for unique-prefix matching. */
export const KNOWN_COMMANDS: readonly string[] = [
	...new Set([
		...ALL_COMMANDS.filter(c => c !== 'help'),
		'network-new', 'network-del', 'network-show',
	]),
];

/** Deprecated names (main.py `aliases`). */
export const ALIASES: Readonly<Record<string, string>> = {
	balloon: 'mem-set',
	'set-vcpus': 'vcpu-set',
	'vif-list': 'network-list',
	'vbd-create': 'block-attach',
	'vbd-destroy': 'block-detach',
	'vbd-list': 'block-list',
};

const USAGE_HELP = 'Usage: xm <subcommand> [args]\n\nControl, list, and manipulate Xen guest instances.\n';
const USAGE_FOOTER =
	"<Domain> can either be the Domain Name or Id.\nFor more help on 'xm' see the xm(1) man page.\nFor more help on 'xm create' see the xmdomain.cfg(5)  man page.\n";

/** xm's own word wrap (xen/xm/opts.py): a text shorter than `width` stays one line. */
export function wrap(text: string, width: number): string[] {
	if (text.length < width) return [text];
	const lines: string[] = [];
	for (const line of text.split('\n')) {
		let current = '';
		for (const word of line.trim().split(/\s+/).filter(Boolean)) {
			if (current.length + word.length + 1 < width) current += `${word} `;
			else {
				lines.push(current.trim());
				current = `${word} `;
			}
		}
		if (current) lines.push(current.trim());
	}
	return lines;
}

function pad(s: string, n: number): string {
	return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function commandLines(commands: readonly string[]): string {
	let out = '';
	for (const c of commands) {
		const h = SUBCOMMAND_HELP[c];
		if (!h) continue;
		const w = wrap(h[1], 50);
		out += ` ${pad(c, 20)} ${pad(w[0]!, 50)}\n`;
		for (const line of w.slice(1)) out += `${' '.repeat(22)}${line}\n`;
	}
	return out;
}

/** `xm` with no subcommand. */
export function shortHelp(): string {
	return `${USAGE_HELP}\nCommon 'xm' commands:\n\n${commandLines(COMMON_COMMANDS)}\n${USAGE_FOOTER}\nFor a complete list of subcommands run 'xm help'.\n`;
}

/** `xm help`, `xm --help`. */
export function longHelp(): string {
	return `${USAGE_HELP}\nxm full list of subcommands:\n\n${commandLines(ALL_COMMANDS)}\n${USAGE_FOOTER}\n`;
}

/**
 * An option of xm's own parser for the commands main.py imports from a module (xen/xm/opts.py
 * Opt): `val` names the argument it takes.
 */
interface ModuleOpt {
	readonly short?: string;
	readonly long: string;
	readonly val?: string;
	readonly use: string;
}

/**
 * migrate.py's gopts, in Xen 3.4.4 (huddy1985/xen-3.4.4 tools/python/xen/xm/migrate.py):
 * `--change_home_server` came with Xen 4.0, the `--resource` of old man pages is gone.
 */
const MIGRATE_OPTS: readonly ModuleOpt[] = [
	{short: 'h', long: 'help', use: 'Print this help.'},
	{short: 'l', long: 'live', use: 'Use live migration.'},
	{short: 'p', long: 'port', val: 'portnum', use: 'Use specified port for migration.'},
	{short: 'n', long: 'node', val: 'nodenum', use: 'Use specified NUMA node on target.'},
	{short: 's', long: 'ssl', use: 'Use ssl connection for migration.'},
];

/** migrate.py's `Opts(use=...)`, which xm prints after an option its getopt refuses. */
export const MIGRATE_USE = '[options] DOM HOST\n\nMigrate domain DOM to host HOST.\nXend must be running on the local host and on HOST.\n';

/** Imported commands whose help() cmdHelp prints when SUBCOMMAND_OPTIONS has no entry (main.py IMPORTED_COMMANDS). */
const MODULE_OPTS: Readonly<Record<string, readonly ModuleOpt[]>> = {migrate: MIGRATE_OPTS};

/** Opt.__str__ (xen/xm/opts.py): keys padded to 21; keys longer than 20 put the text on the next line. */
function moduleOptText(o: ModuleOpt): string {
	const PARAM_WIDTH = 20;
	const optkeys = [...(o.short ? [`-${o.short}`] : []), `--${o.long}`];
	const keys = o.val ? optkeys.map(k => `${k}=${o.val}`).join(', ') : optkeys.join(', ');
	let desc = wrap(o.use, 55);
	if (keys.length > PARAM_WIDTH) desc = ['', ...desc];
	return pad(keys, PARAM_WIDTH + 1) + desc.join(`\n${' '.repeat(PARAM_WIDTH + 1)}`);
}

/** Opts.__str__: the option block a module's help() returns. */
function moduleOptsText(opts: readonly ModuleOpt[]): string {
	return `\nOptions:\n\n${opts.map(moduleOptText).join('\n')}\n`;
}

/** A subcommand's usage (cmdHelp): unknown names fall back to a prefix, then to the short help. */
export function commandHelp(cmd: string): string {
	let name = cmd;
	if (!SUBCOMMAND_HELP[name]) {
		const match = Object.keys(SUBCOMMAND_HELP).find(k => k.startsWith(cmd));
		if (!match) return shortHelp();
		name = match;
	}
	const [args, desc] = SUBCOMMAND_HELP[name]!;
	let out = `Usage: xm ${name} ${args}\n\n${desc}\n`;
	const opts = SUBCOMMAND_OPTIONS[name];
	if (opts) {
		for (const [s, l, d] of opts) {
			const optdesc = s && l ? `${s}, ${l}` : s || l;
			const w = wrap(d, 43);
			out += `  ${pad(optdesc, 30)} ${pad(w[0]!, 43)}\n`;
			for (const line of w.slice(1)) out += `${' '.repeat(33)}${line}\n`;
		}
		out += '\n';
	} else {
		// cmdHelp's KeyError branch: `print cmd_usage()` of the imported module
		const module = MODULE_OPTS[name];
		if (module) out += `${moduleOptsText(module)}\n`;
	}
	return out;
}

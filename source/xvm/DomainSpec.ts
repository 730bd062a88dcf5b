/**
 * A domain's configuration as xend holds it: what `xm create` reads from a config file, what
 * `xm new` registers, and what the store keeps as a DomainConfig. Device strings keep the forms of
 * xmdomain.cfg(5): `disk = ['phy:DEV,VDEV,MODE[,DOM]']`, `vif = ['bridge=xenbr0,mac=...']`.
 */
import {formatNpivSpec, parseNpivSpec, type NpivSpec} from './NpivSpec.js';
import {blockDeviceNumber} from './Xenbus.js';

/**
 * A domain as the store keeps it. Structurally the same as world/LabConfig's DomainConfig (which
 * this layer may not import): the world passes its DomainConfigs in and gets these back.
 */
export interface DomainConfig {
	readonly name: string;
	readonly host: string;
	readonly memoryMiB: number;
	readonly vcpus: number;
	readonly disk?: readonly string[];
	readonly vif?: readonly string[];
	readonly npiv?: readonly string[];
	readonly onPoweroff?: string;
	readonly onReboot?: string;
	readonly onCrash?: string;
	readonly state: 'running' | 'paused' | 'halted' | 'suspended';
	readonly managed: boolean;
}

/** What xVM needs of a HostConfig (world/LabConfig): a Xen host's name, CPUs and memory. */
export interface XenHostConfig {
	readonly name: string;
	readonly kind: string;
	readonly cpus: number;
	readonly memoryMiB: number;
}

export const RESTART_ACTIONS = ['destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart'] as const;
export type RestartAction = (typeof RESTART_ACTIONS)[number];

export interface DiskSpec {
	/** Backend device as typed: `phy:/dev/dsk/c0t0d0s0`, `file:/xvm/web01.img`. */
	readonly uname: string;
	/** Frontend name (`xvda`) or number. */
	readonly dev: string;
	readonly mode: 'r' | 'w' | 'w!';
	readonly backend?: string;
}

export interface DomainSpec {
	readonly name: string;
	readonly memoryMiB: number;
	readonly maxmemMiB: number;
	readonly vcpus: number;
	readonly disk: readonly DiskSpec[];
	/** vif strings as configured ('' = a default interface). */
	readonly vif: readonly string[];
	readonly npiv: readonly NpivSpec[];
	readonly onPoweroff: RestartAction;
	readonly onReboot: RestartAction;
	readonly onCrash: RestartAction;
	readonly kernel?: string;
	readonly ramdisk?: string;
	readonly extra?: string;
	readonly root?: string;
	readonly builder?: string;
	readonly bootloader?: string;
}

/** A configuration error, worded as xm/xend word it. */
export class DomainSpecError extends Error {}

export const VIF_KEYS = ['backend', 'bridge', 'ip', 'mac', 'script', 'type', 'vifname', 'rate', 'model', 'accel', 'policy', 'label'];

export function parseDisk(text: string): DiskSpec {
	const d = text.split(',').map(s => s.trim());
	if (d.length < 3 || d.length > 5) throw new DomainSpecError(`Invalid disk specifier: ${text}`);
	const [uname, dev, mode, backend] = d as [string, string, string, string | undefined];
	if (!/^[a-z]+(:[a-z]+)?:.+/.test(uname) || (mode !== 'r' && mode !== 'w' && mode !== 'w!')) {
		throw new DomainSpecError(`Invalid disk specifier: ${text}`);
	}
	if (blockDeviceNumber(dev.replace(/:(disk|cdrom)$/, '')) === undefined) throw new DomainSpecError(`Invalid disk specifier: ${text}`);
	return backend ? {uname, dev, mode, backend} : {uname, dev, mode};
}

export function formatDisk(d: DiskSpec): string {
	return [d.uname, d.dev, d.mode, ...(d.backend ? [d.backend] : [])].join(',');
}

/** comma-separated key=value pairs, as create.py's comma_sep_kv_to_dict reads them. */
export function parseVif(text: string): Map<string, string> {
	const out = new Map<string, string>();
	const c = text.trim();
	if (c.length === 0) return out;
	for (const b of c.split(',')) {
		const eq = b.indexOf('=');
		if (eq < 0) throw new DomainSpecError(`${b} should be a pair, separated by an equals sign.`);
		const k = b.slice(0, eq).trim();
		if (!VIF_KEYS.includes(k)) throw new DomainSpecError(`Invalid vif option: ${k}`);
		out.set(k, b.slice(eq + 1).trim());
	}
	return out;
}

export function restartAction(key: string, value: string): RestartAction {
	if ((RESTART_ACTIONS as readonly string[]).includes(value)) return value as RestartAction;
	throw new DomainSpecError(`Invalid restart event: ${key} = ${value}`);
}

export interface DomainSpecInput {
	name: string;
	memoryMiB?: number;
	maxmemMiB?: number;
	vcpus?: number;
	disk?: readonly string[];
	vif?: readonly string[];
	npiv?: readonly string[];
	onPoweroff?: string;
	onReboot?: string;
	onCrash?: string;
	kernel?: string;
	ramdisk?: string;
	extra?: string;
	root?: string;
	builder?: string;
	bootloader?: string;
}

/**
 * Domain names: xend's own rule (letters, digits and `_ . : + - @`, at most 64) narrowed to what
 * the lab store keeps (store/schema.ts `name`: a letter or digit, then letters, digits, `.`, `_`
 * or `-`). xm refuses the rest itself, in xend's words, so that `xm create` and `xm rename` never
 * start a domain whose save the store would then refuse; the console's create form asks the same.
 */
const DOMAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function isValidDomainName(name: string): boolean {
	return DOMAIN_NAME.test(name);
}

/** Validates and normalises; throws DomainSpecError with xm's wording. */
export function makeDomainSpec(input: DomainSpecInput): DomainSpec {
	const name = input.name;
	if (!name) throw new DomainSpecError('Domain name not specified');
	if (!isValidDomainName(name)) throw new DomainSpecError(`Invalid VM name '${name}'`);
	if (name === 'Domain-0' || /^migrating-/.test(name)) throw new DomainSpecError(`VM name '${name}' is reserved`);
	const memoryMiB = input.memoryMiB ?? 128;
	if (!Number.isInteger(memoryMiB) || memoryMiB <= 0) throw new DomainSpecError(`Invalid value: ${memoryMiB}`);
	const maxmemMiB = input.maxmemMiB ?? memoryMiB;
	if (!Number.isInteger(maxmemMiB) || maxmemMiB < memoryMiB) throw new DomainSpecError(`Invalid value: ${maxmemMiB} (maxmem is below memory)`);
	const vcpus = input.vcpus ?? 1;
	if (!Number.isInteger(vcpus) || vcpus < 1 || vcpus > 128) throw new DomainSpecError(`Invalid value: ${vcpus}`);
	const disk = (input.disk ?? []).map(parseDisk);
	const devs = new Set<number>();
	for (const d of disk) {
		const n = blockDeviceNumber(d.dev.replace(/:(disk|cdrom)$/, ''))!;
		if (devs.has(n)) throw new DomainSpecError(`Device ${n} (vbd) is already connected.`);
		devs.add(n);
	}
	const vif = [...(input.vif ?? [])];
	for (const v of vif) parseVif(v);
	const npiv = (input.npiv ?? []).map(t => parseNpivSpec(t));
	const seen = new Set<string>();
	for (const n of npiv) {
		if (seen.has(n.vpwwn)) throw new DomainSpecError(`NPIV port ${n.vpwwn} is listed twice`);
		seen.add(n.vpwwn);
	}
	const spec: DomainSpec = {
		name,
		memoryMiB,
		maxmemMiB,
		vcpus,
		disk,
		vif,
		npiv,
		onPoweroff: restartAction('on_poweroff', input.onPoweroff ?? 'destroy'),
		onReboot: restartAction('on_reboot', input.onReboot ?? 'restart'),
		onCrash: restartAction('on_crash', input.onCrash ?? 'restart'),
		...optional('kernel', input.kernel),
		...optional('ramdisk', input.ramdisk),
		...optional('extra', input.extra),
		...optional('root', input.root),
		...optional('builder', input.builder),
		...optional('bootloader', input.bootloader),
	};
	return spec;
}

function optional<K extends string>(key: K, value: string | undefined): {[P in K]?: string} {
	return (value === undefined ? {} : {[key]: value}) as {[P in K]?: string};
}

export function specFromDomainConfig(c: DomainConfig): DomainSpec {
	return makeDomainSpec({
		name: c.name,
		memoryMiB: c.memoryMiB,
		vcpus: c.vcpus,
		disk: c.disk ?? [],
		vif: c.vif ?? [],
		npiv: c.npiv ?? [],
		...(c.onPoweroff ? {onPoweroff: c.onPoweroff} : {}),
		...(c.onReboot ? {onReboot: c.onReboot} : {}),
		...(c.onCrash ? {onCrash: c.onCrash} : {}),
	});
}

export function specToDomainConfig(spec: DomainSpec, host: string, state: DomainConfig['state'], managed: boolean): DomainConfig {
	return {
		name: spec.name,
		host,
		memoryMiB: spec.memoryMiB,
		vcpus: spec.vcpus,
		...(spec.disk.length ? {disk: spec.disk.map(formatDisk)} : {}),
		...(spec.vif.length ? {vif: [...spec.vif]} : {}),
		...(spec.npiv.length ? {npiv: spec.npiv.map(formatNpivSpec)} : {}),
		...(spec.onPoweroff !== 'destroy' ? {onPoweroff: spec.onPoweroff} : {}),
		...(spec.onReboot !== 'restart' ? {onReboot: spec.onReboot} : {}),
		...(spec.onCrash !== 'restart' ? {onCrash: spec.onCrash} : {}),
		state,
		managed,
	};
}

export function withNpiv(spec: DomainSpec, npiv: readonly NpivSpec[]): DomainSpec {
	return {...spec, npiv: [...npiv]};
}

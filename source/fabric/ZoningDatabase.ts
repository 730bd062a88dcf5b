/**
 * Brocade-style zoning database of one fabric: the defined configuration (aliases, zones, zone
 * configurations; edited in a transaction until cfgsave/cfgenable), the effective configuration
 * (a snapshot of one zone configuration taken at cfgenable, aliases expanded), and the default
 * zone mode that applies while nothing is in effect.
 *
 * Names share one namespace across object types. Removing the last member of an object deletes
 * it; deleting an object removes it from the objects that reference it (which are deleted in turn
 * when that leaves them empty). Member lists are replaced, never mutated, so the effective
 * snapshot shares them with the defined configuration. Members are canonical text (ZoneMember).
 */
import {canonicalMember, isAliasMember, isPeerPropertyMember, peerPrincipalCount, peerPropertyMember} from './ZoneMember.js';
import {zoneObjectNameProblem} from './ZoneObjectName.js';
import type {ZoningConfig} from './FabricConfig.js';

export class ZoningError extends Error {
	override readonly name = 'ZoningError';
}

export type DefaultZoneMode = 'all-access' | 'no-access';

export interface EffectiveZone {
	readonly name: string;
	/** Canonical member text, aliases expanded: WWPNs (16 hex digits) and `d,i` only. */
	readonly members: readonly string[];
}

export interface EffectiveConfig {
	readonly name: string;
	readonly zones: readonly EffectiveZone[];
}

/** ZoningConfig plus the effective snapshot, present when it differs from the defined zones. */
export interface FabricZoningState extends ZoningConfig {
	readonly effectiveZones?: readonly {readonly name: string; readonly members: readonly string[]}[];
}

type ObjectKind = 'alias' | 'zone' | 'cfg';

const KIND_TEXT: Record<ObjectKind, string> = {alias: 'an alias', zone: 'a zone', cfg: 'a zone configuration'};

export class ZoningDatabase {
	readonly aliases = new Map<string, readonly string[]>();
	readonly zones = new Map<string, readonly string[]>();
	readonly configs = new Map<string, readonly string[]>();
	/** Every object name and its kind: names share one namespace. */
	private readonly names = new Map<string, ObjectKind>();
	effective: EffectiveConfig | null = null;
	defaultZone: DefaultZoneMode = 'all-access';
	transactionOpen = false;

	constructor(private readonly onAdminChange: () => void = () => {}) {}

	// --- aliases -------------------------------------------------------------------------------

	aliCreate(name: string, members: readonly string[]): void {
		this.checkNewName(name);
		this.define('alias', name, this.normalizeMembers(members, 'alias'));
		this.edited();
	}

	aliAdd(name: string, members: readonly string[]): void {
		this.addTo('alias', name, this.normalizeMembers(members, 'alias'));
		this.edited();
	}

	aliRemove(name: string, members: readonly string[]): void {
		this.removeFrom('alias', name, members.map(m => canonicalMember(m) ?? m.trim()));
		this.edited();
	}

	aliDelete(name: string): void {
		this.deleteObject('alias', name);
		this.edited();
	}

	// --- zones ---------------------------------------------------------------------------------

	zoneCreate(name: string, members: readonly string[]): void {
		this.checkNewName(name);
		this.define('zone', name, this.normalizeMembers(members, 'zone'));
		this.edited();
	}

	zoneAdd(name: string, members: readonly string[]): void {
		this.addTo('zone', name, this.normalizeMembers(members, 'zone'));
		this.edited();
	}

	zoneRemove(name: string, members: readonly string[]): void {
		this.removeFrom('zone', name, members.map(m => canonicalMember(m) ?? m.trim()));
		this.edited();
	}

	zoneDelete(name: string): void {
		this.deleteObject('zone', name);
		this.edited();
	}

	// --- zone configurations -------------------------------------------------------------------

	cfgCreate(name: string, zones: readonly string[]): void {
		this.checkNewName(name);
		this.define('cfg', name, this.checkZoneNames(zones));
		this.edited();
	}

	cfgAdd(name: string, zones: readonly string[]): void {
		this.addTo('cfg', name, this.checkZoneNames(zones));
		this.edited();
	}

	cfgRemove(name: string, zones: readonly string[]): void {
		this.removeFrom('cfg', name, zones.map(z => z.trim()));
		this.edited();
	}

	cfgDelete(name: string): void {
		this.deleteObject('cfg', name);
		this.edited();
	}

	/** Clears the defined configuration (the effective one stays until cfgdisable). */
	cfgClear(): void {
		this.aliases.clear();
		this.zones.clear();
		this.configs.clear();
		this.names.clear();
		this.edited();
	}

	/** Commits the transaction; the effective configuration is unchanged. */
	cfgSave(): void {
		this.transactionOpen = false;
		this.onAdminChange();
	}

	/** The effective snapshot `cfgenable NAME` would install (validated, aliases expanded). */
	buildEffective(cfgName: string): EffectiveConfig {
		const zoneNames = this.configs.get(cfgName);
		if (!zoneNames) throw new ZoningError(`"${cfgName}" is not a zone configuration`);
		const zones: EffectiveZone[] = [];
		for (const zoneName of zoneNames) {
			const members = this.zones.get(zoneName);
			if (!members) throw new ZoningError(`zone "${zoneName}" in configuration "${cfgName}" does not exist`);
			zones.push({name: zoneName, members: this.expand(zoneName, members)});
		}
		return {name: cfgName, zones};
	}

	kindOf(name: string): ObjectKind | undefined {
		return this.names.get(name);
	}

	/** A zone's members with aliases replaced by theirs (the same list when it names no alias). */
	expand(zoneName: string, members: readonly string[]): readonly string[] {
		let hasAlias = false;
		for (const m of members) if (isAliasMember(m)) hasAlias = true;
		if (!hasAlias) return members;
		const property = members[0];
		if (property !== undefined && isPeerPropertyMember(property)) {
			// A peer zone: principals and peers expand on their own; the property member then
			// counts the expanded principals.
			const split = 1 + Math.min(peerPrincipalCount(property), members.length - 1);
			const principals = this.expand(zoneName, members.slice(1, split));
			const peers = this.expand(zoneName, members.slice(split)).filter(m => !principals.includes(m));
			if (principals.length > 255) throw new ZoningError(`peer zone "${zoneName}" has more than 255 principal members`);
			return [peerPropertyMember(principals.length), ...principals, ...peers];
		}
		const out = new Set<string>();
		for (const m of members) {
			if (!isAliasMember(m)) {
				out.add(m);
				continue;
			}
			const aliasMembers = this.aliases.get(m);
			if (!aliasMembers) throw new ZoningError(`alias "${m}" in zone "${zoneName}" does not exist`);
			for (const a of aliasMembers) out.add(a);
		}
		return [...out];
	}

	// --- persistence ---------------------------------------------------------------------------

	load(config: FabricZoningState): void {
		this.aliases.clear();
		this.zones.clear();
		this.configs.clear();
		this.names.clear();
		for (const a of config.aliases) {
			this.checkNewName(a.name);
			this.define('alias', a.name, this.normalizeMembers(a.members, 'alias'));
		}
		for (const z of config.zones) {
			this.checkNewName(z.name);
			this.define('zone', z.name, this.normalizeMembers(z.members, 'zone'));
		}
		for (const c of config.configs) {
			this.checkNewName(c.name);
			this.define('cfg', c.name, this.checkZoneNames(c.zones));
		}
		this.defaultZone = config.defaultZone;
		this.transactionOpen = config.transactionOpen ?? false;
		if (config.effective === null) this.effective = null;
		else if (config.effectiveZones) {
			this.effective = {
				name: config.effective,
				zones: config.effectiveZones.map(z => ({
					name: z.name,
					members: z.members.map(m => {
						const c = canonicalMember(m);
						if (c === undefined || isAliasMember(c)) throw new ZoningError(`invalid effective zone member "${m}"`);
						return c;
					}),
				})),
			};
		} else this.effective = this.buildEffective(config.effective);
	}

	export(): FabricZoningState {
		const state: FabricZoningState = {
			aliases: [...this.aliases].map(([name, members]) => ({name, members})),
			zones: [...this.zones].map(([name, members]) => ({name, members})),
			configs: [...this.configs].map(([name, zones]) => ({name, zones})),
			effective: this.effective?.name ?? null,
			defaultZone: this.defaultZone,
			...(this.transactionOpen ? {transactionOpen: true} : {}),
		};
		if (this.effective && !this.effectiveMatchesDefined()) {
			return {...state, effectiveZones: this.effective.zones.map(z => ({name: z.name, members: z.members}))};
		}
		return state;
	}

	// --- internals -----------------------------------------------------------------------------

	private edited(): void {
		this.transactionOpen = true;
		this.onAdminChange();
	}

	/** True when rebuilding the effective config from the defined one would give the same zones. */
	private effectiveMatchesDefined(): boolean {
		const eff = this.effective;
		if (!eff) return true;
		const zoneNames = this.configs.get(eff.name);
		if (!zoneNames || zoneNames.length !== eff.zones.length) return false;
		try {
			return eff.zones.every((z, i) => {
				if (z.name !== zoneNames[i]) return false;
				const defined = this.zones.get(z.name);
				if (!defined) return false;
				const rebuilt = this.expand(z.name, defined);
				return rebuilt === z.members || (rebuilt.length === z.members.length && rebuilt.every((m, j) => m === z.members[j]));
			});
		} catch {
			return false;
		}
	}

	private checkNewName(name: string): void {
		const problem = zoneObjectNameProblem(name);
		// refused before anything is touched: no transaction opens, nothing is logged
		if (problem !== undefined) throw new ZoningError(`invalid name "${name}": a name ${problem}`);
		const kind = this.kindOf(name);
		if (kind) throw new ZoningError(`duplicate name "${name}" (already ${KIND_TEXT[kind]})`);
	}

	private existing(kind: ObjectKind, name: string): readonly string[] {
		const list = this.mapOf(kind).get(name);
		if (!list) throw new ZoningError(`"${name}" is not ${KIND_TEXT[kind]}`);
		return list;
	}

	private define(kind: ObjectKind, name: string, list: readonly string[]): void {
		this.mapOf(kind).set(name, list);
		this.names.set(name, kind);
	}

	private mapOf(kind: ObjectKind): Map<string, readonly string[]> {
		return kind === 'alias' ? this.aliases : kind === 'zone' ? this.zones : this.configs;
	}

	private normalizeMembers(members: readonly string[], owner: 'alias' | 'zone'): string[] {
		if (members.length === 0) throw new ZoningError(`${KIND_TEXT[owner]} needs at least one member`);
		const out: string[] = [];
		const seen = members.length > 8 ? new Set<string>() : undefined;
		for (const text of members) {
			const c = canonicalMember(text);
			if (c === undefined) throw new ZoningError(`invalid member "${text.trim()}"`);
			if (isAliasMember(c)) {
				if (owner === 'alias') throw new ZoningError(`invalid alias member "${c}": use a WWN or domain,index`);
				if (!this.aliases.has(c)) throw new ZoningError(`"${c}" is not a WWN, domain,index or alias`);
			}
			if (seen ? seen.has(c) : out.includes(c)) continue;
			seen?.add(c);
			out.push(c);
		}
		return out;
	}

	private checkZoneNames(zones: readonly string[]): string[] {
		if (zones.length === 0) throw new ZoningError('a zone configuration needs at least one zone');
		const out = new Set<string>();
		for (const raw of zones) {
			const z = raw.trim();
			if (!this.zones.has(z)) throw new ZoningError(`"${z}" is not a zone`);
			out.add(z);
		}
		return [...out];
	}

	private addTo(kind: ObjectKind, name: string, members: readonly string[]): void {
		const list = this.existing(kind, name);
		const have = new Set(list);
		const next = [...list];
		for (const m of members) {
			if (have.has(m)) continue;
			have.add(m);
			next.push(m);
		}
		this.mapOf(kind).set(name, next);
	}

	private removeFrom(kind: ObjectKind, name: string, members: readonly string[]): void {
		const list = this.existing(kind, name);
		const have = new Set(list);
		for (const m of members) if (!have.has(m)) throw new ZoningError(`"${m}" is not a member of "${name}"`);
		const gone = new Set(members);
		const left = list.filter(m => !gone.has(m));
		if (left.length === 0) this.deleteObject(kind, name);
		else this.mapOf(kind).set(name, left);
	}

	private deleteObject(kind: ObjectKind, name: string): void {
		this.existing(kind, name);
		this.mapOf(kind).delete(name);
		this.names.delete(name);
		// Drop references; a container left empty goes too, as removing its last member would.
		const referrerKind: ObjectKind | undefined = kind === 'alias' ? 'zone' : kind === 'zone' ? 'cfg' : undefined;
		if (!referrerKind) return;
		const referrers = this.mapOf(referrerKind);
		for (const [other, list] of [...referrers]) {
			if (!list.includes(name)) continue;
			const left = list.filter(m => m !== name);
			if (left.length === 0) this.deleteObject(referrerKind, other);
			else referrers.set(other, left);
		}
	}
}

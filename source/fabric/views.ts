/**
 * Read models of the fabric for the switch shell, `npiv switch --json`, and the console's Fabric
 * pane: plain data, WWNs as 16 hex digits, N_Port_IDs as 6 hex digits.
 */
import {formatFcId} from '../sim/FcId.js';
import type {Wwn} from '../sim/Wwn.js';
import type {DuplicateWwpnPolicy} from './FabricConfig.js';
import type {Fabric} from './Fabric.js';
import type {FabricLogin} from './FabricLogin.js';
import type {FcSwitch} from './FcSwitch.js';
import {FC4_NAMES} from './NameServer.js';
import {Fc4Feature, Fc4Type, type ScrFunction} from './NPort.js';
import type {PortState, SwitchPort} from './SwitchPort.js';
import {displayMember} from './ZoneMember.js';
import type {DefaultZoneMode, ZoningDatabase} from './ZoningDatabase.js';

export interface LoginView {
	readonly fcid: string;
	readonly wwpn: Wwn;
	readonly wwnn: Wwn;
	readonly npiv: boolean;
	readonly switch: string;
	readonly port: number;
	readonly device: string;
	readonly fabricPortName: Wwn;
	readonly permanentPortName: Wwn;
	readonly symbolicPortName: string;
	readonly symbolicNodeName: string;
	readonly fc4Types: readonly string[];
	/** nsshow "Device type": `NPIV Initiator`, `Physical Target`, ... */
	readonly deviceType: string;
	readonly scr: ScrFunction | null;
}

export type PortPhys = 'Online' | 'No_Light' | 'In_Sync' | 'No_Sync';

export interface PortView {
	readonly index: number;
	readonly name: string;
	readonly address: string;
	readonly portWwn: Wwn;
	readonly state: PortState;
	/** switchshow State column. */
	readonly phys: PortPhys;
	readonly speedGbps: number;
	readonly fixedSpeed: boolean;
	/** portcfgnpivport setting of the port. */
	readonly npiv: boolean;
	/** NPIV as applied: on for the switch and the port. */
	readonly npivEnabled: boolean;
	readonly npivLimit: number;
	readonly npivLogins: number;
	readonly attached:
		| {readonly kind: 'nport'; readonly device: string; readonly wwpn: Wwn}
		| {readonly kind: 'isl'; readonly switch: string; readonly port: number; readonly wwn: Wwn}
		| null;
	readonly logins: readonly LoginView[];
}

export interface SwitchView {
	readonly name: string;
	readonly fabric: string;
	readonly domainId: number;
	readonly switchId: string;
	readonly wwn: Wwn;
	readonly model: string;
	readonly role: 'Principal' | 'Subordinate';
	readonly npiv: boolean;
	readonly loginLimit: number | null;
	readonly loginCount: number;
	readonly duplicateWwpnPolicy: DuplicateWwpnPolicy;
	readonly zoning: {readonly on: boolean; readonly cfg: string | null};
	readonly ports: readonly PortView[];
}

export interface ZoningView {
	readonly defined: {
		readonly configs: readonly {readonly name: string; readonly zones: readonly string[]}[];
		readonly zones: readonly {readonly name: string; readonly members: readonly string[]}[];
		readonly aliases: readonly {readonly name: string; readonly members: readonly string[]}[];
	};
	readonly effective: {readonly name: string; readonly zones: readonly {readonly name: string; readonly members: readonly string[]}[]} | null;
	readonly defaultZone: DefaultZoneMode;
	readonly transactionOpen: boolean;
}

export interface FabricView {
	readonly name: string;
	readonly fabricName: Wwn;
	readonly principal: string;
	readonly switches: readonly {readonly name: string; readonly domainId: number; readonly switchId: string; readonly wwn: Wwn; readonly principal: boolean}[];
	readonly loginCount: number;
	readonly zoneMode: 'zones' | 'all' | 'none';
}

export function deviceType(l: FabricLogin): string {
	const f = l.fc4Features[Fc4Type.fcp] ?? 0;
	const init = (f & Fc4Feature.initiator) !== 0;
	const target = (f & Fc4Feature.target) !== 0;
	const role = init && target ? 'Initiator+Target' : init ? 'Initiator' : target ? 'Target' : 'Unknown(initiator/target)';
	return `${l.npiv ? 'NPIV' : 'Physical'} ${role}`;
}

export function fc4Names(types: readonly number[]): string[] {
	return types.map(t => FC4_NAMES[t] ?? `0x${t.toString(16)}`);
}

export function loginView(l: FabricLogin): LoginView {
	return {
		fcid: formatFcId(l.fcid),
		wwpn: l.wwpn,
		wwnn: l.wwnn,
		npiv: l.npiv,
		switch: l.port.sw.name,
		port: l.port.index,
		device: l.endpoint.label,
		fabricPortName: l.port.wwn,
		permanentPortName: l.permanentPortName,
		symbolicPortName: l.symbolicPortName,
		symbolicNodeName: l.symbolicNodeName,
		fc4Types: fc4Names(l.fc4Types),
		deviceType: deviceType(l),
		scr: l.scr,
	};
}

export function portPhys(p: SwitchPort): PortPhys {
	if (!p.attachment) return 'No_Light';
	// As switchshow prints a disabled port with light (shell/switchCommands.ts portStatus).
	if (p.adminDisabled) return 'No_Sync';
	return 'Online';
}

export function portView(p: SwitchPort): PortView {
	const att = p.attachment;
	return {
		index: p.index,
		name: p.name,
		address: formatFcId(p.baseFcId),
		portWwn: p.wwn,
		state: p.state,
		phys: portPhys(p),
		speedGbps: p.speedGbps,
		fixedSpeed: p.fixedSpeedGbps !== undefined,
		npiv: p.npiv,
		npivEnabled: p.npivEnabled,
		npivLimit: p.npivLimit,
		npivLogins: p.npivCount,
		attached: !att
			? null
			: att.kind === 'nport'
				? {kind: 'nport', device: att.endpoint.label, wwpn: att.endpoint.wwpn}
				: {kind: 'isl', switch: att.peer.sw.name, port: att.peer.index, wwn: att.peer.sw.wwn},
		logins: [...p.logins.values()].map(loginView),
	};
}

export function switchView(sw: FcSwitch): SwitchView {
	const eff = sw.fabric.zoning.effective;
	return {
		name: sw.name,
		fabric: sw.fabric.name,
		domainId: sw.domainId,
		switchId: sw.switchId,
		wwn: sw.wwn,
		model: sw.model,
		role: sw.isPrincipal ? 'Principal' : 'Subordinate',
		npiv: sw.npiv,
		loginLimit: Number.isFinite(sw.loginLimit) ? sw.loginLimit : null,
		loginCount: sw.loginCount,
		duplicateWwpnPolicy: sw.duplicateWwpnPolicy,
		zoning: {on: eff !== null, cfg: eff?.name ?? null},
		ports: sw.ports.map(portView),
	};
}

export function fabricView(f: Fabric): FabricView {
	return {
		name: f.name,
		fabricName: f.fabricName,
		principal: f.principal.name,
		switches: [...f.switches]
			.sort((a, b) => a.domainId - b.domainId)
			.map(sw => ({name: sw.name, domainId: sw.domainId, switchId: sw.switchId, wwn: sw.wwn, principal: sw.isPrincipal})),
		loginCount: f.loginCount,
		zoneMode: f.zoneMode,
	};
}

const byName = <T extends {name: string}>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function zoningView(db: ZoningDatabase): ZoningView {
	return {
		defined: {
			configs: [...db.configs].map(([name, zones]) => ({name, zones: [...zones]})).sort(byName),
			zones: [...db.zones].map(([name, members]) => ({name, members: members.map(displayMember)})).sort(byName),
			aliases: [...db.aliases].map(([name, members]) => ({name, members: members.map(displayMember)})).sort(byName),
		},
		effective: db.effective
			? {name: db.effective.name, zones: db.effective.zones.map(z => ({name: z.name, members: z.members.map(displayMember)}))}
			: null,
		defaultZone: db.defaultZone,
		transactionOpen: db.transactionOpen,
	};
}

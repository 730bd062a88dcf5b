/** Builders for the console's dialogs, from the snapshot and the current selection. */
import type {ConsoleSnapshot, DomainRow, LinkRef, VportRow} from '../model/ConsoleSource.js';
import {confirmDialog, formDialog, textField, type DialogState, type PickOption} from '../state/dialog.js';

function portOption(a: ConsoleSnapshot['adapters'][number]): PickOption {
	const npiv = a.vportsMax === 0 ? 'NPIV not supported' : `${a.vportsUsed}/${a.vportsMax} vports`;
	return {value: a.portWwn, label: `${a.portWwn}  ${a.state}, ${npiv}`};
}

export function createVportDialog(snapshot: ConsoleSnapshot, preselect: {host?: string; physicalWwn?: string}): DialogState | string {
	const byHost: Record<string, PickOption[]> = {};
	for (const a of snapshot.adapters) (byHost[a.host] ??= []).push(portOption(a));
	const hosts = snapshot.hosts.filter(h => byHost[h.name]);
	if (hosts.length === 0) return 'No host has an HBA port.';
	const hostIndex = Math.max(0, hosts.findIndex(h => h.name === preselect.host));
	const hostName = hosts[hostIndex]!.name;
	const portIndex = Math.max(0, byHost[hostName]!.findIndex(o => o.value === preselect.physicalWwn));
	return formDialog(
		'Create virtual port',
		{type: 'vport.create'},
		[
			{kind: 'pick', id: 'host', label: 'Host', options: hosts.map(h => ({value: h.name, label: h.name})), index: hostIndex},
			{kind: 'pick', id: 'port', label: 'Physical port', options: [], index: portIndex, dependsOn: {field: 'host', options: byHost}},
			textField('portWwn', 'Port WWN', 'random'),
			textField('nodeWwn', 'Node WWN', 'random'),
		],
		'Create',
		{body: ['fcadm create-npiv-port: leave both WWNs empty for random ones.']},
	);
}

export function deleteVportDialog(v: VportRow): DialogState {
	const body = [`Port WWN  ${v.portWwn}`, `Node WWN  ${v.nodeWwn}`, `on        ${v.physicalWwn} (${v.host})`];
	// fcadm refuses to delete a port a domain owns; say so before the operator confirms.
	if (v.domain) body.push('', `It belongs to domain ${v.domain}: fcadm refuses to delete it.`, `Detach it first: xm npiv-detach ${v.domain} ${v.portWwn}.`);
	return confirmDialog('Delete virtual port?', body, 'Delete', {type: 'vport.delete', key: v.key});
}

export function domainConfirm(kind: 'domain.shutdown' | 'domain.destroy' | 'domain.reboot', d: DomainRow): DialogState {
	const verb = kind === 'domain.shutdown' ? 'Shut down' : kind === 'domain.destroy' ? 'Destroy' : 'Reboot';
	const body = [`${verb} domain ${d.name} (id ${d.id ?? '-'}) on ${d.host}?`];
	if (kind === 'domain.destroy') body.push('Destroy stops it at once, like pulling the power.');
	if (d.vports.length > 0) body.push(`Its ${d.vports.length} NPIV port(s) log out of the fabric.`);
	return confirmDialog(`${verb} ${d.name}?`, body, verb, {type: kind, key: d.key});
}

export function linkConfirm(kind: 'port.disable' | 'cable.pull', ref: LinkRef, what: string): DialogState {
	const title = kind === 'port.disable' ? 'Disable switch port?' : 'Pull the cable?';
	const body =
		kind === 'port.disable'
			? [`Disable the switch port of ${what}.`, 'Every login on it (and its virtual ports) goes away; zoned ports get an RSCN.']
			: [`Pull the cable of ${what}.`, 'The link goes down; its virtual ports go offline; zoned ports get an RSCN.'];
	return confirmDialog(title, body, kind === 'port.disable' ? 'Disable' : 'Pull', {type: kind, ref});
}

export function migrateDialog(snapshot: ConsoleSnapshot, d: DomainRow): DialogState | string {
	const hosts = snapshot.hosts.filter(h => h.kind === 'xen' && h.name !== d.host);
	if (hosts.length === 0) return `No other Xen host to migrate ${d.name} to.`;
	return formDialog(
		`Migrate ${d.name}`,
		{type: 'domain.migrate', key: d.key},
		[
			{kind: 'pick', id: 'host', label: 'To host', options: hosts.map(h => ({value: h.name, label: `${h.name}${h.online ? '' : ' (offline)'}`})), index: 0},
			{kind: 'toggle', id: 'live', label: 'Live', value: true},
		],
		'Migrate',
		{body: [`From ${d.host}. NPIV ports move with the domain (delayed binding: t2 logout, t3 FDISC).`]},
	);
}

export function npivAttachDialog(snapshot: ConsoleSnapshot, d: DomainRow): DialogState | string {
	const ports = snapshot.adapters.filter(a => a.host === d.host && a.vportsMax > 0);
	if (ports.length === 0) return `${d.host} has no NPIV-capable HBA port.`;
	return formDialog(
		`NPIV attach to ${d.name}`,
		{type: 'domain.npivAttach', key: d.key},
		[
			{kind: 'pick', id: 'ppwwn', label: 'Physical port', options: ports.map(portOption), index: 0},
			textField('vpwwn', 'Port WWN', 'random'),
			textField('vnwwn', 'Node WWN', 'random'),
		],
		'Attach',
	);
}

export function npivDetachDialog(d: DomainRow): DialogState | string {
	if (d.vports.length === 0) return `${d.name} has no NPIV port.`;
	return formDialog(
		`NPIV detach from ${d.name}`,
		{type: 'domain.npivDetach', key: d.key},
		[{kind: 'pick', id: 'vpwwn', label: 'Virtual port', options: d.vports.map(w => ({value: w, label: w})), index: 0}],
		'Detach',
		{body: ['The virtual port is deleted and its LUNs leave the domain.'], danger: true},
	);
}

export function createDomainDialog(snapshot: ConsoleSnapshot): DialogState {
	const xenHosts = new Set(snapshot.hosts.filter(h => h.kind === 'xen').map(h => h.name));
	const ports = snapshot.adapters.filter(a => xenHosts.has(a.host) && a.vportsMax > 0);
	return formDialog(
		'Create domain (xm create)',
		{type: 'domain.create'},
		[
			textField('name', 'Name', 'e.g. web02'),
			textField('memory', 'Memory MiB', '', '512'),
			textField('vcpus', 'VCPUs', '', '1'),
			{
				kind: 'pick',
				id: 'ppwwn',
				label: 'NPIV port on',
				options: [{value: '', label: 'none'}, ...ports.map(a => ({value: a.portWwn, label: `${a.portWwn}  ${a.host}`}))],
				index: 0,
			},
			textField('vpwwn', 'Virtual port WWN', 'empty: random'),
			textField('vnwwn', 'Virtual node WWN', 'empty: random'),
			{kind: 'toggle', id: 'autoattach', label: 'Auto-attach LUNs', value: true},
		],
		'Create',
	);
}

/** The domain configuration file text the create dialog stands for. */
export function domainConfigText(f: {name: string; memory: string; vcpus: string; ppwwn: string; vpwwn?: string; vnwwn?: string; autoattach: boolean}): string {
	const lines = [`name = "${f.name}"`, `memory = ${f.memory}`, `vcpus = ${f.vcpus}`];
	// Sun xVM's 'vpwwn:vnwwn:autoattach:ppwwn'; both WWNs empty: xm create has the HBA-API pick a
	// random pair and keeps it in the domain's configuration.
	if (f.ppwwn) lines.push(`npiv = ['${f.vpwwn ?? ''}:${f.vnwwn ?? ''}:${f.autoattach ? 1 : 0}:${f.ppwwn}']`);
	return lines.join('\n') + '\n';
}

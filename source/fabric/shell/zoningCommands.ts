/**
 * Zoning commands with Brocade FOS semantics (reference/fabric.md 4.2): edits go to the defined
 * configuration inside a transaction; cfgsave commits it; cfgenable commits and installs a
 * configuration as the effective one (RSCNs follow); cfgdisable returns to the default zone.
 * Questions FOS asks (cfgenable, cfgsave, cfgdisable, cfgclear) are answered yes, and the
 * transcript says so, because a one-shot command cannot prompt.
 */
import type {ZoningEditOp} from '../Fabric.js';
import {zoningView, type ZoningView} from '../views.js';
import {nameAndList, pattern, singleName, UsageError} from './operands.js';
import {answerYes, CommandError, type CommandOutput, type CommandSpec, type ShellContext} from './ShellContext.js';

const WRAP = 60;

/** Members joined with `; `, wrapped onto tab-indented continuation lines. */
function wrapped(items: readonly string[], firstPrefix: string): string[] {
	const lines: string[] = [];
	let cur = '';
	for (const item of items) {
		const next = cur ? `${cur}; ${item}` : item;
		if (cur && next.length > WRAP) {
			lines.push(`${cur};`);
			cur = item;
		} else cur = next;
	}
	lines.push(cur);
	return lines.map((l, i) => (i === 0 ? firstPrefix : '\t\t') + l);
}

type Section = 'cfg' | 'zone' | 'alias';

function definedLines(view: ZoningView, sections: readonly Section[], match?: RegExp): string[] {
	const lines: string[] = [];
	const ok = (name: string): boolean => !match || match.test(name);
	if (sections.includes('cfg')) for (const c of view.defined.configs) if (ok(c.name)) lines.push(...wrapped(c.zones, ` cfg:\t${c.name}\t`));
	if (sections.includes('zone')) {
		for (const z of view.defined.zones) if (ok(z.name)) lines.push(` zone:\t${z.name}`, ...wrapped(z.members, '\t\t'));
	}
	if (sections.includes('alias')) for (const a of view.defined.aliases) if (ok(a.name)) lines.push(...wrapped(a.members, ` alias:\t${a.name}\t`));
	return lines;
}

function effectiveLines(view: ZoningView): string[] {
	const lines = ['Effective configuration:'];
	if (!view.effective) {
		lines.push(' no configuration in effect');
		return lines;
	}
	lines.push(` cfg:\t${view.effective.name}`);
	const zones = [...view.effective.zones].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const z of zones) {
		lines.push(` zone:\t${z.name}`);
		for (const m of z.members) lines.push(`\t\t${m}`);
	}
	return lines;
}

function show(sections: readonly Section[], name: string) {
	return (ctx: ShellContext, args: readonly string[]): CommandOutput => {
		const view = zoningView(ctx.fabric.zoning);
		if (args.length === 0) {
			if (sections.length === 1 && sections[0] === 'alias') {
				const lines = definedLines(view, ['alias']);
				return {text: lines.length > 0 ? lines.join('\n') + '\n' : '', json: {aliases: view.defined.aliases}};
			}
			const defined = definedLines(view, ['cfg', 'zone', 'alias']);
			const lines = ['Defined configuration:', ...(defined.length > 0 ? defined : [' no configuration defined']), '', ...effectiveLines(view)];
			return {text: lines.join('\n') + '\n', json: view};
		}
		const match = pattern(args);
		if (!match) throw new UsageError(`Usage: ${name} ["pattern"]`);
		const lines = definedLines(view, sections, match);
		if (lines.length === 0) throw new CommandError(`"${singleName(args)}" does not exist.`);
		const pick = <T extends {name: string}>(list: readonly T[], s: Section): T[] => (sections.includes(s) ? list.filter(x => match.test(x.name)) : []);
		return {
			text: lines.join('\n') + '\n',
			json: {
				configs: pick(view.defined.configs, 'cfg'),
				zones: pick(view.defined.zones, 'zone'),
				aliases: pick(view.defined.aliases, 'alias'),
			},
		};
	};
}

function cfgactvshow(ctx: ShellContext, args: readonly string[]): CommandOutput {
	if (args.length > 0) throw new UsageError('Usage: cfgactvshow');
	const view = zoningView(ctx.fabric.zoning);
	return {text: effectiveLines(view).join('\n') + '\n', json: {effective: view.effective, defaultZone: view.defaultZone}};
}

function edit(op: ZoningEditOp, usage: string, withList: boolean) {
	return (ctx: ShellContext, args: readonly string[]): CommandOutput => {
		let name: string | undefined;
		let list: string[] = [];
		if (withList) {
			const parsed = nameAndList(args);
			if (!parsed || parsed.list.length === 0) throw new UsageError(`Usage: ${usage}`);
			({name, list} = parsed);
		} else {
			name = singleName(args);
			if (name === undefined) throw new UsageError(`Usage: ${usage}`);
		}
		ctx.fabric.editZoning(op, name, list, ctx.sw);
		return {text: '', json: {ok: true, op, name, members: list, transactionOpen: ctx.fabric.zoning.transactionOpen}};
	};
}

function cfgsave(ctx: ShellContext, args: readonly string[]): CommandOutput {
	if (args.length > 0) throw new UsageError('Usage: cfgsave');
	if (!ctx.fabric.cfgSave(ctx.sw)) return {text: 'Nothing changed: nothing to save, returning ...\n', json: {ok: true, saved: false}};
	const text = [
		'You are about to save the Defined zoning configuration. This',
		'action will only save the changes on Defined configuration.',
		`Do you want to save the Defined zoning configuration only?  (yes, y, no, n): ${answerYes(ctx)}`,
		'Updating flash ...',
	];
	return {text: text.join('\n') + '\n', json: {ok: true, saved: true}};
}

function cfgenable(ctx: ShellContext, args: readonly string[]): CommandOutput {
	const name = singleName(args);
	if (name === undefined) throw new UsageError('Usage: cfgenable "cfgName"');
	ctx.fabric.cfgEnable(name, ctx.sw);
	const text = [
		'You are about to enable a new zoning configuration.',
		'This action will replace the old zoning configuration with the',
		'current configuration selected.',
		`Do you want to enable '${name}' configuration  (yes, y, no, n): ${answerYes(ctx)}`,
		`zone config "${name}" is in effect`,
		'Updating flash ...',
	];
	return {text: text.join('\n') + '\n', json: {ok: true, effective: name, zones: ctx.fabric.zoning.effective?.zones.length ?? 0}};
}

function cfgdisable(ctx: ShellContext, args: readonly string[]): CommandOutput {
	if (args.length > 0) throw new UsageError('Usage: cfgdisable');
	if (!ctx.fabric.zoning.effective) return {text: 'There is no zoning configuration in effect\n', json: {ok: true, effective: null}};
	ctx.fabric.cfgDisable(ctx.sw);
	const text = [
		'You are about to disable zoning configuration. This',
		'action will disable any previous zoning configuration enabled.',
		`Do you want to disable zoning configuration? (yes, y, no, n): ${answerYes(ctx)}`,
		'Updating flash ...',
	];
	return {text: text.join('\n') + '\n', json: {ok: true, effective: null, defaultZone: ctx.fabric.zoning.defaultZone}};
}

function cfgclear(ctx: ShellContext, args: readonly string[]): CommandOutput {
	if (args.length > 0) throw new UsageError('Usage: cfgclear');
	ctx.fabric.cfgClear(ctx.sw);
	const text = [
		'The Clear All action will clear all Aliases, Zones, FA Zones',
		'and configurations in the Defined configuration.',
		'Run cfgSave to commit the transaction.',
		`Do you really want to clear all configurations?  (yes, y, no, n): ${answerYes(ctx)}`,
	];
	return {text: text.join('\n') + '\n', json: {ok: true, transactionOpen: true}};
}

const MODE_TEXT = {'all-access': 'All Access', 'no-access': 'No Access'} as const;

function defzone(ctx: ShellContext, args: readonly string[]): CommandOutput {
	const usage = 'Usage: defzone --show | --allaccess | --noaccess';
	if (args.length !== 1) throw new UsageError(usage);
	const opt = args[0]!.toLowerCase();
	if (opt === '--show' || opt === '-show') {
		const mode = ctx.fabric.zoning.defaultZone;
		return {text: `Default Zone Access Mode: ${MODE_TEXT[mode]}\n`, json: {defaultZone: mode}};
	}
	const mode = opt === '--allaccess' || opt === '-allaccess' ? 'all-access' : opt === '--noaccess' || opt === '-noaccess' ? 'no-access' : undefined;
	if (!mode) throw new UsageError(usage);
	ctx.fabric.setDefaultZone(mode, ctx.sw);
	const text = [
		`You are about to set the Default Zone access mode to ${MODE_TEXT[mode]}`,
		`Do you want to set the Default Zone access mode to ${MODE_TEXT[mode]} ? (yes, y, no, n): ${answerYes(ctx)}`,
		`Default Zone Access Mode: ${MODE_TEXT[mode]}`,
	];
	return {text: text.join('\n') + '\n', json: {ok: true, defaultZone: mode}};
}

const spec = (run: CommandSpec['run'], usage: string, summary: string): CommandSpec => ({run, usage, summary});

export const zoningCommands: Record<string, CommandSpec> = {
	cfgshow: spec(show(['cfg'], 'cfgshow'), 'cfgshow ["pattern"]', 'defined and effective zoning'),
	zoneshow: spec(show(['zone'], 'zoneshow'), 'zoneshow ["pattern"]', 'zones (defined and effective)'),
	alishow: spec(show(['alias'], 'alishow'), 'alishow ["pattern"]', 'aliases'),
	cfgactvshow: spec(cfgactvshow, 'cfgactvshow', 'effective configuration'),
	alicreate: spec(edit('alicreate', 'alicreate "aliName", "member[; member...]"', true), 'alicreate "name", "member; ..."', 'create an alias'),
	aliadd: spec(edit('aliadd', 'aliadd "aliName", "member[; member...]"', true), 'aliadd "name", "member; ..."', 'add alias members'),
	aliremove: spec(edit('aliremove', 'aliremove "aliName", "member[; member...]"', true), 'aliremove "name", "member; ..."', 'remove alias members'),
	alidelete: spec(edit('alidelete', 'alidelete "aliName"', false), 'alidelete "name"', 'delete an alias'),
	zonecreate: spec(edit('zonecreate', 'zonecreate "zonename", "member[; member...]"', true), 'zonecreate "name", "member; ..."', 'create a zone'),
	zoneadd: spec(edit('zoneadd', 'zoneadd "zonename", "member[; member...]"', true), 'zoneadd "name", "member; ..."', 'add zone members'),
	zoneremove: spec(edit('zoneremove', 'zoneremove "zonename", "member[; member...]"', true), 'zoneremove "name", "member; ..."', 'remove zone members'),
	zonedelete: spec(edit('zonedelete', 'zonedelete "zonename"', false), 'zonedelete "name"', 'delete a zone'),
	cfgcreate: spec(edit('cfgcreate', 'cfgcreate "cfgName", "zone[; zone...]"', true), 'cfgcreate "name", "zone; ..."', 'create a zone configuration'),
	cfgadd: spec(edit('cfgadd', 'cfgadd "cfgName", "zone[; zone...]"', true), 'cfgadd "name", "zone; ..."', 'add zones to a configuration'),
	cfgremove: spec(edit('cfgremove', 'cfgremove "cfgName", "zone[; zone...]"', true), 'cfgremove "name", "zone; ..."', 'remove zones from a configuration'),
	cfgdelete: spec(edit('cfgdelete', 'cfgdelete "cfgName"', false), 'cfgdelete "name"', 'delete a zone configuration'),
	cfgsave: spec(cfgsave, 'cfgsave', 'commit the defined configuration'),
	cfgenable: spec(cfgenable, 'cfgenable "cfgName"', 'make a configuration effective'),
	cfgdisable: spec(cfgdisable, 'cfgdisable', 'disable zoning (default zone applies)'),
	cfgclear: spec(cfgclear, 'cfgclear', 'clear the defined configuration'),
	defzone: spec(defzone, 'defzone --show | --allaccess | --noaccess', 'default zone access mode'),
};

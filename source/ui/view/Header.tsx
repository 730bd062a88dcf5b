/** The two header lines (store, simulated clock, counts) and the pane tabs. */
import React from 'react';
import {Text} from 'ink';
import {formatSimTime} from '../../world/SimClockText.js';
import {PANES, type HeaderFacts, type PaneId} from '../model/ConsoleSource.js';
import {fit, truncate} from '../text.js';
import {keyLabel} from '../keys/keyNames.js';
import {useUIState} from './contexts.js';

export const PANE_TITLES: Readonly<Record<PaneId, string>> = {
	adapters: 'Adapters',
	vports: 'Virtual ports',
	luns: 'LUNs',
	events: 'Events',
	domains: 'Domains',
	fabric: 'Fabric',
};

const n = (v: number) => v.toLocaleString('en-US');

export function Header() {
	const {snapshot, layout, theme} = useUIState();
	const h = snapshot.header;
	const clock = ` sim ${formatSimTime(h.clock)} x${h.speed} `;
	// A replay (or a test) moves the clock itself: neither the wall clock nor the pause key does.
	const replay = h.clockMode === 'manual';
	// Served headless, the clock moves only with commands.
	const state = replay ? 'replay' : h.clockMode === 'commands' ? 'stepped' : h.running ? 'running' : 'PAUSED';
	const room = layout.cols - clock.length - state.length - 1;
	// The store's name and who serves the lab matter more than the store's folders: a long path
	// gives way first, from its left.
	const serving = servingText(h.serving);
	const storeRoom = room - ' npiv-console  '.length - serving.length - 1;
	const base = h.storeFile.slice(h.storeFile.lastIndexOf('/') + 1);
	const store = h.storeFile.length <= storeRoom ? h.storeFile : storeRoom > base.length + 1 ? `…${h.storeFile.slice(h.storeFile.length - storeRoom + 1)}` : base;
	const left = ` npiv-console  ${store}${serving}`;
	const c = h.counts;
	const counts = ` hosts ${n(c.hosts)}  HBA ports ${n(c.ports)}  virtual ports ${n(c.virtualPorts)}  domains ${n(c.domains)}  fabrics ${n(c.fabrics)}`;
	return (
		<>
			<Text>
				<Text bold color={theme.tone.accent}>
					{fit(left, room)}
				</Text>
				<Text>{clock}</Text>
				<Text bold color={replay || h.clockMode === 'commands' ? theme.tone.info : h.running ? theme.tone.ok : theme.tone.warn}>
					{state}
				</Text>
				<Text> </Text>
			</Text>
			<Text color={theme.dimText ? theme.tone.dim : undefined}>{truncate(counts, layout.cols)}</Text>
		</>
	);
}

/** Who serves the lab, beside the store: `(serving, 2 attached)`, `(attached: console pid 41, 2 consoles)`. */
function servingText(serving: HeaderFacts['serving']): string {
	if (!serving) return '';
	if (serving.role === 'serving') return `  (serving${serving.clients > 0 ? `, ${serving.clients} attached` : ''})`;
	if (serving.role === 'lost') return '  (lab server gone: reconnecting)';
	const consoles = `${serving.clients} console${serving.clients === 1 ? '' : 's'}`;
	return `  (attached: ${serving.by === 'console' ? 'console' : 'lab serve'} pid ${serving.pid}, ${consoles})`;
}

export function PaneTabs() {
	const {ui, layout, theme, registry} = useUIState();
	const parts: React.ReactNode[] = [];
	let used = 0;
	for (const pane of PANES) {
		const key = registry.keysFor(`pane.${pane}`)[0];
		const label = `${key ? keyLabel(key) + ' ' : ''}${PANE_TITLES[pane]}`;
		const focused = pane === ui.pane;
		const text = focused ? `[${label}]` : ` ${label} `;
		if (used + text.length + 1 > layout.cols) break;
		parts.push(
			<Text key={pane} bold={focused} inverse={focused && !theme.noColor} color={focused ? theme.tone.accent : undefined}>
				{text}
			</Text>,
			<Text key={pane + '-sep'}> </Text>,
		);
		used += text.length + 1;
	}
	return (
		<Text>
			<Text> </Text>
			{parts}
		</Text>
	);
}

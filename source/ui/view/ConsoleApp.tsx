/**
 * The console's root component: subscribes to the model (coalescing bursts of changes into one
 * frame), follows the terminal's size, and owns the one useInput of the app.
 */
import React, {useCallback, useEffect, useMemo, useSyncExternalStore} from 'react';
import {useInput, useStdout} from 'ink';
import type {ConsoleController} from '../controller/ConsoleController.js';
import type {KeyRegistry} from '../keys/KeyRegistry.js';
import {computeLayout} from '../layout.js';
import type {ConsoleSnapshot, ConsoleSource} from '../model/ConsoleSource.js';
import type {ListViews} from '../state/listViews.js';
import type {UiStore} from '../state/uiState.js';
import {makeTheme} from '../theme.js';
import {UIActionsContext, UIStateContext} from './contexts.js';
import {Screen} from './Screen.js';

export interface ConsoleAppProps {
	readonly source: ConsoleSource;
	readonly registry: KeyRegistry;
	readonly store: UiStore;
	readonly controller: ConsoleController;
	readonly views: ListViews;
	readonly noColor: boolean;
	/** Minimum ms between frames caused by model changes (default 0: every burst at once; mountConsole uses 50). */
	readonly modelFrameMs?: number;
}

/**
 * The model's snapshot. Bursts of model changes (a clock at 100x, an RSCN storm) become at most
 * one frame per `frameMs`; keys re-render at once and read the newest snapshot anyway.
 */
function useSnapshot(source: ConsoleSource, frameMs: number): ConsoleSnapshot {
	const subscribe = useCallback(
		(onChange: () => void) => {
			let pending: {cancel(): void} | undefined;
			let last = 0;
			const flush = () => {
				pending = undefined;
				last = performance.now();
				onChange();
			};
			const unsubscribe = source.subscribe(() => {
				if (pending) return;
				const wait = last + frameMs - performance.now();
				if (wait <= 0) {
					const id = setImmediate(flush);
					pending = {cancel: () => clearImmediate(id)};
				} else {
					const id = setTimeout(flush, wait);
					pending = {cancel: () => clearTimeout(id)};
				}
			});
			return () => {
				unsubscribe();
				pending?.cancel();
			};
		},
		[source, frameMs],
	);
	return useSyncExternalStore(subscribe, source.getSnapshot);
}

function useTerminalSize(store: UiStore): void {
	const {stdout} = useStdout();
	useEffect(() => {
		const onResize = () => store.dispatch({type: 'resize', cols: stdout.columns || 80, rows: stdout.rows || 24});
		onResize();
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, store]);
}

export function ConsoleApp({source, registry, store, controller, views, noColor, modelFrameMs = 0}: ConsoleAppProps) {
	const ui = useSyncExternalStore(store.subscribe, store.getState);
	const snapshot = useSnapshot(source, modelFrameMs);
	useTerminalSize(store);
	useInput(controller.handleInput);
	const theme = useMemo(() => makeTheme(noColor), [noColor]);
	const layout = useMemo(() => computeLayout(ui), [ui.cols, ui.rows, ui.detail, ui.prompt]);
	const state = useMemo(() => ({ui, snapshot, layout, theme, registry, views}), [ui, snapshot, layout, theme, registry, views]);
	const actions = useMemo(() => ({controller, source}), [controller, source]);
	return (
		<UIActionsContext.Provider value={actions}>
			<UIStateContext.Provider value={state}>
				<Screen />
			</UIStateContext.Provider>
		</UIActionsContext.Provider>
	);
}

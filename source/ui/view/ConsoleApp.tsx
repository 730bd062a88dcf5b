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
}

function useSnapshot(source: ConsoleSource): ConsoleSnapshot {
	const subscribe = useCallback(
		(onChange: () => void) => {
			let pending: NodeJS.Immediate | undefined;
			const unsubscribe = source.subscribe(() => {
				pending ??= setImmediate(() => {
					pending = undefined;
					onChange();
				});
			});
			return () => {
				unsubscribe();
				if (pending) clearImmediate(pending);
			};
		},
		[source],
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

export function ConsoleApp({source, registry, store, controller, views, noColor}: ConsoleAppProps) {
	const ui = useSyncExternalStore(store.subscribe, store.getState);
	const snapshot = useSnapshot(source);
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

/**
 * gemini-cli style: read-only state for a frame in one context, stable actions in another, so
 * components that only act never re-render because the state changed.
 */
import {createContext, useContext} from 'react';
import type {ConsoleController} from '../controller/ConsoleController.js';
import type {KeyRegistry} from '../keys/KeyRegistry.js';
import type {Layout} from '../layout.js';
import type {ConsoleSnapshot, ConsoleSource} from '../model/ConsoleSource.js';
import type {ListViews} from '../state/listViews.js';
import type {UiState} from '../state/uiState.js';
import type {Theme} from '../theme.js';

export interface UIStateValue {
	readonly ui: UiState;
	readonly snapshot: ConsoleSnapshot;
	readonly layout: Layout;
	readonly theme: Theme;
	readonly registry: KeyRegistry;
	readonly views: ListViews;
}

export interface UIActionsValue {
	readonly controller: ConsoleController;
	readonly source: ConsoleSource;
}

export const UIStateContext = createContext<UIStateValue | null>(null);
export const UIActionsContext = createContext<UIActionsValue | null>(null);

export function useUIState(): UIStateValue {
	const value = useContext(UIStateContext);
	if (!value) throw new Error('useUIState outside the console');
	return value;
}

export function useUIActions(): UIActionsValue {
	const value = useContext(UIActionsContext);
	if (!value) throw new Error('useUIActions outside the console');
	return value;
}

/**
 * Dialogs as plain data: a confirmation (Cancel focused) or a small form of text, pick-list and
 * checkbox fields with Cancel/OK buttons. What a dialog does when chosen is a `PendingAction`
 * descriptor, carried out by the controller, so the state stays serialisable and testable.
 */
import type {LinkRef, RowKey} from '../model/ConsoleSource.js';
import {editText, textEdit, type TextEdit, type TextEditAction} from './textEdit.js';

export type PendingAction =
	| {readonly type: 'vport.delete'; readonly key: RowKey}
	| {readonly type: 'domain.shutdown' | 'domain.destroy' | 'domain.reboot'; readonly key: RowKey}
	| {readonly type: 'port.disable' | 'cable.pull'; readonly ref: LinkRef}
	| {readonly type: 'app.quit'};

export type FormPurpose =
	| {readonly type: 'vport.create'}
	| {readonly type: 'domain.migrate'; readonly key: RowKey}
	| {readonly type: 'domain.npivAttach'; readonly key: RowKey}
	| {readonly type: 'domain.npivDetach'; readonly key: RowKey}
	| {readonly type: 'domain.create'};

export interface PickOption {
	readonly value: string;
	readonly label: string;
}

export type Field =
	| {
			readonly kind: 'text';
			readonly id: string;
			readonly label: string;
			readonly edit: TextEdit;
			/** Shown dim while empty (`random`). */
			readonly placeholder: string;
	  }
	| {
			readonly kind: 'pick';
			readonly id: string;
			readonly label: string;
			readonly options: readonly PickOption[];
			readonly index: number;
			/** Options that depend on another pick field's value (ports of the chosen host). */
			readonly dependsOn?: {readonly field: string; readonly options: Readonly<Record<string, readonly PickOption[]>>};
	  }
	| {readonly kind: 'toggle'; readonly id: string; readonly label: string; readonly value: boolean};

export interface ConfirmDialog {
	readonly kind: 'confirm';
	readonly title: string;
	readonly body: readonly string[];
	readonly confirmLabel: string;
	readonly action: PendingAction;
	/** 0 = Cancel (the initial focus), 1 = confirm. */
	readonly focus: 0 | 1;
}

export interface FormDialog {
	readonly kind: 'form';
	readonly title: string;
	readonly body: readonly string[];
	readonly purpose: FormPurpose;
	readonly fields: readonly Field[];
	/** Index into fields, then `fields.length` = Cancel, `fields.length + 1` = submit. */
	readonly focus: number;
	readonly submitLabel: string;
	/** Destructive: opens on Cancel and Enter in a field does not submit. */
	readonly danger: boolean;
	readonly error: string | null;
}

export type DialogState = ConfirmDialog | FormDialog;

export function confirmDialog(title: string, body: readonly string[], confirmLabel: string, action: PendingAction): ConfirmDialog {
	return {kind: 'confirm', title, body, confirmLabel, action, focus: 0};
}

export function formDialog(
	title: string,
	purpose: FormPurpose,
	fields: readonly Field[],
	submitLabel: string,
	opts: {body?: readonly string[]; danger?: boolean} = {},
): FormDialog {
	const danger = opts.danger ?? false;
	return {kind: 'form', title, body: opts.body ?? [], purpose, fields, focus: danger ? fields.length : 0, submitLabel, danger, error: null};
}

export function textField(id: string, label: string, placeholder = '', value = ''): Field {
	return {kind: 'text', id, label, edit: textEdit(value), placeholder};
}

/** The options a pick field offers now (after its parent's choice). */
export function pickOptions(dialog: FormDialog, field: Extract<Field, {kind: 'pick'}>): readonly PickOption[] {
	if (!field.dependsOn) return field.options;
	const parent = valueOf(dialog, field.dependsOn.field);
	return field.dependsOn.options[parent] ?? [];
}

/** A field's value as text: the edit text, the picked option's value, or `yes`/`no`. */
export function valueOf(dialog: FormDialog, id: string): string {
	const field = dialog.fields.find(f => f.id === id);
	if (!field) return '';
	if (field.kind === 'text') return field.edit.text.trim();
	if (field.kind === 'toggle') return field.value ? 'yes' : 'no';
	return pickOptions(dialog, field)[field.index]?.value ?? '';
}

export type DialogFocus = {readonly type: 'field'; readonly field: Field} | {readonly type: 'cancel'} | {readonly type: 'submit'};

export function dialogFocus(dialog: DialogState): DialogFocus {
	if (dialog.kind === 'confirm') return dialog.focus === 0 ? {type: 'cancel'} : {type: 'submit'};
	if (dialog.focus < dialog.fields.length) return {type: 'field', field: dialog.fields[dialog.focus]!};
	return dialog.focus === dialog.fields.length ? {type: 'cancel'} : {type: 'submit'};
}

export type DialogAction =
	| {readonly type: 'next'}
	| {readonly type: 'prev'}
	| {readonly type: 'option'; readonly delta: 1 | -1}
	| {readonly type: 'toggle'}
	| {readonly type: 'edit'; readonly action: TextEditAction}
	| {readonly type: 'error'; readonly error: string | null};

/** Local widget state of a dialog: focus movement, pick lists, checkboxes, text fields. */
export function dialogReducer(dialog: DialogState, action: DialogAction): DialogState {
	if (dialog.kind === 'confirm') {
		if (action.type === 'next' || action.type === 'prev' || action.type === 'option') return {...dialog, focus: dialog.focus === 0 ? 1 : 0};
		return dialog;
	}
	const stops = dialog.fields.length + 2;
	switch (action.type) {
		case 'next':
			return {...dialog, focus: (dialog.focus + 1) % stops};
		case 'prev':
			return {...dialog, focus: (dialog.focus - 1 + stops) % stops};
		case 'error':
			return {...dialog, error: action.error};
		default:
			break;
	}
	const focus = dialogFocus(dialog);
	if (focus.type !== 'field') {
		// Left/right between the buttons.
		if (action.type === 'option') return {...dialog, focus: focus.type === 'cancel' ? dialog.fields.length + 1 : dialog.fields.length};
		return dialog;
	}
	const field = focus.field;
	let next: Field = field;
	if (action.type === 'option' && field.kind === 'pick') {
		const count = pickOptions(dialog, field).length;
		if (count > 0) next = {...field, index: (field.index + action.delta + count) % count};
	} else if (action.type === 'toggle' && field.kind === 'toggle') {
		next = {...field, value: !field.value};
	} else if (action.type === 'option' && field.kind === 'toggle') {
		next = {...field, value: !field.value};
	} else if (action.type === 'edit' && field.kind === 'text') {
		next = {...field, edit: editText(field.edit, action.action)};
	}
	if (next === field) return dialog;
	const fields = dialog.fields.map(f => {
		if (f === field) return next;
		// A parent pick changed: its children start again at their first option.
		if (f.kind === 'pick' && f.dependsOn?.field === field.id) return {...f, index: 0};
		return f;
	});
	return {...dialog, fields, error: null};
}

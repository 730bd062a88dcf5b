/** A one-line text field: value and cursor, edited by a pure reducer. */
export interface TextEdit {
	readonly text: string;
	/** Code-unit index, 0..text.length. */
	readonly cursor: number;
}

export type TextEditAction =
	| {readonly type: 'insert'; readonly text: string}
	| {readonly type: 'deleteLeft'}
	| {readonly type: 'deleteWord'}
	| {readonly type: 'clear'}
	| {readonly type: 'left'}
	| {readonly type: 'right'}
	| {readonly type: 'home'}
	| {readonly type: 'end'}
	| {readonly type: 'set'; readonly text: string};

export function textEdit(text = ''): TextEdit {
	return {text, cursor: text.length};
}

export function editText(state: TextEdit, action: TextEditAction): TextEdit {
	const {text, cursor} = state;
	switch (action.type) {
		case 'insert':
			return {text: text.slice(0, cursor) + action.text + text.slice(cursor), cursor: cursor + action.text.length};
		case 'deleteLeft':
			return cursor === 0 ? state : {text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1};
		case 'deleteWord': {
			const before = text.slice(0, cursor).replace(/\S*\s*$/, '');
			return {text: before + text.slice(cursor), cursor: before.length};
		}
		case 'clear':
			return {text: '', cursor: 0};
		case 'left':
			return {text, cursor: Math.max(0, cursor - 1)};
		case 'right':
			return {text, cursor: Math.min(text.length, cursor + 1)};
		case 'home':
			return {text, cursor: 0};
		case 'end':
			return {text, cursor: text.length};
		case 'set':
			return textEdit(action.text);
	}
}

/** The edit command ids of the registry, as reducer actions. */
export function editActionFor(command: string | undefined): TextEditAction | undefined {
	switch (command) {
		case 'edit.deleteLeft':
			return {type: 'deleteLeft'};
		case 'edit.deleteWord':
			return {type: 'deleteWord'};
		case 'edit.clear':
			return {type: 'clear'};
		case 'edit.left':
			return {type: 'left'};
		case 'edit.right':
			return {type: 'right'};
		case 'edit.home':
			return {type: 'home'};
		case 'edit.end':
			return {type: 'end'};
		default:
			return undefined;
	}
}

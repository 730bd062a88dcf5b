export interface Column {
	readonly header: string;
	/** Numbers read best right-aligned. */
	readonly align?: 'left' | 'right';
}

/**
 * Aligned columns, two spaces apart, no trailing spaces: the kind of table people read in a
 * terminal and still grep. Each line ends with a newline.
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
	const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map(r => (r[i] ?? '').length)));
	const line = (cells: readonly string[]) =>
		columns
			.map((c, i) => {
				const cell = cells[i] ?? '';
				return c.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
			})
			.join('  ')
			.trimEnd();
	return [line(columns.map(c => c.header)), ...rows.map(line)].map(l => `${l}\n`).join('');
}

/**
 * A unified diff of two screens, line by line, so a failed check shows what changed the way
 * `diff -u` and code review tools do.
 */

export interface DiffLabels {
	readonly before: string;
	readonly after: string;
}

type Edit = {readonly op: ' ' | '-' | '+'; readonly text: string; readonly a: number; readonly b: number};

const MAX_TABLE = 4_000_000;

export function unifiedDiff(before: string, after: string, labels: DiffLabels, context = 3): string {
	// a final newline ends the last line; it is not an empty line of its own
	const a = before.replace(/\n$/, '').split('\n');
	const b = after.replace(/\n$/, '').split('\n');
	const edits = diffLines(a, b);
	if (edits.every(edit => edit.op === ' ')) return '';
	const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
	let i = 0;
	while (i < edits.length) {
		if (edits[i]!.op === ' ') {
			i++;
			continue;
		}
		// a hunk: this change, and every later change within 2*context lines of it
		const first = Math.max(0, i - context);
		let last = i;
		for (let j = i; j < edits.length; j++) {
			if (edits[j]!.op !== ' ') last = j;
			else if (j - last > 2 * context) break;
		}
		const end = Math.min(edits.length - 1, last + context);
		const hunk = edits.slice(first, end + 1);
		const aStart = hunk[0]!.a;
		const bStart = hunk[0]!.b;
		const aCount = hunk.filter(edit => edit.op !== '+').length;
		const bCount = hunk.filter(edit => edit.op !== '-').length;
		out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
		for (const edit of hunk) out.push(edit.op + edit.text);
		i = end + 1;
	}
	return out.join('\n') + '\n';
}

function range(start: number, count: number): string {
	// diff -u numbers lines from 1, and an empty range names the line before it
	const from = count === 0 ? start : start + 1;
	return count === 1 ? `${from}` : `${from},${count}`;
}

function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
	let prefix = 0;
	while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
	let suffix = 0;
	while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
	const edits: Edit[] = [];
	for (let k = 0; k < prefix; k++) edits.push({op: ' ', text: a[k]!, a: k, b: k});
	const aMid = a.slice(prefix, a.length - suffix);
	const bMid = b.slice(prefix, b.length - suffix);
	for (const edit of middle(aMid, bMid)) edits.push({...edit, a: edit.a + prefix, b: edit.b + prefix});
	for (let k = suffix; k > 0; k--) edits.push({op: ' ', text: a[a.length - k]!, a: a.length - k, b: b.length - k});
	return edits;
}

/** Longest common subsequence by table; too large a table is shown as a whole replacement. */
function middle(a: readonly string[], b: readonly string[]): Edit[] {
	const n = a.length;
	const m = b.length;
	const edits: Edit[] = [];
	if ((n + 1) * (m + 1) > MAX_TABLE) {
		for (let i = 0; i < n; i++) edits.push({op: '-', text: a[i]!, a: i, b: 0});
		for (let j = 0; j < m; j++) edits.push({op: '+', text: b[j]!, a: n, b: j});
		return edits;
	}
	const width = m + 1;
	const lcs = new Uint32Array((n + 1) * width);
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
		}
	}
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[i] === b[j]) {
			edits.push({op: ' ', text: a[i]!, a: i, b: j});
			i++;
			j++;
		} else if (i < n && (j === m || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
			edits.push({op: '-', text: a[i]!, a: i, b: j});
			i++;
		} else {
			edits.push({op: '+', text: b[j]!, a: i, b: j});
			j++;
		}
	}
	return edits;
}

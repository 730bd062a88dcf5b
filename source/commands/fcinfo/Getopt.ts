/**
 * The illumos libc getopt_long(3C) as cmdparse drives it: GNU-style permutation (operands may
 * come before, between or after options), `--` ends the options, long options may be
 * abbreviated, `--opt=arg` or `--opt arg`, short clusters `-ls`, `-pWWN`. Its complaints go to
 * stderr prefixed with the argv[0] it was given (for the subcommand pass that is the
 * subcommand word as typed, e.g. `hba-port: illegal option -- x`).
 */

export interface LongOption {
	readonly name: string;
	readonly hasArg: boolean;
	/** The short letter the long option stands for. */
	readonly val: string;
}

/** What one getopt_long call returned. */
export type GetoptStep =
	| {readonly kind: 'option'; readonly val: string; readonly arg?: string}
	/** getopt returned '?': `optopt` is the offending letter ('' when there is none, as for an unknown long option). */
	| {readonly kind: 'error'; readonly optopt: string; readonly message?: string};

export interface GetoptRun {
	readonly steps: Iterable<GetoptStep>;
	/** The operands, in order, once the steps have been consumed to the end. */
	operands(): string[];
}

/**
 * Run getopt_long over `args` (args[0] is the program name getopt prints in its messages).
 * `posix` is the leading '+' of cmdparse's first pass: stop at the first operand.
 */
export function getoptLong(args: readonly string[], optstring: string, longOptions: readonly LongOption[], posix: boolean): GetoptRun {
	const argv0 = args[0] ?? '';
	const skipped: string[] = [];
	let rest: string[] = [];

	function* walk(): Generator<GetoptStep> {
		let i = 1;
		while (i < args.length) {
			const word = args[i]!;
			if (word === '--') {
				rest = args.slice(i + 1);
				return;
			}
			if (!word.startsWith('-') || word === '-') {
				if (posix) {
					rest = args.slice(i);
					return;
				}
				skipped.push(word);
				i++;
				continue;
			}
			if (word.startsWith('--')) {
				const {step, next} = longOption(word.slice(2), i);
				i = next;
				yield step;
				continue;
			}
			// a cluster of short options
			let place = word.slice(1);
			i++;
			while (place.length > 0) {
				const letter = place[0]!;
				place = place.slice(1);
				const at = letter === ':' ? -1 : optstring.indexOf(letter);
				if (at < 0) {
					if (letter === '-') {
						// `-l-`: getopt takes the stray '-' as the end of the options
						rest = args.slice(i - 1);
						return;
					}
					yield {kind: 'error', optopt: letter, message: `${argv0}: illegal option -- ${letter}`};
					continue;
				}
				if (optstring[at + 1] !== ':') {
					yield {kind: 'option', val: letter};
					continue;
				}
				if (place.length > 0) {
					yield {kind: 'option', val: letter, arg: place};
				} else if (i < args.length) {
					yield {kind: 'option', val: letter, arg: args[i]!};
					i++;
				} else {
					yield {kind: 'error', optopt: letter, message: `${argv0}: option requires an argument -- ${letter}`};
				}
				break;
			}
		}
	}

	function longOption(text: string, index: number): {step: GetoptStep; next: number} {
		const eq = text.indexOf('=');
		const name = eq >= 0 ? text.slice(0, eq) : text;
		let match = -1;
		for (let k = 0; k < longOptions.length; k++) {
			const candidate = longOptions[k]!.name;
			if (!candidate.startsWith(name)) continue;
			if (candidate.length === name.length) {
				match = k;
				break;
			}
			if (match === -1) {
				match = k;
			} else {
				// no GNU leniency: two partial matches are ambiguous even when they mean the same letter
				return {step: {kind: 'error', optopt: '', message: `${argv0}: ambiguous option -- ${name}`}, next: index + 1};
			}
		}
		if (match === -1) {
			return {step: {kind: 'error', optopt: '', message: `${argv0}: illegal option -- ${text}`}, next: index + 1};
		}
		const option = longOptions[match]!;
		if (!option.hasArg) {
			if (eq >= 0) {
				return {step: {kind: 'error', optopt: option.val, message: `${argv0}: option doesn't take an argument -- ${name}`}, next: index + 1};
			}
			return {step: {kind: 'option', val: option.val}, next: index + 1};
		}
		if (eq >= 0) return {step: {kind: 'option', val: option.val, arg: text.slice(eq + 1)}, next: index + 1};
		if (index + 1 < args.length) return {step: {kind: 'option', val: option.val, arg: args[index + 1]!}, next: index + 2};
		return {step: {kind: 'error', optopt: option.val, message: `${argv0}: option requires an argument -- ${text}`}, next: index + 1};
	}

	return {
		steps: walk(),
		operands: () => [...skipped, ...rest],
	};
}

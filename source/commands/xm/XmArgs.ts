/**
 * Python's getopt as xm uses it (gnu_getopt: options may follow operands; `--` ends them; long
 * options match by unique prefix), with Python's error texts.
 */
export class GetoptError extends Error {}

export interface Parsed {
	/** [option as written in canonical form (`-l`, `--live`), value ('' when none)]. */
	readonly opts: [string, string][];
	readonly args: string[];
}

export function gnuGetopt(argv: readonly string[], shortopts: string, longopts: readonly string[]): Parsed {
	const opts: [string, string][] = [];
	const args: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		if (a === '--') {
			args.push(...argv.slice(i + 1));
			break;
		}
		if (a.startsWith('--')) {
			const eq = a.indexOf('=');
			const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
			const matches = longopts.filter(l => l.replace(/=$/, '').startsWith(name));
			const exact = longopts.find(l => l.replace(/=$/, '') === name);
			const chosen = exact ?? (matches.length === 1 ? matches[0] : undefined);
			if (!chosen) {
				if (matches.length > 1) throw new GetoptError(`option --${name} not a unique prefix`);
				throw new GetoptError(`option --${name} not recognized`);
			}
			const takesArg = chosen.endsWith('=');
			const canonical = `--${chosen.replace(/=$/, '')}`;
			if (takesArg) {
				if (eq >= 0) opts.push([canonical, a.slice(eq + 1)]);
				else if (i + 1 < argv.length) opts.push([canonical, argv[++i]!]);
				else throw new GetoptError(`option ${canonical} requires argument`);
			} else {
				if (eq >= 0) throw new GetoptError(`option ${canonical} must not have an argument`);
				opts.push([canonical, '']);
			}
			continue;
		}
		if (a.startsWith('-') && a !== '-') {
			for (let j = 1; j < a.length; j++) {
				const c = a[j]!;
				const at = shortopts.indexOf(c);
				if (at < 0 || c === ':') throw new GetoptError(`option -${c} not recognized`);
				if (shortopts[at + 1] === ':') {
					const rest = a.slice(j + 1);
					if (rest) opts.push([`-${c}`, rest]);
					else if (i + 1 < argv.length) opts.push([`-${c}`, argv[++i]!]);
					else throw new GetoptError(`option -${c} requires argument`);
					break;
				}
				opts.push([`-${c}`, '']);
			}
			continue;
		}
		args.push(a);
	}
	return {opts, args};
}

export function has(p: Parsed, ...names: string[]): boolean {
	return p.opts.some(([k]) => names.includes(k));
}

export function value(p: Parsed, ...names: string[]): string | undefined {
	let v: string | undefined;
	for (const [k, x] of p.opts) if (names.includes(k)) v = x;
	return v;
}

/** xm's int_unit(str, 'm'): a number with an optional k/m/g suffix, in MiB. */
export function intUnitMiB(text: string): number {
	const m = /^(-?\d+)([kKmMgG]?)$/.exec(text.trim());
	if (!m) throw new RangeError(text);
	const v = Number(m[1]);
	switch (m[2]!.toLowerCase()) {
		case 'k':
			return Math.trunc(v / 1024);
		case 'g':
			return v * 1024;
		default:
			return v;
	}
}

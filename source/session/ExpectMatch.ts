/**
 * An `expect` step's regular expression run on a time budget. The pattern comes from a session
 * file, which may come from anyone, and V8's backtracking engine can take exponential time on a
 * pattern such as `(\s*)*$x`; a RegExp cannot be interrupted from JavaScript, but a script run by
 * node:vm with a `timeout` can (V8 terminates the running execution, RegExp included). So the
 * match runs in a small context of its own, and past the budget the step fails with a clear
 * error instead of holding a core (and the process's signal handling) for minutes.
 */
import vm from 'node:vm';

/** Wall-clock milliseconds one expect may take; a sane pattern on a 100x30 screen needs well under 1. */
export const EXPECT_BUDGET_MS = 2000;

export class ExpectBudgetError extends Error {
	constructor(readonly budgetMs: number) {
		super(`the regular expression took more than ${budgetMs / 1000} s and was stopped (a nested repetition such as (a*)* backtracks without end; simplify it)`);
		this.name = 'ExpectBudgetError';
	}
}

interface MatchContext {
	pattern: string;
	flags: string;
	subject: string;
}

let context: (MatchContext & vm.Context) | undefined;
const script = new vm.Script('(() => { const m = new RegExp(pattern, flags).exec(subject); return m === null ? null : m[0]; })()', {filename: 'expect'});

/** The first match of `pattern` in `subject` (its text), or null; throws ExpectBudgetError past the budget. */
export function matchWithin(pattern: string, flags: string, subject: string, budgetMs: number = EXPECT_BUDGET_MS): string | null {
	context ??= vm.createContext({pattern: '', flags: '', subject: ''}) as MatchContext & vm.Context;
	context.pattern = pattern;
	context.flags = flags;
	context.subject = subject;
	try {
		return script.runInContext(context, {timeout: budgetMs}) as string | null;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new ExpectBudgetError(budgetMs);
		// The other realm's SyntaxError is not ours: rethrow its message as one (the parser has checked the pattern already).
		throw new SyntaxError((error as Error).message);
	} finally {
		// A screen can be large: do not keep it alive in the context between steps.
		context.subject = '';
	}
}

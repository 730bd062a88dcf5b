/** Problems with a session, each tied to a file and line, shown as `drill.tape:7: what was expected`. */

export interface SessionProblem {
	readonly file: string;
	readonly line: number;
	readonly message: string;
}

export function formatProblem(problem: SessionProblem): string {
	return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** A session that cannot be read: every problem found, reported before anything runs. */
export class SessionSyntaxError extends Error {
	readonly problems: readonly SessionProblem[];

	constructor(problems: readonly SessionProblem[]) {
		super(problems.map(formatProblem).join('\n'));
		this.name = 'SessionSyntaxError';
		this.problems = problems;
	}
}

/** A session that reads well but cannot be replayed as asked (a missing store file, --apply on a scenario). */
export class ReplayError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReplayError';
	}
}

/**
 * The completion of something that takes simulated time (a domain build, a shutdown, a migration).
 * Not a Promise: promise continuations run on the microtask queue, outside the simulator's event
 * order, so a command driving the clock step by step would never see them. A XenOp settles inside
 * a simulator event and calls its listeners there and then.
 */
export type XenOpListener<T> = (op: XenOp<T>) => void;

export class XenOp<T = void> {
	private state: 'pending' | 'ok' | 'failed' = 'pending';
	private result: T | undefined;
	private message = '';
	private listeners: XenOpListener<T>[] = [];

	static ok<T>(value: T): XenOp<T> {
		const op = new XenOp<T>();
		op.resolve(value);
		return op;
	}

	static done(): XenOp<void> {
		const op = new XenOp<void>();
		op.resolve();
		return op;
	}

	static failed<T = void>(message: string): XenOp<T> {
		const op = new XenOp<T>();
		op.fail(message);
		return op;
	}

	get done(): boolean {
		return this.state !== 'pending';
	}

	get succeeded(): boolean {
		return this.state === 'ok';
	}

	/** The error text (as xend raises it), when failed. */
	get error(): string | undefined {
		return this.state === 'failed' ? this.message : undefined;
	}

	get value(): T | undefined {
		return this.result;
	}

	resolve(value: T): void {
		if (this.state !== 'pending') return;
		this.state = 'ok';
		this.result = value;
		this.flush();
	}

	fail(message: string): void {
		if (this.state !== 'pending') return;
		this.state = 'failed';
		this.message = message;
		this.flush();
	}

	/** Runs `listener` when settled (at once if already settled). */
	then(listener: XenOpListener<T>): this {
		if (this.done) listener(this);
		else this.listeners.push(listener);
		return this;
	}

	/** Settles `other` the same way when this one settles. */
	forward<U>(other: XenOp<U>, map: (value: T) => U): this {
		return this.then(op => (op.succeeded ? other.resolve(map(op.value as T)) : other.fail(op.error!)));
	}

	private flush(): void {
		const ls = this.listeners;
		this.listeners = [];
		for (const l of ls) l(this);
	}
}

/** Settles when every op has; fails with the first failure (in list order). */
export function allOps<T>(ops: readonly XenOp<T>[]): XenOp<void> {
	const all = new XenOp<void>();
	let left = ops.length;
	if (left === 0) {
		all.resolve();
		return all;
	}
	const settle = (): void => {
		if (--left > 0) return;
		const bad = ops.find(o => !o.succeeded);
		if (bad) all.fail(bad.error!);
		else all.resolve();
	};
	for (const op of ops) op.then(settle);
	return all;
}

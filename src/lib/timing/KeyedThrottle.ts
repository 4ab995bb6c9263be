interface KeyState<T> {
	timer: NodeJS.Timeout;
	pending: { value: T } | null;
}

/**
 * Passes values on at most once per `intervalMs` for each key, the latest value winning: the first value of a quiet key
 * goes at once; values arriving within the interval replace each other, and the last of them goes when it ends. A
 * source that changes many times a second (a station's song title) thus costs one delivery per interval.
 */
export class KeyedThrottle<T> {
	private readonly keys = new Map<string, KeyState<T>>();

	public constructor(
		private readonly intervalMs: number,
		private readonly deliver: (key: string, value: T) => void
	) {}

	/** Keys with a running interval (a delivery just happened or one is pending). */
	public get size(): number {
		return this.keys.size;
	}

	public push(key: string, value: T): void {
		const state = this.keys.get(key);
		if (state) {
			state.pending = { value };
			return;
		}
		this.keys.set(key, { timer: this.arm(key), pending: null });
		this.deliver(key, value);
	}

	/** Forgets the key: a pending value is dropped, and the next value goes at once. */
	public cancel(key: string): void {
		const state = this.keys.get(key);
		if (!state) return;
		clearTimeout(state.timer);
		this.keys.delete(key);
	}

	public dispose(): void {
		for (const key of [...this.keys.keys()]) this.cancel(key);
	}

	private arm(key: string): NodeJS.Timeout {
		const timer = setTimeout(() => this.flush(key), this.intervalMs);
		timer.unref();
		return timer;
	}

	private flush(key: string): void {
		const state = this.keys.get(key);
		if (!state) return;
		if (!state.pending) {
			this.keys.delete(key);
			return;
		}
		const { value } = state.pending;
		state.pending = null;
		state.timer = this.arm(key);
		this.deliver(key, value);
	}
}

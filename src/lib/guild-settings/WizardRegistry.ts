export interface WizardRegistryOptions<T> {
	/** An entry untouched this long is removed and handed to `onExpire`. */
	idleTimeoutMs: number;
	onExpire(entry: T): void;
	/** Injected in unit tests to drive time by hand. */
	timers?: Timers;
}

export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
	setTimeout: (callback, ms) => {
		// A pending wizard must not keep the process alive on shutdown.
		const timer = setTimeout(callback, ms);
		timer.unref();
		return timer;
	},
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
};

/** Live wizards by id; each expires after a quiet spell, so an abandoned one frees its memory and says so. */
export class WizardRegistry<T extends { readonly id: string }> {
	private readonly entries = new Map<string, { entry: T; timer: unknown }>();
	private readonly timers: Timers;

	public constructor(private readonly options: WizardRegistryOptions<T>) {
		this.timers = options.timers ?? realTimers;
	}

	public get size(): number {
		return this.entries.size;
	}

	public add(entry: T): void {
		this.remove(entry.id);
		this.entries.set(entry.id, { entry, timer: this.startTimer(entry) });
	}

	/** The live entry, with its idle timer restarted; undefined once it expired or ended. */
	public touch(id: string): T | undefined {
		const found = this.entries.get(id);
		if (!found) return undefined;
		this.timers.clearTimeout(found.timer);
		found.timer = this.startTimer(found.entry);
		return found.entry;
	}

	/** Ends an entry (saved or cancelled) without calling `onExpire`. */
	public remove(id: string): T | undefined {
		const found = this.entries.get(id);
		if (!found) return undefined;
		this.timers.clearTimeout(found.timer);
		this.entries.delete(id);
		return found.entry;
	}

	/** Ends every entry matching `predicate` (without `onExpire`) and returns them. */
	public removeWhere(predicate: (entry: T) => boolean): T[] {
		const removed = [...this.entries.values()].map(({ entry }) => entry).filter(predicate);
		for (const entry of removed) this.remove(entry.id);
		return removed;
	}

	public clear(): void {
		for (const { timer } of this.entries.values()) this.timers.clearTimeout(timer);
		this.entries.clear();
	}

	private startTimer(entry: T): unknown {
		return this.timers.setTimeout(() => {
			if (this.entries.get(entry.id)?.entry !== entry) return;
			this.entries.delete(entry.id);
			this.options.onExpire(entry);
		}, this.options.idleTimeoutMs);
	}
}

/** One pending "leave if still alone" timer per guild. */
export class IdleWatcher {
	private readonly timers = new Map<string, NodeJS.Timeout>();

	public constructor(private readonly timeoutMs: number) {}

	/** Starts the countdown unless one runs already; `onTimeout` runs if nobody cancels it in time. */
	public start(guildId: string, onTimeout: () => void): void {
		if (this.timers.has(guildId)) return;
		const timer = setTimeout(() => {
			this.timers.delete(guildId);
			onTimeout();
		}, this.timeoutMs);
		timer.unref();
		this.timers.set(guildId, timer);
	}

	public cancel(guildId: string): void {
		clearTimeout(this.timers.get(guildId));
		this.timers.delete(guildId);
	}
}

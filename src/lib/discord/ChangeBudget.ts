import { RateLimitManager } from '@sapphire/ratelimits';
import { time, TimestampStyles } from 'discord.js';
import { deny, type Denial } from '#lib/discord/Denial';
import type { TypedT } from '#lib/i18n/T';

export interface ChangeBudgetOptions {
	/** Changes one key (a member, a server) may make… */
	readonly changes: number;
	/** …within this window. */
	readonly windowMs: number;
}

/**
 * How many changes one member (playback) or one server (setup and stations) may make in a window, so nobody can make the
 * bot rejoin, restart streams or rewrite settings in a loop. The budget of each key refills when its window ends.
 */
export class ChangeBudget {
	private readonly limits: RateLimitManager<string>;

	public constructor(private readonly options: ChangeBudgetOptions) {
		this.limits = new RateLimitManager<string>(options.windowMs, options.changes);
	}

	/** Takes one change from `key`'s budget; returns when they may try again if it is spent, else null. */
	public take(key: string, now = Date.now()): Date | null {
		const limit = this.limits.acquire(key);
		if (limit.limited) return new Date(now + limit.remainingTime);
		limit.consume();
		return null;
	}

	/** Gives back a change that changed nothing because the request itself was wrong (a typo'd station, a volume outside the limits). */
	public giveBack(key: string): void {
		const limit = this.limits.get(key);
		if (limit && !limit.expired && limit.remaining < this.options.changes) limit.remaining++;
	}

	/** Takes a change from `key`, or denies with `message`, which names (as a Discord relative timestamp) when the next one is possible. */
	public takeOrDeny(key: string, message: TypedT<{ retry: string }>): Denial | null {
		const retryAt = this.take(key);
		return retryAt ? deny(message, { retry: time(retryAt, TimestampStyles.RelativeTime) }) : null;
	}
}

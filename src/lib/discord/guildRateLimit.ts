import { RateLimitManager } from '@sapphire/ratelimits';
import { time, TimestampStyles } from 'discord.js';
import type { Denial } from '#lib/discord/Denial';
import { Preconditions } from '#lib/i18n/keys/index';

/** Setup and station changes per server: 10 within 60 s, shared by every admin of that server. */
const WindowMs = 60_000;
const ChangesPerWindow = 10;

const limits = new RateLimitManager<string>(WindowMs, ChangesPerWindow);

/** Counts one change for `guildId`; a denial with the retry time (a Discord relative timestamp) once the budget is spent. */
export function guildRateLimitDenial(guildId: string): Denial | null {
	const limit = limits.acquire(guildId);
	if (limit.limited) {
		const retryAt = new Date(Date.now() + limit.remainingTime);
		return { key: Preconditions.GuildRateLimited, variables: { retry: time(retryAt, TimestampStyles.RelativeTime) } };
	}
	limit.consume();
	return null;
}

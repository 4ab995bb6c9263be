import { Precondition } from '@sapphire/framework';
import { RateLimitManager } from '@sapphire/ratelimits';
import { time, TimestampStyles, type ChatInputCommandInteraction } from 'discord.js';
import { Preconditions } from '#lib/i18n/keys/index';

/** Playback commands per user: 5 within 30 s, so nobody can make the bot rejoin and restart streams in a loop. */
const WindowMs = 30_000;
const PlaybackCommandsPerWindow = 5;

export class PlaybackRateLimitPrecondition extends Precondition {
	private readonly limits = new RateLimitManager<string>(WindowMs, PlaybackCommandsPerWindow);

	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		return this.check(interaction.user.id);
	}

	private check(userId: string) {
		const limit = this.limits.acquire(userId);
		if (limit.limited) {
			const retryAt = new Date(Date.now() + limit.remainingTime);
			return this.error({ identifier: Preconditions.RateLimited, context: { retry: time(retryAt, TimestampStyles.RelativeTime) } });
		}
		limit.consume();
		return this.ok();
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		PlaybackRateLimit: never;
	}
}

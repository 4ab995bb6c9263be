import { Precondition } from '@sapphire/framework';
import { time, TimestampStyles, type ChatInputCommandInteraction } from 'discord.js';
import { Preconditions } from '#lib/i18n/keys/index';
import { takePlaybackChange } from '#lib/playback/playbackRateLimit';

/** Per-user budget for commands that change what plays (see takePlaybackChange). */
export class PlaybackRateLimitPrecondition extends Precondition {
	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const retryAt = takePlaybackChange(interaction.user.id);
		if (retryAt === null) return this.ok();
		return this.error({ identifier: Preconditions.RateLimited, context: { retry: time(retryAt, TimestampStyles.RelativeTime) } });
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		PlaybackRateLimit: never;
	}
}

import { Precondition } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { Preconditions } from '#lib/i18n/keys/index';

/** Per-member budget for commands that change what plays (`limits.playback_changes`), shared with the play gate. */
export class PlaybackRateLimitPrecondition extends Precondition {
	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const denial = this.container.playbackChanges.takeOrDeny(interaction.user.id, Preconditions.RateLimited);
		return denial ? this.error({ identifier: denial.key, context: denial.variables }) : this.ok();
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		PlaybackRateLimit: never;
	}
}

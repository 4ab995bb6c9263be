import { Precondition } from '@sapphire/framework';
import { time, TimestampStyles, type ChatInputCommandInteraction } from 'discord.js';
import { Preconditions } from '#lib/i18n/keys/index';

/** Directory searches and favourite changes per member (`limits.member_actions`): each costs a request or a write. */
export class MemberRateLimitPrecondition extends Precondition {
	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		const retryAt = this.container.memberActions.take(interaction.user.id);
		return retryAt
			? this.error({ identifier: Preconditions.Cooldown, context: { remaining: time(retryAt, TimestampStyles.RelativeTime) } })
			: this.ok();
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		MemberRateLimit: never;
	}
}

import { Precondition } from '@sapphire/framework';
import type { ChatInputCommandInteraction } from 'discord.js';
import { Preconditions } from '#lib/i18n/keys/index';

/** Setup and station changes, per server (`limits.setup_changes`): one admin (or several) cannot churn the settings store in a loop. */
export class GuildRateLimitPrecondition extends Precondition {
	public override chatInputRun(interaction: ChatInputCommandInteraction) {
		if (!interaction.guildId) return this.ok();
		const denial = this.container.setupChanges.takeOrDeny(interaction.guildId, Preconditions.GuildRateLimited);
		return denial ? this.error({ identifier: denial.key, context: denial.variables }) : this.ok();
	}
}

declare module '@sapphire/framework' {
	interface Preconditions {
		GuildRateLimit: never;
	}
}
